import os
import subprocess
import sys
import typing
from pathlib import Path

import orjson
import pytest

from cli.main import main
from pipeline.errors import EXIT_UNAVAILABLE, EXIT_USAGE

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
    assert "screened 313 events" in summary and "3 dead letters" in summary and "items/s" in summary


def test_screen_gives_the_callers_sigterm_handler_back(tmp_path):
    import signal

    def callers_handler(signum, frame):
        pass

    before = signal.signal(signal.SIGTERM, callers_handler)
    try:
        assert main(["screen", str(EXAMPLES), "-o", str(tmp_path / "f.jsonl"), "--dead-letter", os.devnull]) == 0
        assert signal.getsignal(signal.SIGTERM) is callers_handler
    finally:
        signal.signal(signal.SIGTERM, before)


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


def test_watchlist_check_passes_on_bundled_data(capsys):
    assert main(["watchlist", "check"]) == 0
    assert "watchlist OK" in capsys.readouterr().out


def test_watchlist_check_fails_on_bad_data(tmp_path, capsys):
    bad = tmp_path / "wl.csv"
    text = (ROOT / "chemistry" / "data" / "watchlist.csv").read_text().replace("103-79-7", "103-79-8")
    bad.write_text(text)
    assert main(["watchlist", "check", "--watchlist", str(bad)]) == 1
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


def test_every_setting_is_a_worker_flag_except_the_passwords():
    from pydantic import SecretStr

    from cli.main import build_parser
    from pipeline.settings import Settings

    worker = build_parser()._subparsers._group_actions[0].choices["worker"]
    flags = {opt for action in worker._actions for opt in action.option_strings}
    secrets = {name for name, info in Settings.model_fields.items() if SecretStr in typing.get_args(info.annotation)}
    assert secrets == {"sasl_password", "metrics_basic_auth_password", "web_session_secret"}
    for name in Settings.model_fields:
        assert (("--" + name.replace("_", "-")) in flags) is (name not in secrets), name


def test_a_bug_keeps_its_traceback(monkeypatch):
    import cli.main as cli

    def bug(args):  # not an error of the hierarchy: a bug, whose traceback must not be swallowed
        raise RuntimeError("not a user error")

    monkeypatch.setattr(cli, "cmd_flags", bug)
    with pytest.raises(RuntimeError):
        main(["flags"])


@pytest.mark.parametrize(
    "argv",
    [
        ["produce"],  # neither a file nor --generate
        ["produce", "x.jsonl", "--generate", "3"],
        ["produce", "--generate", "3", "--rate", "0"],
        ["generate", "-1"],
        ["evaluate", "--stream", "events.jsonl"],  # without --labels
        ["screen"],
        ["flags", "--severity", "loud"],
        ["flags", "--since", "yesterday-ish"],
        ["flags", "--since", "1h", "--from-beginning"],
        ["worker", "--profile", "fast"],
        ["watchlist", "export", "out.jsonl"],  # the output is -o; a positional is not accepted
        ["no-such-command"],
        [],
    ],
)
def test_usage_errors_exit_2(argv, capsys):
    assert main(argv) == EXIT_USAGE
    assert capsys.readouterr().err.strip()


def test_errors_are_one_line_with_their_exit_code(tmp_path, capsys):
    assert main(["screen", str(tmp_path / "nope.jsonl")]) == EXIT_UNAVAILABLE
    err = capsys.readouterr().err
    assert err.startswith("precwatch: cannot read ") and "nope.jsonl" in err and len(err.strip().splitlines()) == 1


def test_an_invalid_watchlist_for_screening_is_a_settings_error(tmp_path, capsys):
    bad = tmp_path / "wl.csv"
    bad.write_text((ROOT / "chemistry" / "data" / "watchlist.csv").read_text().replace("103-79-7", "103-79-8"))
    assert main(["screen", str(EXAMPLES), "--watchlist", str(bad), "-o", str(tmp_path / "f.jsonl")]) == EXIT_USAGE
    assert "check digit" in capsys.readouterr().err


