"""Screening agent: transactions -> flags, sightings, dead letters (at-least-once).

Screening runs in a child process (streaming/screening_process.py) while this event loop keeps consuming;
a batch's events are acknowledged only after all its outputs are delivered. Offsets the consumer
skipped at a rebalance are read again and screened with the batch (streaming/continuity.py).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from aiokafka.errors import KafkaError

from pipeline.batch import screen_batch
from pipeline.messages import BatchResult
from streaming.compat import ack_undelivered_offsets
from streaming.continuity import Hole, OffsetContinuity, complete_batch
from streaming.kafka import PartitionReader
from streaming.linger import linger_when_idle
from streaming.publish import OutputPublisher

log = logging.getLogger("precwatch")


@dataclass(slots=True)
class InFlight:
    """A batch handed to the screening process, until its outputs are delivered and its offsets acked."""

    events: list  # the Faust events, acknowledged last
    holes: list[Hole]  # offsets re-read and screened with the batch, acknowledged first
    messages: list  # what was screened: the re-read records, then the batch's
    partitions: dict[str, int]  # role -> partition count, for the outputs
    screened: asyncio.Future  # the screening process's answer
    after: asyncio.Future | None  # resolves to True once the previous batch is acknowledged
    acked: asyncio.Future  # set here: True once this batch is acknowledged


def register(app, runtime) -> None:  # noqa: ANN001 - faust.App, streaming.runtime.Runtime
    s = runtime.settings
    transactions = app.topic(s.topic_transactions, value_serializer="raw", key_serializer="raw")
    topic_of = {"flags": s.topic_flags, "sightings": s.topic_sightings, "dead_letters": s.topic_dead_letters}
    for name in topic_of.values():
        app.topic(name, value_serializer="raw", key_serializer="raw")  # declared, so Faust creates them
    publisher = OutputPublisher(app, topic_of, s.producer_max_batch_bytes)

    async def deliver(result: BatchResult) -> None:
        await publisher.send(result.out)
        runtime.metrics.observe_batch(result)

    continuity = OffsetContinuity()
    reader = PartitionReader(s)

    @app.on_partitions_assigned.connect
    async def _restart_continuity(sender, assigned, **kwargs) -> None:  # noqa: ANN001 - Faust signal
        continuity.reset()  # every partition restarts at its committed offset

    @app.on_before_shutdown.connect
    def _close_reader(sender, **kwargs) -> None:  # noqa: ANN001 - Faust signal
        asyncio.ensure_future(reader.close())

    async def acknowledge(stream, events, holes: list[Hole]) -> None:  # noqa: ANN001 - faust.Stream
        # Faust commits a partition only up to its first unacknowledged offset. The offsets of a hole
        # were screened from the re-read, so they are acknowledged like any other, first (input
        # order) and once: Faust ignores an offset it already holds, such as one delivered again.
        for hole in holes:
            ack_undelivered_offsets(app.consumer, s.topic_transactions, hole.partition, range(hole.start, hole.end))
        for event in events:
            await stream.ack(event)

    async def finish(stream, flight: InFlight, slots: asyncio.Semaphore) -> None:  # noqa: ANN001 - faust.Stream
        ok = False
        try:
            # Survives a death of the screening process: see ScreeningProcess.screen.
            result, cache = await runtime.offload.screen(flight.messages, flight.partitions, flight.screened)
            await deliver(result)
            runtime.metrics.set_cache(*cache)
            # Acked only now (offsets are committed after delivery) and in input order: Faust commits
            # the first run of consecutive acked offsets without always checking that it starts at
            # the committed position (no check before a partition's first commit, off by one after:
            # faust-streaming issue #606), so a later batch acked first could commit past an earlier
            # one still in flight, which a crash would then lose.
            if flight.after is not None and not await flight.after:
                return  # an earlier batch failed: the app is crashing, leave these unacked
            await acknowledge(stream, flight.events, flight.holes)
            ok = True
        except Exception as exc:  # the worker must not go on without its screening process
            await app.crash(exc)
        finally:
            flight.acked.set_result(ok)
            slots.release()

    @app.agent(transactions, name="precwatch-screen")
    async def screen(stream) -> None:  # noqa: ANN001
        await runtime.watchlist_ready.wait()  # never screen against a stale watchlist at start-up
        linger_when_idle(stream, s.stream_linger_s)
        slots = asyncio.Semaphore(s.max_batches_in_flight)
        previous: asyncio.Future | None = None  # resolves (True) once the previous batch is acked
        async for events in stream.noack_take(s.batch_size, within=s.batch_within_s):
            batch = [e.message for e in events]  # raw bytes (raw serialisers): nothing to copy
            try:
                batch, holes = await complete_batch(batch, continuity, reader)
            except Exception as exc:  # skipped offsets that cannot be read: stop rather than lose them
                await app.crash(exc)
                return
            if holes:
                runtime.metrics.offsets_reread.inc(sum(map(len, holes)))
                for h in holes:
                    log.warning(
                        "offsets %d-%d of partition %d were skipped by the consumer: read again and screened",
                        h.start,
                        h.end - 1,
                        h.partition,
                    )
            partitions = await publisher.partition_counts()
            if runtime.offload is None:
                result = screen_batch(batch, runtime.screener, partitions)
                await deliver(result)
                runtime.metrics.set_cache(*runtime.screener.cache_stats())
                await acknowledge(stream, events, holes)
                continue
            await slots.acquire()
            screened = runtime.offload.submit(batch, partitions)
            await runtime.offload.drain()
            flight = InFlight(
                list(events), holes, batch, partitions, screened, previous, asyncio.get_running_loop().create_future()
            )
            asyncio.ensure_future(finish(stream, flight, slots))
            previous = flight.acked

    @app.timer(1.0)
    async def observe_lag() -> None:
        lags = await consumer_lag(app.consumer, s.topic_transactions)
        if lags is not None:
            runtime.metrics.set_lag(lags)


async def consumer_lag(consumer, topic: str) -> dict[int, int] | None:  # noqa: ANN001 - faust Consumer
    """Records behind the end, per assigned partition of the topic; None when a rebalance took a
    partition away while it was measured (aiokafka then refuses its position): measured next time."""
    assigned = [tp for tp in consumer.assignment() if tp.topic == topic]
    try:
        ends = await consumer.highwaters(*assigned) if assigned else {}
        return {tp.partition: max(0, ends[tp] - (await consumer.position(tp) or 0)) for tp in assigned}
    except KafkaError:
        return None
