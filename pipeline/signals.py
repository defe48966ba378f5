"""Consignment-level signals: stateless reasons taken from one event and one goods item.

Each signal function takes an ``ItemContext`` and returns a ``SignalHit`` or None. The weight is
what the signal adds to the chemistry evidence (see ``pipeline/scoring.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chemistry.identifiers import normalise_name
from chemistry.matching import Finding
from chemistry.resolve import Resolution
from chemistry.watchlist import Watchlist
from pipeline.scoring import CONTEXT_MIN_EVIDENCE
from pipeline.settings import Settings
from schemas.events import GoodsItem, TransactionEvent

# Generic codes under which designer precursors are typically declared (shared/reference/cn-codes.csv,
# roles "catch-all" and "scheduled + catch-all").
CATCH_ALL_CN = frozenset(
    {
        "29420000",
        "29329900",
        "29189990",
        "29333999",
        "29242970",
        "29269095",
        "29143900",
        "29147900",
        "29144090",
        "29042000",
        "29039980",
        "38249992",
        "38249993",
    }
)

# Cover descriptions seen in real seizures (pigments and waxes, powder coatings) and their kin.
COVER_TERMS = re.compile(
    r"pigment|\bwax|powder coating|polyester|paint|varnish|resin|\bink\b|\bdye|colou?rant|cosmetic|"
    r"food additive|plastic additive|fertili[sz]er|detergent|sample of no value|\bgift\b",
    re.IGNORECASE,
)


@dataclass(slots=True, frozen=True)
class SignalHit:
    code: str
    detail: str
    weight: float
    standalone: bool = False  # counts even without chemistry evidence


@dataclass(slots=True)
class ItemContext:
    event: TransactionEvent
    item: GoodsItem
    resolution: Resolution
    findings: list[Finding]
    evidence: float
    watchlist: Watchlist
    settings: Settings


def item_mass_kg(item: GoodsItem) -> float | None:
    if item.net_mass_kg is not None:
        return item.net_mass_kg
    if item.quantity is None or item.unit is None:
        return None
    return {"kg": 1.0, "g": 0.001, "t": 1000.0}.get(item.unit, 0.0) * item.quantity or None


def signal_invalid_identifier(ctx: ItemContext) -> SignalHit | None:
    if not ctx.resolution.invalid:
        return None
    return SignalHit("INVALID_IDENTIFIER", "; ".join(ctx.resolution.invalid), 0.12, standalone=True)


def signal_identifier_conflict(ctx: ItemContext) -> SignalHit | None:
    if not ctx.resolution.conflicts:
        return None
    return SignalHit(
        "IDENTIFIER_CONFLICT",
        "declared identifiers contradict each other: " + "; ".join(ctx.resolution.conflicts),
        0.2,
        standalone=True,
    )


def signal_cn_mismatch(ctx: ItemContext) -> SignalHit | None:
    declared = ctx.item.cn_code
    std = ctx.resolution.std
    if not declared or std is None:
        return None
    known = ctx.watchlist.cn_by_key.get(std.key)
    if not known:
        return None
    # Compare at heading level (4 digits): sub-heading differences are classification detail.
    if any(declared[:4] == code[:4] for code in known):
        return None
    codes = ", ".join(
        f"{code} (inferred, not verified)" if (std.key, code) in ctx.watchlist.cn_inferred else code
        for code in sorted(known)
    )
    return SignalHit(
        "CN_MISMATCH",
        f"declared CN {declared} but the identified substance is classified under {codes} (possible mis-declaration)",
        0.15,
    )


def signal_catch_all_cn(ctx: ItemContext) -> SignalHit | None:
    declared = ctx.item.cn_code
    if not declared or declared not in CATCH_ALL_CN or ctx.evidence < CONTEXT_MIN_EVIDENCE:
        return None
    for f in ctx.findings:
        own = (*f.entry.entry.cn_codes, *f.entry.entry.cn_codes_inferred) if f.entry is not None else ()
        if f.method == "exact" and declared in own:
            return None  # declared under its own (generic) code: correct, not a cover
    return SignalHit(
        "CATCH_ALL_CN",
        f"precursor chemistry declared under the catch-all code {declared}, where designer precursors are "
        "typically hidden",
        0.1,
    )


def signal_cover_description(ctx: ItemContext) -> SignalHit | None:
    if ctx.evidence < CONTEXT_MIN_EVIDENCE:
        return None
    found = COVER_TERMS.search(ctx.item.description or "")
    if not found:
        return None
    return SignalHit(
        "COVER_DESCRIPTION",
        f"declared as '{ctx.item.description}' ('{found.group(0)}') although the chemistry is a precursor: "
        "descriptions of this kind were used as covers in past seizures",
        0.15,
    )


def signal_description_mismatch(ctx: ItemContext) -> SignalHit | None:
    std = ctx.resolution.std
    description = ctx.item.description or ""
    if std is None or ctx.evidence <= 0 or not description:
        return None
    for part in re.split(r"[;,/]", description):
        record = ctx.watchlist.by_name.get(normalise_name(part))
        if record is None:
            continue
        if record.key == std.key:
            return None
        return SignalHit(
            "DESCRIPTION_MISMATCH",
            f"description names {record.name}, but the declared identifiers identify a different substance",
            0.1,
        )
    return None


def signal_quantity(ctx: ItemContext) -> SignalHit | None:
    kg = item_mass_kg(ctx.item)
    if kg is None:
        return None
    for f in ctx.findings:
        if f.method != "exact" or f.entry is None or f.entry.entry.threshold_kg is None:
            continue
        limit = f.entry.entry.threshold_kg
        if kg > limit:
            if limit == 0:
                return SignalHit(
                    "LICENSABLE_ANY_QUANTITY",
                    f"{kg:g} kg of a Category 1 substance: no quantity threshold, any amount needs a licence "
                    "and an import/export authorisation",
                    0.0,
                )
            return SignalHit("QUANTITY_ABOVE_THRESHOLD", f"{kg:g} kg exceeds the legal threshold of {limit:g} kg", 0.1)
    if ctx.evidence >= CONTEXT_MIN_EVIDENCE and kg >= ctx.settings.bulk_quantity_kg:
        return SignalHit(
            "BULK_QUANTITY",
            f"{kg:g} kg of precursor chemistry (operational threshold {ctx.settings.bulk_quantity_kg:g} kg)",
            0.1,
        )
    return None


def signal_high_value_air_post(ctx: ItemContext) -> SignalHit | None:
    if ctx.evidence < CONTEXT_MIN_EVIDENCE or ctx.item.value is None:
        return None
    fast = ctx.event.transport.mode in ("air", "post", "courier") or ctx.event.kind in ("postal", "express")
    kg = item_mass_kg(ctx.item)
    rate = ctx.settings.eur_rates.get(ctx.item.value.currency)
    if not fast or not kg or rate is None:
        return None
    per_kg = ctx.item.value.amount * rate / kg
    if per_kg < ctx.settings.high_value_per_kg_eur:
        return None
    return SignalHit(
        "HIGH_VALUE_AIR_POST",
        f"{per_kg:,.0f} EUR/kg shipped by {ctx.event.transport.mode} "
        f"(operational threshold {ctx.settings.high_value_per_kg_eur:g} EUR/kg)",
        0.1,
    )


def signal_unresolved_catch_all(ctx: ItemContext) -> SignalHit | None:
    if ctx.resolution.std is not None or not ctx.item.cn_code or ctx.item.cn_code not in CATCH_ALL_CN:
        return None
    return SignalHit(
        "UNRESOLVED_CATCH_ALL",
        f"substance could not be identified and is declared under the catch-all code {ctx.item.cn_code}",
        0.1,
        standalone=True,
    )


# Signals that can raise a flag without chemistry evidence.
STANDALONE_SIGNALS = (signal_invalid_identifier, signal_identifier_conflict, signal_unresolved_catch_all)
# Signals that only strengthen chemistry evidence (their weight counts only when evidence > 0).
CONTEXT_SIGNALS = (
    signal_cn_mismatch,
    signal_catch_all_cn,
    signal_cover_description,
    signal_description_mismatch,
    signal_quantity,
    signal_high_value_air_post,
)


def collect_signals(ctx: ItemContext) -> list[SignalHit]:
    """Every signal that applies. Context signals are skipped for an item with no chemistry evidence
    and no standalone signal: such an item is not flagged, so they could change nothing (and most
    goods items are exactly that)."""
    hits = [hit for fn in STANDALONE_SIGNALS if (hit := fn(ctx)) is not None]
    if ctx.evidence <= 0 and not hits:
        return hits
    return hits + [hit for fn in CONTEXT_SIGNALS if (hit := fn(ctx)) is not None]
