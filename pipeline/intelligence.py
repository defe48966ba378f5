"""Stateful signals: what a sequence of events says that no single event does (docs/intelligence.md).

Each observation (pipeline/intelligence_observe.py) arrives under one facet key; the state of that
key (a plain dict, JSON in a Faust table) holds what the signals of that facet need:

| facet      | key                               | signals                                      |
|------------|-----------------------------------|----------------------------------------------|
| consignee  | consignee:<EORI or name|country>  | SPLIT_SHIPMENT, SYNTHESIS_KIT, NEW_TRADER, SUPPLIER_CHANGE |
| name       | name:<normalised consignee name>  | SPLIT_SHIPMENT across consignees             |
| address    | address:<normalised address>      | SPLIT_SHIPMENT across consignees             |
| consignor  | consignor:<EORI or name|country>  | NEW_TRADER                                   |
| substance  | substance:<InChIKey>              | REPEAT_MASK                                  |

Event time is the event's ``occurred_at``. A key keeps the events of the window plus the allowed
lateness before its newest event; an observation older than that is *late*: counted, but left out
(its event was screened all the same). Any other observation is counted where it belongs, whatever
order it arrives in: windows are rolling and checked for every window of the configured length that
holds the new event. A re-delivered observation (same event id) is a *duplicate* and changes
nothing. Each signal is raised once per key and subject within a window (REPEAT_MASK on every new
sighting); the splits (kits) of several subjects (routes) resting on the same goods items are one
follow-up flag naming them all (``one_per_goods``); and a follow-up flag's id depends on the events
its signals rest on, not on which of them arrived last: the signals a key's events raise, their ids and what their flags say (written for
the most severe item of the events a split or kit rests on, a repeat mask's newest sighting: each
event keeps a "lead" for it) do not depend on the order in which events within the window plus the
lateness of each other arrive (docs/intelligence.md has the exceptions).

``apply_observation`` is pure: (state, observation) -> (new state, follow-up flags). The agent
publishes the flags before it writes the new state, so a crash in between replays the observation
against the old state and yields the same flags with the same ids (at-least-once, never two ids
for one signal); once the state is written, a re-delivery is a duplicate.
"""

from __future__ import annotations

import hashlib
import os
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time

import orjson

from pipeline.batch import message_dead_letter
from pipeline.flags import ENGINE_VERSION, MAX_QUOTED_CHARS, cut_text
from pipeline.intelligence_observe import (
    BUNDLE_FORMATS,
    FACETS,
    TRANSPORT_FIELDS,
    RouteBook,
    expand_observation,
    load_routes,
)
from pipeline.messages import InMessage, flag_message
from pipeline.scoring import SEVERITY_RANK, score_follow_up
from pipeline.settings import Settings
from schemas.events import Party, Transport
from schemas.flags import Flag, ScoreComponent, Signal, Substance

# 2: the states of the facets that keep events are encoded without "seen" (their event ids and times,
# which "events" holds as well), and the consignee facet's events without their consignee ("p", the key's
# own); version 1 states (with "seen") still decode (``decode_state``).
STATE_VERSION = 2
EVENT_FACETS = frozenset({"consignee", "name", "address"})
DAY_S = 86400.0
MAX_SIGHTINGS = 50  # per novel substance: the first ones and the latest ones are what links them
SUPPLIER_HISTORY_MIN = 3  # consignments a consignee needs before a change of supplier means anything
MAX_LINKED = 20  # event ids a signal lists (the earliest ones, then the newest)
# A key's state is one record (Kafka's limit: 1 MiB) and is walked for each of its observations: a
# consignee with thousands of consignments within a window (a large distributor, or a flood of events
# in its name) keeps the goods items of its newest events up to this many (a quarter fewer once over,
# so that trimming is not paid per observation), and the ids of its newest events for duplicates.
MAX_ITEMS_PER_KEY = 2000
MAX_SEEN_PER_KEY = 4000
# How far ahead of this machine's clock an event time is believed: when keys are expired (an event
# dated in the year 9999 would otherwise make every other key millennia old, and expire them all), and
# when an observation is applied (one dated further ahead is not counted: outcome "future").
MAX_CLOCK_AHEAD_S = DAY_S
# The temporary directories of SpilledStates, each named after its process id.
STATES_DIRECTORY_PREFIX = "precwatch-states-"
# What a key keeps of each event to write a follow-up flag for its most severe item later (``_lead``): a
# lead whose JSON is longer than this (texts near the 1000-character cut) keeps its texts cut shorter,
# and a key keeps the leads of its newest MAX_LEADS_PER_KEY events only (``_bound_events``), so that a
# flood of long declarations cannot grow a state past a table record.
MAX_LEAD_BYTES = 2048
LEAD_CUT_CHARS = 100
MAX_LEADS_PER_KEY = 100
LEAD_PARTY_FIELDS = ("name", "eori", "country", "address")


@dataclass(frozen=True)
class IntelligenceConfig:
    window_s: float
    lateness_s: float
    split_threshold_kg: float
    split_thresholds_kg: dict[str, float]
    new_trader_min_rank: int
    memory_s: float
    routes: RouteBook
    # The event time the stateful layer's history starts (PRECWATCH_TRADER_HISTORY_SINCE, UTC midnight);
    # None: the history is taken as complete.
    history_since: float | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> IntelligenceConfig:
        return cls(
            window_s=settings.intelligence_window_days * DAY_S,
            lateness_s=settings.intelligence_lateness_hours * 3600.0,
            split_threshold_kg=settings.split_threshold_kg,
            split_thresholds_kg=dict(settings.split_thresholds_kg),
            new_trader_min_rank=SEVERITY_RANK[settings.new_trader_min_severity],
            memory_s=settings.trader_memory_days * DAY_S,
            routes=load_routes(settings.routes_path),
            history_since=(
                datetime.combine(settings.trader_history_since, time(), UTC).timestamp()
                if settings.trader_history_since
                else None
            ),
        )

    def threshold(self, subject: str, legal: dict[str, float]) -> tuple[float, str]:
        if subject in legal:
            return legal[subject], "legal threshold recorded in the watchlist"
        if subject in self.split_thresholds_kg:
            return self.split_thresholds_kg[subject], "configured threshold for this entry (operational)"
        return self.split_threshold_kg, "configured threshold (operational, not legal)"


@dataclass
class Raised:
    """One stateful signal on one item of the new event."""

    code: str
    subject: str  # what it is about, for its id and its once-per-window rule
    line: int
    detail: str
    linked: list[dict] = field(default_factory=list)  # [{"t", "e", "d", "f"}]: the other events it rests on
    once_per_window: bool = True  # REPEAT_MASK is raised on every new sighting
    # The item the follow-up flag is written for, as (time, event id, declaration id, lead): the most
    # severe of the events it rests on (``_most_severe_lead``), a REPEAT_MASK's newest sighting
    # (``_newest_lead``); None: the new event's most severe item.
    about: tuple | None = None
    # The goods items it rests on, as sorted (event id, line) pairs: a split's lots, a kit's route
    # components. Signals of one code on the same goods are one follow-up flag (``one_per_goods``).
    goods: tuple = ()
    # This subject in a few words, for the flag of another signal it is merged into: name, how the goods
    # reach it and its threshold (a split), or the route and its sources (a kit).
    clause: str = ""
    order: tuple = ()  # its place among the signals merged with it (the first one's detail leads)
    head: str = ""  # a kit's detail up to its route, when it names several (``_merged``)
    cites: str = ""  # a kit's route's sources
    also: list[Raised] = field(default_factory=list)  # the signals on the same goods merged into this one


