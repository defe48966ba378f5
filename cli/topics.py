"""Reading a topic outside the consumer group, for the commands that show what a topic holds
(`precwatch flags`, `precwatch repository`, `precwatch dead-letters`).

A consumer without a group, assigned every partition by hand: it commits nothing and cannot disturb
the workers' assignment or offsets.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import datetime

from cli.preflight import broker_errors, connect_options
from pipeline.errors import Unavailable
from pipeline.settings import Settings

# Without follow, reading stops at the end offsets read when it started; if a broker reports an end
# it never reaches, it stops after this long without a record instead of hanging.
CATCH_UP_IDLE_S = 5.0


def read_records(
    settings: Settings,
    topic: str,
    *,
    what: str,
    setting: str,
    from_beginning: bool = True,
    since: datetime | None = None,
    follow: bool = False,
    on_ready: Callable[[], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> Iterator:
    """The records of ``topic`` (kafka-python ConsumerRecords), partition by partition in offset order.

    Starts at ``since`` (the first record published at or after it), else at the beginning when
    ``from_beginning``, else at the end. Without ``follow`` it stops at the end the topic had when it
    started; with it, when the caller stops iterating or ``stop`` (asked before every poll, so also
    while no record arrives) says so. ``what`` names the records in error messages
    ("the dead letters") and ``setting`` the variable that names the topic."""
    from kafka import KafkaConsumer, TopicPartition

    from streaming.kafka import check_login

    doing = f"cannot read {what}"
    check_login(settings, timeout_s=settings.connect_timeout_s)  # a refused login is not "unreachable"
    with broker_errors(settings, doing):
        consumer = KafkaConsumer(group_id=None, enable_auto_commit=False, **connect_options(settings))
    try:
        with broker_errors(settings, doing):
            partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
            if not partitions:
                raise Unavailable(
                    f"the broker at {settings.broker} has no topic {topic!r}",
                    hint=f"has a worker created it? is {setting} right?",
                )
            consumer.assign(partitions)
            seek_start(
                consumer,
                partitions,
                from_beginning=from_beginning,
                since=since,
                timeout_s=max(settings.connect_timeout_s, 5.0),
            )
            ends = None if follow else consumer.end_offsets(partitions)
        if on_ready is not None:
            on_ready()
        since_ms = int(since.timestamp() * 1000) if since is not None else None
        last_new = time.monotonic()
        while ends is None or not (
            all(consumer.position(tp) >= ends[tp] for tp in partitions) or time.monotonic() - last_new > CATCH_UP_IDLE_S
        ):
            if stop is not None and stop():
                break
            with broker_errors(settings, doing):
                batches = consumer.poll(timeout_ms=200)
            for records in batches.values():
                for record in records:
                    last_new = time.monotonic()
                    if since_ms is not None and record.timestamp < since_ms:
                        continue  # earlier in the record batch where the time lookup landed
                    yield record
    finally:
        consumer.close()


def seek_start(consumer, partitions: list, *, from_beginning: bool, since: datetime | None, timeout_s: float) -> None:
    """Position every partition where the tail starts (before ``on_ready`` is called)."""
    at_end = []
    if since is not None:
        stamp = int(since.timestamp() * 1000)
        found = consumer.offsets_for_times(dict.fromkeys(partitions, stamp))
        for tp in partitions:
            hit = found.get(tp)
            # The embedded broker answers "nothing that recent" with offset 0 and timestamp -1.
            if hit is not None and hit.timestamp >= 0:
                consumer.seek(tp, hit.offset)
            else:
                at_end.append(tp)
    elif from_beginning:
        consumer.seek_to_beginning(*partitions)
    else:
        at_end = list(partitions)
    if at_end:
        others = [tp for tp in partitions if tp not in at_end]
        consumer.pause(*others)
        try:
            skip_to_end(consumer, at_end, timeout_s)
        finally:
            consumer.resume(*others)
    for tp in partitions:
        # Resolve the positions now: a lazy reset would happen at the first poll, and a flag
        # published in between would be skipped although the tail had said it was ready.
        consumer.position(tp)


def skip_to_end(consumer, partitions: list, timeout_s: float) -> None:
    """Position after the last record each partition holds now.

    seek_to_end alone would do on Apache Kafka; the embedded broker reports as end offset the start
    of a partition's last record batch + 1, so the rest of that batch would be printed as new.
    Reading the last record from there moves past the whole batch, on either broker."""
    consumer.seek_to_end(*partitions)
    ends = {tp: consumer.position(tp) for tp in partitions}
    pending = [tp for tp in partitions if ends[tp] > 0]
    for tp in pending:
        consumer.seek(tp, ends[tp] - 1)
    deadline = time.monotonic() + timeout_s
    while pending and time.monotonic() < deadline:
        consumer.poll(timeout_ms=100)  # records that were there before the tail started: not shown
        pending = [tp for tp in pending if consumer.position(tp) < ends[tp]]
