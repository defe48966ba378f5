"""Screening in chunks: a run of input lines (or Kafka records) in, the bytes of its outputs out.

`precwatch screen` and `precwatch rescreen` cut their input into chunks so that chunks can be screened
in other processes (cli/parallel.py) and their outputs written back in input order: the bytes written
are those one process would write, whatever the number of jobs. One process runs the same function
on the same chunks, so there is no second code path to drift.

Pure apart from the Screener's caches. Chunks and results travel between processes as bytes with one
small JSON section each (no pickle; nothing received is evaluated):

- lines chunk: [4-byte length][JSON {"source", "now", "all_items", "follow_ups"}], then per line a
  header (kind, line number, length) and the bytes; a line too long to keep (pipeline.decode.LongLine)
  adds its full size (8 bytes) and SHA-256 (64 hex characters) after its head.
- records chunk: [4-byte length][JSON {"topic", "now"}], then per record a header (partition, offset,
  value length or 0xFFFFFFFF for a null record) and the value.
- result: [4-byte length][JSON statistics][4-byte length][output lines][4-byte length][observation
  lines][dead-letter lines].

With ``follow_ups`` (`precwatch screen --follow-ups`), a chunk's result also carries the observation of
each of its events that has one (pipeline/intelligence_observe.py ``observe_event``: what the worker's
screening stage sends its stateful stage), as JSON lines in input order: the process that writes the
flags applies them to the consignment intelligence, so the input is screened once, whatever the jobs.
"""

from __future__ import annotations

import struct
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import orjson

from pipeline.decode import LongLine, decode_event, decode_line, make_dead_letter
from pipeline.flags import flag_json
from pipeline.screening import Screener
from schemas.flags import DeadLetter

if TYPE_CHECKING:
    from schemas.records import ItemVerdictRecord

_LEN = struct.Struct(">I")
# Kind, line number, length of the bytes that follow. Line numbers count blank lines too, so a file may
# hold more than 2**32 of them (4 GB of line endings) before a line to screen.
_LINE = struct.Struct(">BQI")
_LONG = struct.Struct(">Q64s")  # a long line's whole size and SHA-256 (hex), after its head
_RECORD = struct.Struct(">iqI")  # partition, offset, value length (_NONE: a null record)
_NONE = 0xFFFFFFFF
LINE, LONG_LINE = 0, 1


@cache
def _verdict_json():
    """The same JSON as ItemVerdictRecord.model_dump_json(), as bytes: no round trip through str for every
    output line. Built on first use (--all-items): the records' schemas are not imported by every
    `precwatch screen` before it can fork its children."""
    from pydantic import TypeAdapter

    from schemas.records import ItemVerdictRecord

    return TypeAdapter(ItemVerdictRecord).dump_json


@dataclass(slots=True)
class LinesChunk:
    source: str  # the file name dead letters name
    lines: list[tuple[int, bytes | LongLine]]  # (line number, line): json_lines' non-blank lines


@dataclass(slots=True)
class KafkaRecord:
    partition: int
    offset: int
    value: bytes | None


@dataclass(slots=True)
class ChunkResult:
    output: bytes = b""  # flag lines (or item verdicts), in input order
    dead_letters: bytes = b""  # dead-letter lines, in input order
    events: int = 0
    items: int = 0
    dead_letter_count: int = 0
    severities: Counter[str] = field(default_factory=Counter)  # flags by severity
    unreadable: int = 0  # records that could not be read (rescreen: dead-lettered by the worker already)
    # Events screened without fields that failed validation: their data_quality reports are among the
    # dead-letter lines, but they are not in dead_letter_count (events not screened).
    data_quality_reports: int = 0
    # With follow_ups: the observations of the chunk's events (those that have one), JSON lines in input order.
    observations: bytes = b""


@lru_cache(maxsize=4)
def routes_of(path: str | None):
    """The route book the observations are made with (settings.routes_path; None: the bundled one),
    read once per process."""
    from pipeline.intelligence_observe import load_routes

    return load_routes(path)


