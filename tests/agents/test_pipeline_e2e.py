"""End to end against the real embedded broker: worker process, Kafka topics, no mocks."""

from __future__ import annotations

import os

import orjson

from tests.agents.conftest import (
    EXAMPLES,
    READY_WAIT_S,
    ROOT,
    consume,
    flag_ids,
    offline_flag_ids,
    wait_until,
    with_env,
)


def test_streamed_flags_equal_offline_flags_and_bad_messages_are_dead_lettered(worker, pipeline_env, tmp_path, capsys):
    offline = offline_flag_ids(EXAMPLES, tmp_path)
    assert len(offline) > 30

    worker.start()
    assert with_env(pipeline_env, ["produce", str(EXAMPLES)]) == 0

    flags = consume(pipeline_env, "PRECWATCH_TOPIC_FLAGS", lambda ms: flag_ids(ms) >= offline)
    assert flag_ids(flags) == offline

    dead = consume(pipeline_env, "PRECWATCH_TOPIC_DEAD_LETTERS", lambda ms: len(ms) >= 3)
    assert len(dead) == 3
    for message in dead:
        record = orjson.loads(message.value)
        headers = dict(message.headers)
        assert record["reason"] and record["original"]
        assert headers["source_topic"].decode() == pipeline_env["PRECWATCH_TOPIC_TRANSACTIONS"]
        assert int(headers["source_offset"]) >= 0 and headers["reason"]
    assert {orjson.loads(m.value)["reason_code"] for m in dead} == {"invalid_json", "schema"}

    # The worker survived the bad messages and keeps screening.
    assert worker.alive()
    late = tmp_path / "late.jsonl"
    event = orjson.loads(EXAMPLES.read_bytes().splitlines()[0])
    event["event_id"] = "evt-late"
    event["items"] = [{"line": 1, "smiles": "CC(C)(C)OC(=O)N1CCC(Nc2ccccc2)CC1", "description": "x"}]
    late.write_bytes(orjson.dumps(event) + b"\n")
    assert with_env(pipeline_env, ["produce", str(late)]) == 0
    after = consume(pipeline_env, "PRECWATCH_TOPIC_FLAGS", lambda ms: any(b'"evt-late"' in m.value for m in ms))
    assert any(orjson.loads(m.value)["event_id"] == "evt-late" for m in after)

    # Per-sighting records on the audit topic: keyed by structure, with first-seen time.
    repo = consume(pipeline_env, "PRECWATCH_TOPIC_REPOSITORY_SIGHTINGS", lambda ms: len(ms) >= 40)
    records = [orjson.loads(m.value) for m in repo]
    assert records and all(r["first_seen_at"] <= r["seen_at"] for r in records)
    assert any(
        r["key_type"] == "inchikey" and m.key.decode() == r["structure_key"] for r, m in zip(records, repo, strict=True)
    )
    assert any(r["status"] == "unresolved" for r in records)
    assert not any("consignor" in r or "consignee" in r for r in records)
    # The repository topic: one current record per substance (tests/agents/test_repository_e2e.py has more).
    current = consume(pipeline_env, "PRECWATCH_TOPIC_REPOSITORY", lambda ms: len({m.key for m in ms}) >= 30)
    assert all(orjson.loads(m.value)["substance_key"] == m.key.decode() for m in current)

    # The investigator's tail: raw JSON and the readable form, with a severity filter.
    capsys.readouterr()
    assert with_env(pipeline_env, ["flags", "--json"]) == 0
    tailed = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    # Follow-up flags (the stateful signals, tests/agents/test_intelligence_e2e.py) keep arriving after
    # their batch wait, so the screening flags are what the two reads must agree on.
    assert {f["flag_id"] for f in tailed if not f.get("follow_up_of")} == offline | {
        f["flag_id"] for f in map(orjson.loads, (m.value for m in after)) if not f.get("follow_up_of")
    }
    assert with_env(pipeline_env, ["flags", "--severity", "critical"]) == 0
    readable = capsys.readouterr().out
    assert readable.count("CRITICAL") == sum(1 for f in tailed if f["severity"] == "critical") > 0
    assert "HIGH " not in readable and "watchlist " in readable

    # Metrics reflect what happened, with no personal data.
    text = worker.metrics()
    assert "precwatch_events_consumed_total 314.0" in text
    assert 'precwatch_dead_letters_total{reason="invalid_json"} 2.0' in text
    assert "precwatch_worker_up 1.0" in text and "precwatch_watchlist_entries" in text
    assert 'precwatch_consumer_lag_messages{partition="0"} 0.0' in text  # caught up
    assert "precwatch_cache_hit_ratio" in text
    for message in flags[:5]:
        name = orjson.loads(message.value)["consignee"]["name"]
        assert name not in text


