"""Which partition each output goes to (pure).

Partitions are chosen exactly as the default Kafka partitioner does (murmur2 of the key), so keys
land where any other producer would put them: the first-seen table relies on that. The screening
process runs this, so the worker's event loop only appends outputs to record batches.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from aiokafka.partitioner import murmur2

from pipeline.messages import OutMessage


def partition_for(key: bytes, partitions: int) -> int:
    """The default Kafka partitioner's choice for a key (Java client and aiokafka agree)."""
    return (murmur2(key) & 0x7FFFFFFF) % partitions


def route(messages: Iterable[OutMessage], partitions: Mapping[str, int]) -> None:
    """Set each message's partition from its key and its role's topic partition count (in place).
    Messages already routed (sightings packed per partition, pipeline/batch.py) keep theirs."""
    cache: dict[tuple[bytes, int], int] = {}  # keys repeat (one declaration's flags); murmur2 is pure Python
    for message in messages:
        count = partitions.get(message.role)
        if not count or message.partition is not None:
            continue  # left to the producer's partitioner, or already routed
        slot = (message.key, count)
        partition = cache.get(slot)
        if partition is None:
            partition = cache[slot] = partition_for(message.key, count)
        message.partition = partition


def group_by_partition(messages: Iterable[OutMessage]) -> dict[tuple[str, int | None], list[OutMessage]]:
    """(role, partition) -> messages, each list in the original order (per-key order is kept)."""
    groups: dict[tuple[str, int | None], list[OutMessage]] = {}
    for message in messages:
        groups.setdefault((message.role, message.partition), []).append(message)
    return groups
