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

from aiokafka.partitioner import murmur2

if TYPE_CHECKING:
    from aiokafka import AIOKafkaProducer
    from aiokafka.producer.message_accumulator import BatchBuilder

    from pipeline.streaming import OutMessage


def aiokafka_producer(app) -> AIOKafkaProducer:  # noqa: ANN001 - faust.App
    """The aiokafka producer under Faust's: the one Faust flushes before it commits offsets."""
    return app.producer._ensure_producer()


def partition_for(key: bytes, partitions: int) -> int:
    """The default Kafka partitioner's choice for a key (Java client and aiokafka agree)."""
    return (murmur2(key) & 0x7FFFFFFF) % partitions


def route(messages: Iterable[OutMessage], partitions: Mapping[str, int]) -> None:
    """Set each message's partition from its key and its role's topic partition count (in place)."""
    cache: dict[tuple[bytes, int], int] = {}  # sightings repeat keys; murmur2 is pure Python
    for message in messages:
        count = partitions.get(message.role)
        if not count:
            continue  # left to the producer's partitioner
        slot = (message.key, count)
        partition = cache.get(slot)
        if partition is None:
            partition = cache[slot] = partition_for(message.key, count)
        message.partition = partition


def pack_sightings(messages: list[OutMessage]) -> list[OutMessage]:
    """One sightings message per partition instead of one per structure key (after route).

    The repository agent then pays Faust's per-event cost once per partition and batch rather than
    once per substance. Each record names its structure key and all records of a key share its
    partition, in order, so first-seen state (partitioned by key) is unaffected.
    """
    from pipeline.streaming import OutMessage

    packed: list[OutMessage] = []
    groups: dict[int, tuple[int, list[OutMessage]]] = {}  # partition -> (place in packed, its messages)
    for message in messages:
        if message.role != "sightings" or message.partition is None:
            packed.append(message)
        elif message.partition in groups:
            groups[message.partition][1].append(message)
        else:
            groups[message.partition] = (len(packed), [message])
            packed.append(message)
    for partition, (place, group) in groups.items():
        if len(group) > 1:
            records = sum(int(dict(m.headers).get("records", b"0")) for m in group)
            value = b"[" + b",".join(m.value[1:-1] for m in group) + b"]"  # JSON arrays joined
            packed[place] = OutMessage(
                "sightings", group[0].key, value, [("records", str(records).encode())], partition
            )
    return packed


def group_by_partition(messages: Iterable[OutMessage]) -> dict[tuple[str, int | None], list[OutMessage]]:
    """(role, partition) -> messages, each list in the original order (per-key order is kept)."""
    groups: dict[tuple[str, int | None], list[OutMessage]] = {}
    for message in messages:
        groups.setdefault((message.role, message.partition), []).append(message)
    return groups


async def partition_counts(producer: AIOKafkaProducer, topic_of: Mapping[str, str]) -> dict[str, int]:
    """role -> number of partitions of its topic, from the producer's metadata (cached by aiokafka)."""
    return {role: len(await producer.partitions_for(topic)) for role, topic in topic_of.items()}


def record_batch(max_bytes: int) -> BatchBuilder:
    """An empty record batch of up to ``max_bytes`` (uncompressed: the pipeline configures no
    compression). Not ``producer.create_batch()``: that cuts at the producer's own batch size, which
    the embedded profile sets to one record so that every first-seen changelog record is a batch of
    its own (pipeline/app.py)."""
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
