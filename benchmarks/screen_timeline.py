"""When each screening child of `precwatch screen FILE --jobs J` works and waits (wall clock):

    python benchmarks/screen_timeline.py FILE [--jobs 2] [--root DIR]

Runs the command in this process (``--root``: the checkout whose code runs, default this one), with
cli/parallel.py's ``answer_range`` and the pool's ``close`` wrapped to note the time, so the forked
children note theirs too. Reports when the children were forked, per child the ranges it screened,
its CPU seconds in them and its gaps (the wall time between the end of one range and the start of the
next: waiting for a request, or for a core), how far apart the children finished their last range
(one idles meanwhile), how long closing the pool took and when the command was done. On a shared
machine the gaps include the time a child waits for a core; the spread and the close do not.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args()
    sys.path.insert(0, str(args.root.resolve()))
    os.chdir(args.root)
    started = time.time()
    import cli.parallel as parallel
    from cli.main import main as precwatch

    log = tempfile.NamedTemporaryFile("a", suffix=".timeline", delete=False)  # noqa: SIM115 (appended by every child)
    answer_range, close, forked = parallel.answer_range, parallel.ScreeningPool.close, []

    def noted_answer_range(screener, payload):
        begun, cpu = time.time(), time.process_time()
        answer = answer_range(screener, payload)
        note = {"pid": os.getpid(), "start": begun - started, "end": time.time() - started}
        with open(log.name, "a") as out:
            out.write(json.dumps({**note, "cpu": time.process_time() - cpu}) + "\n")
        return answer

    def noted_close(pool):
        begun = time.time()
        close(pool)
        forked.append(("close", begun - started, time.time() - started))

    fork = parallel._Forked.__init__

    def noted_fork(self, *a, **k):
        forked.append(("fork", time.time() - started))
        fork(self, *a, **k)

    parallel.answer_range, parallel.ScreeningPool.close, parallel._Forked.__init__ = (
        noted_answer_range,
        noted_close,
        noted_fork,
    )
    with tempfile.TemporaryDirectory() as tmp:
        argv = ["screen", str(args.file.resolve()), "-o", f"{tmp}/out", "--dead-letter", f"{tmp}/dead"]
        precwatch([*argv, "--no-progress", "--jobs", str(args.jobs)])
    done = time.time() - started
    rows = [json.loads(line) for line in Path(log.name).read_text().splitlines()]
    os.unlink(log.name)
    by_child: dict[int, list[dict]] = collections.defaultdict(list)
    for row in rows:
        by_child[row["pid"]].append(row)
    forks = [f"{t[1]:.3f}" for t in forked if t[0] == "fork"]
    print(f"code of {args.root}; load {os.getloadavg()[0]:.1f}; children forked at {', '.join(forks)} s")
    ends = []
    for ranges in by_child.values():
        ranges.sort(key=lambda r: r["start"])
        gaps = sum(b["start"] - a["end"] for a, b in zip(ranges, ranges[1:], strict=False))
        ends.append(ranges[-1]["end"])
        print(
            f"  child: {len(ranges)} ranges from {ranges[0]['start']:.3f} to {ranges[-1]['end']:.3f} s, "
            f"{sum(r['cpu'] for r in ranges):.2f} CPU-s in them, gaps {gaps:.3f} s"
        )
    closes = [t for t in forked if t[0] == "close"]
    closing = f"{closes[0][2] - closes[0][1]:.3f} s" if closes else "-"
    print(
        f"  last ranges ended {max(ends) - min(ends):.3f} s apart; closing the pool {closing}; "
        f"command done at {done:.3f} s"
    )


if __name__ == "__main__":
    main()