@dataclass
class Outcome:
    state: dict
    flags: list[Flag]
    status: str  # counted | duplicate | late


def new_state(facet: str) -> dict:
    return {"v": STATE_VERSION, "facet": facet, "mark": None, "first": None, "last": None, "seen": {}, "events": {}}


def apply_observation(
    state: dict | None, message: dict, config: IntelligenceConfig, now: datetime | None = None, copy: bool = True
) -> Outcome:
    """The new state of the message's key and the follow-up flags the observation raises. ``copy=False``
    lets it change ``state`` in place, for a caller whose state is its own (the agent's batch overlay)."""
    facet, key, obs = message["facet"], message["key"], message["obs"]
    if state is None:
        state = new_state(facet)
    elif copy:
        state = _copy(state)
    if not copy and type(state) is dict and facet in EVENT_FACETS:
        # The caller's own state, kept between observations (the agent's overlay, DecodedStates): worth
        # an index of its lots, kept up to date below, instead of a walk over its window per observation.
        state = IndexedState(state)
    event_id, t = obs["event_id"], float(obs["t"])
    if event_id in state["seen"]:
        return Outcome(state, [], "duplicate")
    if now is not None and t > now.timestamp() + MAX_CLOCK_AHEAD_S:
        # Dated ahead of the clock (a typo'd year): counted, it would move the key's mark so far that
        # every later observation of the trader is late, and the key would never expire.
        return Outcome(state, [], "future")
    mark = state["mark"]
    if mark is not None and t < retention_horizon(mark, config):
        return Outcome(state, [], "late")
    raised: list[Raised] = []
    was_new = state["first"] is None
    if facet in ("consignee", "consignor") and _may_be_new(state, t, config):
        found = signal_new_trader(obs, facet, config)
        if found:
            state["new_trader"] = t
        raised += found
    if facet == "consignee" and not was_new:
        raised += signal_supplier_change(state, obs)
    state["seen"][event_id] = t
    state["first"] = t if state["first"] is None else min(state["first"], t)
    state["last"] = t if state["last"] is None else max(state["last"], t)
    state["mark"] = t if mark is None else max(mark, t)
    if facet in EVENT_FACETS:
        summary = state["events"][event_id] = _event_summary(obs, facet)
        if type(state) is IndexedState:
            if state.lots is not None:
                _index_lots(state.lots, event_id, summary)
            if state.kits is not None:
                _index_kits(state.kits, event_id, summary)
    if facet == "consignee":
        _remember_supplier(state, obs)
    if facet in EVENT_FACETS:
        raised += signal_split_shipment(state, obs, facet, config)
    if facet == "consignee":
        raised += signal_synthesis_kit(state, obs, config)
    if facet == "substance":
        raised += signal_repeat_mask(state, obs, key)
    raised = one_per_goods([r for r in raised if _first_in_window(state, r, t, config)])
    _expire(state, config)
    return Outcome(state, follow_up_flags(obs, facet, key, raised, now), "counted")


# --- signals (pure: state and observation in, Raised out) -------------------------------------------


FAMILY_ID_PREFIX = "FAM-"  # chemistry/families.py: every family id, and no watchlist entry id, starts so


def subject_label(subject: str, name: str) -> str:
    """A split-shipment subject as a follow-up flag names it: a family says so ("aryl-2-nitroalkenes
    (nitrostyrenes) (family)"), an entry is its name. How each lot reaches the subject (the entry itself or
    by unmasking) is not said here: a split's lots may reach it each another way, and the state keeps
    the subjects of each lot, not how, so a label taken from one lot would change with the arrival order
    (review, nineteenth session: BMK and P2NP lots read "(watchlist entry)" or "(unmasking target)"
    depending on which came last). Each linked event's own flag says how its item reaches it."""
    return f"{name} (family)" if subject.startswith(FAMILY_ID_PREFIX) else name


def subject_order(subject: str) -> tuple[int, str]:
    """Where a subject stands among those a merged split names (``one_per_goods``): entries, then
    families, each by id; the same whichever lot arrived last."""
    return (subject.startswith(FAMILY_ID_PREFIX), subject)


def signal_split_shipment(state: dict, obs: dict, facet: str, config: IntelligenceConfig) -> list[Raised]:
    """Quantity of one entry or family within a window reaching its threshold although every
    consignment in that window stays below it. On a name or address facet, only when the window
    holds consignments of at least two consignees (one consignee's own sum is its consignee facet's)."""
    out = []
    t = float(obs["t"])
    lots_of = _lots_by_subject(state, {subject for item in obs["items"] for subject in item["subjects"]})
    # A subject is weighed once per threshold: another line of the same subject would sum the same lots
    # and raise the same signal, which _first_in_window then drops. Weighed per line, one declaration of
    # 999 lines of one chemical cost 999 sums of 999 lots, each raising a signal whose 999 links each
    # searched the 999 lines (_flag_of): seconds per event (the seventeenth session's attack).
    weighed: set[tuple[str, float, str]] = set()
    flag_of: dict[tuple[str, str], str | None] = {}
    for item in obs["items"]:
        for subject in item["subjects"]:
            limit, basis = config.threshold(subject, item["legal_kg"])
            if (subject, limit, basis) in weighed:
                continue
            weighed.add((subject, limit, basis))
            lots = lots_of[subject]
            # No window can hold more than all the lots: most observations stop here.
            if len(lots) < 2 or sum(lot[1] for lot in lots) < limit:
                continue
            for window in windows_holding(t, [lot[0] for lot in lots], config.window_s):
                inside = [lot for lot in lots if window[0] < lot[0] <= window[1]]
                total = sum(lot[1] for lot in inside)
                # A consignment is an event, whatever number of lines it declares the subject on: two lines
                # of 60 kg in one declaration are one consignment of 120 kg, not a split (the seventeenth
                # session's attack found them reported as "2 consignments ... each below").
                per_event: dict[str, float] = {}
                for lot in inside:
                    per_event[lot[2]] = per_event.get(lot[2], 0.0) + lot[1]
                if total < limit or len(per_event) < 2 or max(per_event.values()) >= limit:
                    continue
                # A consignee facet's events are all the key's own consignee's (and do not name it).
                parties = {lot[3]["p"] for lot in inside} if facet != "consignee" else set()
                if facet != "consignee" and len(parties) < 2:
                    continue
                inside.sort(key=lambda lot: (lot[0], lot[2]))
                across = f" by {len(parties)} consignees sharing this {facet}" if facet != "consignee" else ""
                name = subject_label(subject, item["names"].get(subject, subject))
                out.append(
                    Raised(
                        "SPLIT_SHIPMENT",
                        subject,
                        item["line"],
                        f"{len(per_event)} consignments of {name}{across} within "
                        f"{config.window_s / DAY_S:g} days total {total:g} kg, reaching the {basis} of {limit:g} kg, "
                        f"while each stays below it (largest {max(per_event.values()):g} kg)",
                        [
                            {"t": lot[0], "e": lot[2], "d": lot[3]["d"], "f": _memo_flag_of(flag_of, lot, subject)}
                            for lot in inside
                        ],
                        about=_most_severe_lead(
                            (lot[0], lot[2], lot[3]["d"], lot[3].get("l"))
                            for lot in inside
                            if _lead_concerns(lot[3], lambda i, subject=subject: subject in i[2])
                        ),
                        goods=tuple(sorted({(lot[2], lot[4]) for lot in inside})),
                        clause=f"{name}: {basis} of {limit:g} kg",
                        order=subject_order(subject),
                    )
                )
                break
    return out


