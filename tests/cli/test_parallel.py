"""`precwatch screen --jobs N`: the same bytes as one job, from real child processes."""

from __future__ import annotations

import io
import itertools
import os
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from cli.commands import screen_files
from cli.main import main
from cli.parallel import ParallelScreeningFailed, ScreeningPool
from pipeline.chunks import LinesChunk, encode_lines_chunk
from pipeline.settings import Settings
from tests.factories import bundled_watchlist

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "devtools" / "data" / "transactions.jsonl"
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
MALFORMED = [
    b"{not json",
    b"[1, 2, 3]",
    b'{"event_id": "x"}',
    b"\xff\xfe binary",
    b"   ",
    b"null",
    b'{"schema_version": 1, "event_id": "no-items", "declaration_id": "d", "source": "s", "kind": "import", '
    b'"occurred_at": "2026-11-01T00:00:00Z", "consignor": {"name": "a"}, "consignee": {"name": "b"}, '
    b'"transport": {"mode": "sea"}, "items": []}',
]


def with_bad_fields(line: bytes, n: int) -> bytes:
    """An event of the example stream with fields it can do without made invalid: screened, with a
    data_quality report among the dead letters."""
    event = orjson.loads(line)
    event["event_id"] += f"-bad-fields-{n}"
    event["consignor"]["country"] = "Narnia"
    event["items"][0]["cn_code"] = "2914x"
    if n == 0:  # dated at the run's start, whichever process reads it
        event["occurred_at"] = "yesterday"
    return orjson.dumps(event)


BAD_FIELDS = 3


def example_with_malformed_lines(tmp_path: Path) -> Path:
    """The bundled example stream with malformed lines spread through it (and a line over the limit),
    and events with fields that fail validation."""
    lines = EXAMPLES.read_bytes().splitlines()
    for n in range(BAD_FIELDS):
        lines.insert(29 + 53 * n, with_bad_fields(lines[30 + 37 * n], n))
    for i, bad in enumerate(MALFORMED):
        lines.insert(17 + 41 * i, bad)
    lines.insert(100, b'{"padding": "' + b"x" * 1_000_100 + b'"}')
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


# The time budgets are wall-clock bounds: on a loaded machine one run can reach a budget that the other
# does not (docs/performance.md). Generous ones here, so that what is compared is the jobs alone.
UNHURRIED = Settings(unmask_time_budget_s=60, event_time_budget_s=600)


def screened(path: Path, jobs: int, **kwargs):
    out, dead = io.BytesIO(), io.BytesIO()
    summary = screen_files(
        [str(path)], out, dead, bundled_watchlist(), False, settings=UNHURRIED, jobs=jobs, now=NOW, **kwargs
    )
    return out.getvalue(), dead.getvalue(), summary


@pytest.mark.parametrize("all_items", [False, True])
def test_three_jobs_write_the_same_bytes_as_one(tmp_path, all_items):
    path = example_with_malformed_lines(tmp_path)
    one = screened(path, 1, chunk_lines=13, all_items=all_items)
    three = screened(path, 3, chunk_lines=13, all_items=all_items)
    assert three[2].jobs == 3  # the chunks really went to child processes
    assert one[0] == three[0] and one[0]
    assert one[1] == three[1]
    # The example's own invalid lines, the ones added (but the blank one) and the long one; and the
    # data_quality reports of the events screened without their bad fields.
    assert len(one[1].splitlines()) == one[2].dead_letters + one[2].data_quality_reports
    assert one[2].dead_letters >= len(MALFORMED) and one[2].data_quality_reports >= BAD_FIELDS
    reports = [orjson.loads(line) for line in one[1].splitlines()]
    assert sum(r["reason_code"] == "data_quality" for r in reports) == one[2].data_quality_reports
    fields = ("events", "items", "dead_letters", "data_quality_reports", "lines", "bytes_read", "flags_by_severity")
    for field in (*fields, "blank_lines"):
        assert getattr(one[2], field) == getattr(three[2], field), field
    assert one[2].events + one[2].dead_letters + one[2].blank_lines == len(path.read_bytes().splitlines())


def test_chunking_does_not_change_the_output(tmp_path):
    path = example_with_malformed_lines(tmp_path)
    assert screened(path, 1, chunk_lines=5)[:2] == screened(path, 1)[:2]


def test_the_command_takes_jobs_and_says_how_many_screened(tmp_path, capsys):
    out, dead = tmp_path / "flags.jsonl", tmp_path / "dead.jsonl"
    argv = ["screen", str(EXAMPLES), "-o", str(out), "--dead-letter", str(dead), "--no-progress"]
    assert main([*argv, "--jobs", "2"]) == 0
    # The example is one chunk: screened in this process, as starting children would cost more.
    assert "1 job)" in capsys.readouterr().err
    assert main([*argv, "--jobs", "0"]) == 2


