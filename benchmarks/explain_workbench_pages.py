"""The flags page's queries on PostgreSQL, each benchmark filter: the time of the counting queries
that choose the query's shape (store._query_of), of the page query through the driver, and the
server's own planning and execution time of that query (EXPLAIN ANALYZE), which a shared machine's
load changes far less than the round trips. Stored flags are made as bench_workbench.py makes them,
then VACUUM ANALYZE.

    python benchmarks/explain_workbench_pages.py --stored 100000 --base-flags 20000
    python benchmarks/explain_workbench_pages.py --stored 1000000 --plans   # every plan printed
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stored", type=int, default=100_000, help="flags stored (default: 100,000)")
    parser.add_argument("--base-flags", type=int, default=20_000, help="of those, ingested (the rest: copies)")
    parser.add_argument("--plans", action="store_true", help="print every plan (else those over 50 ms)")
    args = parser.parse_args()

    from sqlalchemy import text
    from sqlalchemy.dialects import postgresql
    from sqlalchemy.orm import Session

    from benchmarks.bench_workbench import PAGES, bulk_load, copy_flags, load
    from devtools.local import free_port
    from tests.workbench.pgcluster import create_database, throwaway_postgres
    from workbench import store
    from workbench.db import make_engine, migrate

    with throwaway_postgres(free_port()) as server:
        engine = make_engine(create_database(server, "explain"))
        migrate(engine)
        base = min(args.base_flags, args.stored)
        bulk_load(engine, base, base)
        if args.stored > base:
            copy_flags(engine, base, args.stored // base - 1)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
            declaration, consignee = conn.exec_driver_sql(
                "SELECT declaration_id, consignee_key FROM flags ORDER BY flag_id LIMIT 1"
            ).one()
        print(f"{base * max(1, args.stored // base):,} flags stored, load {load()}")
        for name, params in PAGES:
            if params is None:
                params = [("q", declaration)] if "declaration" in name else [("q", consignee.removeprefix("eori:"))]
            filt = store.parse_filter(params)
            for _ in range(3):  # the last of three: connections and caches warm
                with Session(engine) as session:
                    started = time.perf_counter()
                    query = store._query_of(session, filt)
                    chosen = time.perf_counter()
                    statement = query(None).limit(store.PAGE_SIZE + 1)
                    rows = list(session.execute(statement))
                    done = time.perf_counter()
            sql = str(statement.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))
            with Session(engine) as session:
                plan = [row[0] for row in session.execute(text("EXPLAIN (ANALYZE, BUFFERS) " + sql))]
            print(
                f"{name}: shape {1000 * (chosen - started):.1f} ms, query {1000 * (done - chosen):.1f} ms, "
                f"{len(rows)} rows; server: {plan[-2]}, {plan[-1]}",
                flush=True,
            )
            if args.plans or done - chosen > 0.05:
                print("\n".join(f"    {line}" for line in plan))
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
