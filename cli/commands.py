"""What the `precwatch` commands do, as functions of typed arguments (cli/main.py only parses).

Errors are raised as classes of pipeline/errors.py, which carry the exit code; files that cannot be
opened become InputUnavailable and kafka-python errors BrokerUnavailable where they are called.
"""

from __future__ import annotations

import collections
import contextlib
import io
import itertools
import os
import re
import signal
import stat
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, BinaryIO

import orjson

from chemistry.identifier_db import IdentifierDatabase
from chemistry.watchlist import Watchlist, load_watchlist
from cli.preflight import broker_errors, connect_options, ensure_port_free, probe_broker
from cli.render import terminal_safe, terminal_safe_output
from pipeline.decode import MAX_MESSAGE_BYTES, LongLine, json_lines, read_lines
from pipeline.errors import ConfigError, InputUnavailable, UsageError
from pipeline.settings import Settings
from schemas.flags import SEVERITIES

if TYPE_CHECKING:
    from cli.intelligence import FollowUps
    from cli.parallel import LineRange
    from pipeline.chunks import LinesChunk
    from schemas.records import WatchlistUpdate

STDIO = "-"


# -- files ---------------------------------------------------------------------------------------------
def open_input(path: str) -> BinaryIO:
    """A file to read, or stdin for '-'."""
    if path == STDIO:
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except OSError as exc:
        raise InputUnavailable(f"cannot read {terminal_safe(path)}: {exc.strerror}") from exc


def open_output(path: str | None, default: BinaryIO) -> BinaryIO:
    """A file to write, or ``default`` (stdout, stderr) when no path (or '-') is given."""
    if path is None or path == STDIO:
        return default
    try:
        return open(path, "wb")
    except OSError as exc:
        raise InputUnavailable(f"cannot write {terminal_safe(path)}: {exc.strerror}") from exc


def refuse_overwriting(inputs: Sequence[str], output: str | None, dead_letter: str | None) -> None:
    """Raise UsageError, before anything is opened (opening an output empties it), when an output
    file is one of the inputs or both outputs are the same file opened twice: the input would be
    lost, or the two outputs would overwrite each other's lines. stdout and stderr (no path, or '-')
    count as the files they are; devices, pipes and terminals are left alone (/dev/null twice is fine)."""

    def regular(path: str | None, fd: int) -> tuple[int, int] | None:
        try:
            status = os.fstat(fd) if path is None or path == STDIO else os.stat(path)
        except OSError:
            return None  # not there yet (compared by name below) or not ours to judge: open_* reports it
        return (status.st_dev, status.st_ino) if stat.S_ISREG(status.st_mode) else None

    sources = {regular(path, 0): path for path in inputs}
    targets = [("--output", output, 1), ("--dead-letter", dead_letter, 2)]
    for option, path, fd in targets:
        identity = regular(path, fd)
        if identity is not None and identity in sources:
            name = sources[identity]
            raise UsageError(
                f"{option} is the input {terminal_safe('<stdin>' if name == STDIO else name)}: writing it "
                "would empty it before it is read (write to another file)"
            )
    (_, out_path, _), (_, dead_path, _) = targets
    if out_path not in (None, STDIO) or dead_path not in (None, STDIO):
        out_id, dead_id = regular(out_path, 1), regular(dead_path, 2)
        # Not there yet: one name, after links, is one file to be.
        both_new = all(p not in (None, STDIO) and not os.path.exists(p) for p in (out_path, dead_path))
        if (out_id is not None and out_id == dead_id) or (
            both_new and os.path.realpath(out_path) == os.path.realpath(dead_path)
        ):
            raise UsageError("--output and --dead-letter are the same file: each would overwrite the other's lines")


@contextlib.contextmanager
def output_to(path: str | None, default: BinaryIO) -> Iterator[BinaryIO]:
    """The output of ``open_output``; on a terminal, written through json_safe (what is written quotes
    declarations)."""
    handle = open_output(path, default)
    try:
        yield terminal_safe_output(handle)
    finally:
        if handle is default:
            handle.flush()
        else:
            handle.close()


# -- screen --------------------------------------------------------------------------------------------
class Progress:
    """A minimal progress bar on stderr, only on a terminal."""

    def __init__(self, total_bytes: int, enabled: bool):
        self.total = total_bytes
        self.enabled = enabled and sys.stderr.isatty() and total_bytes > 1_000_000
        self.last = 0.0

    def update(self, done_bytes: int, items: int, started: float) -> None:
        now = time.perf_counter()
        if not self.enabled or now - self.last < 0.2:
            return
        self.last = now
        frac = min(done_bytes / self.total, 1.0)
        bar = "#" * int(frac * 30)
        rate = items / max(now - started, 1e-9)
        sys.stderr.write(f"\r[{bar:<30}] {frac:6.1%} {items} items {rate:,.0f} items/s")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


