"""Decode raw bytes into a validated event, or a dead-letter record: bad data is a value."""

from __future__ import annotations

import base64
import hashlib
import json
import types
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any, BinaryIO

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, StringConstraints, ValidationError
from pydantic_core import CoreSchema, core_schema

from schemas.events import (
    CN_CODE_PATTERN,
    RFC3339_DATE_TIME,
    RFC3339_OFFSET,
    DeclaredCnCode,
    GoodsItem,
    TransactionEvent,
    Value,
)
from schemas.flags import DeadLetter

MAX_MESSAGE_BYTES = 1_000_000
# A dead letter keeps this much of its original: enough to see what it was, and small enough that
# the dead letter fits any topic (Apache Kafka's default record limit is 1 MiB) whatever came in.
# Beyond it, the original's size and SHA-256 identify the whole.
MAX_ORIGINAL_BYTES = 16_384
# Editors on Windows start UTF-8 files with a byte-order mark; it is not part of the first line's JSON.
UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A declared field that failed validation and was left out, so that the rest of the event could
    be screened (a missing occurred_at is replaced by the time the event was read)."""

    path: tuple[str | int, ...]
    problem: str

    @property
    def field(self) -> str:
        return ".".join(str(p) for p in self.path)

    @property
    def item_index(self) -> int | None:
        """Index in ``items`` of the goods item the field belongs to; None for an event-level field."""
        if len(self.path) > 1 and self.path[0] == "items" and isinstance(self.path[1], int):
            return self.path[1]
        return None


@dataclass(slots=True)
class Decoded:
    """The event, or the dead letter of a message that cannot be read. An event read without some of
    its fields (``left_out``) comes with ``report``: a dead letter (reason code data_quality) that
    reports its errors to the sender, although the event is screened."""

    event: TransactionEvent | None
    dead_letter: DeadLetter | None
    left_out: tuple[LeftOut, ...] = ()
    report: DeadLetter | None = None


def decode_event(
    raw: bytes | None,
    source: str = "",
    location: str = "",
    partition: int | None = None,
    offset: int | None = None,
    key: bytes | None = None,
    read_at: datetime | None = None,
) -> Decoded:
    """Validate one message. Never raises: returns either the event or a dead letter with the reason
    and the original bytes (and ``key``, the Kafka record's key, None when it had none). ``read_at``:
    the time that stands in for an occurred_at that cannot be read (default: now); batch runs give
    their start, so that what they write depends on the input alone."""

    def reject(reason: str, where: str, code: str) -> Decoded:
        return Decoded(None, make_dead_letter(raw or b"", reason, where, source, partition, offset, code, key=key))

    if raw is None:  # a null record (a tombstone) is not an empty one: say which it was
        return reject("message without a value (a null record)", location or "message", "empty")
    if not raw:
        return reject("empty message", location or "message", "empty")
    if len(raw) > MAX_MESSAGE_BYTES:
        return reject(f"message larger than {MAX_MESSAGE_BYTES} bytes", location or "message", "too_large")
    try:
        event = validate_event_json(raw)
    except ValidationError as exc:
        errors = exc.errors()
        first = errors[0]
        if first["type"] == "json_invalid":
            return reject(f"not valid JSON: {first['msg']}", location or "json", "invalid_json")
        if first["type"] == "model_type" and not first["loc"]:
            return reject("JSON value is not an object", location or "json", "not_object")
        reasons = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {cut(e['msg'])}" for e in errors[:5])
        try:
            salvaged = salvage_event(raw, errors, read_at)
        except DuplicateKey as dup:
            return reject(duplicate_reason(dup.key), location or "json", "duplicate_key")
        if salvaged is None:
            field = ".".join(str(p) for p in first["loc"]) or "event"
            where = f"{location} field {field}" if location else f"field {field}"
            return reject(f"invalid event: {reasons}", where, "schema")
        event, left_out = salvaged
        fields = cut(", ".join(f.field for f in left_out), 1000)  # up to 999 items: the report stays small
        report = make_dead_letter(
            raw,
            f"screened without the fields that failed validation ({fields}): {reasons}",
            f"{location} fields {fields}" if location else f"fields {fields}",
            source,
            partition,
            offset,
            "data_quality",
            key=key,
        )
        return Decoded(event, None, left_out, report)
    if may_repeat_a_key(raw, event):
        duplicate = find_duplicate_key(raw)
        if duplicate is not None:
            return reject(duplicate_reason(duplicate), location or "json", "duplicate_key")
    return Decoded(event, None)


# -- validation ----------------------------------------------------------------------------------------
# The schema checks three fields in Python (CN code, currency, occurred_at: schemas/events.py), one call
# each per item or event. Most events hold values those checks accept and leave as they are, and
# pydantic-core alone can tell that from the same patterns: the quick classes below subclass the
# schema's models and accept exactly such values, with nothing checked in Python but the CN codes
# that need their spaces or dots removed. An event they refuse is validated by the schema itself, so
# that whatever is wrong with it is reported in the schema's words; an event they accept the schema
# accepts too, with the same values (tests/pipeline/test_decode_quick.py). Decoded events are
# therefore instances of these subclasses: TransactionEvent for every reader, but not equal (==) to a
# TransactionEvent built from the same data.


class _RFC3339Offset:
    """occurred_at as a string matching the schema's RFC 3339 pattern with its offset written (so that
    the datetime carries it), as it came (not stripped), then read as pydantic reads it."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        stamp = core_schema.str_schema(
            pattern=f"^{RFC3339_DATE_TIME}{RFC3339_OFFSET}$", strip_whitespace=False, strict=True
        )
        return core_schema.chain_schema([stamp, core_schema.datetime_schema(tz_constraint="aware")])


