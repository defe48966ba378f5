"""`precwatch repository` and `precwatch dead-letters` against the real embedded broker (records published
directly to the topics; the worker that writes them is tested in tests/agents/test_repository_e2e.py)."""

import csv
import io
import uuid
from pathlib import Path

import orjson
import pytest

from cli.repository import export_repository, find_substances, select_substances, show_dead_letters
from devtools.local import isolated_env
from pipeline.batch import process_batch
from pipeline.decode import make_dead_letter
from pipeline.messages import InMessage
from pipeline.repository import RepositoryLimits, parse_time, record_sightings
from pipeline.settings import Settings
from tests.agents.conftest import with_env as run
from tests.factories import make_screener

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "devtools" / "data" / "transactions.jsonl"
PIPERIDINE = "NQRYJNQNLNOLGT-UHFFFAOYSA-N"  # EU Category 2B, declared with CAS numbers and names


@pytest.fixture(scope="module")
def repository_records() -> dict[str, bytes]:
    """substance key -> current record, from the example stream screened and aggregated offline."""
    lines = [line for line in EXAMPLES.read_bytes().splitlines() if line.strip()]
    screened = process_batch([InMessage(v, None, "t", 0, i) for i, v in enumerate(lines)], make_screener())
    sightings = [m for m in screened.out if m.role == "sightings"]
    out = record_sightings(sightings, {}, RepositoryLimits())
    return {m.key.decode(): m.value for m in out if m.role == "repository"}


@pytest.fixture
def env(broker_url):
    from streaming.kafka import ensure_topics

    env = isolated_env(broker_url, f"repo-cli-{uuid.uuid4().hex[:8]}")
    ensure_topics(Settings.from_env(env))
    return env


def publish(env: dict[str, str], topic_setting: str, pairs) -> None:
    from kafka import KafkaProducer

    from streaming.kafka import client_config

    settings = Settings.from_env(env)
    producer = KafkaProducer(**client_config(settings))
    try:
        for key, value in pairs:
            producer.send(getattr(settings, topic_setting), key=key, value=value)
        producer.flush()
    finally:
        producer.close()


def test_show_finds_a_substance_by_key_cas_or_name_and_the_latest_record_wins(env, repository_records, capsys):
    piperidine = orjson.loads(repository_records[PIPERIDINE])
    older = {**piperidine, "sightings": 1, "names": ["outdated"]}
    publish(env, "topic_repository", [(PIPERIDINE.encode(), orjson.dumps(older))])
    publish(env, "topic_repository", [(k.encode(), v) for k, v in repository_records.items()])

    for query in (PIPERIDINE, "110-89-4", "110894", "PIPERIDINE "):
        assert run(env, ["repository", "show", query, "--json"]) == 0, query
        shown = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
        assert shown == [piperidine], query  # the latest record of the key, not the older one
    # An entry id: every substance matched to it (piperine unmasks to piperidine)
    assert run(env, ["repository", "show", "EU2B-PIPERIDINE", "--json"]) == 0
    shown = {orjson.loads(line)["substance_key"] for line in capsys.readouterr().out.splitlines()}
    assert PIPERIDINE in shown and len(shown) > 1
    assert run(env, ["repository", "show", "no such substance"]) == 1
    assert "no substance" in capsys.readouterr().err


def test_show_in_words_prints_a_novel_record_with_its_conversion_and_escapes_declared_text(
    env, repository_records, capsys
):
    novel = next(
        orjson.loads(v) for v in repository_records.values() if b'"record_type":"novel_designer_precursor"' in v
    )
    novel["names"] = ["evil\x1b[2Jname"]
    publish(env, "topic_repository", [(novel["substance_key"].encode(), orjson.dumps(novel))])
    assert run(env, ["repository", "show", novel["substance_key"]]) == 0
    out = capsys.readouterr().out
    assert out.startswith("NOVEL DESIGNER PRECURSOR")
    assert f"converts to {novel['evidence'][0]['entry_id']}" in out and "listing proposal" in out
    assert "\x1b" not in out and "evil\\x1b[2Jname" in out


