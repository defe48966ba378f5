"""Observations: what the stateful signals need to know of a screened event (docs/intelligence.md).

The screening stage (pipeline/batch.py, in the screening process) turns each event with precursor
chemistry into one observation and writes it to the observations topic once per *facet*: keyed by
the consignee, the consignee's normalised name and address, the consignor, and each novel
substance. That is the repartition the stateful signals need (the transactions topic is keyed by
declaration id): every facet key's state then lives in one partition of one table
(pipeline/intelligence.py), and Faust's changelog for that table is partitioned the same way.

Pure: events and verdicts in, plain dicts and messages out.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import orjson

from chemistry.identifiers import fold_accents, parse_declared_cas
from pipeline.flags import MAX_QUOTED_CHARS, ItemVerdict, cut_text, is_novel_designer_precursor, make_flag_id
from pipeline.messages import OutMessage
from pipeline.routing import partition_for
from pipeline.signals import item_mass_kg
from schemas.events import Party, TransactionEvent, Transport
from schemas.flags import Flag

FACETS = ("consignee", "name", "address", "consignor", "substance")
# Methods whose entry is a substance the split-shipment sums are kept for (similarity and tariff-code
# pointers are too weak to add quantities up).
SUBJECT_METHODS = frozenset({"exact", "unmasking", "family"})
TOKEN_KINDS = ("entry", "unmasks_to", "family", "cas", "name")
# Category 3 (acetone, toluene, MEK, sulphuric and hydrochloric acid …) moves in tonnes in ordinary
# trade and is in most declarations of chemicals: summing it per consignee would make the stateful
# layer's work grow with all chemical trade for signals nobody acts on. It still counts as a route
# component where a route names it.
BULK_COMMODITY_CATEGORIES = frozenset({"3"})


# --- synthesis routes (chemistry/data/routes.json) ------------------------------------------------


@dataclass(frozen=True)
class Route:
    id: str
    name: str
    product: str
    slots: tuple[tuple[str, frozenset[str]], ...]  # (slot name, tokens that satisfy it)
    sources: tuple[str, ...]


@dataclass(frozen=True)
class RouteBook:
    routes: tuple[Route, ...]
    tokens: frozenset[str] = field(default=frozenset())

    def components(self, tokens: set[str]) -> list[str]:
        """'ROUTE-ID/slot index' of every route slot these item tokens satisfy."""
        if not tokens & self.tokens:
            return []
        return [
            f"{route.id}/{i}" for route in self.routes for i, (_, any_of) in enumerate(route.slots) if tokens & any_of
        ]

    def route(self, route_id: str) -> Route | None:
        return next((r for r in self.routes if r.id == route_id), None)


def parse_routes(data: dict) -> tuple[RouteBook | None, list[str]]:
    """The route book of a routes document, or (None, problems in words)."""
    problems: list[str] = []
    routes = []
    for n, raw in enumerate(data.get("routes", []) if isinstance(data, dict) else []):
        where = f"route {n + 1}"
        try:
            slots = tuple((s["name"], frozenset(s["any_of"])) for s in raw["slots"])
            route = Route(raw["id"], raw["name"], raw["product"], slots, tuple(raw.get("sources", ())))
        except (KeyError, TypeError) as exc:
            problems.append(f"{where}: missing or malformed {exc}")
            continue
        if len(slots) < 2:
            problems.append(f"{route.id}: a route needs at least two slots")
        if not route.sources:
            problems.append(f"{route.id}: no sources")
        for _, any_of in slots:
            for token in any_of:
                kind, _, value = token.partition(":")
                if kind not in TOKEN_KINDS or not value or (kind == "name" and value != value.lower()):
                    problems.append(f"{route.id}: '{token}' is not kind:value with kind one of {TOKEN_KINDS}")
        routes.append(route)
    if not routes and not problems:
        problems.append("no routes")
    if problems:
        return None, problems
    return RouteBook(tuple(routes), frozenset(t for r in routes for _, s in r.slots for t in s)), []


@lru_cache(maxsize=4)
def load_routes(path: str | None = None) -> RouteBook:
    """The bundled routes (chemistry/data/routes.json), or those of ``path``; ValueError when invalid."""
    text = (
        Path(path).read_text(encoding="utf-8")
        if path
        else resources.files("chemistry").joinpath("data/routes.json").read_text(encoding="utf-8")
    )
    book, problems = parse_routes(json.loads(text))
    if book is None:
        raise ValueError("invalid routes file: " + "; ".join(problems))
    return book


# --- traders ----------------------------------------------------------------------------------------

# Legal forms dropped from company names, so that 'Bioglobal Ltd' and 'BIOGLOBAL LIMITED' link.
_LEGAL_FORMS = re.compile(
    r"\b(?:ltd|limited|llc|inc|corp|corporation|co|company|gmbh|ag|kg|bv|nv|sa|sas|sarl|srl|spa|sl|sp z o o|"
    r"oy|ab|as|aps|plc|kft|sro|doo|ood|eood|trading|import|export|international|intl)\b"
)


@lru_cache(maxsize=8192)  # a trader's name comes back with each of its consignments
def normalise_trader_name(name: str) -> str:
    text = re.sub(r"[^a-z0-9 ]", " ", re.sub(r"[.,']", "", fold_accents(name).lower()))
    text = _LEGAL_FORMS.sub(" ", text)
    return " ".join(text.split())


@lru_cache(maxsize=8192)
def normalise_address(address: str) -> str:
    text = re.sub(r"[^a-z0-9 ]", " ", fold_accents(address).lower())
    return " ".join(text.split())


def party_key(party: Party) -> str:
    """One trader: its EORI when declared (consignees sharing an EORI are one), else name and country."""
    if party.eori and party.eori.strip():
        return "eori:" + re.sub(r"\s", "", party.eori.upper())
    return f"trader:{normalise_trader_name(party.name)}|{party.country or '-'}"


def _party(party: Party) -> dict:
    # Names and EORIs cut as in flags (pipeline/flags.py cut_text), keys included: an observation, its
    # facet keys and the follow-up flags quoting it must fit any topic whatever a declaration holds
    # (the cut keeps the length of the whole, so two long names differ unless they are the same).
    party = _cut_party(party)
    out = {"key": party_key(party), "name": party.name, "eori": party.eori, "country": party.country}
    if party.address:
        out["address"] = party.address
    return out


def _cut_party(party: Party) -> Party:
    long = {k: cut_text(v) for k in ("name", "eori") if (v := getattr(party, k)) and len(v) > MAX_QUOTED_CHARS}
    return party.model_copy(update=long) if long else party


# --- observations -------------------------------------------------------------------------------------


def item_tokens(verdict: ItemVerdict) -> set[str]:
    """What the item is, in the routes' vocabulary (see chemistry/data/routes.json)."""
    tokens: set[str] = set()
    for f in verdict.findings:
        if f.method == "exact" and f.entry is not None:
            tokens.add("entry:" + f.entry.id)
        elif f.method == "unmasking" and f.entry is not None:
            tokens.add("unmasks_to:" + f.entry.id)
        elif f.method == "family" and f.family is not None:
            tokens.add("family:" + f.family.spec.id)
    item = verdict.item
    if item.cas:
        tokens.update(_cas_tokens(item.cas) if len(item.cas) <= MAX_QUOTED_CHARS else _cas_tokens.__wrapped__(item.cas))
    for name in (item.name, verdict.resolution.name):
        if name:
            tokens.add(_name_token(name) if len(name) <= MAX_QUOTED_CHARS else _name_token.__wrapped__(name))
    return tokens


