"""CPU seconds of each process of `precwatch screen FILE --jobs J`, for one or more checkouts in turn
(interleaved A/B on a shared machine, where wall-clock figures are noise):

    python benchmarks/bench_screen_processes.py FILE [--jobs 2 ...] [--repeat 3] [--root DIR ...]

Each round runs the command once per ``--root`` (default: this checkout) and ``--jobs`` (default: 2),
each from the root's own directory with the same interpreter. The total is exact (user + system time of the command and the processes it
waited for, from getrusage); the children's figures come from /proc polled every 20 ms (Linux), so
what a child spends in its last poll interval is counted in the command's own process, which is the
total less the children. Output and dead letters are compared between roots (time stamps aside).
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAMPS = re.compile(rb'"(screened_at|received_at)":"[^"]*"')


def cpu_seconds(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children_of(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def run(root: Path, path: Path, jobs: int, out: Path, dead: Path) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    command = [sys.executable, "-m", "cli.main", "screen", str(path), "-o", str(out), "--dead-letter", str(dead)]
    proc = subprocess.Popen(
        [*command, "--no-progress", "--jobs", str(jobs)],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    seen: dict[int, float] = {}
    while proc.poll() is None:
        for child in children_of(proc.pid):
            cpu = cpu_seconds(child)
            if cpu is not None:
                seen[child] = cpu
        time.sleep(0.02)
    wall = time.perf_counter() - started
    stderr = proc.stderr.read().decode()
    if proc.returncode:
        raise SystemExit(f"{root}: exit {proc.returncode}\n{stderr}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    children = sorted(seen.values(), reverse=True)
    return {"wall": wall, "total": total, "children": children, "own": total - sum(children)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path)
    parser.add_argument("--jobs", type=int, action="append", help="job counts to run (default: 2)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--root", type=Path, action="append", help="checkouts to compare (default: this one)")
    args = parser.parse_args()
    roots = args.root or [ROOT]
    with tempfile.TemporaryDirectory() as tmp:
        outputs: dict[tuple[Path, int], bytes] = {}
        for round_ in range(args.repeat):
            for (i, root), jobs in itertools.product(enumerate(roots), args.jobs or [2]):
                out, dead = Path(tmp, f"out-{i}"), Path(tmp, f"dead-{i}")
                r = run(root.resolve(), args.file.resolve(), jobs, out, dead)
                kids = " + ".join(f"{c:.2f}" for c in r["children"]) or "-"
                print(
                    f"round {round_ + 1} {root}, {jobs} job(s): {r['total']:.2f} CPU-s = command {r['own']:.2f} + children {kids}; "
                    f"{r['wall']:.2f} s wall; load {os.getloadavg()[0]:.1f}",
                    flush=True,
                )
                outputs[root, jobs] = STAMPS.sub(b"", out.read_bytes()) + b"\0" + STAMPS.sub(b"", dead.read_bytes())
        print(f"same output (time stamps aside): {len(set(outputs.values())) == 1}")


if __name__ == "__main__":
    main()
