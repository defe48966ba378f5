"""The stateful signals' Faust table and its store (docs/intelligence.md, "Tables").

One table, ``precwatch-intelligence``: key = facet key (``consignee:…``, ``name:…``, ``address:…``,
``consignor:…``, ``substance:…``, pipeline/intelligence_observe.py facet_keys), value = that key's
state as JSON (pipeline/intelligence.py). Its changelog topic is
``<group id>-precwatch-intelligence-changelog``, partitioned like the observations topic: the
changelog partition comes from the key (use_partitioner) with the default Kafka partitioner, which is
how the screening stage routes each observation (pipeline/routing.py), so a key's state and its
observations share a partition number and Faust assigns both to the same worker.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from pipeline.routing import partition_for
from pipeline.settings import Settings
from streaming.compat import new_record_batch, note_changelog_offset, write_store_only
from streaming.continuity import Hole

if TYPE_CHECKING:
    import faust

    from streaming.publish import RecordBatch
    from streaming.screening_flow import Acknowledger

INTELLIGENCE_TABLE = "precwatch-intelligence"


def table_store_url(settings: Settings) -> str:
    """Faust's store URL: memory (state rebuilt from the changelog on start) or RocksDB on disk."""
    store = settings.table_store
    if store == "auto":
        store = "memory" if settings.profile == "embedded" else "rocksdb"
    return f"{store}://"


def changelog_topic(settings: Settings) -> str:
    return f"{settings.group_id}-{INTELLIGENCE_TABLE}-changelog"


def intelligence_table(app: faust.App, settings: Settings) -> faust.Table:
    return app.Table(
        INTELLIGENCE_TABLE,
        default=None,
        partitions=settings.partitions,
        key_type=bytes,
        value_type=bytes,
        use_partitioner=True,
        store=table_store_url(settings),
    )


class ChangelogWriter:
    """Writes a batch of a table's keys: their changelog records as record batches, and once those are
    delivered, the table's store (and, for RocksDB, the offset recovery resumes after).

    Instead of ``table[key] = value``, which sends each record on Faust's per-record path (a future,
    a serialiser and a produce batch of its own on the embedded profile) on the worker's event loop.
    Records go to the partition the default Kafka partitioner gives their key, as Faust's
    ``use_partitioner`` would, in the order given. The last record of each partition is a batch of
    its own: the embedded broker reports a partition's end as the start of its last batch + 1
    (streaming/profiles.py), and table recovery reads up to there, so every record must be in a batch
    that starts at or before the last one. Nothing reaches the store before its record is delivered;
    if delivery fails, the store keeps the old values (the caller's batch fails and is replayed).

    ``writes``: (key, value or None to delete, the event the key's state came from: RocksDB files
    a write under that event's partition, streaming/compat.py write_store_only)."""

    def __init__(
        self,
        table: Any,
        producer: Callable[[], Any],
        max_batch_bytes: int,
        new_batch: Callable[[], RecordBatch] | None = None,
        write_store: Callable[[Any, bytes, bytes | None, Any], None] = write_store_only,
        note_offset: Callable[[Any, int, int], None] = note_changelog_offset,
    ) -> None:
        self._table = table
        self._producer = producer
        self._new_batch = new_batch or partial(new_record_batch, max_batch_bytes)
        self._write_store = write_store
        self._note_offset = note_offset

    async def write(self, writes: Sequence[tuple[bytes, bytes | None, Any]]) -> None:
        if not writes:
            return
        producer = self._producer()
        topic = self._table.changelog_topic.get_topic_name()
        count = len(await producer.partitions_for(topic))
        by_partition: dict[int, list[tuple[bytes, bytes | None]]] = {}
        for key, value, _ in writes:
            by_partition.setdefault(partition_for(key, count), []).append((key, value))
        futures: list[asyncio.Future] = []
        last: dict[int, asyncio.Future] = {}
        for partition, records in by_partition.items():
            for batch in self._batches(records[:-1]):
                futures.append(await producer.send_batch(batch, topic, partition=partition))
            (alone,) = self._batches(records[-1:])
            last[partition] = await producer.send_batch(alone, topic, partition=partition)
        delivered = await asyncio.gather(*futures, *last.values())
        for key, value, origin in writes:
            self._write_store(self._table, key, value, origin)
        for partition, metadata in zip(last, delivered[len(futures) :], strict=True):
            if metadata is not None:  # None only without acknowledgements (acks=0), which no profile sets
                self._note_offset(self._table, partition, metadata.offset)

    def _batches(self, records: list[tuple[bytes, bytes | None]]) -> list[RecordBatch]:
        if not records:
            return []
        batches = [self._new_batch()]
        for key, value in records:
            if batches[-1].append(key=key, value=value, timestamp=None, headers=[]) is None:
                batches[-1].close()  # full: the next one (a record larger than a batch still fits alone)
                batches.append(self._new_batch())
                batches[-1].append(key=key, value=value, timestamp=None, headers=[])
        batches[-1].close()
        return batches