def test_watchlist_export_writes_to_the_output_and_reads_the_named_watchlist(tmp_path, capsys):
    small = tmp_path / "wl.csv"
    lines = (ROOT / "chemistry" / "data" / "watchlist.csv").read_text().splitlines(keepends=True)
    small.write_text("".join(lines[:4]))  # header and three entries
    out = tmp_path / "export.jsonl"
    assert main(["watchlist", "export", "--watchlist", str(small), "-o", str(out)]) == 0
    entries = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    assert len(entries) == 3 and small.read_text() == "".join(lines[:4])  # the input is left alone
    assert main(["watchlist", "export"]) == 0
    bundled = capsys.readouterr().out.splitlines()
    assert len(bundled) > 3 and all(orjson.loads(line)["watchlist_version"] for line in bundled)


def test_watchlist_check_and_publish_name_their_input_like_screen(tmp_path):
    from cli.main import build_parser

    commands = _subcommands(build_parser())
    for name in ("screen", "watchlist check", "watchlist export", "watchlist publish"):
        options = {opt for action in commands[name]._actions for opt in action.option_strings}
        assert "--watchlist" in options, name
    assert main(["watchlist", "check", "--watchlist", str(tmp_path / "missing.csv")]) == EXIT_UNAVAILABLE


def _subcommands(parser, prefix=""):
    import argparse

    found = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                found[prefix + name] = child
                found.update(_subcommands(child, prefix + name + " "))
    return found


def test_every_option_of_every_command_has_help():
    import argparse

    from cli.main import build_parser

    for name, command in _subcommands(build_parser()).items():
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction) or action.help == argparse.SUPPRESS:
                continue  # hidden on purpose (an old positional form)
            assert action.help and action.help.strip(), (name, action.dest)


def test_worker_options_show_their_defaults_allowed_values_and_kinds():
    from cli.main import build_parser

    worker = _subcommands(build_parser())["worker"]
    by_option = {action.option_strings[-1]: action for action in worker._actions if action.option_strings}
    assert by_option["--profile"].choices == ["embedded", "kafka"]
    assert by_option["--security-protocol"].choices == ["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"]
    assert by_option["--partitions"].metavar == "INT" and "Default: 4." in by_option["--partitions"].help
    assert by_option["--screening-timeout-s"].metavar == "SECONDS"
    assert by_option["--eur-rates"].metavar == "JSON" and '{"EUR": 1.0}' in by_option["--eur-rates"].help
    assert "PRECWATCH_METRICS_PORT" in by_option["--metrics-port"].help
    assert not any(action.metavar == "VALUE" for action in by_option.values())
    assert "Default: 9464." in by_option["--metrics-port"].help


def test_worker_options_reach_the_settings(monkeypatch):
    import cli.commands as commands

    seen = []
    monkeypatch.setattr(commands, "run_worker", lambda settings: seen.append(settings) or 0)
    assert main(["worker", "--partitions", "3", "--profile", "kafka", "--log-level", "warning"]) == 0
    (settings,) = seen
    assert (settings.partitions, settings.profile, settings.log_level) == (3, "kafka", "warning")


def test_an_event_whose_screening_raises_costs_one_dead_letter_and_the_run_goes_on(tmp_path, monkeypatch):
    from pipeline.screening import Screener

    real = Screener.screen_event_verdicts

    def screen_or_fail(self, event, left_out=()):
        if event.event_id == "evt-00000002":
            raise RuntimeError("RingInfo not initialized")  # what a chemistry bug looked like
        return real(self, event, left_out)

    monkeypatch.setattr(Screener, "screen_event_verdicts", screen_or_fail)
    lines = EXAMPLES.read_bytes().splitlines()[:5]
    events = tmp_path / "five.jsonl"
    events.write_bytes(b"\n".join(lines) + b"\n")
    out, dead = tmp_path / "flags.jsonl", tmp_path / "dead.jsonl"
    assert main(["screen", str(events), "-o", str(out), "--dead-letter", str(dead), "--no-progress"]) == 0
    (letter,) = [orjson.loads(line) for line in dead.read_bytes().splitlines()]
    assert letter["reason_code"] == "processing" and "RuntimeError" in letter["reason"]
    assert letter["error_location"] == "line 2" and orjson.loads(letter["original"])["event_id"] == "evt-00000002"
    flagged = {orjson.loads(line)["event_id"] for line in out.read_bytes().splitlines()}
    assert "evt-00000002" not in flagged