class _QuickValue(Value):
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]  # what upper_currency leaves as it is


class _QuickGoodsItem(GoodsItem):
    # A code already normalised needs no Python; any other goes through the schema's own check.
    cn_code: Annotated[str, StringConstraints(pattern=CN_CODE_PATTERN)] | DeclaredCnCode = Field(
        default=None, union_mode="left_to_right"
    )
    value: _QuickValue | None = None


class _QuickTransactionEvent(TransactionEvent):
    # pydantic-core keeps a cache of short strings read from JSON; an event's are mostly its own (ids,
    # names, descriptions), so looking each up there costs more than building it anew. Values only: the
    # strings are equal either way.
    model_config = ConfigDict(cache_strings=False)
    occurred_at: Annotated[datetime, _RFC3339Offset]
    items: Annotated[list[_QuickGoodsItem], *TransactionEvent.model_fields["items"].metadata]  # its bounds


_QUICK_EVENT_VALIDATOR = _QuickTransactionEvent.__pydantic_validator__


def validate_event_json(raw: bytes) -> TransactionEvent:
    """The event of a JSON document, as ``TransactionEvent.model_validate_json`` reads it, errors
    included (ValidationError): by the quick classes when they accept it, else by the schema."""
    try:
        # pydantic-core parses and validates in one pass (no intermediate Python dict). Its validator is
        # called directly: ``model_validate_json`` only checks its by_alias/by_name arguments and passes
        # the same call on, a microsecond per event (docs/performance.md, "Per-item CPU").
        return _QUICK_EVENT_VALIDATOR.validate_json(raw)
    except ValidationError:
        return TransactionEvent.model_validate_json(raw)


# -- duplicate keys -----------------------------------------------------------------------------------
# JSON parsers disagree on a key given twice in one object (most keep the last, some the first, some
# refuse): a message with two "event_id" or two "items" would be read differently by the sender, by
# us and by any other consumer, so it is refused. pydantic-core (like orjson) keeps the last value
# silently, so the check is ours; the exact check parses again, so it runs only when a cheap count
# cannot rule a repeat out.


class DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def duplicate_reason(key: str) -> str:
    return f"key {cut(key, 100)!r} appears twice in one JSON object (readers would disagree on its value)"


def may_repeat_a_key(raw: bytes, event: TransactionEvent) -> bool:
    """False only when no object of ``raw`` can hold a key twice.

    Every key written is followed by one colon outside any string, and occurred_at (an RFC 3339
    timestamp) holds at least two inside one: so the keys written are at most the colons less two.
    The keys the event was read from are at least the fields each of its models was given
    (``model_fields_set``, counted once per object). Colons no more than those fields and two rule a
    repeat out; anything else (a colon in free text, keys the schema does not read) leaves the
    question to ``find_duplicate_key``."""
    return raw.count(b":") - 2 > count_fields_given(event)


def count_fields_given(event: TransactionEvent) -> int:
    # ``__pydantic_fields_set__`` is what the ``model_fields_set`` property returns, read without the
    # property call: this runs for every event and item.
    count = len(event.__pydantic_fields_set__) + len(event.consignor.__pydantic_fields_set__)
    count += len(event.consignee.__pydantic_fields_set__) + len(event.transport.__pydantic_fields_set__)
    if event.declarant is not None:
        count += len(event.declarant.__pydantic_fields_set__)
    for item in event.items:
        count += len(item.__pydantic_fields_set__)
        if item.value is not None:
            count += len(item.value.__pydantic_fields_set__)
    return count


