"""`precwatch screen FILE --jobs N` on a regular file: the children read ranges of it and write part
files, appended in input order; the same bytes and counts as one job."""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import re
import signal
import subprocess
import sys
import time
import types
from pathlib import Path

import orjson
import pytest

from cli.commands import screen_files
from cli.parallel import LineRange, ParallelScreeningFailed, PartCopier, ScreeningPool, line_ranges
from pipeline.decode import read_lines
from tests.cli.test_parallel import EXAMPLES, NOW, UNHURRIED, example_with_malformed_lines, screened
from tests.factories import bundled_watchlist

STAMPS = re.compile(rb'"(screened_at|received_at)":"[^"]*"')


def ranges_of(tmp_path, data: bytes, target: int) -> list[LineRange]:
    path = tmp_path / "lines"
    path.write_bytes(data)
    with open(path, "rb") as handle:
        spans = list(line_ranges(handle.fileno(), target))
        assert handle.tell() == 0  # read with pread: the position is left alone
    return spans


def test_ranges_shrink_towards_the_end_of_the_file_and_still_cover_it_in_whole_lines(tmp_path, monkeypatch):
    # The last ranges are smaller, so that the children taking them finish close together.
    monkeypatch.setattr("cli.parallel.MIN_TAIL_RANGE_BYTES", 64)
    data = b"".join(b'{"n": %d, "pad": "%s"}\n' % (i, b"x" * (i % 37)) for i in range(3000))
    path = tmp_path / "lines"
    path.write_bytes(data)
    with open(path, "rb") as handle:
        plain = list(line_ranges(handle.fileno(), 4096))
        spans = list(line_ranges(handle.fileno(), 4096, 8))
    check_cover(data, spans)
    assert len(spans) > len(plain)
    assert max(s.length for s in spans[-5:]) < 4096 // 8 <= spans[0].length
    lengths = [s.length for s in spans[:-1]]
    assert all(a >= b - 60 for a, b in itertools.pairwise(lengths))  # shrinking (give or take a line)
    assert all(s.length >= 64 - 60 for s in spans[:-1])  # and no smaller than the bound (a line less)


def test_a_file_of_one_range_is_not_cut_smaller_for_its_tail(tmp_path):
    data = b"".join(b'{"n": %d}\n' % i for i in range(50))
    path = tmp_path / "lines"
    path.write_bytes(data)
    with open(path, "rb") as handle:
        assert list(line_ranges(handle.fileno(), len(data), 8)) == [LineRange(0, len(data), 1, 50)]


def check_cover(data: bytes, spans: list[LineRange]) -> None:
    """Every byte in exactly one range, in order; each range whole lines, counted and numbered as
    read_lines counts the file's."""
    assert [s.offset for s in spans] == [0, *(s.offset + s.length for s in spans[:-1])]
    assert sum(s.length for s in spans) == len(data)
    line = 1
    for span in spans:
        part = data[span.offset : span.offset + span.length]
        assert part.endswith(b"\n") or span.offset + span.length == len(data)
        assert span.first_line == line
        assert span.lines == len(list(read_lines(io.BytesIO(part)))) > 0
        line += span.lines
    assert line - 1 == len(list(read_lines(io.BytesIO(data))))


@pytest.mark.parametrize(
    "data",
    [
        b"".join(b'{"n": %d}\n' % i for i in range(50)),
        b"".join(b'{"n": %d}\r\n' % i for i in range(50)),  # CRLF
        b"".join(b'{"n": %d}\n' % i for i in range(50)) + b'{"last": "no line ending"}',
        b"\n\n  \n" + b"x" * 100 + b"\n\n",  # blank lines, and a line longer than a range
    ],
    ids=["lf", "crlf", "no-final-newline", "blank-and-long"],
)
def test_ranges_cover_the_file_in_whole_lines(tmp_path, data):
    spans = ranges_of(tmp_path, data, 32)
    check_cover(data, spans)
    assert all(s.length <= 32 or s.lines == 1 for s in spans)


