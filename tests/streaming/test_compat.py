"""The library internals in streaming/compat.py: each works with the installed versions, and the
self-check refuses a worker whose libraries lack one."""

import asyncio

import faust
import pytest
from faust.transport.drivers import aiokafka as driver
from faust.types import TP

from pipeline.errors import IncompatibleLibrary
from pipeline.settings import Settings
from streaming import compat


def new_app(name: str) -> faust.App:
    return faust.App(f"{name}-{id(object())}", broker="kafka://127.0.0.1:9", web_enabled=False)


def test_the_self_check_finds_nothing_wrong_with_the_installed_versions():
    assert compat.self_check() == []


def test_the_read_offset_filter_no_longer_drops_or_books_gaps():
    compat.keep_every_fetched_record()
    consumer = new_app("tuning").consumer
    tp = TP("tx", 0)
    consumer._read_offset[tp] = 9920  # what Faust's fetch loop writes after handing over a record
    # Faust's fetch loop drops a record below this lookup and books a jump above it as a gap.
    assert consumer._read_offset[tp] is None


def test_re_read_offsets_acknowledged_once_let_commits_go_past_a_hole_in_one_step():
    app = new_app("acks")
    consumer = app.consumer
    app.topics._acking_topics.add("tx")  # as when an agent with acks subscribes to it
    tp = TP("tx", 0)
    consumer._committed_offset[tp] = 100
    compat.ack_undelivered_offsets(consumer, "tx", 0, [106, 107])  # acknowledged after a hole 100-105
    assert consumer._new_offset(tp) is None  # the hole holds the partition back
    # the re-read hole, and offsets delivered twice
    compat.ack_undelivered_offsets(consumer, "tx", 0, [*range(100, 106), 103, 106])
    assert consumer._new_offset(tp) == 108  # all at once: no duplicate splits the run


def test_the_fetch_wait_is_set_on_every_worker_consumer_faust_creates():
    compat.set_fetch_max_wait(50)

    async def fetch_wait() -> int:
        app = new_app("fetch-wait")
        consumer = driver.AIOKafkaConsumerThread._create_worker_consumer(app.consumer._thread, app.transport)
        try:
            return consumer._fetch_max_wait_ms
        finally:
            await consumer.stop()

    assert asyncio.run(fetch_wait()) == 50  # Faust hard-codes 1500


def test_the_underlying_producer_is_the_one_faust_started_and_none_before():
    app = new_app("producer")
    with pytest.raises(Exception, match="not yet started"):
        compat.underlying_producer(app)
    started = object()
    app.producer._producer = started  # what Faust's Producer.on_start stores (the broker e2e tests send on it)
    assert compat.underlying_producer(app) is started


def test_record_batches_are_cut_at_our_size_not_the_producers():
    small, large = compat.new_record_batch(200), compat.new_record_batch(1 << 20)
    record = {"key": b"k", "value": b"x" * 150, "timestamp": None, "headers": []}
    assert small.append(**record) is not None
    assert small.append(**record) is None  # full at 200 bytes
    assert all(large.append(**record) is not None for _ in range(100))


def test_a_raw_connection_to_no_broker_fails_as_unreachable():
    from aiokafka.errors import KafkaError

    async def connect():
        return await compat.open_raw_connection("127.0.0.1", 9, request_timeout_ms=2000)

    with pytest.raises((KafkaError, OSError)):
        asyncio.run(connect())


@pytest.mark.parametrize(
    ("owner", "attribute", "check"),
    [
        (driver.Consumer, "_drain_messages", "keep_every_fetched_record"),
        (driver.Producer, "_ensure_producer", "underlying_producer"),
    ],
)
def test_a_missing_internal_is_reported_by_name(monkeypatch, owner, attribute, check):
    defining = next(cls for cls in owner.__mro__ if attribute in vars(cls))
    monkeypatch.delattr(defining, attribute)
    problems = compat.self_check()
    assert len(problems) == 1 and problems[0].startswith(f"{check}: ")
    assert attribute in problems[0]


def test_an_internal_that_behaves_differently_is_reported(monkeypatch):
    import aiokafka.producer.message_accumulator as accumulator

    original = accumulator.BatchBuilder

    class Unlimited(original):  # a BatchBuilder that no longer cuts at its size
        def __init__(self, batch_size, compression_type, **kwargs):
            super().__init__(1 << 30, compression_type, **kwargs)

    monkeypatch.setattr(accumulator, "BatchBuilder", Unlimited)
    assert compat.self_check() == ["new_record_batch: BatchBuilder(max_bytes, 0) does not cut at max_bytes"]


def test_a_missing_connection_function_is_reported(monkeypatch):
    import aiokafka.conn

    monkeypatch.delattr(aiokafka.conn, "create_conn")
    (problem,) = compat.self_check()
    assert problem.startswith("open_raw_connection: ") and "create_conn" in problem


def test_create_app_refuses_to_build_a_worker_on_incompatible_libraries(monkeypatch):
    from streaming.app import create_app

    monkeypatch.delattr(driver.AIOKafkaConsumerThread, "_create_worker_consumer")
    with pytest.raises(IncompatibleLibrary) as refused:
        create_app(Settings())
    assert "set_fetch_max_wait" in str(refused.value) and "_create_worker_consumer" in str(refused.value)
    assert refused.value.exit_code == 4 and not refused.value.restart


def test_a_table_whose_store_writes_would_send_the_changelog_is_reported(monkeypatch):
    from faust.tables.table import Table

    monkeypatch.setattr(Table, "__setitem__", lambda self, key, value: None, raising=False)
    (problem,) = compat.self_check()
    assert problem.startswith("write_store_only: ") and "__setitem__" in problem


def test_a_store_without_a_persisted_offset_is_reported(monkeypatch):
    from faust.stores import memory

    defining = next(cls for cls in memory.Store.__mro__ if "set_persisted_offset" in vars(cls))
    monkeypatch.delattr(defining, "set_persisted_offset")
    (problem,) = compat.self_check()
    assert problem.startswith("write_store_only: ") and "set_persisted_offset" in problem
