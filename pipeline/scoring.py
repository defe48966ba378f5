"""How findings and signals become a score and a severity: every weight and every rule that combines
them lives here. Every number here is documented in docs/scoring.md (summed up in the README); change both
together.

Principles:
- Category 1 substances, masks that unmask to them, and controlled drugs are what make a flag high.
- Category 2 and 3 substances and paths ending on them are commodity chemistry: they stay low unless
  consignment signals back them up.
- A known dual-use chemical with a large legitimate market (designer tier, level "watch") is judged
  by its listing, not by what it can be turned into (GBL is not scored as GHB).
- A masked form of X scores at least as X declared plainly (``unmasking_floor``), with two documented
  exceptions: a structure no list names whose path ends on a Category 2 or 3 commodity (esters and
  amides of phenylacetic or anthranilic acid, ketals of acetone: the fragrance, flavour and antibiotic
  trades) counts little, and a watch-level dual-use chemical is not scored as the drug it can become.
- Similarity alone never goes above "info".
- Once a substance is identified exactly (a watchlist entry, or a known commodity chemical of the
  curated dictionary such as helional), family and similarity evidence add nothing.

How they combine (``score_item``): evidence does not add up (two names for one fact are one fact), so
the strongest finding counts and the others are listed with weight but not counted; signals add
their weight on top; the sum is capped at 1.0. Each ``ScorePart`` says what it counted and why, so
the counted parts add up to the score before the cap.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chemistry.identifiers import RESIDUAL_CN
from chemistry.matching import Finding
from chemistry.watchlist import CompiledEntry
from pipeline.signals import SignalHit

EXACT_WEIGHTS = {"drug": 0.92, "1": 0.8, "2A": 0.3, "2B": 0.3, "3": 0.05, "4": 0.3, "high": 0.55, "watch": 0.15}
UNMASK_WEIGHTS = {"drug": 0.9, "1": 0.8, "2A": 0.08, "2B": 0.08, "3": 0.02, "4": 0.0, "high": 0.45, "watch": 0.08}
# Designer level "pre" (pre-precursors with some legitimate trade, e.g. ring-substituted propiophenones):
# `low` on their own, `medium` once the consignment's context adds to them (CONTEXT_MIN_EVIDENCE).
EXACT_WEIGHTS["pre"] = 0.3
UNMASK_WEIGHTS["pre"] = 0.25
SIMILARITY_WEIGHT = 0.12
# A scheduled substance as the active ingredient of goods declared as a medicinal product outside Category 4
# (chemistry/matching.py match_excluded_medicinal_product): no scheduled substance, so `info`, reported because the
# product can still be a source of the substance.
MEDICINAL_PRODUCT_WEIGHT = 0.1
# A declared CN code that is the specific code of a listed substance, when the substance itself could
# not be identified: "declared as BMK by tariff code".
IDENTIFIER_WEIGHTS = {"drug": 0.5, "1": 0.5, "2A": 0.2, "2B": 0.2, "3": 0.02, "4": 0.2, "high": 0.3, "watch": 0.05}
IDENTIFIER_WEIGHTS["pre"] = 0.1
# A residual "Other" CN subheading that is a listed substance's code only because the CN has none of its own
# (chemistry/identifiers.py RESIDUAL_CN: 2939 79 90, the chloroephedrines') is shared with legitimate goods:
# on an item whose substance is not identified it points at the listed substance no more than at the rest of
# the subheading, so it counts at most the lower bound of `low` (someone looks; it is no `medium` on the code
# alone, as the nineteenth held-out set's selegiline under 2939 79 90 was). A listed substance's own
# subheading (2914 31 00 for BMK) keeps IDENTIFIER_WEIGHTS.
RESIDUAL_CN_IDENTIFIER_WEIGHT = 0.25
# A masked form of X scores at least as X declared plainly: a path into one of these counts at least the
# lower bound of the severity band that X's own exact weight reaches (``unmasking_floor``); the path score
# (0.05 less per extra step) then only orders the paths within that band.
UNMASK_FLOOR_KEYS = frozenset({"drug", "1", "high", "pre"})
# Categories 2 and 3 are the exception for structures no list names: their esters, amides and ketals are
# commodity chemistry (ethyl phenylacetate in perfumery, penicillin G, methyl anthranilate in flavours,
# piperine, acetone ketals) that the law deliberately leaves out, so such a path counts only its
# UNMASK_WEIGHTS. From a listed designer precursor the floor applies again: the monitoring body listed it
# for that very conversion (benzyl cyanide, one hydrolysis from phenylacetic acid, counts as that acid).
LISTED_MASK_FLOOR_KEYS = frozenset({"2A", "2B", "3"})
# Nor does the exception cover acid halides: a Category 2 acid's chloride (phenylacetyl chloride) is a
# reactive reagent that water turns into the acid, not a commodity of the fragrance, flavour or
# antibiotic trades, so a path of such steps alone counts as the acid declared plainly (four blind
# evaluators expected it; docs/evaluation.md).
REAGENT_MASK_RULES = frozenset({"acyl_halide_hydrolysis", "anhydride_hydrolysis", "carbamic_anhydride_hydrolysis"})
# A code shared by many entries is reported through its strongest few (watchlist priority order).
IDENTIFIER_LIMIT = 3

# What each signal adds to the chemistry evidence.
SIGNAL_WEIGHTS = {
    "INVALID_IDENTIFIER": 0.12,
    "IDENTIFIER_CONFLICT": 0.2,
    "UNRESOLVED_CATCH_ALL": 0.1,
    "CN_MISMATCH": 0.15,
    "DESCRIPTION_MISMATCH": 0.1,
    "CATCH_ALL_CN": 0.1,
    "COVER_DESCRIPTION": 0.15,
    "QUANTITY_ABOVE_THRESHOLD": 0.1,
    "BULK_QUANTITY": 0.1,
    "HIGH_VALUE_AIR_POST": 0.1,
    # Shown so the investigator knows a licence is needed, but it is the law, not a suspicion.
    "LICENSABLE_ANY_QUANTITY": 0.0,
    "SCHEDULED_SUBSTANCE": 0.0,
    # Not a suspicion either, but an item nobody has looked at: low, so an investigator sees it.
    "SCREENING_BUDGET_EXCEEDED": 0.25,
    # Fields that failed validation were left out: a little more doubt about precursor chemistry, but
    # not a suspicion on its own (the sender's errors are reported on the dead-letter topic).
    "DATA_QUALITY": 0.05,
}
# Legal obligations: they add nothing to the risk score, but an item that carries one is reported at
# least as `info`, so that customs' compliance checks see every scheduled substance.
OBLIGATION_SIGNALS = frozenset({"SCHEDULED_SUBSTANCE"})
OBLIGATION_SEVERITY = "info"
# Signals about the declaration itself: they count (and can raise a flag) without chemistry evidence.
# Every other signal strengthens chemistry evidence and counts only when there is some.
STANDALONE_SIGNALS = frozenset(
    {"INVALID_IDENTIFIER", "IDENTIFIER_CONFLICT", "UNRESOLVED_CATCH_ALL", "SCREENING_BUDGET_EXCEEDED"}
)
# Signals that describe precursor chemistry in a suspicious context apply only when the chemistry
# alone reaches this level, so that commodity solvents by air, in bulk or under a catch-all code do
# not become flags; below it they are not reported at all.
CONTEXT_MIN_EVIDENCE = 0.25
PRECURSOR_CONTEXT_SIGNALS = frozenset({"CATCH_ALL_CN", "COVER_DESCRIPTION", "BULK_QUANTITY", "HIGH_VALUE_AIR_POST"})
# A description naming another chemical matters only when the chemistry found is evidence of something.
EVIDENCE_CONTEXT_SIGNALS = frozenset({"DESCRIPTION_MISMATCH"})

# A structure on no list is a novel designer precursor (pipeline/flags.py is_novel_designer_precursor)
# only when its unmasking path or family alone weighs this much: the lowest severity band, which masks
# of Category 1 substances and drugs and every precursor family reach, and paths to Category 2 and 3
# commodities (an ester of phenylacetic acid, 0.08) do not. Strictly above the watch level's weight:
# a family weighed as a watched commodity is (the plain butyro- to hexanophenones, as propiophenone)
# marks a chemical with a large legitimate market, not one to propose for listing.
NOVEL_MIN_EVIDENCE = EXACT_WEIGHTS["watch"] + 0.01

# (lower bound, severity), highest first.
SEVERITY_BANDS: tuple[tuple[float, str], ...] = (
    (0.9, "critical"),
    (0.7, "high"),
    (0.45, "medium"),
    (0.25, "low"),
    (0.1, "info"),
)
SCORE_CAP = 1.0

# Why a part counts what it counts; shown on every score component of a flag.
ROLE_STRONGEST = "evidence: strongest finding counts"
ROLE_WEAKER = "not counted: evidence does not add up, only the strongest finding counts"
ROLE_IDENTIFIED = "not counted: the substance is identified exactly, resemblance adds nothing"
ROLE_LISTING = "not counted: a known dual-use chemical is judged by its listing (weight capped at its listing's)"
ROLE_NO_WEIGHT = "not counted: no weight"
ROLE_SIGNAL = "signal: added"
ROLE_SIGNAL_NEEDS_EVIDENCE = "signal: not counted (needs chemistry evidence)"
ROLE_OBLIGATION = "legal obligation: adds nothing to the score, reported at least as info"
SCORE_RULE = (
    "findings do not add up (the strongest counts); signals add their weight, those about the chemistry only "
    "when there is chemistry evidence; the sum is capped at 1.0"
)


@dataclass(slots=True, frozen=True)
class ScorePart:
    """One finding or signal: its weight, what it counted towards the score, and why."""

    source: str  # 'match:<method>:<entry>' or 'signal:<code>'
    weight: float
    counted: float
    role: str
    # The finding this part weighs (None for a signal's part): the flag stage looks a finding's part up
    # by it rather than by position, since ``source`` is not unique (two paths into one entry) and
    # parts and findings are separate lists. Not part of a flag (score_components has the four above).
    finding: Finding | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True, frozen=True)
class Score:
    score: float
    severity: str | None  # None: below the flag threshold
    parts: list[ScorePart]
    findings: list[Finding]  # the findings reported (identifier findings without weight are not)
    signals: list[SignalHit]  # the signals reported (see PRECURSOR_CONTEXT_SIGNALS)


def weight_key(entry: CompiledEntry) -> str:
    e = entry.entry
    if e.tier == "drug":
        return "drug"
    if e.tier == "designer":
        return entry.level or "watch"
    return e.category


def finding_weight(finding: Finding) -> float:
    if finding.medicinal_product:
        return MEDICINAL_PRODUCT_WEIGHT
    if finding.method == "family":
        return finding.family.spec.weight if finding.family else 0.0
    if finding.method == "similarity":
        return SIMILARITY_WEIGHT
    key = weight_key(finding.entry)
    if finding.method == "unmasking":
        weight = UNMASK_WEIGHTS.get(key, 0.0) * finding.score
        reagent_path = bool(finding.path) and all(step.rule in REAGENT_MASK_RULES for step in finding.path)
        floored = key in UNMASK_FLOOR_KEYS or (key in LISTED_MASK_FLOOR_KEYS and reagent_path)
        return max(weight, unmasking_floor(key)) if floored else weight
    table = {"exact": EXACT_WEIGHTS, "identifier": IDENTIFIER_WEIGHTS}[finding.method]
    weight = table.get(key, 0.0)
    if finding.method == "identifier" and finding.cn_code in RESIDUAL_CN:
        return min(weight, RESIDUAL_CN_IDENTIFIER_WEIGHT)
    return weight


def unmasking_floor(key: str) -> float:
    """The least a path into an entry of this weight key counts: the lower bound of the severity band
    that the entry declared plainly reaches (0 when its own weight is below every band)."""
    plain = EXACT_WEIGHTS.get(key, 0.0)
    return next((bound for bound, _ in SEVERITY_BANDS if plain >= bound), 0.0)


def signal_weight(signal: SignalHit) -> float:
    return SIGNAL_WEIGHTS.get(signal.code, 0.0)


def select_findings(findings: list[Finding]) -> list[Finding]:
    """The findings worth reporting. An identifier finding is only a pointer from a tariff code: one that
    weighs nothing would be noise in a flag, and of those that weigh the first IDENTIFIER_LIMIT are kept."""
    if not any(f.method == "identifier" for f in findings):
        return findings
    kept: list[Finding] = []
    identifiers = 0
    for f in findings:
        if f.method == "identifier":
            if identifiers >= IDENTIFIER_LIMIT or not finding_weight(f):
                continue
            identifiers += 1
        kept.append(f)
    return kept


def select_signals(signals: list[SignalHit], evidence: float) -> list[SignalHit]:
    """The signals that apply at this level of chemistry evidence (see the constants above)."""
    return [
        s
        for s in signals
        if not (s.code in PRECURSOR_CONTEXT_SIGNALS and evidence < CONTEXT_MIN_EVIDENCE)
        and not (s.code in EVIDENCE_CONTEXT_SIGNALS and evidence <= 0)
    ]


def weigh_findings(findings: list[Finding], known_commodity: bool = False) -> tuple[float, list[ScorePart]]:
    """(evidence, one part per finding): the strongest single piece of chemistry evidence counts.
    Identification and listing apply per substance (``Finding.declared_as``): an item declaring several
    substances has each judged as it would be alone, and the strongest counts."""
    # The substances identified exactly ("": the one screened; known_commodity is about that one).
    identified = {f.declared_as for f in findings if f.method == "exact"} | ({""} if known_commodity else set())
    exact_listed = [f for f in findings if f.method == "exact" and f.entry is not None]
    watch_caps = {f.declared_as: EXACT_WEIGHTS["watch"] for f in exact_listed if weight_key(f.entry) == "watch"}
    listed_designers = {f.declared_as for f in exact_listed if f.entry.entry.tier == "designer"}
    weighed = []
    for f in findings:
        w = round(finding_weight(f), 3)
        # A listed designer precursor's path into a scheduled precursor is the route it is listed for: it
        # counts at least as that precursor declared plainly, and a watch listing does not cap it.
        scheduled_path = f.method == "unmasking" and f.entry is not None and f.entry.entry.tier == "scheduled"
        if f.declared_as in listed_designers and scheduled_path and weight_key(f.entry) in LISTED_MASK_FLOOR_KEYS:
            w = max(w, unmasking_floor(weight_key(f.entry)))
        role = ROLE_WEAKER if w else ROLE_NO_WEIGHT
        if f.declared_as in identified and f.method in ("family", "similarity"):
            w, role = 0.0, ROLE_IDENTIFIED
        watch_cap = watch_caps.get(f.declared_as)
        if watch_cap is not None and f.method != "exact" and not scheduled_path and w > watch_cap:
            w, role = watch_cap, ROLE_LISTING
        label = f.entry.id if f.entry is not None else (f.family.spec.id if f.family else "?")
        weighed.append((f, f"match:{f.method}:{label}", w, role))
    best = max((w for _, _, w, _ in weighed), default=0.0)
    parts = []
    strongest_found = best <= 0  # nothing counts when no finding weighs anything
    for f, source, w, role in weighed:
        if not strongest_found and w == best:
            strongest_found = True
            parts.append(ScorePart(source, w, w, ROLE_STRONGEST, f))
        else:
            parts.append(ScorePart(source, w, 0.0, role, f))
    return best, parts


@dataclass(slots=True, frozen=True)
class WeighedFindings:
    """The findings an item reports and what they weigh: the same for every item declaring the same
    substance under the same CN code (computed once per declaration: pipeline/screening.py)."""

    findings: list[Finding]  # select_findings
    evidence: float
    parts: tuple[ScorePart, ...]


def weigh_item_findings(findings: list[Finding], known_commodity: bool) -> WeighedFindings:
    selected = select_findings(findings)
    evidence, parts = weigh_findings(selected, known_commodity)
    return WeighedFindings(selected, evidence, tuple(parts))


def score_item(
    findings: list[Finding],
    signals: list[SignalHit],
    known_commodity: bool,
    flag_min_score: float,
    weighed: WeighedFindings | None = None,
) -> Score:
    """Combine an item's findings and signals into its score and severity (None: not flagged).
    ``weighed``: weigh_item_findings(findings, known_commodity), when known already."""
    if not findings and not signals:
        return Score(0.0, None, [], [], [])  # most goods items: nothing found, nothing to combine
    weighed = weighed if weighed is not None else weigh_item_findings(findings, known_commodity)
    findings, evidence, parts = weighed.findings, weighed.evidence, list(weighed.parts)
    signals = select_signals(signals, evidence)
    total = evidence
    for s in signals:
        weight = signal_weight(s)
        if s.code in OBLIGATION_SIGNALS:
            parts.append(ScorePart(f"signal:{s.code}", 0.0, 0.0, ROLE_OBLIGATION))
            continue
        if not weight:
            continue
        if s.code in STANDALONE_SIGNALS or evidence > 0:
            total += weight
            parts.append(ScorePart(f"signal:{s.code}", weight, weight, ROLE_SIGNAL))
        else:
            parts.append(ScorePart(f"signal:{s.code}", weight, 0.0, ROLE_SIGNAL_NEEDS_EVIDENCE))
    score = round(min(total, SCORE_CAP), 3)
    severity = severity_for(score) if score >= flag_min_score else None
    if severity is None and any(s.code in OBLIGATION_SIGNALS for s in signals):
        severity = OBLIGATION_SEVERITY
    return Score(score, severity, parts, findings, signals)


def score_remembered(
    findings: list[Finding],
    signals: list[SignalHit],
    weighed: WeighedFindings,
    flag_min_score: float,
    remembered: dict,
) -> Score:
    """``score_item`` of an item whose findings a declaration decides (``weighed``), remembered in
    ``remembered`` (one declaration's: ``findings`` and ``weighed`` are its own) per sequence of signal codes: the score, severity, parts and the
    choice of signals read the signals' codes and nothing else of them (their details are the item's
    own: quantities, values), so the items of a declaration with the same codes share one Score but
    for the signals it reports, which are the item's. Its parts are shared, so never changed."""
    codes = tuple(s.code for s in signals)
    found = remembered.get(codes)
    if found is None:
        scored = score_item(findings, signals, False, flag_min_score, weighed)
        kept = tuple(i for i, s in enumerate(signals) if any(s is t for t in scored.signals))
        # Not the Score itself: its signals are this item's, and the memo keeps nothing of an item alive.
        remembered[codes] = (scored.score, scored.severity, scored.parts, scored.findings, kept)
        return scored
    score, severity, parts, reported, kept = found
    return Score(score, severity, parts, reported, [signals[i] for i in kept])


