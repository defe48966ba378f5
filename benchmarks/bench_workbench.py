"""Workbench benchmark: ingest rate (flags/s) into SQLite and PostgreSQL, and the flags page's
response time with many flags stored.

    python benchmarks/bench_workbench.py                      # 1,000,000 flags in SQLite, 100,000 in PostgreSQL
    python benchmarks/bench_workbench.py --skip-sqlite --pg-flags 1000000
    python benchmarks/bench_workbench.py --flags 200000 --pg-flags 0

Flags are the bundled example stream's flags, varied (ids, times over a year in stream order,
declarations, traders, countries) so that indexes see realistic cardinalities. How the stored
flags are made:

1. --base-flags flags go through workbench.store.ingest_flags (the consumer's function, so the
   consumer's rows) in transactions of BULK_BATCH flags, on SQLite without waiting for the disk.
2. More flags up to --flags (--pg-flags) are copies of those rows made in SQL (copy_flags): each
   base flag's flags row (its raw message's flag_id and occurred_at rewritten to match; on
   PostgreSQL through jsonb, which orders its keys), terms and search words (on SQLite through the
   same trigger) with a new id and a time between its base flag's and the next one's. A copy shares
   its base flag's declaration and traders.
3. The last --ingest-flags flags are ingested as the consumer does (batches of its size, one
   transaction each, the database's normal settings): that rate, with all the others stored, is the
   ingest figure; with it, flags per CPU second (this process's, plus on PostgreSQL the server
   process's), which a shared machine's load changes far less.

Pages go through the web application (TestClient: routing, query, template) as a logged-in user.
PostgreSQL runs in a throw-away cluster (tests/workbench/pgcluster.py), as in the store tests. The
load average is printed with each figure (the machine may be shared).
"""

from __future__ import annotations

import argparse
import os
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
BULK_BATCH = 20000
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
    (
        "country DE + signal CN_MISMATCH + method exact",
        [("country", "DE"), ("signal", "CN_MISMATCH"), ("method", "exact")],
    ),
    ("search a consignee EORI", None),  # filled in with a stored consignee's EORI
    ("countries NL or BE + severity high", [("country", "NL"), ("country", "BE"), ("severity", "high")]),
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


def bulk_load(engine, n: int, total: int) -> float:
    """Flags 0..n-1 of ``total`` through store.ingest_flags in transactions of BULK_BATCH; flags/s."""
    from sqlalchemy import text
    from sqlalchemy.orm import Session

    from workbench import store

    started, done, last_report = time.perf_counter(), 0, time.perf_counter()
    batch = []
    for flags in varied_flags(total):
        batch += flags
        if len(batch) >= BULK_BATCH or done + len(batch) >= n:
            batch = batch[: n - done]
            with Session(engine) as session, session.begin():
                if engine.dialect.name == "sqlite":
                    session.execute(text("PRAGMA synchronous=OFF"))
                store.ingest_flags(session, batch)
            done += len(batch)
            batch = []
            if time.perf_counter() - last_report > 60:
                rate = done / (time.perf_counter() - started)
                print(f"  ... bulk {done:,} flags, {rate:,.0f} flags/s, load {load()}", file=sys.stderr, flush=True)
                last_report = time.perf_counter()
        if done >= n:
            break
    return n / (time.perf_counter() - started) if n else 0.0


def ingest(engine, start_at: int, total: int) -> tuple[float, float]:
    """Flags start_at..total-1 as the consumer writes them (batches of BATCH, a transaction each):
    flags/s, and flags per CPU second spent on them (this process's, plus on PostgreSQL the server
    process's that served it), which a shared machine's load changes far less than the wall time."""
    from sqlalchemy.orm import Session

    from workbench import store

    engine.dispose()  # fresh connections: the bulk load's PRAGMA synchronous=OFF is gone
    server = _server_cpu(engine)
    started, cpu = time.perf_counter(), time.process_time() + server()
    for batch in varied_flags(total, start_at=start_at):
        with Session(engine) as session, session.begin():
            store.ingest_flags(session, batch)
    wall, cpu = time.perf_counter() - started, time.process_time() + server() - cpu
    return (total - start_at) / wall, (total - start_at) / cpu


