"""The information-repository stage, pure: sightings in, one current record per substance out.

The screening stage writes one sighting per goods item that matched the watchlist, was flagged or
could not be identified (``pipeline.batch.sighting_record``), to the sightings topic keyed by
substance key. Here each sighting is folded into its substance's aggregate, which the repository
agent keeps in a Faust table keyed by the same substance key (so the state a sighting needs is on
the partition it arrives on), and two kinds of output come out:

- the sighting itself, stamped with the substance's first-seen time, for the audit topic
  (``topic_repository_sightings``: the per-sighting records the repository topic held before);
- the substance's new current record for the compacted repository topic (``SubstanceRecord``, or
  ``NovelDesignerPrecursorRecord`` with a listing-proposal draft), one per substance and batch.

At-least-once: a sighting can arrive twice (the screening or repository agent re-reads its
uncommitted tail after a crash). Each sighting has an id (event id and item line, the same in every
re-delivery), and the aggregate remembers the most recent ``remembered_sightings`` ids, so a
re-delivered sighting is written to the audit topic again (same record id, consumers deduplicate)
but counted once. Records are built as JSON data, not validated models: this runs on the worker's
event loop, and the tests check the output against the schemas.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, Protocol

import orjson

from chemistry.identifiers import parse_declared_cas
from pipeline.batch import message_dead_letter
from pipeline.messages import OutMessage, RawMessage
from pipeline.settings import Settings

LISTED_METHODS = ("exact", "identifier")


@dataclass(frozen=True, slots=True)
class RepositoryLimits:
    """How much a substance record keeps (pipeline/settings.py repository_* settings)."""

    distinct_values: int = 20
    recent_sightings: int = 20
    remembered_sightings: int = 10_000

    @classmethod
    def from_settings(cls, settings: Settings) -> RepositoryLimits:
        return cls(
            settings.repository_distinct_values,
            settings.repository_recent_sightings,
            settings.repository_remembered_sightings,
        )


class SubstanceStore(Protocol):
    """substance key -> state, the JSON of ``{"record": ..., "seen": [...]}``: a Faust table in the worker,
    a dict in tests."""

    def get(self, key: str) -> bytes | None: ...
    def __setitem__(self, key: str, value: bytes) -> None: ...


class SightingsUnreadable(ValueError):
    """A message on the sightings topic that is not a list of sighting records."""


def sighting_id(event_id: str, item_line: int) -> str:
    """The same for every delivery of one goods item's sighting, whatever the watchlist version."""
    return hashlib.sha256(f"{event_id}\x1f{item_line}".encode()).hexdigest()[:16]


def record_sightings(
    messages: Sequence[RawMessage], substances: SubstanceStore, limits: RepositoryLimits
) -> list[OutMessage]:
    """Repository stage over a batch of sightings messages: the audit records, then one current record
    per substance touched, and a dead letter (reason and original) for each message that cannot be read.

    ``substances`` is read once and written once per substance and batch (each write is a changelog
    record in the worker). A message that cannot be read changes no state."""
    out: list[OutMessage] = []
    by_key: dict[str, list[tuple[dict, datetime]]] = {}
    for message in messages:
        try:
            sightings = read_sightings(message.value)
        except SightingsUnreadable as exc:
            out.append(message_dead_letter(message, str(exc), "schema"))
            continue
        for sighting, seen_at in sightings:
            by_key.setdefault(sighting["structure_key"], []).append((sighting, seen_at))
    current = []
    for key, sightings in by_key.items():
        state = substances.get(key)
        aggregate = SubstanceAggregate(orjson.loads(state) if state else None, limits)
        for sighting, seen_at in sightings:
            aggregate.add(sighting, seen_at)
            sighting["first_seen_at"] = aggregate.record["first_seen_at"]
            out.append(OutMessage("repository_sightings", key.encode(), orjson.dumps(sighting), []))
        # The record is serialised once for the table and the topic (a novel one gains its draft there).
        record = orjson.dumps(aggregate.record)
        substances[key] = b'{"record":' + record + b',"seen":' + orjson.dumps(list(aggregate.seen)) + b"}"
        published = record if aggregate.record["status"] != "novel" else orjson.dumps(aggregate.current_record())
        current.append(OutMessage("repository", key.encode(), published, []))
    return out + current