# Declared CAS fields and names repeat across a stream (the same products, the same traders): parsed
# once each, not once per item. Only short ones are remembered: a cache keeps its keys alive, and a
# stream of unique fields near the message limit would hold gigabytes.
@lru_cache(maxsize=8192)
def _cas_tokens(field: str) -> tuple[str, ...]:
    return tuple("cas:" + cas for cas in parse_declared_cas(field)[0])


@lru_cache(maxsize=8192)
def _name_token(name: str) -> str:
    return "name:" + " ".join(name.lower().split())


def subjects_of(verdict: ItemVerdict) -> tuple[list[str], dict[str, float], dict[str, str], list[str]]:
    """(split-shipment subjects, their legal thresholds in kg, their names, how the item reaches each):
    watchlist entries found exactly ("exact") or by unmasking (the entry unmasked to: "unmasking") and
    families ("family"), the last aligned with the subjects. A follow-up flag that names several
    subjects of one substance says how the goods reach each (docs/intelligence.md, "One follow-up per
    goods")."""
    subjects: list[str] = []
    legal: dict[str, float] = {}
    names: dict[str, str] = {}
    via: list[str] = []
    for f in verdict.findings:
        if f.method not in SUBJECT_METHODS:
            continue
        if f.method == "family" and f.family is not None:
            subject, name = f.family.spec.id, f.family.spec.name
        elif f.entry is not None and f.entry.entry.category in BULK_COMMODITY_CATEGORIES:
            continue
        elif f.entry is not None:
            subject, name = f.entry.id, f.entry.entry.name
            # Only a threshold the watchlist records as verified (a number > 0): Category 1 has none.
            if f.method == "exact" and f.entry.entry.threshold_kg:
                legal[subject] = f.entry.entry.threshold_kg
        else:
            continue
        if subject not in names:
            subjects.append(subject)
            names[subject] = name
            via.append(f.method)
    return subjects, legal, names, via


