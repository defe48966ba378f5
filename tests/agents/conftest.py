"""Fixtures for tests against the real embedded broker (Tansu) and real worker processes."""

from __future__ import annotations

import os
import subprocess
import time
import urllib.request
import uuid
from pathlib import Path

import orjson
import pytest

from cli.main import main
from devtools.local import isolated_env, start_worker, wait_ready
from pipeline.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "devtools" / "data" / "transactions.jsonl"


@pytest.fixture
def pipeline_env(broker_url):
    """Unique topics and consumer group per test, so tests on the shared broker never interfere."""
    env = isolated_env(broker_url, f"test-{uuid.uuid4().hex[:8]}")
    from streaming.kafka import ensure_topics

    ensure_topics(Settings.from_env(env))
    return env


# A worker on a loaded 2-core machine (imports, RDKit, the watchlist, joining the group) can take
# tens of seconds to be ready: the bound is there for one that never will.
READY_WAIT_S = 180


class Worker:
    def __init__(self, env: dict[str, str], log_path: Path):
        self.env = env
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None

    @property
    def metrics_url(self) -> str:
        return f"http://127.0.0.1:{self.env['PRECWATCH_METRICS_PORT']}"

    def start(self, timeout_s: float = READY_WAIT_S) -> Worker:
        """Start the worker and wait for its /readyz (subscribed, watchlist loaded): the wait ends when
        it is ready; the bound only turns a worker that never gets there into a failure."""
        self.proc = start_worker(self.env, self.log_path, cwd=ROOT)
        if not wait_ready(self.metrics_url, self.proc, timeout_s):
            why = (
                f"exited with {self.proc.returncode}" if self.proc.poll() is not None else f"not ready in {timeout_s} s"
            )
            raise AssertionError(f"worker {why}:\n" + self.log_tail())
        return self

    def log_tail(self, chars: int = 3000) -> str:
        return self.log_path.read_text(errors="replace")[-chars:] if self.log_path.exists() else "(no log)"

    def events_consumed(self) -> float:
        for line in self.metrics().splitlines():
            if line.startswith("precwatch_events_consumed_total "):
                return float(line.split()[1])
        return 0.0

    def metrics(self) -> str:
        with urllib.request.urlopen(self.metrics_url + "/metrics", timeout=2) as r:
            return r.read().decode()

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill(self) -> None:
        if self.alive():
            self.proc.kill()
            self.proc.wait(10)

    def stop(self) -> None:
        if self.alive():
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()


@pytest.fixture
def worker(pipeline_env, tmp_path):
    w = Worker(pipeline_env, tmp_path / "worker.log")
    yield w
    w.stop()


def consume(env: dict[str, str], topic_var: str, until, timeout_s: float = 60.0) -> list:
    """Read a topic from the beginning until `until(messages)` is true or the timeout passes."""
    from kafka import KafkaConsumer

    from streaming.kafka import client_config

    settings = Settings.from_env(env)
    consumer = KafkaConsumer(
        env[topic_var],
        group_id=None,
        auto_offset_reset="earliest",
        consumer_timeout_ms=500,
        **client_config(settings),
    )
    messages: list = []
    deadline = time.monotonic() + timeout_s
    try:
        while time.monotonic() < deadline and not until(messages):
            for records in consumer.poll(timeout_ms=200).values():
                messages.extend(records)
    finally:
        consumer.close()
    return messages


