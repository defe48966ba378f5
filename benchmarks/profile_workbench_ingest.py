"""Where the workbench's ingest time goes: ``store.ingest_flags`` on --flags flags of the workbench
benchmark's ``varied_flags`` (batches of the consumer's size, a transaction each) into a SQLite
database that already holds --stored flags (made as bench_workbench.py makes them: a bulk ingest,
then copies in SQL).

    python benchmarks/profile_workbench_ingest.py --stored 200000
    python benchmarks/profile_workbench_ingest.py --stored 200000 --cprofile

Prints the wall and CPU seconds of each statement and of the commits (the rest is Python), and
with --cprofile the functions that cost most (cProfile makes Python's share look larger than it is).
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stored", type=int, default=200_000, help="flags stored before (default: 200,000)")
    parser.add_argument("--base-flags", type=int, default=100_000, help="of those, ingested (the rest: copies)")
    parser.add_argument("--flags", type=int, default=20_000, help="flags ingested and timed (default: 20,000)")
    parser.add_argument("--cprofile", action="store_true", help="also profile the Python functions")
    args = parser.parse_args()

    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from benchmarks.bench_workbench import bulk_load, copy_flags, load, varied_flags
    from workbench import store
    from workbench.db import make_engine, migrate

    with tempfile.TemporaryDirectory(prefix="precwatch-profile-") as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'profile.db'}")
        migrate(engine)
        base = min(args.base_flags, args.stored)
        bulk_load(engine, base, base)
        if args.stored > base:
            copy_flags(engine, base, args.stored // base - 1)
        stored = base * max(1, args.stored // base)
        engine.dispose()  # the bulk load's PRAGMA synchronous=OFF is gone
        batches = list(varied_flags(stored + args.flags, start_at=stored))

        wall: collections.Counter = collections.Counter()
        cpu: collections.Counter = collections.Counter()

        @event.listens_for(engine, "before_cursor_execute")
        def started(conn, cursor, statement, parameters, context, executemany):
            conn.info["timer"] = (time.perf_counter(), time.process_time())

        @event.listens_for(engine, "after_cursor_execute")
        def finished(conn, cursor, statement, parameters, context, executemany):
            name = " ".join(statement.split()[:3])
            wall[name] += time.perf_counter() - conn.info["timer"][0]
            cpu[name] += time.process_time() - conn.info["timer"][1]

        def ingest() -> None:
            for batch in batches:
                with Session(engine) as session:
                    with session.begin():
                        store.ingest_flags(session, batch)
                        commit = (time.perf_counter(), time.process_time())
                    wall["commit"] += time.perf_counter() - commit[0]
                    cpu["commit"] += time.process_time() - commit[1]

        profile = cProfile.Profile() if args.cprofile else None
        begun = (time.perf_counter(), time.process_time())
        if profile:
            profile.runcall(ingest)
        else:
            ingest()
        total_wall, total_cpu = time.perf_counter() - begun[0], time.process_time() - begun[1]
        engine.dispose()
    print(
        f"{args.flags:,} flags into {stored:,} stored: {args.flags / total_wall:,.0f} flags/s, "
        f"{total_wall:.1f} s wall, {total_cpu:.1f} s CPU, load {load()}"
    )
    for name in wall:
        print(f"  {name:40s} {wall[name]:6.1f} s wall {cpu[name]:6.1f} s CPU")
    rest_wall, rest_cpu = total_wall - sum(wall.values()), total_cpu - sum(cpu.values())
    print(f"  {'Python (the rest)':40s} {rest_wall:6.1f} s wall {rest_cpu:6.1f} s CPU")
    if profile:
        pstats.Stats(profile).sort_stats("tottime").print_stats(15)
    return 0


if __name__ == "__main__":
    sys.exit(main())
