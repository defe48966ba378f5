"""precwatch intelligence seed (cli/intelligence.py) against a fake producer: what it publishes and says."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson
import pytest

from cli.main import main
from devtools.generate import default_examples_path
from pipeline.intelligence import observation_entries


class FakeProducer:
    sent: list[dict] = []

    def __init__(self, **options) -> None:
        FakeProducer.sent = []

    def partitions_for(self, topic: str) -> set[int]:
        return {0, 1, 2}

    def send(self, topic, key=None, value=None, partition=None, headers=None) -> None:
        FakeProducer.sent.append({"topic": topic, "key": key, "value": value, "partition": partition})

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass


@pytest.fixture
def fake_broker(monkeypatch):
    import kafka

    import streaming.kafka

    monkeypatch.setattr(kafka, "KafkaProducer", FakeProducer)
    monkeypatch.setattr(streaming.kafka, "check_login", lambda settings, timeout_s: None)
    return FakeProducer


def test_seed_publishes_the_files_observations_as_history_and_names_the_history_start(fake_broker, capsys):
    assert main(["intelligence", "seed", str(default_examples_path()), "--broker", "kafka://127.0.0.1:9"]) == 0
    sent = fake_broker.sent
    assert sent and {m["topic"] for m in sent} == {"precursor.observations"}
    assert {m["partition"] for m in sent} <= {0, 1, 2}
    bundles = [orjson.loads(m["value"]) for m in sent]
    assert all(b["h"] == 1 for b in bundles)
    entries = [e for m in sent for e in observation_entries(m["value"])]
    assert entries and all(e["history"] for e in entries)
    said = capsys.readouterr().err
    assert "seeded 313 events (3 malformed lines left out), 2026-11-01 to " in said
    assert "set PRECWATCH_TRADER_HISTORY_SINCE=2026-11-01 on the workers" in said


def count_screened_events(monkeypatch) -> list[int]:
    """A one-element list holding how many events have been screened so far (updated as they are)."""
    from pipeline.screening import Screener

    screened = [0]
    original = Screener.screen_event_items

    def counting(self, event, *args, **kwargs):
        screened[0] += 1
        return original(self, event, *args, **kwargs)

    monkeypatch.setattr(Screener, "screen_event_items", counting)
    return screened


def test_seed_publishes_as_it_reads_rather_than_holding_every_observation(fake_broker, monkeypatch, tmp_path):
    # An observation is kilobytes: a year of declarations held at once before publishing is gigabytes.
    # Attack of the fifteenth session: the seed screened every file before its first message.
    screened = count_screened_events(monkeypatch)
    at_first_send: list[int] = []
    original_send = FakeProducer.send

    def send(self, topic, **kwargs):
        at_first_send.append(at_first_send[0] if at_first_send else screened[0])
        original_send(self, topic, **kwargs)

    monkeypatch.setattr(FakeProducer, "send", send)
    import cli.intelligence

    monkeypatch.setattr(cli.intelligence, "SEED_CHUNK_OBSERVATIONS", 50, raising=False)
    many = tmp_path / "history.jsonl"
    many.write_bytes(default_examples_path().read_bytes() * 2)  # more observations than one chunk
    assert main(["intelligence", "seed", str(many), "--broker", "kafka://127.0.0.1:9"]) == 0
    assert at_first_send and at_first_send[0] < screened[0]


def test_follow_ups_are_applied_as_the_file_is_read(monkeypatch, tmp_path):
    import pipeline.intelligence
    from chemistry.watchlist import load_watchlist
    from cli.intelligence import follow_up_flags_of_files
    from pipeline.settings import Settings

    screened = count_screened_events(monkeypatch)
    at_first_apply: list[int] = []
    original_apply = pipeline.intelligence.apply_observation

    def apply(*args, **kwargs):
        at_first_apply.append(at_first_apply[0] if at_first_apply else screened[0])
        return original_apply(*args, **kwargs)

    monkeypatch.setattr(pipeline.intelligence, "apply_observation", apply)
    many = tmp_path / "events.jsonl"
    many.write_bytes(default_examples_path().read_bytes() * 2)
    follow_up_flags_of_files([str(many)], Settings.from_env(), load_watchlist(), datetime.now(UTC))
    assert at_first_apply and at_first_apply[0] < screened[0]
