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
  choose each output's partition (streaming/publish.py) off the event loop.
- b"W" watchlist manifest (the WatchlistUpdate JSON): the child switches before the next batch.
- b"R" result (child -> parent): [4-byte length][JSON of the batch statistics], then per output message
  a fixed header (role index, partition or -1, key length, value length, header count), the key, the
  value, and each header as (name length, value length, name, value). b"E" error: JSON {"error": "..."}.
- b"P" part of a result (child -> parent), encoded as b"R": the child answers a batch in parts, one
  each time it has screened for PRECWATCH_SCREENING_ANSWER_INTERVAL_S, covering the next messages
  of the batch in order (events screened + dead letters); b"R" (or b"E") covers the rest and ends
  the answer. A batch of many slow events is so delivered and acknowledged as it goes instead of
  holding the stream until its last event, and each part resets the hang timeout.
- b"Y" ready (child -> parent, empty, once): start-up (imports, the watchlist) is done. The parent's
  answer timeout runs only from then: start-up is not screening, and under load it can take longer.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import signal
import struct
import sys
import time
import traceback
from collections import deque
from collections.abc import AsyncIterator, Mapping, Sequence
from pathlib import Path

import orjson

from pipeline.histograms import AGE_BUCKETS, LATENCY_BUCKETS, BucketCounts
from pipeline.messages import BatchResult, InMessage, OutMessage, RawMessage

_HEAD = struct.Struct(">cI")
_LEN = struct.Struct(">I")
_IN = struct.Struct(">HiqdII")  # topic index, partition, offset, timestamp (NaN: none), key len, value len
_OUT = struct.Struct(">BiIIB")  # role index, partition (-1: none), key len, value len, header count
_HEADER = struct.Struct(">HI")  # header name len, header value len
_NONE = 0xFFFFFFFF
_ROLES = ("flags", "sightings", "dead_letters", "observations")
_ROLE_INDEX = {role: i for i, role in enumerate(_ROLES)}


class ScreeningProcessError(RuntimeError):
    pass


# -- encoding (pure) ----------------------------------------------------------------------------------
def encode_batch(messages: Sequence[RawMessage], partitions: Mapping[str, int] | None = None) -> bytes:
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
            "dq": result.data_quality_reports,
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
        data_quality_reports=data["dq"],
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
    from pipeline.batch import screen_batch_parts
    from pipeline.live_watchlist import apply_update, load_watchlist_from
    from pipeline.screening import Screener
    from pipeline.settings import Settings

    # The worker decides when this process ends (by closing stdin): a Ctrl-C in the terminal, sent to
    # the whole process group, is the worker's to handle.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    settings = Settings.from_env()
    screener = Screener(load_watchlist_from(settings.watchlist_path), settings)
    # The protocol gets its own descriptor, and fd 1 is pointed at stderr: a stray print, or a
    # C library writing to stdout, must not corrupt the frames.
    source, sink = sys.stdin.fileno(), os.dup(sys.stdout.fileno())
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    write_all(sink, frame(b"Y", b""))
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
                interval = settings.screening_answer_interval_s
                for part, last in screen_batch_parts(messages, screener, partitions, interval):
                    answer = frame(b"R" if last else b"P", encode_result(part, screener.cache_stats()))
                    if not last:
                        write_all(sink, answer)
            elif kind == b"W":
                watchlist, problem = apply_update(payload, screener.watchlist, None)
                if watchlist is not None:
                    screener = Screener(watchlist, settings)
                answer = frame(b"R", orjson.dumps({"watchlist": screener.watchlist.version, "problem": problem}))
            else:
                answer = frame(b"E", orjson.dumps({"error": f"unknown frame kind {kind!r}"}))
        except Exception as exc:  # report, keep serving: the parent isolates the event that causes it
            answer = frame(b"E", orjson.dumps({"error": describe_failure(exc)}))
        write_all(sink, answer)


