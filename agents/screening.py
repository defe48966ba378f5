"""Screening agent: transactions -> flags, sightings, dead letters (at-least-once).

The protocol (screening in a child process with batches in flight, delivery, acknowledgement in
input order, re-reading skipped offsets) is streaming/screening_flow.py; this only wires it to Faust.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from streaming.kafka import PartitionReader, consumer_lag
from streaming.linger import linger_when_idle
from streaming.publish import OutputPublisher
from streaming.screening_flow import FaustAcknowledger, ScreeningFlow, split_by_bytes

if TYPE_CHECKING:
    import faust

    from streaming.runtime import Runtime


def register(app: faust.App, runtime: Runtime) -> None:
    s = runtime.settings
    transactions = app.topic(s.topic_transactions, value_serializer="raw", key_serializer="raw")
    topic_of = {"flags": s.topic_flags, "sightings": s.topic_sightings, "dead_letters": s.topic_dead_letters}
    if not s.repository:  # no information repository: no sightings (pipeline/batch.py keeps none)
        del topic_of["sightings"]
    if s.stateful_signals:  # issue 12: observations for the stateful signals (agents/intelligence.py)
        topic_of["observations"] = s.topic_observations
    for name in topic_of.values():
        app.topic(name, value_serializer="raw", key_serializer="raw")  # declared, so Faust creates them
    publisher = OutputPublisher(app, topic_of, s.producer_max_batch_bytes)
    reader = PartitionReader(s)
    flows: list[ScreeningFlow] = []

    @app.on_partitions_assigned.connect
    async def _restart_continuity(sender, assigned, **kwargs) -> None:
        for flow in flows:
            flow.restart()

    @app.on_before_shutdown.connect
    def _close_reader(sender, **kwargs) -> None:
        asyncio.ensure_future(reader.close())

    @app.agent(transactions, name="precwatch-screen")
    async def screen(stream) -> None:
        await runtime.watchlist_ready.wait()  # never screen against a stale watchlist at start-up
        linger_when_idle(stream, s.stream_linger_s)
        flow = ScreeningFlow(
            offload=runtime.offload,
            screen_here=runtime.screen_here,
            publisher=publisher,
            acknowledger=FaustAcknowledger(app.consumer, s.topic_transactions, stream),
            reader=reader,
            crash=app.crash,
            max_in_flight=s.max_batches_in_flight,
            on_delivered=runtime.batch_delivered,
            on_holes=runtime.offsets_reread,
        )
        flows[:] = [flow]
        await runtime.guard("precwatch-screen", _take_batches(stream, flow))

    async def _take_batches(stream, flow: ScreeningFlow) -> None:
        async for batch in stream.noack_take(s.batch_size, within=s.batch_within_s):
            for events in split_by_bytes(batch):  # bounded memory in the screening process
                # raw bytes (raw serialisers): nothing to copy
                if not await flow.handle(events, [e.message for e in events]):
                    return

    @app.timer(1.0)
    async def observe_lag() -> None:
        lags = await consumer_lag(app.consumer, s.topic_transactions)
        if lags is not None:
            runtime.metrics.set_lag(lags)
