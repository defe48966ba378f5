"""The streaming stages as pure functions: Kafka messages in, Kafka messages out.

The Faust agents in ``agents/`` only iterate, call these and send. Everything here is testable
without a broker.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime

from pipeline.decode import decode_event, make_dead_letter
from pipeline.flags import cut_text
from pipeline.intelligence_observe import RouteBook, load_routes, observation_bundles, observe_event
from pipeline.messages import BatchResult, OutMessage, RawMessage, flag_message
from pipeline.routing import partition_for, route
from pipeline.screening import ItemVerdict, Screener, make_flag_id
from schemas.events import TransactionEvent
from schemas.flags import DeadLetter, Flag, Match
from schemas.records import ConversionEvidence, RepositoryRecord, SightingIdentifiers


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
    ((result, _),) = process_batch_parts(messages, screener, now, partitions)
    return result


def process_batch_parts(
    messages: Sequence[RawMessage],
    screener: Screener,
    now: datetime | None = None,
    partitions: Mapping[str, int] | None = None,
    part_budget_s: float | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> Iterator[tuple[BatchResult, bool]]:
    """``process_batch`` in consecutive parts: (part, whether it is the last). A part ends once it
    has taken ``part_budget_s`` (checked after each message), so that its outputs can be delivered
    and its messages acknowledged while the rest is screened; without a budget, one part. Each part
    accounts for its messages (events + dead letters) and packs its own sightings."""
    result = BatchResult()
    sightings: dict[str, list[bytes]] = {}
    # Observations for the stateful signals (issue 12), when the worker publishes them.
    routes = load_routes(screener.settings.routes_path) if partitions and "observations" in partitions else None
    observations: list[dict] = []  # bundled per partition at the end of each part
    # Sightings for the information repository, unless the worker publishes none (settings.repository false).
    keep_sightings = partitions is None or "sightings" in partitions
    started = clock()
    for index, msg in enumerate(messages):
        process_message(msg, screener, now, result, sightings if keep_sightings else None, routes, observations)
        if part_budget_s is not None and index + 1 < len(messages) and clock() - started >= part_budget_s:
            result.out.extend(sightings_messages(sightings, (partitions or {}).get("sightings")))
            if observations:
                result.out.extend(observation_bundles(observations, partitions["observations"]))
            yield result, False
            result, sightings, observations, started = BatchResult(), {}, [], clock()
    result.out.extend(sightings_messages(sightings, (partitions or {}).get("sightings")))
    if observations:
        result.out.extend(observation_bundles(observations, partitions["observations"]))
    yield result, True


def process_message(
    msg: RawMessage,
    screener: Screener,
    now: datetime | None,
    result: BatchResult,
    sightings: dict[str, list[bytes]] | None,
    routes: RouteBook | None = None,
    observations: list[dict] | None = None,
) -> None:
    """One message into ``result`` (its flags, dead letters and statistics) and ``sightings`` (None:
    none kept); with ``routes``, its observation for the stateful signals into ``observations`` too
    (pipeline/intelligence_observe.py; the caller bundles them)."""
    decoded = decode_event(
        msg.value, msg.topic, f"{msg.topic}/{msg.partition}/{msg.offset}", msg.partition, msg.offset, msg.key
    )
    if decoded.event is None:
        result.out.append(dead_letter_message(decoded.dead_letter, msg))
        result.dead_letter_codes.append(decoded.dead_letter.reason_code)
        return
    event = decoded.event
    if decoded.report is not None:  # screened without some fields: their errors go to the sender
        result.out.append(dead_letter_message(decoded.report, msg))
        result.data_quality_reports += 1
    started = time.perf_counter()
    try:
        screened = screener.screen_event_items(event, now, decoded.left_out)
    except Exception as exc:  # a bug must not stop the stream: the event is kept, with the reason
        result.out.append(message_dead_letter(msg, f"screening failed: {type(exc).__name__}: {exc}", "processing"))
        result.dead_letter_codes.append("processing")
        return
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
        record = sighting_record(event, verdict, flag, screener) if sightings is not None else None
        if record is not None:
            sightings.setdefault(record.structure_key, []).append(record.model_dump_json().encode())
    if routes is not None:
        observation = observe_event(event, screened, routes, screener.watchlist.version, screener.structure_identity)
        if observation is not None and observations is not None:
            observations.append(observation)


def screen_batch(messages: Sequence[RawMessage], screener: Screener, partitions: Mapping[str, int]) -> BatchResult:
    """``process_batch`` with each output's partition chosen and the sightings packed per partition:
    the outputs as the worker publishes them (``partitions``: role -> partition count of its topic)."""
    result = process_batch(messages, screener, partitions=partitions)
    route(result.out, partitions)
    return result


def screen_batch_parts(
    messages: Sequence[RawMessage], screener: Screener, partitions: Mapping[str, int], part_budget_s: float
) -> Iterator[tuple[BatchResult, bool]]:
    """``screen_batch`` in parts of about ``part_budget_s`` each (``process_batch_parts``)."""
    for part, last in process_batch_parts(messages, screener, partitions=partitions, part_budget_s=part_budget_s):
        route(part.out, partitions)
        yield part, last


def message_dead_letter(msg: RawMessage, reason: str, code: str) -> OutMessage:
    """The dead letter of a Kafka record, for ``reason``: its original and where it came from."""
    where = f"{msg.topic}/{msg.partition}/{msg.offset}"
    dl = make_dead_letter(msg.value or b"", reason, where, msg.topic, msg.partition, msg.offset, code, key=msg.key)
    return dead_letter_message(dl, msg)


def dead_letter_message(dl: DeadLetter, msg: RawMessage) -> OutMessage:
    # The dead letter's own Kafka key is the record's, or empty for a keyless record (outputs are
    # routed by key); whether the record had a key at all is in the dead letter's ``key`` field.
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
    formula = None
    if flag is not None:
        inchikey, smiles, formula = flag.substance.inchikey, flag.substance.smiles, flag.substance.formula
    elif std is not None:
        inchikey, smiles = screener.structure_identity(std)
    else:
        inchikey, smiles = None, None
    # Only a flagged item: an unmasking path the scoring found too weak to flag (piperine -> piperidine)
    # is no early warning.
    novel = flag is not None and flag.novel_designer_precursor
    key, key_type = sighting_key(verdict, inchikey)
    # What the substance is: its own exact match when it is listed (a listed designer precursor stays
    # itself even when the drug it unmasks to made the verdict), else the flag's strongest match about
    # it (matches are ordered; another substance declared in the same field is not this one), else the
    # first listed entry.
    own = [m for m in flag.matches if m.declared_as is None] if flag is not None else []
    if own:
        top = next((m for m in own if m.method == "exact"), own[0])
        ref, method = top.entry, top.method
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
            formula=formula or None,
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
        novel_designer_precursor=novel,
        evidence=[conversion_evidence(m) for m in flag.matches if m.method in ("unmasking", "family")] if novel else [],
    )


def conversion_evidence(match: Match) -> ConversionEvidence:
    entry = match.entry
    return ConversionEvidence(
        method=match.method,  # type: ignore[arg-type]
        entry_id=entry.id,
        entry_name=entry.name,
        category=entry.category,
        legal_source=entry.legal_source,
        path=match.path,
        detail=match.detail,
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
