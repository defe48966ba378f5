"""PartitionReader and the re-reading of skipped offsets, against the real embedded broker; consumer lag."""

import asyncio
import uuid

import pytest
from aiokafka.errors import IllegalStateError
from faust.types import TP

from devtools.local import isolated_env
from pipeline.messages import InMessage
from pipeline.settings import Settings
from streaming.continuity import Hole, OffsetContinuity, complete_batch
from streaming.kafka import PartitionReader, client_config, consumer_lag, ensure_topics


def isolated_settings(broker_url: str) -> Settings:
    settings = Settings.from_env(isolated_env(broker_url, f"reread-{uuid.uuid4().hex[:8]}"))
    ensure_topics(settings)
    return settings


async def publish_and_commit(settings: Settings, per_partition: dict[int, int], committed: dict[int, int]) -> None:
    from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

    producer = AIOKafkaProducer(**client_config(settings))
    await producer.start()
    try:
        for partition, count in per_partition.items():
            for n in range(count):
                await producer.send_and_wait(
                    settings.topic_transactions, f"p{partition}-{n}".encode(), partition=partition
                )
    finally:
        await producer.stop()
    if not committed:
        return
    # The group's committed offsets, as a worker that screened that far leaves them.
    consumer = AIOKafkaConsumer(group_id=settings.group_id, enable_auto_commit=False, **client_config(settings))
    await consumer.start()
    try:
        tps = {TopicPartition(settings.topic_transactions, p): offset for p, offset in committed.items()}
        consumer.assign(list(tps))
        await consumer.commit(tps)
    finally:
        await consumer.stop()


def located(settings: Settings, partition: int, *offsets: int) -> list[InMessage]:
    return [InMessage(f"p{partition}-{o}".encode(), None, settings.topic_transactions, partition, o) for o in offsets]


def test_a_batch_starting_past_the_committed_offset_gets_the_skipped_records_first(broker_url):
    settings = isolated_settings(broker_url)

    async def scenario():
        await publish_and_commit(settings, {0: 10, 1: 3}, committed={0: 2})
        reader = PartitionReader(settings, timeout_s=10)
        try:
            starts = await reader.starting_offsets(settings.topic_transactions, {0, 1})
            tracker = OffsetContinuity()
            batch = located(settings, 0, 5, 6) + located(settings, 1, 0, 1)
            completed, holes = await complete_batch(batch, tracker, reader)
            # the next batch goes on where this one stopped: nothing to read again
            later, no_holes = await complete_batch(located(settings, 0, 7) + located(settings, 1, 2), tracker, reader)
            return starts, completed, holes, later, no_holes
        finally:
            await reader.close()

    starts, completed, holes, later, no_holes = asyncio.run(scenario())
    assert starts == {0: 2, 1: 0}  # committed offset, or the first offset where nothing is committed
    assert holes == [Hole(0, 2, 5)]
    assert [(m.partition, m.offset, m.value) for m in completed[:3]] == [(0, o, f"p0-{o}".encode()) for o in (2, 3, 4)]
    assert completed[3:] == located(settings, 0, 5, 6) + located(settings, 1, 0, 1)
    assert all(m.topic == settings.topic_transactions and m.timestamp > 1.7e9 for m in completed[:3])
    assert no_holes == [] and len(later) == 2


def test_reading_ranges_one_after_another_stops_at_each_end(broker_url):
    settings = isolated_settings(broker_url)

    async def scenario():
        await publish_and_commit(settings, {0: 6, 1: 6}, committed={})
        reader = PartitionReader(settings, timeout_s=10)
        try:
            # partitions re-assigned back and forth, as holes in different partitions come one by one
            return [
                [
                    (r.partition, r.offset, r.value)
                    for r in await reader.read(settings.topic_transactions, n % 2, n % 3, 4)
                ]
                for n in range(12)
            ]
        finally:
            await reader.close()

    for n, got in enumerate(asyncio.run(scenario())):
        p = n % 2
        assert got == [(p, o, f"p{p}-{o}".encode()) for o in range(n % 3, 4)]


# -- consumer_lag (a fake Faust consumer) --
class ConsumerDuringRebalance:
    """Partition 1 is taken away between the assignment and the position lookups."""

    def assignment(self):
        return {TP("tx", 0), TP("tx", 1), TP("other", 0)}

    async def highwaters(self, *tps):
        return {tp: 100 for tp in tps}

    async def position(self, tp):
        if tp.partition == 1:
            raise IllegalStateError(f"Partition {tp} is not assigned")
        return 40


class SteadyConsumer(ConsumerDuringRebalance):
    async def position(self, tp):
        return 40 if tp.partition == 0 else 120  # the end as seen before a late fetch


def test_lag_per_partition_of_the_input_topic():
    assert asyncio.run(consumer_lag(SteadyConsumer(), "tx")) == {0: 60, 1: 0}


def test_a_partition_moving_while_lag_is_measured_skips_the_measurement_instead_of_crashing():
    assert asyncio.run(consumer_lag(ConsumerDuringRebalance(), "tx")) is None


def test_a_broker_without_sasl_is_not_said_to_have_refused_the_login(broker_url):
    from pipeline.errors import AuthenticationRefused, ConfigError
    from pipeline.settings import Settings
    from streaming.kafka import check_login

    settings = Settings(
        broker=broker_url, security_protocol="SASL_PLAINTEXT", sasl_username="svc", sasl_password="not-used"
    )
    with pytest.raises(ConfigError, match="does not offer the SASL PLAIN mechanism") as raised:
        check_login(settings, timeout_s=5)
    assert not isinstance(raised.value, AuthenticationRefused)
    assert "not-used" not in str(raised.value)
