"""Publishing output messages as whole record batches, one per topic partition.

Sending message by message through the producer costs a future, a partitioner call and an
accumulator lookup for every flag and sighting, all on the worker's event loop, which is the
pipeline's bottleneck. Here messages arrive already partitioned (``route``, which the screening
process runs), are appended to aiokafka record batches (built in C) and submitted per partition.
Partitions are chosen exactly as the default Kafka partitioner does (murmur2 of the key), so keys
land where any other producer would put them: the first-seen table relies on that.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import TYPE_CHECKING, Protocol

from pipeline.routing import group_by_partition
from streaming.compat import new_record_batch, underlying_producer

if TYPE_CHECKING:
    import faust
    from aiokafka import AIOKafkaProducer

    from pipeline.messages import OutMessage


class RecordBatch(Protocol):
    """What is used of aiokafka's record batch builder (streaming/compat.py new_record_batch)."""

    def append(self, *, key: bytes | None, value: bytes | None, timestamp: int | None, headers: list) -> object: ...
    def close(self) -> None: ...


async def partition_counts(producer: AIOKafkaProducer, topic_of: Mapping[str, str]) -> dict[str, int]:
    """role -> number of partitions of its topic, from the producer's metadata (cached by aiokafka)."""
    return {role: len(await producer.partitions_for(topic)) for role, topic in topic_of.items()}


async def publish(
    producer: AIOKafkaProducer,
    topic_of: Mapping[str, str],
    messages: Iterable[OutMessage],
    max_batch_bytes: int,
    new_batch: Callable[[], RecordBatch] | None = None,
) -> list[asyncio.Future]:
    """Queue the messages as record batches of up to ``max_batch_bytes``; returns one delivery future
    per batch. ``new_batch`` replaces ``new_record_batch`` (tests record the batches cut).

    Messages without a partition (``route`` was not given a count) go through ``producer.send``.
    """
    new_batch = new_batch or partial(new_record_batch, max_batch_bytes)
    futures: list[asyncio.Future] = []
    for (role, partition), group in group_by_partition(messages).items():
        topic = topic_of[role]
        if partition is None:
            for m in group:
                futures.append(await producer.send(topic, m.value, key=m.key, headers=m.headers))
            continue
        builder = new_batch()
        for m in group:
            if builder.append(key=m.key, value=m.value, timestamp=None, headers=m.headers) is None:
                # Full: submit it and start the next (a record larger than the batch limit is
                # still accepted alone in an empty batch).
                builder.close()
                futures.append(await producer.send_batch(builder, topic, partition=partition))
                builder = new_batch()
                builder.append(key=m.key, value=m.value, timestamp=None, headers=m.headers)
        builder.close()
        futures.append(await producer.send_batch(builder, topic, partition=partition))
    return futures


class OutputPublisher:
    """Sends outputs to their role's topic on the aiokafka producer under Faust's, as record batches.

    Straight to aiokafka: Faust's per-message send path (serialisers, futures, sensors) costs more
    than the screening of a goods item. Outputs are queued in the order ``send`` is called (one
    call at a time), so they keep the input order."""

    def __init__(self, app: faust.App, topic_of: Mapping[str, str], max_batch_bytes: int) -> None:
        self._app = app
        self._topic_of = dict(topic_of)
        self._max_batch_bytes = max_batch_bytes
        self._queue_order = asyncio.Lock()

    async def partition_counts(self) -> dict[str, int]:
        return await partition_counts(underlying_producer(self._app), self._topic_of)

    async def send(self, messages: list[OutMessage]) -> None:
        """Queue the messages, then wait until all are delivered."""
        async with self._queue_order:
            delivered = await publish(underlying_producer(self._app), self._topic_of, messages, self._max_batch_bytes)
        await asyncio.gather(*delivered)
