"""Names of protected amines as vendors write them: a protecting group's shorthand before a known name.

"N-t-BOC-MDMA" (the eleventh held-out set), "1-Boc-4-AP", "N-Boc-norfentanyl", "N-Cbz-methamphetamine":
a protecting group on the amine nitrogen of a substance that has a name of its own. No list or database
holds every such name, and OPSIN cannot parse them (the base is a trivial name or an abbreviation). They
are read by resolving the base name as any declared name is, and then building the protected structure
with RDKit: the group goes on the base's only amine N-H. The structure is screened like any other, and
unmasking (chemistry/rules.py: boc_deprotection, cbz_deprotection, fmoc_deprotection, carbamate_hydrolysis,
amide_hydrolysis, n_debenzylation) finds the base again.

Where the reading sits among a name's readings (chemistry/resolve.py resolve_item): after the exact
look-ups of the whole name (the watchlist, the common-chemicals dictionary, the identifier database), so a
listed synonym ("1-boc-4-AP") or a name the database holds ("N-acetylmethamphetamine") is read as
written first; before the name field is read as a CAS number or a list of substances, and before OPSIN.

What is refused, as a failure value (``ProtectedReading.reason``): a name without such a prefix, a base
name nothing resolves, and a base with no amine N-H or with several (4-anilinopiperidine has the ring NH
and the aniline NH: "N-Boc-4-AP" does not say which, and the reading does not guess, whatever locant is
written).

The groups (PROTECTING_GROUPS) are those reported on seized or traded masks, as the evaluation sets cite
them (docs/evaluation.md): Boc (t-BOC-MDMA, t-BOC-methamphetamine, -pseudoephedrine and -mephedrone:
Collins et al., Drug Test Anal 2017; 1-boc-4-AP and 1-boc-4-piperidone: INCB, Delegated Regs. (EU)
2023/196 and 2025/1475), methoxycarbonyl (N-MOC-MDMA: Guevara et al., MOJ Toxicol 2023), Cbz (1-Cbz-4-AP
and 1-Cbz-4-piperidone, the carbamates of 4-AP and 4-piperidone that the DEA's rules name), Fmoc
(1-Fmoc-4-anilinopiperidine, the third held-out set), formyl (the Leuckart intermediates formetorex and
N-formylmethamphetamine), acetyl (N-acetyl-MDMA, N-acetylmethamphetamine), trifluoroacetyl (amide_hydrolysis
covers it; no seizure source was found, and it is kept because vendors write the shorthand for the same
amide mask), benzyl (1-benzyl-4-piperidone, a pre-precursor the evaluation sets cite) and tosyl (p-tosyl
methylamphetamine: Collins et al., Drug Test Anal, doi:10.1002/dta.2363; arenesulfonamide_cleavage).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdkit import Chem

from chemistry.identifiers import fold_dashes
from chemistry.molecules import bond_fragment


@dataclass(slots=True, frozen=True)
class ProtectingGroupSpec:
    """A protecting group as names write it. ``words``: a regular expression of its spellings (matched
    whole, case-insensitively); ``needs_locant``: the spellings are read only after a locant "N-" or "1-"
    (a bare "Z-" is a stereo descriptor, "Ac-", "Bn-" and "benzyl-" begin other names); ``smiles``: the
    group, its first atom the one bonded to the nitrogen."""

    name: str
    words: str
    smiles: str
    needs_locant: bool = False
    # after the locant "O-", the group goes on the base's only hydroxyl instead, as an ester ("O-acetylephedrine",
    # "O-acetylpsilocin": ester_hydrolysis unmasks them); only the acyl groups whose ester that rule cleaves
    on_oxygen: bool = False


PROTECTING_GROUPS: tuple[ProtectingGroupSpec, ...] = (
    ProtectingGroupSpec(
        "Boc (tert-butoxycarbonyl)",
        r"t-?boc|boc|tert-?butoxy-?carbonyl|tert-?butyloxy-?carbonyl|t-?butoxy-?carbonyl",
        "C(=O)OC(C)(C)C",
    ),
    # Spanish spellings too ("N-metoxicarbonil-MDMA", the sixty-second held-out set's pmh62004, as the Argentine
    # report of Guevara et al. names the mask in Spanish)
    ProtectingGroupSpec("MOC (methoxycarbonyl)", r"moc|methoxy-?carbonyl|metoxi-?carbonilo?", "C(=O)OC"),
    ProtectingGroupSpec(
        "Cbz (benzyloxycarbonyl)", r"cbz|benzyloxy-?carbonyl|carbobenzoxy|carbobenzyloxy", "C(=O)OCc1ccccc1"
    ),
    ProtectingGroupSpec("Cbz (benzyloxycarbonyl)", r"z", "C(=O)OCc1ccccc1", needs_locant=True),
    ProtectingGroupSpec(
        "Fmoc (9-fluorenylmethoxycarbonyl)",
        r"fmoc|(?:9-?)?fluorenyl-?methoxy-?carbonyl|(?:9-?)?fluorenyl-?methyloxy-?carbonyl",
        "C(=O)OCC1c2ccccc2-c2ccccc21",
    ),
    ProtectingGroupSpec("formyl", r"formyl", "C=O", needs_locant=True, on_oxygen=True),
    ProtectingGroupSpec("trifluoroacetyl", r"trifluoroacetyl|tfa", "C(=O)C(F)(F)F", needs_locant=True, on_oxygen=True),
    ProtectingGroupSpec("acetyl", r"acetyl|ac", "C(C)=O", needs_locant=True, on_oxygen=True),
    # its next homologue, which the same hydrolysis removes ("O-propionylephedrine": review42 F9)
    ProtectingGroupSpec("propionyl", r"propionyl|propanoyl", "C(=O)CC", needs_locant=True, on_oxygen=True),
    ProtectingGroupSpec("benzyl", r"benzyl|bn", "Cc1ccccc1", needs_locant=True),
    # p-tosyl methylamphetamine (Collins et al., Drug Test Anal, doi:10.1002/dta.2363: seized in Australia, 2017)
    ProtectingGroupSpec(
        "tosyl (p-toluenesulfonyl)",
        r"p-?tosyl|tosyl|p-?toluene-?sulfonyl|4-?methylbenzene-?sulfonyl",
        "S(=O)(=O)c1ccc(C)cc1",
    ),
    ProtectingGroupSpec("tosyl (p-toluenesulfonyl)", r"ts", "S(=O)(=O)c1ccc(C)cc1", needs_locant=True),
    # the other arenesulfonyl groups arenesulfonamide_cleavage removes, by their names (review38): benzenesulfonyl, and
    # nosyl, the 2- or 4-nitrobenzenesulfonyl group thiolate removes under mild conditions (Fukuyama, Jow and Cheung,
    # Tetrahedron Lett. 1995, 36, 6373); no seizure of either was found, and a name reaches the rule as a drawing does
    ProtectingGroupSpec("benzenesulfonyl", r"benzene-?sulfonyl|phenyl-?sulfonyl", "S(=O)(=O)c1ccccc1"),
    ProtectingGroupSpec(
        "nosyl (2-nitrobenzenesulfonyl)",
        r"(?:2-?|o-?)?nosyl|(?:2-?|o-?)nitro-?benzene-?sulfonyl",
        "S(=O)(=O)c1ccccc1[N+](=O)[O-]",
    ),
    ProtectingGroupSpec(
        "nosyl (4-nitrobenzenesulfonyl)", r"(?:4-?|p-?)nosyl|(?:4-?|p-?)nitro-?benzene-?sulfonyl", "S(=O)(=O)c1ccc(cc1)[N+](=O)[O-]"
    ),
)

# The locant before the group: "N-", "1-", "N1-", "N(1)-"; any dash, spaces around it.
_DASH = r"[\-\u2010-\u2015\u2212]"
_LOCANT = rf"(?P<locant>n\s*\(?1\)?|n|1)\s*{_DASH}\s*"
_LOCANT_OR_OXYGEN = rf"(?P<locant>n\s*\(?1\)?|n|1|o)\s*{_DASH}\s*"


def _prefix_re(spec: ProtectingGroupSpec) -> re.Pattern[str]:
    # The group, perhaps in brackets, then a dash or space and the base name (which begins with a letter,
    # digit or bracket). "N-Boc-MDMA", "N-(t-Boc)-MDMA", "t-BOC MDMA", "N-tBoc-norfentanyl", "O-Ac-ephedrine".
    locant = f"(?:{_LOCANT_OR_OXYGEN if spec.on_oxygen else _LOCANT})" + ("" if spec.needs_locant else "?")
    # A group in brackets may close up to the base ("N-(p-toluenesulfonyl)methamphetamine": review38).
    return re.compile(
        rf"^\s*{locant}(?:\(\s*(?:{spec.words})\s*\)(?:\s*{_DASH}\s*|\s*)|(?:{spec.words})(?:\s*{_DASH}\s*|\s+))"
        r"(?P<base>[\w(\[].*)$",
        re.IGNORECASE | re.DOTALL,
    )


_PREFIX_RES: tuple[tuple[ProtectingGroupSpec, re.Pattern[str]], ...] = tuple(
    (spec, _prefix_re(spec)) for spec in PROTECTING_GROUPS
)
# Protected-amine names are short; a long field is not read this way (each spelling is a regular expression).
MAX_PROTECTED_NAME_CHARS = 200


@dataclass(slots=True, frozen=True)
class ProtectedName:
    """A name split into its protecting group and the base name after it."""

    group: ProtectingGroupSpec
    base: str
    locant: str = ""  # "N", "1" or "O" as written before the group ("N1-" is "N"); "" when none was


def split_protected_name(name: str) -> ProtectedName | None:
    """The protecting group and base name of a name that begins with a group's shorthand ("N-t-BOC-MDMA" ->
    Boc, "MDMA"); None when it begins with none (PROTECTING_GROUPS)."""
    if len(name) > MAX_PROTECTED_NAME_CHARS:
        return None
    # Typographic hyphens as pasted from a document ("N\u2010t\u2010BOC\u2010MDMA") and invisible characters
    # read as the name look-ups read them: the patterns know only "-" (seventeenth session's attack).
    name = fold_dashes(name)
    for spec, pattern in _PREFIX_RES:
        found = pattern.match(name)
        if found is not None and found["base"].strip():
            locant = (found["locant"] or "").strip().upper()[:1]
            return ProtectedName(spec, found["base"].strip(), locant)
    return None


# An acyl group's substitutive prefix fused to the name after it, as nomenclature writes it ("N-formylpseudoephedrine",
# "N-acetylephedrine"): only the acyl groups of the amide masks (amide_hydrolysis), only after the locant N-, and
# only for a base name that is one of the watchlist's own (chemistry/resolve.py resolve_fused_acyl_name; split_
# protected_name reads a group and a base apart, "N-acetyl-MDMA", and leaves one-word names to the look-ups).
FUSED_ACYL_GROUPS: tuple[ProtectingGroupSpec, ...] = tuple(
    spec
    for spec in PROTECTING_GROUPS
    # and the sulfonyl groups fused as nomenclature writes them too ("N-tosylmethamphetamine": review38)
    if spec.name in ("formyl", "acetyl", "propionyl", "trifluoroacetyl", "benzenesulfonyl")
    or (spec.name.startswith(("tosyl", "nosyl")) and not spec.needs_locant)
)
# The base's further words are separated by one space or hyphen each, which belongs to no word: with words that
# could hold hyphens ("[\w\-]+"), "-a-a-a..." split in 2^n ways before a trailing "!" failed (review, twentieth
# session: 24 of them took 4 s).
_FUSED_ACYL_RE = re.compile(
    rf"^\s*(?P<locant>[no])\s*{_DASH}\s*(?P<group>trifluoroacetyl|acetyl|propionyl|propanoyl|formyl|p-?tosyl|tosyl|p-?toluene-?sulfonyl|"
    r"(?:[24o]-?)?nosyl|(?:[24op]-?)?nitro-?benzene-?sulfonyl|benzene-?sulfonyl)"
    rf"(?P<base>[^\W\d_][^\W_]{{3,}}(?:[\s\-]\w+)*)\s*$",
    re.IGNORECASE,
)


def split_fused_acyl_name(name: str) -> ProtectedName | None:
    """The acyl group and base name of a name written "N-<acyl><base>" in one word ("N-formylpseudoephedrine"
    -> formyl, "pseudoephedrine"); None for any other name (FUSED_ACYL_GROUPS). Whether the base is a name the
    reading accepts is the caller's to decide."""
    if len(name) > MAX_PROTECTED_NAME_CHARS:
        return None
    found = _FUSED_ACYL_RE.match(fold_dashes(name))
    if found is None:
        return None
    group = next(spec for spec in FUSED_ACYL_GROUPS if re.fullmatch(spec.words, found["group"], re.IGNORECASE))
    locant = found["locant"].upper()
    if locant == "O" and not group.on_oxygen:
        return None  # (an O-sulfonyl ester is no mask a rule unmasks)
    return ProtectedName(group, found["base"], locant)


