"""The screening agent's protocol: batches in, outputs delivered, input offsets acknowledged in order.

At-least-once rests on three rules, kept here so that the agent only iterates, calls and sends:

- a batch's input offsets are acknowledged only after all its outputs are delivered (Faust commits
  acknowledged offsets, so a crash before delivery means the batch is read again);
- batches are acknowledged strictly in input order, and a batch that failed stops every later one
  from being acknowledged. Faust commits the first run of consecutive acknowledged offsets without
  always checking that it starts at the committed position (no check before a partition's first
  commit, off by one after: faust-streaming issue #606), so a later batch acknowledged first could
  commit past an earlier one still in flight, which a crash would then lose;
- offsets the consumer skipped at a rebalance (holes, streaming/continuity.py) are read again,
  screened with the batch and acknowledged first, in input order.

The screening process answers a batch in parts (streaming/screening_process.py): each part's
outputs are delivered and then its messages acknowledged, in input order, once every earlier batch
is acknowledged. So a batch of many slow events moves the committed offsets as it goes rather than
holding the stream until its last event.

With a screening process, up to ``max_in_flight`` batches are screened while the event loop keeps
consuming; without one (screening_processes=0) each batch is screened, delivered and acknowledged
before the next is taken.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from pipeline.messages import BatchResult, OutMessage, RawMessage
from streaming.compat import ack_undelivered_offsets
from streaming.continuity import Hole, OffsetContinuity, RecordReader, complete_batch, report_holes

CacheStats = tuple[int, int]


class ScreeningOffload(Protocol):
    """The screening child process (streaming/screening_process.py ScreeningProcess)."""

    def submit(self, messages: Sequence[RawMessage], partitions: Mapping[str, int] | None) -> Any: ...
    async def drain(self) -> None: ...
    def screen_parts(
        self, messages: Sequence[RawMessage], partitions: Mapping[str, int] | None, submitted: Any
    ) -> AsyncIterator[tuple[BatchResult, CacheStats]]: ...


class Publisher(Protocol):
    """streaming/publish.py OutputPublisher."""

    async def partition_counts(self) -> dict[str, int]: ...
    async def send(self, messages: list[OutMessage]) -> None: ...


class Acknowledger(Protocol):
    """FaustAcknowledger below."""

    def ack_offsets(self, partition: int, offsets: range) -> None: ...
    async def ack_event(self, event: Any) -> None: ...


@dataclass(slots=True)
class _InFlight:
    """A batch handed to the screening process, until its outputs are delivered and its offsets acked."""

    events: list  # the stream's events, acknowledged last
    holes: list[Hole]  # offsets re-read and screened with the batch, acknowledged first
    messages: list  # what was screened: the re-read records, then the batch's
    partitions: dict[str, int]  # role -> partition count, for the outputs
    screened: Any  # the screening process's answer (ScreeningProcess.submit)
    after: asyncio.Future | None  # resolves to True once the previous batch is acknowledged
    acked: asyncio.Future  # set here: True once this batch is acknowledged
    holes_acked: bool = False  # the holes' offsets are acknowledged (once their records are covered)


class ScreeningFlow:
    """One input topic's batches through screening, delivery and ordered acknowledgement.

    Collaborators: ``offload`` (None: screen in this process with ``screen_here``), ``publisher``,
    ``acknowledger``, ``reader`` (re-reads holes), ``crash`` (stops the worker), ``on_delivered``
    and ``on_holes`` (metrics)."""

    def __init__(
        self,
        *,
        offload: ScreeningOffload | None,
        screen_here: Callable[[Sequence[RawMessage], Mapping[str, int]], tuple[BatchResult, CacheStats]],
        publisher: Publisher,
        acknowledger: Acknowledger,
        reader: RecordReader,
        crash: Callable[[BaseException], Awaitable[Any]],
        max_in_flight: int,
        on_delivered: Callable[[BatchResult, CacheStats], None] = lambda result, cache: None,
        on_holes: Callable[[list[Hole]], None] = lambda holes: None,
    ) -> None:
        self._offload = offload
        self._screen_here = screen_here
        self._publisher = publisher
        self._acknowledger = acknowledger
        self._reader = reader
        self._crash = crash
        self._on_delivered = on_delivered
        self._on_holes = on_holes
        self._continuity = OffsetContinuity()
        self._slots = asyncio.Semaphore(max_in_flight)
        self._previous: asyncio.Future | None = None  # resolves (True) once the previous batch is acked
        self._tasks: set[asyncio.Task] = set()
        self.failed = False

    def restart(self) -> None:
        """After a rebalance: every partition restarts at its committed offset."""
        self._continuity.reset()

    async def handle(self, events: Sequence[Any], messages: list[RawMessage]) -> bool:
        """Take one batch (the stream's events and their messages, in input order). Returns once it
        is handed to the screening process (or, in process, acknowledged); False once the flow has
        failed and the worker is crashing: take no more."""
        if self.failed:
            return False
        try:
            batch, holes = await complete_batch(messages, self._continuity, self._reader)
        except Exception as exc:  # skipped offsets that cannot be read: stop rather than lose them
            await self._fail(exc)
            return False
        report_holes(holes, self._on_holes, "offsets", " and screened")
        partitions = await self._publisher.partition_counts()
        if self._offload is None:
            result, cache = self._screen_here(batch, partitions)
            await self._deliver(result, cache)
            await self._acknowledge(list(events), holes)
            return True
        await self._slots.acquire()
        screened = self._offload.submit(batch, partitions)
        await self._offload.drain()
        flight = _InFlight(
            list(events), holes, batch, partitions, screened, self._previous, asyncio.get_running_loop().create_future()
        )
        task = asyncio.ensure_future(self._finish(flight))
        self._tasks.add(task)  # held until done: the loop keeps only a weak reference
        task.add_done_callback(self._tasks.discard)
        self._previous = flight.acked
        return True

    async def wait_in_flight(self) -> None:
        """Until every batch handed over is acknowledged or given up."""
        while self._tasks:
            await asyncio.gather(*self._tasks)

    async def _finish(self, flight: _InFlight) -> None:
        assert self._offload is not None
        ok = False
        reread = len(flight.messages) - len(flight.events)  # the holes' records come first
        covered = 0  # messages whose outputs are delivered and that are acknowledged
        try:
            # Survives a death of the screening process: see ScreeningProcess.screen_parts.
            parts = self._offload.screen_parts(flight.messages, flight.partitions, flight.screened)
            async for result, cache in parts:
                await self._deliver(result, cache)
                if flight.after is not None and not await flight.after:
                    return  # an earlier batch failed: the worker is crashing, leave these unacked
                end = min(covered + result.events + len(result.dead_letter_codes), len(flight.messages))
                await self._acknowledge_run(flight, covered, end, reread)
                covered = end
            await self._acknowledge_run(flight, covered, len(flight.messages), reread)  # the last part's rest
            ok = True
        except Exception as exc:  # the worker must not go on without its screening process
            await self._fail(exc)
        finally:
            flight.acked.set_result(ok)
            self._slots.release()

    async def _deliver(self, result: BatchResult, cache: CacheStats) -> None:
        await self._publisher.send(result.out)
        self._on_delivered(result, cache)

    async def _acknowledge_run(self, flight: _InFlight, start: int, end: int, reread: int) -> None:
        """Acknowledge messages ``start``..``end`` of a batch in flight (its re-read records first,
        then its events): the holes once all their re-read records are covered, then the batch's own
        events, in order."""
        holes: list[Hole] = []
        if not flight.holes_acked and end >= reread:
            holes, flight.holes_acked = flight.holes, True
        await self._acknowledge(flight.events[max(start, reread) - reread : max(end, reread) - reread], holes)

    async def _acknowledge(self, events: list, holes: list[Hole]) -> None:
        # The offsets of a hole were screened from the re-read, so they are acknowledged like any
        # other, first (input order) and once: Faust ignores an offset it already holds, such as one
        # delivered again.
        for hole in holes:
            self._acknowledger.ack_offsets(hole.partition, range(hole.start, hole.end))
        for event in events:
            await self._acknowledger.ack_event(event)

    async def _fail(self, exc: BaseException) -> None:
        self.failed = True
        await self._crash(exc)


# Largest batch, in bytes of record values, handed to the screening process at once. Faust's
# batches are counted in events, and events may be up to 1 MB each: without this, one batch could
# carry gigabytes into the screening process, whose memory then grows with the batch.
MAX_BATCH_BYTES = 8 << 20


def split_by_bytes(events: Sequence[Any], max_bytes: int = MAX_BATCH_BYTES) -> list[list[Any]]:
    """Consecutive runs of ``events`` (in order) whose values add up to at most ``max_bytes`` each;
    an event larger than that is a run of its own."""
    runs: list[list[Any]] = []
    run: list[Any] = []
    size = 0
    for event in events:
        value = event.message.value
        length = len(value) if value else 0
        if run and size + length > max_bytes:
            runs.append(run)
            run, size = [], 0
        run.append(event)
        size += length
    if run:
        runs.append(run)
    return runs


class FaustAcknowledger:
    """Acknowledges on a Faust stream: its events, and offsets of its topic it never delivered."""

    def __init__(self, consumer: Any, topic: str, stream: Any) -> None:
        self._consumer = consumer
        self._topic = topic
        self._stream = stream

    def ack_offsets(self, partition: int, offsets: range) -> None:
        ack_undelivered_offsets(self._consumer, self._topic, partition, offsets)

    async def ack_event(self, event: Any) -> None:
        await self._stream.ack(event)
