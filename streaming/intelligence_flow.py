"""The stateful stage's batch: observations applied in offset order, the skipped ones first.

agents/intelligence.py wires this to Faust (batches, the flush interval, key expiry). Observations
the consumer skipped before a batch (holes: Faust can skip records it fetched before a partition's
stream took them, streaming/continuity.py) are read again and applied at the head of the batch, each
under the batch's first event of its partition (origins_of: a table store files a write under its
event's partition); the batch is then held for the next state write with the holes ahead of its
events (StateFlusher.hold), which acknowledges them in that order once the states are written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from pipeline.messages import RawMessage
from pipeline.routing import route
from streaming.continuity import ReadAgain, origins_of
from streaming.intelligence_tables import StateFlusher
from streaming.screening_flow import Publisher

# One message applied to the pending states: (message, states, now, origin) -> (follow-up flags and
# dead letters, the outcome of each of its observations); pipeline/intelligence.py apply_message.
ApplyMessage = Callable[[RawMessage, Any, datetime, Any], tuple[list, list[str]]]


class ObservationFlow:
    """Collaborators: ``read_again`` (the holes), ``apply`` (the pure stage), ``publisher``,
    ``on_outcome`` and ``on_follow_ups`` (metrics), ``clock`` (the follow-up flags' time)."""

    def __init__(
        self,
        *,
        read_again: ReadAgain,
        apply: ApplyMessage,
        publisher: Publisher,
        on_outcome: Callable[[str], None] = lambda outcome: None,
        on_follow_ups: Callable[[int], None] = lambda count: None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._read_again = read_again
        self._apply = apply
        self._publisher = publisher
        self._on_outcome = on_outcome
        self._on_follow_ups = on_follow_ups
        self._clock = clock

    async def apply_batch(self, events: Sequence[Any], flusher: StateFlusher) -> None:
        """Apply a batch (and its holes) to ``flusher``'s states, deliver the follow-up flags, and hold
        the batch for the next flush. If it raises, the caller abandons the flusher (its states may
        hold part of the batch): ``abandon``."""
        messages, holes = await self._read_again.complete([event.message for event in events])
        states = flusher.states
        now = self._clock()  # the follow-up flags' time, and the clock future-dated events are held to
        out: list = []
        for message, origin in zip(messages, origins_of(messages, events), strict=True):
            flags, outcomes = self._apply(message, states, now, origin)
            out.extend(flags)
            for outcome in outcomes:
                self._on_outcome(outcome)
        self._on_follow_ups(sum(1 for m in out if m.role == "flags"))
        route(out, await self._publisher.partition_counts())
        await self._publisher.send(out)  # delivered before the states change and the observations are acknowledged
        flusher.hold(events, holes)

    def abandon(self, flusher: StateFlusher) -> None:
        """After a failed batch: its states and those of the batches held with it are never written nor
        their observations acknowledged, and the next batch is checked from the committed offsets again
        (ReadAgain.forget). Faust replaces the failed actor on the same stream, which goes on from the
        observations after the failed batch: acknowledged alone, those would be committed past the held
        ones on a partition never committed before (faust-streaming issue #606); read again, they are not."""
        flusher.abandon()
        self._read_again.forget()