def test_screen_accounts_for_long_and_blank_lines_and_goes_on(tmp_path, capsys):
    first, second = EXAMPLES.read_bytes().splitlines()[:2]
    events = tmp_path / "mixed.jsonl"
    events.write_bytes(first + b"\n   \n\n" + b'{"x": "' + b"y" * 2_000_000 + b'"}\n' + second + b"\n")
    out, dead = tmp_path / "flags.jsonl", tmp_path / "dead.jsonl"
    assert main(["screen", str(events), "-o", str(out), "--dead-letter", str(dead), "--no-progress"]) == 0
    (letter,) = [orjson.loads(line) for line in dead.read_bytes().splitlines()]
    assert letter["reason_code"] == "too_large" and letter["error_location"] == "line 4"
    assert letter["original_size"] == 2_000_009 and len(letter["original"]) < 20_000
    summary = capsys.readouterr().err
    assert "screened 2 events" in summary and "1 dead letters" in summary and "2 blank lines" in summary


def test_produce_leaves_out_a_line_too_large_for_the_broker_and_says_which(tmp_path, capsys):
    from cli.commands import events_from_file

    events = tmp_path / "events.jsonl"
    events.write_bytes(b'{"a": 1}\n' + b"z" * 1_500_000 + b'\n{"b": 2}\n')
    assert list(events_from_file(str(events))) == [b'{"a": 1}', b'{"b": 2}']
    assert "line 2 (1500000 bytes) is larger than" in capsys.readouterr().err


def test_identify_reads_each_kind_of_identifier_and_names_what_it_hits(capsys):
    argv = ["identify", "Phenylaceton", "103 79 7", "CCOC(=O)C1(C)OC1c1ccccc1", "103-79-8", "ethanol", "--json"]
    assert main(argv) == 0
    found = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [f["read_as"] for f in found] == ["name", "cas", "smiles", "cas", "name"]
    assert {h["entry"] for h in found[0]["hits"] if h["method"] == "exact"} == {"EU1-BMK"}
    assert found[1]["inchikey"] == "QCCDLTOVEPVEJK-UHFFFAOYSA-N"
    assert [h["entry"] for h in found[2]["hits"] if h["method"] == "unmasking"][-1] == "EU1-BMK"
    assert found[3]["resolved_by"] == "unresolved" and "check digit" in found[3]["problems"][0]
    assert found[4]["name"] == "Ethanol" and found[4]["hits"] == []


def test_identify_reads_words_nothing_knows_as_a_name_and_a_broken_structure_as_smiles(capsys):
    # a word in another script (Greek "desomorphine", the eighth held-out set) is a name, not a bad SMILES
    assert (
        main(
            [
                "identify",
                "foo bar",
                "Xylophenone brand 7",
                "\u0394\u0395\u03a3\u039f\u039c\u039f\u03a1\u03a6\u0399\u039d\u0397",
                "CC(=O",
                "--json",
            ]
        )
        == 0
    )
    found = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [f["read_as"] for f in found] == ["name", "name", "name", "smiles"]
    assert not any("SMILES" in problem for f in found[:3] for problem in f["problems"])


def test_identify_reads_a_name_whose_first_word_is_smiles_as_a_name(capsys):
    # RDKit parses "NPP 1-(...)" as the SMILES "NPP" titled with the rest; "BOC" is SMILES too
    argv = ["identify", "NPP 1-(2-phenylethyl)piperidin-4-one", "BOC anhydride", "CCO", "--json"]
    argv[-1:-1] = ["C=CCc1ccc2c(c1)OCO2 safrole", "C=CCc1ccc2c(c1)OCO2\tsafrole"]  # a SMILES file's line: a title
    assert main(argv) == 0
    found = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [f["read_as"] for f in found] == ["name", "name", "smiles", "smiles", "smiles"]
    assert found[3]["inchikey"] == found[4]["inchikey"] == "ZMQAAUBTXCXRIC-UHFFFAOYSA-N"
    assert {h["entry"] for h in found[0]["hits"] if h["method"] == "exact"} == {"EU1-NPP"}