def consume_to_end(env: dict[str, str], topic_var: str, timeout_s: float) -> tuple[list, bool]:
    """Read a topic from the beginning up to the end offsets it has now; returns the records and
    whether that end was reached within ``timeout_s`` (False: a slow read, not missing records).

    Unlike ``consume`` this checks no condition on what was read (re-parsing every record after each
    poll costs more than the reading on a loaded machine). The embedded broker reports the start of
    a partition's last batch + 1 as its end, so once past it the rest of that batch, already
    fetched, is read until a poll returns nothing."""
    from kafka import KafkaConsumer, TopicPartition

    from streaming.kafka import client_config

    settings = Settings.from_env(env)
    topic = env[topic_var]
    consumer = KafkaConsumer(group_id=None, enable_auto_commit=False, **client_config(settings))
    messages: list = []
    deadline = time.monotonic() + timeout_s
    try:
        partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        ends = consumer.end_offsets(partitions)
        while time.monotonic() < deadline:
            polled = [r for records in consumer.poll(timeout_ms=500).values() for r in records]
            messages.extend(polled)
            if not polled and all(consumer.position(tp) >= end for tp, end in ends.items()):
                return messages, True
        return messages, False
    finally:
        consumer.close()


def flag_ids(messages) -> set[str]:
    """The ids of the screening flags (follow-up flags of the stateful signals are checked by
    tests/agents/test_intelligence_e2e.py: they depend on the order events arrive in)."""
    return {flag["flag_id"] for flag in map(orjson.loads, (m.value for m in messages)) if not flag.get("follow_up_of")}


def follow_up_ids(messages) -> set[str]:
    return {flag["flag_id"] for flag in map(orjson.loads, (m.value for m in messages)) if flag.get("follow_up_of")}


def with_env(env: dict[str, str], argv: list[str]) -> int:
    """Run a precwatch command in-process with these PRECWATCH_* variables set."""
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        return main(argv)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def offline_flag_ids(events: Path, tmp_path: Path) -> set[str]:
    """The flag ids `precwatch screen` raises for an events file: what the stream must produce."""
    out = tmp_path / f"offline-{events.stem}.jsonl"
    dead = tmp_path / f"offline-{events.stem}.dlq.jsonl"
    assert main(["screen", str(events), "-o", str(out), "--dead-letter", str(dead), "--no-progress"]) == 0
    return {orjson.loads(line)["flag_id"] for line in out.read_bytes().splitlines()}


def generated_stream(events: int, seed: int, tmp_path: Path) -> Path:
    stream = tmp_path / "stream.jsonl"
    assert main(["generate", str(events), "--seed", str(seed), "-o", str(stream)]) == 0
    return stream


def start_producer(stream: Path, env: dict[str, str], rate: int) -> subprocess.Popen:
    """`precwatch produce` at a fixed rate in its own process, as a customs system would publish."""
    import sys

    return subprocess.Popen(
        [sys.executable, "-m", "cli.main", "produce", str(stream), "--rate", str(rate)],
        env={**os.environ, **env},
    )


def input_ends(env: dict[str, str], events: int) -> dict[int, int]:
    """Per input partition: the offset after its last record, once `events` records are there.
    (Read, not asked for: the embedded broker reports the start of a partition's last batch + 1.)"""
    return record_ends(consume(env, "PRECWATCH_TOPIC_TRANSACTIONS", lambda ms: len(ms) >= events))


def uncommitted(
    env: dict[str, str], ends: dict[int, int], topic_var: str = "PRECWATCH_TOPIC_TRANSACTIONS"
) -> dict[int, int]:
    """Per partition of a topic the workers read (the input by default): records after the consumer
    group's committed offset."""
    from kafka import KafkaConsumer, TopicPartition

    from streaming.kafka import client_config

    settings = Settings.from_env(env)
    consumer = KafkaConsumer(group_id=settings.group_id, enable_auto_commit=False, **client_config(settings))
    try:
        topic = env[topic_var]
        return {p: end - (consumer.committed(TopicPartition(topic, p)) or 0) for p, end in ends.items()}
    finally:
        consumer.close()


def wait_committed(
    env: dict[str, str], ends: dict[int, int], timeout_s: float, topic_var: str = "PRECWATCH_TOPIC_TRANSACTIONS"
) -> dict[int, int]:
    """Wait until the group has committed every partition of a topic it reads (the input by default)
    to its end; return what is left."""
    deadline = time.monotonic() + timeout_s
    while any((behind := uncommitted(env, ends, topic_var)).values()) and time.monotonic() < deadline:
        time.sleep(0.5)
    return behind


