"""Kill a worker with SIGKILL in the middle of a 20,000-event stream, start it again, and show that
every expected flag was produced (duplicates allowed: at-least-once; losses not)."""

from __future__ import annotations

import os

import orjson

from tests.agents.conftest import (
    Worker,
    consume,
    consume_to_end,
    flag_ids,
    generated_stream,
    kill_mid_stream,
    offline_flag_ids,
    split_stream,
    start_producer,
    wait_until,
)

EVENTS = 20_000


def test_sigkill_mid_stream_loses_no_flag(pipeline_env, tmp_path):
    stream = generated_stream(EVENTS, 21, tmp_path)
    expected = offline_flag_ids(stream, tmp_path)
    assert len(expected) > 1000

    # The first worker is sent the first third of the stream, as a customs system publishing at 4,000
    # events/s would, and killed while the stream is flowing: once a flag of it is on the topic. The
    # rest is sent after the kill, so the kill lands mid-stream however slow the machine is.
    before, after = split_stream(stream, 1 / 3)
    killed_at = len(
        flag_ids(kill_mid_stream(pipeline_env, before, after, tmp_path / "worker-1.log", 4000, flag_ids, "flag"))
    )
    assert 0 < killed_at < 0.8 * len(expected), f"the kill must land mid-stream ({killed_at} of {len(expected)} flags)"

    second = Worker(pipeline_env, tmp_path / "worker-2.log").start()
    try:
        everything = consume(pipeline_env, "PRECWATCH_TOPIC_FLAGS", lambda ms: flag_ids(ms) >= expected, 240)
    finally:
        second.stop()
    produced = flag_ids(everything)
    missing = expected - produced
    assert not missing, f"{len(missing)} flags lost after SIGKILL\n" + explain_missing(
        missing, pipeline_env, tmp_path, [tmp_path / "worker-1.log", tmp_path / "worker-2.log"]
    )
    assert produced == expected  # and nothing that offline screening would not produce
    duplicates = len(everything) - len(produced)
    print(f"killed after {killed_at} flags; {len(everything)} flag messages, {duplicates} duplicates, 0 lost")


def explain_missing(missing: set[str], env: dict[str, str], tmp_path, logs) -> str:
    """What a failure needs to be traced: whether the missing flags are on the topic after all (read
    again from the start now that nothing is written: the live read may have missed them), where their
    events are on the input topic, the group's committed offsets and what the workers logged about
    skipped offsets and errors."""
    from kafka import KafkaAdminClient

    from pipeline.settings import Settings
    from streaming.kafka import client_config

    lines = []
    again, complete = consume_to_end(env, "PRECWATCH_TOPIC_FLAGS", 120)
    lines.append(f"read again to the end ({complete=}): {len(missing - flag_ids(again))} still missing")
    events_of = {}
    for out in tmp_path.glob("offline-*.jsonl"):
        for line in out.read_bytes().splitlines():
            flag = orjson.loads(line)
            if flag["flag_id"] in missing and "event_id" in flag:
                events_of[flag["event_id"]] = (flag["flag_id"], flag["item_line"], flag["severity"])
    inputs, _ = consume_to_end(env, "PRECWATCH_TOPIC_TRANSACTIONS", 120)
    for record in inputs:
        for event_id, (flag_id, line, severity) in events_of.items():
            if event_id.encode() in record.value:
                lines.append(f"flag {flag_id} ({severity}, item {line}) of event at {record.partition}/{record.offset}")
    settings = Settings.from_env(env)
    admin = KafkaAdminClient(**client_config(settings))
    try:
        lines.append(f"committed: {admin.list_group_offsets(settings.group_id)}")
    finally:
        admin.close()
    for log in logs:
        text = log.read_text(errors="replace") if log.exists() else ""
        notes = [ln for ln in text.splitlines() if "skipped" in ln or "ERROR" in ln or "Traceback" in ln]
        lines.append(f"{log.name}: " + ("\n  ".join(notes[-20:]) or "no skipped offsets or errors logged"))
    return "\n".join(lines)


def child_pids(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as fh:
        return [int(p) for p in fh.read().split()]


def test_the_worker_restarts_a_killed_screening_process_and_loses_no_flag(pipeline_env, tmp_path):
    stream = generated_stream(6000, 22, tmp_path)
    expected = offline_flag_ids(stream, tmp_path)

    worker = Worker(pipeline_env, tmp_path / "worker.log").start()
    try:
        producer = start_producer(stream, pipeline_env, rate=2000)
        wait_until(lambda: worker.events_consumed() >= 1000, 180, "the first 1,000 events screened")
        (screening,) = child_pids(worker.proc.pid)
        os.kill(screening, 9)  # as the OOM killer would
        assert producer.wait(60) == 0
        everything = consume(pipeline_env, "PRECWATCH_TOPIC_FLAGS", lambda ms: flag_ids(ms) >= expected, 120)
        assert worker.alive() and child_pids(worker.proc.pid) != [screening]
        metrics = worker.metrics()
    finally:
        worker.stop()
    assert flag_ids(everything) == expected
    assert "precwatch_screening_process_restarts_total 1.0" in metrics
