"""Screening on every core for the batch commands (`precwatch screen --jobs N`, `precwatch rescreen`).

N child processes each hold a Screener; the parent hands out chunks of the input and gets the
results back in input order, so what is written is what one process would write. The protocol is
that of streaming/screening_process.py: frames of 1 byte kind + 4 bytes big-endian length + payload,
carrying bytes and JSON only (nothing is pickled, and a child never evaluates what it receives):

- b"W" (parent -> child, first, to a started child only): JSON {"csv", "as_of", "version"}: the
  watchlist to screen against, built by the child and checked to have that version.
- b"F" a range of a regular file (``encode_range_request``): JSON {"path" (its bytes, in hex), "source", "file",
  "offset", "length", "first_line", "parts", "seq", "now", "all_items", "follow_ups"}. The child reads the range
  itself, screens it and writes its output and dead-letter lines to part files ``seq``.out and ``seq``.dead
  (with ``follow_ups``, its events' observations to ``seq``.obs, pipeline/chunks.py) in the directory ``parts`` (a private temporary directory of the parent's, removed when the run
  ends, however it ends); ``file`` is the (device, inode) of the file the parent cut the ranges from,
  and a child that opens another file under the path answers {"replaced": true} (the run stops);
  otherwise it answers JSON: the chunk's statistics, the lines and bytes it read (the
  parent checks them against the range it cut) and the part files it wrote (``answer_range``).
  The parent appends the part files to its outputs in input order, in the kernel (``PartCopier``:
  copy_file_range, else sendfile), and removes them: the input and output bytes never pass through
  the parent, which only cuts the file (``line_ranges``: pread, find and count, in C).
- b"L" a lines chunk, b"K" a records chunk (pipeline/chunks.py encodings): stdin and other inputs
  that cannot be read at an offset, and `precwatch rescreen`; the lines are read and framed by the
  parent and the answer carries the output bytes.
- b"R" (child -> parent) the chunk's answer, b"E" JSON {"error"}; b"Y" once the watchlist is loaded.

A thread per child writes its requests and reads its answers. One chunk is in flight per child, so
no pipe can fill up in both directions at once; with ``in_flight=2`` (ranges) the next small request
(at most SMALL_REQUEST_BYTES) is written before the answer to the one being screened is read, so the
child never waits for the round trip between two ranges, and a large request still waits until no
answer is due. A child that dies or fails stops the run with ParallelScreeningFailed.

Children are forked from the parent (``fork=True``, `precwatch screen`) when ``can_fork``: on Linux,
with no Python thread but the main one, before the parent builds a Screener (a forked child builds
its own, and chemistry/opsin.py has it forget the parent's OPSIN parser). They inherit everything
imported and the watchlist loaded, so they start screening at once instead of spending most of a
CPU-second each on imports and the watchlist, and end with os._exit (none of the parent's exit
handlers nor buffers). Otherwise children are started (``python -m cli.parallel``) and sent b"W".

N started children are N children and, while they start, this process: it has imported everything
and loaded the watchlist already, so it screens from the first chunk on (in a thread, through the
same encodings) instead of idling while the children import and load what it holds. Once every child
is ready it stops screening and only reads, frames and writes: a screening thread here holds the GIL
that the reading thread and the threads feeding the children need at every read and pipe write, so
the children would wait for chunks and N jobs would not use N cores. Forked children are ready at
once: this process does not screen at all.
"""

from __future__ import annotations

import collections
import contextlib
import errno
import io
import os
import queue
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime

import orjson

from chemistry.watchlist import Watchlist
from pipeline.errors import PrecwatchError
from pipeline.settings import Settings

_HEAD = struct.Struct(">cI")
# A request this small may wait in a child's pipe while the child writes an answer (ScreeningPool
# ``in_flight``): far below a pipe's buffer (64 KiB on Linux, 4 KiB at the least POSIX allows).
SMALL_REQUEST_BYTES = 2048
# The smallest range line_ranges cuts near the end of a file (``tail_parts``): about a hundred events
# of the generated mix, a few milliseconds of screening, against about a millisecond of round trip.
MIN_TAIL_RANGE_BYTES = 64 << 10
CHILD_COMMAND = (sys.executable, "-m", "cli.parallel")


