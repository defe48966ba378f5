"""Identifier database benchmark: what it costs a worker or `precwatch screen` to use it.

    python benchmarks/bench_identifiers.py [--events 20000] [--rounds 3]

1. Start-up, each in a fresh process: imports, then loading the watchlist and building the
   screener with the database off and on (the index already built), then the first look-up;
   peak resident memory of each process.
2. Look-ups: mean time of a CAS and a name look-up found in the index, and of one not found
   (fresh keys, so nothing is remembered).
3. The realistic mix (a generated stream, as bench_screen.py), screened with the database off and
   on, alternately, in CPU time of this process (the machine may be shared: wall time is noisier).
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_screen import screen_lines
from chemistry.identifier_db import open_identifier_database
from chemistry.watchlist import load_watchlist
from devtools.generate import write_stream
from pipeline.screening import Screener
from pipeline.settings import Settings

START_UP = """
import resource, sys, time
t0 = time.perf_counter()
from chemistry.watchlist import load_watchlist
from pipeline.screening import Screener
from pipeline.settings import Settings
from schemas.events import GoodsItem
t1 = time.perf_counter()
screener = Screener(load_watchlist(), Settings(identifier_database=sys.argv[1]))
t2 = time.perf_counter()
resolution = screener.resolve(GoodsItem(line=1, cas="78-83-1"))
t3 = time.perf_counter()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"database {sys.argv[1]:>4}: imports {t1 - t0:.2f} s, watchlist and screener {t2 - t1:.2f} s, "
      f"first look-up {1000 * (t3 - t2):.1f} ms (78-83-1 {resolution.resolved_by}), peak RSS {rss:.0f} MB")
"""


def bench_start_up() -> None:
    open_identifier_database("auto")  # built before timing, as a deployment does ahead
    for setting in ("off", "auto", "off", "auto"):
        done = subprocess.run([sys.executable, "-c", START_UP, setting], capture_output=True, text=True, check=True)
        print(done.stdout.strip())


def bench_lookups(n: int = 2000) -> None:
    database, _ = open_identifier_database("auto")
    conn = database._connection()
    cas = [row[0] for row in conn.execute("SELECT cas FROM chemical ORDER BY random() LIMIT ?", (n,))]
    names = [row[0] for row in conn.execute("SELECT key FROM name_key ORDER BY random() LIMIT ?", (n,))]
    missing = [f"nosuchname{i}" for i in range(n)]
    for label, lookup, keys in (
        ("CAS found", database.lookup_cas, cas),
        ("name found", database.lookup_name_key, names),
        ("name not found", database.lookup_name_key, missing),
    ):
        start = time.perf_counter()
        for key in keys:
            lookup(key)
        print(f"look-up, {label}: {1e6 * (time.perf_counter() - start) / len(keys):.0f} us")


def bench_stream(events: int, rounds: int) -> None:
    buf = io.BytesIO()
    write_stream(events, buf, seed=11)
    lines = buf.getvalue().splitlines()
    watchlist = load_watchlist()
    for _ in range(rounds):
        for setting in ("off", "auto"):
            screener = Screener(watchlist, Settings(identifier_database=setting))
            start = time.process_time()
            items, _ = screen_lines(screener, lines)
            cpu = time.process_time() - start
            print(
                f"realistic mix, database {setting:>4}: {items} items in {cpu:.2f} s CPU -> {items / cpu:,.0f} items/s"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    bench_start_up()
    bench_lookups()
    bench_stream(args.events, args.rounds)


if __name__ == "__main__":
    main()
