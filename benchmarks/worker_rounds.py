"""The set-up shared by the benchmarks that time one worker with a part of the pipeline off and on
(bench_repository.py --stream, bench_stateful.py stream): an embedded broker in a folder of its own,
fresh topics loaded with the same events for every round, and a worker that drains them.

A round's events/s run from the first delivered batch until every event is screened and every
output counter named by the caller has reached its count; both times are printed (the worker counts
events per batch, so the events of the first batch are not counted: their screening happened before
the clock started). The CPU seconds each process (broker, worker, screening process) spent over the
same span come with it, from /proc (Linux): on a shared machine the wall-clock rate is the machine's
share as much as the code's, the CPU each part spent is not.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson

from benchmarks.bench_stream import events_done, load, metric_sum, topic_env
from devtools.local import free_port, start_broker, start_worker
from pipeline.settings import Settings
from streaming.kafka import ensure_topics

ROOT = Path(__file__).resolve().parent.parent
# A round that has not finished by then has stalled: its worker log says why.
DRAIN_TIMEOUT_S = 900


@dataclass(frozen=True, slots=True)
class Broker:
    url: str
    pid: int
    workdir: Path


@contextlib.contextmanager
def embedded_broker(name: str) -> Iterator[Broker]:
    """An embedded broker on a free port, its log and the rounds' worker logs in a temporary folder."""
    workdir = Path(tempfile.mkdtemp(prefix=f"precwatch-bench-{name}-"))
    port = free_port()
    broker = start_broker(port, log_path=workdir / "broker.log")
    try:
        yield Broker(f"kafka://127.0.0.1:{port}", broker.pid, workdir)
    finally:
        broker.terminate()
        broker.wait(10)


def loaded_topics(broker: Broker, lines: list[bytes], **settings: str) -> dict[str, str]:
    """PRECWATCH_* variables of a fresh topic set (and these settings, by variable name) whose input
    topic holds ``lines``."""
    env = {**topic_env(broker.url), **settings}
    settings_of_round = Settings.from_env(env)
    ensure_topics(settings_of_round)
    load(settings_of_round, lines)
    return env


def observations_in(value: bytes) -> int:
    """Observations, not messages: a bundle (format 2, pipeline/intelligence_observe.py) holds several.
    Read here rather than with the stage's reader, so that the benchmarks also measure older commits."""
    message = orjson.loads(value)
    return len(message["facets"]) if "v" in message else 1


def outputs_expected(lines: list[bytes]) -> tuple[int, int]:
    """(observations, sighting records) the screening stage writes for these events."""
    from chemistry.watchlist import load_watchlist
    from pipeline.batch import process_batch
    from pipeline.messages import InMessage
    from pipeline.screening import Screener

    result = process_batch(
        [InMessage(v, None, "bench", 0, i) for i, v in enumerate(lines)],
        Screener(load_watchlist(), Settings()),
        partitions={"observations": 2, "flags": 2, "sightings": 2, "dead_letters": 2},
    )
    observations = sum(observations_in(m.value) for m in result.out if m.role == "observations")
    sightings = sum(len(orjson.loads(m.value)) for m in result.out if m.role == "sightings")
    return observations, sightings


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_of(pids: dict[str, int]) -> dict[str, float]:
    return {name: cpu_seconds(pid) for name, pid in pids.items()}


def process_tree(broker: int, worker: int) -> dict[str, int]:
    """broker, worker and the worker's children (the screening process) by name."""
    try:
        children = [int(p) for p in Path(f"/proc/{worker}/task/{worker}/children").read_text().split()]
    except OSError:
        children = []
    return {"broker": broker, "worker": worker, **{f"child{i}": pid for i, pid in enumerate(children)}}


def drain(
    env: dict[str, str], n: int, outputs: dict[str, float], log: Path, broker_pid: int
) -> tuple[float, dict[str, float]]:
    """Start a worker on a loaded topic set; events/s until all ``n`` events are screened and every
    counter in ``outputs`` (metric name -> count; 0: not waited for) has reached its count, and the
    CPU seconds each process spent meanwhile."""
    worker = start_worker(env, log, cwd=ROOT)
    url = f"http://127.0.0.1:{env['PRECWATCH_METRICS_PORT']}/metrics"
    first = last = screened = None
    counted_at_first = 0.0
    pids: dict[str, int] = {}
    cpu_at_first: dict[str, float] = {}
    cpu: dict[str, float] = {}
    deadline = time.monotonic() + DRAIN_TIMEOUT_S
    try:
        while time.monotonic() < deadline:
            done = events_done(env)
            now = time.monotonic()
            if done >= n and screened is None:
                screened = now
            if done > 0 and first is None:
                first, counted_at_first = now, done
                pids = process_tree(broker_pid, worker.pid)
                cpu_at_first = cpu_of(pids)
            if done >= n and all(metric_sum(url, name) >= count for name, count in outputs.items() if count):
                last = now
                cpu = {k: v - cpu_at_first[k] for k, v in cpu_of(pids).items()}
                break
            time.sleep(0.05)
    finally:
        worker.terminate()
        worker.wait(20)
    if first is None or last is None:
        raise RuntimeError(f"the worker did not finish; see {log}")
    # What the outputs' stages still had to do once every event was screened: the wait for the last
    # batches (a fixed time, which weighs more the faster a round goes) and any backlog.
    print(f"    every event screened after {screened - first:.2f} s, every output counted after {last - first:.2f} s")
    return (n - counted_at_first) / max(last - first, 1e-9), cpu


def report_off_and_on(part: str, rounds: dict[str, list[float]], cost_of: str) -> dict[str, float]:
    """Print the median events/s (and the range) with ``part`` disabled and enabled, and what enabling
    it costs (``cost_of``: what the line calls it); return the medians."""
    median = {mode: statistics.median(values) for mode, values in rounds.items()}
    for mode in ("disabled", "enabled"):
        values = rounds[mode]
        print(
            f"  {part} {mode:8s}: {median[mode]:8,.0f} events/s (median of {len(values)}; "
            f"{min(values):,.0f}-{max(values):,.0f})"
        )
    print(f"  cost of {cost_of}: {1 - median['enabled'] / median['disabled']:.0%} of throughput")
    return median