def test_list_shows_novel_precursors_and_recent_substances(env, repository_records, capsys):
    publish(env, "topic_repository", [(k.encode(), v) for k, v in repository_records.items()])
    records = [orjson.loads(v) for v in repository_records.values()]
    novel = [r for r in records if r["record_type"] == "novel_designer_precursor"]
    assert novel and len(novel) < len(records)

    assert run(env, ["repository", "list"]) == 0
    everything = capsys.readouterr()
    assert len(everything.out.splitlines()) == len(records)
    assert f"{len(records)} substance(s), {len(novel)} novel" in everything.err
    assert run(env, ["repository", "list", "--novel"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(novel) and all(line.startswith("NOVEL") for line in lines)

    cut = sorted(parse_time(r["last_seen_at"]) for r in records)[len(records) // 2]
    assert run(env, ["repository", "list", "--since", cut.isoformat()]) == 0
    recent = capsys.readouterr().out.splitlines()
    assert len(recent) == sum(parse_time(r["last_seen_at"]) >= cut for r in records) < len(records)


def test_export_writes_every_record_as_jsonl_or_csv(env, repository_records, tmp_path, capsys):
    publish(env, "topic_repository", [(k.encode(), v) for k, v in repository_records.items()])
    jsonl, table = tmp_path / "repo.jsonl", tmp_path / "repo.csv"
    assert run(env, ["repository", "export", "--format", "jsonl", "-o", str(jsonl)]) == 0
    exported = {r["substance_key"]: r for r in map(orjson.loads, jsonl.read_bytes().splitlines())}
    assert exported == {k: orjson.loads(v) for k, v in repository_records.items()}
    assert run(env, ["repository", "export", "--format", "csv", "-o", str(table), "--novel"]) == 0
    rows = list(csv.DictReader(table.open()))
    assert rows and all(row["record_type"] == "novel_designer_precursor" and row["converts_to"] for row in rows)
    assert f"exported {len(rows)} substance record(s) as csv" in capsys.readouterr().err


def test_a_csv_cell_that_a_spreadsheet_would_run_is_quoted_as_text(repository_records):
    record = {**orjson.loads(repository_records[PIPERIDINE]), "descriptions": ["=HYPERLINK(1)"]}
    record["names"] = ["@SUM(A1)"]
    out = io.BytesIO()
    assert export_repository([record], "csv", out) == 1
    (row,) = csv.DictReader(io.StringIO(out.getvalue().decode()))
    assert row["names"] == "'@SUM(A1)"


def test_finding_and_selecting_without_a_broker(repository_records):
    records = {k: orjson.loads(v) for k, v in repository_records.items()}
    assert find_substances(records, PIPERIDINE.lower())[0]["substance_key"] == PIPERIDINE
    assert find_substances(records, "   ") == []
    chosen = select_substances(records.values())
    assert [r["last_seen_at"] for r in chosen] == sorted((r["last_seen_at"] for r in chosen), reverse=True)


def dead_letter(reason: str, original: bytes) -> bytes:
    return make_dead_letter(original, reason, "tx/0/7", "tx", 0, 7, "schema").model_dump_json().encode()


def test_dead_letters_prints_what_the_topic_holds_without_the_originals_unless_asked(env, capsys):
    publish(
        env,
        "topic_dead_letters",
        [
            (b"d1", dead_letter("missing field event_id", b'{"consignee": {"name": "Secret Trader GmbH"}}')),
            (b"d2", dead_letter("not JSON\x1b[31m", b"\x1b[2J garbage")),
            (b"d3", b"not a dead letter"),
        ],
    )
    assert run(env, ["dead-letters"]) == 0
    captured = capsys.readouterr()
    assert "missing field event_id" in captured.out and "not JSON\\x1b[31m" in captured.out
    assert "Secret Trader" not in captured.out and "\x1b" not in captured.out
    assert "2 dead letter(s)" in captured.err and "is not a dead letter: skipped" in captured.err

    assert run(env, ["dead-letters", "--original"]) == 0
    out = capsys.readouterr().out
    assert "Secret Trader GmbH" in out and "\\x1b[2J garbage" in out and "\x1b" not in out
    assert run(env, ["dead-letters", "--json"]) == 0
    letters = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted(d["reason"] for d in letters) == ["missing field event_id", "not JSON\x1b[31m"]


def test_dead_letters_follow_prints_those_published_from_now_on(env):
    publish(env, "topic_dead_letters", [(b"old", dead_letter("before the tail", b"x"))])
    out = io.StringIO()

    def publish_one() -> None:  # once the tail is positioned: it must be printed
        publish(env, "topic_dead_letters", [(b"new", dead_letter("after the tail started", b"y"))])

    summary = show_dead_letters(Settings.from_env(env), follow=True, out=out, on_ready=publish_one, until=1)
    assert summary.shown == 1
    assert "after the tail started" in out.getvalue() and "before the tail" not in out.getvalue()
