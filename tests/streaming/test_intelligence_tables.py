"""The stateful signals' table (streaming/intelligence_tables.py): its store follows the settings, and
its changelog records are written as record batches before the store."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest
from aiokafka.errors import KafkaError

from pipeline.routing import partition_for
from pipeline.settings import Settings
from streaming.intelligence_tables import ChangelogWriter, changelog_topic, table_store_url


def test_auto_store_is_memory_on_the_embedded_broker_and_rocksdb_on_kafka():
    assert table_store_url(Settings(profile="embedded")) == "memory://"
    assert table_store_url(Settings(profile="kafka")) == "rocksdb://"


def test_an_explicit_store_wins_over_the_profile():
    assert table_store_url(Settings(profile="kafka", table_store="memory")) == "memory://"
    assert table_store_url(Settings(profile="embedded", table_store="rocksdb")) == "rocksdb://"


def test_changelog_topic_is_named_after_the_group():
    assert changelog_topic(Settings(group_id="g")) == "g-precwatch-intelligence-changelog"


# --- ChangelogWriter: the states' changelog records as record batches --------------------------------


class FakeBatch:
    def __init__(self, limit: int) -> None:
        self.limit, self.records, self.closed = limit, [], False

    def append(self, *, key, value, timestamp, headers):
        if self.closed or len(self.records) >= self.limit:
            return None
        self.records.append((key, value))
        return object()

    def close(self) -> None:
        self.closed = True


class FakeProducer:
    """The producer's batch API: each batch is delivered at the next offset of its partition, or the
    delivery fails when ``fail`` is set."""

    def __init__(self, partitions: int, fail: bool = False) -> None:
        self.partitions, self.fail = partitions, fail
        self.sent: list[tuple[str, int, list]] = []
        self.next_offset: dict[int, int] = {}

    async def partitions_for(self, topic):
        return set(range(self.partitions))

    async def send_batch(self, batch, topic, *, partition):
        assert batch.closed
        self.sent.append((topic, partition, list(batch.records)))
        future = asyncio.get_running_loop().create_future()
        if self.fail:
            future.set_exception(KafkaError("broker gone"))
        else:
            offset = self.next_offset.get(partition, 0)
            self.next_offset[partition] = offset + len(batch.records)
            future.set_result(SimpleNamespace(offset=offset))
        return future


class FakeTable:
    def __init__(self) -> None:
        self.changelog_topic = SimpleNamespace(get_topic_name=lambda: "g-precwatch-intelligence-changelog")
        self.store: dict[bytes, bytes] = {b"gone": b"{}"}
        self.offsets: dict[int, int] = {}
        self.origins: dict[bytes, object] = {}


def writer_for(table: FakeTable, producer: FakeProducer, batch_limit: int = 3) -> ChangelogWriter:
    def write_store(table, key, value, origin):
        if value is None:
            table.store.pop(key, None)
        else:
            table.store[key] = value
            table.origins[key] = origin

    return ChangelogWriter(
        table,
        lambda: producer,
        1 << 20,
        new_batch=lambda: FakeBatch(batch_limit),
        write_store=write_store,
        note_offset=lambda table, partition, offset: table.offsets.__setitem__(partition, offset),
    )


def test_changelog_records_go_as_batches_by_key_partition_the_last_of_each_alone():
    table, producer = FakeTable(), FakeProducer(partitions=2)
    writes = [(f"k{i}".encode(), f"v{i}".encode(), f"event{i}") for i in range(9)] + [(b"gone", None, None)]
    asyncio.run(writer_for(table, producer).write(writes))
    expected = {p: [(k, v) for k, v, _ in writes if partition_for(k, 2) == p] for p in (0, 1)}
    for partition, records in expected.items():
        batches = [batch for topic, p, batch in producer.sent if p == partition]
        assert all(topic == "g-precwatch-intelligence-changelog" for topic, _, _ in producer.sent)
        assert [r for batch in batches for r in batch] == records  # in order, nothing lost or doubled
        assert len(batches[-1]) == 1 and all(len(b) <= 3 for b in batches)  # the last record alone
        assert len(batches) == 1 + -(-(len(records) - 1) // 3)
        # Recovery resumes after the last record of each partition.
        assert table.offsets[partition] == len(records) - 1
    assert table.store == {k: v for k, v, _ in writes if v is not None}  # the tombstone deleted its key
    assert table.origins[b"k3"] == "event3"  # a store write is filed under the event its state came from


def test_nothing_reaches_the_store_before_its_record_is_delivered():
    table, producer = FakeTable(), FakeProducer(partitions=2, fail=True)
    with pytest.raises(KafkaError):
        asyncio.run(writer_for(table, producer).write([(b"k1", b"v1", None), (b"gone", None, None)]))
    assert table.store == {b"gone": b"{}"} and not table.offsets
