"""The workbench's consumer: keeps the database current with the flags, repository, dead-letter
and cases topics.

Idempotent and resumable: rows are keyed by what the messages carry (flag id, record key, the
dead letter's position, case event ids), and the next offset of every partition is written in the
same transaction as the rows read from it. The consumer has no consumer group: its position is the
database's, so an empty database (``precwatch web rebuild``) is filled again from the beginning of
the topics, and several workbench instances on one database never split the partitions among them.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import orjson
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from pipeline.settings import Settings
from workbench import store
from workbench.extract import flag_row, repository_row

log = logging.getLogger("precwatch.workbench")
PARTITION_REFRESH_S = 10.0  # topics created after the start (no flag yet) are picked up this often


@dataclass(slots=True)
class ConsumerStatus:
    """What the Operations page shows about the consumer."""

    applied: int = 0
    unreadable: int = 0
    last_error: str = ""
    last_poll_at: float = 0.0
    assigned: list[str] = field(default_factory=list)


def ensure_cases_topic(settings: Settings) -> None:
    """Create the compacted cases topic when missing (the workbench is its only writer)."""
    from kafka import KafkaAdminClient
    from kafka.admin import NewTopic
    from kafka.errors import TopicAlreadyExistsError

    from cli.preflight import broker_errors, connect_options

    with broker_errors(settings, "cannot create the cases topic"):
        admin = KafkaAdminClient(client_id="precwatch-workbench", **connect_options(settings))
        try:
            if settings.topic_cases not in set(admin.list_topics()):
                topic = NewTopic(
                    settings.topic_cases,
                    settings.partitions,
                    settings.replication_factor,
                    topic_configs={"cleanup.policy": "compact"},
                )
                with contextlib.suppress(TopicAlreadyExistsError):  # another instance was quicker
                    admin.create_topics([topic])
        finally:
            admin.close()


class TopicConsumer:
    """Reads the four topics into the database. ``poll`` applies one batch; ``run`` loops until stopped."""

    def __init__(self, engine: Engine, settings: Settings, on_flags: Callable[[int], None] | None = None):
        self._engine = engine
        self._settings = settings
        self._kinds = {
            settings.topic_flags: "flags",
            settings.topic_repository: "repository",
            settings.topic_dead_letters: "dead_letters",
            settings.topic_cases: "cases",
        }
        self._consumer = None
        self._assigned: set = set()
        self._refreshed_at = 0.0
        self.status = ConsumerStatus()
        self._on_flags = on_flags

    def _open(self):
        if self._consumer is None:
            from kafka import KafkaConsumer

            from cli.preflight import connect_options

            self._consumer = KafkaConsumer(
                group_id=None,
                enable_auto_commit=False,
                client_id="precwatch-workbench",
                **connect_options(self._settings),
            )
        return self._consumer

    def _refresh_assignment(self) -> None:
        """Assign every partition of the topics that exist; new ones start at the stored offset or
        at the beginning."""
        from kafka import TopicPartition

        consumer = self._open()
        self._refreshed_at = time.monotonic()
        wanted = set()
        for topic in self._kinds:
            partitions = consumer.partitions_for_topic(topic)
            wanted.update(TopicPartition(topic, p) for p in partitions or ())
        if wanted == self._assigned:
            return
        new = wanted - self._assigned
        consumer.assign(sorted(wanted))
        with Session(self._engine) as session:
            offsets = store.load_offsets(session)
        starts = [tp for tp in new if (tp.topic, tp.partition) not in offsets]
        if starts:
            consumer.seek_to_beginning(*starts)
        for tp in new:
            if (tp.topic, tp.partition) in offsets:
                consumer.seek(tp, offsets[(tp.topic, tp.partition)])
        self._assigned = wanted
        self.status.assigned = sorted(f"{tp.topic}[{tp.partition}]" for tp in wanted)

    def poll(self, timeout_ms: int = 500) -> int:
        """Read what is there (up to one batch) and store it with the offsets; returns the number of records."""
        if time.monotonic() - self._refreshed_at > PARTITION_REFRESH_S or not self._assigned:
            self._refresh_assignment()
        if not self._assigned:
            time.sleep(timeout_ms / 1000)
            return 0
        batches = self._consumer.poll(timeout_ms=timeout_ms, max_records=2000)
        self.status.last_poll_at = time.time()
        records = [r for rs in batches.values() for r in rs]
        if not records:
            return 0
        flags = self.apply(records)
        if flags and self._on_flags is not None:
            self._on_flags(flags)
        return len(records)

    def apply(self, records: list) -> int:
        """Store a batch of Kafka records and the offsets after them, in one transaction; returns the
        number of flags among them."""
        flags, repository, letters, cases = [], [], [], []
        offsets: dict[tuple[str, int], int] = {}
        for record in records:
            offsets[(record.topic, record.partition)] = max(
                offsets.get((record.topic, record.partition), 0), record.offset + 1
            )
            position = f"{record.topic}/{record.partition}/{record.offset}"
            kind = self._kinds.get(record.topic)
            key = record.key.decode("utf-8", "replace") if record.key else ""
            try:
                value = orjson.loads(record.value) if record.value else None
            except orjson.JSONDecodeError:
                value = None
            if not isinstance(value, dict):
                if kind == "repository" and record.value is None:
                    continue  # a tombstone on a compacted topic: nothing to show
                letters.append((position, _unreadable(position, "not a JSON object", record.value)))
                continue
            if kind == "flags":
                flags.append((position, value))
            elif kind == "repository":
                repository.append((position, key, value))
            elif kind == "dead_letters":
                letters.append((position, value))
            elif kind == "cases":
                cases.append(value)
        with Session(self._engine) as session, session.begin():
            readable_flags = []
            for position, flag in flags:
                try:
                    # made before the batch is written (one bad flag spoils none), and written as made
                    readable_flags.append((flag_row(flag), flag))
                except (ValueError, TypeError) as exc:
                    letters.append((position, _unreadable(position, f"not a flag: {exc}", orjson.dumps(flag))))
            stored_flags = store.ingest_flag_rows(session, readable_flags)
            readable = []
            for position, key, record in repository:
                try:
                    repository_row(record, key)
                    readable.append((key, record))
                except ValueError as exc:
                    letters.append((position, _unreadable(position, str(exc), orjson.dumps(record))))
            store.ingest_repository(session, readable)
            for case in cases:
                flag_id = str(case.get("flag_id") or "")
                events = case.get("events")
                if flag_id and isinstance(events, list):
                    store.ingest_case(session, flag_id, events)
            store.ingest_dead_letters(session, letters)
            store.save_offsets(session, offsets)
        self.status.applied += len(records)
        self.status.unreadable += sum(1 for _, letter in letters if letter.get("source") == "workbench")
        return stored_flags

    def catch_up(self, timeout_s: float = 30.0, idle_polls: int = 3) -> int:
        """Poll until ``idle_polls`` polls in a row bring nothing (tests, rebuild); returns records read."""
        total, idle = 0, 0
        deadline = time.monotonic() + timeout_s
        while idle < idle_polls and time.monotonic() < deadline:
            n = self.poll(timeout_ms=300)
            total += n
            idle = 0 if n else idle + 1
        return total

    def run(self, stop: threading.Event) -> None:
        """Poll until ``stop`` is set; a broker or database error is shown and retried, not fatal."""
        while not stop.is_set():
            try:
                self.poll()
                self.status.last_error = ""
            except Exception as exc:  # the web pages stay up while the broker or database is away
                self.status.last_error = f"{type(exc).__name__}: {str(exc)[:200]}"
                log.warning("workbench consumer: %s; retrying", self.status.last_error)
                self.close()
                stop.wait(2.0)
        self.close()

    def close(self) -> None:
        if self._consumer is not None:
            self._consumer.close()
        self._consumer = None
        self._assigned = set()


def _unreadable(position: str, reason: str, value: bytes | None) -> dict:
    from datetime import UTC, datetime

    return {
        "reason": f"the workbench could not read this record: {reason}",
        "reason_code": "other",
        "error_location": position,
        "original": (value or b"")[:4096].decode("utf-8", "replace"),
        "original_encoding": "utf-8",
        "received_at": datetime.now(UTC).isoformat(),
        "source": "workbench",
    }


class CasePublisher:
    """Publishes case messages (the whole history) keyed by flag id, waiting for the broker's ack."""

    def __init__(self, settings: Settings):
        self._settings = settings
        self._producer = None
        self._lock = threading.Lock()

    def publish(self, message: dict) -> None:
        from kafka import KafkaProducer

        from cli.preflight import broker_errors, connect_options

        with self._lock, broker_errors(self._settings, "cannot record the case change"):
            if self._producer is None:
                self._producer = KafkaProducer(
                    acks="all", client_id="precwatch-workbench", **connect_options(self._settings)
                )
            future = self._producer.send(
                self._settings.topic_cases, key=message["flag_id"].encode(), value=orjson.dumps(message)
            )
            future.get(timeout=max(self._settings.connect_timeout_s, 10.0))

    def close(self) -> None:
        if self._producer is not None:
            self._producer.close(timeout=5)
            self._producer = None
