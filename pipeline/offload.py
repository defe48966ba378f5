"""Screening in a child process, so that Faust's per-event work and screening use both cores.

The worker's event loop sends batches of raw transaction messages to a child process over a pipe and
gets back the Kafka messages to send (flags, sightings, dead letters) plus the batch statistics. The
protocol is length-prefixed frames carrying raw bytes and JSON (orjson): nothing is pickled, and
the child never evaluates anything it receives. Requests are answered in order, so several batches
can be in flight while the event loop keeps consuming.

Frame: 1 byte kind + 4 bytes big-endian length + payload.
- b"B" batch request: repeated [4-byte header length][header JSON][4-byte value length][value]
  (value length 0xFFFFFFFF = no value); header = [topic, partition, offset, timestamp, key_b64].
- b"W" watchlist manifest (the WatchlistUpdate JSON): the child switches before the next batch.
- b"R" result (child -> parent): JSON of the BatchResult; b"E" error: JSON {"error": "..."}.
"""

from __future__ import annotations

import asyncio
import base64
import struct
import sys
from collections import deque
from pathlib import Path

import orjson

from pipeline.histograms import AGE_BUCKETS, LATENCY_BUCKETS, BucketCounts
from pipeline.streaming import BatchResult, InMessage, OutMessage

_HEAD = struct.Struct(">cI")
_LEN = struct.Struct(">I")
_NO_VALUE = 0xFFFFFFFF


# -- encoding (pure) ----------------------------------------------------------------------------------
def encode_batch(messages: list[InMessage]) -> bytes:
    parts = []
    for m in messages:
        header = orjson.dumps(
            [m.topic, m.partition, m.offset, m.timestamp, base64.b64encode(m.key).decode() if m.key else None]
        )
        parts.append(_LEN.pack(len(header)))
        parts.append(header)
        if m.value is None:
            parts.append(_LEN.pack(_NO_VALUE))
        else:
            parts.append(_LEN.pack(len(m.value)))
            parts.append(m.value)
    return b"".join(parts)


def decode_batch(payload: bytes) -> list[InMessage]:
    messages = []
    view = memoryview(payload)
    pos = 0
    while pos < len(payload):
        (hlen,) = _LEN.unpack_from(view, pos)
        pos += 4
        topic, partition, offset, timestamp, key = orjson.loads(view[pos : pos + hlen])
        pos += hlen
        (vlen,) = _LEN.unpack_from(view, pos)
        pos += 4
        value = None
        if vlen != _NO_VALUE:
            value = bytes(view[pos : pos + vlen])
            pos += vlen
        messages.append(InMessage(value, base64.b64decode(key) if key else None, topic, partition, offset, timestamp))
    return messages


def encode_result(result: BatchResult, cache: tuple[int, int]) -> bytes:
    return orjson.dumps(
        {
            "out": [
                [m.role, base64.b64encode(m.key).decode(), m.value.decode(), [[k, v.decode()] for k, v in m.headers]]
                for m in result.out
            ],
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


def decode_result(payload: bytes) -> tuple[BatchResult, tuple[int, int]]:
    data = orjson.loads(payload)
    result = BatchResult(
        out=[
            OutMessage(role, base64.b64decode(key), value.encode(), [(k, v.encode()) for k, v in headers])
            for role, key, value, headers in data["out"]
        ],
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
    from pipeline.screening import Screener
    from pipeline.settings import Settings
    from pipeline.streaming import process_batch

    settings = Settings.from_env()
    screener = Screener(
        load_watchlist(Path(settings.watchlist_path)) if settings.watchlist_path else load_watchlist(), settings
    )
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        head = stdin.read(_HEAD.size)
        if len(head) < _HEAD.size:
            return 0
        kind, length = _HEAD.unpack(head)
        payload = stdin.read(length)
        try:
            if kind == b"B":
                result = process_batch(decode_batch(payload), screener)
                stdout.write(frame(b"R", encode_result(result, screener.cache_stats())))
            elif kind == b"W":
                watchlist, problem = apply_update(payload, screener.watchlist.version)
                if watchlist is not None:
                    screener = Screener(watchlist, settings)
                stdout.write(frame(b"R", orjson.dumps({"watchlist": screener.watchlist.version, "problem": problem})))
            else:
                stdout.write(frame(b"E", orjson.dumps({"error": f"unknown frame kind {kind!r}"})))
        except Exception as exc:  # report, keep serving: the parent decides what to do
            stdout.write(frame(b"E", orjson.dumps({"error": f"{type(exc).__name__}: {exc}"})))
        stdout.flush()


# -- parent side ----------------------------------------------------------------------------------------
class ScreeningProcessError(RuntimeError):
    pass


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

    def submit(self, messages: list[InMessage]) -> asyncio.Future:
        """Queue a batch; the future resolves to its raw result frame (see ``decode_result``)."""
        return self._send(b"B", encode_batch(messages))

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
