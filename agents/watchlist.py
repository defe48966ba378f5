"""Watchlist task: every worker reads the whole compacted watchlist topic (no consumer group) and
switches to a new version without restart; a malformed update is rejected and the last good
version stays in force."""

from __future__ import annotations

import asyncio
import logging

from pipeline.live_watchlist import MANIFEST_KEY, apply_update
from streaming.kafka import client_config

log = logging.getLogger("precwatch.watchlist")
WATCHLIST_TOPIC_POLL_S = 5.0


def register(app, runtime) -> None:  # noqa: ANN001
    s = runtime.settings

    @app.task
    async def follow_watchlist() -> None:
        await runtime.ensure_offload()  # the screening process must see every update, in order
        while True:
            consumer, tps = await _open()
            try:
                if tps:
                    # Catch up with what is already published before the first screen.
                    end = await consumer.end_offsets(tps)
                    while [tp for tp in tps if await consumer.position(tp) < end[tp]]:
                        await _apply_batch(await consumer.getmany(*tps, timeout_ms=500))
                elif not runtime.watchlist_ready.is_set():
                    log.info("no watchlist topic %s yet: using the bundled watchlist", s.topic_watchlist)
                runtime.health.watchlist_loaded = True
                runtime.watchlist_ready.set()
                runtime.metrics.ready.set(1 if runtime.health.ready else 0)
                if not tps:  # the topic may be created later: look again with fresh metadata
                    await asyncio.sleep(WATCHLIST_TOPIC_POLL_S)
                    continue
                while True:
                    await _apply_batch(await consumer.getmany(*tps, timeout_ms=1000))
            finally:
                await consumer.stop()

    async def _open():  # noqa: ANN202
        """A group-less consumer on every partition of the watchlist topic, from the beginning.

        A new consumer each time: its bootstrap metadata is the only public way to learn the
        partitions of a topic created after the previous one started."""
        from aiokafka import AIOKafkaConsumer, TopicPartition

        consumer = AIOKafkaConsumer(enable_auto_commit=False, auto_offset_reset="earliest", **client_config(s))
        await consumer.start()
        partitions = consumer.partitions_for_topic(s.topic_watchlist) or set()
        tps = [TopicPartition(s.topic_watchlist, p) for p in sorted(partitions)]
        if tps:
            consumer.assign(tps)
            await consumer.seek_to_beginning(*tps)
        return consumer, tps

    async def _apply_batch(batch) -> None:  # noqa: ANN001
        for records in batch.values():
            for record in records:
                await _apply(record)

    async def _apply(record) -> None:  # noqa: ANN001
        if record.key != MANIFEST_KEY or record.value is None:
            return
        watchlist, problem = apply_update(record.value, runtime.screener.watchlist, runtime.watchlist_trust)
        if problem:
            runtime.metrics.watchlist_updates.labels("rejected").inc()
            log.error("watchlist update rejected, keeping %s: %s", runtime.screener.watchlist.version, problem)
        elif watchlist is not None:
            await runtime.use_watchlist(watchlist, record.value)
            runtime.metrics.watchlist_updates.labels("applied").inc()
        else:
            runtime.metrics.watchlist_updates.labels("unchanged").inc()