def _server_cpu(engine):
    """A function reading the CPU seconds of the PostgreSQL server process behind the engine's one
    pooled connection (the throw-away cluster runs on this machine); 0 on SQLite (in this process)."""
    if engine.dialect.name != "postgresql":
        return lambda: 0.0
    with engine.connect() as conn:
        pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()

    def seconds() -> float:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    return seconds


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


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
        declaration, consignee = session.execute(
            select(FlagRecord.declaration_id, FlagRecord.consignee_key).order_by(FlagRecord.flag_id).limit(1)
        ).one()
    client = TestClient(build_app(engine, Settings(), None))
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)[1]
    client.post("/login", data={"username": "bench", "password": "benchmark-password", "csrf_token": token})
    results = []
    for name, params in PAGES:
        if params is None:
            params = [("q", declaration)] if "declaration" in name else [("q", consignee.removeprefix("eori:"))]
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            response = client.get("/flags", params=params)
            times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, response.text[:300]
        rows = response.text.count('class="flag-link"')
        results.append((name, statistics.median(times), max(times), rows))
    return results


def report(label: str, bulk_rate: float, rate: tuple[float, float], args_ingest: int, stored: int, pages) -> None:
    print(
        f"\n{label}: bulk load {bulk_rate:,.0f} flags/s; ingest (consumer's path) {rate[0]:,.0f} flags/s "
        f"({rate[1]:,.0f} flags per CPU second) over the last {args_ingest:,}; "
        f"flags page with {stored:,} flags stored (median / worst of 7, ms), load {load()}:"
    )
    for name, median, worst, rows in pages:
        print(f"  {name:50s} {median:8.1f} {worst:8.1f}   ({rows} rows)", flush=True)


def copy_flags(engine, base: int, copies: int) -> float:
    """SQLite: ``copies`` copies of each of the ``base`` stored flags (rows/s); see the module's doc."""
    from sqlalchemy import text

    if engine.dialect.name == "postgresql":
        return copy_flags_postgresql(engine, base, copies)

    spacing = YEAR_SECONDS / base  # the base flags' distance in time
    started = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(text("PRAGMA synchronous=OFF"))
        # each copy's full-text row number: its base flag's, past every number taken before it
        numbers = conn.scalar(text("SELECT max(words_row) FROM flags"))
        for k in range(1, copies + 1):
            shift = f"+{spacing * k / (copies + 1):.3f} seconds"
            new_time = "strftime('%Y-%m-%d %H:%M:%f', occurred_at, :shift) || '000'"
            conn.execute(
                text(
                    f"INSERT INTO flag_terms (term, occurred_at, flag_id) SELECT term, {new_time}, flag_id || :tail "
                    "FROM flag_terms WHERE length(flag_id) = 32"
                ),
                {"shift": shift, "tail": f"c{k}"},
            )
            info = conn.exec_driver_sql("PRAGMA table_info(flags)")
            rest = [row[1] for row in info if row[1] not in ("flag_id", "occurred_at", "raw", "words_row")]
            conn.execute(
                text(
                    f"INSERT INTO flags (flag_id, occurred_at, raw, words_row, {', '.join(rest)}) "
                    f"SELECT flag_id || :tail, {new_time}, "
                    "json_set(raw, '$.flag_id', flag_id || :tail, '$.occurred_at', "
                    "strftime('%Y-%m-%dT%H:%M:%fZ', occurred_at, :shift)), "
                    f"words_row + :offset, {', '.join(rest)} FROM flags WHERE length(flag_id) = 32"
                ),
                {"shift": shift, "tail": f"c{k}", "offset": numbers * k},
            )
            print(f"  ... copy {k} of {copies}, load {load()}", file=sys.stderr, flush=True)
    return base * copies / (time.perf_counter() - started)


