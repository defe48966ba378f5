"""Every use of faust-streaming's and aiokafka's private parts, in one place, checked at start-up.

The delivery guarantees rest on a few internals that neither library offers as settings or public
API. Nothing else in the project touches them: other modules call the small functions below.
``self_check`` verifies that each internal is still there and behaves as assumed; ``create_app``
(streaming/app.py) runs it first and refuses to start (IncompatibleLibrary) when it reports a
problem, instead of silently losing a guarantee after an upgrade. pyproject.toml pins both
libraries and says what to rerun before moving a pin.

Patches (applied by ``create_app``):
- ``set_fetch_max_wait``: Faust creates its aiokafka consumer with ``fetch_max_wait_ms=1500``
  hard-coded. Apache Kafka answers a fetch as soon as data is there, so the value only matters when
  a partition is idle; the embedded Tansu broker holds every fetch for the full wait, which puts a
  floor under end-to-end latency, so the embedded profile lowers it.
- ``keep_every_fetched_record``: at-least-once across rebalances (see its docstring).

Access to internals:
- ``ack_undelivered_offsets``: acknowledge offsets Faust never delivered (re-read after a
  rebalance skipped them). ``Consumer.ack`` is public but only takes a Faust ``Message``, and there
  is no public way to acknowledge by topic, partition and offset, so one is built by hand.
- ``underlying_producer``: the aiokafka producer under Faust's, the one Faust flushes before it
  commits offsets (record batches are submitted to it directly).
- ``new_record_batch``: an aiokafka record batch of our own size.
- ``open_raw_connection``: one connection to one broker, to tell a refused login from an
  unreachable broker (aiokafka's client reports both as "Unable to bootstrap").
- ``write_store_only``, ``note_changelog_offset``: table writes after a batch, for a table whose
  changelog records are written as record batches (issue 12).
"""

from __future__ import annotations

import asyncio
import contextvars
import inspect
import weakref
from collections.abc import Callable, Iterable, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from faust.transport.drivers import aiokafka as driver

if TYPE_CHECKING:
    import faust
    from aiokafka import AIOKafkaProducer
    from aiokafka.producer.message_accumulator import BatchBuilder

# Faust's own versions, called by the patches; None when an upgrade removed them (self_check says so).
_original_create = getattr(driver.AIOKafkaConsumerThread, "_create_worker_consumer", None)
_original_consumer_init = driver.Consumer.__init__


# -- patches ---------------------------------------------------------------------------------------------
def set_fetch_max_wait(milliseconds: int) -> None:
    """Make every Faust worker consumer created from now on use this fetch wait."""
    if _original_create is None:
        return  # self_check reports it; create_app does not get this far

    def _create_worker_consumer(self, transport):
        consumer = _original_create(self, transport)
        consumer._fetch_max_wait_ms = milliseconds  # read by aiokafka when the consumer starts
        return consumer

    driver.AIOKafkaConsumerThread._create_worker_consumer = _create_worker_consumer


class _NoReadOffsetFilter(dict):
    """A read-offset map whose lookups always say "nothing read yet"."""

    def __getitem__(self, tp):
        return None


def keep_every_fetched_record() -> None:
    """Stop Faust from dropping fetched records as "already read" (at-least-once across rebalances).

    Faust's fetch loop drops any record below a per-partition read offset and books any jump above
    it as an offset gap. After a rebalance that offset is unreliable: the loop goes on handing over
    a batch fetched before the partition was sought back to its committed offset, which moves the
    read offset past records that are then cleared from the agent's queue when the flow resumes, so
    their re-fetch was dropped and they were never screened (seen in tests/agents/test_scale_out.py:
    offsets of the partition that moved, committed offset stuck behind them). A booked gap is worse:
    Faust treats it as acknowledged and may commit past records never screened. Without the filter
    a re-fetched record is screened again (the same flag_id, which at-least-once allows) and a
    partition is committed only up to what was acknowledged.
    """

    def __init__(self, *args, **kwargs):
        _original_consumer_init(self, *args, **kwargs)
        self._read_offset = _NoReadOffsetFilter()

    driver.Consumer.__init__ = __init__


