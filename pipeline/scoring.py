"""How evidence and signals become a score and a severity. Every number here is documented in the
README ("How a flag is scored"); change both together.

Principles:
- Category 1 substances, masks that unmask to them, and controlled drugs are what make a flag high.
- Category 2 and 3 substances and paths ending on them are commodity chemistry: they stay low unless
  consignment signals back them up.
- A known dual-use chemical with a large legitimate market (designer tier, level "watch") is judged
  by its listing, not by what it can be turned into (GBL is not scored as GHB).
- Similarity alone never goes above "info".
- Once a substance is identified exactly (a watchlist entry, or a known commodity chemical of the
  curated dictionary such as helional), family and similarity evidence add nothing.
"""

from __future__ import annotations

from chemistry.matching import Finding
from chemistry.watchlist import CompiledEntry

EXACT_WEIGHTS = {"drug": 0.92, "1": 0.8, "2A": 0.3, "2B": 0.3, "3": 0.05, "4": 0.3, "high": 0.55, "watch": 0.15}
UNMASK_WEIGHTS = {"drug": 0.9, "1": 0.8, "2A": 0.08, "2B": 0.08, "3": 0.02, "4": 0.0, "high": 0.45, "watch": 0.08}
SIMILARITY_WEIGHT = 0.12
# A declared CN code that is the specific code of a listed substance, when the substance itself could
# not be identified: "declared as BMK by tariff code".
IDENTIFIER_WEIGHTS = {"drug": 0.5, "1": 0.5, "2A": 0.2, "2B": 0.2, "3": 0.02, "4": 0.2, "high": 0.3, "watch": 0.05}

# (lower bound, severity), highest first.
SEVERITY_BANDS: tuple[tuple[float, str], ...] = (
    (0.9, "critical"),
    (0.7, "high"),
    (0.45, "medium"),
    (0.25, "low"),
    (0.1, "info"),
)

# Signals that strengthen chemistry evidence count only when the chemistry alone reaches this level,
# so that commodity solvents by air, in bulk or under a catch-all code do not become flags.
CONTEXT_MIN_EVIDENCE = 0.25


def weight_key(entry: CompiledEntry) -> str:
    e = entry.entry
    if e.tier == "drug":
        return "drug"
    if e.tier == "designer":
        return entry.level or "watch"
    return e.category


def finding_weight(finding: Finding) -> float:
    if finding.method == "family":
        return finding.family.spec.weight if finding.family else 0.0
    if finding.method == "similarity":
        return SIMILARITY_WEIGHT
    table = {"exact": EXACT_WEIGHTS, "unmasking": UNMASK_WEIGHTS, "identifier": IDENTIFIER_WEIGHTS}[finding.method]
    return table.get(weight_key(finding.entry), 0.0) * (finding.score if finding.method == "unmasking" else 1.0)


def evidence_score(findings: list[Finding], known_commodity: bool = False) -> tuple[float, list[tuple[str, float]]]:
    """Strongest single piece of chemistry evidence, with every component listed.

    Evidence does not add up (two names for one fact are one fact): the maximum counts.
    """
    components = []
    identified = known_commodity or any(f.method == "exact" for f in findings)
    watch_cap = None
    for f in findings:
        if f.method == "exact" and f.entry is not None and weight_key(f.entry) == "watch":
            watch_cap = EXACT_WEIGHTS["watch"]
    best = 0.0
    for f in findings:
        w = round(finding_weight(f), 3)
        if identified and f.method in ("family", "similarity"):
            w = 0.0  # the substance is known exactly: resemblance adds nothing
        if watch_cap is not None and f.method != "exact":
            w = min(w, watch_cap)  # judged by its listing, see module docstring
        label = f.entry.id if f.entry is not None else (f.family.spec.id if f.family else "?")
        components.append((f"match:{f.method}:{label}", w))
        best = max(best, w)
    return best, components


def severity_for(score: float) -> str | None:
    for bound, name in SEVERITY_BANDS:
        if score >= bound:
            return name
    return None
