import asyncio

from aiokafka.partitioner import DefaultPartitioner

from pipeline.messages import OutMessage
from pipeline.routing import group_by_partition, partition_for, route
from streaming.publish import publish


def out(role: str, key: bytes, value: bytes = b"v") -> OutMessage:
    return OutMessage(role, key, value, [("h", b"1")])


def test_partition_for_is_the_default_kafka_partitioner():
    keys = [b"", b"a", b"DECL-000001", b"QCCDLTOVEPVEJK-UHFFFAOYSA-N", bytes(range(256))]
    for count in (1, 2, 3, 12):
        partitions = list(range(count))
        assert [partition_for(k, count) for k in keys] == [
            DefaultPartitioner()(k, partitions, partitions) for k in keys
        ]
    # Vectors from Apache Kafka's UtilsTest.testMurmur2 (the Java client's partitioner hash).
    for key, java_hash in ((b"21", -973932308), (b"foobar", -790332482)):
        assert partition_for(key, 2**31 - 1) == (java_hash & 0x7FFFFFFF) % (2**31 - 1)


def test_route_sets_partitions_for_roles_with_a_count_only():
    messages = [out("flags", b"DECL-1"), out("sightings", b"KEY"), out("flags", b"DECL-2")]
    route(messages, {"flags": 3})
    assert [m.partition for m in messages] == [partition_for(b"DECL-1", 3), None, partition_for(b"DECL-2", 3)]


def test_route_keeps_the_partition_of_a_message_already_routed():
    packed = OutMessage("sightings", b"KEY", b"[]", [], 7)
    route([packed], {"sightings": 12})
    assert packed.partition == 7


def test_grouping_keeps_the_order_within_each_partition():
    messages = [out("flags", b"k", str(i).encode()) for i in range(5)] + [out("sightings", b"s")]
    route(messages, {"flags": 2, "sightings": 2})
    groups = group_by_partition(messages)
    assert [m.value for m in groups[("flags", partition_for(b"k", 2))]] == [b"0", b"1", b"2", b"3", b"4"]
    assert sum(len(g) for g in groups.values()) == 6


class RecordingProducer:
    """Stands in for the producer's batch API only, to check how batches are cut; the real
    producer is exercised end to end against the broker in tests/agents."""

    def __init__(self, batch_limit: int) -> None:
        self.batch_limit, self.sent, self.single = batch_limit, [], []

    def create_batch(self):
        producer = self

        class Builder:
            def __init__(self) -> None:
                self.records, self.closed = [], False

            def append(self, *, key, value, timestamp, headers):
                if self.closed or (self.records and len(self.records) >= producer.batch_limit):
                    return None
                self.records.append((key, value, headers))
                return object()

            def close(self) -> None:
                self.closed = True

        return Builder()

    async def send_batch(self, builder, topic, *, partition):
        self.sent.append((topic, partition, [v for _, v, _ in builder.records]))
        return asyncio.get_running_loop().create_future()

    async def send(self, topic, value, *, key, headers):
        self.single.append((topic, key, value))
        return asyncio.get_running_loop().create_future()


def test_publish_cuts_full_batches_and_sends_unrouted_messages_one_by_one():
    messages = [out("flags", b"k", str(i).encode()) for i in range(5)] + [out("sightings", b"s")]
    route(messages, {"flags": 2})
    producer = RecordingProducer(batch_limit=2)
    futures = asyncio.run(publish(producer, {"flags": "F", "sightings": "S"}, messages, 1 << 20, producer.create_batch))
    p = partition_for(b"k", 2)
    assert producer.sent == [("F", p, [b"0", b"1"]), ("F", p, [b"2", b"3"]), ("F", p, [b"4"])]
    assert producer.single == [("S", b"s", b"v")]
    assert len(futures) == 4