# -- access to internals -------------------------------------------------------------------------------
def _offset_message(topic: str, partition: int, offset: int) -> Any:
    from faust.types.tuples import Message

    # topic, partition, offset, timestamp, timestamp_type, headers, key, value, checksum
    return Message(topic, partition, offset, 0.0, 0, None, None, None, None)


def ack_undelivered_offsets(consumer: Any, topic: str, partition: int, offsets: Iterable[int]) -> None:
    """Acknowledge offsets of a partition that Faust never handed to a stream, as if it had.

    Faust commits a partition up to the first offset not acknowledged; it ignores an offset it
    already holds (one delivered again, too) and one below the committed offset."""
    for offset in offsets:
        consumer.ack(_offset_message(topic, partition, offset))


def underlying_producer(app: faust.App) -> AIOKafkaProducer:
    """The aiokafka producer under Faust's (started with the app): Faust flushes it before it
    commits offsets, so what is queued on it is delivered before the offsets that caused it."""
    return app.producer._ensure_producer()


def new_record_batch(max_bytes: int) -> BatchBuilder:
    """An empty, uncompressed aiokafka record batch of up to ``max_bytes``.

    Not the public ``AIOKafkaProducer.create_batch()``: it cuts at the producer's own batch size,
    which the embedded profile sets to one record (streaming/profiles.py), so every output would be
    a batch of its own."""
    from aiokafka.producer.message_accumulator import BatchBuilder

    return BatchBuilder(max_bytes, 0)  # 0: no compression (the pipeline configures none)


async def open_raw_connection(host: str, port: int, *, request_timeout_ms: int, **config: Any) -> Any:
    """One authenticated connection to one broker (close it with ``.close()``); raises aiokafka's
    SASL errors on a refused login and KafkaError/OSError when the broker cannot be reached."""
    from aiokafka.conn import create_conn

    return await create_conn(host, port, request_timeout_ms=request_timeout_ms, **config)


def leader_topic_name(app: faust.App) -> str:
    """The topic Faust's leader assignor creates (one partition): a deployment creates it beforehand
    with the others (streaming/topic_plan.py), as Faust offers no public name for it."""
    return app._leader_assignor._leader_topic_name


# The parameters open_raw_connection is called with (streaming/kafka.py client_config and check_login).
_RAW_CONNECTION_PARAMETERS = (
    "request_timeout_ms",
    "ssl_context",
    "security_protocol",
    "sasl_mechanism",
    "sasl_plain_username",
    "sasl_plain_password",
)


# -- self-check ------------------------------------------------------------------------------------------
def self_check() -> list[str]:
    """Problems with the internals used here, one sentence each; empty when all is as assumed.

    Builds a throwaway Faust app (no connection is made) to look at a consumer and a producer."""
    app = _throwaway_app()
    problems: list[str] = []
    for name, check in _CHECKS:
        try:
            problem = check(app)
        except Exception as exc:  # an internal that moved usually shows up as an exception here
            problem = f"{type(exc).__name__}: {exc}"
        if problem:
            problems.append(f"{name}: {problem}")
    return problems


def _throwaway_app() -> faust.App:
    import faust

    return faust.App("precwatch-compat-check", broker="kafka://127.0.0.1:9", web_enabled=False)


def _bare_consumer(app: faust.App) -> Any:
    """A Faust aiokafka Consumer built by Faust's own ``__init__`` (whether or not it is patched)."""

    async def ignore(*args: Any, **kwargs: Any) -> None:
        return None

    consumer = driver.Consumer.__new__(driver.Consumer)
    _original_consumer_init(
        consumer, app.transport, callback=ignore, on_partitions_revoked=ignore, on_partitions_assigned=ignore
    )
    return consumer