def observe_event(
    event: TransactionEvent,
    screened: list[tuple[ItemVerdict, Flag | dict | None]],
    routes: RouteBook,
    watchlist_version: str,
    identity=None,
) -> dict | None:
    """The observation of a screened event, or None when none of its items is precursor chemistry
    (a watchlist entry or family found exactly or by unmasking) or a route component.

    ``identity(std) -> (inchikey, smiles)`` names a novel substance that was not flagged. A flag is a
    Flag (the worker) or the same flag as plain data (``Screener.flag_document``: the batch commands)."""
    items = []
    for verdict, flag in screened:
        subjects, legal, names, via = subjects_of(verdict)
        components = routes.components(item_tokens(verdict))
        if not subjects and not components:
            continue
        novel = is_novel_designer_precursor(verdict)
        if isinstance(flag, dict):  # the flag as plain data (the batch commands: pipeline/chunks.py)
            inchikey, smiles = flag["substance"]["inchikey"], flag["substance"]["smiles"]
        elif flag is not None:
            inchikey, smiles = flag.substance.inchikey, flag.substance.smiles
        elif verdict.resolution.std is not None and identity is not None:
            inchikey, smiles = identity(verdict.resolution.std)
        else:
            inchikey, smiles = None, None
        item = verdict.item
        items.append(
            {
                "line": item.line,
                "flag_id": make_flag_id(event.event_id, item.line, watchlist_version),
                "flagged": flag is not None,
                "severity": verdict.severity,
                "score": verdict.score,
                "kg": item_mass_kg(item),
                "subjects": subjects,
                "legal_kg": legal,
                "names": names,
                "via": via,
                "components": components,
                "novel": novel and inchikey is not None,
                "substance": {
                    "resolved_by": verdict.resolution.resolved_by,
                    "smiles": smiles,
                    "inchikey": inchikey,
                    "name": cut_text(name) if (name := verdict.resolution.name or item.name) else None,
                },
                "declared": {
                    k: cut_text(v) if isinstance(v, str) else v
                    for k, v in item.model_dump(mode="json", exclude_none=True).items()
                },
            }
        )
    if not items:
        return None
    t = event.transport
    return {
        "event_id": event.event_id,
        "declaration_id": event.declaration_id,
        "occurred_at": event.occurred_at.isoformat(),
        "t": event.occurred_at.timestamp(),
        "kind": event.kind,
        "watchlist_version": watchlist_version,
        "consignee": _party(event.consignee),
        "consignor": _party(event.consignor),
        "transport": t.model_dump(mode="json", exclude_none=True),
        "route": ">".join([t.dispatch_country or "?", *t.transit_countries, t.destination_country or "?"]),
        "items": items,
    }


def facet_keys(observation: dict) -> list[tuple[str, str]]:
    """(facet, key) pairs an observation is written under; each key's state lives in one partition."""
    consignee = observation["consignee"]
    keys = [("consignee", "consignee:" + consignee["key"])]
    # The name and address facets only sum split-shipment subjects: an observation without one (a route
    # component alone, e.g. methylamine) would cost a message and a state write there for no signal.
    if any(item["subjects"] for item in observation["items"]):
        keys.append(("name", "name:" + normalise_trader_name(consignee["name"])))
        if consignee.get("address"):
            keys.append(("address", "address:" + normalise_address(consignee["address"])))
    keys.append(("consignor", "consignor:" + observation["consignor"]["key"]))
    for inchikey in dict.fromkeys(i["substance"]["inchikey"] for i in observation["items"] if i["novel"]):
        keys.append(("substance", "substance:" + inchikey))
    return keys


