"""Intelligence agent: observations -> follow-up flags, over the stateful signals' table.

Thin: for each batch it applies the pure stage (pipeline/intelligence.py) to every observation and
publishes the follow-up flags; once per interval (StateFlusher) it writes the new states and only
then acknowledges the observations, so that a crash in between replays them against the states the
flags were computed from (docs/intelligence.md). Observations the consumer skipped (holes: Faust can
skip records it fetched before a partition's stream took them) are read again and applied first,
as the screening stage does with its input (streaming/intelligence_flow.py, streaming/continuity.py).
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

import orjson

from pipeline.intelligence import (
    DecodedStates,
    IntelligenceConfig,
    PendingStates,
    apply_message,
    expiry_mark,
    is_expired,
)
from pipeline.intelligence_observe import MAX_FACETS_PER_BUNDLE
from streaming.compat import underlying_producer
from streaming.continuity import ReadAgain
from streaming.intelligence_flow import ObservationFlow
from streaming.intelligence_tables import ChangelogWriter, StateFlusher, intelligence_table
from streaming.kafka import PartitionReader
from streaming.publish import OutputPublisher
from streaming.screening_flow import FaustAcknowledger

if TYPE_CHECKING:
    import faust

    from streaming.runtime import Runtime

EXPIRY_INTERVAL_S = 60.0


def register(app: faust.App, runtime: Runtime) -> None:
    s = runtime.settings
    if not s.stateful_signals:
        return
    observations = app.topic(s.topic_observations, value_serializer="raw", key_serializer="raw")
    publisher = OutputPublisher(
        app, {"flags": s.topic_flags, "dead_letters": s.topic_dead_letters}, s.producer_max_batch_bytes
    )
    table = intelligence_table(app, s)
    config = IntelligenceConfig.from_settings(s)
    decoded = DecodedStates()  # this worker's states as it last wrote them: a busy key is not decoded per batch
    newest = [0.0]  # newest event time this worker has seen: what key expiry measures against
    next_expiry = [time.monotonic() + EXPIRY_INTERVAL_S]
    # The states' changelog records as record batches (streaming/intelligence_tables.py).
    changelog_writer = ChangelogWriter(table, lambda: underlying_producer(app), s.producer_max_batch_bytes)
    flow = ObservationFlow(
        read_again=ReadAgain(app, PartitionReader(s), "observation", runtime.offsets_reread),
        apply=lambda message, states, now, origin: apply_message(message, states, config, now, origin=origin),
        publisher=publisher,
        on_outcome=lambda outcome: runtime.metrics.observations.labels(outcome).inc(),
        on_follow_ups=runtime.metrics.follow_ups.inc,
    )

    @app.agent(observations, name="precwatch-intelligence")
    async def correlate(stream) -> None:
        await runtime.guard("precwatch-intelligence", _correlate(stream))

    async def _correlate(stream) -> None:
        # Own batch size and wait (docs/intelligence.md). A message holds up to MAX_FACETS_PER_BUNDLE
        # observations: a batch holds at most the configured number.
        messages_per_batch = max(1, s.intelligence_batch_size // MAX_FACETS_PER_BUNDLE)
        # States written and observations acknowledged once per interval, not per batch (StateFlusher).
        flusher = StateFlusher(
            lambda: PendingStates(table, decoded),
            changelog_writer.write,
            FaustAcknowledger(app.consumer, s.topic_observations, stream),
            s.intelligence_flush_s,
            max_held=max(1, 20 * messages_per_batch),
        )
        idle = asyncio.ensure_future(runtime.guard("precwatch-intelligence", flush_when_idle(flusher)))
        try:
            async for events in stream.noack_take(messages_per_batch, within=s.intelligence_batch_within_s):
                async with flusher.lock:
                    try:
                        await _apply_batch(events, flusher)
                    except BaseException:
                        flow.abandon(flusher)  # its overlay may hold part of this batch: written never
                        raise
        finally:
            idle.cancel()

    async def _apply_batch(events, flusher: StateFlusher) -> None:
        # As in agents/repository.py: a table write picks its changelog partition from metadata the
        # producer may not have fetched yet on a worker that starts on a backlog; wait for it once.
        await underlying_producer(app).partitions_for(table.changelog_topic.get_topic_name())
        await flow.apply_batch(events, flusher)
        if flusher.due():
            await flush_states(flusher)
        if time.monotonic() >= next_expiry[0]:
            next_expiry[0] = time.monotonic() + EXPIRY_INTERVAL_S
            await flush_states(flusher)  # expiry reads the table: it must hold every state first
            await expire_keys()

    async def flush_states(flusher: StateFlusher) -> None:
        for state in flusher.states.pending.values():
            newest[0] = max(newest[0], state.get("mark") or 0.0)
        await flusher.flush()

    async def flush_when_idle(flusher: StateFlusher) -> None:
        # Without new observations the agent's loop does not run: the last batches' states are written
        # and their observations acknowledged here, at once while Faust waits for every observation to be
        # acknowledged (a rebalance, a shutdown). A plain task, not a Faust timer: at shutdown Faust waits
        # for those acknowledgements before the agents stop, and after its timers have stopped.
        while not flusher.abandoned:
            await asyncio.sleep(s.intelligence_flush_s / 2)
            async with flusher.lock:
                if flusher.held and (flusher.due() or app.should_stop or app.rebalancing):
                    await flush_states(flusher)

    async def expire_keys() -> None:
        # Between batches, through the same writer as the states: a key's records stay in order on
        # its changelog. Only this worker's partitions are in its table view; event time, so a replay
        # expires the same keys (newest only moves with observations, so nothing is missed meanwhile).
        mark = expiry_mark(newest[0], time.time())
        expired = [key for key, value in list(table.items()) if value and is_expired(_load(value), mark, config)]
        await changelog_writer.write([(key, None, None) for key in expired])
        runtime.metrics.state_keys_expired.inc(len(expired))


def _load(value: bytes) -> dict:
    return orjson.loads(value)