def test_an_empty_file_has_no_ranges(tmp_path):
    assert ranges_of(tmp_path, b"", 32) == []


def test_a_line_longer_than_a_range_is_a_range_of_its_own(tmp_path):
    long = b"y" * 100
    for ending in (b"\n", b""):  # also when it is the last line, without a line ending
        data = b"a\nb\n" + long + ending
        spans = ranges_of(tmp_path, data, 8)
        check_cover(data, spans)
        assert spans[-1] == LineRange(4, len(long + ending), 3, 1)


def variants(tmp_path):
    """The example stream with malformed lines and a line over the message limit, as written, with
    CRLF line endings, and without its last line ending; and the example stream with a byte-order mark."""
    mixed = example_with_malformed_lines(tmp_path)
    data = mixed.read_bytes()
    files = {"lf": mixed}
    for name, content in (
        ("crlf", data.replace(b"\n", b"\r\n")),
        ("no-final-newline", data.rstrip(b"\n")),
        ("bom", b"\xef\xbb\xbf" + EXAMPLES.read_bytes()),
    ):
        files[name] = tmp_path / f"{name}.jsonl"
        files[name].write_bytes(content)
    return files


@pytest.mark.parametrize("variant", ["lf", "crlf", "no-final-newline", "bom"])
@pytest.mark.parametrize("fork", [True, False], ids=["forked-if-possible", "started"])
def test_ranges_screened_by_children_write_what_one_job_writes(tmp_path, monkeypatch, variant, fork):
    if not fork:
        monkeypatch.setattr("cli.parallel.can_fork", lambda: False)
    path = variants(tmp_path)[variant]
    one = screened(path, 1)
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    two = screened(path, 2, range_bytes=20_000)  # ranges much shorter than the long line
    assert two[2].jobs == 2
    assert os.listdir(tmp_path / "tmp") == []  # the part files and their directory are gone
    assert one[0] == two[0] and one[0]
    assert one[1] == two[1]
    fields = ("events", "items", "dead_letters", "data_quality_reports", "lines", "bytes_read", "flags_by_severity")
    for field in (*fields, "blank_lines"):
        assert getattr(one[2], field) == getattr(two[2], field), field
    assert one[2].lines == len(list(read_lines(io.BytesIO(path.read_bytes()))))


