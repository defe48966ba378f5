"""The repository agent's protocol: batches of sightings in, records delivered, offsets acknowledged.

agents/repository.py only wires this to Faust. Sightings the consumer skipped before a batch (holes:
Faust can skip records it fetched before a partition's stream took them, streaming/continuity.py)
are read again and recorded at the head of the batch, and their offsets are acknowledged before the
batch's own: Faust commits the first run of consecutive acknowledged offsets without checking, before
a partition's first commit, that it starts at the committed position (faust-streaming issue #606).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from pipeline.messages import OutMessage, RawMessage
from pipeline.routing import route
from streaming.continuity import ReadAgain
from streaming.screening_flow import Acknowledger, Publisher


class RepositoryFlow:
    """One stream of sightings through the repository stage, batch by batch.

    Collaborators: ``read_again`` (the holes, streaming/continuity.py), ``record`` (the pure stage,
    pipeline/repository.py record_sightings over the table), ``publisher``, ``acknowledger``,
    ``before_batch`` (awaited first: the agent waits for the table's changelog metadata) and
    ``on_recorded`` (metrics)."""

    def __init__(
        self,
        *,
        read_again: ReadAgain,
        record: Callable[[list[RawMessage]], list[OutMessage]],
        publisher: Publisher,
        acknowledger: Acknowledger,
        before_batch: Callable[[], Awaitable[Any]],
        on_recorded: Callable[[list[OutMessage]], None] = lambda out: None,
    ) -> None:
        self._read_again = read_again
        self._record = record
        self._publisher = publisher
        self._acknowledger = acknowledger
        self._before_batch = before_batch
        self._on_recorded = on_recorded

    async def run(self, stream: Any, batch_size: int, within_s: float) -> None:
        """Take the stream's batches until it stops; an error stops the run (the agent's guard).

        ``noack_take``, not ``take_events``: Faust's take_events acknowledges a batch's events in a
        ``finally``, so also when the batch failed (once its generator is closed), which let Faust commit
        a failed batch's sightings with their records undelivered, and, the hole read again before it not
        being acknowledged, commit past the hole on a partition never committed before (#606)."""
        async for events in stream.noack_take(batch_size, within=within_s):
            await self.handle(events)

    async def handle(self, events: Sequence[Any]) -> None:
        """One batch: the records of its holes read again, all recorded in offset order, the records
        delivered, then the holes' offsets and the batch's events acknowledged, in that order. A batch
        that fails acknowledges nothing, and the next batch (Faust's replacement actor's) is checked from
        the committed offset: the failed batch's offsets are a hole before it, read again."""
        try:
            await self._record_batch(events)
        except BaseException:
            self._read_again.forget()
            raise

    async def _record_batch(self, events: Sequence[Any]) -> None:
        await self._before_batch()
        messages, holes = await self._read_again.complete([event.message for event in events])
        # A message that cannot be read becomes a dead letter; the rest of the batch goes on.
        out = self._record(messages)
        route(out, await self._publisher.partition_counts())
        # Delivered before the batch is acknowledged, and the table's changelog is flushed before
        # Faust commits: a sighting's offset is never committed before its records and state are written.
        await self._publisher.send(out)
        for hole in holes:  # before the batch's own offsets (faust-streaming issue #606)
            self._acknowledger.ack_offsets(hole.partition, range(hole.start, hole.end))
        for event in events:
            await self._acknowledger.ack_event(event)
        self._on_recorded(out)
