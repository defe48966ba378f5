"""`precwatch rescreen --since DURATION|TIMESTAMP`: past transactions screened again against the
current watchlist, publishing only what is new.

When the watchlist changes (a new designer precursor is listed), investigators need to know which
past consignments contained it. This re-reads the retained history of the transactions topic, from
``since`` up to when the run started (later events are screened by the workers as they come),
screens it on every core (cli/parallel.py, pipeline/chunks.py ``screen_records``) and publishes to
the flags topic only the flags that are new or more severe than any published before for the same
goods item, marked ``retro: true`` with the watchlist version that found them.

What was published before is read from the flags topic itself (all of it, before any screening):
for each (event id, item line) the most severe flag and every flag id. A flag is published when its
id is unknown and its severity ranks above the item's earlier ones. Flag ids are deterministic (event
id, item line, watchlist version), so a run repeated, or resumed after an interruption, finds its
own flags on the topic and adds nothing.

Resuming: the run commits, to a consumer group of its own, the offsets up to which the transactions
topic has been screened and its flags acknowledged. The group's name is derived from the watchlist
version and the ``--since`` text as given, so running the same command again continues where the
last run stopped (for a DURATION the window start moves forward with the clock, and everything the
committed offsets skip lies inside the earlier, longer window). Another ``--since`` or another
watchlist starts from the beginning of its window.

Record positions are found by reading, not by asking the broker: the embedded broker answers
offset-by-time and end-offset requests only approximately. Records older than ``since`` are read
past; a partition ends at its first record stamped after the run started, or when the topic has
nothing more to give.
"""

from __future__ import annotations

import contextlib
import hashlib
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import orjson

from chemistry.watchlist import Watchlist
from cli.flags import parse_since
from cli.preflight import broker_errors, connect_options, probe_broker
from pipeline.chunks import ChunkResult, KafkaRecord
from pipeline.routing import partition_for
from pipeline.settings import Settings
from schemas.flags import SEVERITIES

RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}
CHUNK_RECORDS = 500
POLL_MS = 500
IDLE_POLLS = 3  # empty polls in a row after which a topic has nothing more to give


def rescreen_group(settings: Settings, watchlist_version: str, since_text: str) -> str:
    """The consumer group of a rescreen: the same command (watchlist, --since as given) resumes."""
    digest = hashlib.sha256(f"{watchlist_version}\x1f{since_text.strip()}".encode()).hexdigest()[:16]
    return f"{settings.group_id}.rescreen.{digest}"


@dataclass(slots=True)
class PublishedFlags:
    """What the flags topic already says per goods item: its most severe flag and every flag id."""

    severity: dict[tuple[str, int], int]
    ids: set[str]

    def is_news(self, flag_id: str, event_id: str, item_line: int, severity: str) -> bool:
        """A flag not published before, more severe than any published for its item."""
        return flag_id not in self.ids and RANK[severity] > self.severity.get((event_id, item_line), -1)

    def add(self, flag_id: str, event_id: str, item_line: int, severity: str) -> None:
        self.ids.add(flag_id)
        key = (event_id, item_line)
        self.severity[key] = max(self.severity.get(key, -1), RANK[severity])


def read_published_flags(values: Iterator[bytes | None]) -> PublishedFlags:
    """PublishedFlags from the values of the flags topic (a value that is not a flag is passed over:
    the topic is ours, but a consumer must not stop on one bad record)."""
    published = PublishedFlags({}, set())
    for value in values:
        try:
            flag = orjson.loads(value or b"")
            published.add(flag["flag_id"], flag["event_id"], int(flag["item_line"]), flag["severity"])
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
            continue
    return published


def select_news(result: ChunkResult, published: PublishedFlags) -> list[tuple[bytes, bytes, list]]:
    """The flags of a screened chunk to publish, as (key, value, headers), in input order; each one
    is added to ``published`` (two items of one run never both pass for the same item)."""
    out = []
    for line in result.output.splitlines():
        flag = orjson.loads(line)
        flag_id, event_id, item_line, severity = flag["flag_id"], flag["event_id"], flag["item_line"], flag["severity"]
        if not published.is_news(flag_id, event_id, item_line, severity):
            continue
        published.add(flag_id, event_id, item_line, severity)
        headers = [
            ("flag_id", flag_id.encode()),
            ("severity", severity.encode()),
            ("watchlist_version", flag["watchlist_version"].encode()),
            ("retro", b"true"),
        ]
        out.append((flag["declaration_id"].encode(), line, headers))
    return out