@dataclass(slots=True)
class ScreenSummary:
    events: int = 0
    items: int = 0
    dead_letters: int = 0
    lines: int = 0  # every line read; those neither screened nor dead-lettered were blank
    bytes_read: int = 0

    @property
    def blank_lines(self) -> int:
        return self.lines - self.events - self.dead_letters

    flags_by_severity: Counter[str] = field(default_factory=Counter)
    elapsed_s: float = 0.0
    watchlist_version: str = ""
    jobs: int = 1  # processes that screened (1: this one)
    # Events screened without fields that failed validation, whose data_quality reports were written
    # to the dead-letter file too (screened events: not in dead_letters nor blank_lines).
    data_quality_reports: int = 0
    follow_ups: Counter[str] | None = None  # --follow-ups: follow-up flags written, by stateful signal

    @property
    def flags(self) -> int:
        return sum(self.flags_by_severity.values())

    def count(self, events: int, items: int, dead_letters: int, data_quality_reports: int, severities) -> None:
        """Add what a chunk or range screened (whichever way its result came back)."""
        self.events += events
        self.items += items
        self.dead_letters += dead_letters
        self.data_quality_reports += data_quality_reports
        self.flags_by_severity.update(severities)

    def describe(self) -> str:
        by_sev = ", ".join(f"{s} {self.flags_by_severity[s]}" for s in reversed(SEVERITIES))
        return (
            f"screened {self.events} events, {self.items} items in {self.elapsed_s:.2f}s "
            f"({self.items / max(self.elapsed_s, 1e-9):,.0f} items/s, {self.jobs} job{'s' if self.jobs > 1 else ''}); "
            f"{self.flags} flags ({by_sev}); "
            + (
                f"{sum(self.follow_ups.values())} follow-up flags ("
                + (", ".join(f"{code} {n}" for code, n in sorted(self.follow_ups.items())) or "none")
                + "); "
                if self.follow_ups is not None
                else ""
            )
            + f"{self.dead_letters} dead letters; {self.data_quality_reports} data-quality reports; "
            f"{self.blank_lines} blank lines; watchlist {self.watchlist_version}"
        )


# A chunk ends after this many lines or bytes, whichever comes first: large enough that handing it to
# another process costs little next to screening it, small enough that a few chunks per job in
# flight keep memory bounded whatever the lines hold (a line may be up to MAX_MESSAGE_BYTES).
CHUNK_LINES = 1000
CHUNK_BYTES = 4 << 20
# With several jobs, a regular file is cut into ranges of whole lines of about this many bytes, which
# the children read themselves (a line longer than this is a range of its own).
RANGE_BYTES = 1 << 20
# Near the end of each file the ranges shrink (cli/parallel.py line_ranges ``tail_parts``: the bytes left
# divided by this many per job), so that the children finish the last ones close together.
TAIL_PARTS_PER_JOB = 4
# Each child is sent its next range before it has answered the one it screens (ScreeningPool
# ``in_flight``), and answers are taken in input order with this many ranges per job handed out ahead.
RANGES_IN_FLIGHT = 2
RANGES_AHEAD_PER_JOB = 6