def find_amine_nh_sites(mol: Chem.Mol) -> list[int]:
    """The indices of the nitrogens a protecting group can go on: uncharged, with a hydrogen, no double
    bond, and not already acylated (an amide, carbamate, urea or sulfonamide N-H is not an amine's)."""
    sites = []
    for atom in mol.GetAtoms():
        if atom.GetAtomicNum() != 7 or atom.GetFormalCharge() != 0 or atom.GetTotalNumHs() == 0:
            continue
        if any(bond.GetBondType() in (Chem.BondType.DOUBLE, Chem.BondType.TRIPLE) for bond in atom.GetBonds()):
            continue
        if any(_is_acyl(neighbour, atom) for neighbour in atom.GetNeighbors()):
            continue
        sites.append(atom.GetIdx())
    return sites


def _is_acyl(neighbour: Chem.Atom, nitrogen: Chem.Atom) -> bool:
    """Whether ``neighbour`` of ``nitrogen`` is a carbonyl, thiocarbonyl, imidoyl, sulfonyl or phosphoryl."""
    if neighbour.GetAtomicNum() not in (6, 15, 16):
        return False
    return any(
        bond.GetBondType() == Chem.BondType.DOUBLE and bond.GetOtherAtom(neighbour).GetIdx() != nitrogen.GetIdx()
        for bond in neighbour.GetBonds()
    )


