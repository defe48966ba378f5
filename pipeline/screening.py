"""The screening engine: one event in, zero or more flags out. Pure apart from its caches.

It runs the stages in the order data flows, one goods item at a time:
resolve (chemistry/resolve.py) -> match (chemistry/matching.py) -> signals (pipeline/signals.py)
-> score (pipeline/scoring.py) -> flag (pipeline/flags.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property
from itertools import islice

from chemistry.identifier_db import IdentifierDatabase, open_identifier_database
from chemistry.identifiers import PRESENTATION_UNSTATED, Presentation, fold_accents
from chemistry.mangled_text import join_name_cut_at_comma
from chemistry.matching import (
    Analysis,
    Finding,
    MatchConfig,
    Matcher,
    analyse_salt_form,
    analyse_structure,
    build_matcher,
    collect_findings,
)
from chemistry.molecules import (
    Standardised,
    compute_formula,
    compute_inchikey,
    order_atoms_canonically,
    smiles_with_atom_map,
)
from chemistry.opsin import (
    OpsinParser,
    description_parts_with_locants,
    looks_systematic,
    open_systematic_name_parser,
    systematic_names_in_text,
)
from chemistry.resolve import (
    NameReaders,
    Resolution,
    add_listed_fragments,
    add_stated_constituent,
    add_substance_named_in_description,
    find_listed_constituent,
    quote_declared,
    read_shared_abbreviation_by_description,
    read_unresolved_name,
    refuse_drug_product_in_other_goods,
    resolve_description,
    resolve_foreign_systematic_name,
    resolve_item,
    resolve_systematic_name,
    resolved_as_read,
    respell_foreign_name_parts,
    standardise_spelling,
)
from chemistry.watchlist import Watchlist
from pipeline.caches import BoundedCache, StructureMemo, molecule_bytes, remember_per_text, text_bytes
from pipeline.decode import LeftOut
from pipeline.errors import ConfigError
from pipeline.flags import ENGINE_VERSION, METHOD_ORDER, Display, ItemVerdict, flag_document, make_flag_id
from pipeline.scoring import WeighedFindings, score_item, score_remembered, weigh_item_findings
from pipeline.settings import Settings
from pipeline.signals import (
    DeclaredItem,
    DeclaredSignals,
    ItemContext,
    SignalHit,
    collect_declared_signals,
    collect_signals,
    read_goods_presentation,
)
from schemas.events import GoodsItem, TransactionEvent
from schemas.flags import Flag

# The flag stage's names, for callers (pipeline.batch) that take them from the engine.
__all__ = ["ENGINE_VERSION", "METHOD_ORDER", "ItemVerdict", "Screener", "make_flag_id"]


# What a finding kept in an item's memo weighs (pipeline/caches.py): its strings and small objects.
FINDING_BYTES = 1024


@dataclass(slots=True, frozen=True)
class ItemChemistry:
    """An item's chemistry, the same for every item declaring the same identifiers, CN code and
    description (Screener.item_chemistry): what it resolves to, its findings, the signals and score
    parts they decide. Shared by those items, so never changed."""

    resolution: Resolution
    findings: list[Finding]  # never changed: score_item and the flag stage build new lists
    truncated: str
    known: bool  # a commodity chemical of the curated dictionary
    signals: DeclaredSignals  # those the declaration decides (pipeline/signals.py)
    weighed: WeighedFindings  # the findings reported and what they weigh (pipeline/scoring.py)
    # What later stages build once per declaration (ItemVerdict.shared: the flag's pieces).
    shared: dict = field(default_factory=dict, compare=False, repr=False)
    # Its items' scores by sequence of signal codes (pipeline/scoring.py score_remembered).
    scores: dict = field(default_factory=dict, compare=False, repr=False)
    # No finding and no declaration signal: the item's verdict is the unflagged one whatever its event
    # (screen_item), decided once here rather than for every item declaring the same.
    quiet: bool = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "quiet", not self.findings and self.signals.nothing_to_score)


def declared_identifiers(item: GoodsItem) -> tuple[str | None, ...]:
    """What an item declares that identifies its substance (the resolution's cache key)."""
    return (item.smiles, item.inchi, item.cas, item.name, item.cn_code)


def item_memo_key(item: GoodsItem) -> tuple:
    """The key of an item's remembered chemistry: its declared identifiers (declared_identifiers, in its
    order) and its description. Built for every item, so written out rather than from declared_identifiers."""
    return ("item", item.smiles, item.inchi, item.cas, item.name, item.cn_code, item.description)


def drawing_memo_key(drawing: str, item: GoodsItem) -> tuple:
    """The key of the chemistry shared by every spelling of one drawing (``drawing``, the item's SMILES's
    drawing key) declared with the item's other identifiers, CN code and description."""
    return ("item by drawing", drawing, item.inchi, item.cas, item.name, item.cn_code, item.description)


def item_memo_weight(key: tuple, chemistry: ItemChemistry) -> int:
    """What an entry of the item memo is counted for: its key's strings and its findings."""
    return text_bytes(*key[1:]) + FINDING_BYTES * len(chemistry.findings)


def left_out_of_item(left_out: Sequence[LeftOut], position: int) -> tuple[str, ...]:
    """What was left out of the event and of its item at ``position``, as "field: problem" (an item's
    fields named within the item)."""
    if not left_out:
        return ()
    own = [f for f in left_out if f.item_index is None]
    mine = [f for f in left_out if f.item_index == position]
    return tuple(f"{f.field}: {f.problem}" for f in own) + tuple(
        f"{'.'.join(str(p) for p in f.path[2:])}: {f.problem}" for f in mine
    )


@remember_per_text
def names_in_description(description: str) -> tuple[str, ...]:
    """systematic_names_in_text of a goods description (what description_names_ahead sends OPSIN)."""
    return systematic_names_in_text(description)


# Parts of a description tried as names in another language's nomenclature: more than the English spans
# (MAX_DESCRIPTION_NAMES), since harmless names with locants before a listed one would otherwise hide it
# (review22b G3); they are parsed in the event's batch, within its deadline.
MAX_FOREIGN_DESCRIPTION_NAMES = 6


@remember_per_text
def foreign_names_in_description(description: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The parts of a goods description that respell as another language's systematic name (at most
    MAX_FOREIGN_DESCRIPTION_NAMES of them), each with the English spellings OPSIN is sent
    (respell_foreign_name_parts), respelt once for the event's batch and the resolution."""
    parts = ((p, tuple(respell_foreign_name_parts(p))) for p in description_parts_with_locants(description))
    return tuple(islice(((p, respelt) for p, respelt in parts if respelt), MAX_FOREIGN_DESCRIPTION_NAMES))


@remember_per_text  # asked again of each new declaration that repeats the name
def looks_like_systematic_name(name: str) -> bool:
    """looks_systematic of a declared name (regular expressions: whether OPSIN is worth asking)."""
    return looks_systematic(name)


@dataclass
class Screener:
    watchlist: Watchlist
    settings: Settings
    matcher: Matcher = field(init=False)
    # One cache for resolutions, structures, analyses and description look-ups, bounded by entries
    # and by estimated bytes (pipeline/caches.py): memory stays bounded on a stream of novel
    # structures, whatever their size.
    cache: BoundedCache = field(init=False)
    structures: StructureMemo = field(init=False)
    analysis_hits: int = 0
    analysis_misses: int = 0
    clock: Callable[[], float] = time.monotonic  # the event time budget's clock (tests give their own)
    # The identifier database for names and CAS numbers the watchlist and dictionary do not know
    # (None: not used; identifiers_unavailable says why).
    identifiers: IdentifierDatabase | None = field(init=False, default=None)
    identifiers_unavailable: str = field(init=False, default="")
    # OPSIN for systematic names nothing else resolves (None: not used; systematic_names_unavailable
    # says why). Shared by the process's screeners; its Java process starts on first use.
    systematic_names: OpsinParser | None = field(init=False, default=None)
    systematic_names_unavailable: str = field(init=False, default="")
    # What the OPSIN look-ahead resolved without finding a substance, for resolve() to go on from
    # (declared identifiers -> resolution; description -> resolution): it would otherwise resolve them
    # again. Only the current event's (cleared by each look-ahead), so at most its items.
    _declared_ahead: dict = field(init=False, default_factory=dict, repr=False)
    _descriptions_ahead: dict = field(init=False, default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        config = MatchConfig(
            similarity_threshold=self.settings.similarity_threshold,
            max_steps=self.settings.unmask_max_steps,
            time_budget_s=self.settings.unmask_time_budget_s,
        )
        self.matcher = build_matcher(self.watchlist, config)
        self.cache = BoundedCache(self.settings.cache_size, self.settings.cache_max_mb << 20)
        self.structures = StructureMemo(self.cache)
        self.identifiers, self.identifiers_unavailable = open_identifier_database(self.settings.identifier_database)
        try:
            self.systematic_names, self.systematic_names_unavailable = open_systematic_name_parser(
                self.settings.systematic_names, self.settings.systematic_name_time_budget_s
            )
        except ValueError as exc:
            raise ConfigError(str(exc)) from None

    @cached_property
    def name_readers(self) -> NameReaders:
        """What the last-resort readings of a name read with (chemistry/resolve.py NameReaders): only the
        screener's long-lived objects, so built once, on the first name they are asked about. Those objects
        are never replaced while the screener runs (a new watchlist gets a new Screener); a test that swaps
        in a parser of its own (``systematic_names``) does so before it screens anything."""
        return NameReaders(
            self.watchlist, self.structures, self.systematic_names, self.identifiers, looks_like_systematic_name
        )

    # -- pure-ish core -------------------------------------------------------------------------
    def analyse(self, resolution: Resolution) -> Analysis | None:
        """The analysis of the substance a resolution found (None when it found none)."""
        return None if resolution.std is None else self.analyse_standardised(resolution.std)

    def reading_concern(self, analysis: Analysis) -> float:
        """How much the watchlist is concerned with an analysed structure: the best score of its findings,
        0 for none. Asked only of the readings of an identifier that names several substances (resolve_item)."""
        return max((f.score for f in collect_findings(analysis, None, self.matcher)), default=0.0)

    def _resolve_declared(self, declared: tuple) -> Resolution:
        """resolve_item on an item's declared identifiers; marked clock_bound when the choice between
        the readings of an ambiguous identifier rested on an analysis the clock cut short, so that
        neither this resolution nor the item's chemistry is remembered (the next item chooses again)."""
        cut_short = []

        def concern(std: Standardised) -> float:
            analysis = self.analyse_standardised(std)
            if analysis.clock_bound:
                cut_short.append(std)
            return self.reading_concern(analysis)

        resolution = resolve_item(
            self.watchlist, self.structures, *declared, database=self.identifiers, concern=concern
        )
        return replace(resolution, clock_bound=True) if cut_short else resolution

    def analyse_standardised(self, std: Standardised) -> Analysis:
        """The analysis of a standardised structure, however it was identified (cached by structure)."""
        # Keyed by structure and the fragments stripped from it: an analysis's findings say which salt
        # was removed, so a salt form shares no analysis with its free base (whichever came first would
        # otherwise decide the text for both, and output would depend on the order of the input).
        found = self.cache.get(("analysis", std.iso_key, std.stripped))
        if found is not None:
            self.analysis_hits += 1
            return found
        self.analysis_misses += 1
        free_base = self.cache.get(("analysis", std.iso_key, ())) if std.stripped else None
        if free_base is not None:  # a salt form of a structure analysed before: the structure's findings hold
            analysis = analyse_salt_form(std, free_base, self.matcher)
        else:
            analysis = analyse_structure(order_atoms_canonically(std), self.matcher)
        if analysis.clock_bound:
            # Cut short by the wall clock: how far it got depends on the machine's load, so the next
            # item of this structure is analysed afresh instead of inheriting this busy moment's verdict.
            return analysis
        key = ("analysis", std.iso_key, std.stripped)
        return self.cache.put(key, analysis, len(std.iso_key) + molecule_bytes(std))

    def resolve(self, item: GoodsItem) -> Resolution:
        """The item's substance, and a listed constituent that a waste or contaminated goods' description states
        (chemistry/resolve.py find_listed_constituent), read last: after every reading of what the goods are, OPSIN's
        of the description included, so that a stated solvent never stands in for goods a reading would name. A listed
        substance among the fragments its structure set aside as salt or solvent is screened too (add_listed_fragments)."""
        goods = refuse_drug_product_in_other_goods(
            self.watchlist, self.resolve_goods(item), item.name, item.description, item.cn_code
        )
        resolution = add_listed_fragments(self.watchlist, self.structures, goods)
        if not item.description:
            return resolution
        key = ("stated constituent", item.description, item.name)
        constituent = self.cache.get(key)
        if constituent is None:
            constituent = find_listed_constituent(self.watchlist, self.structures, item.description, item.name)
            constituent = constituent or ()  # () remembers that there is none
            held = constituent[1].std if constituent else None
            self.cache.put(key, constituent, text_bytes(item.description, item.name), holds=held)
        return add_stated_constituent(self.watchlist, resolution, constituent or None, item.description)

    def resolve_goods(self, item: GoodsItem) -> Resolution:
        """What the item's identifiers, name and description say the goods are. Remembered per set of identifiers
        declared: the same chemical is declared again and again, so identifier checks and look-ups are not
        repeated. Resolutions are shared between items, so they are never changed after this."""
        declared = declared_identifiers(item)
        resolution = self.cache.get(("resolution", *declared))
        if resolution is None:
            resolution = self._declared_ahead.pop(declared, None)
            if resolution is None:
                resolution = self._resolve_declared(declared)
            if resolution.std is None and item.name:
                # The last-resort readings of a name, in their documented order (chemistry/resolve.py
                # LAST_RESORT_NAME_READINGS; docs/identification.md "The order in which a name is read").
                resolution = read_unresolved_name(self.name_readers, item.name, resolution)
            if not resolution.clock_bound:
                self.cache.put(("resolution", *declared), resolution, text_bytes(*declared), holds=resolution.std)
        if resolution.std is None and item.name and item.description:
            # after the resolution is remembered: this reading depends on the description, which the declared
            # identifiers (the cache key) leave out
            resolution = self.read_name_cut_at_comma(item.name, item.description, resolution)
        if resolution.std is None and item.description:
            # Last resort: a description that is a chemical name, or begins with one before its
            # particulars (resolve_description; remembered too: most descriptions are the same few
            # words, declaration after declaration).
            by_description = self.cache.get(("description", item.description))
            if by_description is None:
                by_description = self._descriptions_ahead.pop(item.description, None)
                if by_description is None:
                    by_description = self.read_description_as_name(item.description)
                if by_description.std is None and self.systematic_names is not None:
                    by_description = self.resolve_description_by_opsin(item.description, by_description)
                description = ("description", item.description)
                self.cache.put(description, by_description, text_bytes(item.description), holds=by_description.std)
            if by_description.std is not None:
                return replace(by_description, invalid=resolution.invalid)
        elif resolution.std is not None and item.description:
            # Letters several substances share, the item's only identifier, which the description says the meaning of
            # ("4-AP", described as 4-aminopyridine): the description decides (read_shared_abbreviation_by_description;
            # never over a declared structure or number: review39)
            if not (item.cas or item.smiles or item.inchi):
                decided = read_shared_abbreviation_by_description(
                    self.watchlist, self.structures, self.identifiers, resolution, item.name, item.description
                )
                if decided is not resolution:
                    return decided
            # A listed substance named in the description of an item whose identifiers say something else
            # is screened too (add_substance_named_in_description); read as a name only, not by OPSIN.
            named = self.read_description_as_name(item.description)
            return add_substance_named_in_description(
                self.watchlist, resolution, named, item.description, item.name
            )
        return resolution

    def read_name_cut_at_comma(self, name: str, description: str, unresolved: Resolution) -> Resolution:
        """A name a CSV export cut at a comma inside its brackets, joined again with the description's first field
        (chemistry/mangled_text.py join_name_cut_at_comma) and read as a name is; ``unresolved`` otherwise."""
        joined = join_name_cut_at_comma(name, description)
        if joined is None:
            return unresolved
        key = ("name cut at a comma", joined)
        found = self.cache.get(key)
        if found is None:
            found = resolve_item(self.watchlist, self.structures, name=joined, database=self.identifiers)
            if found.std is None:
                found = read_unresolved_name(self.name_readers, joined, found)
            if not found.clock_bound:
                self.cache.put(key, found, text_bytes(joined), holds=found.std)
        if found.std is None:
            return unresolved
        how = (
            f"the name '{quote_declared(name)}' was read with the description's first field as "
            f"'{quote_declared(joined)}': a CSV export had cut it at a comma"
        )
        return resolved_as_read(unresolved, found, how)

    def read_description_as_name(self, description: str) -> Resolution:
        """What a goods description names read as a name (resolve_description, not OPSIN), remembered per
        description: most descriptions are the same few words, declaration after declaration."""
        key = ("named in description", description)
        named = self.cache.get(key)
        if named is None:
            named = resolve_description(self.watchlist, self.structures, description)
            self.cache.put(key, named, text_bytes(description), holds=named.std)
        return named

    def screen_item(
        self,
        event: TransactionEvent,
        item: GoodsItem,
        left_out: tuple[str, ...] = (),
        chemistry: ItemChemistry | None = None,
    ) -> ItemVerdict:
        """``left_out``: the declared fields (the event's and this item's) that failed validation and
        were left out, as "field: problem" (they raise DATA_QUALITY). ``chemistry``: the item's
        remembered chemistry (item_chemistry), when it was looked up already."""
        chemistry = chemistry if chemistry is not None else self.item_chemistry(item)
        resolution, findings, truncated, known = (
            chemistry.resolution,
            chemistry.findings,
            chemistry.truncated,
            chemistry.known,
        )
        if chemistry.quiet:
            # No finding and no declaration signal: context signals could not count (collect_signals
            # does not even look for them), so the verdict is the unflagged one, without the stages.
            return ItemVerdict(
                item, resolution, [], [], 0.0, None, [], truncated, known_chemical=known, shared=chemistry.shared
            )
        context = ItemContext(event, item, resolution, findings, self.watchlist, self.settings, left_out)
        signals = collect_signals(context, chemistry.signals)
        scored = score_remembered(findings, signals, chemistry.weighed, self.settings.flag_min_score, chemistry.scores)
        return ItemVerdict(
            item,
            resolution,
            scored.findings,
            scored.signals,
            scored.score,
            scored.severity,
            scored.parts,
            truncated,
            known_chemical=known,
            shared=chemistry.shared,
        )

    def item_chemistry(self, item: GoodsItem) -> ItemChemistry:
        """What an item's declared identifiers, CN code and description give, whatever the event around
        them: its resolution, findings and declaration signals. Remembered per those fields (the same
        declaration comes again and again), so a repeated one skips resolving, analysing, reading
        findings and weighing them; not when the wall clock cut an analysis short (the next item tries again, as
        ``analyse`` does) or the item declares several substances (each analysed on its own)."""
        found = self.remembered_chemistry(item, parse=True)
        if found is not None:
            return found
        resolution = self.resolve(item)
        analysis = self.analyse(resolution)
        presentation = read_goods_presentation(item, resolution)
        findings = self.collect_item_findings(resolution, analysis, item.cn_code, presentation)
        known = resolution.std is not None and resolution.std.key in self.watchlist.common_keys
        signals = collect_declared_signals(DeclaredItem(item, resolution, findings, self.watchlist, self.settings))
        weighed = weigh_item_findings(findings, known)
        chemistry = ItemChemistry(resolution, findings, analysis.truncated if analysis else "", known, signals, weighed)
        if (analysis is not None and analysis.clock_bound) or resolution.clock_bound or resolution.also_declared:
            return chemistry
        key = item_memo_key(item)
        self.cache.put(key, chemistry, item_memo_weight(key, chemistry), holds=resolution.std)
        # The declared SMILES string itself is quoted only where identifiers contradict each other
        # (chemistry.resolve: "SMILES <as declared> (...) and CAS ... name different substances"); without
        # such a conflict, what the item gives depends on its drawing, not on how the string spells it.
        drawing = self.structures.drawing_of(item.smiles) if item.smiles and not resolution.conflicts else None
        if drawing is not None:
            by_drawing = drawing_memo_key(drawing, item)
            self.cache.put(by_drawing, chemistry, item_memo_weight(by_drawing, chemistry), holds=resolution.std)
        return chemistry

    def remembered_chemistry(self, item: GoodsItem, parse: bool = False) -> ItemChemistry | None:
        """The item's remembered chemistry (item_chemistry), or None: that of an item declaring the same,
        or else that of an item declaring the same but for another spelling of its SMILES (the same
        drawing key). ``parse``: a SMILES string not met before is parsed for its drawing key (otherwise
        only a string met before is looked up). Not remembered again under this spelling's strings: most
        re-spellings are written once, and an entry each would crowd out those that are used again."""
        key = item_memo_key(item)
        found = self.cache.get(key)
        if found is not None or not item.smiles:
            return found
        if parse:
            drawing = standardise_spelling(self.structures, item.smiles)[2]
        else:
            drawing = self.structures.drawing_of(item.smiles)
        if drawing is None:
            return None
        return self.cache.get(drawing_memo_key(drawing, item))

    def collect_item_findings(
        self,
        resolution: Resolution,
        analysis: Analysis | None,
        cn_code: str | None,
        presentation: Presentation = PRESENTATION_UNSTATED,
    ) -> list[Finding]:
        """The findings of the substance screened, then those of each other substance the item declares
        (several CAS numbers in one field), each marked with its identifier. An other substance
        identified exactly, or known to the curated dictionary, brings no family or similarity findings,
        as it would not on its own item. ``presentation``: how the item's words present the goods (Category 4)."""
        if resolution.also_declared:
            # goods declaring other substances beside a medicine's ingredient are no medicinal product to pass over
            # (review36c: "Norephedrine tablets; acetic anhydride" under 3004; chemistry/matching.py
            # declares_medicinal_product)
            presentation = replace(presentation, unit_dose=False)
        findings = collect_findings(analysis, cn_code, self.matcher, presentation)
        for other in resolution.also_declared:
            # Analysed by structure: the other substance's own identification (its CAS number and the
            # source that resolved it) is its DeclaredSubstance, which the findings' detail quotes.
            found = collect_findings(self.analyse_standardised(other.std), cn_code, self.matcher, presentation)
            if other.std.key in self.watchlist.common_keys or any(f.method == "exact" for f in found):
                found = [f for f in found if f.method not in ("family", "similarity")]
            what = f"{other.identifier} ({other.name or 'no name known'}; from {other.source}), also declared in the {other.field}"
            findings += [
                replace(f, detail=f"{what} — {f.detail}", atoms=(), declared_as=other.identifier) for f in found
            ]
        return findings

    def unscreened_item(self, item: GoodsItem, screened: int) -> ItemVerdict:
        """The verdict of an item the event's time budget did not reach: not screened, and said so."""
        budget = self.settings.event_time_budget_s
        signal = SignalHit(
            "SCREENING_BUDGET_EXCEEDED",
            f"not screened: the event's {budget:g} s screening budget was spent on its first {screened} item(s); "
            "review this item by hand or screen the declaration again offline",
        )
        scored = score_item([], [signal], False, self.settings.flag_min_score)
        resolution = Resolution("unresolved", None)
        return ItemVerdict(item, resolution, [], scored.signals, scored.score, scored.severity, scored.parts)

    def screen_event(self, event: TransactionEvent, now: datetime | None = None) -> list[Flag]:
        return [flag for _, flag in self.screen_event_items(event, now) if flag is not None]

    def screen_event_items(
        self, event: TransactionEvent, now: datetime | None = None, left_out: Sequence[LeftOut] = ()
    ) -> list[tuple[ItemVerdict, Flag | None]]:
        """Every item's verdict, with its flag when it is flagged. ``left_out``: fields that failed
        validation and were left out when the event was read (pipeline/decode.py)."""
        return [
            (verdict, self.build_flag(event, verdict, now) if verdict.severity is not None else None)
            for verdict in self.screen_event_verdicts(event, left_out)
        ]

    def screen_event_verdicts(self, event: TransactionEvent, left_out: Sequence[LeftOut] = ()) -> list[ItemVerdict]:
        """Every item's verdict (flagged: ``severity`` is not None), in item order, within the event's
        time budget."""
        out = []
        deadline = self.clock() + self.settings.event_time_budget_s
        # Most items declare what an earlier item did: their chemistry is remembered (looked up once
        # here), and only the others can need OPSIN's look-ahead.
        remembered = [self.remembered_chemistry(item) for item in event.items]
        new = [item for item, chemistry in zip(event.items, remembered, strict=True) if chemistry is None]
        if new:  # (what the look-ahead kept for the event before is not read: no item here resolves anything)
            deadline += self.parse_names_ahead(new, deadline)
        for position, item in enumerate(event.items):
            if self.clock() > deadline:
                out.append(self.unscreened_item(item, position))
            else:
                fields = left_out_of_item(left_out, position) if left_out else ()
                out.append(self.screen_item(event, item, fields, remembered[position]))
        return out

    def _parses_name(self, name: str | None) -> bool:
        return self.systematic_names is not None and name is not None and looks_like_systematic_name(name)

    def parse_names_ahead(self, items: Sequence[GoodsItem], deadline: float) -> float:
        """Send OPSIN, in one batch, the systematic names of ``items`` (those whose chemistry is not
        remembered: screen_event_verdicts looks that up once, first) whose declared identifiers
        resolve nothing (its answers are remembered, so resolving each item then finds them): one
        round trip to the Java process per event rather than per item. Stops at the deadline, as
        screening does, except that starting the Java process (seconds, once per process or after
        a name over its budget) is not the event's to pay for: returns the seconds it took, which the
        caller adds to the event's deadline."""
        opsin = self.systematic_names
        if opsin is None:
            return 0.0
        self._declared_ahead.clear()
        self._descriptions_ahead.clear()
        names = []
        for item in items:
            if item.name is None:
                continue
            declared = declared_identifiers(item)
            # Most items with a name were resolved before (the name test runs regular expressions, the
            # cache look-up does not). Items whose chemistry is remembered never get here.
            if self.cache.get(("resolution", *declared)) is not None:
                continue
            if not self._parses_name(item.name):
                continue
            if self.clock() > deadline:  # (the clock is read only for names OPSIN may be asked about)
                break
            if item.smiles and self.remembered_chemistry(item, parse=True) is not None:
                continue  # another spelling of its SMILES was declared with the same name
            if self.resolve_declared_ahead(item).std is None:
                names.append(item.name)
        names += self.description_names_ahead(items, deadline)
        # and their spellings without accents, which resolve_systematic_name parses when OPSIN (ASCII only) cannot read
        # a name as written ("prop-2-én-1-yl"): in the same round trip
        names += [folded for n in names if not n.isascii() and (folded := fold_accents(n)) != n and folded.isascii()]
        started = opsin.startup_s
        if names:
            opsin.parse_systematic_names(
                (n for n in names if n is not None), within=lambda: self.clock() <= deadline + opsin.startup_s - started
            )
        return opsin.startup_s - started

    # -- systematic names inside goods descriptions (OPSIN) ----------------------------------------------
    def resolve_description_by_opsin(self, description: str, unresolved: Resolution) -> Resolution:
        """The structure of the first systematic name OPSIN parses inside a description nothing else
        resolved (a designer precursor declared only as "methyl 3-(...)carboxylate, 25 kg drums");
        ``unresolved`` when there is none. Descriptions without a locant or bracket never get here
        past one regular-expression search (systematic_names_in_text)."""
        assert self.systematic_names is not None
        parser, found_names = self.systematic_names, []
        for name in systematic_names_in_text(description):
            found = resolve_systematic_name(parser, self.structures, name, unresolved)
            if found.std is not None:
                found_names.append(replace(found, source=f"{found.source}: {name!r}, found in the goods description"))
        # then the parts spelt in another language's nomenclature, as a declared name is read (LAST_RESORT_NAME_
        # READINGS' foreign systematic names): only parts that respell count towards the cap, which bounds the
        # OPSIN parses, so parts with locants that are no names ("typ 1-A") cannot use it up (review22 F6)
        for part, respelt in foreign_names_in_description(description):
            found = resolve_foreign_systematic_name(parser, self.structures, part, unresolved, respelt)
            if found.std is not None:
                found_names.append(replace(found, source=f"{found.source}: {part!r}, found in the goods description"))
        if not found_names:
            return unresolved
        # The name of most concern to the watchlist, the first among equals: a harmless name first
        # ("2-fenylethanol, 1-fenylpropan-2-on") does not hide the listed one after it (review22 F6).
        return max(found_names, key=lambda r: self.reading_concern(self.analyse_standardised(r.std)))

    def description_names_ahead(self, items: Sequence[GoodsItem], deadline: float) -> list[str]:
        """The systematic names inside the descriptions of items that resolve nothing, for
        parse_names_ahead's batch (so that resolving each item then finds OPSIN's answers)."""
        names: list[str] = []
        for item in items:
            if not item.description or self.cache.get(("description", item.description)) is not None:
                continue
            candidates = list(names_in_description(item.description))  # () for ordinary descriptions
            # and the English spellings of its parts in another language's nomenclature, parsed in the same batch
            # within the event's deadline (review22b G8: they had been parsed one by one, outside it)
            for _, respelt in foreign_names_in_description(item.description):
                candidates += respelt
            if not candidates or self.clock() > deadline:
                continue
            if self.resolve_declared_ahead(item).std is not None:
                continue
            itself = self.read_description_as_name(item.description)
            if itself.std is None:  # not a name itself
                self._descriptions_ahead[item.description] = itself
                names.extend(candidates)
        return names

    def resolve_declared_ahead(self, item: GoodsItem) -> Resolution:
        """The item's declared identifiers resolved before OPSIN is asked, as resolve() does first. A
        resolution that found a substance is cached for resolve(); one that found none is kept for this
        event only, and resolve() goes on from it to OPSIN's answers, which this look-ahead prepares
        (not cached: the next event's look-ahead must ask OPSIN again)."""
        declared = declared_identifiers(item)
        found = self.cache.get(("resolution", *declared))
        if found is not None:
            return found
        resolution = self._declared_ahead.get(declared)
        if resolution is not None:
            return resolution
        resolution = self._resolve_declared(declared)
        if resolution.clock_bound:
            return resolution  # neither cached nor kept: resolve() chooses again
        if resolution.std is not None:
            self.cache.put(("resolution", *declared), resolution, text_bytes(*declared), holds=resolution.std)
        else:
            self._declared_ahead[declared] = resolution
        return resolution

    def _display(self, std: Standardised) -> Display:
        """Display SMILES, atom map, InChIKey and formula of a structure, computed once per structure."""
        analysis = self.cache.get(("analysis", std.iso_key, std.stripped))
        if analysis is None:  # not kept (evicted, or cut short by the clock): the same atom order as analysed
            mol = order_atoms_canonically(std).mol
            smiles, atom_map = smiles_with_atom_map(mol)
            return Display(smiles, atom_map, compute_inchikey(mol) or None, compute_formula(mol))
        if analysis.display is None:
            # From the analysed structure (canonical atom order): its findings' atoms index that one.
            mol = analysis.std.mol
            analysis.display = smiles_with_atom_map(mol)
            analysis.inchikey = compute_inchikey(mol) or None
            analysis.formula = compute_formula(mol)
        return Display(analysis.display[0], analysis.display[1], analysis.inchikey, analysis.formula or "")

    def structure_identity(self, std: Standardised) -> tuple[str | None, str]:
        """(InChIKey, display SMILES) of a standardised structure."""
        display = self._display(std)
        return display.inchikey, display.smiles

    def cache_sizes(self) -> dict[str, int]:
        """Entries of each cache (benchmarks/cache_memory.py)."""
        return {kind: self.cache.count(kind) for kind in ("structure", "resolution", "analysis", "description")}

    def cache_stats(self) -> tuple[int, int]:
        """(hits, misses) of the per-structure analysis cache."""
        return self.analysis_hits, self.analysis_misses

    # -- output ----------------------------------------------------------------------------------
    def build_flag(self, event: TransactionEvent, verdict: ItemVerdict, now: datetime | None = None) -> Flag:
        return Flag.model_validate(self.flag_document(event, verdict, now))

    def flag_document(self, event: TransactionEvent, verdict: ItemVerdict, now: datetime | None = None) -> dict:
        """The flag as plain data (pipeline/flags.py ``flag_document``), for writers that need no model."""
        std = verdict.resolution.std
        display = self._display(std) if std is not None else Display()
        return flag_document(event, verdict, display, self.watchlist.version, now)
