"""Screening in a child process, so that Faust's per-event work and screening use both cores.

The worker's event loop sends batches of raw transaction messages to a child process over a pipe and
gets back the Kafka messages to send (flags, sightings, dead letters) plus the batch statistics. The
protocol is length-prefixed frames carrying raw bytes and JSON (orjson): nothing is pickled, and
the child never evaluates anything it receives. Requests are answered in order, so several batches
can be in flight while the event loop keeps consuming.

Frame: 1 byte kind + 4 bytes big-endian length + payload. Payloads are binary (struct) with one small
JSON section each: JSON and base64 for every message cost the worker's event loop more than it can spare.
- b"B" batch request: [4-byte length][JSON {"topics": [...], "partitions": {role: count}}], then per
  message a fixed header (topic index, partition, offset, timestamp or NaN, key length, value length;
  length 0xFFFFFFFF = None) followed by the key and value bytes. The partition counts let the child
  choose each output's partition (pipeline/produce.py) off the event loop.
- b"W" watchlist manifest (the WatchlistUpdate JSON): the child switches before the next batch.
- b"R" result (child -> parent): [4-byte length][JSON of the batch statistics], then per output message
  a fixed header (role index, partition or -1, key length, value length, header count), the key, the
  value, and each header as (name length, value length, name, value). b"E" error: JSON {"error": "..."}.
"""

from __future__ import annotations

import asyncio
import math
import os
import struct
import sys
from collections import deque
from collections.abc import Mapping
from pathlib import Path

import orjson

from pipeline.histograms import AGE_BUCKETS, LATENCY_BUCKETS, BucketCounts
from pipeline.streaming import BatchResult, InMessage, OutMessage

_HEAD = struct.Struct(">cI")
_LEN = struct.Struct(">I")
_IN = struct.Struct(">HiqdII")  # topic index, partition, offset, timestamp (NaN: none), key len, value len
_OUT = struct.Struct(">BiIIB")  # role index, partition (-1: none), key len, value len, header count
_HEADER = struct.Struct(">HI")  # header name len, header value len
_NONE = 0xFFFFFFFF
_ROLES = ("flags", "sightings", "dead_letters")
_ROLE_INDEX = {role: i for i, role in enumerate(_ROLES)}


class ScreeningProcessError(RuntimeError):
    pass


# -- encoding (pure) ----------------------------------------------------------------------------------
def encode_batch(messages: list[InMessage], partitions: Mapping[str, int] | None = None) -> bytes:
    topics = sorted({m.topic for m in messages})
    index = {t: i for i, t in enumerate(topics)}
    meta = orjson.dumps({"topics": topics, "partitions": dict(partitions or {})})
    parts = [_LEN.pack(len(meta)), meta]
    pack = _IN.pack
    for m in messages:
        key, value = m.key, m.value
        timestamp = math.nan if m.timestamp is None else m.timestamp
        klen = _NONE if key is None else len(key)
        vlen = _NONE if value is None else len(value)
        parts.append(pack(index[m.topic], m.partition, m.offset, timestamp, klen, vlen))
        if key:
            parts.append(key)
        if value:
            parts.append(value)
    return b"".join(parts)


def decode_batch(payload: bytes) -> tuple[list[InMessage], dict[str, int]]:
    view = memoryview(payload)
    (mlen,) = _LEN.unpack_from(view, 0)
    meta = orjson.loads(view[4 : 4 + mlen])
    topics = meta["topics"]
    pos = 4 + mlen
    messages = []
    unpack, size = _IN.unpack_from, _IN.size
    while pos < len(payload):
        topic, partition, offset, timestamp, klen, vlen = unpack(view, pos)
        pos += size
        key = value = None
        if klen != _NONE:
            key = payload[pos : pos + klen]
            pos += klen
        if vlen != _NONE:
            value = payload[pos : pos + vlen]
            pos += vlen
        ts = None if math.isnan(timestamp) else timestamp
        messages.append(InMessage(value, key, topics[topic], partition, offset, ts))
    return messages, meta["partitions"]


