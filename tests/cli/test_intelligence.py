"""precwatch intelligence seed (cli/intelligence.py) against a fake producer: what it publishes and says."""

from __future__ import annotations

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