def explain_score(score: float, parts: list[ScorePart]) -> str:
    """One line that shows how the counted parts make the score, e.g. 'score 0.95 = 0.8
    (match:exact:EU1-BMK) + 0.15 (signal:COVER_DESCRIPTION); findings do not add up: ...'."""
    counted = [p for p in parts if p.counted]
    text = f"score {score} = " + (" + ".join(f"{p.counted} ({p.source})" for p in counted) or "0")
    total = round(sum(p.counted for p in counted), 3)
    if total > SCORE_CAP:
        text += f" ({total}, capped at {SCORE_CAP})"
    return f"{text}; {SCORE_RULE}"


def severity_for(score: float) -> str | None:
    for bound, name in SEVERITY_BANDS:
        if score >= bound:
            return name
    return None


# --- stateful signals (issue 12; docs/intelligence.md) -------------------------------------------------
# What each signal seen across events adds to the item's own score on its follow-up flag. They are
# only ever raised on items with precursor chemistry (or a route component), so they all count.
STATEFUL_SIGNAL_WEIGHTS = {
    "SPLIT_SHIPMENT": 0.25,  # the quantity was split to stay under a threshold: deliberate
    "SYNTHESIS_KIT": 0.3,  # the chemicals of a whole route to one consignee
    "REPEAT_MASK": 0.2,  # a novel mask seen again elsewhere: a market, not a one-off
    "NEW_TRADER": 0.1,  # weak alone: every trader is new once
    "SUPPLIER_CHANGE": 0.1,  # weak alone: businesses change suppliers
}
# A follow-up flag is always worth a look: it is at least this severe.
FOLLOW_UP_MIN_SEVERITY = "low"


def score_follow_up(base_score: float, codes: list[str]) -> tuple[float, str, list[ScorePart]]:
    """(score, severity, parts) of a follow-up flag: the item's own score plus each stateful signal's
    weight, capped at 1.0, and at least FOLLOW_UP_MIN_SEVERITY."""
    parts = [ScorePart("item:own score", base_score, base_score, "the item's own flag score")]
    total = base_score
    for code in codes:
        weight = STATEFUL_SIGNAL_WEIGHTS[code]
        total += weight
        parts.append(ScorePart(f"signal:{code}", weight, weight, ROLE_SIGNAL))
    score = round(min(total, SCORE_CAP), 3)
    severity = severity_for(score)
    if severity is None or SEVERITY_RANK[severity] < SEVERITY_RANK[FOLLOW_UP_MIN_SEVERITY]:
        severity = FOLLOW_UP_MIN_SEVERITY
    return score, severity, parts


SEVERITY_RANK = {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}