class StateFlusher:
    """The stateful stage's states written, and its observations acknowledged, once per interval rather
    than once per batch (docs/intelligence.md, "Order of work").

    A busy key is changed by most batches, and its state holds every event of its window: written
    per batch, its changelog record was the layer's largest byte stream. Here the batches of an
    interval share one overlay (``states``, a PendingStates: what the table will hold), each batch
    sends its follow-up flags and waits for their delivery as before, and ``flush`` writes every key
    changed since the last one once (``write``: the ChangelogWriter) and only then acknowledges the
    observations of those batches (``ack``). A crash or a rebalance before a flush re-delivers
    them, and they are applied again to the states the table holds, which their flags were computed
    from: the same flags with the same ids, as for a crash within one batch.

    ``lock`` serialises batches and flushes (the agent's loop and the idle timer). ``abandon`` after a
    batch failed half-way: its overlay may hold part of it, so nothing more is written or acknowledged
    (the worker restarts and re-reads from the committed offsets).

    ``acknowledger`` (streaming/screening_flow.py FaustAcknowledger): a batch's events, and the offsets
    the consumer skipped before them (``holes``: read again and applied with the batch,
    streaming/continuity.py), which are acknowledged first. Faust commits the first run of consecutive
    acknowledged offsets without checking, before a partition's first commit, that it starts at the
    committed position (faust-streaming issue #606): a batch's events acknowledged before the offsets
    skipped ahead of them could be committed past them."""

    def __init__(
        self,
        new_states: Callable[[], Any],
        write: Callable[[list], Any],
        acknowledger: Acknowledger,
        interval_s: float,
        max_held: int,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self._new_states = new_states
        self._write = write
        self._acknowledger = acknowledger
        self.interval_s = interval_s
        self.max_held = max_held
        self._clock = clock or time.monotonic
        self.lock = asyncio.Lock()
        self.states = new_states()
        self.held: list[Any] = []
        self._since: float | None = None
        self.abandoned = False

    def due(self) -> bool:
        """Observations are held, and the oldest for the interval, or as many as ``max_held``."""
        return bool(self.held) and (
            len(self.held) >= self.max_held or self._clock() - (self._since or 0.0) >= self.interval_s
        )

    def hold(self, events: Sequence[Any], holes: Sequence[Hole] = ()) -> None:
        """The events of a batch whose flags are delivered, after the offsets skipped before them
        (``holes``, applied with the batch): acknowledged at the next flush, in that order."""
        if self.abandoned:
            raise RuntimeError("the stateful stage's states were abandoned after a failed batch")
        if not self.held:
            self._since = self._clock()
        self.held.extend(holes)
        self.held.extend(events)

    async def flush(self) -> list:
        """Write the states changed since the last flush, then acknowledge the held events. Returns the
        writes (key, value, origin). If the write fails, nothing is acknowledged (the caller fails)."""
        if self.abandoned:
            return []
        try:
            writes = self.states.take()
            if writes:
                await self._write(writes)
        except BaseException:
            self.abandon()
            raise
        self.states = self._new_states()
        held, self.held, self._since = self.held, [], None
        for item in held:
            if type(item) is Hole:
                self._acknowledger.ack_offsets(item.partition, range(item.start, item.end))
            else:
                await self._acknowledger.ack_event(item)
        return writes

    def abandon(self) -> None:
        self.abandoned = True
        self.states = self._new_states()
        self.held = []