def test_jobs_far_beyond_the_cores_are_refused_before_any_process_starts(tmp_path, capsys, monkeypatch):
    # A thousand forked children hold gigabytes between them and cannot screen faster than the cores.
    monkeypatch.setattr("cli.parallel.default_jobs", lambda: 2)
    out = tmp_path / "flags.jsonl"
    argv = ["screen", str(EXAMPLES), "-o", str(out), "--dead-letter", os.devnull, "--no-progress"]
    assert main([*argv, "--jobs", "1000"]) == 2
    assert "--jobs 1000 is more than 4 per core this process may use (8)" in capsys.readouterr().err
    assert not out.exists()
    assert main([*argv, "--jobs", "8"]) == 0


def lines_request(path: Path) -> tuple[bytes, bytes]:
    lines = list(enumerate(path.read_bytes().splitlines(), start=1))
    return b"L", encode_lines_chunk(LinesChunk(str(path), lines), NOW, False)


@pytest.mark.parametrize("in_process", [False, True])
def test_a_child_that_dies_stops_the_run(in_process):
    # With this process as a worker too, the chunk may well be screened here: the child that could not
    # start still stops the run, once the last answer is in.
    dies = (sys.executable, "-c", "import sys; sys.exit(3)")
    pool = ScreeningPool(2, Settings(), bundled_watchlist(), command=dies, in_process=in_process)
    with pool, pytest.raises(ParallelScreeningFailed, match="exit code 3"):
        list(pool.map([lines_request(EXAMPLES)]))


def test_this_process_and_a_child_answer_as_one_process_does():
    """N jobs are N children and, while they start, this process: every chunk's answer is the same
    bytes whichever screened it, and the same as screening the chunk here without a pool."""
    from cli.parallel import answer_chunk
    from pipeline.screening import Screener

    settings = UNHURRIED
    lines = list(enumerate(EXAMPLES.read_bytes().splitlines(), start=1))
    requests = [
        (b"L", encode_lines_chunk(LinesChunk(str(EXAMPLES), lines[i : i + 7]), NOW, True))
        for i in range(0, len(lines), 7)
    ]
    screener = Screener(bundled_watchlist(), settings)
    alone = [answer_chunk(screener, kind, payload) for kind, payload in requests]
    with ScreeningPool(2, settings, bundled_watchlist()) as pool:
        assert list(pool.map(requests, ahead=2)) == alone
        assert len(pool._children) == 2


def in_process_answers(monkeypatch) -> None:
    """Chunks screened in this process are answered b"here" (a child's answers are real results)."""
    monkeypatch.setattr("cli.parallel.answer_chunk", lambda screener, kind, payload: b"here")


def test_this_process_screens_while_the_children_start(monkeypatch):
    # A fake child that never loads the watchlist (it waits for its stdin to close): every chunk is
    # screened here, none waits for it.
    in_process_answers(monkeypatch)
    never_ready = (sys.executable, "-c", "import sys; sys.stdin.buffer.read()")
    with ScreeningPool(1, Settings(), bundled_watchlist(), command=never_ready) as pool:
        answers = pool.map([lines_request(EXAMPLES)] * 5)
        assert list(itertools.islice(answers, 5)) == [b"here"] * 5  # (map's end waits for the child)
        assert not pool.children_ready()


def test_once_the_children_are_ready_only_they_screen(monkeypatch):
    in_process_answers(monkeypatch)
    with ScreeningPool(2, UNHURRIED, bundled_watchlist()) as pool:
        assert pool.wait_children_started(120)
        assert pool.children_ready()
        answers = list(pool.map([lines_request(EXAMPLES)] * 5))
        assert b"here" not in answers
        assert len(set(answers)) == 1
        assert not pool._threads[0].is_alive()  # this process's screening thread has ended


def test_a_pool_of_this_process_alone_never_hands_over(monkeypatch):
    in_process_answers(monkeypatch)
    with ScreeningPool(0, Settings(), bundled_watchlist()) as pool:
        assert not pool.children_ready()
        assert list(pool.map([lines_request(EXAMPLES)] * 2)) == [b"here"] * 2


