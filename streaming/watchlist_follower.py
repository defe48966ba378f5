"""Following the compacted watchlist topic: catch up before the first screen, then apply updates live.

Every worker reads the whole topic (no consumer group) and switches to a new version without a
restart; a malformed update is rejected and the last good version stays in force. The topic may not
exist yet: the bundled watchlist is then in force and the topic is looked for again now and then.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from chemistry.watchlist import Watchlist
from pipeline.live_watchlist import MANIFEST_KEY, apply_update
from pipeline.settings import Settings
from pipeline.watchlist_trust import WatchlistTrust
from streaming.kafka import client_config

log = logging.getLogger("precwatch.watchlist")
WATCHLIST_TOPIC_POLL_S = 5.0


class WatchlistConsumer(Protocol):
    """The part of aiokafka's AIOKafkaConsumer used here."""

    async def end_offsets(self, partitions: list) -> dict: ...
    async def position(self, partition: Any) -> int: ...
    async def getmany(self, *partitions: Any, timeout_ms: int) -> dict: ...
    async def stop(self) -> None: ...


class WatchlistFollower:
    """Collaborators: ``open_consumer`` (a consumer on every partition of the topic, from the
    beginning, and those partitions; none when the topic does not exist), ``current`` (the watchlist
    in force), ``trust`` (whose signed updates apply, pipeline/watchlist_trust.py), ``use_watchlist`` (switch to a validated one), ``count`` (an update's
    outcome: applied, unchanged or rejected), ``caught_up`` (called once the topic is read to its end,
    or found missing, every time), ``sleep``."""

    def __init__(
        self,
        *,
        topic: str,
        open_consumer: Callable[[], Awaitable[tuple[WatchlistConsumer, list]]],
        current: Callable[[], Watchlist],
        trust: WatchlistTrust,
        use_watchlist: Callable[[Watchlist, bytes], Awaitable[Any]],
        count: Callable[[str], None],
        caught_up: Callable[[], None],
        poll_s: float = WATCHLIST_TOPIC_POLL_S,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self._topic = topic
        self._open_consumer = open_consumer
        self._current = current
        self._trust = trust
        self._use_watchlist = use_watchlist
        self._count = count
        self._caught_up = caught_up
        self._poll_s = poll_s
        self._sleep = sleep
        self._ready = False

    async def run(self) -> None:
        """Follow the topic until cancelled."""
        while True:
            consumer, partitions = await self._open_consumer()
            try:
                if partitions:
                    # Catch up with what is already published before the first screen.
                    end = await consumer.end_offsets(partitions)
                    while [tp for tp in partitions if await consumer.position(tp) < end[tp]]:
                        await self.apply_batch(await consumer.getmany(*partitions, timeout_ms=500))
                elif not self._ready:
                    log.info("no watchlist topic %s yet: using the bundled watchlist", self._topic)
                self._ready = True
                self._caught_up()
                if not partitions:  # the topic may be created later: look again with fresh metadata
                    await self._sleep(self._poll_s)
                    continue
                while True:
                    await self.apply_batch(await consumer.getmany(*partitions, timeout_ms=1000))
            finally:
                await consumer.stop()

    async def apply_batch(self, batch: dict) -> None:
        """Apply the manifests among fetched records (partition -> records), in order."""
        for records in batch.values():
            for record in records:
                await self.apply(record.key, record.value)

    async def apply(self, key: bytes | None, value: bytes | None) -> None:
        if key != MANIFEST_KEY or value is None:
            return  # entry records are for other consumers; the manifest holds the whole watchlist
        watchlist, problem = apply_update(value, self._current(), self._trust)
        if problem:
            self._count("rejected")
            log.error("watchlist update rejected, keeping %s: %s", self._current().version, problem)
        elif watchlist is not None:
            await self._use_watchlist(watchlist, value)
            self._count("applied")
        else:
            self._count("unchanged")


async def open_watchlist_consumer(settings: Settings) -> tuple[Any, list]:
    """A group-less aiokafka consumer on every partition of the watchlist topic, from the beginning.

    A new consumer each time: its bootstrap metadata is the only public way to learn the partitions
    of a topic created after the previous one started."""
    from aiokafka import AIOKafkaConsumer, TopicPartition

    consumer = AIOKafkaConsumer(enable_auto_commit=False, auto_offset_reset="earliest", **client_config(settings))
    await consumer.start()
    partitions = consumer.partitions_for_topic(settings.topic_watchlist) or set()
    tps = [TopicPartition(settings.topic_watchlist, p) for p in sorted(partitions)]
    if tps:
        consumer.assign(tps)
        await consumer.seek_to_beginning(*tps)
    return consumer, tps