def _refuse_duplicates(pairs: list[tuple[str, object]]) -> dict:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for name, _ in pairs:
            if name in seen:
                raise DuplicateKey(name)
            seen.add(name)
    return obj


def find_duplicate_key(raw: bytes) -> str | None:
    """The first key that some object of ``raw`` holds twice, or None (also when the standard library
    cannot parse what pydantic did: it is then not known to hold one)."""
    try:
        json.loads(raw, object_pairs_hook=_refuse_duplicates)
    except DuplicateKey as dup:
        return dup.key
    except (ValueError, RecursionError):
        return None
    return None


# -- events with fields that fail validation ------------------------------------------------------------
# An event is screened without a field that fails validation when the schema can do without it (the
# field has a default, or a field containing it does): its chemistry must not be lost for a wrong
# country code or date. occurred_at is required but only dates the event: the time it was read
# stands in. Anything else (an id, the kind, a goods item's line number) leaves it unreadable.
MAX_PROBLEM_CHARS = 200


def cut(text: str, limit: int = MAX_PROBLEM_CHARS) -> str:
    return text if len(text) <= limit else text[:limit] + f"... [{len(text) - limit} characters cut]"


def salvage_event(
    raw: bytes, errors: list, read_at: datetime | None = None
) -> tuple[TransactionEvent, tuple[LeftOut, ...]] | None:
    """The event without the fields named in ``errors`` and what was left out, or None when a field it
    cannot do without is wrong. Raises DuplicateKey for a key given twice in one object."""
    try:
        data = json.loads(raw, object_pairs_hook=_refuse_duplicates)
    except DuplicateKey:
        raise
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    left_out: list[LeftOut] = []
    for _ in range(3):  # leaving a field out can reveal no new error, but stay bounded whatever comes
        for error in errors:
            path = repair_path(tuple(error["loc"]))
            if path is None or not _leave_out(data, path, read_at):
                return None
            problem = cut(error["msg"])
            if path == ("occurred_at",):
                problem += "; the time the event was read stands in"
            if all(f.path != path for f in left_out):
                left_out.append(LeftOut(path, problem))
        try:
            return TransactionEvent.model_validate_json(json.dumps(data)), tuple(left_out)
        except ValidationError as exc:
            errors = exc.errors()
    return None


def repair_path(loc: tuple) -> tuple[str | int, ...] | None:
    """The field to leave out for an error at ``loc``: the innermost field on its path that the schema
    can do without, or None when there is none."""
    model: type[BaseModel] | None = TransactionEvent
    path: list[str | int] = []
    best: tuple[str | int, ...] | None = None
    position = 0
    while model is not None and position < len(loc):
        name = loc[position]
        info = model.model_fields.get(name) if isinstance(name, str) else None
        if info is None:
            break
        path.append(name)
        if not info.is_required() or (model is TransactionEvent and name == "occurred_at"):
            best = tuple(path)
        model, is_list = _nested_model(info.annotation)
        position += 1
        if is_list:
            if position >= len(loc) or not isinstance(loc[position], int):
                break
            path.append(loc[position])
            position += 1
    return best


def _nested_model(annotation: object) -> tuple[type[BaseModel] | None, bool]:
    """(model, is a list of it) for a field's annotation such as Party | None or list[GoodsItem]."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _nested_model(arg)
            if found[0] is not None:
                return found
        return None, False
    if origin is list:
        inner, _ = _nested_model(typing.get_args(annotation)[0])
        return inner, inner is not None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    return None, False


def _leave_out(data: dict, path: tuple[str | int, ...], read_at: datetime | None = None) -> bool:
    """Remove the field at ``path`` (occurred_at: replace it by ``read_at``, default now). False when the
    path is not there as a field of an object."""
    try:
        parent: object = data
        for step in path[:-1]:
            parent = parent[step]  # type: ignore[index]
        if not isinstance(parent, dict):
            return False
        if path == ("occurred_at",):
            parent["occurred_at"] = (read_at or datetime.now(UTC)).isoformat()
        else:
            parent.pop(path[-1], None)
        return True
    except (KeyError, IndexError, TypeError):
        return False


@dataclass(frozen=True, slots=True)
class LongLine:
    """A line longer than the limit: only its first bytes were kept; size and SHA-256 are the whole
    line's (without its line ending)."""

    head: bytes
    size: int
    sha256: str