@dataclass(slots=True)
class RescreenSummary:
    since: datetime
    watchlist_version: str
    group: str
    jobs: int = 1
    records: int = 0  # read in the window (from the committed offsets on)
    skipped_before_since: int = 0
    events: int = 0
    items: int = 0
    unreadable: int = 0  # dead-lettered by the worker when they first came
    flags_found: int = 0  # flags the current watchlist raises on the window
    published: int = 0  # of which new or more severe: published with retro: true
    resumed: bool = False  # committed offsets of an earlier run were found
    complete: bool = False  # the whole window was screened (not stopped by --max-records)
    elapsed_s: float = 0.0

    def describe(self) -> str:
        rate = self.items / max(self.elapsed_s, 1e-9)
        state = "complete" if self.complete else "stopped early: run the same command again to go on"
        return (
            f"rescreened {self.records} records since {self.since.isoformat()} against watchlist "
            f"{self.watchlist_version}{' (resumed)' if self.resumed else ''}: {self.events} events, {self.items} items "
            f"in {self.elapsed_s:.2f}s ({rate:,.0f} items/s, {self.jobs} job{'s' if self.jobs > 1 else ''}); "
            f"{self.flags_found} flags raised, {self.published} new or more severe published (retro); "
            f"{self.unreadable} unreadable records (dead-lettered when they came); {state}"
        )


def rescreen(
    settings: Settings,
    watchlist: Watchlist,
    since_text: str,
    jobs: int,
    max_records: int | None = None,
    progress: Callable[[RescreenSummary], None] | None = None,
    now: datetime | None = None,
    chunk_records: int = CHUNK_RECORDS,
) -> RescreenSummary:
    """Screen the transactions topic's records from ``since_text`` (see the module) against
    ``watchlist`` with ``jobs`` processes and publish the new or more severe flags. ``max_records``
    stops after about that many records (a chunk boundary), committed: the next run goes on."""
    from kafka import KafkaConsumer, KafkaProducer, TopicPartition
    from kafka.structs import OffsetAndMetadata

    started = now or datetime.now(UTC)
    summary = RescreenSummary(
        parse_since(since_text, started), watchlist.version, rescreen_group(settings, watchlist.version, since_text)
    )
    since_ms, started_ms = summary.since.timestamp() * 1000, started.timestamp() * 1000
    clock = time.perf_counter()
    probe_broker(settings)
    with broker_errors(settings, "cannot rescreen"):
        published = read_published_flags(value for _, value in topic_records(settings, settings.topic_flags))
        consumer = KafkaConsumer(group_id=summary.group, enable_auto_commit=False, **connect_options(settings))
        producer = KafkaProducer(linger_ms=5, **connect_options(settings))
        try:
            topic = settings.topic_transactions
            tps = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
            flag_partitions = len(consumer.partitions_for_topic(settings.topic_flags) or ()) or None
            consumer.assign(tps)
            for tp in tps:
                committed = consumer.committed(tp)
                if committed is not None:
                    consumer.seek(tp, committed)
                    summary.resumed = True
                else:
                    consumer.seek_to_beginning(tp)
            window = RescreenWindow(consumer, tps, since_ms, started_ms, chunk_records, max_records)
            done_upto: deque[dict[int, int]] = deque()  # per chunk in flight: partition -> offset to commit

            def chunks() -> Iterator[list[KafkaRecord]]:
                for records, commit in window.chunks():
                    done_upto.append(commit)
                    yield records

            # closing(): the child processes stop with the run, however it ends (Ctrl-C, a broker error).
            with contextlib.closing(_screened(chunks(), settings, watchlist, jobs, started, summary)) as results:
                for result in results:
                    commit = done_upto.popleft()
                    summary.records, summary.skipped_before_since = window.records, window.skipped_before_since
                    summary.events += result.events
                    summary.items += result.items
                    summary.unreadable += result.unreadable
                    summary.flags_found += sum(result.severities.values())
                    for key, value, headers in select_news(result, published):
                        partition = partition_for(key, flag_partitions) if flag_partitions else None
                        producer.send(settings.topic_flags, key=key, value=value, headers=headers, partition=partition)
                        summary.published += 1
                    producer.flush()  # the flags are acknowledged before the records are marked done
                    if commit:
                        consumer.commit(
                            {
                                TopicPartition(topic, p): OffsetAndMetadata(offset, None, -1)
                                for p, offset in commit.items()
                            }
                        )
                    summary.elapsed_s = time.perf_counter() - clock
                    if progress is not None:
                        progress(summary)
        finally:
            producer.close()
            consumer.close()
    summary.complete = window.complete
    summary.elapsed_s = time.perf_counter() - clock
    return summary


