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
from typing import TYPE_CHECKING

from pipeline.routing import group_by_partition

if TYPE_CHECKING:
    from aiokafka import AIOKafkaProducer
    from aiokafka.producer.message_accumulator import BatchBuilder

    from pipeline.messages import OutMessage


def aiokafka_producer(app) -> AIOKafkaProducer:  # noqa: ANN001 - faust.App
    """The aiokafka producer under Faust's: the one Faust flushes before it commits offsets."""
    return app.producer._ensure_producer()


async def partition_counts(producer: AIOKafkaProducer, topic_of: Mapping[str, str]) -> dict[str, int]:
    """role -> number of partitions of its topic, from the producer's metadata (cached by aiokafka)."""
    return {role: len(await producer.partitions_for(topic)) for role, topic in topic_of.items()}


def record_batch(max_bytes: int) -> BatchBuilder:
    """An empty record batch of up to ``max_bytes`` (uncompressed: the pipeline configures no
    compression). Not ``producer.create_batch()``: that cuts at the producer's own batch size, which
    the embedded profile sets to one record so that every first-seen changelog record is a batch of
    its own (streaming/profiles.py)."""
    from aiokafka.producer.message_accumulator import BatchBuilder

    return BatchBuilder(max_bytes, 0)


async def publish(
    producer: AIOKafkaProducer,
    topic_of: Mapping[str, str],
    messages: Iterable[OutMessage],
    max_batch_bytes: int,
    new_batch: Callable[[], BatchBuilder] | None = None,
) -> list[asyncio.Future]:
    """Queue the messages as record batches of up to ``max_batch_bytes``; returns one delivery future
    per batch. ``new_batch`` replaces ``record_batch`` (tests record the batches cut).

    Messages without a partition (``route`` was not given a count) go through ``producer.send``.
    """
    new_batch = new_batch or partial(record_batch, max_batch_bytes)
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