class ParallelScreeningFailed(PrecwatchError):
    """A screening child process died or failed outside the per-event handling: the run stops (exit 1)
    rather than leave a chunk unaccounted for."""

    hint = "run again with --jobs 1 to screen in this process"


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def frame(kind: bytes, payload: bytes) -> bytes:
    return _HEAD.pack(kind, len(payload)) + payload


def read_frame(stream) -> tuple[bytes, bytes] | None:
    head = stream.read(_HEAD.size)
    if len(head) < _HEAD.size:
        return None
    kind, length = _HEAD.unpack(head)
    payload = stream.read(length)
    if len(payload) < length:
        return None
    return kind, payload


def watchlist_payload(watchlist: Watchlist) -> bytes:
    return orjson.dumps({"csv": watchlist.source_text, "as_of": watchlist.as_of, "version": watchlist.version})


# -- parent side ----------------------------------------------------------------------------------------
def can_fork() -> bool:
    """Whether this process may fork screening children: on Linux, with no Python thread but this
    one. Another thread could hold a lock at the fork (a logging handler's, a buffered stream's) that
    would stay held for ever in the child. Native threads are left to their libraries: numpy's OpenBLAS
    starts an idle pool at import and stops it around a fork (pthread_atfork), which is what has let
    multiprocessing fork such processes on Linux all along."""
    return sys.platform == "linux" and hasattr(os, "fork") and threading.active_count() == 1


class _Forked:
    """A child forked from this process, with the few methods of subprocess.Popen that _Child uses.
    It has everything this process had imported and loaded, so it starts screening at once; it serves
    the same frames (``serve``) on two pipes, and ends with os._exit, running none of this process's
    exit handlers nor flushing its copies of this process's buffers."""

    def __init__(self, settings: Settings, watchlist: Watchlist, inherited: list[int]):
        down_read, down_write = os.pipe()
        up_read, up_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child
            code = 1
            try:
                # The pipes of the children forked before: held open here, their ends would never close.
                for fd in (*inherited, down_write, up_read):
                    os.close(fd)
                os.dup2(2, 1)  # a stray print must not reach the output (file descriptors: sys.stdout may be replaced)
                code = serve_forked(settings, watchlist, down_read, up_write)
            except BrokenPipeError:
                pass  # the parent is gone (killed): nobody to answer, nor to read a traceback
            except BaseException:
                import traceback

                traceback.print_exc()
            finally:
                os._exit(code)
        os.close(down_read)
        os.close(up_write)
        inherited += [down_write, up_read]
        self.pid = pid
        self.stdin = open(down_write, "wb")  # noqa: SIM115 (closed by _Child.close)
        self.stdout = open(up_read, "rb")  # noqa: SIM115
        self._exit = ChildExit(pid)

    def wait(self, timeout: float | None = None) -> int:
        return self._exit.wait(timeout)

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, 9)


class ChildExit:
    """The exit code of a forked child, reaped once however many threads wait for it. Two do when a run
    ends or is interrupted: the pool's thread reading the child's answers (at the end of its output)
    and close(). Each called waitpid, and the one that came second got ECHILD, which replaced the
    interrupt: `precwatch screen --follow-ups --jobs 2` stopped by Ctrl-C then said "[Errno 10] No child
    processes" and wrote no follow-up flag (sixteenth session's attack). The waiters take turns, and
    none blocks in waitpid while holding the turn (WNOHANG, polled), so a waiter with a timeout keeps it."""

    def __init__(self, pid: int):
        self.pid = pid
        self._code: int | None = None
        self._turn = threading.Lock()

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            with self._turn:
                if self._code is None:
                    pid, status = os.waitpid(self.pid, os.WNOHANG)
                    if pid:
                        self._code = os.waitstatus_to_exitcode(status)
                if self._code is not None:
                    return self._code
            if deadline is not None and time.monotonic() >= deadline:
                raise subprocess.TimeoutExpired(f"screening child {self.pid}", timeout or 0.0)
            time.sleep(0.002)