def test_the_command_on_a_file_writes_the_same_files_with_two_jobs(tmp_path):
    # The command as a process of its own, with no thread but its main one: its children are forked.
    path = example_with_malformed_lines(tmp_path)  # over a megabyte, with its long line: two ranges
    env = {**os.environ, **UNHURRIED.environment()}
    written = {}
    for jobs in (1, 2):
        out, dead = tmp_path / f"flags-{jobs}.jsonl", tmp_path / f"dead-{jobs}.jsonl"
        argv = ["screen", str(path), "-o", str(out), "--dead-letter", str(dead), "--no-progress", "--jobs", str(jobs)]
        done = subprocess.run([sys.executable, "-m", "cli.main", *argv], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert f"{jobs} job" in done.stderr
        written[jobs] = [STAMPS.sub(b"", out.read_bytes()), STAMPS.sub(b"", dead.read_bytes())]
    assert written[1] == written[2] and written[1][0] and written[1][1]


def test_a_child_that_fails_stops_the_run_and_leaves_no_part_files(tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    dies = (sys.executable, "-c", "import sys; sys.exit(3)")

    def dying_pool(*args, **kwargs):
        return ScreeningPool(*args, **{**kwargs, "command": dies, "in_process": False, "fork": False})

    monkeypatch.setattr("cli.parallel.ScreeningPool", dying_pool)
    path = example_with_malformed_lines(tmp_path)
    with pytest.raises(ParallelScreeningFailed, match="exit code 3"):
        screened(path, 2, range_bytes=20_000)
    assert os.listdir(tmp_path / "tmp") == []


def parts(tmp_path, contents: list[bytes]) -> list[tuple[str, int]]:
    names = []
    for i, data in enumerate(contents):
        name = tmp_path / f"{i}.out"
        name.write_bytes(data)
        names.append((str(name), len(data)))
    return names


CONTENTS = [b"first\n", b"second\n" * 1000, b"third\n"]


def test_part_files_are_appended_to_a_file_in_order_and_removed(tmp_path):
    target = tmp_path / "output"
    with open(target, "wb") as out:
        out.write(b"before\n")  # written through the stream first: it stays first
        copier = PartCopier(out)
        for name, size in parts(tmp_path, CONTENTS):
            copier.append(name, size)
            assert not os.path.exists(name)
    assert target.read_bytes() == b"before\n" + b"".join(CONTENTS)


def test_part_files_reach_a_pipe_and_a_stream_without_a_file(tmp_path):
    read_end, write_end = os.pipe()
    with open(write_end, "wb") as pipe:
        copier = PartCopier(pipe)
        for name, size in parts(tmp_path, CONTENTS):
            copier.append(name, size)
    with open(read_end, "rb") as received:
        assert received.read() == b"".join(CONTENTS)
    stream = io.BytesIO()
    copier = PartCopier(stream)
    for name, size in parts(tmp_path, CONTENTS):
        copier.append(name, size)
    assert stream.getvalue() == b"".join(CONTENTS)


def test_stdin_goes_through_this_process_in_chunks_even_from_a_file(tmp_path, monkeypatch):
    # A file redirected to stdin is read from where it stands: no ranges of it.
    path = example_with_malformed_lines(tmp_path)
    one = screened(path, 1)
    with open(path, "rb") as handle:
        monkeypatch.setattr("sys.stdin", types.SimpleNamespace(buffer=handle))
        monkeypatch.setattr("cli.parallel.line_ranges", None)  # would fail if called
        out, dead = io.BytesIO(), io.BytesIO()
        summary = screen_files(
            ["-"], out, dead, bundled_watchlist(), False, settings=UNHURRIED, jobs=2, now=NOW, chunk_lines=13
        )
    assert summary.jobs == 2
    assert out.getvalue() == one[0]
    assert dead.getvalue() == one[1].replace(str(path).encode(), b"<stdin>")
    assert (summary.events, summary.dead_letters, summary.lines) == (one[2].events, one[2].dead_letters, one[2].lines)


def test_a_range_read_with_other_lines_than_were_counted_stops_the_run(tmp_path, monkeypatch):
    # As when the file changes between the cutting and the reading: no line may go unaccounted for.
    from cli import parallel

    cut = parallel.line_ranges

    def miscounted(fd, target, *tail):
        for span in cut(fd, target, *tail):
            yield LineRange(span.offset, span.length, span.first_line, span.lines + 1)

    monkeypatch.setattr("cli.parallel.line_ranges", miscounted)
    with pytest.raises(ParallelScreeningFailed, match="lines were read where"):
        screened(example_with_malformed_lines(tmp_path), 2, range_bytes=20_000)


def test_a_file_replaced_under_its_path_during_the_run_stops_it(tmp_path, monkeypatch):
    """The children open the input by its path; one job reads the file it opened. A file renamed over
    that path after the ranges were cut must stop the run, not be screened in place of the first."""
    from cli import parallel

    path = example_with_malformed_lines(tmp_path)
    other = tmp_path / "other.jsonl"
    other.write_bytes(path.read_bytes())  # same bytes, same line counts: only its identity differs
    cut = parallel.line_ranges

    def replaced_after_cutting(fd, target, *tail):
        spans = list(cut(fd, target, *tail))
        os.replace(other, path)
        yield from spans

    monkeypatch.setattr("cli.parallel.line_ranges", replaced_after_cutting)
    with pytest.raises(ParallelScreeningFailed, match="the input file was replaced during the run"):
        screened(path, 2, range_bytes=20_000)


def test_a_line_cut_at_the_message_limit_among_carriage_returns_is_counted_as_one_job_counts_it(tmp_path):
    # Its text is within the limit, its carriage returns take it over: read_lines once counted its \n
    # as a second line, which the ranges (counted by \n) did not, and two jobs stopped the run.
    lines = EXAMPLES.read_bytes().splitlines(keepends=True)
    path = tmp_path / "carriage-returns.jsonl"
    path.write_bytes(b"".join(lines[:40]) + b"x" * 999_999 + b"\r\r\r\n" + b"".join(lines[40:80]))
    one, two = screened(path, 1), screened(path, 2, range_bytes=4096)
    assert one[:2] == two[:2] and one[0]
    assert one[2].lines == two[2].lines == 81 and one[2].dead_letters == two[2].dead_letters == 1


def children_of(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        with contextlib.suppress(OSError, ValueError):
            fields = (Path("/proc") / entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry))
    return found


@pytest.mark.skipif(sys.platform != "linux", reason="forked children and /proc: Linux")
def test_sigterm_stops_the_run_like_ctrl_c_with_no_child_part_file_or_traceback_left(tmp_path):
    path = tmp_path / "many.jsonl"
    path.write_bytes(EXAMPLES.read_bytes() * 100)  # tens of thousands of events: still running when signalled
    (tmp_path / "tmp").mkdir()
    env = {**os.environ, **UNHURRIED.environment(), "TMPDIR": str(tmp_path / "tmp")}
    argv = ["screen", str(path), "-o", os.devnull, "--dead-letter", os.devnull, "--no-progress", "--jobs", "2"]
    proc = subprocess.Popen([sys.executable, "-m", "cli.main", *argv], env=env, stderr=subprocess.PIPE)
    children: list[int] = []
    while proc.poll() is None and not (os.listdir(tmp_path / "tmp") and len(children := children_of(proc.pid)) == 2):
        time.sleep(0.02)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err  # as Ctrl-C: cli/main.py EXIT_INTERRUPTED
    assert b"Traceback" not in err
    assert os.listdir(tmp_path / "tmp") == []
    for pid in children:  # ended (or a zombie waiting for init), not screening on
        with contextlib.suppress(FileNotFoundError):
            assert (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"


def test_a_file_name_that_is_not_utf8_is_read_and_named_in_dead_letters_with_one_job_or_two(tmp_path):
    # Python holds such a name with surrogates, which no JSON carries: the run ended in a traceback.
    path = tmp_path / os.fsdecode(b"latin-1 \xe9v\xe9nements.jsonl")
    path.write_bytes(example_with_malformed_lines(tmp_path).read_bytes())
    one, two = screened(path, 1), screened(path, 2, range_bytes=20_000)
    assert one[:2] == two[:2] and one[0] and two[2].jobs == 2
    sources = {orjson.loads(line)["source"] for line in one[1].splitlines()}
    assert sources == {str(tmp_path) + "/latin-1 \\xe9v\\xe9nements.jsonl"}


def test_part_directories_of_commands_that_no_longer_exist_are_removed_and_no_other(tmp_path):
    from cli.commands import PART_DIRECTORY_PREFIX, remove_abandoned_part_directories

    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()  # its process id now names no process (reused only after the system wraps around)
    abandoned = tmp_path / f"{PART_DIRECTORY_PREFIX}{finished.pid}-x1y2"
    running = tmp_path / f"{PART_DIRECTORY_PREFIX}{os.getpid()}-a3b4"
    unnamed = tmp_path / f"{PART_DIRECTORY_PREFIX}q9w8"  # not named after a process: someone else's
    for folder in (abandoned, running, unnamed):
        folder.mkdir()
        (folder / "0.out").write_bytes(b"{}\n")
    assert remove_abandoned_part_directories(str(tmp_path)) == [str(abandoned)]
    assert not abandoned.exists() and running.exists() and unnamed.exists()
