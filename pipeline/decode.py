"""Decode raw bytes into a validated event, or a dead-letter record: bad data is a value."""

from __future__ import annotations

import base64
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from pydantic import ValidationError

from schemas.events import TransactionEvent
from schemas.flags import DeadLetter

MAX_MESSAGE_BYTES = 1_000_000
# Editors on Windows start UTF-8 files with a byte-order mark; it is not part of the first line's JSON.
UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(slots=True)
class Decoded:
    event: TransactionEvent | None
    dead_letter: DeadLetter | None


def decode_event(
    raw: bytes, source: str = "", location: str = "", partition: int | None = None, offset: int | None = None
) -> Decoded:
    """Validate one message. Never raises: returns either the event or a dead letter with the reason
    and the original bytes."""

    def reject(reason: str, where: str, code: str) -> Decoded:
        return Decoded(None, make_dead_letter(raw, reason, where, source, partition, offset, code))

    if not raw:
        return reject("empty message", location or "message", "empty")
    if len(raw) > MAX_MESSAGE_BYTES:
        return reject(f"message larger than {MAX_MESSAGE_BYTES} bytes", location or "message", "too_large")
    try:
        # pydantic-core parses and validates in one pass (no intermediate Python dict).
        return Decoded(TransactionEvent.model_validate_json(raw), None)
    except ValidationError as exc:
        errors = exc.errors()
        first = errors[0]
        if first["type"] == "json_invalid":
            return reject(f"not valid JSON: {first['msg']}", location or "json", "invalid_json")
        if first["type"] == "model_type" and not first["loc"]:
            return reject("JSON value is not an object", location or "json", "not_object")
        field = ".".join(str(p) for p in first["loc"]) or "event"
        reasons = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in errors[:5])
        where = f"{location} field {field}" if location else f"field {field}"
        return reject(f"invalid event: {reasons}", where, "schema")


def json_lines(lines: Iterable[bytes]) -> Iterator[tuple[int, bytes]]:
    """(line number, line without its line ending) for every non-blank line of a JSON Lines file;
    a UTF-8 byte-order mark at the start of the file is dropped."""
    for lineno, line in enumerate(lines, start=1):
        if lineno == 1:
            line = line.removeprefix(UTF8_BOM)
        if line.strip():
            yield lineno, line.rstrip(b"\r\n")


def decode_lines(lines: Iterable[bytes], source: str = "") -> Iterator[tuple[int, Decoded]]:
    """Decode JSON Lines: (line number, decoded) for every non-blank line."""
    for lineno, line in json_lines(lines):
        yield lineno, decode_event(line, source=source, location=f"line {lineno}")


def make_dead_letter(
    raw: bytes,
    reason: str,
    location: str,
    source: str = "",
    partition: int | None = None,
    offset: int | None = None,
    code: str = "other",
) -> DeadLetter:
    try:
        original, encoding = raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        original, encoding = base64.b64encode(raw).decode("ascii"), "base64"
    return DeadLetter(
        reason=reason,
        reason_code=code,
        error_location=location,
        original=original,
        original_encoding=encoding,
        received_at=datetime.now(UTC),
        source=source,
        partition=partition,
        offset=offset,
    )
