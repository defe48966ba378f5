"""Offset continuity of the input topic: which offsets a worker was never handed.

At-least-once needs every offset of an assigned partition to reach the screening agent. Faust can
skip some at a rebalance (records it had queued are cleared when the flow resumes, after the
partition's position has moved past them), and then never commits that partition again because its
acknowledgements no longer start at the committed offset. The tracker below notices such holes from
what the agent actually receives, so that they can be read again and screened (streaming/screening_flow.py).

Offsets of an input partition are consecutive unless records are missing: the transactions topic is
not compacted, and transaction markers (the only other source of gaps) make holes with nothing to
read, which costs one read and nothing else.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from pipeline.messages import InMessage, RawMessage

log = logging.getLogger("precwatch")


class _Located(Protocol):
    partition: int
    offset: int


@dataclass(frozen=True, slots=True)
class Hole:
    """Offsets ``start`` (inclusive) to ``end`` (exclusive) of a partition, never handed over."""

    partition: int
    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start


class OffsetContinuity:
    """The next offset expected per partition of one topic, from the records seen so far."""

    __slots__ = ("_next",)

    def __init__(self) -> None:
        self._next: dict[int, int] = {}

    def reset(self) -> None:
        """After a rebalance: every partition restarts from its committed offset."""
        self._next.clear()

    def start_at(self, partition: int, offset: int) -> None:
        """Expect ``offset`` next: a partition's committed offset (or first offset) after assignment."""
        self._next[partition] = offset

    def observe(self, records: Iterable[_Located]) -> tuple[list[Hole], dict[int, int]]:
        """Note records in the order received (one pass); return the holes before them, and the
        partitions not known yet -> the first offset seen there.

        A record below the expected offset is a re-delivery (after a seek back, allowed by
        at-least-once): the expectation follows it, so re-delivered runs are checked too. Whether
        offsets are missing before the first record of a partition not known yet is for ``settle``
        to say, once its starting offset is known.
        """
        holes: list[Hole] = []
        first_seen: dict[int, int] = {}
        expected = self._next
        for record in records:
            partition = record.partition
            following = expected.get(partition)
            if following is None:
                first_seen[partition] = record.offset
            elif record.offset > following:
                holes.append(Hole(partition, following, record.offset))
            expected[partition] = record.offset + 1
        return holes, first_seen

    @staticmethod
    def settle(first_seen: dict[int, int], starts: dict[int, int]) -> list[Hole]:
        """The holes between where partitions start (``starts``: their committed offsets) and the
        first records ``observe`` saw there."""
        return [
            Hole(partition, starts[partition], first)
            for partition, first in first_seen.items()
            if partition in starts and first > starts[partition]
        ]


class RecordReader(Protocol):
    async def starting_offsets(self, topic: str, partitions: set[int]) -> dict[int, int]: ...
    async def read(self, topic: str, partition: int, start: int, end: int) -> list: ...
    async def close(self) -> None: ...


async def complete_batch(
    batch: list[RawMessage], tracker: OffsetContinuity, reader: RecordReader
) -> tuple[list[RawMessage], list[Hole]]:
    """The batch with the records of any hole before it read again and put first, and the holes.

    Partitions the tracker does not know yet (first records after an assignment) are checked from
    the group's committed offset, where the consumer was told to start.
    """
    if not batch:
        return batch, []
    topic = batch[0].topic
    holes, first_seen = tracker.observe(batch)
    if first_seen:
        # Before the holes inside the batch: these are the lowest offsets of their partitions.
        holes = tracker.settle(first_seen, await reader.starting_offsets(topic, set(first_seen))) + holes
    missing: list[RawMessage] = []
    for hole in holes:
        for r in await reader.read(topic, hole.partition, hole.start, hole.end):
            missing.append(InMessage(r.value, r.key, r.topic, r.partition, r.offset, r.timestamp / 1000))
    return missing + batch, holes


def origins_of(completed: Sequence[Any], events: Sequence[Any]) -> list[Any]:
    """The stream event each message of ``complete_batch``'s result is applied under: a batch event
    its own, a record read again the batch's first event of the same partition (a table store files
    a write under its event's partition; holes are only found in partitions the batch has records of)."""
    first_of = {}
    for event in reversed(events):
        first_of[event.message.partition] = event
    reread = completed[: len(completed) - len(events)]
    return [first_of[message.partition] for message in reread] + list(events)


class ReadAgain:
    """An agent's side of holes (the stateful stage's and the repository's; the screening stage's is
    streaming/screening_flow.py): the offsets it was handed, checked from the committed offset after every
    assignment, and a reader of what it was not handed (closed when the worker stops)."""

    def __init__(self, app: Any, reader: RecordReader, what: str, on_holes: Callable[[list[Hole]], None]) -> None:
        self.tracker = OffsetContinuity()
        self.reader = reader
        self._what = what  # what the log calls the records and what is done with them
        self._on_holes = on_holes

        @app.on_partitions_assigned.connect
        async def _restart(sender: Any, assigned: Any, **kwargs: Any) -> None:
            self.tracker.reset()  # every partition restarts at its committed offset

        @app.on_before_shutdown.connect
        def _close(sender: Any, **kwargs: Any) -> None:
            asyncio.ensure_future(reader.close())

    def forget(self) -> None:
        """After a failed batch: the next is checked from the committed offsets again, as after an
        assignment, so that what the failed batch left unacknowledged is read again. Faust replaces a
        failed agent's actor on the same stream, which goes on from the records after that batch."""
        self.tracker.reset()

    async def complete(self, messages: list[RawMessage]) -> tuple[list[RawMessage], list[Hole]]:
        """``complete_batch``, with the holes counted and logged."""
        completed, holes = await complete_batch(messages, self.tracker, self.reader)
        report_holes(holes, self._on_holes, f"{self._what} offsets")
        return completed, holes


def report_holes(holes: list[Hole], on_holes: Callable[[list[Hole]], None], what: str, then: str = "") -> None:
    """Holes read again, counted (``on_holes``: the metric) and logged one line each: ``what`` names the
    records ("sighting offsets"), ``then`` what was done with them besides reading (" and screened")."""
    if not holes:
        return
    on_holes(holes)
    for hole in holes:
        log.warning(
            "%s %d-%d of partition %d were skipped by the consumer: read again%s",
            what,
            hole.start,
            hole.end - 1,
            hole.partition,
            then,
        )