_TEXT = ("structure_key", "key_type", "seen_at", "event_id", "declaration_id", "record_id", "watchlist_version")
_OPTIONAL_TEXT = ("severity", "entry_id", "entry_name", "category", "method", "dispatch_country", "origin_country")
_IDENTIFIERS = ("smiles", "inchikey", "cas", "name", "cn_code", "description", "formula")
_EVIDENCE_TEXT = ("method", "entry_id", "entry_name", "category", "detail")
_TEXT_OR_NULL = (str, type(None))
_NUMBER_OR_NULL = (int, float, type(None))


def read_sightings(value: bytes | None) -> list[tuple[dict, datetime]]:
    """The sighting records of a message with their times, every field this stage reads checked;
    SightingsUnreadable if not."""
    try:
        records = orjson.loads(value or b"")
        if not isinstance(records, list):
            raise TypeError("not a list")
        return [(record, _check_sighting(record)) for record in records]
    except (orjson.JSONDecodeError, TypeError, KeyError, ValueError) as exc:
        raise SightingsUnreadable(f"not a sightings message ({type(exc).__name__}: {exc})") from None


def _check_sighting(record: Any) -> datetime:
    """Raise TypeError, KeyError or ValueError unless the record can be aggregated; its seen_at parsed."""
    if type(record) is not dict:
        raise TypeError("a record is not an object")
    # Exact type checks (JSON gives exactly these types): cheaper than isinstance on the event loop.
    for name in _TEXT:
        if type(record[name]) is not str:
            raise TypeError(f"{name} must be a string")
    for name in _OPTIONAL_TEXT:
        if type(record.get(name)) not in _TEXT_OR_NULL:
            raise TypeError(f"{name} must be a string or null")
    identifiers = record.get("identifiers") or {}
    if type(identifiers) is not dict:
        raise TypeError("identifiers must be an object")
    for name in _IDENTIFIERS:
        if type(identifiers.get(name)) not in _TEXT_OR_NULL:
            raise TypeError(f"identifiers.{name} must be a string or null")
    if type(record["item_line"]) is not int:
        raise TypeError("item_line must be an integer")
    if type(record.get("net_mass_kg")) not in _NUMBER_OR_NULL:
        raise TypeError("net_mass_kg must be a number")
    if record["key_type"] not in ("inchikey", "identifier"):
        raise ValueError("key_type must be inchikey or identifier")
    evidence = record.get("evidence", [])
    if type(evidence) is not list:
        raise TypeError("evidence must be a list")
    for finding in evidence:  # read by the listing-proposal draft
        if type(finding) is not dict or any(type(finding.get(name)) is not str for name in _EVIDENCE_TEXT):
            raise TypeError("evidence must be findings with " + ", ".join(_EVIDENCE_TEXT))
        steps = finding.get("path", [])
        if type(steps) is not list or any(
            type(step) is not dict or type(step.get("rule")) is not str for step in steps
        ):
            raise TypeError("an evidence path must be steps with a rule")
    return parse_time(record["seen_at"])


@lru_cache(maxsize=4096)
def declared_cas(text: str) -> tuple[str, ...]:
    """The CAS numbers in a declared CAS field, checked and normalised (traders repeat the same few)."""
    return tuple(parse_declared_cas(text)[0])


def parse_time(value: str) -> datetime:
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def sighting_status(sighting: dict) -> str:
    """listed | novel | unresolved | other (see SubstanceRecord.status)."""
    if sighting.get("status") == "unresolved":
        return "unresolved"
    if sighting.get("novel_designer_precursor"):
        return "novel"
    return "listed" if sighting.get("method") in LISTED_METHODS else "other"


