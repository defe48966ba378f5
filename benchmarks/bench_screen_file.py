"""`precwatch screen` on a generated file, the whole command (decode, screen, write), with 1 and N jobs.

    python benchmarks/bench_screen_file.py [--events 100000] [--jobs N] [--seed 11] [--repeat 1]

Generates the realistic mix (`precwatch generate --seed 11`), then runs `precwatch screen FILE
--jobs J` as a separate process for J = 1 and J = N (default: every core), in turn, and reports per
run: wall time, items/s, items/s per job, and items per CPU-second (user + system time of the
command and its child processes: on a shared machine the figure that other load disturbs least).
The flags and dead letters of the two runs must be the same bytes once the run's own time stamps
(screened_at, received_at) are set aside, or the benchmark fails.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cli.parallel import default_jobs  # noqa: E402
from devtools.generate import write_stream  # noqa: E402

STAMPS = re.compile(rb'"(screened_at|received_at)":"[^"]*"')
SUMMARY = re.compile(r"screened (\d+) events, (\d+) items")


def run_timed(command: list[str], cwd: Path | None = None) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run a command to its end: (what it printed, wall seconds, CPU seconds of it and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return done, wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def run_screen(path: Path, jobs: int, out: Path, dead: Path) -> dict:
    done, wall, cpu = run_timed(
        [sys.executable, "-m", "cli.main", "screen", str(path), "-o", str(out), "--dead-letter", str(dead)]
        + ["--no-progress", "--jobs", str(jobs)],
        cwd=ROOT,
    )
    events, items = (int(x) for x in SUMMARY.search(done.stderr).groups())
    return {"jobs": jobs, "events": events, "items": items, "wall": wall, "cpu": cpu, "summary": done.stderr.strip()}


def parse_benchmark_arguments(doc: str, repeat_help: str) -> argparse.Namespace:
    """The options of the benchmarks that screen a generated file: --events, --jobs, --seed, --repeat."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=default_jobs())
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--repeat", type=int, default=1, help=repeat_help)
    return parser.parse_args()


def write_generated_events(folder: Path, count: int, seed: int) -> Path:
    """`precwatch generate COUNT --seed SEED` into FOLDER/events.jsonl (the realistic mix)."""
    events = folder / "events.jsonl"
    with open(events, "wb") as handle:
        write_stream(count, handle, seed=seed)
    return events


def main() -> None:
    args = parse_benchmark_arguments(__doc__, "pairs of runs (1 job, N jobs)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        events = write_generated_events(folder, args.events, args.seed)
        print(
            f"{args.events} generated events (seed {args.seed}), {events.stat().st_size / 1e6:.1f} MB; load {os.getloadavg()}"
        )
        outputs: dict[int, bytes] = {}
        for round_ in range(args.repeat):
            for jobs in (1, args.jobs):
                out, dead = folder / f"flags-{jobs}.jsonl", folder / f"dead-{jobs}.jsonl"
                r = run_screen(events, jobs, out, dead)
                print(
                    f"round {round_ + 1}, {jobs} job(s): {r['items']} items in {r['wall']:.2f} s wall -> "
                    f"{r['items'] / r['wall']:,.0f} items/s, {r['items'] / r['wall'] / jobs:,.0f} items/s per job; "
                    f"{r['cpu']:.2f} CPU-s -> {r['items'] / r['cpu']:,.0f} items per CPU-second"
                )
                outputs[jobs] = STAMPS.sub(b"", out.read_bytes()) + b"\0" + STAMPS.sub(b"", dead.read_bytes())
        same = len(set(outputs.values())) == 1
        print(f"output of 1 and {args.jobs} jobs identical (time stamps aside): {same}")
        if not same:
            describe_difference(outputs[1], outputs[args.jobs])
            sys.exit(1)


# Time budgets (unmasking per structure, screening per event) are wall-clock bounds: on a machine
# loaded enough for them to be reached in one run and not in the other, outputs differ, and the lines
# that differ then say so.
BUDGET_MARKS = (b"SEARCH_TRUNCATED", b"SCREENING_BUDGET_EXCEEDED")


def describe_difference(one: bytes, other: bytes) -> None:
    a, b = one.splitlines(), other.splitlines()
    differing = [i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y]
    print(f"{len(a)} and {len(b)} lines; {len(differing)} of the first {min(len(a), len(b))} differ")
    budget = sum(1 for i in differing if any(m in a[i] or m in b[i] for m in BUDGET_MARKS))
    print(f"of which {budget} name a time budget that was reached (SEARCH_TRUNCATED, SCREENING_BUDGET_EXCEEDED)")
    for i in differing[:3]:
        print(f"line {i + 1}:\n  1 job: {a[i][:400]!r}\n  N jobs: {b[i][:400]!r}")


if __name__ == "__main__":
    main()