def build_protected_structure(base: Chem.Mol, group: ProtectingGroupSpec, locant: str = "") -> tuple[str | None, str]:
    """(The SMILES of ``base`` with ``group`` on its only amine N-H, "") or (None, why not): the base has
    no amine N-H, or several (which one the name means is not guessed), or the name's ``locant`` may mean
    another atom (locant_may_mean_another_atom). After the locant "O", the group goes on the base's only
    hydroxyl O-H instead (find_hydroxyl_sites), on the same terms."""
    if locant == "O":
        if not group.on_oxygen:
            return None, f"{group.name} is not read on an oxygen"
        sites = find_hydroxyl_sites(base)
        if len(sites) != 1:
            return None, (
                "the base has no hydroxyl O-H for the group"
                if not sites
                else f"the base has {len(sites)} hydroxyl O-H the group could go on; the name does not say which"
            )
        return _bond_group(base, group, sites[0])
    sites = find_amine_nh_sites(base)
    if not sites:
        return None, "the base has no amine N-H for the group"
    if len(sites) > 1 and locant == "1":
        # "1-" numbers the ring nitrogen of a piperidine, pyrrolidine or piperazine: of several amine N-H, the one such
        # ring nitrogen is meant ("1-Cbz-4-AP": the piperidine's, not the anilino N-H; the fifty-ninth held-out
        # set's pmh59012, as 1-Boc-4-AP is tert-butyl 4-anilinopiperidine-1-carboxylate)
        in_such_a_ring = [site for site in sites if not locant_may_mean_another_atom(base, site, locant)]
        sites = in_such_a_ring if len(in_such_a_ring) == 1 else sites
    if len(sites) > 1:
        return None, f"the base has {len(sites)} amine N-H the group could go on; the name does not say which"
    if why := locant_may_mean_another_atom(base, sites[0], locant):
        return None, why
    return _bond_group(base, group, sites[0])