def test_forked_children_answer_as_started_ones_do():
    """Children forked from this process (when it has no other thread) hold its watchlist already:
    ready at once, so this process screens nothing, and their answers are those of started children."""
    from cli.parallel import _Forked, can_fork

    lines = list(enumerate(EXAMPLES.read_bytes().splitlines(), start=1))
    requests = [
        (b"L", encode_lines_chunk(LinesChunk(str(EXAMPLES), lines[i : i + 50]), NOW, True))
        for i in range(0, len(lines), 50)
    ]
    with ScreeningPool(2, UNHURRIED, bundled_watchlist(), in_process=False) as pool:
        started = list(pool.map(requests))
    forked = can_fork()  # (before the pool's own threads start)
    with ScreeningPool(2, UNHURRIED, bundled_watchlist(), fork=True) as pool:
        assert all(isinstance(child.proc, _Forked) == forked for child in pool._children)
        assert len(pool._threads) == (2 if forked else 3)  # forked: no screening thread in this process
        assert list(pool.map(requests)) == started
    assert all(child.proc.wait(0) == 0 for child in pool._children)  # ended by closing their pipe


@pytest.mark.parametrize("fork", [False, True])
def test_children_sent_their_next_request_before_answering_answer_in_order_and_large_requests_wait(fork):
    """With two requests in flight per child, the answers are those of one in flight, in request order;
    a large request (lines chunks, bigger than a pipe buffer, answered with all their output) is never
    written while an answer is due, so neither pipe can fill up in both directions."""
    from cli.parallel import SMALL_REQUEST_BYTES

    lines = list(enumerate(EXAMPLES.read_bytes().splitlines() * 2, start=1))
    starts = itertools.accumulate(itertools.cycle([150, 150, 1, 150, 150, 2]), initial=0)
    requests = [
        (b"L", encode_lines_chunk(LinesChunk(str(EXAMPLES), lines[i : i + n]), NOW, True))
        for i, n in zip(
            itertools.takewhile(lambda i: i < len(lines), starts), itertools.cycle([150, 150, 1, 150, 150, 2])
        )
    ]
    assert any(len(p) > 64 << 10 for _, p in requests) and any(len(p) <= SMALL_REQUEST_BYTES for _, p in requests)
    with ScreeningPool(2, UNHURRIED, bundled_watchlist(), in_process=False, fork=fork) as pool:
        one = list(pool.map(requests))
    with ScreeningPool(2, UNHURRIED, bundled_watchlist(), in_process=False, fork=fork, in_flight=2) as pool:
        answers: list[list[bytes]] = []
        mapping = threading.Thread(target=lambda: answers.append(list(pool.map(requests, ahead=12))), daemon=True)
        mapping.start()
        mapping.join(120)
        blocked = mapping.is_alive()
        if blocked:  # (else closing the pool would wait for ever on the blocked writes)
            for child in pool._children:
                child.proc.kill()
        assert not blocked, "a child and this process blocked each other on full pipes"
    assert answers == [one]


def test_a_child_that_dies_with_two_requests_in_flight_fails_the_run(tmp_path):
    dies = (sys.executable, "-c", "import sys; sys.stdin.buffer.read(5); sys.exit(3)")
    pool = ScreeningPool(2, Settings(), bundled_watchlist(), command=dies, in_process=False, in_flight=2)
    with pytest.raises(ParallelScreeningFailed), pool:
        list(pool.map([lines_request(EXAMPLES)] * 6))


def test_a_forked_child_is_reaped_once_however_many_threads_wait_for_it(monkeypatch):
    # Sixteenth session's attack: the pool's reader thread (at the end of a child's output) and close()
    # both waited for a child; the second waitpid raised ECHILD, which replaced Ctrl-C's interrupt
    # ("precwatch: [Errno 10] No child processes", no follow-up flags). Here the reaping waitpid is
    # slowed, so that the other waiter comes while it runs.
    import os
    import threading
    import time

    from cli.parallel import ChildExit

    pid = os.fork()
    if pid == 0:
        time.sleep(0.1)
        os._exit(3)
    real_waitpid = os.waitpid

    def slow_waitpid(wanted, options):
        found = real_waitpid(wanted, options)
        if found[0]:
            time.sleep(0.3)
        return found

    monkeypatch.setattr(os, "waitpid", slow_waitpid)
    child = ChildExit(pid)
    codes: list[object] = []

    def wait(timeout):
        try:
            codes.append(child.wait(timeout))
        except BaseException as exc:  # what the race raised
            codes.append(exc)

    waiters = [threading.Thread(target=wait, args=(t,)) for t in (None, 10.0)]
    waiters[0].start()
    time.sleep(0.2)  # the first has reaped it and is still in waitpid
    waiters[1].start()
    for waiter in waiters:
        waiter.join(5)
    assert codes == [3, 3]
