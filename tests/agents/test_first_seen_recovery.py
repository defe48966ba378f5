"""First-seen times survive a worker restart: the substances table is recovered from its changelog, all of
it (the per-sighting records of the audit topic carry them)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import orjson

from chemistry.watchlist import load_watchlist
from pipeline.batch import process_batch
from pipeline.messages import InMessage
from pipeline.screening import Screener
from pipeline.settings import Settings
from tests.agents.conftest import EXAMPLES, Worker, consume, with_env


def later_copy(events: bytes, years: int) -> bytes:
    """The same events (same substances) with new ids, seen `years` later: after all the originals."""
    out = []
    for line in events.splitlines():
        try:
            event = orjson.loads(line)
            occurred = datetime.fromisoformat(event["occurred_at"].replace("Z", "+00:00"))
            event["occurred_at"] = occurred.replace(year=occurred.year + years).isoformat()
            event["event_id"] = f"{event['event_id']}-later"
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
            continue  # the example file's deliberately bad lines
        out.append(orjson.dumps(event))
    return b"\n".join(out) + b"\n"


def sightings_expected(path: Path) -> int:
    """How many repository records the events of a file give (offline, same screening)."""
    lines = [line for line in path.read_bytes().splitlines() if line.strip()]
    result = process_batch(
        [InMessage(v, None, "t", 0, i) for i, v in enumerate(lines)], Screener(load_watchlist(), Settings())
    )
    return sum(int(dict(m.headers)["records"]) for m in result.out if m.role == "sightings")


def when(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def test_first_seen_times_survive_a_restart(pipeline_env, tmp_path):
    def repository(count: int) -> list[dict]:
        messages = consume(pipeline_env, "PRECWATCH_TOPIC_REPOSITORY_SIGHTINGS", lambda ms: len(ms) >= count)
        return [orjson.loads(m.value) for m in messages]

    later = tmp_path / "later.jsonl"
    later.write_bytes(later_copy(EXAMPLES.read_bytes(), years=10))
    before, after = sightings_expected(EXAMPLES), sightings_expected(later)
    assert before > 30 and after == before

    worker = Worker(pipeline_env, tmp_path / "worker-1.log").start()
    try:
        assert with_env(pipeline_env, ["produce", str(EXAMPLES)]) == 0
        originals = repository(before)
    finally:
        worker.stop()
    assert len(originals) == before
    earliest: dict[str, datetime] = {}
    for r in originals:
        key = r["structure_key"]
        earliest[key] = min(earliest.get(key, when(r["seen_at"])), when(r["seen_at"]))

    # A new worker process: the first-seen table exists only in its changelog topic now.
    worker = Worker(pipeline_env, tmp_path / "worker-2.log").start()
    try:
        assert with_env(pipeline_env, ["produce", str(later)]) == 0
        records = repository(before + after)
    finally:
        worker.stop()
    repeats = [r for r in records if r["event_id"].endswith("-later")]
    assert len(repeats) == after
    wrong = {
        r["structure_key"]: (r["first_seen_at"], earliest[r["structure_key"]].isoformat())
        for r in repeats
        if when(r["first_seen_at"]) != earliest[r["structure_key"]]
    }
    assert not wrong, f"{len(wrong)} of {len(earliest)} structure keys lost their first-seen time: {wrong}"