def encode_result(result: BatchResult, cache: tuple[int, int]) -> bytes:
    stats = orjson.dumps(
        {
            "events": result.events,
            "items": result.items,
            "flags": result.flags,
            "dead": result.dead_letter_codes,
            "lat": result.latency.to_json(),
            "age_o": result.age_occurred.to_json(),
            "age_k": result.age_kafka.to_json(),
            "cache": list(cache),
        }
    )
    parts = [_LEN.pack(len(stats)), stats]
    for m in result.out:
        parts.append(
            _OUT.pack(
                _ROLE_INDEX[m.role],
                -1 if m.partition is None else m.partition,
                len(m.key),
                len(m.value),
                len(m.headers),
            )
        )
        parts.append(m.key)
        parts.append(m.value)
        for name, value in m.headers:
            encoded = name.encode()
            parts.append(_HEADER.pack(len(encoded), len(value)))
            parts.append(encoded)
            parts.append(value)
    return b"".join(parts)


def decode_result(payload: bytes) -> tuple[BatchResult, tuple[int, int]]:
    """The BatchResult of a result frame; ScreeningProcessError if the frame is malformed.

    The error names the position only: the frame holds flags, with traders' names in them, and the
    error ends up in the worker's log."""
    try:
        return _decode_result(payload)
    except Exception as exc:
        raise ScreeningProcessError(
            f"malformed result frame from the screening process ({type(exc).__name__}, {len(payload)} bytes)"
        ) from None


def _decode_result(payload: bytes) -> tuple[BatchResult, tuple[int, int]]:
    view = memoryview(payload)
    (slen,) = _LEN.unpack_from(view, 0)
    data = orjson.loads(view[4 : 4 + slen])
    pos = 4 + slen
    out = []
    unpack, size, unpack_header = _OUT.unpack_from, _OUT.size, _HEADER.unpack_from
    while pos < len(payload):
        role, partition, klen, vlen, count = unpack(view, pos)
        pos += size
        key = payload[pos : pos + klen]
        pos += klen
        value = payload[pos : pos + vlen]
        pos += vlen
        headers = []
        for _ in range(count):
            nlen, hlen = unpack_header(view, pos)
            pos += 6
            headers.append((payload[pos : pos + nlen].decode(), payload[pos + nlen : pos + nlen + hlen]))
            pos += nlen + hlen
        out.append(OutMessage(_ROLES[role], key, value, headers, None if partition < 0 else partition))
    result = BatchResult(
        out=out,
        events=data["events"],
        items=data["items"],
        flags=[tuple(f) for f in data["flags"]],
        dead_letter_codes=data["dead"],
        latency=BucketCounts.from_json(LATENCY_BUCKETS, data["lat"]),
        age_occurred=BucketCounts.from_json(AGE_BUCKETS, data["age_o"]),
        age_kafka=BucketCounts.from_json(AGE_BUCKETS, data["age_k"]),
    )
    return result, tuple(data["cache"])


def frame(kind: bytes, payload: bytes) -> bytes:
    return _HEAD.pack(kind, len(payload)) + payload