def screen_files(
    paths: Sequence[str],
    output: IO[bytes],
    dead_letter: IO[bytes],
    watchlist: Watchlist,
    progress: bool,
    settings: Settings | None = None,
    all_items: bool = False,
    jobs: int = 1,
    now: datetime | None = None,
    chunk_lines: int = CHUNK_LINES,
    range_bytes: int = RANGE_BYTES,
    follow_ups: FollowUps | None = None,
) -> ScreenSummary:
    """Screen JSON Lines files ('-': stdin): flags to ``output`` (with ``all_items``, one verdict per
    goods item instead, flagged or not), dead letters to ``dead_letter``, one line each. Every
    non-blank line is screened (with or without flags) or dead-lettered.

    ``jobs`` processes screen chunks of the input (cli/parallel.py; of regular files, byte ranges of
    ``range_bytes`` that they read themselves); the output is written in input order and is the same,
    byte for byte, whatever ``jobs`` is. Flags and dead letters are stamped
    with ``now`` (default: when the run starts), so that it depends on the input alone.

    ``follow_ups`` (--follow-ups): the screening also makes each event's observation (in the jobs), and
    each chunk's are applied to it in input order as the chunk's flags are written; a chunk's flags,
    dead letters and observations go out together or not at all (``interrupts_deferred``), so when
    the run is interrupted (KeyboardInterrupt: Ctrl-C, SIGTERM) it holds the observations of exactly the
    events whose flags were written."""
    from pipeline.chunks import screen_lines

    settings = settings or Settings.from_env()
    now = now or datetime.now(UTC)
    inputs: list[tuple[str, BinaryIO]] = []
    try:
        for path in paths:  # all opened first: a missing file stops the run before any output
            inputs.append(("<stdin>" if path == STDIO else path, open_input(path)))
        total = sum(Path(p).stat().st_size for p in paths if p != STDIO)
        bar = Progress(total, progress)
        summary = ScreenSummary(watchlist_version=watchlist.version, jobs=1)
        started = time.perf_counter()
        # Regular files are cut into ranges that the children read themselves; stdin (even a file
        # redirected to it, read from where it stands) and pipes go through this process in chunks.
        if jobs > 1 and all(name != "<stdin>" and _is_regular_file(handle) for name, handle in inputs):
            ranges = _file_ranges(inputs, range_bytes, tail_parts=TAIL_PARTS_PER_JOB * jobs)
            first_ranges = list(itertools.islice(ranges, 2))
            if len(first_ranges) > 1:  # one range only: starting processes would cost more than it saves
                _screen_ranges(
                    itertools.chain(first_ranges, ranges),
                    output,
                    dead_letter,
                    summary,
                    bar,
                    started,
                    jobs,
                    watchlist,
                    settings,
                    now,
                    all_items,
                    follow_ups,
                )
                summary.elapsed_s = time.perf_counter() - started
                return summary
        chunks = _line_chunks(inputs, summary, chunk_lines)
        first = list(itertools.islice(chunks, 2))
        pool = None
        try:
            if jobs > 1 and len(first) > 1:  # one chunk only: starting processes would cost more than it saves
                from cli.parallel import ScreeningPool
                from pipeline.chunks import decode_result, encode_lines_chunk

                pool = ScreeningPool(jobs, settings, watchlist, fork=True)
                summary.jobs = jobs
                observe = follow_ups is not None
                requests = (
                    (b"L", encode_lines_chunk(c, now, all_items, observe)) for c in itertools.chain(first, chunks)
                )
                results = (decode_result(answer) for answer in pool.map(requests))
            else:
                from pipeline.screening import Screener

                screener = Screener(watchlist, settings)
                results = (
                    screen_lines(c, screener, now, all_items, follow_ups is not None)
                    for c in itertools.chain(first, chunks)
                )
            for result in results:
                with interrupts_deferred():
                    output.write(result.output)
                    dead_letter.write(result.dead_letters)
                    if follow_ups is not None:
                        follow_ups.apply(result.observations.splitlines(), result.events)
                    summary.count(
                        result.events,
                        result.items,
                        result.dead_letter_count,
                        result.data_quality_reports,
                        result.severities,
                    )
                bar.update(summary.bytes_read, summary.items, started)
        finally:
            if pool is not None:
                pool.close()
            bar.close()
        summary.elapsed_s = time.perf_counter() - started
        return summary
    finally:
        for name, handle in inputs:
            if name != "<stdin>":
                handle.close()


def _is_regular_file(handle: BinaryIO) -> bool:
    try:
        return stat.S_ISREG(os.fstat(handle.fileno()).st_mode)
    except (OSError, ValueError, io.UnsupportedOperation):
        return False


def _file_ranges(
    inputs: Sequence[tuple[str, BinaryIO]], range_bytes: int, tail_parts: int = 0
) -> Iterator[tuple[str, tuple[int, int], LineRange]]:
    """Every input (regular files) cut into ranges of whole lines (cli/parallel.py line_ranges), in
    order, each with the identity (device, inode) of the file this process opened: the children open
    the file by its path, and a file replaced under that path during the run must not be read instead."""
    from cli.parallel import line_ranges

    for name, handle in inputs:
        status = os.fstat(handle.fileno())
        for span in line_ranges(handle.fileno(), range_bytes, tail_parts):
            yield name, (status.st_dev, status.st_ino), span


