"""Workbench fixtures: flags from the bundled example stream, and stores on SQLite and on a real
PostgreSQL server (a throw-away cluster started here with Debian's initdb/pg_ctl)."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

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


def postgres_bindir() -> Path:
    """Debian installs the server programs outside PATH, under /usr/lib/postgresql/<version>/bin."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).resolve().parent
    raise RuntimeError("PostgreSQL server programs not found: tests/run.sh installs Debian's postgresql")


@pytest.fixture(scope="session")
def postgres_url():
    """A PostgreSQL server of its own on a free port, in a temporary directory, for the session.

    The server refuses to run as root: as root (CI) the cluster belongs to the 'postgres' user that
    Debian's package creates, and its commands run through runuser."""
    from devtools.local import free_port

    bindir = postgres_bindir()
    root = Path(tempfile.mkdtemp(prefix="precwatch-pg-"))
    as_root = os.geteuid() == 0
    prefix: list[str] = []
    if as_root:
        shutil.chown(root, "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    data, sockets = root / "data", root
    port = free_port()

    def run(*args: str) -> None:
        subprocess.run(prefix + list(args), check=True, capture_output=True, timeout=120)

    run(str(bindir / "initdb"), "-D", str(data), "-U", "precwatch", "--auth=trust", "-E", "UTF8", "--no-sync")
    run(
        str(bindir / "pg_ctl"),
        "-D",
        str(data),
        "-l",
        str(root / "server.log"),
        "-w",
        "-t",
        "60",
        "-o",
        f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off",
        "start",
    )
    try:
        yield f"postgresql+psycopg://precwatch@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(prefix + [str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], timeout=60)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    """A migrated, empty database of each kind."""
    from sqlalchemy import text

    from workbench.db import make_engine, migrate

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'workbench.db'}"
    else:
        server = request.getfixturevalue("postgres_url")
        name = f"t{os.getpid()}_{abs(hash(request.node.nodeid)) % 10**9}"
        admin = make_engine(server)
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        url = server.rsplit("/", 1)[0] + "/" + name
    engine = make_engine(url)
    migrate(engine)
    yield engine
    engine.dispose()