class IndexedState(dict):
    """A state (encoded as the plain dict it is) with its lots by subject (``lots``: subject -> (time,
    kg, event id, event summary), in the order of its events) and its route components by route
    (``kits``), built on first use, extended as events are added and dropped when any leave
    (``_expire``): a busy key's split-shipment sums and kit checks then cost the lots and components
    the observation concerns, not a walk over every event of its window."""

    __slots__ = ("lots", "kits")

    def __init__(self, state: dict) -> None:
        super().__init__(state)
        self.lots: dict[str, list[tuple]] | None = None
        self.kits: dict[str, list[tuple]] | None = None  # route id -> its components, as ``_route_holders``


def _index_lots(lots: dict[str, list[tuple]], event_id: str, e: dict) -> None:
    for line, kg, item_subjects, *_ in e["items"]:
        if kg:
            for subject in item_subjects:
                lots.setdefault(subject, []).append((e["t"], kg, event_id, e, line))


def _lots_by_subject(state: dict, subjects: set[str]) -> dict[str, list[tuple]]:
    """subject -> (time, kg, event id, event summary, line) of every goods item of the state with a quantity of it,
    in the state's order: one pass over the window for all the observation's subjects (or the index
    of an IndexedState)."""
    if type(state) is IndexedState:
        if state.lots is None:
            state.lots = {}
            for event_id, e in state["events"].items():
                _index_lots(state.lots, event_id, e)
        return {subject: state.lots.get(subject, []) for subject in subjects}
    lots: dict[str, list[tuple]] = {subject: [] for subject in subjects}
    for event_id, e in state["events"].items():
        for line, kg, item_subjects, *_ in e["items"]:
            if kg:
                for subject in item_subjects:
                    found = lots.get(subject)
                    if found is not None:
                        found.append((e["t"], kg, event_id, e, line))
    return lots


def _route_holders(state: dict, route_id: str) -> list[tuple]:
    """(time, event id, event summary, component, own flag id, line) of every component of the route
    ``route_id`` in the state's events, in their order (from the index of an IndexedState)."""
    if type(state) is IndexedState:
        if state.kits is None:
            state.kits = {}
            for event_id, e in state["events"].items():
                _index_kits(state.kits, event_id, e)
        return state.kits.get(route_id, [])
    prefix = route_id + "/"
    return [
        (e["t"], event_id, e, c, flag_id, line)
        for event_id, e in state["events"].items()
        for line, _, _, components, flag_id in e["items"]
        for c in components
        if c.startswith(prefix)
    ]


def _index_kits(kits: dict[str, list[tuple]], event_id: str, e: dict) -> None:
    for line, _, _, components, flag_id in e["items"]:
        for c in components:
            # 'ROUTE-ID/slot index': the slot is a number, so the route is what precedes the last '/'.
            kits.setdefault(c.rpartition("/")[0], []).append((e["t"], event_id, e, c, flag_id, line))


def signal_synthesis_kit(state: dict, obs: dict, config: IntelligenceConfig) -> list[Raised]:
    """One consignee receiving, within a window, a chemical for every slot of a known route."""
    t = float(obs["t"])
    new = {c for item in obs["items"] for c in item["components"]}
    if not new:
        return []
    # 'ROUTE-ID/slot index' (as _index_kits reads it): the routes this observation has a component of.
    concerned = {c.rpartition("/")[0] for c in new}
    out = []
    for route in config.routes.routes:
        if route.id not in concerned:
            continue
        holders = _route_holders(state, route.id)
        for window in windows_holding(t, [h[0] for h in holders], config.window_s):
            inside = [h for h in holders if window[0] < h[0] <= window[1]]
            slots = {h[3] for h in inside}
            if len(slots) < len(route.slots):
                continue
            events = sorted({(h[0], h[1]): h for h in inside}.items())
            line = next(item["line"] for item in obs["items"] if any(c in new for c in item["components"]))
            slot_names = " + ".join(name for name, _ in route.slots)
            sources = "; ".join(route.sources)
            out.append(
                Raised(
                    "SYNTHESIS_KIT",
                    route.id,
                    line,
                    f"within {config.window_s / DAY_S:g} days this consignee received {slot_names}: the "
                    f"{route.name} (to {route.product}); {len(events)} declaration(s); sources: {sources}",
                    [{"t": t, "e": eid, "d": h[2]["d"], "f": h[4]} for (t, eid), h in events],
                    about=_most_severe_lead(
                        (t, eid, h[2]["d"], h[2].get("l"))
                        for (t, eid), h in events
                        if _lead_concerns(
                            h[2], lambda i, prefix=route.id + "/": any(c.startswith(prefix) for c in i[3])
                        )
                    ),
                    goods=tuple(sorted({(h[1], h[5]) for h in inside})),
                    clause=f"{slot_names}: the {route.name} (to {route.product})",
                    cites=sources,
                    order=(route.id,),
                    head=f"within {config.window_s / DAY_S:g} days this consignee received, in {len(events)} "
                    "declaration(s), the chemicals of",
                )
            )
            break
    return out


def signal_new_trader(obs: dict, facet: str, config: IntelligenceConfig) -> list[Raised]:
    """The first consignment of serious precursor chemistry to or from a party never seen before (the
    caller, ``_may_be_new``, says whether the party is new)."""
    item = _most_severe(obs)
    if item is None or SEVERITY_RANK.get(item["severity"] or "", -1) < config.new_trader_min_rank:
        return []
    role = "consignee" if facet == "consignee" else "consignor"
    first = f"first consignment of precursor chemistry {'to' if role == 'consignee' else 'from'} this {role}"
    since = config.history_since
    if since is not None and float(obs["t"]) - config.memory_s < since:
        # A short history (a fresh deployment): "never seen" would claim more than the layer knows.
        seen = f"first seen: no history before {_day(since)} (the trader memory is {config.memory_s / DAY_S:g} days)"
    else:
        seen = f"never seen in the last {config.memory_s / DAY_S:g} days"
    return [Raised("NEW_TRADER", role, item["line"], f"{first}: {seen}")]


def signal_supplier_change(state: dict, obs: dict) -> list[Raised]:
    """A known consignee's precursor chemistry suddenly from another dispatch country, by another
    transport mode or along another route."""
    history = state.get("supplier") or {}
    if history.get("n", 0) < SUPPLIER_HISTORY_MIN:
        return []
    changes = []
    for field_name, label, value in (
        ("countries", "dispatch country", obs["transport"].get("dispatch_country")),
        ("modes", "transport mode", obs["transport"]["mode"]),
        ("routes", "route", obs["route"]),
    ):
        known = history.get(field_name, {})
        # Sudden: a consignee that has always used one country (mode, route) switches; one that
        # buys from many already has no pattern to break.
        if value and len(known) == 1 and value not in known:
            changes.append(f"{label} {value} (before: always {next(iter(known))})")
    if not changes:
        return []
    item = _most_severe(obs)
    earlier = sorted(history.get("recent", []))
    return [
        Raised(
            "SUPPLIER_CHANGE",
            "supplier",
            item["line"],
            f"after {history['n']} consignments of precursor chemistry, a new " + "; a new ".join(changes),
            [{"t": t, "e": e, "d": d, "f": None} for t, e, d in earlier],
        )
    ]