def test_identify_in_words_escapes_what_it_prints(capsys):
    assert main(["identify", "\x1b]0;owned\x07"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "not identified" in out


def test_screen_all_items_writes_one_verdict_per_goods_item_flagged_or_not(tmp_path):
    out = tmp_path / "verdicts.jsonl"
    assert (
        main(
            [
                "screen",
                str(EXAMPLES),
                "--all-items",
                "-o",
                str(out),
                "--dead-letter",
                str(tmp_path / "d"),
                "--no-progress",
            ]
        )
        == 0
    )
    verdicts = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    flags_out = tmp_path / "flags.jsonl"
    assert (
        main(["screen", str(EXAMPLES), "-o", str(flags_out), "--dead-letter", str(tmp_path / "d2"), "--no-progress"])
        == 0
    )
    flag_ids = {orjson.loads(line)["flag_id"] for line in flags_out.read_bytes().splitlines()}
    assert {v["flag_id"] for v in verdicts if v["flagged"]} == flag_ids
    assert len(verdicts) == 628  # every goods item of the 313 events
    benign = next(v for v in verdicts if v["smiles"] == "CC(=O)OCc1ccccc1")
    assert not benign["flagged"] and benign["name"] == "Benzyl acetate" and benign["matches"] == []


def test_identify_says_which_source_resolved_each_identifier(capsys):
    assert main(["identify", "78-83-1", "Helional", "BMK", "--json"]) == 0
    found = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert found[0]["source"] == "chemicals (ChEDL/PubChem) CID 6560" and found[0]["name"] == "2-methyl-1-propanol"
    assert found[1]["source"] == "common chemicals (curated)" and "phenobarbital" in found[1]["source_notes"][0]
    assert found[2]["source"] == "watchlist"


def test_identify_in_words_names_the_source_and_the_disagreement(capsys):
    assert main(["identify", "Helional"]) == 0
    out = capsys.readouterr().out
    assert "resolved by name from common chemicals (curated)" in out
    assert "note: the name 'Helional'" in out


def test_identify_shows_a_name_read_as_a_misspelling(capsys):
    assert main(["identify", "Pseudoefedirna", "--json"]) == 0
    (found,) = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert found["read_as"] == "name" and found["name"] == "Pseudoephedrine"
    assert "read as a misspelling of 'Pseudoefedrina'" in found["source"]
    assert main(["identify", "Pseudoefedirna"]) == 0
    assert "note: the name 'Pseudoefedirna' was read as a misspelling of 'Pseudoefedrina'" in capsys.readouterr().out


def test_identify_says_how_a_drawing_was_read_and_what_was_set_aside(capsys):
    assert main(["identify", "[13CH3]C(=O)Cc1ccccc1", "CC(=O)Cc1ccccc1.Cl", "--json"]) == 0
    labelled, salt = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert labelled["drawing_notes"] == ["1 isotope label(s) ignored"] and labelled["stripped"] == []
    assert salt["stripped"] == ["Cl"]
    assert main(["identify", "[13CH3]C(=O)Cc1ccccc1"]) == 0
    assert "drawing: 1 isotope label(s) ignored" in capsys.readouterr().out


def test_identifiers_build_writes_an_index_that_screening_can_use(tmp_path, capsys, monkeypatch):
    target = tmp_path / "identifiers.sqlite"
    assert main(["identifiers", "build", "--output", str(target)]) == 0
    assert "chemicals indexed in" in capsys.readouterr().out
    monkeypatch.setenv("PRECWATCH_IDENTIFIER_DATABASE", str(target))
    assert main(["identify", "78-83-1", "--json"]) == 0
    assert orjson.loads(capsys.readouterr().out)["resolved_by"] == "cas"
    monkeypatch.setenv("PRECWATCH_IDENTIFIER_DATABASE", "off")
    assert main(["identify", "78-83-1", "--json"]) == 0
    assert orjson.loads(capsys.readouterr().out)["resolved_by"] == "unresolved"


def test_identify_shows_a_name_of_two_stereoisomers_as_ambiguous(capsys):
    assert main(["identify", "Cloroefedrina"]) == 0
    out = capsys.readouterr().out
    assert "substance: chloroephedrine  CNC(C)C(Cl)c1ccccc1" in out
    assert "ambiguous: the name 'Cloroefedrina' is a watchlist name of 2 entries" in out
    assert "exact: EU1-CHLOROEPHEDRINE-1R2S" in out and "exact: EU1-CHLOROEPHEDRINE-1S2R" in out


def test_identify_shows_a_database_name_of_positional_isomers_as_ambiguous(capsys):
    assert main(["identify", "4-methylvalerophenone", "--json"]) == 0
    (found,) = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert "1671-77-8" in found["ambiguous"][0] and "2050-07-9" in found["ambiguous"][0]
    assert main(["identify", "4-methylvalerophenone"]) == 0
    assert "  ambiguous: name 4-methylvalerophenone names 2 different substances" in capsys.readouterr().out


def test_identify_reads_a_watchlist_name_with_a_locant_n_as_screening_does_without_opsin(capsys, monkeypatch):
    """Without OPSIN, 'Kwas N-acetyloantranilowy' was read as a SMILES (not identified) while `precwatch
    screen` flagged it as the Category 1 entry: an investigator must be able to reproduce the flag. (That
    spelling is now a watchlist name itself, the Polish CN's; pentedrone's Polish name is the example.)"""
    monkeypatch.setenv("PRECWATCH_SYSTEMATIC_NAMES", "off")
    assert main(["identify", "α-N-metyloaminowalerofenon", "--json"]) == 0
    found = orjson.loads(capsys.readouterr().out)
    assert found["read_as"] == "name" and found["smiles"] == "CCCC(NC)C(=O)c1ccccc1"
    assert "with the locant N- ignored" in found["source"]


def test_screen_refuses_to_write_over_its_input_or_one_output_over_the_other(tmp_path, capsys):
    # Opening an output empties it: the input would be read empty, or the outputs would overwrite
    # each other's lines. Refused before anything is opened; /dev/null twice is fine.
    events = tmp_path / "events.jsonl"
    events.write_bytes(EXAMPLES.read_bytes())
    alias = tmp_path / "alias.jsonl"
    alias.symlink_to(events)
    out = tmp_path / "out.jsonl"
    for extra in (
        ["-o", str(events)],
        ["-o", str(alias)],
        ["--dead-letter", str(events)],
        ["-o", str(out), "--dead-letter", str(out)],
        ["-o", str(out), "--dead-letter", str(tmp_path / "." / "out.jsonl")],
    ):
        assert main(["screen", str(events), "--no-progress", *extra]) == EXIT_USAGE, extra
        assert "precwatch: --" in capsys.readouterr().err
        assert events.read_bytes() == EXAMPLES.read_bytes()
    assert not out.exists()
    assert main(["screen", str(events), "--no-progress", "-o", os.devnull, "--dead-letter", os.devnull]) == 0


def test_screen_refuses_stdout_that_is_its_input(tmp_path):
    events = tmp_path / "events.jsonl"
    events.write_bytes(EXAMPLES.read_bytes())
    with events.open("ab") as appended:  # `precwatch screen events.jsonl >> events.jsonl`
        proc = subprocess.run(
            [sys.executable, "-m", "cli.main", "screen", str(events), "--no-progress"],
            stdout=appended,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            check=False,
        )
    assert proc.returncode == EXIT_USAGE and b"--output is the input" in proc.stderr
    assert events.read_bytes() == EXAMPLES.read_bytes()