def trust_new_key(env: dict[str, str], tmp_path) -> str:
    """Make a signing key, have the worker trust it; return the private key's path."""
    from cli.commands import write_signing_key

    key_path = tmp_path / "watchlist-key.pem"
    env["PRECWATCH_WATCHLIST_TRUSTED_KEYS"] = write_signing_key(str(key_path))
    return str(key_path)


def test_live_watchlist_update_without_restart(worker, pipeline_env, tmp_path):
    key_path = trust_new_key(pipeline_env, tmp_path)
    worker.start()
    before = worker.metrics()
    assert 'precwatch_watchlist_updates_total{result="applied"} 0.0' in before  # exported at 0 from the start

    # A malformed update is rejected; the worker keeps its version.
    from kafka import KafkaProducer

    from pipeline.live_watchlist import MANIFEST_KEY
    from pipeline.settings import Settings
    from streaming.kafka import client_config

    settings = Settings.from_env(pipeline_env)
    producer = KafkaProducer(linger_ms=0, **client_config(settings))
    producer.send(settings.topic_watchlist, key=MANIFEST_KEY, value=b'{"version": "broken"}').get(10)
    producer.close()

    # A new version is applied: every later flag records it.
    text = (ROOT / "chemistry" / "data" / "watchlist.csv").read_text()
    changed = tmp_path / "watchlist.csv"
    changed.write_text(text.replace("phenylacetone;", "phenylacetone; benzylmethylketone;"))
    # Unsigned, or signed by a key the worker does not trust: refused, counted.
    assert with_env(pipeline_env, ["watchlist", "publish", "--watchlist", str(changed), "--unsigned"]) == 0
    from cli.commands import write_signing_key

    stranger = tmp_path / "stranger.pem"
    write_signing_key(str(stranger))
    assert with_env(pipeline_env, ["watchlist", "publish", "--watchlist", str(changed), "--key", str(stranger)]) == 0
    # Signed by the trusted key: applied.
    assert with_env(pipeline_env, ["watchlist", "publish", "--watchlist", str(changed), "--key", key_path]) == 0

    applied = 'precwatch_watchlist_updates_total{result="applied"} 1.0'
    wait_until(lambda: applied in worker.metrics(), 120, "the signed watchlist version applied")
    metrics = worker.metrics()
    assert 'precwatch_watchlist_updates_total{result="applied"} 1.0' in metrics
    assert 'precwatch_watchlist_updates_total{result="rejected"} 3.0' in metrics  # broken, unsigned, stranger

    from chemistry.watchlist import load_watchlist

    new_version = load_watchlist(changed).version
    assert f'precwatch_watchlist_info{{version="{new_version}"}} 1.0' in metrics

    event = orjson.loads(EXAMPLES.read_bytes().splitlines()[0])
    event["items"] = [{"line": 1, "smiles": "CC(=O)Cc1ccccc1", "description": "x"}]
    path = tmp_path / "one.jsonl"
    path.write_bytes(orjson.dumps(event) + b"\n")
    assert with_env(pipeline_env, ["produce", str(path)]) == 0
    flags = consume(pipeline_env, "PRECWATCH_TOPIC_FLAGS", lambda ms: len(ms) >= 1)
    assert orjson.loads(flags[0].value)["watchlist_version"] == new_version
    assert worker.alive()


def test_watchlist_topic_created_after_the_worker_started(worker, pipeline_env, tmp_path):
    pipeline_env["PRECWATCH_TOPIC_WATCHLIST"] = pipeline_env["PRECWATCH_TOPIC_WATCHLIST"] + "-late"
    key_path = trust_new_key(pipeline_env, tmp_path)
    worker.start()  # no such topic yet: ready on the bundled watchlist
    assert "precwatch_worker_ready 1.0" in worker.metrics()
    text = (ROOT / "chemistry" / "data" / "watchlist.csv").read_text()
    changed = tmp_path / "watchlist.csv"
    changed.write_text(text.replace("phenylacetone;", "phenylacetone; benzylmethylketone;"))
    assert with_env(pipeline_env, ["watchlist", "publish", "--watchlist", str(changed), "--key", key_path]) == 0
    applied = 'precwatch_watchlist_updates_total{result="applied"} 1.0'
    wait_until(lambda: applied in worker.metrics(), 120, "the version published on the new topic applied")