def copy_flags_postgresql(engine, base: int, copies: int) -> float:
    """copy_flags on PostgreSQL: the same copies (the raw message rewritten through jsonb, so its
    keys are in jsonb's order), a transaction per copy."""
    from sqlalchemy import text

    spacing = YEAR_SECONDS / base
    started = time.perf_counter()
    with engine.connect() as conn:
        rest = [
            name
            for name in conn.scalars(
                text("SELECT column_name FROM information_schema.columns WHERE table_name = 'flags'")
            )
            if name not in ("flag_id", "occurred_at", "raw")
        ]
    for k in range(1, copies + 1):
        shift = {"shift": spacing * k / (copies + 1), "tail": f"c{k}"}
        new_time = "occurred_at + make_interval(secs => :shift)"
        with engine.begin() as conn:
            conn.execute(
                text(
                    f"INSERT INTO flag_terms (term, occurred_at, flag_id) SELECT term, {new_time}, flag_id || :tail "
                    "FROM flag_terms WHERE length(flag_id) = 32"
                ),
                shift,
            )
            conn.execute(
                text(
                    f"INSERT INTO flags (flag_id, occurred_at, raw, {', '.join(rest)}) "
                    f"SELECT flag_id || :tail, {new_time}, "
                    "jsonb_set(jsonb_set(raw::jsonb, '{flag_id}', to_jsonb(flag_id || :tail)), '{occurred_at}', "
                    f"""to_jsonb(to_char({new_time}, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')))::text, """
                    f"{', '.join(rest)} FROM flags WHERE length(flag_id) = 32"
                ),
                shift,
            )
        print(f"  ... copy {k} of {copies}, load {load()}", file=sys.stderr, flush=True)
    return base * copies / (time.perf_counter() - started)


def measure(engine, total: int, base: int, ingest_flags: int, label: str) -> None:
    from workbench.db import migrate

    migrate(engine)
    measured = min(ingest_flags, total)
    base = min(base, total - measured)
    copies = -(-(total - measured) // base) - 1 if base else 0  # at least total - measured stored
    base = base if copies else total - measured
    print(f"{label}: ingesting {base:,} base flags in bulk, load {load()}", file=sys.stderr, flush=True)
    bulk_rate = bulk_load(engine, base, base)
    copy_rate = copy_flags(engine, base, copies) if copies else 0.0
    stored = base * (copies + 1)
    print(f"{label}: {stored:,} stored; ingesting {measured:,} as the consumer does, load {load()}", file=sys.stderr)
    rate = ingest(engine, stored, stored + measured)
    if engine.dialect.name == "postgresql":
        # What autovacuum does on a live database: statistics, and the visibility map that lets the
        # terms' counts and walks read their index alone. Outside a transaction (a rolled-back
        # ANALYZE keeps nothing).
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    print(
        f"\n{label}: bulk ingest {bulk_rate:,.0f} flags/s ({base:,}); copies {copy_rate:,.0f} flags/s ({base * copies:,})"
    )
    report(label, bulk_rate, rate, measured, stored + measured, page_times(engine))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--flags", type=int, default=1_000_000, help="flags stored in SQLite (default: 1,000,000)")
    parser.add_argument("--pg-flags", type=int, default=100_000, help="flags stored in PostgreSQL (0: skip)")
    parser.add_argument(
        "--ingest-flags", type=int, default=20_000, help="the last flags, ingested as the consumer does"
    )
    parser.add_argument("--base-flags", type=int, default=100_000, help="flags ingested before copies are made")
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args()

    from workbench.db import make_engine

    if not args.skip_sqlite:
        with tempfile.TemporaryDirectory(prefix="precwatch-bench-") as folder:
            engine = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
            measure(engine, args.flags, args.base_flags, args.ingest_flags, "SQLite")
            engine.dispose()
    if args.pg_flags:
        from devtools.local import free_port
        from tests.workbench.pgcluster import create_database, throwaway_postgres

        with throwaway_postgres(free_port()) as server:
            engine = make_engine(create_database(server, "bench"))
            measure(engine, args.pg_flags, args.base_flags, args.ingest_flags, "PostgreSQL")
            engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