# -- child process ------------------------------------------------------------------------------------
def child_main() -> int:
    """Read frames on stdin, answer on stdout, until stdin closes."""
    from chemistry.watchlist import load_watchlist
    from pipeline.live_watchlist import apply_update
    from pipeline.produce import route
    from pipeline.screening import Screener
    from pipeline.settings import Settings
    from pipeline.streaming import process_batch

    settings = Settings.from_env()
    screener = Screener(
        load_watchlist(Path(settings.watchlist_path)) if settings.watchlist_path else load_watchlist(), settings
    )
    # The protocol gets its own descriptor, and fd 1 is pointed at stderr: a stray print, or a
    # C library writing to stdout, must not corrupt the frames.
    source, sink = sys.stdin.fileno(), os.dup(sys.stdout.fileno())
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    while True:
        head = read_exactly(source, _HEAD.size)
        if head is None:
            return 0
        kind, length = _HEAD.unpack(head)
        payload = read_exactly(source, length)
        if payload is None:
            return 0
        try:
            if kind == b"B":
                messages, partitions = decode_batch(payload)
                result = process_batch(messages, screener)
                route(result.out, partitions)
                answer = frame(b"R", encode_result(result, screener.cache_stats()))
            elif kind == b"W":
                watchlist, problem = apply_update(payload, screener.watchlist.version)
                if watchlist is not None:
                    screener = Screener(watchlist, settings)
                answer = frame(b"R", orjson.dumps({"watchlist": screener.watchlist.version, "problem": problem}))
            else:
                answer = frame(b"E", orjson.dumps({"error": f"unknown frame kind {kind!r}"}))
        except Exception as exc:  # report, keep serving: the parent decides what to do
            answer = frame(b"E", orjson.dumps({"error": f"{type(exc).__name__}: {exc}"}))
        write_all(sink, answer)


def read_exactly(fd: int, n: int) -> bytes | None:
    """n bytes from a blocking descriptor, or None at end of input."""
    chunks, missing = [], n
    while missing:
        chunk = os.read(fd, min(missing, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        missing -= len(chunk)
    return b"".join(chunks)


def write_all(fd: int, data: bytes) -> None:
    """Write everything, carrying on after short writes (a pipe write interrupted part-way)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


# -- parent side ----------------------------------------------------------------------------------------
class ScreeningProcess:
    """Async client of one screening child process; answers come back in request order."""

    def __init__(self) -> None:
        self._proc: asyncio.subprocess.Process | None = None
        self._waiting: deque[asyncio.Future] = deque()
        self._reader: asyncio.Task | None = None

    async def start(self) -> None:
        self._proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "pipeline.offload",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            limit=2**26,
        )
        self._reader = asyncio.ensure_future(self._read_loop())

    async def _read_loop(self) -> None:
        assert self._proc is not None and self._proc.stdout is not None
        try:
            while True:
                head = await self._proc.stdout.readexactly(_HEAD.size)
                kind, length = _HEAD.unpack(head)
                payload = await self._proc.stdout.readexactly(length)
                future = self._waiting.popleft()
                if kind == b"E":
                    future.set_exception(ScreeningProcessError(orjson.loads(payload)["error"]))
                else:
                    future.set_result(payload)
        except (asyncio.IncompleteReadError, ConnectionError) as exc:
            while self._waiting:
                self._waiting.popleft().set_exception(ScreeningProcessError(f"screening process ended: {exc}"))

    def _send(self, kind: bytes, payload: bytes) -> asyncio.Future:
        if self._proc is None or self._proc.stdin is None or self._proc.returncode is not None:
            raise ScreeningProcessError("screening process is not running")
        future = asyncio.get_running_loop().create_future()
        self._waiting.append(future)
        self._proc.stdin.write(frame(kind, payload))
        return future

    def submit(self, messages: list[InMessage], partitions: Mapping[str, int] | None = None) -> asyncio.Future:
        """Queue a batch; the future resolves to its raw result frame (see ``decode_result``).

        ``partitions`` (role -> partition count of its topic) lets the child route the outputs."""
        return self._send(b"B", encode_batch(messages, partitions))

    async def drain(self) -> None:
        await self._proc.stdin.drain()  # type: ignore[union-attr]

    async def use_watchlist(self, manifest: bytes) -> dict:
        future = self._send(b"W", manifest)
        await self.drain()
        return orjson.loads(await future)

    async def stop(self) -> None:
        if self._proc is None:
            return
        if self._proc.stdin is not None:
            self._proc.stdin.close()
        try:
            await asyncio.wait_for(self._proc.wait(), 10)
        except TimeoutError:
            self._proc.kill()
        if self._reader is not None:
            self._reader.cancel()


if __name__ == "__main__":
    sys.exit(child_main())
