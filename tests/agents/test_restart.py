"""Kill a worker with SIGKILL in the middle of a 20,000-event stream, start it again, and show that
every expected flag was produced (duplicates allowed: at-least-once; losses not)."""

from __future__ import annotations

import time

import orjson

from pipeline.cli import main
from tests.agents.conftest import Worker, consume, flag_ids
from tests.agents.test_pipeline_e2e import _with_env

EVENTS = 20_000


def test_sigkill_mid_stream_loses_no_flag(pipeline_env, tmp_path):
    stream = tmp_path / "stream.jsonl"
    assert main(["generate", str(EVENTS), "--seed", "21", "-o", str(stream)]) == 0
    offline = tmp_path / "offline.jsonl"
    assert main(["screen", str(stream), "-o", str(offline), "--no-progress"]) == 0
    expected = {orjson.loads(line)["flag_id"] for line in offline.read_bytes().splitlines()}
    assert len(expected) > 1000

    first = Worker(pipeline_env, tmp_path / "worker-1.log").start()
    assert _with_env(pipeline_env, ["produce", str(stream)]) == 0

    # Kill while the worker is busy, once a fifth of the stream has been screened.
    deadline = time.monotonic() + 120
    while first.events_consumed() < EVENTS // 5 and time.monotonic() < deadline:
        time.sleep(0.02)
    first.kill()
    partial = consume(pipeline_env, "PRECWATCH_TOPIC_FLAGS", lambda ms: False, 3)
    killed_at = len(flag_ids(partial))
    assert 0 < killed_at < len(expected), f"the kill must land mid-stream ({killed_at} of {len(expected)} flags)"

    second = Worker(pipeline_env, tmp_path / "worker-2.log").start()
    try:
        everything = consume(pipeline_env, "PRECWATCH_TOPIC_FLAGS", lambda ms: flag_ids(ms) >= expected, 240)
    finally:
        second.stop()
    produced = flag_ids(everything)
    missing = expected - produced
    assert not missing, f"{len(missing)} flags lost after SIGKILL"
    assert produced == expected  # and nothing that offline screening would not produce
    duplicates = len(everything) - len(produced)
    print(f"killed after {killed_at} flags; {len(everything)} flag messages, {duplicates} duplicates, 0 lost")
