"""Consignment-level signals: stateless reasons taken from one event and one goods item.

Each signal function takes an ``ItemContext`` and returns a ``SignalHit`` or None. This module only
detects; what a signal weighs, whether it needs chemistry evidence to count and whether it applies
at a given level of evidence are decided in ``pipeline/scoring.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from chemistry.identifiers import (
    CATCH_ALL_CN,
    UNMIXED_MIN_PERCENT,
    Presentation,
    names_something,
    normalise_name,
    read_presentation,
    says_nothing_of_content,
)
from chemistry.matching import Finding, name_as_entry
from chemistry.resolve import Resolution
from chemistry.watchlist import Watchlist
from pipeline.caches import remember_per_text
from pipeline.settings import Settings
from schemas.events import GoodsItem, TransactionEvent

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


@dataclass(slots=True)
class ItemContext:
    event: TransactionEvent
    item: GoodsItem
    resolution: Resolution
    findings: list[Finding]
    watchlist: Watchlist
    settings: Settings
    # Declared fields that failed validation and were left out ("field: problem"): the event's own,
    # then this item's (pipeline/decode.py LeftOut).
    left_out: tuple[str, ...] = ()


@dataclass(slots=True)
class DeclaredItem:
    """An item's declaration and what was found from it, without the event around it: all that the
    declaration signals (DECLARATION_SIGNALS and DECLARED_CONTEXT_SIGNALS) read, so that they are
    computed once per declaration (an ItemContext serves them as well)."""

    item: GoodsItem
    resolution: Resolution
    findings: list[Finding]
    watchlist: Watchlist
    settings: Settings


Declaration = DeclaredItem | ItemContext


# Read once per text (remember_per_text): new declarations mostly repeat words met before, and an item's
# words are asked about twice, for its findings (pipeline/screening.py item_chemistry, Category 4) and for
# CN_MISMATCH (signal_cn_mismatch), which thus reads the presentation the findings were decided on.
@remember_per_text
def read_item_presentation(name: str | None, description: str | None, substance: str | None = None) -> Presentation:
    """read_presentation of a declared name and description; ``substance``: the name of the substance the item
    was resolved to (Resolution.name), whose stated content decides, found by that name or by the declared one
    (a name in another language: "Ephedrin-HCl", "Laktose 80 %, Ephedrin 20 %")."""
    return read_presentation(name, description, substance_names=(substance, name) if substance else ())


@remember_per_text  # asked of every new declaration resolved by an identifier; its words mostly recur
def names_goods_by_identifier_alone(name: str | None, description: str | None) -> bool:
    """A name field that names nothing (identifiers.names_something) and a description that says nothing of the
    goods' content (identifiers.says_nothing_of_content: "medicament bulk, 100 kg")."""
    return not names_something(name) and says_nothing_of_content(description)


def read_goods_presentation(item: GoodsItem, resolution: Resolution) -> Presentation:
    """read_item_presentation of an item's name and description, and whether the item names its goods by one
    structure identifier alone (Presentation.identifier_only): resolved by a CAS number, SMILES or InChI, one
    substance declared, a name field that names nothing (identifiers.names_something) and a description that
    says nothing of the goods' content (identifiers.says_nothing_of_content: "medicament bulk, 100 kg")."""
    presentation = read_item_presentation(item.name, item.description, resolution.name)
    # a name field holding the structure identifier that resolved the item names the goods by it, as the fields
    # of the identifiers do ("InChI=1S/C10H15NO/..." typed into the name field)
    name = None if resolution.name_is_structure else item.name
    if (
        (resolution.resolved_by in ("cas", "smiles", "inchi") or resolution.name_is_structure)
        and not resolution.also_declared
        and names_goods_by_identifier_alone(name, item.description)
    ):
        return replace(presentation, identifier_only=True)
    return presentation