def describe_failure(exc: BaseException) -> str:
    """Exception type and where it was raised, not its message: messages can quote the event (traders'
    names), and this text reaches the worker's log."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "unknown place"
    return f"{type(exc).__name__} in {where}"


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
class ScreeningFailed(ScreeningProcessError):
    """The child answered a request with an error (an exception outside the per-event handling)."""


class PendingAnswer:
    """The answer to one request as it arrives: parts (b"P"), then the end (b"R") or an error."""

    __slots__ = ("_queue",)

    def __init__(self) -> None:
        self._queue: asyncio.Queue[tuple[str, bytes | BaseException]] = asyncio.Queue()

    def part(self, payload: bytes) -> None:
        self._queue.put_nowait(("part", payload))

    def end(self, payload: bytes) -> None:
        self._queue.put_nowait(("end", payload))

    def fail(self, error: BaseException) -> None:
        self._queue.put_nowait(("error", error))

    async def parts(self):
        """(payload, is the last) for each part, in order; raises the error that ended the answer."""
        while True:
            kind, value = await self._queue.get()
            if kind == "error":
                raise value  # type: ignore[misc]
            yield value, kind == "end"
            if kind == "end":
                return

    async def whole(self) -> bytes:
        """The last part (requests answered in one part: watchlist switches)."""
        async for payload, last in self.parts():
            if last:
                return payload  # type: ignore[return-value]
        raise ScreeningProcessError("an answer ended without its last part")


class ScreeningProcessDied(ScreeningProcessError):
    """The child ended while this request was queued. ``culprit``: it was the request being worked on
    (the child answers in order), so its contents may have killed it; the others were innocent."""

    def __init__(self, message: str, generation: int, culprit: bool) -> None:
        super().__init__(message)
        self.generation = generation
        self.culprit = culprit


CHILD_COMMAND = (sys.executable, "-m", "streaming.screening_process")
# Isolating one poison event in a batch of 2,000 takes about 11 restarts (halving); far more than that
# in a minute means the child cannot work at all.
MAX_RESTARTS_PER_WINDOW = 40
RESTART_WINDOW_S = 60.0


class ScreeningProcess:
    """Async client of one screening child process; answers come back in request order.

    If the child dies (a crash in native code on some molecule, the OOM killer, a kill by hand) it
    is restarted with the watchlist in force, innocent batches are screened again, and the batch it
    died on is screened again in halves until the event that kills it is alone: that event is
    dead-lettered (``screen``), the others are screened. Nothing is lost and the worker keeps going.
    """

    def __init__(
        self,
        command: tuple[str, ...] = CHILD_COMMAND,
        on_restart=None,
        answer_timeout_s: float | None = None,
    ) -> None:
        self._command = command
        # A request that goes unanswered this long (counted from when the child started on it, and
        # never before the child is ready) is treated as a hang: the child is killed, and the
        # halving finds the event that hangs it.
        self._answer_timeout_s = answer_timeout_s
        self._head_since = 0.0  # when the child started on the oldest unanswered request
        self._ready = False  # the running child has said it is ready (b"Y")
        self._killed_for: str | None = None
        self._watchdog: asyncio.Task | None = None
        self._on_restart = on_restart  # called after each restart (metrics)
        self._proc: asyncio.subprocess.Process | None = None
        self._waiting: deque[PendingAnswer] = deque()
        self._reader: asyncio.Task | None = None
        self._ended = True
        self._generation = 0
        self._manifest: bytes | None = None  # last watchlist the child accepted, replayed on restart
        self._restart_lock = asyncio.Lock()
        self._recent_restarts: list[float] = []
        self._stopping = False
        self.restarts = 0

    async def start(self) -> None:
        self._proc = await asyncio.create_subprocess_exec(
            *self._command, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, limit=2**26
        )
        self._generation += 1
        self._ended = False
        self._ready = False
        self._killed_for = None
        self._reader = asyncio.ensure_future(self._read_loop(self._proc, self._generation))
        if self._answer_timeout_s and self._watchdog is None:
            self._watchdog = asyncio.ensure_future(self._watch())

    async def _watch(self) -> None:
        timeout = self._answer_timeout_s
        assert timeout
        while True:
            await asyncio.sleep(min(1.0, timeout / 4))
            proc = self._proc
            running = proc is not None and proc.returncode is None and not self._ended
            if running and self._ready and self._waiting and time.monotonic() - self._head_since > timeout:
                self._killed_for = f"the screening process did not answer within {timeout:g} s and was stopped"
                proc.kill()

    async def _read_loop(self, proc: asyncio.subprocess.Process, generation: int) -> None:
        assert proc.stdout is not None
        try:
            while True:
                head = await proc.stdout.readexactly(_HEAD.size)
                kind, length = _HEAD.unpack(head)
                payload = await proc.stdout.readexactly(length)
                if kind == b"Y":
                    self._ready = True
                    self._head_since = time.monotonic()  # the child starts on its first request now
                    continue
                self._head_since = time.monotonic()  # progress: the hang timeout starts again
                if kind == b"P":
                    self._waiting[0].part(payload)
                    continue
                pending = self._waiting.popleft()  # the child now works on the next request
                if kind == b"E":
                    pending.fail(ScreeningFailed(orjson.loads(payload)["error"]))
                else:
                    pending.end(payload)
        except (asyncio.IncompleteReadError, ConnectionError):
            code = await proc.wait()
            self._ended = True
            reason = self._killed_for or f"the screening process ended (exit code {code})"
            culprit = True
            while self._waiting:
                self._waiting.popleft().fail(ScreeningProcessDied(reason, generation, culprit))
                culprit = False

    def _send(self, kind: bytes, payload: bytes) -> PendingAnswer:
        pending = PendingAnswer()
        if self._proc is None or self._proc.stdin is None or self._ended:
            pending.fail(ScreeningProcessDied("the screening process is not running", self._generation, False))
            return pending
        if not self._waiting:
            self._head_since = time.monotonic()
        self._waiting.append(pending)
        # If the child has just died the bytes are dropped: the read loop then fails this answer.
        self._proc.stdin.write(frame(kind, payload))
        return pending

    def submit(self, messages: Sequence[RawMessage], partitions: Mapping[str, int] | None = None) -> PendingAnswer:
        """Queue a batch; its answer comes in parts of raw result frames (see ``decode_result``).

        ``partitions`` (role -> partition count of its topic) lets the child route the outputs."""
        return self._send(b"B", encode_batch(messages, partitions))

    async def drain(self) -> None:
        with contextlib.suppress(ConnectionError):  # the child died: the read loop fails the queued requests
            await self._proc.stdin.drain()  # type: ignore[union-attr]

    async def recover(self, generation: int) -> None:
        """Restart the child that died in ``generation`` (once, however many requests saw it die)."""
        async with self._restart_lock:
            if generation != self._generation or not self._ended:
                return  # already restarted
            if self._stopping:
                raise ScreeningProcessError("the screening process ended while the worker stops")
            now = time.monotonic()
            self._recent_restarts = [t for t in self._recent_restarts if now - t < RESTART_WINDOW_S]
            if len(self._recent_restarts) >= MAX_RESTARTS_PER_WINDOW:
                # Not one poison event but a child that cannot work (memory limit, broken install):
                # stop the worker rather than dead-letter the stream event by event.
                raise ScreeningProcessError(
                    f"the screening process died {len(self._recent_restarts)} times in {RESTART_WINDOW_S:.0f} s"
                )
            self._recent_restarts.append(now)
            await self.start()
            self.restarts += 1
            if self._manifest is not None:
                answer = orjson.loads(await self._request(b"W", self._manifest))
                if answer.get("problem"):
                    raise ScreeningProcessError(f"restarted screening process refused the watchlist: {answer}")
            if self._on_restart is not None:
                self._on_restart()

    async def _request(self, kind: bytes, payload: bytes) -> bytes:
        pending = self._send(kind, payload)
        await self.drain()
        return await pending.whole()

    async def use_watchlist(self, manifest: bytes) -> dict:
        for _ in range(3):
            try:
                answer = orjson.loads(await self._request(b"W", manifest))
            except ScreeningProcessDied as died:
                await self.recover(died.generation)
                continue
            if not answer.get("problem"):
                self._manifest = manifest
            return answer
        raise ScreeningProcessError("the screening process keeps dying while loading a watchlist")

    async def screen(
        self, messages: Sequence[RawMessage], partitions: Mapping[str, int] | None, submitted: PendingAnswer
    ) -> tuple[BatchResult, tuple[int, int]]:
        """The whole result of a batch already ``submit``-ted (``screen_parts``, merged)."""
        parts = [part async for part in self.screen_parts(messages, partitions, submitted)]
        return merge_results([result for result, _ in parts]), parts[-1][1]

    async def screen_parts(
        self, messages: Sequence[RawMessage], partitions: Mapping[str, int] | None, submitted: PendingAnswer
    ) -> AsyncIterator[tuple[BatchResult, tuple[int, int]]]:
        """The result of a batch already ``submit``-ted, part by part in input order (each part covers
        the next messages: events screened + dead letters), surviving deaths of the child: innocent
        messages are screened again, and the rest of the batch a child died on is halved until the
        event that kills it is alone and dead-lettered (see the class)."""
        cache = [(0, 0)]  # the child's last cache statistics, for a part the child did not answer

        async def attempt(part: Sequence[RawMessage], pending: PendingAnswer):
            done = 0  # messages of ``part`` covered by the parts received
            try:
                async for payload, _ in pending.parts():
                    result, cache[0] = decode_result(payload)
                    done += result.events + len(result.dead_letter_codes)
                    yield result, cache[0]
            except ScreeningProcessDied as died:
                await self.recover(died.generation)
                rest = part[done:]
                if not died.culprit:
                    async for answer in attempt(rest, self.submit(rest, partitions)):
                        yield answer
                elif len(rest) == 1:
                    yield crashed_event_result(rest[0], str(died), partitions), cache[0]
                else:
                    async for answer in halves(rest):
                        yield answer
            except ScreeningFailed as failed:  # the child lives on: find the event that causes it
                rest = part[done:]
                if len(rest) == 1:
                    yield crashed_event_result(rest[0], f"screening failed ({failed})", partitions), cache[0]
                else:
                    async for answer in halves(rest):
                        yield answer

        async def halves(part: Sequence[RawMessage]):
            half = len(part) // 2
            for piece in (part[:half], part[half:]):
                async for answer in attempt(piece, self.submit(piece, partitions)):
                    yield answer

        async for answer in attempt(messages, submitted):
            yield answer

    def begin_shutdown(self) -> None:
        """From now on a death of the child is not repaired (the worker is stopping)."""
        self._stopping = True

    async def stop(self) -> None:
        self._stopping = True
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
        if self._watchdog is not None:
            self._watchdog.cancel()


def crashed_event_result(message: RawMessage, reason: str, partitions: Mapping[str, int] | None) -> BatchResult:
    """A dead letter for an event that kills the screening process or makes it fail (alone, so it is
    the cause)."""
    from pipeline.batch import message_dead_letter
    from pipeline.routing import route

    reason = f"{reason} on this event alone; it was kept out of screening so that the stream goes on"
    result = BatchResult(out=[message_dead_letter(message, reason, "processing")], dead_letter_codes=["processing"])
    route(result.out, partitions or {})
    return result


def merge_results(results: list[BatchResult]) -> BatchResult:
    if len(results) == 1:
        return results[0]
    merged = BatchResult()
    for r in results:
        merged.out.extend(r.out)
        merged.events += r.events
        merged.items += r.items
        merged.flags.extend(r.flags)
        merged.dead_letter_codes.extend(r.dead_letter_codes)
        merged.data_quality_reports += r.data_quality_reports
        merged.latency.merge(r.latency)
        merged.age_occurred.merge(r.age_occurred)
        merged.age_kafka.merge(r.age_kafka)
    return merged


if __name__ == "__main__":
    sys.exit(child_main())
