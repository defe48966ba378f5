"""What N jobs' separate caches cost: `precwatch screen`'s chunks screened in this one process by N
Screeners, with no processes or pipes, so that only the caches differ from one job.

    python benchmarks/bench_job_caches.py [--events 400000] [--seed 11] [--screeners 2] [--repeat 1]

Four runs, each in a process of its own (process-wide caches warmed by one run would make the next
one cheaper), on the same generated file (the realistic mix, `precwatch generate --seed 11`):

- one Screener for every chunk (what one job does);
- chunk i to Screener i % N (what N jobs do today: each child sees every declaration, so each one
  works out the chemistry of every declaration it has not seen itself);
- affinity: each line to Screener key(line) % N, lines gathered into chunks per Screener, so that
  one declaration's lines mostly meet one Screener's caches; the key is found in the raw bytes, with
  no parse: "first-item", crc32 of the first goods item's bytes from "cn_code" to "quantity";
  "identifiers", the least crc32 of the identifiers the items declare (cas, smiles, name, inchi...).

Reported: the Screeners' CPU seconds (process time around each chunk's screening), the CPU the
routing itself takes, and the cache entries at the end. Items screened must be the same in every run.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
import zlib
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cli.commands import CHUNK_LINES  # noqa: E402
from devtools.generate import write_stream  # noqa: E402
from pipeline.caches import tune_collector_for_batch_screening  # noqa: E402
from pipeline.chunks import LinesChunk, screen_lines  # noqa: E402
from pipeline.decode import json_lines, read_lines  # noqa: E402
from pipeline.live_watchlist import load_watchlist_from  # noqa: E402
from pipeline.screening import Screener  # noqa: E402
from pipeline.settings import Settings  # noqa: E402


def first_item_key(line: bytes) -> int:
    """crc32 of the first goods item's declaration (its bytes from "cn_code" to "quantity")."""
    start = line.find(b'"items":[')
    if start < 0:
        return 0
    start = line.find(b'"cn_code"', start)
    end = line.find(b'"quantity"', start)
    return zlib.crc32(line[start:end]) if start >= 0 else 0


_IDENTIFIERS = re.compile(rb'"(?:cas|smiles|name|inchikey|inchi)":"((?:[^"\\]|\\.)*)"')


def identifiers_key(line: bytes) -> int:
    """The least crc32 of the identifiers declared in the items (the values of "cas", "smiles", "name",
    "inchikey", "inchi" after "items"): events that declare one identifier tend to meet."""
    start = line.find(b'"items":[')
    if start < 0:
        return 0
    return min((zlib.crc32(m.group(1)) for m in _IDENTIFIERS.finditer(line, start)), default=0)


AFFINITY_KEYS = {"first-item": first_item_key, "identifiers": identifiers_key}


def screen(
    path: Path, screeners: int, affinity: str | None, settings: Settings, watchlist
) -> tuple[list[float], float, int]:
    """CPU seconds per Screener, CPU seconds of routing, items screened."""
    pool = [Screener(watchlist, settings) for _ in range(screeners)]
    now = datetime.now(UTC)
    cpu = [0.0] * screeners
    routing = 0.0
    items = 0
    pending: list[list] = [[] for _ in range(screeners)]

    def flush(k: int) -> None:
        nonlocal items
        started = time.process_time()
        items += screen_lines(LinesChunk(str(path), pending[k]), pool[k], now).items
        cpu[k] += time.process_time() - started
        pending[k] = []

    with open(path, "rb") as handle:
        for index, (lineno, line) in enumerate(json_lines(read_lines(handle))):
            started = time.process_time()
            k = AFFINITY_KEYS[affinity](line) % screeners if affinity else (index // CHUNK_LINES) % screeners
            routing += time.process_time() - started
            pending[k].append((lineno, line))
            if len(pending[k]) >= CHUNK_LINES:
                flush(k)
    for k in range(screeners):
        if pending[k]:
            flush(k)
    work: dict[str, int] = {}
    for screener in pool:
        for kind, count in screener.cache_sizes().items():
            work[kind] = work.get(kind, 0) + count
        work["analysis misses"] = work.get("analysis misses", 0) + screener.cache_stats()[1]
    return cpu, routing, items, work


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=400_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--screeners", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1, help="rounds of the three runs")
    parser.add_argument("--run", nargs=3, metavar=("FILE", "SCREENERS", "AFFINITY"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:  # one run, in this process
        path, screeners, affinity = Path(args.run[0]), int(args.run[1]), args.run[2]
        settings = Settings.from_env()
        watchlist = load_watchlist_from(settings.watchlist_path)
        tune_collector_for_batch_screening()
        cpu, routing, items, work = screen(
            path, screeners, AFFINITY_KEYS.get(affinity) and affinity, settings, watchlist
        )
        print(
            f"{items} items, {sum(cpu):.2f} CPU-s screening ({', '.join(f'{c:.2f}' for c in cpu)}), "
            f"routing {routing:.2f} CPU-s; cache entries {work}"
        )
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events.jsonl"
        with open(path, "wb") as handle:
            write_stream(args.events, handle, seed=args.seed)
        runs = [("one Screener", 1, "chunks"), ("chunk by chunk", args.screeners, "chunks")]
        runs += [(f"affinity by {key}", args.screeners, key) for key in AFFINITY_KEYS]
        for round_ in range(args.repeat):
            for label, screeners, affinity in runs:
                command = [sys.executable, __file__, "--run", str(path), str(screeners), affinity]
                done = subprocess.run(command, capture_output=True, text=True, check=True)
                print(f"round {round_ + 1}, {label} ({screeners} Screener(s)): {done.stdout.strip()}", flush=True)


if __name__ == "__main__":
    main()