# Observation messages (the observations topic), three formats, all read by the stateful stage
# (pipeline/intelligence.py observation_entries; docs/intelligence.md, "Observation messages"):
# 1 - one message per facet key: {"facet", "key", "obs"} (``observation_messages``);
# 2 - a bundle per partition: {"v": 2, "observations": [obs, ...], "facets": [[index, facet, key], ...]};
# 3 - a compact bundle (``observation_bundles``), what the screening stage writes: as 2, but each
#     observation a list in the order of ``compact_observation`` (no key names), without what the
#     reader derives (the route, the declared line, the facet a facet key starts with), and the
#     watchlist version and the subjects' names once per bundle rather than once per observation:
#     {"v": 3, "w": version, "names": {subject: name}, "observations": [[...], ...], "facets": [[index, key], ...]}.
# A bundle is written once per partition it has facet keys in, read back and decoded: the bytes it
# moves are much of the stateful stage's cost, and format 3 carries the same observations in about
# 60 % of format 2's.
BUNDLE_FORMAT = 3
BUNDLE_FORMATS = (2, 3)
# Facet keys per bundle: the stateful stage applies a whole message between two looks at the event
# loop, and takes its batches in messages (agents/intelligence.py).
MAX_FACETS_PER_BUNDLE = 50
# And at most about this many bytes of observations (one observation may be larger, alone): a bundle of
# 50 keys of events near the message limit would be tens of megabytes, over any topic's record limit.
MAX_BUNDLE_BYTES = 256 << 10
# The transport's fields in the order a compact observation lists them (the event schema's own order).
TRANSPORT_FIELDS = tuple(Transport.model_fields)


def observation_bundles(observations: list[dict], partitions: int, history: bool = False) -> list[OutMessage]:
    """The observations (in input order) as bundles (format 3): per partition of the observations
    topic, the facet keys that route there (the default Kafka partitioner, as for a message keyed by
    the facet key, so each key's state and changelog stay in its partition), in order, with the
    observations they refer to, at most ``MAX_FACETS_PER_BUNDLE`` keys per bundle, all of one
    watchlist version. Each observation is serialised once; a bundle is keyed by its first facet key
    and carries its partition. ``history``: past declarations seeded into the states (``"h": 1``): the
    stateful stage applies them and raises no follow-up flag (precwatch intelligence seed)."""
    open_bundles: dict[int, _Bundle] = {}
    out: list[OutMessage] = []
    for observation in observations:
        body = orjson.dumps(compact_observation(observation))
        version = observation["watchlist_version"]
        names = {s: n for item in observation["items"] for s, n in item["names"].items()}
        for _, key in facet_keys(observation):
            encoded_key = key.encode()
            partition = _partition_of(encoded_key, partitions)
            bundle = open_bundles.get(partition)
            if (
                bundle is None
                or len(bundle.facets) >= MAX_FACETS_PER_BUNDLE
                or (bundle.size + len(body) > MAX_BUNDLE_BYTES and bundle.bodies[-1] is not body)
                or bundle.version != version
            ):
                if bundle is not None:
                    out.append(bundle.message())
                bundle = open_bundles[partition] = _Bundle(partition, encoded_key, version, history)
            bundle.add(body, key, names)
    out.extend(bundle.message() for bundle in open_bundles.values())
    return out


def compact_observation(obs: dict) -> list:
    """An observation as format 3 holds it (``expand_observation`` reverses it, given the bundle's
    watchlist version and subjects' names)."""
    transport = obs["transport"]
    return [
        obs["event_id"],
        obs["declaration_id"],
        obs["occurred_at"],
        obs["t"],
        obs["kind"],
        _compact_party(obs["consignee"]),
        _compact_party(obs["consignor"]),
        [transport.get(name) for name in TRANSPORT_FIELDS],
        [
            [
                item["line"],
                item["flag_id"],
                item["flagged"],
                item["severity"],
                item["score"],
                item["kg"],
                item["subjects"],
                item["legal_kg"],
                item["components"],
                item["novel"],
                [item["substance"][k] for k in ("resolved_by", "smiles", "inchikey", "name")],
                {k: v for k, v in item["declared"].items() if k != "line"},
                # Added after the twelve values above (nineteenth session): an item of an older bundle
                # has none, and is read without it (``_expand_item``).
                item.get("via", []),
            ]
            for item in obs["items"]
        ],
    ]


