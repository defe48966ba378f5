"""Workbench fixtures: flags from the bundled example stream, and stores on SQLite and on a real
PostgreSQL server (a throw-away cluster started here with Debian's initdb/pg_ctl)."""

from __future__ import annotations

import uuid
from functools import cache

import pytest


@cache
def example_flags() -> tuple[dict, ...]:
    """The flags of devtools/data/transactions.jsonl, screened offline (about 50, every severity)."""
    from chemistry.watchlist import load_watchlist
    from devtools.generate import default_examples_path
    from pipeline.decode import decode_lines
    from pipeline.screening import Screener
    from pipeline.settings import Settings

    screener = Screener(load_watchlist(), Settings())
    flags = []
    with default_examples_path().open("rb") as fh:
        for _, decoded in decode_lines(fh):
            if decoded.event is not None:
                flags += [f.model_dump(mode="json") for f in screener.screen_event(decoded.event)]
    return tuple(flags)


@cache
def example_follow_ups() -> tuple[dict, ...]:
    """The follow-up flags the consignment intelligence raises on the same stream, replayed offline in
    input order (what the demo's worker publishes): SPLIT_SHIPMENT, SYNTHESIS_KIT, NEW_TRADER,
    SUPPLIER_CHANGE and REPEAT_MASK."""
    from cli.demo import replay_follow_ups
    from devtools.generate import default_examples_path

    return tuple(f.model_dump(mode="json") for f in replay_follow_ups(default_examples_path()))


@pytest.fixture(scope="session")
def postgres_url():
    """A PostgreSQL server of its own for the session (tests/workbench/pgcluster.py)."""
    from devtools.local import free_port
    from tests.workbench.pgcluster import throwaway_postgres

    with throwaway_postgres(free_port()) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    """A migrated, empty database of each kind."""
    from workbench.db import make_engine, migrate

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'workbench.db'}"
    else:
        from tests.workbench.pgcluster import create_database

        url = create_database(request.getfixturevalue("postgres_url"), f"t{uuid.uuid4().hex[:12]}")
    engine = make_engine(url)
    migrate(engine)
    yield engine
    engine.dispose()