def read_lines(handle: BinaryIO, max_bytes: int = MAX_MESSAGE_BYTES) -> Iterator[bytes | LongLine]:
    """The lines of a file, each at most ``max_bytes`` long; a longer one comes as a LongLine, read
    past in chunks, so that memory stays bounded whatever the file holds."""
    while True:
        line = handle.readline(max_bytes + 2)  # room for a line of max_bytes and its \r\n
        if not line:
            return
        # Only the line ending comes off here: a line cut at the limit and ending in carriage returns
        # must not pass for a whole line (its \n would then count as a line of its own).
        if len(line.removesuffix(b"\n").removesuffix(b"\r")) <= max_bytes:
            yield line
            continue
        digest, size, head = hashlib.sha256(), 0, line[:MAX_ORIGINAL_BYTES]
        while line:
            content = line.rstrip(b"\r\n") if line.endswith(b"\n") else line
            digest.update(content)
            size += len(content)
            if line.endswith(b"\n"):
                break
            line = handle.readline(1 << 20)
        yield LongLine(head, size, digest.hexdigest())


def json_lines(lines: Iterable[bytes | LongLine], first_lineno: int = 1) -> Iterator[tuple[int, bytes | LongLine]]:
    """(line number, line without its line ending) for every non-blank line of a JSON Lines file;
    a UTF-8 byte-order mark at the start of the file is dropped. Long lines (read_lines) pass as
    they are. ``first_lineno``: the number of the first line, for a part of a file that starts further on."""
    for lineno, line in enumerate(lines, start=first_lineno):
        if isinstance(line, LongLine):
            yield lineno, line
            continue
        if lineno == 1:
            line = line.removeprefix(UTF8_BOM)
        if line.strip():
            yield lineno, line.rstrip(b"\r\n")


def decode_line(lineno: int, line: bytes | LongLine, source: str = "", read_at: datetime | None = None) -> Decoded:
    """One line of a JSON Lines file: the event, or a dead letter (a long line's keeps its head).
    ``read_at``: see decode_event."""
    if isinstance(line, LongLine):
        reason = f"line of {line.size} bytes is larger than {MAX_MESSAGE_BYTES} bytes (only its start is kept)"
        return Decoded(
            None,
            make_dead_letter(
                line.head, reason, f"line {lineno}", source, code="too_large", total_size=line.size, sha256=line.sha256
            ),
        )
    return decode_event(line, source=source, location=f"line {lineno}", read_at=read_at)


def decode_lines(lines: Iterable[bytes | LongLine], source: str = "") -> Iterator[tuple[int, Decoded]]:
    """Decode JSON Lines: (line number, decoded) for every non-blank line."""
    for lineno, line in json_lines(lines):
        yield lineno, decode_line(lineno, line, source)


def make_dead_letter(
    raw: bytes,
    reason: str,
    location: str,
    source: str = "",
    partition: int | None = None,
    offset: int | None = None,
    code: str = "other",
    total_size: int | None = None,
    sha256: str | None = None,
    key: bytes | None = None,
) -> DeadLetter:
    """A dead letter keeping the original (its first MAX_ORIGINAL_BYTES, with the whole one's size
    and SHA-256 when it is longer). ``raw`` may itself be only the head of a longer original whose
    ``total_size`` and ``sha256`` the caller measured (a line too long to read into memory). ``key``:
    the Kafka record's key, None for a record without one (kept apart from an empty key)."""
    size = len(raw) if total_size is None else total_size
    cut = size > len(raw) or len(raw) > MAX_ORIGINAL_BYTES
    kept = raw[:MAX_ORIGINAL_BYTES]
    try:
        original, encoding = kept.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if cut and exc.start >= len(kept) - 3:  # the cut fell inside a character: keep the text before it
            original, encoding = kept[: exc.start].decode("utf-8", errors="replace"), "utf-8"
        else:
            original, encoding = base64.b64encode(kept).decode("ascii"), "base64"
    if cut and sha256 is None:
        sha256 = hashlib.sha256(raw).hexdigest()
    return DeadLetter(
        reason=reason,
        reason_code=code,
        error_location=location,
        original=original,
        original_encoding=encoding,
        original_size=size if cut else None,
        original_sha256=sha256 if cut else None,
        received_at=datetime.now(UTC),
        source=source,
        partition=partition,
        offset=offset,
        **record_key_fields(key),
    )


def record_key_fields(key: bytes | None) -> dict:
    """The dead letter's ``key`` and ``key_encoding`` for a record key: None stays None (no key), b""
    becomes "" (an empty key); a key that is not UTF-8 is kept as base64."""
    if key is None:
        return {}
    try:
        return {"key": key.decode("utf-8")}
    except UnicodeDecodeError:
        return {"key": base64.b64encode(key).decode("ascii"), "key_encoding": "base64"}
