"""`precwatch screen --summary` (cli/screen_summary.py) and `--follow-ups` (cli/intelligence.py)."""

from __future__ import annotations

import collections
import io
import types

import orjson
import pytest

from cli.main import main
from cli.screen_summary import FlagTable
from tests.cli.test_parallel import EXAMPLES, example_with_malformed_lines, screened
from tests.workbench.conftest import example_flags, example_follow_ups

STAMPS = ("screened_at", "received_at")


def unstamped(lines: list[bytes]) -> list[dict]:
    """Flags without the run's time stamp (two runs differ there only)."""
    return [{k: v for k, v in orjson.loads(line).items() if k not in STAMPS} for line in lines]


def test_the_table_lists_the_most_severe_first_and_says_how_many_more():
    table = FlagTable(5)
    flags = list(example_flags())
    for flag in flags:
        table.add(flag)
    text = table.render().splitlines()
    assert text[0] == f"flagged items, most severe first (5 of {len(flags)}):"
    assert text[1].split() == ["SEVERITY", "SCORE", "DECLARATION", "ITEM", "SUBSTANCE", "SIGNALS", "FINDING"]
    assert [line.split()[0] for line in text[2:7]] == ["critical"] * 5
    assert text[-1] == f"... and {len(flags) - 5} more (--summary N lists N)"
    best = max(flags, key=lambda f: (f["severity"] == "critical", f["score"]))
    assert best["declaration_id"] in text[2]
    assert FlagTable().render() == "no flagged items"


def test_a_follow_up_row_says_what_it_found():
    table = FlagTable(100)
    split = next(
        f for f in example_follow_ups() if f["signals"][0]["code"] == "SPLIT_SHIPMENT" and "(consignee" in f["summary"]
    )
    table.add(split)
    row = table.render().splitlines()[2]
    assert (
        "  follow-up: split shipment: 3 consignments of Phenylacetic acid (watchlist entry) within 30 days total 120 kg, "
        in row
    )


def test_what_a_declaration_says_is_escaped_and_cut_to_its_column():
    flag = dict(example_flags()[0])
    flag["substance"] = {**flag["substance"], "name": "\x1b[2J\x1b[31mAcid\u202e" + "x" * 80}
    flag["declaration_id"] = "26NL\x07bell"
    table = FlagTable()
    table.add(flag)
    text = table.render()
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "\\x1b[2J\\x1b[31mAcid\\u202e" in text and "26NL\\x07bell" in text
    row = text.splitlines()[2]
    assert "x" * 40 not in row  # the name is cut to its column


def test_the_table_is_the_same_for_one_job_and_for_several(tmp_path):
    path = example_with_malformed_lines(tmp_path)

    def table_of(jobs: int) -> str:
        table = FlagTable(1000)
        out = io.BytesIO()
        screened_out = screened(path, jobs, chunk_lines=13, range_bytes=40_000)
        table.tee(out).write(screened_out[0])
        assert out.getvalue() == screened_out[0]
        return table.render(), screened_out[2].jobs

    (one, _), (three, jobs) = table_of(1), table_of(3)
    assert jobs == 3 and one == three and one.count("\n") > 60


def test_the_tee_reads_lines_split_across_writes():
    table = FlagTable()
    out = io.BytesIO()
    tee = table.tee(out)
    line = orjson.dumps(example_flags()[0]) + b"\n"
    tee.write(line[:10])
    tee.write(line[10:] + line[:5])
    tee.write(line[5:])
    assert out.getvalue() == line * 2 and table.flags == 2


def test_follow_ups_come_after_the_flags_and_leave_the_default_output_as_it_was(tmp_path, capsys):
    plain, with_follow_ups = tmp_path / "plain.jsonl", tmp_path / "follow.jsonl"
    base = ["screen", str(EXAMPLES), "--dead-letter", str(tmp_path / "dead.jsonl"), "--no-progress"]
    assert main([*base, "-o", str(plain)]) == 0
    assert "follow-up" not in capsys.readouterr().err
    assert main([*base, "-o", str(with_follow_ups), "--follow-ups", "--summary", "3", "--jobs", "2"]) == 0
    said = capsys.readouterr().err
    flags, both = plain.read_bytes().splitlines(), with_follow_ups.read_bytes().splitlines()
    assert unstamped(both[: len(flags)]) == unstamped(flags)
    follow_ups = unstamped(both[len(flags) :])
    assert follow_ups and all(f["follow_up_of"] for f in follow_ups)
    # What the worker's stateful stage raises on the same stream, in the same order, with the same ids.
    assert [f["flag_id"] for f in follow_ups] == [f["flag_id"] for f in example_follow_ups()]
    counts = collections.Counter(s["code"] for f in follow_ups for s in f["signals"])
    listed = ", ".join(f"{code} {n}" for code, n in sorted(counts.items()))
    assert f"{len(follow_ups)} follow-up flags ({listed})" in said
    assert f"(3 of {len(both)}):" in said
    stamps = {orjson.loads(line)["screened_at"] for line in both}
    assert len(stamps) == 1  # the follow-up flags carry the run's stamp too


@pytest.mark.parametrize("extra", [["--follow-ups", "--all-items"], ["--summary", "--all-items"], ["--summary", "0"]])
def test_summary_and_follow_ups_refuse_what_they_cannot_do(tmp_path, extra):
    assert main(["screen", str(EXAMPLES), "-o", str(tmp_path / "f.jsonl"), *extra]) == 2


def test_follow_ups_read_stdin_once_and_give_what_the_file_gives(tmp_path, monkeypatch):
    # The input is screened once (sixteenth session): stdin, read once, has its follow-ups too.
    from_file, from_stdin = tmp_path / "file.jsonl", tmp_path / "stdin.jsonl"
    base = ["screen", "--follow-ups", "--no-progress", "--dead-letter", str(tmp_path / "dead.jsonl")]
    assert main([*base, str(EXAMPLES), "-o", str(from_file)]) == 0
    with EXAMPLES.open("rb") as handle:
        monkeypatch.setattr("sys.stdin", types.SimpleNamespace(buffer=handle))
        assert main([*base, "-", "-o", str(from_stdin)]) == 0
    written = unstamped(from_stdin.read_bytes().splitlines())
    assert written == unstamped(from_file.read_bytes().splitlines())
    assert sum(1 for f in written if f.get("follow_up_of")) == len(example_follow_ups())


def test_follow_ups_are_the_same_for_one_job_and_for_several_writing_to_a_file(tmp_path):
    # Over a megabyte: three jobs screen ranges of it and the kernel copies their parts into the file,
    # which the follow-up flags are then appended to.
    path = example_with_malformed_lines(tmp_path)
    written = []
    for jobs in ("1", "3"):
        out = tmp_path / f"flags-{jobs}.jsonl"
        argv = ["screen", str(path), "-o", str(out), "--dead-letter", str(tmp_path / "dead.jsonl"), "--follow-ups"]
        assert main([*argv, "--jobs", jobs, "--no-progress"]) == 0
        written.append(unstamped(out.read_bytes().splitlines()))
    assert written[0] == written[1]
    assert sum(1 for f in written[0] if f.get("follow_up_of")) == len(example_follow_ups())
