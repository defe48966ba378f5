"""The plan PostgreSQL makes for a rare-word search with a million flags stored (docs/workbench.md).

Fills a throw-away cluster (tests/workbench/pgcluster.py; needs Debian's postgresql) with a million
synthetic flag rows made in SQL (every tenth shares a declaration word, so a declaration matches ten
flags), runs VACUUM ANALYZE, and prints EXPLAIN ANALYZE of the workbench's query for one declaration
word, next to the query without the CTE (the words condition with the flags' time order).

    PYTHONPATH=. python benchmarks/pg_rare_word_plan.py [--rows 1000000]
"""

import argparse
import socket
import time

from sqlalchemy import select, text
from sqlalchemy.dialects import postgresql

from tests.workbench.pgcluster import create_database, throwaway_postgres
from workbench.db import make_engine, migrate
from workbench.models import FlagRecord
from workbench.store import LIST_COLUMNS, FlagFilter, _words_match, flags_query

FILL = """
insert into flags (flag_id, occurred_at, severity, severity_rank, score, method, category, entry_id, entry_name,
  substance_name, inchikey, structure_key, declaration_id, event_id, consignor_key, consignee_key, cn_code,
  watchlist_version, summary, case_status, assignee, raw, words)
select md5(i::text), timestamp '2026-01-01' + (i || ' seconds')::interval * 30, 'high', 3, 0.7, 'exact', '1',
  'EU1-BMK', 'BMK', 'BMK', 'K', 'K', 'D' || (i / 10), 'e' || i, 'eori:x', 'eori:y', '29143100', 'v1', 's', '', '',
  '{}', array['piperidine', 'bmk', 'phenylacetone', 'w' || (i % 1000), 'd' || (i / 10), 'e' || (i % 50000)]
from generate_series(1, :rows) i
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    word = f"d{args.rows // 23}"
    with throwaway_postgres(free_port()) as server:
        engine = make_engine(create_database(server, "plan"))
        migrate(engine)
        with engine.begin() as connection:
            started = time.perf_counter()
            connection.execute(text(FILL), {"rows": args.rows})
            print(f"{args.rows} rows in {time.perf_counter() - started:.1f} s")
        with engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE flags"))
        without_cte = (
            select(*LIST_COLUMNS)
            .where(_words_match([word], "postgresql", False))
            .order_by(FlagRecord.occurred_at.desc(), FlagRecord.flag_id.desc())
        )
        workbench = flags_query(FlagFilter(text=word), None, dialect="postgresql", common_words=False)
        with engine.connect() as connection:
            for label, query in (("without the CTE", without_cte), ("the workbench's query", workbench)):
                sql = query.limit(51).compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True})
                plan = connection.execute(text(f"EXPLAIN ANALYZE {sql}")).all()
                print(f"== {label}")
                print("\n".join(row[0] for row in plan))


if __name__ == "__main__":
    main()
