"""A second worker joins the consumer group in the middle of a stream: the partitions are split
between the two and no flag is lost in the rebalance (duplicates would be allowed)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import orjson

from pipeline.broker import free_port
from pipeline.cli import main
from tests.agents.conftest import Worker, consume, flag_ids


def test_second_worker_joins_mid_stream_without_losses(pipeline_env, tmp_path):
    stream = tmp_path / "stream.jsonl"
    assert main(["generate", "20000", "--seed", "31", "-o", str(stream)]) == 0
    offline = tmp_path / "offline.jsonl"
    assert main(["screen", str(stream), "-o", str(offline), "--no-progress"]) == 0
    expected = {orjson.loads(line)["flag_id"] for line in offline.read_bytes().splitlines()}

    first = Worker(pipeline_env, tmp_path / "worker-1.log").start()
    producer = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "produce", str(stream), "--rate", "4000"],
        env={**os.environ, **pipeline_env},
    )
    time.sleep(1.5)
    second = Worker({**pipeline_env, "PRECWATCH_METRICS_PORT": str(free_port())}, tmp_path / "worker-2.log")
    try:
        second.start()
        assert producer.wait(60) == 0
        flags = consume(pipeline_env, "PRECWATCH_TOPIC_FLAGS", lambda ms: flag_ids(ms) >= expected, 120)
        assert first.events_consumed() > 0 and second.events_consumed() > 0  # the work was shared
    finally:
        first.stop()
        second.stop()
    assert flag_ids(flags) == expected
