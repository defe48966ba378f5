"""Which partition each output goes to, and how sightings are packed per partition (pure).

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