def test_the_faust_command_line_runs_the_same_worker(pipeline_env, tmp_path):
    # `faust -A streaming.worker worker`, as documented, configured by PRECWATCH_* variables only.
    import subprocess
    import sys

    from devtools.local import wait_ready

    log = tmp_path / "faust-worker.log"
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "faust", "-A", "streaming.worker", "worker", "-l", "info"],
            env={**os.environ, **pipeline_env},
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{pipeline_env['PRECWATCH_METRICS_PORT']}"
        assert wait_ready(url, proc, READY_WAIT_S), log.read_text()[-3000:]
        event = orjson.loads(EXAMPLES.read_bytes().splitlines()[0])
        event["event_id"] = "evt-faust-cli"
        event["items"] = [{"line": 1, "smiles": "CC(C)(C)OC(=O)N1CCC(Nc2ccccc2)CC1", "description": "x"}]
        one = tmp_path / "one.jsonl"
        one.write_bytes(orjson.dumps(event) + b"\n")
        assert with_env(pipeline_env, ["produce", str(one)]) == 0
        flags = consume(pipeline_env, "PRECWATCH_TOPIC_FLAGS", lambda ms: len(ms) >= 1)
        assert flag_ids(flags) == offline_flag_ids(
            one, tmp_path
        )  # a Boc-protected 4-anilinopiperidine, flagged as offline
        assert proc.poll() is None
    finally:
        proc.terminate()
        proc.wait(20)


def test_screening_on_the_event_loop_gives_the_same_flags(pipeline_env, tmp_path):
    # PRECWATCH_SCREENING_PROCESSES=0: no child process; same outputs, same partitions.
    from tests.agents.conftest import Worker

    env = {**pipeline_env, "PRECWATCH_SCREENING_PROCESSES": "0"}
    offline = offline_flag_ids(EXAMPLES, tmp_path)
    worker = Worker(env, tmp_path / "worker.log").start()
    try:
        assert with_env(env, ["produce", str(EXAMPLES)]) == 0
        flags = consume(env, "PRECWATCH_TOPIC_FLAGS", lambda ms: flag_ids(ms) >= offline)
        repository = consume(env, "PRECWATCH_TOPIC_REPOSITORY_SIGHTINGS", lambda ms: len(ms) >= len(offline))
    finally:
        worker.stop()
    assert flag_ids(flags) == offline
    from pipeline.routing import partition_for

    partitions = int(env["PRECWATCH_PARTITIONS"])
    assert all(m.partition == partition_for(m.key, partitions) for m in flags + repository)
    assert all(orjson.loads(m.value)["first_seen_at"] for m in repository)


def test_publishing_a_watchlist_without_bmk_needs_an_approval(pipeline_env, tmp_path):
    from cli.commands import write_signing_key

    key_path = tmp_path / "key.pem"
    write_signing_key(str(key_path))
    lines = (ROOT / "chemistry" / "data" / "watchlist.csv").read_text().splitlines(keepends=True)
    without_bmk = tmp_path / "without-bmk.csv"
    without_bmk.write_text("".join(line for line in lines if not line.startswith("EU1-BMK,")))
    argv = ["watchlist", "publish", "--watchlist", str(without_bmk), "--key", str(key_path)]
    assert with_env(pipeline_env, argv) == 2  # refused: removes a Category 1 entry
    assert with_env(pipeline_env, [*argv, "--allow-downgrade"]) == 0


def test_a_bad_record_on_the_sightings_topic_is_dead_lettered_and_the_rest_recorded(worker, pipeline_env, tmp_path):
    from kafka import KafkaProducer

    from pipeline.settings import Settings
    from streaming.kafka import client_config

    worker.start()
    settings = Settings.from_env(pipeline_env)
    producer = KafkaProducer(**client_config(settings))
    # What a careless integrator might write to an internal topic, on each partition.
    for partition in range(settings.partitions):
        producer.send(settings.topic_sightings, key=b"junk", value=b"not a sightings message", partition=partition)
    producer.flush()
    producer.close()
    assert with_env(pipeline_env, ["produce", str(EXAMPLES)]) == 0
    dead = consume(
        pipeline_env,
        "PRECWATCH_TOPIC_DEAD_LETTERS",
        lambda ms: sum(m.topic == settings.topic_dead_letters and b"sightings" in m.value for m in ms) >= 2,
    )
    sightings_letters = [orjson.loads(m.value) for m in dead if b"not a sightings message" in m.value]
    assert len(sightings_letters) == settings.partitions
    assert all(d["reason_code"] == "schema" for d in sightings_letters)
    records = consume(pipeline_env, "PRECWATCH_TOPIC_REPOSITORY", lambda ms: len(ms) >= 10)
    assert len(records) >= 10  # the valid sightings of every partition went on to the repository
    assert worker.alive() and "precwatch_worker_up 1.0" in worker.metrics()
