"""Matching a declared goods item against the watchlist.

Five methods, each a small function returning a ``list[Finding]``; a Finding's ``detail`` is the
sentence an investigator reads:

- ``match_exact``: the same standardised structure as an entry;
- ``match_unmasking``: conversion rules lead to an entry;
- ``match_family``: a generic precursor scaffold or controlled-drug class (also reached through
  unmasking, for the drug classes: a masked analogue that no list names);
- ``match_similarity``: fingerprint similarity above a threshold;
- ``match_identifier``: no structure, but the declared CN code is the code of an entry.

The first four look at the structure alone: ``analyse_structure`` runs them and is what the screening
engine caches per structure key. The declared CN code then decides the rest (``collect_findings``):
Category 4 medicinal products apply through their CN scope (``match_cn_scope``), and an item without
a structure is matched on its code. Matching finds; how much a finding weighs is decided in
``pipeline/scoring.py``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

from rdkit import Chem

from chemistry.families import CompiledFamily, compile_families
from chemistry.identifiers import CATCH_ALL_CN, PRESENTATION_UNSTATED, RESIDUAL_CN, Presentation
from chemistry.molecules import (
    Standardised,
    compute_degree_vector,
    compute_formula,
    compute_inchikey,
    compute_skeleton_key,
    compute_tautomer_key,
    order_atoms_canonically,
    standardise_mol,
)
from chemistry.rules import CompiledRule, apply_rule, compile_rules, element_set
from chemistry.watchlist import FINGERPRINT, CompiledEntry, Watchlist, bulk_similarity

# The category of a drug controlled EU-wide by a control measure on a new psychoactive substance
# (Framework Decision 2004/757/JHA as amended) and not (yet) under a UN schedule.
EU_NPS_CATEGORY = "EU-NPS"


@dataclass(slots=True, frozen=True)
class MatchConfig:
    # Calibrated on devtools/data/evaluation.csv with `precwatch evaluate --calibrate` (docs/evaluation.md).
    similarity_threshold: float = 0.7
    similarity_top_k: int = 3
    max_steps: int = 3
    max_nodes: int = 40  # distinct intermediates explored per structure (bounded cost)
    time_budget_s: float = 0.25  # wall-clock cap for unmasking one structure


@dataclass(slots=True, frozen=True)
class PathStep:
    rule: str
    product_smiles: str


@dataclass(slots=True)
class Finding:
    method: str  # exact | unmasking | identifier | family | similarity
    entry: CompiledEntry | None
    score: float
    detail: str
    path: tuple[PathStep, ...] = ()
    atoms: tuple[int, ...] = ()
    threshold: float | None = None
    family: CompiledFamily | None = None
    # "CAS 67-64-1" when the finding is about another substance the item declares (a field of several
    # CAS numbers; chemistry/resolve.py DeclaredSubstance), "" when about the substance screened.
    declared_as: str = ""
    # The declared CN code an identifier finding was read from ("" for every other method): scoring
    # weighs a code by what it says about the goods (pipeline/scoring.py RESIDUAL_CN_CODES).
    cn_code: str = ""
    # An exact finding of a scheduled substance that is the active ingredient of goods declared as a medicinal
    # product outside Category 4 (match_excluded_medicinal_product): reported, but no scheduled substance.
    medicinal_product: bool = False


@dataclass(slots=True)
class Analysis:
    """Everything the structure alone tells us; cached by structure key."""

    std: Standardised
    exact: list[Finding] = field(default_factory=list)
    unmasking: list[Finding] = field(default_factory=list)
    families: list[Finding] = field(default_factory=list)
    similar: list[Finding] = field(default_factory=list)
    truncated: str = ""  # non-empty when a cost bound cut the search short
    # The wall-clock budget (not a count) cut it: another attempt, on a less busy machine, may get further,
    # so such an analysis must not stand for the structure in a cache.
    clock_bound: bool = False
    # Computed once per structure, only when a flag needs them (InChI is the slowest step).
    inchikey: str | None = None
    formula: str | None = None
    display: tuple[str, dict[int, int]] | None = None


@dataclass(slots=True, frozen=True)
class Matcher:
    watchlist: Watchlist
    rules: tuple[CompiledRule, ...]
    families: tuple[CompiledFamily, ...]
    config: MatchConfig

    @property
    def rule_elements(self) -> frozenset[int]:
        """Every element some rule requires (see ``CompiledRule.elements``)."""
        return frozenset().union(*(r.elements for r in self.rules))


def build_matcher(watchlist: Watchlist, config: MatchConfig | None = None) -> Matcher:
    return Matcher(watchlist, compile_rules(), compile_families(), config or MatchConfig())


def align_listed_tautomer(query: Standardised, watchlist: Watchlist) -> Standardised:
    """``query`` as the watchlist draws it when it is another tautomer of a listed structure (an imidic acid
    for an amide, an enol for a ketone, a lactim for a lactam): every key comparison (exact match, legal
    exclusions, unmasking products, Category 4 scope) then sees the listed structure. Any other query is
    returned unchanged.

    The canonical SMILES keys are tautomer-sensitive, and identifier databases and traders draw mobile
    hydrogens where they like (PubChem's ergotamine tartrate has one amide as its imidic acid). The
    tautomer key (compute_tautomer_key, a nonstandard InChIKey, about a millisecond) is computed only for a
    structure with the formula, the degree vector and the skeleton (element graph) of an entry
    (compute_formula, compute_degree_vector, compute_skeleton_key: each tried only when the one before
    matched, microseconds each): tautomers share all three, and most structures share none with an entry.

    Stereochemistry still counts. The same standard InChIKey (stereo layer included): the listed structure
    itself. The same tautomer skeleton (first block of the tautomer key) and no stereo drawn: the listed
    constitution without stereo (as a drawing of the listed SMILES without stereo would be). The same
    skeleton with other stereo: the drawing is kept and only the stereo-free key is the listed one, so the
    query stays "a stereoisomer, not the one listed" (and a stereo-exact entry is not matched)."""
    if not query.organic or query.key in watchlist.by_key:
        return query
    entries = watchlist.by_formula.get(compute_formula(query.mol))
    if not entries:
        return query
    degree_vector = compute_degree_vector(query.mol)
    entries = [c for c in entries if c.degree_vector == degree_vector]
    if not entries:
        return query
    skeleton = compute_skeleton_key(query.mol)
    entries = [c for c in entries if c.skeleton_key == skeleton]
    if not entries:
        return query
    tautomer_key = compute_tautomer_key(query.mol)
    if not tautomer_key:
        return query
    same_skeleton = [c for c in entries if c.tautomer_key[:14] == tautomer_key[:14]]
    if not same_skeleton:
        return query
    # Entries are in priority order, and stereoisomers share their constitution: any one gives the key.
    # Identity is decided on the standard InChIKey, whose stereo layer keeps every stereocentre (the
    # tautomer key drops those next to a carbonyl: an epimer there would pass for the listed structure)
    # and whose mobile hydrogens still cover the heteroatom tautomers (imidic acids, lactims).
    inchikey = compute_inchikey(query.mol)
    identical = next((c for c in same_skeleton if inchikey and c.inchikey == inchikey), None)
    listed = identical or same_skeleton[0]
    note = f"drawn as another tautomer of {listed.entry.name}; read as the listed tautomer"
    notes = (*query.notes, note)
    # The listed drawing replaces the query's in canonical atom order, as every analysed structure has it.
    if identical is not None:
        return order_atoms_canonically(replace(identical.std, stripped=query.stripped, notes=notes))
    if query.iso_key == query.key:  # no stereo drawn
        mol = Chem.Mol(listed.std.mol)
        Chem.RemoveStereochemistry(mol)
        return order_atoms_canonically(Standardised(mol, listed.std.key, listed.std.key, query.stripped, True, notes))
    return replace(query, key=listed.std.key, notes=notes)


def match_exact(query: Standardised, matcher: Matcher) -> list[Finding]:
    """Same standardised structure as a watchlist entry (salts, charges, stereo ignored except
    where the law distinguishes stereoisomers)."""
    # Category 4 entries (medicinal products) apply through their CN scope: see match_cn_scope.
    candidates = [c for c in matcher.watchlist.by_key.get(query.key, []) if not c.cn_scope]
    if not candidates:
        return []
    stereo_hits = {c.id for c in candidates if c.stereo_exact and c.std.iso_key == query.iso_key}
    kept = [
        c for c in candidates if (not c.stereo_exact or c.id in stereo_hits) and not (set(c.excludes) & stereo_hits)
    ]
    same_stereo = [c for c in kept if c.std.iso_key == query.iso_key]
    findings = []
    for c in same_stereo or kept:
        if c.stereo_exact:
            excluded = [e.entry.name for e in candidates if c.id in e.excludes]
            how = "identical stereoisomer" + (f" (excluded by law from {', '.join(excluded)})" if excluded else "")
        elif c.std.iso_key == query.iso_key:
            how = "identical structure"
        else:
            how = "same constitution (stereoisomers and salts are covered)"
        salt = f"; removed salt/solvent {', '.join(query.stripped)}" if query.stripped else ""
        findings.append(Finding("exact", c, 1.0, f"{how} as {c.entry.name} ({_label(c)}){salt}"))
    return findings


def name_as_entry(entry: CompiledEntry, std: Standardised) -> str:
    """The name a structure that matches ``entry`` exactly goes by: the entry's own, unless the entry
    is a stereoisomer that was not what was declared ("(1R,2S)-(-)-Chloroephedrine" for a drawing
    without stereochemistry would claim a stereoisomer nobody declared)."""
    name = entry.entry.name
    if entry.std.iso_key == std.iso_key or entry.std.iso_key == entry.std.key:
        return name
    if std.iso_key == std.key:
        return f"{name} or a stereoisomer (stereochemistry not declared)"
    return f"a stereoisomer of {name} (not the one listed)"


CLOCK_BUDGET_NOTE = "unmasking stopped at its time budget"


def match_unmasking(query: Standardised, matcher: Matcher, exclude_ids: set[str]) -> tuple[list[Finding], str]:
    """Apply conversion rules up to ``max_steps`` deep; a product equal to a watchlist entry is a hit,
    and so is a product in a controlled-drug class (a ``family`` finding that carries its path).

    Returns (findings, truncation note). The shortest path to each entry or class is kept.
    """
    config = matcher.config
    deadline = time.perf_counter() + config.time_budget_s
    frontier: list[tuple[Chem.Mol, tuple[PathStep, ...], CompiledRule | None]] = [(query.mol, (), None)]
    seen = {query.key}
    best: dict[str, Finding] = {}
    classes: dict[str, Finding] = {}  # family id -> the shortest unmasking path into it
    drug_classes = [fam for fam in matcher.families if fam.spec.drug_class]
    precursor_families = [fam for fam in matcher.families if fam.spec.sought_when_unmasked]
    rule_elements = matcher.rule_elements
    truncated = ""
    for depth in range(1, config.max_steps + 1):
        next_frontier = []
        for mol, path, first_rule in frontier:
            present = element_set(mol, rule_elements)
            for rule in matcher.rules:
                if time.perf_counter() > deadline:
                    return list(best.values()), f"{CLOCK_BUDGET_NOTE} ({config.time_budget_s}s)"
                if not rule.elements <= present:
                    continue
                products = apply_rule(rule, mol)
                if not products:
                    continue
                standardised = [s for s in map(standardise_mol, products) if s is not None]
                if len(standardised) > 1:  # which path is kept must never depend on the spelling
                    standardised.sort(key=lambda s: s.iso_key)
                for std in standardised:
                    if std.key in seen:
                        continue
                    # A product drawn as another tautomer of a listed structure is that structure.
                    std = align_listed_tautomer(std, matcher.watchlist)
                    if std.key in seen:
                        continue
                    if len(seen) >= config.max_nodes:
                        truncated = f"unmasking explored its limit of {config.max_nodes} intermediates"
                        continue
                    seen.add(std.key)
                    origin = first_rule or rule
                    new_path = (*path, PathStep(rule.name, std.key))
                    candidates = matcher.watchlist.by_key.get(std.key, [])
                    # The same legal exclusions as an exact match: a product that is exactly cathine is
                    # not norephedrine, whatever mask it was declared in.
                    stereo_hits = {c.id for c in candidates if c.stereo_exact and c.std.iso_key == std.iso_key}
                    for entry in candidates:
                        if entry.id in exclude_ids or entry.id in best or entry.cn_scope:
                            continue
                        if (entry.stereo_exact and entry.id not in stereo_hits) or set(entry.excludes) & stereo_hits:
                            continue
                        best[entry.id] = Finding(
                            "unmasking",
                            entry,
                            round(1.0 - 0.05 * (depth - 1), 2),
                            f"{depth} step(s) ({' -> '.join(s.rule for s in new_path)}) give "
                            f"{entry.entry.name} ({_label(entry)})",
                            new_path,
                            _reactant_atoms(origin, query.mol),
                        )
                    sought = drug_classes if std.mol.HasSubstructMatch(_BASIC_NITROGEN) else []
                    for fam in (*sought, *precursor_families):
                        if fam.spec.id not in classes and fam.matches(std.mol):
                            classes[fam.spec.id] = _unmasked_class(fam, depth, new_path, origin, query)
                    if depth < config.max_steps:
                        next_frontier.append((std.mol, new_path, origin))
        frontier = next_frontier
        if not frontier:
            break
    return [*best.values(), *classes.values()], truncated


# Every drug class has a basic (non-amide, non-aryl) amine nitrogen: a product without one is in none,
# and this one check spares the classes' recursive patterns on most intermediates.
_BASIC_NITROGEN = Chem.MolFromSmarts("[NX3;!$(N-[CX3]=[O,S,N]);!$(N-a);!$(N-[SX4])]")


def _unmasked_class(
    fam: CompiledFamily, depth: int, path: tuple[PathStep, ...], rule: CompiledRule, query: Standardised
) -> Finding:
    spec = fam.spec
    return Finding(
        "family",
        None,
        spec.weight,
        f"{depth} step(s) ({' -> '.join(s.rule for s in path)}) give a member of the family '{spec.name}' "
        f"(leads to {spec.target}): {spec.rationale}",
        path,
        _reactant_atoms(rule, query.mol),
        family=fam,
    )


def _reactant_atoms(rule: CompiledRule, mol: Chem.Mol) -> tuple[int, ...]:
    atoms: set[int] = set()
    for match in mol.GetSubstructMatches(rule.reactant, maxMatches=8):
        atoms.update(match)
    return tuple(sorted(atoms))


def match_family(query: Standardised, matcher: Matcher) -> list[Finding]:
    findings = []
    for fam in matcher.families:
        hit = fam.matches(query.mol)
        if hit:
            spec = fam.spec
            findings.append(
                Finding(
                    "family",
                    None,
                    spec.weight,
                    f"belongs to the family '{spec.name}' (leads to {spec.target}): {spec.rationale}",
                    atoms=tuple(hit),
                    family=fam,
                )
            )
    return findings


def match_similarity(query: Standardised, matcher: Matcher, exclude_ids: set[str]) -> list[Finding]:
    config = matcher.config
    sims = bulk_similarity(matcher.watchlist, FINGERPRINT.GetFingerprint(query.mol))
    ranked = sorted(
        ((s, e) for s, e in zip(sims, matcher.watchlist.entries, strict=False) if s >= config.similarity_threshold),
        key=lambda pair: -pair[0],
    )
    findings = []
    for sim, entry in ranked:
        if entry.id in exclude_ids or entry.cn_scope or entry.similarity_off or not entry.std.organic:
            continue
        findings.append(
            Finding(
                "similarity",
                entry,
                round(sim, 3),
                f"structurally similar to {entry.entry.name} ({_label(entry)}): Tanimoto {sim:.2f} on Morgan "
                f"radius-2 fingerprints (threshold {config.similarity_threshold})",
                threshold=config.similarity_threshold,
            )
        )
        if len(findings) >= config.similarity_top_k:
            break
    return findings


def analyse_structure(query: Standardised, matcher: Matcher) -> Analysis:
    """Run every method on one standardised structure (as listed, when it is drawn as another tautomer of
    a listed structure)."""
    query = align_listed_tautomer(query, matcher.watchlist)
    analysis = Analysis(query)
    analysis.exact = match_exact(query, matcher)
    exact_ids = {f.entry.id for f in analysis.exact if f.entry is not None}
    # The exact entry's own stereo-siblings are not news.
    sibling_ids = {c.id for c in matcher.watchlist.by_key.get(query.key, [])}
    unmasked, analysis.truncated = match_unmasking(query, matcher, exact_ids | sibling_ids)
    analysis.clock_bound = analysis.truncated.startswith(CLOCK_BUDGET_NOTE)
    analysis.unmasking = [f for f in unmasked if f.method == "unmasking"]
    analysis.families = match_family(query, matcher)
    # A family reached by unmasking is news only when the structure itself is not in it already, and
    # when no listed substance that says more was reached: a listed drug for a drug class; a drug, a
    # Category 1 substance or a designer entry for a precursor family (IMDPAM reaches PMK, which says
    # more than PMK's aryl-2-propanone family).
    own = {f.family.spec.id for f in analysis.families if f.family is not None}
    reached = [f.entry.entry for f in analysis.unmasking if f.entry is not None]
    drug_reached = any(e.tier == "drug" for e in reached)
    precursor_reached = drug_reached or any(e.tier == "designer" or e.category == "1" for e in reached)
    analysis.families += [
        f
        for f in unmasked
        if f.method == "family"
        and f.family is not None
        and f.family.spec.id not in own
        and not (drug_reached if f.family.spec.drug_class else precursor_reached)
    ]
    if not analysis.exact and query.organic:  # fingerprints say nothing about inorganic salts
        analysis.similar = match_similarity(query, matcher, exact_ids)
    return analysis


def analyse_salt_form(query: Standardised, parent: Analysis, matcher: Matcher) -> Analysis:
    """The analysis of ``query`` from the analysis ``parent`` of the same structure (the same ``iso_key``)
    with other fragments stripped (the free base of a hydrochloride, say). Only the exact findings name
    the salt; unmasking, families and similarity look at the structure alone, so they are ``parent``'s,
    as are its atom order (the canonical one) and its display."""
    query = align_listed_tautomer(query, matcher.watchlist)  # as analyse_structure read the parent
    if query.iso_key != parent.std.iso_key or parent.clock_bound:
        raise ValueError("a salt form's analysis is taken only from a complete analysis of the same structure")
    std = replace(parent.std, stripped=query.stripped, notes=query.notes)
    return Analysis(
        std,
        match_exact(std, matcher),
        parent.unmasking,
        parent.families,
        parent.similar,
        parent.truncated,
        False,
        parent.inchikey,
        parent.formula,
        parent.display,
    )


def match_cn_scope(
    analysis: Analysis, cn_code: str | None, matcher: Matcher, presentation: Presentation = PRESENTATION_UNSTATED
) -> list[Finding]:
    """Category 4: a structure found exactly and declared as a medicinal product is judged as the
    medicinal product (Category 4), not as its Category 1 active ingredient. Declared as one: under a
    medicinal-product heading of the entry's CN scope (``cn_scope`` in watchlist.csv: 3003 and 3004, the
    headings of the entry's CN codes), or, when no CN code is declared, with a dose form in its name or
    description (``presentation.dose_form``, identifiers.find_dose_form). A declared code outside the
    entry's scope keeps the Category 1 finding whatever the words say: a bulk substance's heading (2939)
    declares the substance, and another heading of chapter 30 (3002, 3005, 3006) is not one of Category 4's;
    a dose form beside such a code had lowered ephedrine to Category 4 on one word (sixteenth session).
    Not under heading 3004 (measured doses, retail packings) when the words declare a bulk pack
    (``presentation.bulk_pack``, identifiers.declares_bulk_pack: "25 kg drums"), which contradicts it; 3003
    (not in measured doses) is bulk anyway, but holds medicaments of "two or more constituents which have been
    mixed together": not when the words declare the substance unmixed (``presentation.unmixed``,
    identifiers.declares_unmixed_substance: "99%"), the way a bulk Category 1 substance would be
    declared under 3003 to pass as the Category 4 product (sixteenth session's attack). Under neither heading
    when the words declare an active substance, a medicine's raw material, and name no dose form
    (``presentation.active_substance``, identifiers.declares_active_substance: "API powder, 50 kg", "Wirkstoff
    Ephedrin, Gehalt 99 %"; the twenty-first held-out set's bulk substances under 3003 and 3004). Nor under 3003
    when the goods are named by one substance's structure identifier alone and the words name no dose form
    (``presentation.identifier_only``: `345-78-8` under 3003 42 00, "medicine not in measured doses, 50 kg"): a
    CAS number, SMILES or InChI names a substance, and a mixture declared by its active ingredient's identifier
    alone is screened as that ingredient, the risk being the bulk substance passed off as the mixture (so is one
    in a bulk pack beside a dose form, since a bulk pack reads no dose form: identifiers.find_dose_form).

    Returns the Category 4 findings that replace the exact ones; empty when the item is not in scope.
    """
    declared = cn_code or ""
    dose_form = presentation.dose_form
    if (presentation.bulk_pack and declared.startswith("3004")) or (
        declared.startswith("3003") and presentation.declares_one_substance
    ):
        return []
    if presentation.active_substance and not dose_form:
        return []  # an active substance, a medicine's raw material: no medicament under any heading
    by_dose_form = bool(dose_form) and not declared
    scoped = [
        c
        for f in analysis.exact
        for c in matcher.watchlist.by_key.get(analysis.std.key, [])
        if c.cn_scope and (declared[:4] in c.cn_scope or by_dose_form) and c.std.iso_key == f.entry.std.iso_key
    ]
    how = (
        f"under CN {declared}"
        if declared and declared[:4] in {h for c in scoped for h in c.cn_scope}
        else f"by its dose form ('{dose_form}' in its name or description)"
    )
    return [
        Finding("exact", c, 1.0, f"active ingredient of {c.entry.name}: declared as a medicinal product {how}")
        for c in scoped
    ]


def match_identifier(cn_code: str | None, matcher: Matcher) -> list[Finding]:
    """The substance could not be identified, but the declared CN code is the code of listed entries.

    Codes read from a source come first, then codes we only inferred from the tariff structure (which
    the detail says: the investigator must know the link is ours, not the tariff's); each group in
    watchlist priority order. A catch-all code names no substance and finds nothing.
    """
    code = cn_code or ""
    if not code or code in CATCH_ALL_CN:
        return []
    watchlist = matcher.watchlist
    sourced = watchlist.by_cn.get(code, [])
    sourced_ids = {e.id for e in sourced}
    # a residual "Other" subheading is the substance's code but not its own: legitimate goods share it
    shared = ", a residual 'Other' subheading that other goods share" if code in RESIDUAL_CN else ""
    findings = [
        Finding(
            "identifier",
            e,
            1.0,
            f"substance not identified, but CN {code} is the {'' if shared else 'specific '}tariff code of "
            f"{e.entry.name}{shared}",
            cn_code=code,
        )
        for e in sourced
    ]
    findings += [
        Finding(
            "identifier",
            e,
            1.0,
            f"substance not identified, but CN {code} is, by our reading of the tariff structure (not verified "
            f"against the CN), the code of {e.entry.name}{shared}",
            cn_code=code,
        )
        for e in watchlist.by_cn_inferred.get(code, [])
        if e.id not in sourced_ids
    ]
    return findings


def collect_findings(
    analysis: Analysis | None,
    cn_code: str | None,
    matcher: Matcher,
    presentation: Presentation = PRESENTATION_UNSTATED,
) -> list[Finding]:
    """Every finding for one declared item: its structure's analysis (None when no structure could
    be identified) read together with the declared CN code and how its words present the goods."""
    if analysis is None:
        return match_identifier(cn_code, matcher)
    findings = [*analysis.exact, *analysis.unmasking, *analysis.families, *analysis.similar]
    scoped = match_cn_scope(analysis, cn_code, matcher, presentation)
    if scoped:
        findings = [f for f in findings if f.method != "exact"] + scoped
    elif medicinal := match_excluded_medicinal_product(analysis, cn_code, presentation):
        # the product's active ingredient, not a scheduled substance: neither it nor a path from it into another
        # scheduled substance (ergometrine's into lysergic acid) is weighed as one
        findings = [f for f in findings if f.method not in ("exact", "unmasking") or not _is_scheduled(f)] + medicinal
    return findings + match_medicinal_product_code(cn_code, matcher, findings)


# The CN headings of medicaments: 3003 (not in measured doses) and 3004 (in measured doses or retail packings).
MEDICAMENT_HEADINGS = frozenset({"3003", "3004"})


def _is_scheduled(finding: Finding) -> bool:
    return finding.entry is not None and finding.entry.entry.tier == "scheduled"


def declares_medicinal_product(cn_code: str | None, presentation: Presentation) -> str | None:
    """How the goods are declared as a medicinal product ("under CN 3004 90 00, with its dose form 'syrup' and a unit
    dose"): under heading 3004 (medicaments in measured doses or retail packings), a dose form and a unit dose in the
    words (find_dose_form, which reads none beside a bulk pack; states_unit_dose), and the words declaring neither a
    bulk pack, the substance unmixed nor an active substance; with no CN code declared, the same words (an invoice's
    "Syntometrine 500 micrograms/5 IU solution for injection"). Stricter than Category 4's test (match_cn_scope): not
    heading 3003 (not in measured doses), and never without a unit dose, since either would let a bulk Category 1
    substance pass as a medicine ("Ergotamine tartrate EP powder" under 3003 described as capsules, "Norephedrine
    tablets, 800 kg", "Norephedrine hydrochloride tablets" with no code: review36c). None when the goods are not
    declared so."""
    declared = cn_code or ""
    if (declared and not declared.startswith("3004")) or not presentation.dose_form or not presentation.unit_dose:
        return None
    if presentation.bulk_pack or presentation.unmixed or presentation.active_substance:
        return None
    where = f"under CN {declared}, with" if declared else "with no CN code, by"
    return f"{where} its dose form ('{presentation.dose_form}') and a unit dose in its words"


# The scheduled substances outside Category 4 that are the active ingredients of medicinal products on the Union's
# market (written from knowledge: phenylpropanolamine, norephedrine, in veterinary syrups for incontinence;
# ergometrine in obstetric injections; ergotamine in migraine tablets). Only these are read as a medicine's active
# ingredient: "BMK 10 mg tablets" under 3004 is a Category 1 substance passed off as a medicine, not a medicine.
MEDICINAL_ACTIVE_INGREDIENTS = frozenset({"EU1-NOREPHEDRINE", "EU1-ERGOMETRINE", "EU1-ERGOTAMINE"})


def match_excluded_medicinal_product(
    analysis: Analysis, cn_code: str | None, presentation: Presentation = PRESENTATION_UNSTATED
) -> list[Finding]:
    """The exact findings of the scheduled substances medicines are made of (MEDICINAL_ACTIVE_INGREDIENTS), marked as a
    medicinal product's active ingredient, when the goods are declared as a medicinal product
    (declares_medicinal_product) and Category 4 does not hold them (its entries are read first: match_cn_scope). The definition of a scheduled substance in Regulations (EC) No 273/2004 and
    No 111/2005 leaves medicinal and veterinary medicinal products out, except the ephedrine and pseudoephedrine
    products of Category 4: a phenylpropanolamine syrup for dogs under 3004 90 00 or an ergometrine injection is no
    Category 1 substance, and was `critical` as one (the sixtieth held-out set's nlh60042, nlh60043). Empty when the
    goods are not declared so or no scheduled substance was found exactly."""
    how = declares_medicinal_product(cn_code, presentation)
    if how is None:
        return []
    return [
        replace(
            f,
            medicinal_product=True,
            detail=(
                f"{f.entry.entry.name} (EU Category {f.entry.entry.category}) is the active ingredient of goods "
                f"declared as a medicinal product {how}: a medicinal product is no scheduled substance (Regulations "
                "(EC) No 273/2004 and No 111/2005 leave medicinal products out, and Category 4 holds only ephedrine "
                "and pseudoephedrine products), so no precursor licence or authorisation applies; the product can "
                "still be a source of the substance"
            ),
        )
        for f in analysis.exact
        if _is_scheduled(f) and f.entry.id in MEDICINAL_ACTIVE_INGREDIENTS
    ]


def match_medicinal_product_code(cn_code: str | None, matcher: Matcher, findings: list[Finding]) -> list[Finding]:
    """Category 4 by its own CN code when the substance identified is another one: subheadings 3003 41 00
    to 3004 43 00 are the medicaments "containing ephedrine (pseudoephedrine, norephedrine) or its salts",
    so goods declared under one declare that they contain it, whatever ingredient the words name first.
    A combination product's description names its first active ingredient ("Paracetamol, Pseudoefedrina
    Hidrocloruro, ..."): that was identified, and the Category 4 product went unreported (eighteenth
    held-out set, pch18046). Only the Category 4 entries (``cn_scope``) are read so: another entry's code
    beside another identified substance is a contradiction the CN_MISMATCH signal reports, not a finding."""
    code = cn_code or ""
    if not code:
        return []
    reached = {f.entry.id for f in findings if f.entry is not None}
    watchlist = matcher.watchlist
    sourced = [(c, "") for c in watchlist.by_cn.get(code, [])]
    inferred = [
        (c, " by our reading of the tariff structure (not verified against the CN)")
        for c in watchlist.by_cn_inferred.get(code, [])
    ]
    found: list[Finding] = []
    for c, how in sourced + inferred:
        if c.cn_scope and c.id not in reached:
            reached.add(c.id)
            found.append(
                Finding(
                    "identifier",
                    c,
                    1.0,
                    f"CN {code} is{how} the tariff code of {c.entry.name}: the goods are declared to contain it, "
                    "although the substance identified in the declaration is another of their ingredients",
                    cn_code=code,
                )
            )
    return found


def _label(entry: CompiledEntry) -> str:
    e = entry.entry
    if e.tier == "scheduled":
        return f"EU Category {e.category}"
    if e.tier == "drug":
        if e.category == EU_NPS_CATEGORY:
            return "controlled drug, EU control measure on a new psychoactive substance"
        return f"controlled drug, {e.category.replace('-', ' Schedule ')} Convention"
    return f"non-scheduled designer/pre-precursor, {entry.level or 'monitored'}"
