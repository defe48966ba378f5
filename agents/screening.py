"""Screening agent: transactions -> flags, sightings, dead letters (at-least-once).

Screening runs in a child process (pipeline/offload.py) while this event loop keeps consuming;
a batch's events are acknowledged only after all its outputs are delivered.
"""

from __future__ import annotations

import asyncio

from pipeline.produce import aiokafka_producer, partition_counts, publish, route
from pipeline.streaming import BatchResult, InMessage, process_batch


def register(app, runtime) -> None:  # noqa: ANN001 - faust.App, pipeline.app.Runtime
    s = runtime.settings
    transactions = app.topic(s.topic_transactions, value_serializer="raw", key_serializer="raw")
    topic_of = {"flags": s.topic_flags, "sightings": s.topic_sightings, "dead_letters": s.topic_dead_letters}
    for name in topic_of.values():
        app.topic(name, value_serializer="raw", key_serializer="raw")  # declared, so Faust creates them
    # Batches are queued on the producer one result at a time, so outputs keep the input order.
    queue_order = asyncio.Lock()

    async def deliver(result: BatchResult) -> None:
        # Straight to aiokafka as whole record batches: Faust's per-message send path (serialisers,
        # futures, sensors) costs more than the screening of a goods item.
        async with queue_order:
            delivered = await publish(aiokafka_producer(app), topic_of, result.out)
        await asyncio.gather(*delivered)
        runtime.metrics.observe_batch(result)

    async def finish(stream, events, batch, partitions, screened, slots, after, acked) -> None:  # noqa: ANN001
        ok = False
        try:
            # Survives a death of the screening process: see ScreeningProcess.screen.
            result, cache = await runtime.offload.screen(batch, partitions, screened)
            await deliver(result)
            runtime.metrics.set_cache(*cache)
            # Acked only now (offsets are committed after delivery) and in input order: Faust commits
            # the first run of consecutive acked offsets without always checking that it starts at
            # the committed position (no check before a partition's first commit, off by one after:
            # faust-streaming issue #606), so a later batch acked first could commit past an earlier
            # one still in flight, which a crash would then lose.
            if after is not None and not await after:
                return  # an earlier batch failed: the app is crashing, leave these unacked
            for event in events:
                await stream.ack(event)
            ok = True
        except Exception as exc:  # the worker must not go on without its screening process
            await app.crash(exc)
        finally:
            acked.set_result(ok)
            slots.release()

    @app.agent(transactions, name="precwatch-screen")
    async def screen(stream) -> None:  # noqa: ANN001
        await runtime.watchlist_ready.wait()  # never screen against a stale watchlist at start-up
        slots = asyncio.Semaphore(s.max_batches_in_flight)
        previous: asyncio.Future | None = None  # resolves (True) once the previous batch is acked
        async for events in stream.noack_take(s.batch_size, within=s.batch_within_s):
            batch = [
                InMessage(e.value, e.key, e.message.topic, e.message.partition, e.message.offset, e.message.timestamp)
                for e in events
            ]
            partitions = await partition_counts(aiokafka_producer(app), topic_of)
            if runtime.offload is None:
                result = process_batch(batch, runtime.screener)
                route(result.out, partitions)
                await deliver(result)
                runtime.metrics.set_cache(*runtime.screener.cache_stats())
                for event in events:
                    await stream.ack(event)
                continue
            await slots.acquire()
            screened = runtime.offload.submit(batch, partitions)
            await runtime.offload.drain()
            acked = asyncio.get_running_loop().create_future()
            asyncio.ensure_future(finish(stream, list(events), batch, partitions, screened, slots, previous, acked))
            previous = acked

    @app.timer(1.0)
    async def observe_lag() -> None:
        assigned = [tp for tp in app.consumer.assignment() if tp.topic == s.topic_transactions]
        ends = await app.consumer.highwaters(*assigned) if assigned else {}
        lags = {tp.partition: max(0, ends[tp] - (await app.consumer.position(tp) or 0)) for tp in assigned}
        runtime.metrics.set_lag(lags)