def signal_repeat_mask(state: dict, obs: dict, key: str) -> list[Raised]:
    """A novel mask (an unmasking or family hit, not on the watchlist) seen again in another declaration."""
    inchikey = key.removeprefix("substance:")
    item = next(i for i in obs["items"] if i["novel"] and i["substance"]["inchikey"] == inchikey)
    sightings = state.setdefault("sightings", [])
    earlier = [s for s in sightings if s["d"] != obs["declaration_id"]]
    sighting = {"t": obs["t"], "e": obs["event_id"], "d": obs["declaration_id"], "p": obs["consignee"]["key"]}
    sighting["f"] = item["flag_id"] if item["flagged"] else None
    # Its item, to write the follow-up flag of a later-arriving sighting for it when it is the newest.
    sighting["l"] = _lead(obs, item)
    sightings.append(sighting)
    sightings.sort(key=lambda s: (s["t"], s["e"]))
    if len(sightings) > MAX_SIGHTINGS:
        del sightings[MAX_SIGHTINGS // 2 : len(sightings) - MAX_SIGHTINGS // 2]
    if not earlier:
        return []
    parties = {s["p"] for s in earlier} | {sighting["p"]}
    name = item["substance"]["name"] or item["substance"]["smiles"] or inchikey
    # The sightings in event time: "first seen" is the earliest, whichever arrived first.
    return [
        Raised(
            "REPEAT_MASK",
            "substance",
            item["line"],
            f"{name} ({inchikey}), first seen as a novel mask (not on the watchlist) on "
            f"{_day(min(earlier[0]['t'], obs['t']))}, seen again: {len(earlier) + 1} sightings, "
            f"{len(parties)} consignee(s)",
            # The new sighting too: its own flag is related when the flag is written for another's item.
            [{"t": s["t"], "e": s["e"], "d": s["d"], "f": s["f"]} for s in [*earlier, sighting]],
            once_per_window=False,
            about=_newest_lead((s["t"], s["e"], s["d"], s.get("l")) for s in [*earlier, sighting]),
        )
    ]


def one_per_goods(raised: list[Raised]) -> list[Raised]:
    """The signals with those of one code resting on the same goods items (``Raised.goods``) merged into
    one: the first in their ``order`` (a split: entries, then families, each by id: ``subject_order``; a
    kit: the route id), naming the others in its detail. One lot of
    1-phenyl-2-nitropropene is a lot of the entry, of BMK and amphetamine (its unmasking targets) and of
    the nitrostyrene family: two of them raised four SPLIT_SHIPMENT flags, one per subject, for one pair
    of goods (issue 11; PMK and methylamine two kits, the BMK route's and the PMK route's). Signals whose
    goods differ (a family sum that also holds another nitroalkene) stay flags of their own: they say
    something else. Each subject is still raised once per window on its own (``_first_in_window``, before
    this), and the merged flag's id hashes every subject it names (``follow_up_id``), so it is the same in
    any arrival order wherever each of its subjects' signals is; a signal alone keeps the id it had."""
    groups: dict[tuple, list[Raised]] = {}
    places: list[Raised | tuple] = []  # a signal, or the key of its group, in the order first raised
    for r in raised:
        if not r.goods:
            places.append(r)
            continue
        key = (r.code, r.goods)
        if key not in groups:
            groups[key] = []
            places.append(key)
        groups[key].append(r)
    return [_merged(groups[p]) if type(p) is tuple else p for p in places]


def _merged(group: list[Raised]) -> Raised:
    """One signal of a group on the same goods (``one_per_goods``): the first in order, the others named."""
    if len(group) == 1:
        return group[0]
    group = sorted(group, key=lambda r: r.order)
    first, others = group[0], group[1:]
    if first.code == "SPLIT_SHIPMENT":
        # The first subject's sentence, then the others' names and thresholds: the lots, total and largest
        # are the same.
        joined = "; ".join(r.clause for r in others)
        first.detail += f"; the same lots also reach the threshold of {len(others)} more subject(s): {joined}"
    else:
        # A kit: no route leads (PMK is on the PMK route's slot as an entry, on the BMK route's as a P2P
        # skeleton): each named alike, in route id order, their sources last, as a kit's are (the
        # workbench's list row shows a kit's detail up to its sources: workbench/extract.py).
        joined = "; ".join(f"({n}) {r.clause}" for n, r in enumerate(group, 1))
        cited = "; ".join(f"({n}) {r.cites}" for n, r in enumerate(group, 1))
        first.detail = f"{first.head} {len(group)} routes: {joined}; sources: {cited}"
    first.also = others
    # The same goods are the same events and items, so each chose the same item to write for; taken over
    # all of them all the same (``_most_severe_lead``'s order), so that it cannot depend on which leads.
    abouts = [r.about for r in group if r.about is not None]
    first.about = max(abouts, key=lambda c: (c[3][3], float(c[0]), c[1])) if abouts else None
    return first


def windows_holding(t: float, times: list[float], length: float) -> list[tuple[float, float]]:
    """Every window (start, end] of ``length`` that holds t and ends on t or on a later event time:
    these are all the distinct sets of events a window with t can hold (events out of order included)."""
    ends = sorted({t, *(x for x in times if t < x <= t + length)})
    return [(end - length, end) for end in ends]


# --- follow-up flags ---------------------------------------------------------------------------------


def follow_up_id(facet_key: str, event_id: str, raised: list[Raised]) -> str:
    """Deterministic: the same signals (code, subject) of one key resting on the same events (``event_id``,
    the new one, and those each signal links) give the same id, whichever of those events arrived last
    and completed them — so a re-run that sees the events in another order writes the same flag."""
    what = "\x1e".join(
        sorted(
            f"{r.code}\x1d{r.subject}\x1d" + "\x1d".join(sorted({event_id, *(link["e"] for link in r.linked)}))
            for r in raised
        )
    )
    return hashlib.sha256(f"follow-up\x1f{facet_key}\x1f{what}".encode()).hexdigest()[:32]


def follow_up_flags(obs: dict, facet: str, key: str, raised: list[Raised], now: datetime | None = None) -> list[Flag]:
    """One follow-up flag per stateful signal (signals of one code on the same goods merged into one first:
    ``one_per_goods``), written for the most severe item of the events it rests on
    (``Raised.about``: a REPEAT_MASK's newest sighting; the new event's most severe item for NEW_TRADER
    and SUPPLIER_CHANGE, which rest on it alone or judge it). Not one per item: two signals completed
    by one event in one arrival order are completed by two events in another, and neither a flag's id
    (``follow_up_id``) nor what it says (item, severity, related flags) may depend on that."""
    items = {item["line"]: item for item in obs["items"]}
    flags = []
    for r in sorted(raised, key=lambda r: (r.line, r.code, r.subject)):
        about = r.about or (obs["t"], obs["event_id"], obs["declaration_id"], _lead(obs, items[r.line]))
        # The own flags of every event it rests on but the one it follows up, whichever arrived last.
        related = list(
            dict.fromkeys(
                link["f"] for link in sorted(r.linked, key=_when) if link.get("f") and link["f"] != about[3][1]
            )
        )
        r.linked = [link for link in r.linked if link["e"] != obs["event_id"]]
        flags.append(_follow_up(obs, facet, key, about, r, related, now))
    return flags


def _follow_up(
    obs: dict, facet: str, key: str, about: tuple, r: Raised, related: list[str], now: datetime | None
) -> Flag:
    t, event_id, declaration_id, lead = about
    (
        line,
        own_flag_id,
        flagged,
        own_score,
        (resolved_by, smiles, inchikey, name),
        declared,
        occurred_at,
        kind,
        watchlist_version,
        consignee,
        consignor,
        transport,
    ) = lead
    score, severity, parts = score_follow_up(own_score, [r.code])
    # Every event the signal rests on, the new one included, in event time.
    rests_on = sorted([*r.linked, {"t": obs["t"], "e": obs["event_id"], "d": obs["declaration_id"]}], key=_when)
    signal = Signal(
        code=r.code,
        detail=cut_text(r.detail, 2 * MAX_QUOTED_CHARS),
        weight=parts[1].weight,
        event_ids=_cap([link["e"] for link in rests_on]),
        declaration_ids=_cap([link["d"] for link in rests_on]),
    )
    shown = name or smiles or "unidentified substance"
    own = f"its own flag {own_flag_id}" if flagged else "not flagged on its own"
    return Flag(
        flag_id=follow_up_id(key, obs["event_id"], [r, *r.also]),
        event_id=event_id,
        declaration_id=declaration_id,
        item_line=line,
        severity=severity,  # type: ignore[arg-type]
        score=score,
        summary=cut_text(f"FOLLOW-UP {severity.upper()} {shown} — {r.code} ({facet}; {own})", 2 * MAX_QUOTED_CHARS),
        substance=Substance(resolved_by=resolved_by, smiles=smiles, inchikey=inchikey, name=name),
        matches=[],
        signals=[signal],
        score_components=[
            ScoreComponent(source=p.source, weight=p.weight, counted=p.counted, role=p.role) for p in parts
        ],
        score_explanation=f"score {score} = {own_score} (the item's own score) + "
        + " + ".join(f"{p.weight} ({p.source})" for p in parts[1:])
        + " (capped at 1.0); a follow-up flag is at least low",
        declared={k: cut_text(v) if isinstance(v, str) else v for k, v in {"line": line, **declared}.items()},
        consignor=Party(**_party_fields(dict(zip(LEAD_PARTY_FIELDS, consignor, strict=True)))),
        consignee=Party(**_party_fields(dict(zip(LEAD_PARTY_FIELDS, consignee, strict=True)))),
        transport=Transport(**{n: v for n, v in zip(TRANSPORT_FIELDS, transport, strict=True) if v is not None}),
        kind=kind,
        occurred_at=datetime.fromisoformat(occurred_at) if occurred_at else datetime.fromtimestamp(t, UTC),
        watchlist_version=watchlist_version,
        engine_version=ENGINE_VERSION,
        screened_at=now or datetime.now(UTC),
        follow_up_of=own_flag_id,
        related_flag_ids=related,
    )


def _lead(obs: dict, item: dict) -> list:
    """What a follow-up flag written for ``item`` of the event ``obs`` says of them (``_follow_up``), as a
    key's state keeps it for each of its events (``_event_summary``: "l", the event's most severe item;
    a novel substance's sightings: the novel item), so that a flag completed by a later event can be
    written for it. A list in a fixed order, like the compact observations; texts cut shorter when
    long (MAX_LEAD_BYTES). The flag of the new event is written from its lead too, so what a flag says
    does not depend on which of its events arrived last."""
    substance = item["substance"]
    lead = [
        item["line"],
        item["flag_id"],
        item["flagged"],
        item["score"],
        [substance["resolved_by"], substance["smiles"], substance["inchikey"], substance["name"]],
        {k: v for k, v in item["declared"].items() if k != "line"},
        # None when the event time says it (a UTC time stamp: most are), some 27 bytes per event kept.
        None if obs["occurred_at"] == datetime.fromtimestamp(obs["t"], UTC).isoformat() else obs["occurred_at"],
        obs["kind"],
        obs["watchlist_version"],
        _lead_party(obs["consignee"]),
        _lead_party(obs["consignor"]),
        [obs["transport"].get(name) for name in TRANSPORT_FIELDS],
    ]
    if len(orjson.dumps(lead)) > MAX_LEAD_BYTES:
        # The words (name, declared fields, parties, transport) cut shorter, not the structure the flag
        # names: a SMILES cut with a marker after it is no molecule (the InChIKey and ids are short).
        resolved_by, smiles, inchikey, name = lead[4]
        lead = [*lead[:4], [resolved_by, smiles, inchikey, _cut_texts(name)], *_cut_texts(lead[5:])]
    return lead


def _lead_party(party: dict) -> list:
    # The fields a flag's Party shows (not the observation's party key: 20 to 40 bytes per event kept).
    return [party.get(name) for name in LEAD_PARTY_FIELDS]


def _cut_texts(value):
    if isinstance(value, str):
        return cut_text(value, LEAD_CUT_CHARS)
    if isinstance(value, list):
        return [_cut_texts(v) for v in value]
    if isinstance(value, dict):
        return {k: _cut_texts(v) for k, v in value.items()}
    return value


def _most_severe_lead(candidates: Iterable[tuple]) -> tuple | None:
    """Of (time, event id, declaration id, lead) of the events a signal rests on, the one its follow-up
    flag is written for: the highest own score, then the newest in event time, then the largest event
    id — the last of its most severe events in the order a stream sorted by time (and id) delivers them,
    so that in such a stream a tie goes to the event that completes the pattern, as before. The same in
    any arrival order. The callers pass only events whose lead is an item the signal concerns (a lot of
    its subject, a component of its route: ``_lead_concerns``). Events whose state keeps no lead are not
    candidates: an event whose items are all below the flag threshold (``_event_summary``), a state
    written before leads were kept, a busy key's older events (MAX_LEADS_PER_KEY). None when no event
    is one: the flag is then written for the new event's item that the signal concerns, as before
    leads were kept (and then depends on the arrival order)."""
    return max(
        (c for c in candidates if _readable_lead(c[3])), key=lambda c: (c[3][3], float(c[0]), c[1]), default=None
    )


def _newest_lead(candidates: Iterable[tuple]) -> tuple | None:
    """Of the sightings a REPEAT_MASK rests on, the one its follow-up flag is written for: the newest in
    event time, then the largest event id (the same in any arrival order). Not the most severe: the
    signal is raised on every new sighting, linking the earlier ones, so that in a stream sorted by time
    each of its flags is about the sighting it adds; written for the most severe, the flags of a third
    and a fourth sighting would all be about one item and read the same."""
    return max((c for c in candidates if _readable_lead(c[3])), key=lambda c: (float(c[0]), c[1]), default=None)


def _readable_lead(lead: list | None) -> bool:
    """Whether a kept lead has the layout this version writes (``_lead``: twelve values, read back by
    ``_follow_up``), its transport one value per field of the schema's Transport (TRANSPORT_FIELDS). A
    state lives for the trader memory; a lead kept before the schema gained a field is passed over like
    an event that keeps none (the flag is written for another of the events, or the new event's item),
    not read into the wrong fields or made an error that would dead-letter the observation completing
    the signal."""
    return lead is not None and len(lead) == 12 and len(lead[11]) == len(TRANSPORT_FIELDS)


def _lead_concerns(event: dict, concerns) -> bool:
    """Whether the item an event summary keeps the lead of (its most severe, ``_event_summary``) is one a
    signal concerns (``concerns`` of its [line, kg, subjects, components, flag id]): a split or kit
    follow-up is written for a lot of its subject or a component of its route, not for another item of
    the same declaration. Not found when a busy key merged its lines (``_merged_items``)."""
    lead = event.get("l")
    return lead is not None and any(item[0] == lead[0] and concerns(item) for item in event["items"])


# --- state housekeeping ------------------------------------------------------------------------------


def is_expired(state: dict, mark: float, config: IntelligenceConfig) -> bool:
    """A key not seen for the trader memory (event time, ``mark`` the newest time this worker saw):
    dropped, which bounds the tables however many traders come and go."""
    last = state.get("last")
    return last is not None and last < mark - config.memory_s


def expiry_mark(newest: float, wall_clock: float) -> float:
    """The event time keys are expired against: the newest seen, but no further ahead of the wall clock
    than MAX_CLOCK_AHEAD_S."""
    return min(newest, wall_clock + MAX_CLOCK_AHEAD_S)


def retention_horizon(mark: float, config: IntelligenceConfig) -> float:
    """How far back a key keeps its events: a window and the allowed lateness before its newest event.
    An observation older than this is late; any newer one is counted wherever it arrives."""
    return mark - config.window_s - config.lateness_s


def _may_be_new(state: dict, t: float, config: IntelligenceConfig) -> bool:
    """A party is new when it raised no NEW_TRADER yet and its first consignment (in event time, this
    one included) is no further back than the window and the lateness: the same whichever of its
    first consignments arrives first (the earliest one may arrive last, and need not be serious). With
    a history start (``history_since``), a party first seen within a window and the lateness after it
    is taken as known."""
    if state.get("new_trader") is not None:
        return False
    first = t if state["first"] is None else min(state["first"], t)
    since = config.history_since
    if since is not None and first < since + config.window_s + config.lateness_s:
        # Warm-up: a party first seen this soon after the history starts may have traded just before it.
        return False
    return t - first <= config.window_s + config.lateness_s


def _expire(state: dict, config: IntelligenceConfig) -> None:
    """Forget what no window or lateness can reach any more; keep first/last (what 'new' means)."""
    horizon = retention_horizon(state["mark"], config)
    # An event's time is the same in "seen" and "events" (which holds a subset of its ids): when
    # nothing in "seen" is older than the horizon, there is nothing to forget in either.
    seen = state["seen"]
    if seen and min(seen.values()) < horizon:
        state["seen"] = {e: t for e, t in seen.items() if t >= horizon}
        state["events"] = {e: v for e, v in state["events"].items() if v["t"] >= horizon}
        if type(state) is IndexedState:
            state.lots = state.kits = None  # rebuilt from the remaining events when next needed
    _bound_events(state)
    # Each is rebuilt only when it holds something to forget: this runs on every observation.
    raised = state.get("raised")
    if raised and min(raised.values()) < horizon - config.window_s:
        # A signal suppresses the same one within a window of it: kept a window longer than the events.
        state["raised"] = {k: t for k, t in raised.items() if t >= horizon - config.window_s}
    supplier = state.get("supplier")
    if supplier:
        memory = state["mark"] - config.memory_s
        for name in ("countries", "modes", "routes"):
            if supplier[name] and min(supplier[name].values()) < memory:
                supplier[name] = {k: v for k, v in supplier[name].items() if v >= memory}
    if "sightings" in state:
        memory = state["mark"] - config.memory_s
        state["sightings"] = [s for s in state["sightings"] if s["t"] >= memory]


def _bound_events(state: dict) -> None:
    """Keep a busy key within MAX_ITEMS_PER_KEY goods items and MAX_SEEN_PER_KEY event ids: first by
    merging the items of an event that hold the same subjects and route components (a flood of lines
    of one chemical is one lot of it), then, if still over, by dropping the oldest events."""
    events = state["events"]
    if sum(len(e["items"]) for e in events.values()) > MAX_ITEMS_PER_KEY:
        for e in events.values():
            e["items"] = _merged_items(e["items"])
        if type(state) is IndexedState:
            state.lots = state.kits = None  # rebuilt from the merged items when next needed
    if sum(len(e["items"]) for e in events.values()) > MAX_ITEMS_PER_KEY:
        kept, items = {}, 0
        for event_id in sorted(events, key=lambda e: (events[e]["t"], e), reverse=True):
            items += len(events[event_id]["items"])
            if items > MAX_ITEMS_PER_KEY * 3 // 4:
                break
            kept[event_id] = events[event_id]
        state["events"] = kept
        if type(state) is IndexedState:
            state.lots = state.kits = None  # rebuilt from the remaining events when next needed
    if len(state["events"]) > MAX_LEADS_PER_KEY:
        # The leads of the newest events only (a quarter fewer once over, so that this is not paid per
        # observation): a follow-up resting on older ones is written for the most severe item of those
        # that keep one.
        with_lead = [e for e in state["events"].items() if "l" in e[1]]
        if len(with_lead) > MAX_LEADS_PER_KEY:
            with_lead.sort(key=lambda e: (e[1]["t"], e[0]))
            for _, e in with_lead[: len(with_lead) - MAX_LEADS_PER_KEY * 3 // 4]:
                del e["l"]
    seen = state["seen"]
    if len(seen) > MAX_SEEN_PER_KEY:
        newest = sorted(seen, key=lambda e: (seen[e], e), reverse=True)[: MAX_SEEN_PER_KEY * 3 // 4]
        state["seen"] = {e: seen[e] for e in newest}


def _merged_items(items: list[list]) -> list[list]:
    """An event summary's items ([line, kg, subjects, components, own flag id]) with those of the same
    subjects and components merged into the first of them, their quantities added: what the split and
    kit checks read of them is unchanged but for the lot sizes within the one consignment."""
    merged: dict[tuple, list] = {}
    for line, kg, subjects, components, flag_id in items:
        key = (tuple(subjects), tuple(components))
        first = merged.get(key)
        if first is None:
            merged[key] = [line, kg, subjects, components, flag_id]
        elif kg:
            first[1] = (first[1] or 0) + kg
    return list(merged.values())


def _first_in_window(state: dict, r: Raised, t: float, config: IntelligenceConfig) -> bool:
    """Once per key and subject within a window: the second split of the same month is the same story.
    A signal's time is that of the newest event it rests on (when the pattern was complete in event
    time), not that of the event that arrived last."""
    if not r.once_per_window:
        return True
    at = max([t, *(float(link["t"]) for link in r.linked)])
    raised = state.setdefault("raised", {})
    subject = f"{r.code}:{r.subject}"
    previous = raised.get(subject)
    if previous is not None and abs(at - previous) < config.window_s:
        return False
    raised[subject] = at
    return True


def _event_summary(obs: dict, facet: str) -> dict:
    summary = {
        "t": obs["t"],
        "d": obs["declaration_id"],
        # [line, kg, subjects, components, own flag id when flagged]
        "items": [
            [i["line"], i["kg"], i["subjects"], i["components"], i["flag_id"] if i["flagged"] else None]
            for i in obs["items"]
        ],
    }
    if facet != "consignee":  # the name and address facets sum across consignees
        summary["p"] = obs["consignee"]["key"]
    # Its most severe item, for a follow-up flag of a signal that rests on it (``_most_severe_lead``):
    # only when that item is flagged on its own. About 40 % of the observations of the benchmark's stream
    # are route components and commodity lots under the flag threshold, and a lead is some 500 bytes
    # (the event summary without it about 150), written with the key's state once per interval.
    lead_item = _most_severe(obs)
    if lead_item["flagged"]:
        summary["l"] = _lead(obs, lead_item)
    return summary


def _memo_flag_of(memo: dict[tuple[str, str], str | None], lot: tuple, subject: str) -> str | None:
    """_flag_of of a lot's event, remembered by event id: an event of many lines of one subject is many lots."""
    key = (lot[2], subject)
    if key not in memo:
        memo[key] = _flag_of(lot[3], subject)
    return memo[key]


def _flag_of(event: dict, subject: str) -> str | None:
    return next((f for _, _, subjects, _, f in event["items"] if subject in subjects and f), None)


def _remember_supplier(state: dict, obs: dict) -> None:
    supplier = state.setdefault("supplier", {"n": 0, "countries": {}, "modes": {}, "routes": {}, "recent": []})
    t = float(obs["t"])
    supplier["n"] += 1
    for name, value in (
        ("countries", obs["transport"].get("dispatch_country")),
        ("modes", obs["transport"]["mode"]),
        ("routes", obs["route"]),
    ):
        if value:
            supplier[name][value] = max(t, supplier[name].get(value, t))
    supplier["recent"] = sorted([*supplier["recent"], [t, obs["event_id"], obs["declaration_id"]]])[-5:]


def _most_severe(obs: dict) -> dict | None:
    return max(obs["items"], key=lambda i: (i["score"], -i["line"]), default=None)


def _party_fields(party: dict) -> dict:
    return {k: party[k] for k in ("name", "eori", "country", "address") if party.get(k) is not None}


def _when(link: dict) -> tuple[float, str]:
    return float(link["t"]), link["e"]


def _cap(values: list[str]) -> list[str]:
    if len(values) <= MAX_LINKED:
        return values
    return values[: MAX_LINKED // 2] + values[-MAX_LINKED // 2 :]


def _day(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).date().isoformat()


def _copy(state: dict) -> dict:
    return orjson.loads(orjson.dumps(state))


def encode_state(state: dict) -> bytes:
    """A key's state as the table (and its changelog) holds it: JSON, without what ``decode_state``
    derives. A busy key's state holds every event of its window and is written once per interval,
    so its bytes are much of what the stateful stage writes."""
    # "events" holds a subset of "seen" (a busy key keeps more ids than events, _bound_events), and
    # trimmed apart the two can be as many and differ: "seen" is left out only when it names exactly
    # the events.
    if state.get("facet") in EVENT_FACETS and _seen_is_events(state["seen"], state["events"]):
        return orjson.dumps({**{k: v for k, v in state.items() if k != "seen"}, "v": STATE_VERSION})
    return orjson.dumps(state)  # as in version 1


def _seen_is_events(seen: dict, events: dict) -> bool:
    return len(seen) == len(events) and seen.keys() == events.keys()


def decode_state(raw: bytes) -> dict:
    """The state of a table value of any state version (1: with "seen"; 2: ``encode_state``)."""
    state = orjson.loads(raw)
    if "seen" not in state and state.get("facet") in EVENT_FACETS:
        # Each event the key keeps was seen at its time; the key forgets both together (_expire).
        state["seen"] = {event_id: e["t"] for event_id, e in state["events"].items()}
    return state


# --- the stage over Kafka messages ---------------------------------------------------------------------


class DecodedStates:
    """States as this worker last wrote them, decoded, so that the next batch of a busy key does not
    decode its whole state again (a consignee's state holds every event of its window).

    Safe by construction: a state is handed out only while the table holds exactly the bytes it was
    encoded to (whatever wrote the table since: a rebalance, a recovery, the expiry timer), and it is
    handed out once: the batch that takes it changes it in place, and if that batch fails, the next
    one decodes the table's bytes. Bounded by the encoded size of what it keeps (oldest dropped)."""

    def __init__(self, max_bytes: int = 32_000_000) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self.entries: dict[bytes, tuple[bytes, dict]] = {}

    def take(self, key: bytes, raw: bytes) -> dict | None:
        """The decoded state of ``raw`` for ``key`` (now the caller's), or None when not kept."""
        entry = self.entries.pop(key, None)
        if entry is None:
            return None
        self.size -= len(entry[0])
        return entry[1] if entry[0] == raw else None

    def keep(self, key: bytes, raw: bytes, state: dict) -> None:
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= len(old[0])
        self.entries[key] = (raw, state)
        self.size += len(raw)
        while self.size > self.max_bytes and self.entries:
            oldest = next(iter(self.entries))
            self.size -= len(self.entries.pop(oldest)[0])


class PendingStates:
    """The table as the stage sees it within one batch (the agent's: the batches of one interval of
    streaming/intelligence_tables.py StateFlusher): states written in it first, the table's otherwise. ``commit`` (or the agent's ChangelogWriter, with ``take``) writes them to the
    table once the batch's outputs are delivered.
    With ``decoded``, states this worker wrote are not decoded again (``DecodedStates``)."""

    def __init__(self, table, decoded: DecodedStates | None = None) -> None:
        self.table = table
        self.decoded = decoded
        self.pending: dict[bytes, dict] = {}
        self.origins: dict[bytes, object] = {}  # key -> the event its state came from (the agent's)

    def get(self, key: bytes) -> dict | None:
        if key in self.pending:
            return self.pending[key]
        raw = self.table.get(key)
        if not raw:
            return None
        state = self.decoded.take(key, raw) if self.decoded is not None else None
        return state if state is not None else decode_state(raw)

    def put(self, key: bytes, state: dict, origin: object = None) -> None:
        self.pending[key] = state
        self.origins[key] = origin

    def take(self) -> list[tuple[bytes, bytes, object]]:
        """The pending states encoded, as (key, value, origin) for the caller to write, and no longer
        pending. Kept decoded (``decoded``) as encoded: handed out only once the table holds these bytes."""
        writes = []
        for key, state in self.pending.items():
            value = encode_state(state)
            writes.append((key, value, self.origins[key]))
            if self.decoded is not None:
                self.decoded.keep(key, value, state)
        self.pending.clear()
        self.origins.clear()
        return writes

    def commit(self) -> None:
        """Write the pending states to the table (``table[key] = value``)."""
        for key, value, _ in self.take():
            self.table[key] = value


def observation_entries(value: bytes | None) -> list[dict]:
    """The facet observations ({"facet", "key", "obs"}) of a message of the observations topic, in
    any of its formats (pipeline/intelligence_observe.py: one per facet key, or a bundle of format 2
    or 3); a bundle's entries share their observation dicts. ObservationUnreadable when it is none."""
    try:
        message = orjson.loads(value or b"")
        if not isinstance(message, dict):
            raise TypeError("not an object")
        if "v" not in message:
            _check_entry(message["facet"], message["key"], message["obs"])
            return [message]
        if message["v"] not in BUNDLE_FORMATS:
            raise ValueError(f"unknown format {message['v']!r}")
        observations, facets = message["observations"], message["facets"]
        if type(observations) is not list or type(facets) is not list:
            raise TypeError("observations and facets must be lists")
        if message["v"] == 3:
            version, names = message["w"], message["names"]
            if type(version) is not str or type(names) is not dict:
                raise TypeError("a bundle's watchlist version and names")
            observations = [expand_observation(o, version, names) for o in observations]
            # A facet key starts with its facet (facet_keys): format 3 does not repeat it.
            facets = [[index, key.partition(":")[0], key] for index, key in facets]
        entries = []
        for index, facet, key in facets:
            if type(index) is not int or not 0 <= index < len(observations):
                raise ValueError("a facet refers to no observation")
            _check_entry(facet, key, observations[index])
            entries.append({"facet": facet, "key": key, "obs": observations[index]})
        if message.get("h") == 1:  # seeded history: applied to the states, no follow-up flags
            for entry in entries:
                entry["history"] = True
        return entries
    except (orjson.JSONDecodeError, TypeError, KeyError, ValueError, AttributeError) as exc:
        raise ObservationUnreadable(f"not an observation message ({type(exc).__name__})") from None


def _check_entry(facet, key, obs) -> None:
    if facet not in FACETS or type(key) is not str or type(obs) is not dict:
        raise TypeError("not an observation")


def apply_message(message, states: PendingStates, config, now=None, origin: object = None):
    """One message of the observations topic (a RawMessage, either format): (follow-up flag messages
    and dead letters, the outcome of each of its observations: counted | duplicate | late | future |
    unreadable). ``now``: the clock (the follow-up flags' time; an observation dated more than
    MAX_CLOCK_AHEAD_S after it is not counted). Each observation is accounted for once: applied, or dead-lettered (a message that
    cannot be read as a whole; an observation of a bundle that cannot be applied, alone, as a
    one-facet message)."""
    try:
        entries = observation_entries(message.value)
    except ObservationUnreadable as exc:
        return [message_dead_letter(message, str(exc), "schema")], ["unreadable"]
    out: list = []
    outcomes: list[str] = []
    for entry in entries:
        try:
            flags, status = _apply_entry(entry, states, config, now, origin)
        except ObservationUnreadable as exc:
            original = message
            if len(entries) > 1:
                key = entry["key"].encode()
                original = InMessage(orjson.dumps(entry), key, message.topic, message.partition, message.offset)
            out.append(message_dead_letter(original, str(exc), "schema"))
            outcomes.append("unreadable")
            continue
        out.extend(flags)
        outcomes.append(status)
    return out, outcomes


def intelligence_step(
    value: bytes | None, key: bytes | None, states: PendingStates, config, now=None, origin: object = None
):
    """One single-facet observation message (format 1): (follow-up flag messages, status). A message
    that is not one raises ObservationUnreadable."""
    entries = observation_entries(value)
    if len(entries) != 1:
        raise ObservationUnreadable("not a single observation")
    return _apply_entry(entries[0], states, config, now, origin)


def _apply_entry(entry: dict, states: PendingStates, config, now, origin):
    state_key = entry["key"].encode()
    try:
        # The overlay's states are its own (decoded from the table, or written in this batch only):
        # changed in place; a failed batch is computed again from the table.
        outcome = apply_observation(states.get(state_key), entry, config, now, copy=False)
    except (TypeError, KeyError, ValueError, StopIteration) as exc:
        raise ObservationUnreadable(f"not an observation message ({type(exc).__name__})") from None
    if outcome.status == "counted":
        states.put(state_key, outcome.state, origin)
    if entry.get("history"):
        # A seeded past declaration: the state learns it (first seen, lots, signals raised in its
        # window), the flags topic does not (its patterns are the past's, not news).
        return [], outcome.status
    return [flag_message(f) for f in outcome.flags], outcome.status


class SpilledStates:
    """The states of an offline replay, the most recently used in memory and the rest on disk: a file of
    ever new traders makes a state per party (some kilobytes each), and holding them all grew a
    `precwatch screen --follow-ups` run without bound. Nothing is expired (an offline replay has no
    clock to expire against: one event dated in the year 9999 would make every other key old), so the
    replay's flags are those of a replay in memory; the disk holds what the input made, like the
    follow-up flags' spool. On disk a state is what a worker's table holds (``encode_state``: JSON, no
    pickle), in RocksDB (rocksdict, the worker's store) in a temporary directory removed by ``close``.

    ``budget`` bounds the memory by the states' events and their goods lines (each some hundred bytes), not
    by the states' count: a busy consignee keeps up to MAX_SEEN_PER_KEY events, a new trader one, and an
    event up to 999 lines."""

    def __init__(self, budget: int = 50_000) -> None:
        self.budget = budget
        # In the order last used, the oldest first (an OrderedDict: a plain dict's first item, once many
        # were popped from its front, is found by walking past their empty slots).
        self.memory: OrderedDict[str, dict] = OrderedDict()
        # Each state's weight as it was counted: a state changed in place (ObservationReplay) would otherwise be
        # weighed as it is now when it is taken out, and the total would drift below what memory holds.
        self._weights: dict[str, int] = {}
        self.weight = 0
        self._disk = None
        self._directory: str | None = None
        self.on_disk = 0

    @staticmethod
    def _weight(state: dict) -> int:
        # Each event id seen, and each goods line its events keep: one declaration may hold 999 lines (a
        # lot each, kept up to MAX_ITEMS_PER_KEY), and weighed by its events alone a file of new traders
        # declaring 999 lines each grew a run past 1.5 GB under the budget (seventeenth session's attack).
        # An event's lead (its most severe item, ``_lead``) weighs as one line more.
        return 1 + len(state["seen"]) + sum(len(e["items"]) + ("l" in e) for e in state.get("events", {}).values())

    def get(self, key: str) -> dict | None:
        state = self.memory.get(key)
        if state is not None:
            self.memory.move_to_end(key)  # now the most recently used
            return state
        if self._disk is None:
            return None
        raw = self._disk.get(key.encode())
        if raw is None:
            return None
        del self._disk[key.encode()]
        self.on_disk -= 1
        state = decode_state(raw)
        self.memory[key] = state
        self._count(key, state)
        self._spill()
        return state

    def __setitem__(self, key: str, state: dict) -> None:
        self.memory.pop(key, None)
        self.weight -= self._weights.pop(key, 0)
        self.memory[key] = state
        self._count(key, state)
        self._spill()

    def _count(self, key: str, state: dict) -> None:
        weight = self._weights[key] = self._weight(state)
        self.weight += weight

    def __len__(self) -> int:
        return len(self.memory) + self.on_disk

    def _spill(self) -> None:
        while self.weight > self.budget and len(self.memory) > 1:
            key, state = self.memory.popitem(last=False)
            self.weight -= self._weights.pop(key)
            self._open_disk()[key.encode()] = encode_state(state)
            self.on_disk += 1

    def _open_disk(self):
        if self._disk is None:
            import tempfile

            from rocksdict import Options, Rdict

            # Named after this process, so that a later run removes it if this one is killed outright
            # (cli/commands.py remove_abandoned_part_directories).
            self._directory = tempfile.mkdtemp(prefix=f"{STATES_DIRECTORY_PREFIX}{os.getpid()}-")
            options = Options()
            # RocksDB's default write buffer (64 MB, in memory) would hold more than the budget itself.
            options.set_write_buffer_size(4 * 1024 * 1024)
            self._disk = Rdict(self._directory, options)
        return self._disk

    def close(self) -> None:
        import shutil

        if self._disk is not None:
            from rocksdict import Rdict

            self._disk.close()
            self._disk = None
            Rdict.destroy(self._directory)
        if self._directory is not None:
            # also when RocksDB could not open in it (a full disk, a lock): the directory was made first
            shutil.rmtree(self._directory, ignore_errors=True)
            self._directory = None


class ObservationUnreadable(ValueError):
    """A message on the observations topic that this stage cannot read."""


class ObservationReplay:
    """Fresh in-memory states that observation messages are applied to one at a time, in the order
    given (``apply``), with the follow-up flags they raised and a count per status: the stateful stage
    without a broker (``replay_observations``; ``precwatch screen --follow-ups`` applies each chunk's
    observations as its flags are written, its states in ``SpilledStates``)."""

    def __init__(self, config: IntelligenceConfig, now: datetime | None = None, states: SpilledStates | None = None):
        self.config = config
        self.now = now
        self.states: dict[str, dict] | SpilledStates = {} if states is None else states
        self.flags: list[Flag] = []
        self.counts: dict[str, int] = {}

    def apply(self, message: dict) -> None:
        # The replay's states are its own: changed in place (copy=False, as the agent's overlay changes its own),
        # not copied by a round trip through JSON per observation, which made a long `precwatch screen
        # --follow-ups` run slower with every event its busy keys had gathered (docs/intelligence.md, "Cost on
        # long files").
        outcome = apply_observation(self.states.get(message["key"]), message, self.config, self.now, copy=False)
        if outcome.status == "counted":
            self.states[message["key"]] = outcome.state
        self.counts[outcome.status] = self.counts.get(outcome.status, 0) + 1
        self.flags.extend(outcome.flags)


def replay_observations(messages: Iterable[dict], config: IntelligenceConfig, now: datetime | None = None):
    """Apply observation messages in order to fresh in-memory states: (follow-up flags, status counts).
    What the agent computes, without a broker: for scenario tests and the demo's expected flags."""
    replay = ObservationReplay(config, now)
    for message in messages:
        replay.apply(message)
    return replay.flags, replay.counts
