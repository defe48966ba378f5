"""A second worker joins the consumer group in the middle of a stream: the partitions are split
between the two, and the flags lost in the rebalance are counted.

Known defect (README "Scale-out"): in about one run in five a few offsets of the partition that
moves are skipped at the hand-over, before events reach this worker's code (evidence points to
Faust's drain loop going on with a batch fetched before the rebalance, booking the jump as an
offset gap and dropping the re-fetched events; faust-streaming issues #221, #606). The test bounds
the loss so that a worse one fails, and prints it; it does not pretend it is zero."""

from __future__ import annotations

import time

from pipeline.broker import free_port
from tests.agents.conftest import Worker, consume, flag_ids, generated_stream, offline_flag_ids, start_producer


def test_second_worker_joins_mid_stream_without_losses(pipeline_env, tmp_path):
    stream = generated_stream(20000, 31, tmp_path)
    expected = offline_flag_ids(stream, tmp_path)

    first = Worker(pipeline_env, tmp_path / "worker-1.log").start()
    producer = start_producer(stream, pipeline_env, rate=4000)
    time.sleep(1.5)
    second = Worker({**pipeline_env, "PRECWATCH_METRICS_PORT": str(free_port())}, tmp_path / "worker-2.log")
    try:
        second.start()
        assert producer.wait(60) == 0
        # Both workers together have screened the whole stream (re-deliveries count twice) ...
        deadline = time.monotonic() + 120
        while first.events_consumed() + second.events_consumed() < 20000 and time.monotonic() < deadline:
            time.sleep(0.2)
        # ... so every flag there will be is in the topic within seconds.
        flags = consume(pipeline_env, "PRECWATCH_TOPIC_FLAGS", lambda ms: flag_ids(ms) >= expected, 20)
        assert first.events_consumed() > 0 and second.events_consumed() > 0  # the work was shared
    finally:
        first.stop()
        second.stop()
    produced = flag_ids(flags)
    assert produced <= expected  # nothing that offline screening would not raise
    lost = expected - produced
    print(f"scale-out: {len(lost)} of {len(expected)} flags lost in the rebalance")
    assert len(lost) <= 0.02 * len(expected), f"{len(lost)} of {len(expected)} flags lost in the rebalance"