def item_mass_kg(item: GoodsItem) -> float | None:
    if item.net_mass_kg is not None:
        return item.net_mass_kg
    if item.quantity is None or item.unit is None:
        return None
    return {"kg": 1.0, "g": 0.001, "t": 1000.0}.get(item.unit, 0.0) * item.quantity or None


def signal_invalid_identifier(ctx: Declaration) -> SignalHit | None:
    if not ctx.resolution.invalid:
        return None
    return SignalHit("INVALID_IDENTIFIER", "; ".join(ctx.resolution.invalid))


def signal_identifier_conflict(ctx: Declaration) -> SignalHit | None:
    if not ctx.resolution.conflicts:
        return None
    return SignalHit(
        "IDENTIFIER_CONFLICT",
        "declared identifiers contradict each other: " + "; ".join(ctx.resolution.conflicts),
    )


def signal_cn_mismatch(ctx: Declaration) -> SignalHit | None:
    declared = ctx.item.cn_code
    std = ctx.resolution.std
    if not declared or std is None:
        return None
    known = ctx.watchlist.cn_by_key.get(std.key)
    if not known:
        return None
    presentation = read_goods_presentation(ctx.item, ctx.resolution) if declared.startswith("3003") else None
    if presentation is not None and presentation.declares_one_substance:
        # chemistry/matching.py match_cn_scope kept the substance's own finding: say why the code did not count.
        why = (
            f"the declared content ({UNMIXED_MIN_PERCENT:g} % or more) makes it the substance unmixed"
            if presentation.unmixed
            else "the goods are named by one substance's identifier alone (no name, and a description that "
            "says nothing of their content), which names the substance, not a mixture"
        )
        return SignalHit(
            "CN_MISMATCH",
            f"declared CN {declared}, a heading of medicaments of two or more constituents mixed together, "
            f"but {why}: screened as the substance, not as a Category 4 medicinal product (possible mis-declaration)",
        )
    # Compare at heading level (4 digits): sub-heading differences are classification detail.
    if any(declared[:4] == code[:4] for code in known):
        return None
    if any(f.medicinal_product and not f.declared_as for f in ctx.findings):
        return None  # a medicament's heading for goods declared as a medicinal product (match_excluded_medicinal_product)
    if any(f.method == "identifier" and f.entry is not None and f.entry.cn_scope for f in ctx.findings):
        # A Category 4 medicament's own code beside another of its ingredients (a combination product's
        # paracetamol: chemistry/matching.py match_medicinal_product_code): the code is right for the goods.
        return None
    codes = ", ".join(
        f"{code} (inferred, not verified)" if (std.key, code) in ctx.watchlist.cn_inferred else code
        for code in sorted(known)
    )
    return SignalHit(
        "CN_MISMATCH",
        f"declared CN {declared} but the identified substance is classified under {codes} (possible mis-declaration)",
    )


def signal_catch_all_cn(ctx: Declaration) -> SignalHit | None:
    declared = ctx.item.cn_code
    if not declared or declared not in CATCH_ALL_CN:
        return None
    for f in ctx.findings:
        own = (*f.entry.entry.cn_codes, *f.entry.entry.cn_codes_inferred) if f.entry is not None else ()
        if f.method == "exact" and declared in own:
            return None  # declared under its own (generic) code: correct, not a cover
    return SignalHit(
        "CATCH_ALL_CN",
        f"precursor chemistry declared under the catch-all code {declared}, where designer precursors are "
        "typically hidden",
    )


def signal_cover_description(ctx: Declaration) -> SignalHit | None:
    found = COVER_TERMS.search(ctx.item.description or "")
    if not found:
        return None
    return SignalHit(
        "COVER_DESCRIPTION",
        f"declared as '{ctx.item.description}' ('{found.group(0)}') although the chemistry is a precursor: "
        "descriptions of this kind were used as covers in past seizures",
    )


@remember_per_text  # new declarations mostly repeat a description met before
def description_name_keys(description: str) -> tuple[str, ...]:
    """The name keys (normalise_name) of a description's parts between ";", "," and "/"."""
    return tuple(normalise_name(part) for part in re.split(r"[;,/]", description))


