"""The streaming stages as pure functions: Kafka messages in, Kafka messages out.

The Faust agents in ``agents/`` only iterate, call these and send. Everything here is testable
without a broker.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

import orjson

from pipeline.decode import decode_event, make_dead_letter
from pipeline.flags import cut_text
from pipeline.intelligence_observe import load_routes, observation_messages, observe_event
from pipeline.messages import BatchResult, OutMessage, RawMessage
from pipeline.routing import partition_for, route
from pipeline.screening import ItemVerdict, Screener, make_flag_id
from schemas.events import TransactionEvent
from schemas.flags import DeadLetter, Flag
from schemas.records import RepositoryRecord, SightingIdentifiers


def process_batch(
    messages: Sequence[RawMessage],
    screener: Screener,
    now: datetime | None = None,
    partitions: Mapping[str, int] | None = None,
) -> BatchResult:
    """Decode, screen and turn a batch of transaction messages into flags, sightings and dead letters.

    Sightings travel as JSON arrays of records (``sightings_messages``): one message per partition
    of the sightings topic when ``partitions`` (role -> partition count) gives its count, else one
    per structure key.
    """
    result = BatchResult()
    sightings: dict[str, list[bytes]] = {}
    # Observations for the stateful signals (issue 12), when the worker publishes them.
    routes = load_routes(screener.settings.routes_path) if partitions and "observations" in partitions else None
    for msg in messages:
        decoded = decode_event(
            msg.value, msg.topic, f"{msg.topic}/{msg.partition}/{msg.offset}", msg.partition, msg.offset
        )
        if decoded.event is None:
            result.out.append(dead_letter_message(decoded.dead_letter, msg))
            result.dead_letter_codes.append(decoded.dead_letter.reason_code)
            continue
        event = decoded.event
        started = time.perf_counter()
        try:
            screened = screener.screen_event_items(event, now)
        except Exception as exc:  # a bug must not stop the stream: the event is kept, with the reason
            result.out.append(message_dead_letter(msg, f"screening failed: {type(exc).__name__}: {exc}", "processing"))
            result.dead_letter_codes.append("processing")
            continue
        wall = time.time()
        result.latency.add(time.perf_counter() - started)
        result.age_occurred.add(max(0.0, wall - event.occurred_at.timestamp()))
        if msg.timestamp is not None:
            result.age_kafka.add(max(0.0, wall - msg.timestamp))
        result.events += 1
        result.items += len(event.items)
        for verdict, flag in screened:
            if flag is not None:
                result.out.append(flag_message(flag))
                top = flag.matches[0] if flag.matches else None
                result.flags.append(
                    (flag.severity, top.entry.category if top else "none", top.method if top else "signals")
                )
            record = sighting_record(event, verdict, flag, screener)
            if record is not None:
                sightings.setdefault(record.structure_key, []).append(record.model_dump_json().encode())
        if routes is not None:
            observation = observe_event(
                event, screened, routes, screener.watchlist.version, screener.structure_identity
            )
            if observation is not None:
                result.out.extend(observation_messages(observation))
    result.out.extend(sightings_messages(sightings, (partitions or {}).get("sightings")))
    return result


def screen_batch(messages: Sequence[RawMessage], screener: Screener, partitions: Mapping[str, int]) -> BatchResult:
    """``process_batch`` with each output's partition chosen and the sightings packed per partition:
    the outputs as the worker publishes them (``partitions``: role -> partition count of its topic)."""
    result = process_batch(messages, screener, partitions=partitions)
    route(result.out, partitions)
    return result


def flag_message(flag: Flag) -> OutMessage:
    # Keyed by declaration: all flags of one declaration stay in order on one partition.
    # Headers carry no personal data (they show up in broker tooling).
    return OutMessage(
        "flags",
        flag.declaration_id.encode(),
        flag.model_dump_json().encode(),
        [
            ("flag_id", flag.flag_id.encode()),
            ("severity", flag.severity.encode()),
            ("watchlist_version", flag.watchlist_version.encode()),
        ],
    )


def message_dead_letter(msg: RawMessage, reason: str, code: str) -> OutMessage:
    """The dead letter of a Kafka record, for ``reason``: its original and where it came from."""
    where = f"{msg.topic}/{msg.partition}/{msg.offset}"
    dl = make_dead_letter(msg.value or b"", reason, where, msg.topic, msg.partition, msg.offset, code)
    return dead_letter_message(dl, msg)


def dead_letter_message(dl: DeadLetter, msg: RawMessage) -> OutMessage:
    return OutMessage(
        "dead_letters",
        msg.key or b"",
        dl.model_dump_json().encode(),
        [
            ("reason", dl.reason[:200].encode()),
            ("reason_code", dl.reason_code.encode()),
            ("source_topic", msg.topic.encode()),
            ("source_partition", str(msg.partition).encode()),
            ("source_offset", str(msg.offset).encode()),
        ],
    )


MAX_KEY_CHARS = 200


def sighting_key(verdict: ItemVerdict, inchikey: str | None) -> tuple[str, str]:
    """(structure key, key type): the InChIKey, or a normalised identifier when there is no structure."""
    if inchikey:
        return inchikey, "inchikey"
    item = verdict.item
    for kind, value in (("cas", item.cas), ("name", item.name), ("smiles", item.smiles), ("inchi", item.inchi)):
        if value:
            normalised = " ".join(value.lower().split())
            if len(normalised) > MAX_KEY_CHARS:  # a key stays small whatever was declared
                normalised = "sha256:" + hashlib.sha256(normalised.encode()).hexdigest()
            return f"id:{kind}:{normalised}", "identifier"
    digest = hashlib.sha256((item.description or "").lower().encode()).hexdigest()[:16]
    return f"id:cn:{item.cn_code or 'none'}:{digest}", "identifier"


def sighting_record(
    event: TransactionEvent, verdict: ItemVerdict, flag: Flag | None, screener: Screener
) -> RepositoryRecord | None:
    """A repository record for an item that matched the watchlist or could not be identified."""
    std = verdict.resolution.std
    entries = [f for f in verdict.findings if f.entry is not None and f.method in ("exact", "unmasking", "identifier")]
    unresolved = std is None
    if not entries and flag is None and not unresolved:
        return None
    if flag is not None:
        inchikey, smiles = flag.substance.inchikey, flag.substance.smiles
    elif std is not None:
        inchikey, smiles = screener.structure_identity(std)
    else:
        inchikey, smiles = None, None
    key, key_type = sighting_key(verdict, inchikey)
    # The strongest match: the flag's first (its matches are ordered), else the first listed entry.
    if flag is not None and flag.matches:
        ref, method = flag.matches[0].entry, flag.matches[0].method
    elif entries:
        ref, method = entries[0].entry.ref, entries[0].method
    else:
        ref, method = None, None
    item = verdict.item
    return RepositoryRecord(
        record_id=flag.flag_id
        if flag is not None
        else make_flag_id(event.event_id, item.line, screener.watchlist.version),
        structure_key=key,
        key_type=key_type,  # type: ignore[arg-type]
        resolved_by=verdict.resolution.resolved_by,
        identifiers=SightingIdentifiers(
            smiles=smiles,
            inchikey=inchikey,
            cas=cut_text(item.cas) if item.cas else None,
            name=cut_text(item.name) if item.name else verdict.resolution.name,
            cn_code=item.cn_code,
            description=cut_text(item.description),
        ),
        status="unresolved" if unresolved else "matched",
        entry_id=ref.id if ref else None,
        entry_name=ref.name if ref else None,
        category=ref.category if ref else None,
        method=method,
        severity=flag.severity if flag is not None else None,
        declaration_id=event.declaration_id,
        event_id=event.event_id,
        item_line=item.line,
        source=event.source,
        kind=event.kind,
        dispatch_country=event.transport.dispatch_country,
        destination_country=event.transport.destination_country,
        origin_country=item.origin_country,
        net_mass_kg=item.net_mass_kg,
        seen_at=event.occurred_at,
        watchlist_version=screener.watchlist.version,
    )


def sightings_messages(by_key: Mapping[str, list[bytes]], partitions: int | None) -> list[OutMessage]:
    """The sightings (structure key -> its records in order) as messages, each a JSON array of records.

    With the sightings topic's partition count: one message per partition, keyed by its first
    structure key and holding the records of every key that routes there (key after key, each in
    order), so the repository stage pays Faust's per-event cost once per partition and batch rather
    than once per substance; first-seen state, partitioned by key, is unaffected. Without it, one
    message per key, left to the producer's partitioner. Records are joined once, here.
    """
    if not partitions:
        return [_sightings_message(key.encode(), records, None) for key, records in by_key.items()]
    groups: dict[int, tuple[bytes, list[bytes]]] = {}  # partition -> (its first key, its records)
    for key, records in by_key.items():
        encoded = key.encode()
        partition = partition_for(encoded, partitions)
        if partition in groups:
            groups[partition][1].extend(records)
        else:
            groups[partition] = (encoded, list(records))
    return [_sightings_message(key, records, partition) for partition, (key, records) in groups.items()]


def _sightings_message(key: bytes, records: list[bytes], partition: int | None) -> OutMessage:
    return OutMessage(
        "sightings", key, b"[" + b",".join(records) + b"]", [("records", str(len(records)).encode())], partition
    )


def with_first_seen(message_value: bytes, first_seen) -> list[tuple[bytes, bytes]]:
    """Repository stage: stamp each sighting with the earliest time its structure key was seen.

    ``first_seen`` maps structure key -> ISO timestamp (a Faust table in the worker, a dict in
    tests); it is updated in place. Returns [(key, record JSON)] for the repository topic; raises
    SightingsUnreadable for a message that is not a list of sighting records (stamp_sightings turns
    that into a dead letter).

    The records were serialised from ``RepositoryRecord`` by the screening stage and only gain
    ``first_seen_at`` here, so they are edited as JSON (order of fields kept) rather than validated
    again: this runs on the worker's event loop.
    """
    try:
        records = orjson.loads(message_value)
        if not isinstance(records, list):
            raise TypeError("not a list")
        stamped = []
        for record in records:
            key, seen = record["structure_key"], record["seen_at"]
            if not isinstance(key, str) or not isinstance(seen, str):
                raise TypeError("structure_key and seen_at must be strings")
            stamped.append((record, key, seen, _ts(seen)))
    except (orjson.JSONDecodeError, TypeError, KeyError, ValueError) as exc:
        raise SightingsUnreadable(f"not a sightings message ({type(exc).__name__}: {exc})") from None
    out = []
    for record, key, seen, seen_ts in stamped:  # all checked first: a bad message changes no state
        known = first_seen.get(key)
        if known is None or seen_ts < _ts(known):
            first_seen[key] = seen
            known = seen
        record["first_seen_at"] = known
        out.append((key.encode(), orjson.dumps(record)))
    return out


class SightingsUnreadable(ValueError):
    """A message on the sightings topic that is not a list of sighting records."""


def stamp_sightings(message: RawMessage, first_seen) -> list[OutMessage]:
    """Repository stage over one sightings message: its repository records, or, when it cannot be
    read, one dead letter with the reason and the original (the batch goes on without it)."""
    try:
        return [
            OutMessage("repository", key, value, []) for key, value in with_first_seen(message.value or b"", first_seen)
        ]
    except SightingsUnreadable as exc:
        return [message_dead_letter(message, str(exc), "schema")]


def _ts(value: str) -> datetime:
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