class _Child:
    """A child process; ``start`` sends it the watchlist and waits until it is loaded (a forked child
    has it already)."""

    def __init__(self, settings: Settings, command: tuple[str, ...], forked: _Forked | None = None):
        if forked is not None:
            self.proc: subprocess.Popen | _Forked = forked
            return
        env = {**os.environ, **settings.environment()}
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)

    def start(self, watchlist: bytes) -> None:
        if isinstance(self.proc, _Forked):
            return
        self.request(b"W", watchlist)  # answered with b"Y" once loaded

    def request(self, kind: bytes, payload: bytes) -> bytes:
        self.send(kind, payload)
        return self.receive()

    def send(self, kind: bytes, payload: bytes) -> None:
        """Write a request (its answer is read by ``receive``, in the order sent)."""
        try:
            self.proc.stdin.write(frame(kind, payload))
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError, ValueError):  # ValueError: stdin closed by close()
            pass  # the child is gone: receive says so, with its exit code

    def receive(self) -> bytes:
        """The answer to the oldest request sent and not yet answered."""
        try:
            answer = read_frame(self.proc.stdout)
        except (OSError, ValueError):
            answer = None
        if answer is None:
            code = self.proc.wait()
            raise ParallelScreeningFailed(f"a screening process ended (exit code {code})")
        kind, data = answer
        if kind == b"E":
            raise ParallelScreeningFailed(f"a screening process failed: {orjson.loads(data)['error']}")
        return data

    def end_input(self) -> None:
        """Close the child's input: it ends once it has answered what it was sent."""
        with contextlib.suppress(OSError):
            self.proc.stdin.close()

    def close(self) -> None:
        self.end_input()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        with contextlib.suppress(OSError):
            self.proc.stdout.close()


class _InProcess:
    """This process as one of the pool's workers: the requests and answers of a child, screened here."""

    def __init__(self, settings: Settings, watchlist: Watchlist):
        from pipeline.screening import Screener

        self.screener = Screener(watchlist, settings)

    def start(self, watchlist: bytes) -> None:
        pass  # loaded already

    def request(self, kind: bytes, payload: bytes) -> bytes:
        try:
            return answer_chunk(self.screener, kind, payload)
        except Exception as exc:
            from streaming.screening_process import describe_failure

            raise ParallelScreeningFailed(f"screening in this process failed: {describe_failure(exc)}") from exc

    def close(self) -> None:
        pass