def wait_until(condition, timeout_s: float, waiting_for: str) -> None:
    """Poll ``condition`` until it holds. The wait ends on the event itself; the bound only turns a
    stuck run into a failure that says what never happened (generous: it costs nothing when all is well)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, f"timed out after {timeout_s:.0f} s waiting for {waiting_for}"
        time.sleep(0.2)


def settled_flags(env: dict[str, str], events: int, timeout_s: float) -> list:
    """The flags topic once the workers have handled every one of ``events`` input records and every
    observation those raised: the group has committed the input, then the observations topic, to their
    ends. An agent publishes its outputs before it acknowledges their input, so nothing more follows
    (no sleeping in the hope that anything extra would show within a few seconds)."""
    input_records = consume(env, "PRECWATCH_TOPIC_TRANSACTIONS", lambda ms: len(ms) >= events, timeout_s)
    assert len(input_records) == events, f"{len(input_records)} of {events} input records read back"
    behind = wait_committed(env, record_ends(input_records), timeout_s)
    assert not any(behind.values()), f"input not committed to its end within {timeout_s:.0f} s: {behind}"
    observations, read = consume_to_end(env, "PRECWATCH_TOPIC_OBSERVATIONS", timeout_s)
    assert read, f"the observations topic was not read to its end within {timeout_s:.0f} s"
    behind = wait_committed(env, record_ends(observations), timeout_s, "PRECWATCH_TOPIC_OBSERVATIONS")
    assert not any(behind.values()), f"observations not committed to their end within {timeout_s:.0f} s: {behind}"
    flags, read = consume_to_end(env, "PRECWATCH_TOPIC_FLAGS", timeout_s)
    assert read, f"the flags topic was not read to its end within {timeout_s:.0f} s"
    return flags


def record_ends(records) -> dict[int, int]:
    """Per partition: the offset after the last of these records."""
    ends: dict[int, int] = {}
    for r in records:
        ends[r.partition] = max(ends.get(r.partition, 0), r.offset + 1)
    return ends


def split_stream(stream: Path, fraction: float) -> tuple[Path, Path]:
    """The first ``fraction`` of an events file and the rest, as two files beside it: a kill test
    sends the first part, kills a worker while it works on it and sends the rest afterwards, so the
    kill lands mid-stream by construction rather than by timing."""
    lines = stream.read_bytes().splitlines(keepends=True)
    cut = int(len(lines) * fraction)
    before, after = stream.with_name(f"{stream.stem}-before.jsonl"), stream.with_name(f"{stream.stem}-after.jsonl")
    before.write_bytes(b"".join(lines[:cut]))
    after.write_bytes(b"".join(lines[cut:]))
    return before, after


def kill_mid_stream(
    env: dict[str, str], before: Path, after: Path, log_path: Path, rate: int, published, what: str
) -> list:
    """A worker is sent ``before`` at ``rate`` events/s and SIGKILLed as soon as the flags topic holds
    what ``published(messages)`` asks for (so it has demonstrably screened and delivered part of the
    stream, with events still arriving); then ``after`` is sent. Returns the flags topic as the kill
    left it, read to its end."""
    worker = Worker(env, log_path).start()
    producer = start_producer(before, env, rate)
    try:
        seen = consume(env, "PRECWATCH_TOPIC_FLAGS", published, KILL_WAIT_S)
        assert published(seen), f"no {what} published within {KILL_WAIT_S} s:\n" + worker.log_tail()
    finally:
        worker.kill()
        producer_exit = producer.wait(60)
    assert producer_exit == 0, f"the producer exited with {producer_exit}"
    at_kill, read = consume_to_end(env, "PRECWATCH_TOPIC_FLAGS", 60)
    assert read, "the flags topic was not read to its end within 60 s"
    assert with_env(env, ["produce", str(after)]) == 0
    return at_kill


# Only a stuck worker takes this long to publish its first flag: a loaded machine takes seconds.
KILL_WAIT_S = 180