class SubstanceAggregate:
    """One substance's record and the ids of its sightings already counted, updated sighting by sighting."""

    def __init__(self, state: dict | None, limits: RepositoryLimits) -> None:
        self.limits = limits
        self.record: dict = state["record"] if state else {}
        self.seen: deque[str] = deque(state["seen"] if state else (), maxlen=limits.remembered_sightings)
        self._seen = set(self.seen)
        # Times parsed once per substance and batch: this runs on the worker's event loop.
        record = self.record
        self._first = parse_time(record["first_seen_at"]) if record else None
        self._last = parse_time(record["last_seen_at"]) if record else None
        self._recent_times = [parse_time(r["seen_at"]) for r in record["recent_sightings"]] if record else []

    def add(self, sighting: dict, when: datetime) -> bool:
        """Fold in one sighting, seen at ``when``; False (nothing changes) when it was counted before."""
        sid = sighting_id(sighting["event_id"], sighting["item_line"])
        if sid in self._seen:
            return False
        if len(self.seen) == self.seen.maxlen:
            self._seen.discard(self.seen[0])  # the deque drops it on append
        self.seen.append(sid)
        self._seen.add(sid)
        ref = _sighting_ref(sid, sighting)
        if not self.record:
            self.record = self._start(sighting, ref)
            self._first = self._last = when
        record = self.record
        if when < self._first:
            record["first_seen_at"], record["first_sighting"], self._first = ref["seen_at"], ref, when
        if when > self._last:
            record["last_seen_at"], self._last = ref["seen_at"], when
        record["sightings"] += 1
        mass = sighting.get("net_mass_kg")
        if mass is None:
            record["sightings_without_mass"] += 1
        else:
            record["total_net_mass_kg"] = round(record["total_net_mass_kg"] + mass, 6)
        identifiers = sighting.get("identifiers") or {}
        self._distinct("names", identifiers.get("name"))
        if identifiers.get("cas"):
            for cas in declared_cas(identifiers["cas"]):
                self._distinct("cas_numbers", cas)
        self._distinct("cn_codes", identifiers.get("cn_code"))
        self._distinct("descriptions", identifiers.get("description"))
        self._distinct("dispatch_countries", sighting.get("dispatch_country"))
        self._distinct("origin_countries", sighting.get("origin_country"))
        if sighting.get("method"):
            self._distinct("methods_seen", f"{sighting['method']}:{sighting.get('entry_id')}")
        if ref["flag_id"] is not None:
            self._recent("flag_ids", ref["flag_id"])
        # Kept in event-time order; equal times keep their arrival order.
        recent, times = record["recent_sightings"], self._recent_times
        at = bisect_right(times, when)
        recent.insert(at, ref)
        times.insert(at, when)
        if len(recent) > self.limits.recent_sightings:
            del recent[0], times[0]
            self._mark_capped("recent_sightings")
        self._screened_as(sighting)
        return True

    def _start(self, sighting: dict, ref: dict) -> dict:
        return {
            "schema_version": 1,
            "record_type": "substance",
            "substance_key": sighting["structure_key"],
            "key_type": sighting["key_type"],
            "status": "other",
            "smiles": None,
            "inchikey": None,
            "formula": None,
            "names": [],
            "cas_numbers": [],
            "entry_id": None,
            "entry_name": None,
            "category": None,
            "method": None,
            "methods_seen": [],
            "first_seen_at": ref["seen_at"],
            "last_seen_at": ref["seen_at"],
            "first_sighting": ref,
            "sightings": 0,
            "total_net_mass_kg": 0.0,
            "sightings_without_mass": 0,
            "cn_codes": [],
            "descriptions": [],
            "dispatch_countries": [],
            "origin_countries": [],
            "flag_ids": [],
            "recent_sightings": [],
            "capped": [],
            "watchlist_version": sighting["watchlist_version"],
        }

    def _screened_as(self, sighting: dict) -> None:
        """What the most recently screened sighting says about the substance (the watchlist may have
        changed since earlier sightings)."""
        record = self.record
        identifiers = sighting.get("identifiers") or {}
        for name in ("smiles", "inchikey", "formula"):
            record[name] = identifiers.get(name) or record[name]
        for name in ("entry_id", "entry_name", "category", "method", "watchlist_version"):
            record[name] = sighting.get(name)
        record["status"] = sighting_status(sighting)
        if record["status"] == "novel":
            record["evidence"] = sighting.get("evidence") or []
        else:
            record.pop("evidence", None)

    def _distinct(self, field: str, value: str | None) -> None:
        if not value:
            return
        values = self.record[field]
        if value in values:
            return
        if len(values) >= self.limits.distinct_values:
            self._mark_capped(field)
            return
        values.append(value)

    def _recent(self, field: str, value: str) -> None:
        values = self.record[field]
        if value in values:
            return
        values.append(value)
        if len(values) > self.limits.recent_sightings:
            del values[0]
            self._mark_capped(field)

    def _mark_capped(self, field: str) -> None:
        if field not in self.record["capped"]:
            self.record["capped"].append(field)

    def current_record(self) -> dict:
        """The record for the repository topic: a SubstanceRecord, or a NovelDesignerPrecursorRecord with its
        listing-proposal draft."""
        record = dict(self.record)
        if record["status"] != "novel":
            return record
        record["record_type"] = "novel_designer_precursor"
        record["evidence"] = record.get("evidence") or []
        record["listing_proposal"] = listing_proposal(record)
        return record


