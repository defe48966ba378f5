"""Decode raw bytes into a validated event, or a dead-letter record: bad data is a value."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import BinaryIO

from pydantic import ValidationError

from schemas.events import TransactionEvent
from schemas.flags import DeadLetter

MAX_MESSAGE_BYTES = 1_000_000
# A dead letter keeps this much of its original: enough to see what it was, and small enough that
# the dead letter fits any topic (Apache Kafka's default record limit is 1 MiB) whatever came in.
# Beyond it, the original's size and SHA-256 identify the whole.
MAX_ORIGINAL_BYTES = 16_384
# Editors on Windows start UTF-8 files with a byte-order mark; it is not part of the first line's JSON.
UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(slots=True)
class Decoded:
    event: TransactionEvent | None
    dead_letter: DeadLetter | None


def decode_event(
    raw: bytes | None,
    source: str = "",
    location: str = "",
    partition: int | None = None,
    offset: int | None = None,
    key: bytes | None = None,
) -> Decoded:
    """Validate one message. Never raises: returns either the event or a dead letter with the reason
    and the original bytes (and ``key``, the Kafka record's key, None when it had none)."""

    def reject(reason: str, where: str, code: str) -> Decoded:
        return Decoded(None, make_dead_letter(raw or b"", reason, where, source, partition, offset, code, key=key))

    if raw is None:  # a null record (a tombstone) is not an empty one: say which it was
        return reject("message without a value (a null record)", location or "message", "empty")
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
        if len(line.rstrip(b"\r\n")) <= max_bytes:
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


def json_lines(lines: Iterable[bytes | LongLine]) -> Iterator[tuple[int, bytes | LongLine]]:
    """(line number, line without its line ending) for every non-blank line of a JSON Lines file;
    a UTF-8 byte-order mark at the start of the file is dropped. Long lines (read_lines) pass as
    they are."""
    for lineno, line in enumerate(lines, start=1):
        if isinstance(line, LongLine):
            yield lineno, line
            continue
        if lineno == 1:
            line = line.removeprefix(UTF8_BOM)
        if line.strip():
            yield lineno, line.rstrip(b"\r\n")


def decode_line(lineno: int, line: bytes | LongLine, source: str = "") -> Decoded:
    """One line of a JSON Lines file: the event, or a dead letter (a long line's keeps its head)."""
    if isinstance(line, LongLine):
        reason = f"line of {line.size} bytes is larger than {MAX_MESSAGE_BYTES} bytes (only its start is kept)"
        return Decoded(
            None,
            make_dead_letter(
                line.head, reason, f"line {lineno}", source, code="too_large", total_size=line.size, sha256=line.sha256
            ),
        )
    return decode_event(line, source=source, location=f"line {lineno}")


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