class RescreenWindow:
    """The records of the window, read from a consumer assigned to the transactions topic's
    partitions (at their start or committed offsets), in chunks; with each chunk, per partition, the
    offset up to which everything has been read once the chunk is done (records before ``since_ms``
    are read past and counted; they are committed past too).

    A partition ends at its first record stamped at or after ``until_ms`` (not read past, so a
    later run starts there), or when ``idle_polls`` polls in a row return nothing. ``max_records``
    stops after the chunk that reaches it; ``complete`` then stays False."""

    def __init__(
        self,
        consumer,
        partitions: list,
        since_ms: float,
        until_ms: float,
        chunk_records: int,
        max_records: int | None = None,
        idle_polls: int = IDLE_POLLS,
    ):
        self.consumer = consumer
        self.partitions = partitions
        self.since_ms, self.until_ms = since_ms, until_ms
        self.chunk_records, self.max_records, self.idle_polls = chunk_records, max_records, idle_polls
        self.records = 0  # in the window, handed out in chunks
        self.skipped_before_since = 0
        self.complete = False

    def chunks(self) -> Iterator[tuple[list[KafkaRecord], dict[int, int]]]:
        pending: list[KafkaRecord] = []
        read_upto: dict[int, int] = {}  # partition -> offset after the last record read
        handed: dict[int, int] = {}  # read_upto as last handed out with a chunk
        ended: set[int] = set()
        idle = 0
        while len(ended) < len(self.partitions) and idle < self.idle_polls:
            if self.max_records is not None and self.records >= self.max_records:
                break
            batch = self.consumer.poll(timeout_ms=POLL_MS, max_records=self.chunk_records)
            idle = 0 if batch else idle + 1
            for tp, records in batch.items():
                for record in records:
                    if tp.partition in ended:
                        break
                    if record.timestamp >= self.until_ms:
                        ended.add(tp.partition)  # screened as it came, by the watchlist in force
                        self.consumer.pause(tp)
                        break
                    read_upto[tp.partition] = record.offset + 1
                    if record.timestamp < self.since_ms:
                        self.skipped_before_since += 1
                        continue
                    self.records += 1
                    pending.append(KafkaRecord(record.partition, record.offset, record.value))
            if len(pending) >= self.chunk_records or (pending and not batch):
                yield pending, dict(read_upto)
                pending, handed = [], dict(read_upto)
        else:
            self.complete = True
        if pending or read_upto != handed:  # the rest, or only records read past: committed too
            yield pending, dict(read_upto)


def _screened(chunks, settings: Settings, watchlist: Watchlist, jobs: int, now: datetime, summary: RescreenSummary):
    """Each chunk's ChunkResult in order: in this process with one job, else in a ScreeningPool."""
    from pipeline.chunks import decode_result, encode_records_chunk, screen_records

    topic = settings.topic_transactions
    if jobs <= 1:
        from pipeline.screening import Screener

        screener = Screener(watchlist, settings)
        for chunk in chunks:
            yield screen_records(chunk, topic, screener, now)
        return
    from cli.parallel import ScreeningPool

    summary.jobs = jobs
    with ScreeningPool(jobs, settings, watchlist) as pool:
        requests = ((b"K", encode_records_chunk(chunk, topic, now)) for chunk in chunks)
        for answer in pool.map(requests):
            yield decode_result(answer)


def topic_records(settings: Settings, topic: str) -> Iterator[tuple[bytes | None, bytes | None]]:
    """(key, value) of every record of a topic from its beginning, until it has nothing more to give.
    A topic that does not exist gives nothing (it is not created by reading it)."""
    from kafka import KafkaConsumer, TopicPartition

    consumer = KafkaConsumer(enable_auto_commit=False, allow_auto_create_topics=False, **connect_options(settings))
    try:
        tps = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
        if not tps:
            return
        consumer.assign(tps)
        consumer.seek_to_beginning(*tps)
        idle = 0
        while idle < IDLE_POLLS:
            batch = consumer.poll(timeout_ms=POLL_MS)
            idle = 0 if batch else idle + 1
            for records in batch.values():
                for record in records:
                    yield record.key, record.value
    finally:
        consumer.close()


class ProgressLines:
    """A progress line on stderr at most every ``every_s`` seconds."""

    def __init__(self, every_s: float = 2.0):
        self.every_s = every_s
        self.last = 0.0

    def __call__(self, summary: RescreenSummary) -> None:
        now = time.monotonic()
        if now - self.last < self.every_s:
            return
        self.last = now
        print(
            f"rescreen: {summary.records} records, {summary.items} items, {summary.published} new flags so far",
            file=sys.stderr,
            flush=True,
        )