class ScreeningPool:
    """``jobs`` children screening chunks, and with ``in_process`` this process too until every child
    has loaded the watchlist (``children_ready``); ``map`` yields the results in input order. Work
    starts at once: a child takes chunks once it has loaded the watchlist, and one that cannot start
    fails every chunk it takes and the run (``map`` raises ParallelScreeningFailed)."""

    def __init__(
        self,
        jobs: int,
        settings: Settings,
        watchlist: Watchlist,
        command: tuple[str, ...] = CHILD_COMMAND,
        in_process: bool = True,
        fork: bool = False,
        in_flight: int = 1,
    ):
        self.jobs = jobs
        # Requests written to a child before its answer to the first is read (``_serve``): 2 keeps the
        # next range waiting in the child's pipe while it screens, so that it never idles for the round
        # trip through this process's threads between two ranges.
        self.in_flight = in_flight
        self._work: queue.Queue = queue.Queue()
        self._children: list[_Child] = []
        self._threads: list[threading.Thread] = []
        self._start_failures: list[ParallelScreeningFailed] = []
        # Set once a worker has loaded the watchlist, or failed to: one per worker, this process's first.
        self._started: dict[_Child | _InProcess, threading.Event] = {}
        payload = watchlist_payload(watchlist)
        try:
            workers: list[_Child | _InProcess] = []
            # Forked first, while this process has no thread of its own and no Screener (whose OPSIN
            # JVM a child must not share); forked children are ready at once, so this process
            # screens nothing itself.
            if fork and can_fork():
                inherited: list[int] = []
                for _ in range(jobs):
                    child = _Child(settings, command, _Forked(settings, watchlist, inherited))
                    self._children.append(child)
                    workers.append(child)
            else:
                if in_process:
                    workers.append(_InProcess(settings, watchlist))
                for _ in range(jobs):
                    child = _Child(settings, command)
                    self._children.append(child)
                    workers.append(child)
            # Inside the try: a Ctrl-C or SIGTERM while the threads start (thread.start waits for each) left
            # the pool unmade, so nothing closed it, and its children screened on after the command had exited
            # 130 (tests/cli/test_parallel_ranges.py's SIGTERM test, which signals as soon as both children
            # exist, saw one running: a fresh-clone CI run and here, 1 run in 3-5, twentieth session).
            for worker in workers:
                started = self._started[worker] = threading.Event()
                thread = threading.Thread(target=self._serve, args=(worker, payload, started), daemon=True)
                thread.start()
                self._threads.append(thread)
        except BaseException:
            self.close()
            raise

    def _serve(self, worker: _Child | _InProcess, watchlist: bytes, started: threading.Event) -> None:
        failure: ParallelScreeningFailed | None = None
        try:
            worker.start(watchlist)
        except ParallelScreeningFailed as exc:
            failure = exc
            self._start_failures.append(exc)  # list.append is atomic
        finally:
            started.set()
        if isinstance(worker, _Child) and failure is None and self.in_flight > 1:
            self._serve_in_flight(worker)
            return
        while True:
            job = self._work.get()
            if job is None:
                return
            if isinstance(worker, _InProcess) and self.children_ready():
                self._work.put(job)  # the children take it, and every chunk after it
                return
            future, kind, payload = job
            if not future.set_running_or_notify_cancel():
                continue
            if failure is not None:  # never started: every chunk it takes fails, so the run stops
                future.set_exception(failure)
                continue
            try:
                future.set_result(worker.request(kind, payload))
            except BaseException as exc:
                future.set_exception(exc)
                return  # this child is gone; the others go on until the parent stops

    def _serve_in_flight(self, child: _Child) -> None:
        """Serve a started child with up to ``in_flight`` requests written before their answers are
        read, so that it reads the next request as soon as it has answered one. Only small requests
        (at most SMALL_REQUEST_BYTES: a range's JSON) are written while an answer is due: a child
        writing a large answer while this thread writes it a large request would leave both blocked
        on full pipes, so a large request waits until every answer due is read."""
        sent: collections.deque[Future] = collections.deque()
        closing = False
        while True:
            job = None
            if len(sent) < self.in_flight and not closing:
                try:
                    job = self._work.get(block=not sent)
                    closing = job is None  # close(): one None per thread
                except queue.Empty:
                    pass
            if closing and not sent:
                return
            if job is not None:
                future, kind, payload = job
                if future.set_running_or_notify_cancel():
                    while sent and len(payload) > SMALL_REQUEST_BYTES:
                        if not self._answer(child, sent):
                            future.set_exception(ParallelScreeningFailed("a screening process ended"))
                            return
                    child.send(kind, payload)
                    sent.append(future)
                continue
            if not self._answer(child, sent):
                return  # this child is gone; the others go on until the parent stops

    @staticmethod
    def _answer(child: _Child, sent: collections.deque[Future]) -> bool:
        """Read the answer to the oldest request in ``sent`` into its future; False (every request in
        ``sent`` failed) when the child is gone."""
        future = sent.popleft()
        try:
            future.set_result(child.receive())
        except BaseException as exc:
            future.set_exception(exc)
            for other in sent:  # what it was sent after will not be answered either
                other.set_exception(exc)
            sent.clear()
            return False
        return True

    def children_ready(self) -> bool:
        """Whether this process hands screening over to the children: there are some, and every one
        of them has loaded the watchlist (one that failed to start fails the chunks it takes, and the
        run, and this process keeps screening meanwhile)."""
        return (
            bool(self._children)
            and all(self._started[child].is_set() for child in self._children)
            and not self._start_failures
        )

    def wait_children_started(self, timeout: float) -> bool:
        """Wait until every child has loaded the watchlist or failed to; whether they all did in time."""
        deadline = time.monotonic() + timeout
        return all(self._started[child].wait(max(0.0, deadline - time.monotonic())) for child in self._children)

    def submit(self, kind: bytes, payload: bytes) -> Future:
        future: Future = Future()
        self._work.put((future, kind, payload))
        return future

    def map(self, requests: Iterable[tuple[bytes, bytes]], ahead: int | None = None) -> Iterator[bytes]:
        """Each request's answer, in request order; at most ``ahead`` requests (default: 3 per worker)
        are read from ``requests`` before their answers are taken, so memory stays bounded (a slow
        chunk holds the others' results back, so each worker has more than one queued). Raises
        ParallelScreeningFailed, at the latest after the last answer, when a child failed to start."""
        limit = ahead or 3 * self.jobs
        pending: collections.deque[Future] = collections.deque()
        for kind, payload in requests:
            pending.append(self.submit(kind, payload))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
        for started in self._started.values():
            started.wait()
        if self._start_failures:
            raise self._start_failures[0]

    def close(self) -> None:
        for _ in self._threads:
            self._work.put(None)
        # Every child told first, then each waited for: they end together (tens of milliseconds each,
        # mostly the kernel freeing their memory) rather than one after the other.
        for child in self._children:
            child.end_input()
        for child in self._children:
            child.close()
        for thread in self._threads:
            thread.join(10)

    def __enter__(self) -> ScreeningPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- ranges of a file: the workers read the lines and write the outputs themselves --------------------------
