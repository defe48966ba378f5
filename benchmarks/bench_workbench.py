"""Workbench benchmark: ingest rate (flags/s) into SQLite and PostgreSQL, and the flags page's
response time with many flags stored.

    python benchmarks/bench_workbench.py                      # 1,000,000 flags in SQLite, 100,000 in PostgreSQL
    python benchmarks/bench_workbench.py --flags 200000 --pg-flags 0

Flags are the bundled example stream's flags, varied (ids, times over a year, declarations,
traders, countries) so that indexes see realistic cardinalities. Ingestion goes through
workbench.store.ingest_flags in batches of the consumer's size; pages through the web application
(TestClient: routing, query, template) as a logged-in user. PostgreSQL runs in a throw-away cluster
(tests/workbench/pgcluster.py), as in the store tests.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

BATCH = 2000  # the consumer's max_records per poll
YEAR_SECONDS = 365 * 86400
COUNTRIES = ["NL", "DE", "BE", "PL", "FR", "IT", "ES", "CN", "IN", "TR", "US", "GB", "CZ", "AT", "SE"]
PAGES = [
    ("newest page, no filter", []),
    ("severity critical", [("severity", "critical")]),
    (
        "severity high+critical, method unmasking",
        [("severity", "high"), ("severity", "critical"), ("method", "unmasking")],
    ),
    ("country NL + signal BULK_QUANTITY", [("country", "NL"), ("signal", "BULK_QUANTITY")]),
    ("CN code 29329900", [("cn", "29329900")]),
    ("one month", [("from", "2026-03-01"), ("to", "2026-03-31")]),
    ("search a substance name", [("q", "piperidine")]),
    ("search a declaration id", None),  # filled in with a stored declaration id
    ("search a trader name + severity", [("q", "tradematerials"), ("severity", "critical")]),
]


def varied_flags(n: int, seed: int = 7, start_at: int = 0):
    """Flags start_at..n-1 made from the example flags, in batches. Their times spread over 2026 in
    the order they come, up to an hour out of order, as a stream's flags arrive (the pipeline flags
    events as they occur; a rebuild reads the topic from its start)."""
    from tests.workbench.conftest import example_flags

    templates = list(example_flags())
    rng = random.Random(seed + start_at)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    batch = []
    for i in range(start_at, n):
        flag = dict(templates[i % len(templates)])
        when = start + timedelta(seconds=i * YEAR_SECONDS / n - rng.randrange(3600))
        flag["flag_id"] = f"{i:032x}"
        flag["event_id"] = f"bench-{i}"
        flag["declaration_id"] = f"26{rng.choice(COUNTRIES)}{rng.randrange(10**15):015d}"
        flag["occurred_at"] = when.isoformat().replace("+00:00", "Z")
        flag["screened_at"] = flag["occurred_at"]
        consignee = dict(flag["consignee"])
        consignee["name"] = f"Trader {rng.randrange(20000)} B.V."
        consignee["eori"] = f"{rng.choice(COUNTRIES)}{rng.randrange(10**9):09d}"
        flag["consignee"] = consignee
        transport = dict(flag["transport"])
        transport["destination_country"] = rng.choice(COUNTRIES)
        flag["transport"] = transport
        batch.append(flag)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(engine, n: int) -> float:
    """Flags/s over n flags (batches of BATCH in one transaction each, as the consumer writes)."""
    from sqlalchemy.orm import Session

    from workbench import store

    done, started, last_report = 0, time.perf_counter(), time.perf_counter()
    for batch in varied_flags(n):
        with Session(engine) as session, session.begin():
            store.ingest_flags(session, batch)
        done += len(batch)
        if time.perf_counter() - last_report > 30:
            print(f"  ... {done:,} flags, {done / (time.perf_counter() - started):,.0f} flags/s", file=sys.stderr)
            last_report = time.perf_counter()
    return n / (time.perf_counter() - started)


def page_times(engine, repeats: int = 7) -> list[tuple[str, float, float, int]]:
    """(page, median ms, worst ms, rows) of GET /flags with each filter, as a logged-in viewer."""
    import re

    from fastapi.testclient import TestClient
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from pipeline.settings import Settings
    from workbench import auth
    from workbench.models import FlagRecord, User
    from workbench.server import build_app

    with Session(engine) as session, session.begin():
        if session.get(User, "bench") is None:
            auth.add_user(session, "bench", "benchmark-password", "viewer")
        declaration = session.scalar(select(FlagRecord.declaration_id).limit(1))
    client = TestClient(build_app(engine, Settings(), None))
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)[1]
    client.post("/login", data={"username": "bench", "password": "benchmark-password", "csrf_token": token})
    results = []
    for name, params in PAGES:
        params = params if params is not None else [("q", declaration)]
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            response = client.get("/flags", params=params)
            times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, response.text[:300]
        rows = response.text.count('class="flag-link"')
        results.append((name, statistics.median(times), max(times), rows))
    return results


def report(label: str, rate: float, stored: int, pages) -> None:
    print(f"\n{label}: ingest {rate:,.0f} flags/s; flags page with {stored:,} flags stored (median / worst of 7, ms):")
    for name, median, worst, rows in pages:
        print(f"  {name:45s} {median:8.1f} {worst:8.1f}   ({rows} rows)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--flags", type=int, default=1_000_000, help="flags stored in SQLite (default: 1,000,000)")
    parser.add_argument("--pg-flags", type=int, default=100_000, help="flags stored in PostgreSQL (0: skip)")
    args = parser.parse_args()

    from workbench.db import make_engine, migrate

    with tempfile.TemporaryDirectory(prefix="precwatch-bench-") as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        migrate(engine)
        rate = ingest(engine, args.flags)
        report("SQLite", rate, args.flags, page_times(engine))
        engine.dispose()
    if args.pg_flags:
        from devtools.local import free_port
        from tests.workbench.pgcluster import create_database, throwaway_postgres

        with throwaway_postgres(free_port()) as server:
            engine = make_engine(create_database(server, "bench"))
            migrate(engine)
            rate = ingest(engine, args.pg_flags)
            with engine.connect() as conn:
                from sqlalchemy import text

                conn.execute(text("ANALYZE"))
            report("PostgreSQL", rate, args.pg_flags, page_times(engine))
            engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
