"""Adjustments to Faust that it does not expose as settings.

set_fetch_max_wait: Faust creates its aiokafka consumer with ``fetch_max_wait_ms=1500`` hard-coded.
Apache Kafka answers a fetch as soon as data is there, so the value only matters when a partition is
idle. The embedded Tansu broker holds every fetch for the full wait (measured: p50 413 ms at 1500 ms,
3 ms at 100 ms), which puts a 0.5-1.5 s floor under end-to-end latency. The embedded profile
therefore lowers it.

keep_every_fetched_record: at-least-once across rebalances (see its docstring).

linger_when_idle: fewer wake-ups per event for a stream that keeps up with its consumer.
"""

from __future__ import annotations

import asyncio
from typing import Any

from faust.transport.drivers import aiokafka as driver

_original_create = driver.AIOKafkaConsumerThread._create_worker_consumer
_original_consumer_init = driver.Consumer.__init__


def set_fetch_max_wait(milliseconds: int) -> None:
    """Make every Faust worker consumer created from now on use this fetch wait."""

    def _create_worker_consumer(self, transport):  # noqa: ANN001, ANN202 - Faust's signature
        consumer = _original_create(self, transport)
        consumer._fetch_max_wait_ms = milliseconds  # read by aiokafka when the consumer starts
        return consumer

    driver.AIOKafkaConsumerThread._create_worker_consumer = _create_worker_consumer


class _NoReadOffsetFilter(dict):
    """A read-offset map whose lookups always say "nothing read yet"."""

    def __getitem__(self, tp):  # noqa: ANN001, ANN204 - Faust's TP
        return None


def keep_every_fetched_record() -> None:
    """Stop Faust from dropping fetched records as "already read" (at-least-once across rebalances).

    Faust's fetch loop drops any record below a per-partition read offset and books any jump above
    it as an offset gap. After a rebalance that offset is unreliable: the loop goes on handing over
    a batch fetched before the partition was sought back to its committed offset, which moves the
    read offset past records that are then cleared from the agent's queue when the flow resumes, so
    their re-fetch was dropped and they were never screened (seen in the scale-out test: 45 offsets
    of the partition that moved, committed offset stuck behind them). A booked gap is worse: Faust
    treats it as acknowledged and may commit past records never screened. Without the filter a
    re-fetched record is screened again (the same flag_id, which at-least-once allows) and a
    partition is committed only up to what was acknowledged.
    """

    def __init__(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202 - Faust's signature
        _original_consumer_init(self, *args, **kwargs)
        self._read_offset = _NoReadOffsetFilter()

    driver.Consumer.__init__ = __init__


def linger_when_idle(stream: Any, seconds: float) -> None:
    """Before an event is processed, wait ``seconds`` if it was the last one Faust had handed over.

    Faust hands records to a stream through a queue. A stream that keeps up finds the queue empty
    after every event and then waits on it with a fresh task and future per event; a stream behind
    its consumer takes event after event without waiting. The worker's event loop, not screening, is
    the pipeline's limit, and in steady state (screening caches warm) the screening agent keeps up,
    so it pays that wait on almost every event. Lingering briefly when the queue runs dry lets the
    consumer put a run of records in it first (README "Streaming speed": PRECWATCH_STREAM_LINGER_S=0
    against the default in benchmarks/bench_stream.py --warm 40000).
    """
    if seconds <= 0:
        return
    queue = stream.channel.queue

    async def linger(value: Any) -> Any:
        if queue.empty():
            await asyncio.sleep(seconds)
        return value

    stream.add_processor(linger)