def expand_observation(compact: list, version: str, names: dict[str, str]) -> dict:
    """The observation (as ``observe_event`` made it) of a format-3 compact one; TypeError or
    ValueError when it is not one."""
    event_id, declaration_id, occurred_at, t, kind, consignee, consignor, transport_values, items = compact
    transport = {
        name: value for name, value in zip(TRANSPORT_FIELDS, transport_values, strict=True) if value is not None
    }
    return {
        "event_id": event_id,
        "declaration_id": declaration_id,
        "occurred_at": occurred_at,
        "t": t,
        "kind": kind,
        "watchlist_version": version,
        "consignee": _expand_party(consignee),
        "consignor": _expand_party(consignor),
        "transport": transport,
        "route": ">".join(
            [
                transport.get("dispatch_country") or "?",
                *transport.get("transit_countries", ()),
                transport.get("destination_country") or "?",
            ]
        ),
        "items": [_expand_item(item, names) for item in items],
    }


def _expand_item(item: list, names: dict[str, str]) -> dict:
    line, flag_id, flagged, severity, score, kg, subjects, legal_kg, components, novel, substance, declared = item[:12]
    resolved_by, smiles, inchikey, name = substance
    # How the item reaches each subject: not in the items of bundles written before the nineteenth session.
    rest = item[12:]
    via = rest[0] if rest else []
    if type(via) is not list or len(rest) > 1:
        raise TypeError("an item's subjects' methods")
    return {
        "line": line,
        "flag_id": flag_id,
        "flagged": flagged,
        "severity": severity,
        "score": score,
        "kg": kg,
        "subjects": subjects,
        "legal_kg": legal_kg,
        "names": {subject: names[subject] for subject in subjects},
        "via": via,
        "components": components,
        "novel": novel,
        "substance": {"resolved_by": resolved_by, "smiles": smiles, "inchikey": inchikey, "name": name},
        "declared": {"line": line, **declared},
    }


def _compact_party(party: dict) -> list:
    values = [party["key"], party["name"], party["eori"], party["country"]]
    return [*values, party["address"]] if "address" in party else values


def _expand_party(values: list) -> dict:
    key, name, eori, country, *address = values
    out = {"key": key, "name": name, "eori": eori, "country": country}
    if address:
        (out["address"],) = address
    return out


@lru_cache(maxsize=65536)
def _partition_of(key: bytes, partitions: int) -> int:
    return partition_for(key, partitions)  # murmur2 is pure Python, and a trader's keys repeat


class _Bundle:
    def __init__(self, partition: int, first_key: bytes, version: str, history: bool = False) -> None:
        self.partition = partition
        self.history = history
        self.first_key = first_key
        self.version = version
        self.names: dict[str, str] = {}
        self.bodies: list[bytes] = []
        self.facets: list[list] = []
        self.size = 0  # bytes of the bodies

    def add(self, body: bytes, key: str, names: dict[str, str]) -> None:
        if not self.bodies or self.bodies[-1] is not body:  # an observation's keys follow each other
            self.bodies.append(body)
            self.size += len(body)
            self.names.update(names)
        self.facets.append([len(self.bodies) - 1, key])

    def message(self) -> OutMessage:
        value = (
            b'{"v":%d,"w":' % BUNDLE_FORMAT
            + orjson.dumps(self.version)
            + b',"names":'
            + orjson.dumps(self.names)
            + b',"observations":['
            + b",".join(self.bodies)
            + b'],"facets":'
            + orjson.dumps(self.facets)
            + (b',"h":1}' if self.history else b"}")
        )
        headers = [("facets", str(len(self.facets)).encode())]
        return OutMessage("observations", self.first_key, value, headers, self.partition)


def observation_messages(observation: dict) -> list[OutMessage]:
    """Format 1: one message per facet key; the observation is serialised once and shared."""
    body = orjson.dumps(observation)
    out = []
    for facet, key in facet_keys(observation):
        encoded_key = key.encode()
        value = b'{"facet":' + orjson.dumps(facet) + b',"key":' + orjson.dumps(key) + b',"obs":' + body + b"}"
        out.append(OutMessage("observations", encoded_key, value, [("facet", facet.encode())]))
    return out


def observation_dicts(observation: dict) -> list[dict]:
    """The facet messages of an observation as dicts (what ``observation_messages`` serialises)."""
    return [{"facet": facet, "key": key, "obs": observation} for facet, key in facet_keys(observation)]