@dataclass(frozen=True, slots=True)
class LineRange:
    """Whole lines of a file: ``length`` bytes from ``offset``, ``lines`` lines (as read_lines counts
    them: a last line without a line ending is one) numbered from ``first_line``."""

    offset: int
    length: int
    first_line: int
    lines: int


def line_ranges(fd: int, target_bytes: int, tail_parts: int = 0) -> Iterator[LineRange]:
    """The file open at ``fd`` (a regular file, read with pread: its position is left alone) cut into
    ranges of whole lines of at most ``target_bytes`` each, but that a line longer than that is a range
    of its own; every byte is in exactly one range, in order. Each block is read once, in C (find and
    count), so cutting costs a read of the file, not a Python loop over its lines.

    ``tail_parts``: near the end of the file, ranges shrink to the bytes left divided by this (down to
    MIN_TAIL_RANGE_BYTES), so that the workers taking the last ranges finish close together rather
    than one of them screening a whole last range while the others wait. A file of one range stays
    one range (it is screened in one process: cli/commands.py)."""
    size = os.fstat(fd).st_size if tail_parts else 0
    if size <= target_bytes:
        tail_parts = 0
    offset, line = 0, 1
    while True:
        want = target_bytes
        if tail_parts:
            want = max(min(target_bytes, (size - offset) // tail_parts), min(MIN_TAIL_RANGE_BYTES, target_bytes))
        block = os.pread(fd, want, offset)
        if not block:
            return
        if len(block) < want:  # the end of the file
            length = len(block)
            lines = block.count(b"\n") + (not block.endswith(b"\n"))
        elif (cut := block.rfind(b"\n") + 1) > 0:
            length = cut
            lines = block.count(b"\n", 0, cut)
        else:  # a line longer than a range: it goes to its line ending, or to the end of the file
            length, lines = len(block), 1
            while more := os.pread(fd, target_bytes, offset + length):
                end = more.find(b"\n")
                if end >= 0:
                    length += end + 1
                    break
                length += len(more)
        yield LineRange(offset, length, line, lines)
        offset += length
        line += lines


class _FileRange(io.RawIOBase):
    """``length`` bytes of an open file from ``offset``, read with pread: under a BufferedReader,
    read_lines reads the range's lines as it would the file's, in bounded memory."""

    def __init__(self, fd: int, offset: int, length: int):
        self._fd, self._pos, self._end = fd, offset, offset + length

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        size = min(len(buffer), self._end - self._pos)
        if size <= 0:
            return 0
        data = os.pread(self._fd, size, self._pos)
        buffer[: len(data)] = data
        self._pos += len(data)
        return len(data)


def encode_range_request(
    path: str,
    source: str,
    identity: tuple[int, int],
    span: LineRange,
    parts: str,
    seq: int,
    now: datetime,
    all_items: bool,
    follow_ups: bool = False,
) -> bytes:
    """A b"F" request: screen ``span`` of the file at ``path`` (dead letters name it ``source``) and
    write its outputs to part files ``seq``.out and ``seq``.dead in the directory ``parts`` (and, with
    ``follow_ups``, its events' observations to ``seq``.obs). ``identity`` (device, inode) is the file's
    that the ranges were cut from."""
    return orjson.dumps(
        {
            "path": os.fsencode(path).hex(),  # as the file system has it: a name need not be UTF-8
            "source": source,
            "file": list(identity),
            "offset": span.offset,
            "length": span.length,
            "first_line": span.first_line,
            "parts": parts,
            "seq": seq,
            "now": now.isoformat(),
            "all_items": all_items,
            "follow_ups": follow_ups,
        }
    )


def answer_range(screener, payload: bytes) -> bytes:
    """Read, screen and write out the range a b"F" request names: the answer is JSON, the chunk's
    statistics (pipeline/chunks.py's result encoding) with the lines and bytes read and the part
    files written (each absent when there is nothing to write: no file then). The observations go to a
    part file too, not in the answer: the answers handed out ahead (RANGES_AHEAD_PER_JOB per job) stay
    small, and the parent reads each part a line at a time as it applies it."""
    from pipeline.chunks import LinesChunk, screen_lines
    from pipeline.decode import json_lines, read_lines

    request = orjson.loads(payload)
    with open(bytes.fromhex(request["path"]), "rb", buffering=0) as raw:
        status = os.fstat(raw.fileno())
        if [status.st_dev, status.st_ino] != request["file"]:
            # Replaced under its path since the ranges were cut (one job reads the file it opened):
            # the parent stops the run rather than mix two files' lines.
            return orjson.dumps({"replaced": True})
        reader = io.BufferedReader(_FileRange(raw.fileno(), request["offset"], request["length"]), 1 << 20)
        read = list(read_lines(reader))
    lines = list(json_lines(read, request["first_line"]))
    now = datetime.fromisoformat(request["now"])
    follow_ups = bool(request.get("follow_ups"))
    result = screen_lines(LinesChunk(request["source"], lines), screener, now, request["all_items"], follow_ups)
    answer = {
        "lines": len(read),
        "bytes": sum(len(line) if isinstance(line, bytes) else line.size for line in read),
        "events": result.events,
        "items": result.items,
        "dead_letters": result.dead_letter_count,
        "severities": dict(result.severities),
        "data_quality_reports": result.data_quality_reports,
    }
    parts = (
        ("output_part", "out", result.output),
        ("dead_letter_part", "dead", result.dead_letters),
        ("observations_part", "obs", result.observations),
    )
    for key, suffix, data in parts:
        if data:
            name = os.path.join(request["parts"], f"{request['seq']}.{suffix}")
            with open(name, "xb") as part:
                part.write(data)
            answer[key] = [name, len(data)]
    return orjson.dumps(answer)


class PartCopier:
    """Appends part files to an output, in the kernel when the output is a file (copy_file_range, else
    sendfile, e.g. to a pipe): the bytes the children wrote never pass through this process. Any other
    output (a terminal's escaping writer, a BytesIO) gets them through its write method."""

    def __init__(self, stream):
        self._stream = stream
        self._fd: int | None = None
        if isinstance(stream, io.BufferedWriter | io.FileIO):
            stream.flush()  # what was written before goes first; nothing is written through it after
            self._fd = stream.fileno()
        self._method = "copy_file_range" if hasattr(os, "copy_file_range") else "sendfile"

    def append(self, name: str, size: int) -> None:
        """Append the part file ``name`` (``size`` bytes) and remove it."""
        with open(name, "rb", buffering=0) as part:
            if self._fd is None:
                self._stream.write(part.read())
            else:
                self._copy(part.fileno(), size)
        os.unlink(name)

    def _copy(self, src: int, size: int) -> None:
        done = 0
        while done < size:
            try:
                if self._method == "copy_file_range":
                    copied = os.copy_file_range(src, self._fd, size - done, offset_src=done)
                elif self._method == "sendfile":
                    copied = os.sendfile(self._fd, src, done, size - done)
                else:
                    copied = os.write(self._fd, os.pread(src, min(size - done, 1 << 20), done))
            except OSError as exc:
                # Not between these two files (another file system on an old kernel, a pipe, ...): the
                # next way, from where the last one stopped.
                if self._method == "write" or exc.errno not in _NOT_SUPPORTED:
                    raise
                self._method = "sendfile" if self._method == "copy_file_range" else "write"
                continue
            if copied == 0:
                raise ParallelScreeningFailed(f"a part file ended after {done} of its {size} bytes")
            done += copied


_NOT_SUPPORTED = {errno.EXDEV, errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EBADF}


# -- child process --------------------------------------------------------------------------------------
def answer_chunk(screener, kind: bytes, payload: bytes) -> bytes:
    """The b"R" frame's payload for a chunk request (b"L", b"K" or b"F"), screened by ``screener``;
    raises ValueError for another kind. The children and the in-process worker run this same function."""
    from pipeline import chunks

    if kind == b"F":
        return answer_range(screener, payload)
    if kind == b"L":
        chunk, now, all_items, follow_ups = chunks.decode_lines_chunk(payload)
        return chunks.encode_result(chunks.screen_lines(chunk, screener, now, all_items, follow_ups))
    if kind == b"K":
        records, topic, now = chunks.decode_records_chunk(payload)
        return chunks.encode_result(chunks.screen_records(records, topic, screener, now))
    raise ValueError(f"unknown frame kind {kind!r}")


def serve_forked(settings: Settings, watchlist: Watchlist, source_fd: int, sink_fd: int) -> int:
    """A forked child's life: its own Screener (and OPSIN parser: chemistry/opsin.py forgets the
    parent's at the fork) over the watchlist it inherited, then ``serve`` until its pipe closes."""
    import signal

    from pipeline.caches import tune_collector_for_batch_screening
    from pipeline.screening import Screener

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # see child_main
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler: a SIGTERM ends a child quietly
    screener = Screener(watchlist, settings)
    tune_collector_for_batch_screening()
    with open(source_fd, "rb") as source, open(sink_fd, "wb") as sink:
        return serve(source, sink, settings, screener)


def child_main() -> int:
    """Read frames on stdin, answer on stdout, until stdin closes."""
    import signal

    # The parent decides when this process ends (by closing stdin): a Ctrl-C in the terminal reaches
    # the whole process group, and is the parent's to handle.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    source = sys.stdin.buffer
    sink = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a stray print must not corrupt the frames
    return serve(source, sink, Settings.from_env())


def serve(source, sink, settings: Settings, screener=None) -> int:
    """Answer the frames read from ``source`` on ``sink`` until ``source`` ends: a b"W" frame (re)builds
    the screener, a chunk request is answered with its result."""
    from chemistry.watchlist import COMMON_CSV, build_watchlist
    from pipeline.caches import tune_collector_for_batch_screening
    from pipeline.screening import Screener

    while True:
        request = read_frame(source)
        if request is None:
            return 0
        kind, payload = request
        try:
            if kind == b"W":
                data = orjson.loads(payload)
                watchlist = build_watchlist(data["csv"], COMMON_CSV.read_text(encoding="utf-8"), as_of=data["as_of"])
                if watchlist.version != data["version"]:
                    raise ValueError(f"the watchlist built here is {watchlist.version}, not {data['version']}")
                screener = Screener(watchlist, settings)
                tune_collector_for_batch_screening()
                answer = frame(b"Y", b"")
            elif screener is None:
                answer = frame(b"E", orjson.dumps({"error": "no watchlist was sent before the first chunk"}))
            else:
                answer = frame(b"R", answer_chunk(screener, kind, payload))
        except Exception as exc:
            from streaming.screening_process import describe_failure

            answer = frame(b"E", orjson.dumps({"error": describe_failure(exc)}))
        sink.write(answer)
        sink.flush()


if __name__ == "__main__":
    sys.exit(child_main())
