"""The information repository end to end: worker processes on the embedded broker, a SIGKILL and a
restart in between, a re-delivered stream; the compacted topic read back through `precwatch repository`."""

from __future__ import annotations

import math
import time
from pathlib import Path

import orjson

from chemistry.watchlist import load_watchlist
from pipeline.batch import process_batch
from pipeline.messages import InMessage
from pipeline.repository import latest_records
from pipeline.screening import Screener
from pipeline.settings import Settings
from schemas.records import RepositoryTopicRecord
from tests.agents.conftest import EXAMPLES, Worker, consume_to_end, with_env
from tests.agents.test_first_seen_recovery import later_copy


def expected_substances(*paths: Path) -> dict[str, dict]:
    """Per substance key, from the offline screening of the files and counted independently of the
    repository stage: distinct sightings (event id, item line), their mass, first and last seen."""
    screener = Screener(load_watchlist(), Settings())
    expected: dict[str, dict] = {}
    seen: set[tuple[str, int]] = set()
    for path in paths:
        lines = [line for line in path.read_bytes().splitlines() if line.strip()]
        result = process_batch([InMessage(v, None, "t", 0, i) for i, v in enumerate(lines)], screener)
        for record in (r for m in result.out if m.role == "sightings" for r in orjson.loads(m.value)):
            if (record["event_id"], record["item_line"]) in seen:
                continue
            seen.add((record["event_id"], record["item_line"]))
            e = expected.setdefault(record["structure_key"], {"sightings": 0, "mass": 0.0, "seen": [], "novel": False})
            e["sightings"] += 1
            e["mass"] += record["net_mass_kg"] or 0.0
            e["seen"].append(record["seen_at"])
            e["novel"] = record["novel_designer_precursor"]
    return expected


def repository_now(env: dict[str, str]) -> dict[str, dict]:
    """The latest record per substance on the repository topic as it is now (read to its end, not for
    a fixed while that a loaded machine may not finish the reading in)."""
    messages, read = consume_to_end(env, "PRECWATCH_TOPIC_REPOSITORY", 60)
    assert read, "the repository topic was not read to its end within 60 s"
    return {k: orjson.loads(v) for k, v in latest_records((m.key, m.value) for m in messages).items()}


def wait_for_counts(env: dict[str, str], expected: dict[str, dict], timeout_s: float = 180) -> dict[str, dict]:
    """The repository once its counts are the expected ones, or as it is when ``timeout_s`` has passed
    (the caller's comparison then says what differs)."""
    deadline = time.monotonic() + timeout_s
    while True:
        current = repository_now(env)
        counts = {k: r["sightings"] for k, r in current.items()}
        if counts == {k: e["sightings"] for k, e in expected.items()} or time.monotonic() > deadline:
            return current
        time.sleep(1)


def test_one_record_per_substance_survives_a_kill_and_a_redelivered_stream(pipeline_env, tmp_path, capsys):
    later = tmp_path / "later.jsonl"
    later.write_bytes(later_copy(EXAMPLES.read_bytes(), years=10))
    first_round = expected_substances(EXAMPLES)
    everything = expected_substances(EXAMPLES, later)
    assert any(e["novel"] for e in first_round.values()) and len(first_round) > 30

    worker = Worker(pipeline_env, tmp_path / "worker-1.log").start()
    try:
        assert with_env(pipeline_env, ["produce", str(EXAMPLES)]) == 0
        current = wait_for_counts(pipeline_env, first_round)
    finally:
        worker.kill()  # SIGKILL: the table lives on in its changelog only
    assert {k: r["sightings"] for k, r in current.items()} == {k: e["sightings"] for k, e in first_round.items()}

    # A new worker; the customs system sends the whole stream again (same event ids), then new events.
    worker = Worker(pipeline_env, tmp_path / "worker-2.log").start()
    try:
        assert with_env(pipeline_env, ["produce", str(EXAMPLES)]) == 0
        assert with_env(pipeline_env, ["produce", str(later)]) == 0
        current = wait_for_counts(pipeline_env, everything)
    finally:
        worker.stop()

    counts = {k: r["sightings"] for k, r in current.items()}
    assert counts == {k: e["sightings"] for k, e in everything.items()}  # re-deliveries counted once
    for key, record in current.items():
        parsed = RepositoryTopicRecord.model_validate(record).root
        e = everything[key]
        assert math.isclose(parsed.total_net_mass_kg, e["mass"], abs_tol=1e-6), key
        assert record["first_seen_at"] == min(e["seen"]) and record["last_seen_at"] == max(e["seen"]), key
        assert (parsed.record_type == "novel_designer_precursor") == e["novel"], key
        assert len(parsed.recent_sightings) == min(e["sightings"], Settings().repository_recent_sightings)

    # The analysts' view of the same topic.
    capsys.readouterr()
    assert with_env(pipeline_env, ["repository", "export", "--format", "jsonl"]) == 0
    exported = {r["substance_key"]: r for r in map(orjson.loads, capsys.readouterr().out.splitlines())}
    assert exported == current
    assert with_env(pipeline_env, ["repository", "list", "--novel"]) == 0
    novel = capsys.readouterr().out.splitlines()
    assert len(novel) == sum(e["novel"] for e in everything.values()) and all(n.startswith("NOVEL") for n in novel)
