"""Screening agent: transactions -> flags, sightings, dead letters (at-least-once)."""

from __future__ import annotations

import asyncio

from pipeline.streaming import InMessage, process_batch


def register(app, runtime) -> None:  # noqa: ANN001 - faust.App, pipeline.app.Runtime
    s = runtime.settings
    transactions = app.topic(s.topic_transactions, value_serializer="raw", key_serializer="raw")
    outputs = {
        "flags": app.topic(s.topic_flags, value_serializer="raw", key_serializer="raw"),
        "sightings": app.topic(s.topic_sightings, value_serializer="raw", key_serializer="raw"),
        "dead_letters": app.topic(s.topic_dead_letters, value_serializer="raw", key_serializer="raw"),
    }

    @app.agent(transactions, name="precwatch-screen")
    async def screen(stream) -> None:  # noqa: ANN001
        await runtime.watchlist_ready.wait()  # never screen against a stale watchlist at start-up
        async for events in stream.take_events(s.batch_size, within=s.batch_within_s):
            batch = [
                InMessage(e.value, e.key, e.message.topic, e.message.partition, e.message.offset, e.message.timestamp)
                for e in events
            ]
            result = process_batch(batch, runtime.screener)
            pending = [await outputs[m.role].send(key=m.key, value=m.value, headers=m.headers) for m in result.out]
            # Offsets of this batch are acked only after every output is delivered (at-least-once).
            await asyncio.gather(*pending)
            runtime.metrics.observe_batch(result)

    @app.timer(1.0)
    async def observe_lag_and_cache() -> None:
        assigned = [tp for tp in app.consumer.assignment() if tp.topic == s.topic_transactions]
        ends = await app.consumer.highwaters(*assigned) if assigned else {}
        lags = {tp.partition: max(0, ends[tp] - (await app.consumer.position(tp) or 0)) for tp in assigned}
        runtime.metrics.set_lag(lags)
        runtime.metrics.set_cache(*runtime.screener.cache_stats())
