"""`precwatch flags` against the real embedded broker: where the tail starts, when it stops, live follow."""

import io
import os
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from cli.flags import parse_since, tail_flags
from devtools.local import isolated_env
from pipeline.errors import BrokerUnavailable, Unavailable, UsageError
from pipeline.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "devtools" / "data" / "transactions.jsonl"


def test_since_takes_durations_and_iso_times():
    now = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
    assert parse_since("10m", now) == now - timedelta(minutes=10)
    assert parse_since("2h", now) == now - timedelta(hours=2)
    assert parse_since("1d", now) == now - timedelta(days=1)
    assert parse_since("30s", now) == now - timedelta(seconds=30)
    assert parse_since("2026-11-29T08:00:00Z") == datetime(2026, 11, 29, 8, tzinfo=UTC)
    assert parse_since("2026-11-29T08:00:00") == datetime(2026, 11, 29, 8, tzinfo=UTC)  # no zone: UTC
    assert parse_since("2026-11-29T09:00:00+01:00") == datetime(2026, 11, 29, 8, tzinfo=UTC)
    with pytest.raises(UsageError):
        parse_since("last tuesday")


@pytest.fixture(scope="module")
def sample_flags() -> list[bytes]:
    """Real flags (the offline screening of the example stream), as the worker publishes them."""
    from chemistry.watchlist import load_watchlist
    from cli.commands import screen_files

    out = io.BytesIO()
    screen_files([str(EXAMPLES)], out, io.BytesIO(), load_watchlist(), progress=False)
    return out.getvalue().splitlines()


@pytest.fixture
def env(broker_url):
    from streaming.kafka import ensure_topics

    env = isolated_env(broker_url, f"flags-{uuid.uuid4().hex[:8]}")
    ensure_topics(Settings.from_env(env))
    return env


def publish(env: dict[str, str], flags: list[bytes]) -> None:
    from kafka import KafkaProducer

    from streaming.kafka import client_config

    settings = Settings.from_env(env)
    producer = KafkaProducer(**client_config(settings))
    try:
        for raw in flags:
            producer.send(settings.topic_flags, key=orjson.loads(raw)["declaration_id"].encode(), value=raw)
        producer.flush()
    finally:
        producer.close()


def ids(lines) -> list[str]:
    return [orjson.loads(line)["flag_id"] for line in lines]


def test_without_follow_it_prints_what_the_topic_holds_once_each_and_stops(env, sample_flags):
    old = sample_flags[:5]
    publish(env, old + old[:2])  # two re-deliveries
    out = io.StringIO()
    summary = tail_flags(Settings.from_env(env), raw_json=True, out=out)
    assert sorted(ids(out.getvalue().splitlines())) == sorted(ids(old))
    assert summary.shown == 5


def test_the_severity_filter_and_the_readable_form(env, sample_flags):
    publish(env, sample_flags)
    severities = [orjson.loads(f)["severity"] for f in sample_flags]
    out = io.StringIO()
    summary = tail_flags(Settings.from_env(env), min_severity="critical", out=out)
    assert summary.shown == severities.count("critical") > 0
    assert out.getvalue().count("CRITICAL") == severities.count("critical") and "HIGH " not in out.getvalue()


def test_since_starts_at_the_time_given(env, sample_flags):
    publish(env, sample_flags[:3])
    settings = Settings.from_env(env)
    assert tail_flags(settings, since=datetime.now(UTC) - timedelta(hours=1), out=io.StringIO()).shown == 3
    assert tail_flags(settings, since=datetime.now(UTC) + timedelta(hours=1), out=io.StringIO()).shown == 0


def test_until_stops_after_that_many_flags(env, sample_flags):
    publish(env, sample_flags[:6])
    summary = tail_flags(Settings.from_env(env), from_beginning=True, follow=True, until=4, out=io.StringIO())
    assert summary.shown == 4


def test_follow_prints_flags_published_after_it_started_and_only_those(env, sample_flags):
    old, new = sample_flags[:3], sample_flags[3:5]
    publish(env, old)
    tail = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "flags", "--follow", "--json"],
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    try:
        ready = tail.stderr.readline().decode()
        assert ready.startswith("following "), ready + tail.stderr.read().decode()
        publish(env, new)
        printed = [tail.stdout.readline(), tail.stdout.readline()]
        assert sorted(ids(printed)) == sorted(ids(new))
        assert tail.poll() is None  # still following
    finally:
        tail.terminate()
        tail.wait(10)
        tail.stdout.close()
        tail.stderr.close()


def test_follow_from_the_beginning_replays_first(env, sample_flags):
    old, new = sample_flags[:3], sample_flags[3:4]
    publish(env, old)
    out = io.StringIO()

    def publish_new():
        publish(env, new)

    summary = tail_flags(
        Settings.from_env(env), from_beginning=True, follow=True, until=4, raw_json=True, out=out, on_ready=publish_new
    )
    assert summary.shown == 4 and sorted(ids(out.getvalue().splitlines())) == sorted(ids(old + new))


def test_an_unknown_topic_is_said_plainly(env):
    settings = Settings.from_env({**env, "PRECWATCH_TOPIC_FLAGS": "no-such-flags"})
    with pytest.raises(Unavailable, match="no-such-flags"):
        tail_flags(settings, out=io.StringIO())


def test_an_unreachable_broker_is_reported_after_the_connect_timeout():
    from devtools.local import free_port

    settings = Settings(broker=f"kafka://127.0.0.1:{free_port()}", connect_timeout_s=0.5)
    started = time.monotonic()
    with pytest.raises(BrokerUnavailable) as raised:
        tail_flags(settings, out=io.StringIO())
    assert "PRECWATCH_BROKER" in raised.value.user_message()
    assert time.monotonic() - started < 20  # kafka-python's own default is 30 s


def test_a_record_that_is_not_a_flag_is_skipped_with_a_word_and_the_tail_goes_on(env, sample_flags, capsys):
    from kafka import KafkaProducer

    from streaming.kafka import client_config

    settings = Settings.from_env(env)
    producer = KafkaProducer(**client_config(settings))
    for junk in (b"not json", b'{"flag_id": 7}', b"\x1b]0;owned\x07"):
        producer.send(settings.topic_flags, key=b"k", value=junk)
    producer.flush()
    producer.close()
    publish(env, sample_flags[:3])
    out = io.StringIO()
    summary = tail_flags(settings, raw_json=True, out=out)
    assert summary.shown == 3 and summary.unreadable == 3
    assert capsys.readouterr().err.count("is not a flag: skipped") == 3


def test_raw_json_is_written_again_escaped_not_as_a_foreign_writer_put_it(env, sample_flags):
    # Valid JSON and a valid flag, but not orjson's: a carriage return between the fields would move
    # the cursor back over the line, a C1 control (CSI) or a bidirectional one inside a string is raw.
    flag = orjson.loads(sample_flags[0])
    flag["flag_id"] = "foreign-writer"
    flag["declaration_id"] = "26NL\x9b2J\u202e1"
    raw = orjson.dumps(flag).replace(b'"flag_id"', b'\r"flag_id"', 1)
    publish(env, [raw])
    out = io.StringIO()
    tail_flags(Settings.from_env(env), raw_json=True, out=out)
    line = next(line for line in out.getvalue().splitlines() if "foreign-writer" in line)
    assert not {"\r", "\x9b", "\u202e"} & set(line)
    assert orjson.loads(line)["declaration_id"] == "26NL\x9b2J\u202e1"