def _check_read_offset(app: faust.App) -> str | None:
    if not callable(getattr(driver.Consumer, "_drain_messages", None)):
        return "faust's Consumer has no _drain_messages fetch loop any more"
    consumer = _bare_consumer(app)
    read_offset = getattr(consumer, "_read_offset", None)
    if not isinstance(read_offset, MutableMapping):
        return f"Consumer.__init__ no longer sets _read_offset to a mapping (found {type(read_offset).__name__})"
    return None


def _check_ack_by_offset(app: faust.App) -> str | None:
    from faust.types import TP

    message = _offset_message("compat-check", 3, 7)
    if (message.topic, message.partition, message.offset, message.tp) != ("compat-check", 3, 7, TP("compat-check", 3)):
        return "faust's Message no longer takes (topic, partition, offset, ...) as its first positional fields"
    consumer = _bare_consumer(app)
    tp = TP("compat-check", 3)
    app.topics._acking_topics.add(tp.topic)  # as when an agent with acks subscribes to the topic
    consumer._committed_offset[tp] = 5
    ack_undelivered_offsets(consumer, tp.topic, tp.partition, [5, 6, 6])
    if consumer._new_offset(tp) != 7:
        return "Consumer.ack of offsets 5 and 6 after committed offset 5 does not let the partition commit up to 7"
    return None


def _check_fetch_max_wait(app: faust.App) -> str | None:
    if _original_create is None or not callable(
        getattr(driver.AIOKafkaConsumerThread, "_create_worker_consumer", None)
    ):
        return "faust's AIOKafkaConsumerThread has no _create_worker_consumer"
    if "fetch_max_wait_ms" not in inspect.signature(_aiokafka_consumer_class().__init__).parameters:
        return "AIOKafkaConsumer no longer takes fetch_max_wait_ms"

    async def fetch_wait_of_a_created_consumer() -> Any:
        consumer = _original_create(app.consumer._thread, app.transport)
        try:
            return getattr(consumer, "_fetch_max_wait_ms", None)
        finally:
            await consumer.stop()  # never started: this only releases its client

    # aiokafka creates its consumer in a running event loop: a thread of our own has one to spare,
    # whether or not the caller's thread runs a loop.
    with ThreadPoolExecutor(1) as pool:
        fetch_wait = pool.submit(asyncio.run, fetch_wait_of_a_created_consumer()).result()
    if not isinstance(fetch_wait, int):
        return "the consumer Faust creates has no _fetch_max_wait_ms to lower"
    return None


def _aiokafka_consumer_class() -> type:
    from aiokafka import AIOKafkaConsumer

    return AIOKafkaConsumer


def _check_producer(app: faust.App) -> str | None:
    producer = app.producer
    if not callable(getattr(producer, "_ensure_producer", None)):
        return "faust's Producer has no _ensure_producer"
    inner = object()
    producer._producer = inner
    if producer._ensure_producer() is not inner:
        return "faust's Producer._ensure_producer does not return its aiokafka producer"
    return None


def _check_record_batch(app: faust.App) -> str | None:
    small = new_record_batch(200)
    record = {"key": b"k", "value": b"x" * 150, "timestamp": None, "headers": []}
    if small.append(**record) is None:
        return "BatchBuilder(max_bytes, 0) refuses a record into an empty batch"
    if small.append(**record) is not None:
        return "BatchBuilder(max_bytes, 0) does not cut at max_bytes"
    small.close()
    if small.append(**record) is not None:
        return "a closed BatchBuilder still takes records"
    return None


def _check_raw_connection(app: faust.App) -> str | None:
    from aiokafka import conn, errors

    if not inspect.iscoroutinefunction(getattr(conn, "create_conn", None)):
        return "aiokafka.conn.create_conn is gone or no longer a coroutine function"
    parameters = inspect.signature(conn.create_conn).parameters
    missing = [p for p in ("host", "port", *_RAW_CONNECTION_PARAMETERS) if p not in parameters]
    if missing:
        return f"aiokafka.conn.create_conn no longer takes {', '.join(missing)}"
    for name in ("SaslAuthenticationFailed", "UnsupportedSaslMechanismError", "IllegalSaslStateError"):
        if not hasattr(errors, name):
            return f"aiokafka.errors has no {name}"
    return None


