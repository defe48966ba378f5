import subprocess
import sys
from pathlib import Path

import orjson

from cli.main import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "devtools" / "data" / "transactions.jsonl"


def test_screen_writes_flags_dead_letters_and_a_summary(tmp_path, capsys):
    flags_path, dl_path = tmp_path / "flags.jsonl", tmp_path / "dl.jsonl"
    code = main(["screen", str(EXAMPLES), "-o", str(flags_path), "--dead-letter", str(dl_path)])
    assert code == 0
    flags = [orjson.loads(line) for line in flags_path.read_bytes().splitlines()]
    dead = [orjson.loads(line) for line in dl_path.read_bytes().splitlines()]
    assert len(dead) == 3 and all(d["reason"] and d["error_location"].startswith("line ") for d in dead)
    assert {f["severity"] for f in flags} >= {"critical", "high", "low"}
    assert len({f["flag_id"] for f in flags}) == len(flags)
    summary = capsys.readouterr().err
    assert "screened 300 events" in summary and "3 dead letters" in summary and "items/s" in summary


def test_screen_reads_stdin_and_writes_stdout():
    line = EXAMPLES.read_bytes().splitlines()[0]
    event = orjson.loads(line)
    event["items"] = [{"line": 1, "smiles": "CC(=O)Cc1ccccc1", "description": "x"}]
    proc = subprocess.run(
        [sys.executable, "-m", "cli.main", "screen", "-", "--no-progress"],
        input=orjson.dumps(event) + b"\n",
        capture_output=True,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    (flag,) = [orjson.loads(x) for x in proc.stdout.splitlines()]
    assert flag["matches"][0]["entry"]["id"] == "EU1-BMK"


def test_missing_input_file_is_an_io_error(tmp_path):
    assert main(["screen", str(tmp_path / "nope.jsonl")]) != 0


def test_watchlist_check_passes_on_bundled_data(capsys):
    assert main(["watchlist", "check"]) == 0
    assert "watchlist OK" in capsys.readouterr().out


def test_watchlist_check_fails_on_bad_data(tmp_path, capsys):
    bad = tmp_path / "wl.csv"
    text = (ROOT / "chemistry" / "data" / "watchlist.csv").read_text().replace("103-79-7", "103-79-8")
    bad.write_text(text)
    assert main(["watchlist", "check", str(bad)]) == 1
    assert "check digit" in capsys.readouterr().err


def test_generate_is_deterministic(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert main(["generate", "50", "-o", str(a), "--seed", "3"]) == 0
    assert main(["generate", "50", "-o", str(b), "--seed", "3"]) == 0
    assert a.read_bytes() == b.read_bytes()
    assert len(a.read_bytes().splitlines()) == 50


def test_worker_rejects_bad_settings_before_starting(monkeypatch, capsys):
    monkeypatch.setenv("PRECWATCH_PARTITIONS", "2")  # restored after the test (the command overwrites it)
    assert main(["worker", "--partitions", "zero"]) == 2
    assert "partitions" in capsys.readouterr().err


def test_every_setting_is_a_worker_flag_except_the_password():
    from cli.main import build_parser
    from pipeline.settings import Settings

    worker = build_parser()._subparsers._group_actions[0].choices["worker"]
    flags = {opt for action in worker._actions for opt in action.option_strings}
    for name in Settings.model_fields:
        assert (("--" + name.replace("_", "-")) in flags) is (name != "sasl_password"), name


def test_a_kafka_client_error_is_one_line_with_a_hint(monkeypatch, capsys):
    import kafka.errors
    import pytest

    import cli.main as cli

    def unreachable(args):  # what kafka-python raises after its bootstrap timeout
        raise kafka.errors.KafkaTimeoutError("Unable to bootstrap from ['127.0.0.1:1']")

    monkeypatch.setattr(cli, "cmd_flags", unreachable)
    assert main(["flags"]) == cli.EXIT_IO
    err = capsys.readouterr().err
    assert err.startswith("precwatch: Kafka: ") and "Unable to bootstrap" in err and "PRECWATCH_BROKER" in err
    assert len(err.strip().splitlines()) == 1

    def bug(args):  # anything else is a bug: its traceback must not be swallowed
        raise RuntimeError("not a Kafka error")

    monkeypatch.setattr(cli, "cmd_flags", bug)
    with pytest.raises(RuntimeError):
        main(["flags"])
