"""CPU seconds used by each process while a pipeline worker drains N events, next to a do-nothing
Faust agent (bench_stream.py's (a)) draining the same events:

    python benchmarks/cpu_share.py [--events 40000] [--repeat 2]

Shows where the 2 cores go (broker, worker, screening process) and whether the worker's own
process costs more than Faust's per-event path. CPU from /proc (Linux), between the first and the
N-th event; rates are indicative only (the clock here is a 20 ms poll; see bench_stream.py for
the throughput figures).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_stream import events_done, load, run_noop, topic_env  # noqa: E402

from devtools.generate import Generator  # noqa: E402
from devtools.local import free_port, start_broker, start_worker  # noqa: E402
from pipeline.settings import Settings  # noqa: E402
from streaming.kafka import ensure_topics  # noqa: E402


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process (all its threads), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def child_pids(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in children.read_text().split()] if children.exists() else []


def wait_for_events(env: dict[str, str], count: int, worker: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 600
    while events_done(env) < count:
        if worker.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the worker did not screen {count} events; see {log}")
        time.sleep(0.02)


def drain_pipeline(env: dict[str, str], n: int, broker_pid: int, log: Path) -> str:
    worker = start_worker(env, log, cwd=ROOT)
    try:
        wait_for_events(env, 1, worker, log)
        screening = child_pids(worker.pid)
        pids = {"broker": [broker_pid], "worker": [worker.pid], "screening process": screening}
        before = {k: sum(map(cpu_seconds, v)) for k, v in pids.items()}
        start = time.monotonic()
        wait_for_events(env, n, worker, log)
        wall = time.monotonic() - start
        used = {k: sum(map(cpu_seconds, v)) - before[k] for k, v in pids.items()}
    finally:
        worker.terminate()
        worker.wait(20)
    shares = ", ".join(f"{k} {v:.2f} s ({v / wall:.0%} of a core)" for k, v in used.items())
    return f"pipeline: {wall:.2f} s wall; CPU: {shares}; all {sum(used.values()) / wall:.2f} cores"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=40000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="precwatch-cpu-"))
    port = free_port()
    broker = start_broker(port, log_path=workdir / "broker.log")
    lines = [orjson.dumps(e) for e, _ in Generator(seed=5).events(args.events)]
    try:
        for _ in range(args.repeat):
            env = topic_env(f"kafka://127.0.0.1:{port}")
            settings = Settings.from_env(env)
            ensure_topics(settings)
            load(settings, lines)
            print(drain_pipeline(env, args.events, broker.pid, workdir / "worker.log"), flush=True)
            rate, noop_cpu = run_noop(env, args.events, workdir, cpu_seconds)
            wall = args.events / rate
            print(
                f"(a) do-nothing agent: {wall:.2f} s wall; CPU: worker {noop_cpu:.2f} s ({noop_cpu / wall:.0%} of a core)"
            )
    finally:
        broker.terminate()
        broker.wait(10)


if __name__ == "__main__":
    main()
