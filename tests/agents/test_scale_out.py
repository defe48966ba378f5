"""Workers join and leave the consumer group in the middle of a stream: no flag is lost in the
rebalance, and the group commits every partition to its end.

Before streaming/compat.py keep_every_fetched_record and streaming/continuity.py, about one run in
five of the joining test lost offsets of the partition that moved (4 to 188 flags in the runs on
record), and the new owner then never committed that partition again.

The flags topic is read to the end offsets it has once the input is committed, with no condition
checked while reading: on a loaded machine a read limited in time (and re-parsing everything read
after each poll) ended before the topic's end and reported flags that were there as lost."""

from __future__ import annotations

from devtools.local import free_port
from tests.agents.conftest import (
    Worker,
    consume_to_end,
    flag_ids,
    generated_stream,
    input_ends,
    offline_flag_ids,
    split_stream,
    start_producer,
    wait_committed,
    wait_until,
)

EVENTS = 20000


def another_worker(env: dict[str, str], log_path) -> Worker:
    return Worker({**env, "PRECWATCH_METRICS_PORT": str(free_port())}, log_path)


def read_flags(env: dict[str, str]) -> list:
    """Every record of the flags topic up to its end (all flags of committed input are there)."""
    flags, reached = consume_to_end(env, "PRECWATCH_TOPIC_FLAGS", 300)
    assert reached, (
        f"the flags topic was not read to its end in 300 s ({len(flags)} records): a slow machine, not a loss"
    )
    return flags


def stop_producer(producer) -> None:
    if producer is not None and producer.poll() is None:
        producer.kill()
        producer.wait(10)


def report(flags, expected: set[str], behind: dict[int, int], what: str) -> None:
    produced = flag_ids(flags)
    assert produced <= expected  # nothing that offline screening would not raise
    lost = expected - produced
    print(f"scale-out ({what}): {len(lost)} of {len(expected)} flags lost; uncommitted {behind}")
    assert not lost, f"{len(lost)} of {len(expected)} flags lost when a worker {what} (flags topic read to its end)"
    assert not any(behind.values()), f"records left uncommitted per partition: {behind}"


def test_second_worker_joins_mid_stream_without_losses(pipeline_env, tmp_path):
    stream = generated_stream(EVENTS, 31, tmp_path)
    expected = offline_flag_ids(stream, tmp_path)

    # The second worker joins once the first is screening the first half of the stream (batches in
    # flight), and the second half is sent once it is in the group (ready: partitions assigned), so it
    # has its share however slowly it starts on a loaded machine.
    before, after = split_stream(stream, 1 / 2)
    first = Worker(pipeline_env, tmp_path / "worker-1.log").start()
    producer = start_producer(before, pipeline_env, rate=4000)
    second = another_worker(pipeline_env, tmp_path / "worker-2.log")
    try:
        wait_until(lambda: first.events_consumed() > 0, 180, "the first worker screening the stream")
        second.start()
        assert producer.wait(180) == 0
        producer = start_producer(after, pipeline_env, rate=4000)
        assert producer.wait(180) == 0
        # Offsets are committed as far as the stream goes (commits every 0.5 s in this profile) ...
        behind = wait_committed(pipeline_env, input_ends(pipeline_env, EVENTS), 120)
        # ... so every flag there will be is in the topic, before its present end.
        flags = read_flags(pipeline_env)
        assert first.events_consumed() > 0 and second.events_consumed() > 0  # the work was shared
    finally:
        stop_producer(producer)
        first.stop()
        second.stop()
    report(flags, expected, behind, "joined")


def test_a_worker_leaving_mid_stream_hands_its_partitions_over_without_losses(pipeline_env, tmp_path):
    stream = generated_stream(EVENTS, 32, tmp_path)
    expected = offline_flag_ids(stream, tmp_path)

    first = Worker(pipeline_env, tmp_path / "worker-1.log").start()
    second = another_worker(pipeline_env, tmp_path / "worker-2.log")
    producer = None
    try:
        second.start()
        producer = start_producer(stream, pipeline_env, rate=4000)
        # it had its share of the stream ...
        wait_until(lambda: second.events_consumed() >= 2000, 180, "2,000 events screened by the second worker")
        second.stop()  # ... and leaves the group (SIGTERM) with batches in flight
        assert producer.wait(180) == 0
        behind = wait_committed(pipeline_env, input_ends(pipeline_env, EVENTS), 120)
        flags = read_flags(pipeline_env)
    finally:
        stop_producer(producer)
        first.stop()
        second.stop()
    report(flags, expected, behind, "left")