# -- screening (pure apart from the screener's caches) ------------------------------------------------
def screen_lines(
    chunk: LinesChunk, screener: Screener, now: datetime, all_items: bool = False, follow_ups: bool = False
) -> ChunkResult:
    """Screen a chunk of a JSON Lines file: flags (with ``all_items``, one verdict per goods item) and
    dead letters as JSON lines. Every line is screened or dead-lettered, exactly once; an event screened
    without fields that failed validation also has its data_quality report among the dead letters. Everything is
    stamped with ``now`` (the run's start), so the output depends on the input alone. With ``follow_ups``,
    the observations of the events screened too (``ChunkResult.observations``), made from the same
    verdicts and flags as the output."""
    result = ChunkResult()
    out: list[bytes] = []
    dead: list[bytes] = []
    observations: list[bytes] = []
    if follow_ups:
        from pipeline.intelligence_observe import observe_event

        routes = routes_of(screener.settings.routes_path)
    for lineno, line in chunk.lines:
        decoded = decode_line(lineno, line, chunk.source, read_at=now)
        letter = decoded.dead_letter
        event = decoded.event
        if decoded.report is not None:  # screened without some fields: their errors are reported, as in the stream
            result.data_quality_reports += 1
            dead.append(dead_letter_line(decoded.report, now))
        if event is not None:
            try:
                # Flags as plain data, written by orjson: the same bytes as the Flag model's JSON
                # (tests/pipeline/test_flags.py), without building and serialising the model.
                screened = [
                    (v, screener.flag_document(event, v, now) if v.severity is not None else None)
                    for v in screener.screen_event_verdicts(event, decoded.left_out)
                ]
            except Exception as exc:  # one bad event costs one dead letter, as in the stream
                raw = line.head if isinstance(line, LongLine) else line
                reason = f"screening failed: {type(exc).__name__}: {exc}"
                letter = make_dead_letter(raw, reason, f"line {lineno}", chunk.source, code="processing")
            else:
                result.events += 1
                result.items += len(event.items)
                for verdict, flag in screened:
                    if flag is not None:
                        result.severities[flag["severity"]] += 1
                    if all_items:
                        flag_id = flag["flag_id"] if flag is not None else None
                        out.append(_verdict_json()(item_verdict_record(event, verdict, flag_id, screener)))
                    elif flag is not None:
                        out.append(flag_json(flag))
                if follow_ups:
                    observation = observe_event(
                        event, screened, routes, screener.watchlist.version, screener.structure_identity
                    )
                    if observation is not None:
                        observations.append(orjson.dumps(observation))
        if letter is not None:
            result.dead_letter_count += 1
            dead.append(dead_letter_line(letter, now))
    result.output = _joined_lines(out)
    result.dead_letters = _joined_lines(dead)
    result.observations = _joined_lines(observations)
    return result


def _joined_lines(lines: list[bytes]) -> bytes:
    """The lines, each ended by a line feed, in one copy (not a copy of each line with its ending first:
    flags are kilobytes each)."""
    if not lines:
        return b""
    lines.append(b"")
    return b"\n".join(lines)


def item_verdict_record(event, verdict, flag_id: str | None, screener: Screener) -> ItemVerdictRecord:
    """One goods item's verdict, flagged or not (precwatch screen --all-items)."""
    from chemistry.resolve import name_structure
    from schemas.records import ItemVerdictRecord

    std = verdict.resolution.std
    inchikey, smiles = screener.structure_identity(std) if std is not None else (None, None)
    return ItemVerdictRecord(
        event_id=event.event_id,
        declaration_id=event.declaration_id,
        item_line=verdict.item.line,
        flagged=flag_id is not None,
        flag_id=flag_id,
        severity=verdict.severity,
        score=verdict.score,
        resolved_by=verdict.resolution.resolved_by,
        name=verdict.resolution.name or (name_structure(screener.watchlist, std) if std is not None else None),
        smiles=smiles,
        inchikey=inchikey,
        source=verdict.resolution.source,
        source_notes=list(verdict.resolution.source_notes),
        matches=[f"{f.method}:{f.entry.id if f.entry is not None else f.family.spec.id}" for f in verdict.findings],
        signals=[s.code for s in verdict.signals],
    )


def dead_letter_line(letter: DeadLetter, now: datetime) -> bytes:
    """A dead letter as one JSON line, received at the run's start (see ``screen_lines``)."""
    data = letter.model_dump(mode="json")
    data["received_at"] = now.isoformat().replace("+00:00", "Z")
    return orjson.dumps(data)


def screen_records(records: Sequence[KafkaRecord], topic: str, screener: Screener, now: datetime) -> ChunkResult:
    """Screen transaction records again (``precwatch rescreen``): every flag they raise now, as JSON
    lines marked ``retro``; which of them are new is for the caller to decide (it knows the flags
    published before). A record that cannot be read counts as ``unreadable``: the worker
    dead-lettered it when it first came, and a second dead letter would say nothing new."""
    result = ChunkResult()
    out: list[bytes] = []
    for record in records:
        where = f"{topic}/{record.partition}/{record.offset}"
        decoded = decode_event(record.value, topic, where, record.partition, record.offset, read_at=now)
        event = decoded.event
        if event is None:
            result.unreadable += 1
            continue
        try:
            flags = [
                screener.flag_document(event, v, now)
                for v in screener.screen_event_verdicts(event, decoded.left_out)
                if v.severity is not None
            ]
        except Exception:  # the worker dead-lettered this event when it first came: same as unreadable
            result.unreadable += 1
            continue
        result.events += 1
        result.items += len(event.items)
        for flag in flags:
            result.severities[flag["severity"]] += 1
            flag["retro"] = True
            out.append(flag_json(flag))
    result.output = b"".join(line + b"\n" for line in out)
    return result