def signal_description_mismatch(ctx: Declaration) -> SignalHit | None:
    std = ctx.resolution.std
    description = ctx.item.description or ""
    if std is None or not description:
        return None
    declared = {std.key, *(other.std.key for other in ctx.resolution.also_declared)}
    for part in description_name_keys(description):
        record = ctx.watchlist.by_name.get(part)
        if record is None:
            continue
        if record.key in declared:
            return None
        return SignalHit(
            "DESCRIPTION_MISMATCH",
            f"description names {record.name}, but the declared identifiers identify a different substance",
        )
    return None


def signal_quantity(ctx: ItemContext) -> SignalHit | None:
    kg = item_mass_kg(ctx.item)
    if kg is None:
        return None
    for f in ctx.findings:
        if f.method != "exact" or f.medicinal_product or f.entry is None or f.entry.entry.threshold_kg is None:
            continue
        limit = f.entry.entry.threshold_kg
        if kg > limit:
            if limit == 0:
                return SignalHit(
                    "LICENSABLE_ANY_QUANTITY",
                    f"{kg:g} kg of a Category 1 substance: no quantity threshold, any amount needs a licence "
                    "and an import/export authorisation",
                )
            return SignalHit("QUANTITY_ABOVE_THRESHOLD", f"{kg:g} kg exceeds the legal threshold of {limit:g} kg")
    if kg >= ctx.settings.bulk_quantity_kg:
        return SignalHit(
            "BULK_QUANTITY",
            f"{kg:g} kg of precursor chemistry (operational threshold {ctx.settings.bulk_quantity_kg:g} kg)",
        )
    return None


def signal_high_value_air_post(ctx: ItemContext) -> SignalHit | None:
    if ctx.item.value is None:
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
    )


def signal_unresolved_catch_all(ctx: Declaration) -> SignalHit | None:
    if ctx.resolution.std is not None or not ctx.item.cn_code or ctx.item.cn_code not in CATCH_ALL_CN:
        return None
    return SignalHit(
        "UNRESOLVED_CATCH_ALL",
        f"substance could not be identified and is declared under the catch-all code {ctx.item.cn_code}",
    )


# Signals about the declaration itself (scoring counts them without chemistry evidence).
def signal_scheduled_substance(ctx: Declaration) -> tuple[SignalHit, ...] | None:
    """A scheduled substance is reported whatever its risk: customs must check the licence,
    registration or authorisation for every one (an obligation, not a suspicion). One signal per
    substance the item declares (several CAS numbers in one field), in the order of its matches."""
    hits = {}  # one per substance declared: the first exact scheduled finding of each
    for f in ctx.findings:
        # A Category 4 medicament declared by its own CN code is one, whatever ingredient was identified
        # (chemistry/matching.py match_medicinal_product_code): its export authorisation is checked too.
        declared_medicament = f.method == "identifier" and f.entry is not None and bool(f.entry.cn_scope)
        if (f.method != "exact" and not declared_medicament) or f.medicinal_product:
            continue  # (a medicinal product outside Category 4 is no scheduled substance: no obligation)
        if f.entry is None or f.entry.entry.tier != "scheduled" or f.declared_as in hits:
            continue
        e = f.entry.entry
        # Named as the substance declared: a declaration without stereochemistry ("Cloroefedrina", a flat
        # drawing) is not the listed stereoisomer the first exact match is (name_as_entry).
        std = ctx.resolution.std
        if f.declared_as:
            std = next((o.std for o in ctx.resolution.also_declared if o.identifier == f.declared_as), None)
        name = name_as_entry(f.entry, std) if std is not None and not declared_medicament else e.name
        hits[f.declared_as] = SignalHit(
            "SCHEDULED_SUBSTANCE",
            f"{name} is a scheduled drug precursor, EU Category {e.category} ({e.legal_source}): "
            f"{CATEGORY_CHECKS.get(e.category[:1], CATEGORY_CHECKS['1'])} before release. Legal text as "
            f"recorded in the watchlist: {e.threshold}",
        )
    return tuple(hits.values()) or None