@contextlib.contextmanager
def sigterm_as_ctrl_c() -> Iterator[None]:
    """SIGTERM (a supervisor, `kill`) stops the work inside as Ctrl-C does, so that the processes it
    started are ended and its files removed on the way out, which the default action (instant death)
    skips; the caller's handler comes back afterwards (main() may run in a process that lives on)."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class DeferredInterrupts:
    """SIGINT and SIGTERM that arrive inside the block are delivered when it ends, to the handlers in
    force before it (Ctrl-C's KeyboardInterrupt, ``sigterm_as_ctrl_c``'s): what the block writes and
    applies (a chunk's flags, its dead letters and, for --follow-ups, its observations) is done whole,
    or not at all when the signal came before the block, so an interrupted `precwatch screen
    --follow-ups` holds the observations of exactly the events whose flags it wrote. A second signal
    while one is held is not deferred: a block whose output does not drain (a stalled pipe) would
    otherwise hold Ctrl-C and SIGTERM for as long as its write waits; the block is then left unfinished.
    When the block raises, that exception ends the run and a signal held is dropped. Signals reach the
    main thread only: elsewhere, or under a handler not set from Python, nothing is deferred.

    A held signal is handed to the handler before the block by calling it, not by sending the signal
    again: the KeyboardInterrupt then comes out of the block's end itself, whatever the other threads
    of this process (a screening pool's) are doing. Under SIG_DFL the signal is sent again, and does
    what it does by default (ends the process); under SIG_IGN it is dropped, as it would have been."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self) -> None:
        self.held: list[int] = []
        self.previous: dict[int, object] = {}

    def __enter__(self) -> DeferredInterrupts:
        if threading.current_thread() is threading.main_thread() and all(
            signal.getsignal(s) is not None for s in self.SIGNALS
        ):
            for s in self.SIGNALS:  # one at a time: a signal between the two finds its own handler noted
                self.previous[s] = signal.signal(s, self.hold)
        return self

    def hold(self, signum: int, frame: object) -> None:
        if self.held:  # the user or a supervisor insists
            self.insist(signum, frame)
            return
        self.held.append(signum)

    def insist(self, signum: int, frame: object) -> None:
        """A signal sent while one is held: the handlers in force before the block take the one held, then this one,
        now (an enclosing block's insists in turn: nested blocks do not hold a second signal either). The one held
        first, so that a SIGTERM held under the default action ends the process as the supervisor meant, rather
        than a Ctrl-C after it ending the run as an interrupt (review36)."""
        signals, self.held = list(dict.fromkeys([*self.held, signum])), []
        self._give_back()
        for s in signals:
            self.deliver(s, frame, at_once=True)

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        self._give_back()
        held, self.held = list(dict.fromkeys(self.held)), []
        if kind is None:
            for signum in held:
                self.deliver(signum, None)

    def deliver(self, signum: int, frame: object, at_once: bool = False) -> None:
        """Hand ``signum`` to the handler in force before the block (``at_once``: an enclosing block's does not hold
        it but insists)."""
        handler = self.previous.get(signum, signal.SIG_DFL)
        enclosing = getattr(handler, "__self__", None)
        if at_once and isinstance(enclosing, DeferredInterrupts):
            enclosing.insist(signum, frame)
        elif callable(handler):
            handler(signum, frame)
        elif handler == signal.SIG_DFL:
            signal.raise_signal(signum)

    def _give_back(self) -> None:
        for s, handler in self.previous.items():
            signal.signal(s, handler)


def interrupts_deferred() -> DeferredInterrupts:
    """A block in which SIGINT and SIGTERM wait for its end (DeferredInterrupts)."""
    return DeferredInterrupts()


PART_DIRECTORY_PREFIX = "precwatch-screen-"


def remove_abandoned_part_directories(folder: str, prefix: str = PART_DIRECTORY_PREFIX) -> list[str]:
    """Remove the part directories (or, with another ``prefix``, the spilled states of `--follow-ups`:
    pipeline/intelligence.py STATES_DIRECTORY_PREFIX) of runs whose command no longer exists: a command
    killed outright (SIGKILL, out of memory) cannot remove its own, and its children may have written part
    files there. A directory is named after its command's process id; one whose process is alive (or not
    ours to signal) is left alone, as is anything not named so. Returns the directories removed."""
    import shutil

    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            pid_text = entry.name.removeprefix(prefix).partition("-")[0]
            if not entry.name.startswith(prefix) or not pid_text.isdigit():
                continue
            if not entry.is_dir(follow_symlinks=False) or entry.stat(follow_symlinks=False).st_uid != os.getuid():
                continue
            try:
                os.kill(int(pid_text), 0)
            except ProcessLookupError:
                shutil.rmtree(entry.path, ignore_errors=True)
                removed.append(entry.path)
            except (PermissionError, OverflowError):
                continue
    return removed


def _screen_ranges(
    ranges: Iterable[tuple[str, tuple[int, int], LineRange]],
    output: IO[bytes],
    dead_letter: IO[bytes],
    summary: ScreenSummary,
    bar: Progress,
    started: float,
    jobs: int,
    watchlist: Watchlist,
    settings: Settings,
    now: datetime,
    all_items: bool,
    follow_ups: FollowUps | None = None,
) -> None:
    """Screen regular files range by range in ``jobs`` children: each reads its range and writes its
    outputs to part files of a private directory, which are appended here in input order (PartCopier),
    so the input and output bytes never pass through this process (cli/parallel.py). With
    ``follow_ups``, each range's observations part is read here, a line at a time, and applied."""
    from cli.parallel import ParallelScreeningFailed, PartCopier, ScreeningPool, encode_range_request

    summary.jobs = jobs
    remove_abandoned_part_directories(tempfile.gettempdir())
    with tempfile.TemporaryDirectory(prefix=f"{PART_DIRECTORY_PREFIX}{os.getpid()}-") as parts:
        sent: collections.deque[LineRange] = collections.deque()

        def requests() -> Iterator[tuple[bytes, bytes]]:
            for seq, (name, identity, span) in enumerate(ranges):
                sent.append(span)
                yield (
                    b"F",
                    encode_range_request(
                        os.path.abspath(name),
                        source_name(name),
                        identity,
                        span,
                        parts,
                        seq,
                        now,
                        all_items,
                        follow_ups is not None,
                    ),
                )

        outputs, dead_letters = PartCopier(output), PartCopier(dead_letter)
        with (
            ScreeningPool(jobs, settings, watchlist, fork=True, in_flight=RANGES_IN_FLIGHT) as pool,
            contextlib.closing(bar),
        ):
            for answer in pool.map(requests(), ahead=RANGES_AHEAD_PER_JOB * jobs):
                span = sent.popleft()
                result = orjson.loads(answer)
                if result.get("replaced"):
                    raise ParallelScreeningFailed(
                        "the input file was replaced during the run (its path now names another file)"
                    )
                if result["lines"] != span.lines or result["bytes"] > span.length:
                    raise ParallelScreeningFailed(
                        f"{result['lines']} lines were read where {span.lines} were: did the file change?"
                    )
                with interrupts_deferred():
                    if "output_part" in result:
                        outputs.append(*result["output_part"])
                    if "dead_letter_part" in result:
                        dead_letters.append(*result["dead_letter_part"])
                    if follow_ups is not None:
                        _apply_observations_part(follow_ups, result.get("observations_part"), result["events"])
                    summary.lines += result["lines"]
                    summary.bytes_read += result["bytes"]
                    summary.count(
                        result["events"],
                        result["items"],
                        result["dead_letters"],
                        result["data_quality_reports"],
                        result["severities"],
                    )
                bar.update(summary.bytes_read, summary.items, started)


def _apply_observations_part(follow_ups: FollowUps, part: list | None, events: int) -> None:
    """Apply a range's observations (the part file a child wrote, if any: read a line at a time, then
    removed) and count its ``events``."""
    if part is None:
        follow_ups.apply((), events)
        return
    with open(part[0], "rb") as lines:
        follow_ups.apply(lines, events)
    os.unlink(part[0])


def _line_chunks(
    inputs: Sequence[tuple[str, BinaryIO]], summary: ScreenSummary, chunk_lines: int
) -> Iterator[LinesChunk]:
    """The non-blank lines of every input, in chunks of at most ``chunk_lines`` lines and about CHUNK_BYTES."""
    from pipeline.chunks import LinesChunk

    for name, handle in inputs:
        lines: list[tuple[int, bytes | LongLine]] = []
        size = 0
        for lineno, line in json_lines(_counting(handle, summary)):
            lines.append((lineno, line))
            size += len(line.head) if isinstance(line, LongLine) else len(line)
            if len(lines) >= chunk_lines or size >= CHUNK_BYTES:
                yield LinesChunk(source_name(name), lines)
                lines, size = [], 0
        if lines:
            yield LinesChunk(source_name(name), lines)


def source_name(path: str) -> str:
    """The input's name as dead letters give it: the path, with bytes that are not UTF-8 (a file name
    from another system, which Python holds as surrogates: no JSON can carry them) written \\xNN."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _counting(handle: BinaryIO, summary: ScreenSummary) -> Iterator[bytes | LongLine]:
    """Yield the handle's lines (bounded in length: read_lines), counting them and their bytes (for
    the progress bar) in the summary."""
    for line in read_lines(handle):
        summary.bytes_read += line.size if isinstance(line, LongLine) else len(line)
        summary.lines += 1
        yield line


# -- watchlist -----------------------------------------------------------------------------------------
def describe_watchlist(watchlist: Watchlist) -> str:
    """`watchlist check`'s report on a watchlist that loaded (loading is the validation)."""
    tiers = Counter(c.entry.tier for c in watchlist.entries)
    missing_cas = sum(1 for c in watchlist.entries if not c.entry.cas)
    inferred_cn = sum(1 for c in watchlist.entries if not c.entry.cn_codes and c.entry.cn_codes_inferred)
    cas_from_database = len(watchlist.cas_from_database)
    return (
        f"watchlist OK: version {watchlist.version}; {len(watchlist)} entries "
        f"({', '.join(f'{k} {v}' for k, v in sorted(tiers.items()))}); "
        f"all structures parse, formulas match, CAS check digits hold, ids unique; "
        f"{missing_cas} entries without a CAS number (not known to us, left empty); "
        f"{cas_from_database} entries whose CAS number only the identifier database supports (not verified from a "
        "source read: resolutions by it say so); "
        f"{inferred_cn} entries whose CN code is only inferred (not verified: kept apart, and flags relying on one say so)"
    )


def export_watchlist(watchlist: Watchlist, out: IO[bytes]) -> int:
    """One JSON object per entry (with the watchlist version); returns the number written."""
    for c in watchlist.entries:
        out.write(orjson.dumps({"watchlist_version": watchlist.version, **c.entry.model_dump()}) + b"\n")
    return len(watchlist.entries)


def publish_watchlist(
    settings: Settings, watchlist: Watchlist, key_path: str | None, allow_downgrade: bool = False
) -> WatchlistUpdate:
    """Publish every entry and the manifest to the compacted watchlist topic (creating the topics if
    missing), the manifest signed with the key at ``key_path`` (None: unsigned).

    A watchlist that removes or weakens Category 1 or drug entries of the one in force (the newest
    manifest on the topic, else the bundled watchlist) is refused unless ``allow_downgrade``; the
    approval names them in the signed manifest. Returns the manifest published."""
    from kafka import KafkaProducer

    from pipeline.live_watchlist import watchlist_messages
    from pipeline.watchlist_trust import find_downgrades, load_signing_key
    from schemas.records import WatchlistUpdate
    from streaming.kafka import ensure_topics

    key = None
    if key_path is not None:
        try:
            pem = Path(key_path).read_bytes()
        except OSError as exc:
            raise InputUnavailable(f"cannot read the signing key {terminal_safe(key_path)}: {exc.strerror}") from exc
        key, problem = load_signing_key(pem)
        if key is None:
            raise ConfigError(problem)
    probe_broker(settings)
    with broker_errors(settings, "cannot publish the watchlist"):
        ensure_topics(settings)
        in_force = published_watchlist(settings) or load_watchlist()
        downgrades = find_downgrades(in_force, watchlist)
        if downgrades and not allow_downgrade:
            raise UsageError(
                f"this watchlist removes or weakens {len(downgrades)} Category 1 or drug entries of the one in "
                f"force ({', '.join(downgrades)}): publish again with --allow-downgrade to approve"
            )
        messages = watchlist_messages(watchlist, signing_key=key, downgrades_approved=downgrades)
        producer = KafkaProducer(linger_ms=0, **connect_options(settings))
        try:
            for message_key, value in messages:
                # One record per request: keeps the embedded broker's end offsets exact.
                producer.send(settings.topic_watchlist, key=message_key, value=value).get(timeout=30)
        finally:
            producer.close()
    return WatchlistUpdate.model_validate_json(messages[-1][1])


def published_watchlist(settings: Settings) -> Watchlist | None:
    """The watchlist of the newest manifest on the watchlist topic, or None when there is none."""
    from kafka import KafkaConsumer, TopicPartition

    from pipeline.live_watchlist import MANIFEST_KEY, apply_update

    consumer = KafkaConsumer(enable_auto_commit=False, **connect_options(settings))
    try:
        partitions = consumer.partitions_for_topic(settings.topic_watchlist) or set()
        tps = [TopicPartition(settings.topic_watchlist, p) for p in sorted(partitions)]
        if not tps:
            return None
        consumer.assign(tps)
        consumer.seek_to_beginning(*tps)
        ends = consumer.end_offsets(tps)
        newest: bytes | None = None
        deadline = time.monotonic() + settings.connect_timeout_s * 6
        while any(consumer.position(tp) < ends[tp] for tp in tps) and time.monotonic() < deadline:
            for records in consumer.poll(timeout_ms=200).values():
                newest = next((r.value for r in reversed(records) if r.key == MANIFEST_KEY and r.value), newest)
    finally:
        consumer.close()
    if newest is None:
        return None
    watchlist, _ = apply_update(newest, None, None)  # what workers hold in force, valid or not
    return watchlist


def write_signing_key(path: str) -> str:
    """Write a new Ed25519 private key (PEM, readable by its owner only); return the public key."""
    from pipeline.watchlist_trust import generate_signing_key

    pem, public = generate_signing_key()
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as exc:
        raise UsageError(f"{terminal_safe(path)} exists: a signing key is never overwritten") from exc
    except OSError as exc:
        raise InputUnavailable(f"cannot write {terminal_safe(path)}: {exc.strerror}") from exc
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
    return public


# -- produce -------------------------------------------------------------------------------------------
def events_from_file(path: str) -> Iterator[bytes]:
    """The non-blank lines of a JSON Lines file ('-': stdin), as published (malformed lines too:
    the worker dead-letters them, as it would a customs system's)."""
    handle = open_input(path)  # now: a missing file is reported before any connection is made
    return _lines_of(handle)


def _lines_of(handle: BinaryIO) -> Iterator[bytes]:
    try:
        for lineno, line in json_lines(read_lines(handle)):
            if isinstance(line, LongLine):
                # Larger than any broker takes by default: sending it would fail the whole run. It is
                # left out, said here, and the rest of the file goes on.
                print(
                    f"precwatch: line {lineno} ({line.size} bytes) is larger than {MAX_MESSAGE_BYTES} bytes: "
                    "not published",
                    file=sys.stderr,
                )
                continue
            yield line
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()


def generated_events(n: int, seed: int, id_prefix: str) -> Iterator[bytes]:
    """n generated events (devtools/generate.py) with event ids ``<id_prefix>-<n>``."""
    from devtools.generate import Generator

    for event, _ in Generator(seed=seed, id_prefix=id_prefix).events(n):
        yield orjson.dumps(event)


def declaration_key(raw: bytes) -> bytes | None:
    """The record key: the declaration id, so a declaration's events stay in order on one partition."""
    try:
        value = orjson.loads(raw)
        return str(value["declaration_id"]).encode() if isinstance(value, dict) else None
    except (orjson.JSONDecodeError, KeyError):
        return None  # malformed lines are published as they are: the worker dead-letters them


def produce_events(settings: Settings, events: Iterable[bytes], rate: float | None = None) -> int:
    """Publish raw events to the transactions topic, keyed by declaration id, at most ``rate`` per
    second (None: as fast as possible); returns the number published once all are acknowledged.

    Flag ids are derived from event ids: events must have ids unique across everything published
    to the topic, or their flags share ids and consumers that deduplicate by flag id drop one."""
    from kafka import KafkaProducer

    from streaming.kafka import check_login

    check_login(settings, timeout_s=settings.connect_timeout_s)
    with broker_errors(settings, "cannot publish events"):
        producer = KafkaProducer(linger_ms=5, **connect_options(settings))
    sent = 0
    started = time.perf_counter()
    try:
        with broker_errors(settings, "cannot publish events"):
            for raw in events:
                producer.send(settings.topic_transactions, key=declaration_key(raw), value=raw)
                sent += 1
                if rate:
                    delay = started + sent / rate - time.perf_counter()
                    if delay > 0:
                        time.sleep(delay)
            producer.flush()
    finally:
        producer.close()
    return sent


# -- broker and worker ---------------------------------------------------------------------------------
class _StopRequested(Exception):
    pass


def _raise_stop(signum: int, frame: object) -> None:
    raise _StopRequested(signum)


STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


def run_broker(port: int, create_topics: bool, host: str = "127.0.0.1") -> int:
    """Run the embedded broker on host:port until SIGTERM, SIGINT or SIGHUP; the broker process
    (a child) is stopped with this one, so no orphan keeps the port."""
    from devtools.local import BrokerError, start_broker, stop_process
    from streaming.kafka import ensure_topics

    previous = {sig: signal.signal(sig, _raise_stop) for sig in STOP_SIGNALS}
    proc = None
    try:
        proc = start_broker(port, host=host)
        url = f"kafka://{host}:{port}"
        if create_topics:
            settings = Settings.from_env(broker=url)
            with broker_errors(settings, "cannot create the topics"):
                created = ensure_topics(settings)
            print(f"created topics: {', '.join(created) or 'none'}", file=sys.stderr)
        print(
            f"embedded broker (Tansu, memory storage only: data is lost on exit) on {url}; Ctrl-C stops it",
            file=sys.stderr,
            flush=True,
        )
        code = proc.wait()
        raise BrokerError(f"the embedded broker exited by itself with code {code}")
    except _StopRequested:
        return 0
    finally:
        # A second signal while stopping must not end this process before its child.
        for sig in STOP_SIGNALS:
            signal.signal(sig, signal.SIG_IGN)
        if proc is not None:
            stop_process(proc)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def run_worker(settings: Settings) -> int:
    """Run a screening worker (Faust) with these settings, after the checks whose failure would
    otherwise end in a Faust traceback: the metrics port is free, the broker is reachable and
    accepts the login."""
    if settings.metrics_port:
        ensure_port_free(settings.metrics_host, settings.metrics_port, "--metrics-port or PRECWATCH_METRICS_PORT")
    probe_broker(settings)
    # streaming.worker builds the app from PRECWATCH_* variables (as `faust -A streaming.worker` does).
    os.environ.update(settings.environment())
    sys.argv = ["precwatch-worker", "worker", "--loglevel", settings.log_level, "--without-web"]
    from streaming.worker import app

    app.main()
    return 0


# -- identify ------------------------------------------------------------------------------------------
@dataclass(slots=True)
class Identification:
    """What one identifier stands for: how it was read, the substance, and what it hits."""

    text: str
    read_as: str  # inchi | cas | name | smiles | unknown
    resolved_by: str
    name: str | None = None
    smiles: str | None = None
    inchikey: str | None = None
    problems: list[str] = field(default_factory=list)
    hits: list[dict] = field(default_factory=list)  # {method, entry, name, category, score, detail}
    source: str | None = None  # where the identifier was found (Resolution.source)
    source_notes: list[str] = field(default_factory=list)  # sources that disagree about it
    # Of source_notes, those saying the identifier stands for several substances or entries (Resolution.ambiguous)
    ambiguous: list[str] = field(default_factory=list)
    # How the structure was read (isotope labels, radicals, dummy atoms) and the fragments set aside
    # (salts, solvents), as a flag's substance says (drawing_notes, stripped)
    drawing_notes: list[str] = field(default_factory=list)
    stripped: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {k: getattr(self, k) for k in self.__slots__}


def read_identifier(
    text: str, watchlist: Watchlist, database: IdentifierDatabase | None = None, systematic_names: bool = False
) -> str:
    """Which kind of identifier ``text`` is: an InChI by its prefix, a CAS number by its check digit,
    a name the lexicon knows, else a SMILES (a failed parse says so) unless the identifier database
    knows it as a name or, when ``systematic_names`` (OPSIN is there), it looks like a systematic name."""
    from chemistry.identifiers import compute_name_keys, parse_declared_cas
    from chemistry.molecules import parse_smiles
    from chemistry.opsin import looks_systematic
    from chemistry.resolve import NameReaders, Resolution, StructureCache, lookup_name, read_unresolved_name

    if text.strip().startswith("InChI="):
        return "inchi"
    numbers, problems = parse_declared_cas(text)
    if numbers and not problems:
        return "cas"
    if re.fullmatch(r"\s*(CAS\b.*|[\d\s.\-\u2010-\u2015]+)", text, re.IGNORECASE):
        return "cas"  # digits and dashes only: a CAS number, whose check digit then speaks
    if lookup_name(watchlist, StructureCache(100), text) is not None:
        return "name"
    # RDKit reads what follows white space in a SMILES string as the molecule's title, so a name whose first word
    # happens to be SMILES ("NPP 1-(2-phenylethyl)piperidin-4-one", "BOC anhydride") parses. Words after a first
    # word are a title only when that word has what no name word has (a bond, ring-closure digit or bracket atom:
    # "C=CCc1ccc2c(c1)OCO2 safrole", as SMILES files write a title; review27 F4) or a CXSMILES extension follows.
    first, *rest = text.split(maxsplit=1) or [""]
    words_after = bool(rest) and not rest[0].startswith("|") and not _SMILES_ONLY_MARK_RE.search(first)
    unparsable = words_after or parse_smiles(text)[0] is None
    if unparsable and database is not None and any(database.lookup_name_key(k) for k in compute_name_keys(text)):
        return "name"
    if unparsable and systematic_names and looks_systematic(text):
        return "name"
    last_resort = NameReaders(watchlist, StructureCache(100), None, database)  # OPSIN aside: asked above
    if unparsable and read_unresolved_name(last_resort, text, Resolution("unresolved", None)).std is not None:
        return "name"  # as screening reads it when nothing else does (chemistry/resolve.py LAST_RESORT_NAME_READINGS)
    if unparsable and (re.search(r"\s", text.strip()) or _NOT_SMILES_LETTER_RE.search(re.sub(r"\[[^\]]*\]", "", text))):
        return "name"  # letters outside SMILES's organic subset, or words: a name nothing knows, not a bad SMILES
    return "smiles"


# What a SMILES string may have and a name's first word has not: bonds, ring closures after an atom, bracket atoms.
_SMILES_ONLY_MARK_RE = re.compile(r"[=#@\[\]]|[A-Za-z\)]\d|\d\(")
# Letters a SMILES string has outside brackets: B C N O P S F I, Cl, Br and the aromatic b c n o p s.
_NOT_SMILES_LETTER_RE = re.compile(r"[^\W\d_BCFINOPSbclnoprs]")  # any other letter, of any script ("ΔΕΣΟΜΟΡΦΙΝΗ")


def identify(texts: Sequence[str], watchlist: Watchlist, settings: Settings) -> list[Identification]:
    """The quick look-up integrators and investigators ask for: each text resolved as a goods item
    declaring it would be, and every watchlist entry and method it hits."""
    from chemistry.matching import name_as_entry
    from pipeline.flags import METHOD_ORDER
    from pipeline.screening import Screener
    from schemas.events import GoodsItem

    screener = Screener(watchlist, settings)
    out = []
    for text in texts:
        kind = read_identifier(text, watchlist, screener.identifiers, screener.systematic_names is not None)
        item = GoodsItem(line=1, **{kind: text})
        resolution = screener.resolve(item)
        analysis = screener.analyse(resolution)
        found = Identification(
            text,
            kind,
            resolution.resolved_by,
            resolution.name,
            source=resolution.source,
            problems=list(resolution.invalid) + list(resolution.conflicts),
            source_notes=list(resolution.source_notes),
            ambiguous=list(resolution.ambiguous),
        )
        if resolution.std is not None:
            found.inchikey, found.smiles = screener.structure_identity(resolution.std)
            found.drawing_notes, found.stripped = list(resolution.std.notes), list(resolution.std.stripped)
        if analysis is not None:
            findings = screener.collect_item_findings(resolution, analysis, None)
            for f in sorted(findings, key=lambda f: (METHOD_ORDER[f.method], -f.score)):
                ref = f.entry.ref if f.entry is not None else None
                found.hits.append(
                    {
                        "method": f.method,
                        "entry": ref.id if ref else f.family.spec.id,
                        "name": ref.name if ref else f.family.spec.name,
                        "category": ref.category if ref else "family",
                        "score": f.score,
                        "detail": f.detail,
                    }
                )
            if found.name is None and analysis.exact:
                found.name = name_as_entry(analysis.exact[0].entry, analysis.std)
        if found.name is None and found.inchikey and screener.identifiers is not None:
            record = screener.identifiers.lookup_inchikey(found.inchikey)
            if record is not None:
                found.name = f"{record.name} (CAS {record.cas}; name from {record.source})"
        out.append(found)
    return out


def describe_identification(found: Identification) -> str:
    """The readable form of an identification (escaped for a terminal)."""
    source = f" from {found.source}" if found.source else ""
    lines = [f"{found.text}  (read as {found.read_as}; resolved by {found.resolved_by}{source})"]
    if found.smiles:
        lines.append(f"  substance: {found.name or 'no name known'}  {found.smiles}  {found.inchikey or ''}".rstrip())
    else:
        lines.append("  substance: not identified")
    lines += [f"  problem: {p}" for p in found.problems]
    lines += [f"  ambiguous: {n}" for n in found.ambiguous]
    lines += [f"  note: {n}" for n in found.source_notes if n not in found.ambiguous]
    lines += [f"  drawing: {n}" for n in found.drawing_notes]
    if found.stripped:
        lines.append(f"  set aside (salt, solvent): {'.'.join(found.stripped)}")
    lines += [f"  {h['method']}: {h['entry']} {h['name']} [{h['category']}] - {h['detail']}" for h in found.hits]
    if found.smiles and not found.hits:
        lines.append("  no watchlist entry, family or similar structure")
    return "\n".join(terminal_safe(line) for line in lines)