# --- issue 12: table writes after a batch (agents/intelligence.py) ---------------------------------------


def write_store_only(table: Any, key: bytes, value: bytes | None, event: Any) -> None:
    """The table's store: ``key`` set to ``value`` (None: deleted), without the changelog record Faust
    sends for ``table[key] = value`` (from ``on_key_set``): for a caller that wrote that record itself
    (streaming/intelligence_tables.py ChangelogWriter).

    Faust's RocksDB store files a write under the partition of the current event (a context
    variable the stream sets while an agent iterates it) and refuses a write without one; the
    intelligence agent writes its states after the batch's outputs are delivered, outside that
    iteration, so it names the event each state came from (an event of the key's partition)."""
    from faust import streams

    if value is None:
        table.data.pop(key, None)  # RocksDB deletes from whichever partition holds the key
        return
    token = streams._current_event.set(weakref.ref(event))
    try:
        table.data[key] = value
    finally:
        streams._current_event.reset(token)


def note_changelog_offset(table: Any, partition: int, offset: int) -> None:
    """Tell the table's store the offset of the last changelog record written for ``partition``: what
    Faust's own changelog callback does, so that RocksDB recovers from there (the memory store keeps none)."""
    from faust.types import TP

    table.data.set_persisted_offset(TP(table.changelog_topic.get_topic_name(), partition), offset)


def _check_store_writes(app: faust.App) -> str | None:
    from faust.stores import memory
    from faust.tables.table import Table
    from mode.utils.collections import ManagedUserDict

    if Table.__setitem__ is not ManagedUserDict.__setitem__ or Table.__delitem__ is not ManagedUserDict.__delitem__:
        return "faust.Table overrides __setitem__/__delitem__: a write to its store may no longer skip the changelog"
    if "on_key_set" not in Table.__dict__ or "send_changelog" not in Table.on_key_set.__code__.co_names:
        return "faust.Table no longer sends its changelog record from on_key_set"
    if not isinstance(inspect.getattr_static(Table, "data", None), property):
        return "faust.Table.data is no longer the store's property"
    stores = [memory.Store]
    try:
        from faust.stores import rocksdb

        stores.append(rocksdb.Store)
    except ImportError:  # pragma: no cover - rocksdict is a dependency
        pass
    for store in stores:
        method = getattr(store, "set_persisted_offset", None)
        if not callable(method) or getattr(method, "__isabstractmethod__", False):
            return f"{store.__module__}.Store has no set_persisted_offset"
    return None


def _check_current_event(app: faust.App) -> str | None:
    from faust import streams

    variable = getattr(streams, "_current_event", None)
    if not isinstance(variable, contextvars.ContextVar):
        return "faust.streams has no _current_event context variable any more"

    class _Probe:
        pass

    probe = _Probe()
    token = variable.set(weakref.ref(probe))
    try:
        if streams.current_event() is not probe:
            return "faust.streams.current_event() no longer reads _current_event"
    finally:
        variable.reset(token)
    return None


_CHECKS: list[tuple[str, Callable[[faust.App], str | None]]] = [
    ("keep_every_fetched_record", _check_read_offset),
    ("ack_undelivered_offsets", _check_ack_by_offset),
    ("set_fetch_max_wait", _check_fetch_max_wait),
    ("underlying_producer", _check_producer),
    ("new_record_batch", _check_record_batch),
    ("open_raw_connection", _check_raw_connection),
    ("write_store_only", _check_current_event),
    ("write_store_only", _check_store_writes),
    ("leader_topic_name", lambda app: None if leader_topic_name(app).startswith(app.conf.id) else "unexpected name"),
]