# What customs checks for each category (Reg. (EC) 273/2004 within the Union, Reg. (EC) 111/2005 for
# trade with third countries): a Category 3 substance needs no licence or registration within the
# Union, so its text must not ask for one.
CATEGORY_CHECKS = {
    "1": "check the operator's licence and customer declaration and, for external trade, the import or "
    "export authorisation",
    "2": "check the operator's registration and customer declaration and, for external trade, the export "
    "authorisation where one is required",
    "3": "within the Union no licence or registration is needed; for external trade, check the exporter's "
    "registration and, for the destinations that require it, the export authorisation",
}


def signal_data_quality(ctx: ItemContext) -> SignalHit | None:
    """Fields of the declaration that failed validation were left out, so that the chemistry could
    still be screened: an incomplete declaration of precursor chemistry deserves a closer look."""
    if not ctx.left_out:
        return None
    return SignalHit(
        "DATA_QUALITY",
        "declared fields that failed validation were left out and the rest screened: " + "; ".join(ctx.left_out),
    )


DECLARATION_SIGNALS = (signal_invalid_identifier, signal_identifier_conflict, signal_unresolved_catch_all)
# Signals about the chemistry found in its consignment (scoring counts them only with chemistry evidence).
CONTEXT_SIGNALS = (
    signal_scheduled_substance,
    signal_cn_mismatch,
    signal_catch_all_cn,
    signal_cover_description,
    signal_description_mismatch,
    signal_quantity,
    signal_high_value_air_post,
    signal_data_quality,
)
# The context signals that read nothing but the item's declared identifiers, CN code and description and
# what was found from them: the same for every item that declares those, so a screener computes them
# once per declaration (pipeline/screening.py item_chemistry). The others read the quantity, value,
# transport and the fields left out.
DECLARED_CONTEXT_SIGNALS = CONTEXT_SIGNALS[:5]
ITEM_CONTEXT_SIGNALS = CONTEXT_SIGNALS[5:]


@dataclass(slots=True, frozen=True)
class DeclaredSignals:
    """The signals of an item that its declaration alone decides (see DECLARED_CONTEXT_SIGNALS)."""

    standalone: tuple[SignalHit, ...]  # DECLARATION_SIGNALS found
    context: tuple[SignalHit, ...]  # DECLARED_CONTEXT_SIGNALS found (only looked for when they can count)

    @property
    def nothing_to_score(self) -> bool:
        return not self.standalone and not self.context


def _found(functions, ctx: Declaration) -> list[SignalHit]:
    hits: list[SignalHit] = []
    for fn in functions:
        found = fn(ctx)
        if isinstance(found, tuple):  # one per substance the item declares
            hits.extend(found)
        elif found is not None:
            hits.append(found)
    return hits


def collect_declared_signals(ctx: Declaration) -> DeclaredSignals:
    """The signals ``ctx.item``'s declaration decides (no event is read)."""
    standalone = tuple(_found(DECLARATION_SIGNALS, ctx))
    if not ctx.findings and not standalone:
        return DeclaredSignals(standalone, ())
    return DeclaredSignals(standalone, tuple(_found(DECLARED_CONTEXT_SIGNALS, ctx)))


def collect_signals(ctx: ItemContext, declared: DeclaredSignals | None = None) -> list[SignalHit]:
    """Every signal found. Context signals are not looked for when the item has no finding and no
    declaration signal: they count only with chemistry evidence, so they could change nothing (and
    most goods items are exactly that). ``declared``: collect_declared_signals of this item's
    declaration, when known already."""
    declared = declared if declared is not None else collect_declared_signals(ctx)
    hits = list(declared.standalone)
    if not ctx.findings and not hits:
        return hits
    return hits + list(declared.context) + _found(ITEM_CONTEXT_SIGNALS, ctx)