# -- encodings (bytes and JSON only) --------------------------------------------------------------------
def _with_meta(meta: dict) -> list[bytes]:
    encoded = orjson.dumps(meta)
    return [_LEN.pack(len(encoded)), encoded]


def _read_meta(payload: bytes) -> tuple[dict, int]:
    (length,) = _LEN.unpack_from(payload, 0)
    return orjson.loads(payload[4 : 4 + length]), 4 + length


def encode_lines_chunk(chunk: LinesChunk, now: datetime, all_items: bool, follow_ups: bool = False) -> bytes:
    parts = _with_meta(
        {"source": chunk.source, "now": now.isoformat(), "all_items": all_items, "follow_ups": follow_ups}
    )
    pack = _LINE.pack
    for lineno, line in chunk.lines:
        if isinstance(line, LongLine):
            parts += [pack(LONG_LINE, lineno, len(line.head)), line.head, _LONG.pack(line.size, line.sha256.encode())]
        else:
            parts += [pack(LINE, lineno, len(line)), line]
    return b"".join(parts)


def decode_lines_chunk(payload: bytes) -> tuple[LinesChunk, datetime, bool, bool]:
    meta, pos = _read_meta(payload)
    lines: list[tuple[int, bytes | LongLine]] = []
    unpack, size = _LINE.unpack_from, _LINE.size
    while pos < len(payload):
        kind, lineno, length = unpack(payload, pos)
        pos += size
        data = payload[pos : pos + length]
        pos += length
        if kind == LONG_LINE:
            total, digest = _LONG.unpack_from(payload, pos)
            pos += _LONG.size
            lines.append((lineno, LongLine(data, total, digest.decode("ascii"))))
        else:
            lines.append((lineno, data))
    return (
        LinesChunk(meta["source"], lines),
        datetime.fromisoformat(meta["now"]),
        bool(meta["all_items"]),
        bool(meta.get("follow_ups")),
    )


def encode_records_chunk(records: Sequence[KafkaRecord], topic: str, now: datetime) -> bytes:
    parts = _with_meta({"topic": topic, "now": now.isoformat()})
    for r in records:
        parts.append(_RECORD.pack(r.partition, r.offset, _NONE if r.value is None else len(r.value)))
        if r.value:
            parts.append(r.value)
    return b"".join(parts)


def decode_records_chunk(payload: bytes) -> tuple[list[KafkaRecord], str, datetime]:
    meta, pos = _read_meta(payload)
    records = []
    unpack, size = _RECORD.unpack_from, _RECORD.size
    while pos < len(payload):
        partition, offset, length = unpack(payload, pos)
        pos += size
        value = None
        if length != _NONE:
            value = payload[pos : pos + length]
            pos += length
        records.append(KafkaRecord(partition, offset, value))
    return records, meta["topic"], datetime.fromisoformat(meta["now"])


def encode_result(result: ChunkResult) -> bytes:
    stats = {
        "events": result.events,
        "items": result.items,
        "dead_letters": result.dead_letter_count,
        "severities": dict(result.severities),
        "unreadable": result.unreadable,
        "data_quality_reports": result.data_quality_reports,
    }
    parts = _with_meta(stats)
    parts += [_LEN.pack(len(result.output)), result.output]
    parts += [_LEN.pack(len(result.observations)), result.observations, result.dead_letters]
    return b"".join(parts)


def decode_result(payload: bytes) -> ChunkResult:
    stats, pos = _read_meta(payload)
    (length,) = _LEN.unpack_from(payload, pos)
    output = payload[pos + 4 : pos + 4 + length]
    pos += 4 + length
    (length,) = _LEN.unpack_from(payload, pos)
    observations = payload[pos + 4 : pos + 4 + length]
    pos += 4 + length
    return ChunkResult(
        output=output,
        dead_letters=payload[pos:],
        observations=observations,
        events=stats["events"],
        items=stats["items"],
        dead_letter_count=stats["dead_letters"],
        severities=Counter(stats["severities"]),
        unreadable=stats["unreadable"],
        data_quality_reports=stats["data_quality_reports"],
    )