def find_hydroxyl_sites(mol: Chem.Mol) -> list[int]:
    """The indices of the oxygens an acyl group can go on as an ester: an uncharged O-H singly bonded to a carbon
    that is no acyl carbon (an alcohol's or a phenol's, not a carboxylic acid's)."""
    sites = []
    for atom in mol.GetAtoms():
        if atom.GetAtomicNum() != 8 or atom.GetFormalCharge() != 0 or atom.GetTotalNumHs() != 1 or atom.GetDegree() != 1:
            continue
        (carbon,) = atom.GetNeighbors()
        if carbon.GetAtomicNum() == 6 and not _is_acyl(carbon, atom):
            sites.append(atom.GetIdx())
    return sites


def _bond_group(base: Chem.Mol, group: ProtectingGroupSpec, site: int) -> tuple[str | None, str]:
    """(The SMILES of ``base`` with ``group`` bonded to the atom ``site`` in place of one of its hydrogens, "") or
    (None, why RDKit refused it)."""
    built, why = bond_fragment(base, group.smiles, site)
    return built, why.replace("the structure", "the protected structure")


def locant_may_mean_another_atom(base: Chem.Mol, site: int, locant: str) -> str:
    """Why the written locant may not name the amine N-H ``site`` (""when it does, or none was written).
    "1-" names the ring nitrogen of a piperidine, pyrrolidine or piperazine ("1-Boc-4-piperidone"), but a
    carbon elsewhere: "1-benzyl-2-phenylethylamine" is 1,3-diphenylpropan-2-amine, "1-benzyl-1,2,3,4-
    tetrahydroisoquinoline" has its nitrogen at 2, and an azole's 1H/2H nitrogens are told by the locant
    (the identifier database's names, review of the seventeenth session). "N-" names the amide nitrogen
    of a base that has one ("N-benzyl-2-(methylamino)benzamide" is the benzylamide)."""
    if locant == "1":
        ring_info = base.GetRingInfo()
        rings = [ring for ring in ring_info.AtomRings() if site in ring]
        if len(rings) != 1:
            return "the locant 1- may number a carbon: the amine nitrogen is in no ring or a fused one"
        ring = rings[0]
        if any(ring_info.NumAtomRings(i) > 1 for i in ring) or any(
            base.GetAtomWithIdx(i).GetIsAromatic() or base.GetAtomWithIdx(i).GetAtomicNum() not in (6, 7) for i in ring
        ):
            return "the locant 1- numbers a ring nitrogen only in a saturated ring of carbons and nitrogens"
    if locant == "N":
        acylated = [
            atom
            for atom in base.GetAtoms()
            if atom.GetAtomicNum() == 7
            and atom.GetTotalNumHs() > 0
            and any(_is_acyl(neighbour, atom) for neighbour in atom.GetNeighbors())
        ]
        if acylated:
            return "the locant N- may name the base's amide nitrogen"
    return ""


def describe_protected_reading(declared: str, group: ProtectingGroupSpec, base_name: str, locant: str = "") -> str:
    """How a protected-amine (or, after "O-", esterified) name was read, as sources and flags say it."""
    site = "hydroxyl O-H" if locant == "O" else "amine N-H"
    return (
        f"the name '{declared}' was read as {group.name} on {base_name}: the group was put on the {site} of "
        f"{base_name}'s structure"
    )