def listing_proposal(record: dict) -> dict:
    """The draft of a listing proposal for a novel designer precursor: what the sightings tell, and what
    an analyst must add (ListingProposalDraft)."""
    converts_to = [
        {
            "entry_id": e["entry_id"],
            "entry_name": e["entry_name"],
            "category": e["category"],
            "legal_source": e.get("legal_source", ""),
            "how": _how(e),
        }
        for e in record["evidence"]
    ]
    to_complete = []
    if not record["cas_numbers"]:
        to_complete.append("CAS number: none was declared")
    to_complete += [
        "confirm the conversion in a forensic laboratory (found by the documented rules of chemistry/rules.py "
        "or the family of chemistry/families.py, not by experiment)",
        "legitimate uses, producers and trade volumes (consult industry before proposing controls)",
        "seizures and law-enforcement intelligence: this draft counts customs sightings only",
        "the CN code to list it under (declared: " + (", ".join(record["cn_codes"]) or "none") + ")",
    ]
    return {
        "smiles": record["smiles"],
        "inchikey": record["inchikey"],
        "formula": record["formula"],
        "names": record["names"],
        "cas_numbers": record["cas_numbers"],
        "converts_to": converts_to,
        "sightings": record["sightings"],
        "first_sighting": record["first_sighting"],
        "total_net_mass_kg": record["total_net_mass_kg"],
        "dispatch_countries": record["dispatch_countries"],
        "origin_countries": record["origin_countries"],
        "to_complete": to_complete,
    }


def _how(evidence: dict) -> str:
    steps = [step["rule"] for step in evidence.get("path") or []]
    if evidence["method"] == "unmasking" and steps:
        return f"unmasking, {len(steps)} step(s): " + " -> ".join(steps)
    return f"{evidence['method']}: {evidence['detail']}"


def _sighting_ref(sid: str, sighting: dict) -> dict:
    identifiers = sighting.get("identifiers") or {}
    flagged = sighting.get("severity") is not None
    return {
        "sighting_id": sid,
        "event_id": sighting["event_id"],
        "declaration_id": sighting["declaration_id"],
        "item_line": sighting["item_line"],
        "seen_at": sighting["seen_at"],
        # A flagged item's record id is its flag id (pipeline.batch.sighting_record).
        "flag_id": sighting["record_id"] if flagged else None,
        "severity": sighting.get("severity"),
        "net_mass_kg": sighting.get("net_mass_kg"),
        "cn_code": identifiers.get("cn_code"),
        "dispatch_country": sighting.get("dispatch_country"),
        "origin_country": sighting.get("origin_country"),
    }


def latest_records(records: Iterable[tuple[bytes | None, bytes | None]]) -> dict[str, bytes]:
    """substance key -> its latest record, from (key, value) pairs in topic order: what a compacted topic
    holds, also where compaction never runs (the embedded broker). A record without a key is skipped;
    a null value (a tombstone) removes its key."""
    latest: dict[str, bytes] = {}
    for key, value in records:
        if key is None:
            continue
        name = key.decode(errors="replace")
        if value is None:
            latest.pop(name, None)
        else:
            latest[name] = value
    return latest
