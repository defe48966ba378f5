"""A throw-away PostgreSQL cluster in a temporary directory (the store tests and the workbench
benchmark): Debian's initdb and pg_ctl, a free port on 127.0.0.1, trust authentication, removed on exit.

The server refuses to run as root: as root (CI) the cluster belongs to the 'postgres' user that
Debian's package creates, and its commands run through runuser."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path


def postgres_bindir() -> Path:
    """Debian installs the server programs outside PATH, under /usr/lib/postgresql/<version>/bin."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).resolve().parent
    raise RuntimeError("PostgreSQL server programs not found: tests/run.sh installs Debian's postgresql")


@contextlib.contextmanager
def throwaway_postgres(port: int) -> Iterator[str]:
    """Yield the SQLAlchemy URL of the cluster's 'postgres' database (user 'precwatch')."""
    bindir = postgres_bindir()
    root = Path(tempfile.mkdtemp(prefix="precwatch-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    data = root / "data"

    def run(*args: str) -> None:
        done = subprocess.run(prefix + list(args), capture_output=True, timeout=120, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{Path(args[0]).name} failed: {done.stderr.decode(errors='replace')[-500:]}")

    try:
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
            f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        )
        try:
            yield f"postgresql+psycopg://precwatch@127.0.0.1:{port}/postgres"
        finally:
            subprocess.run(
                prefix + [str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                capture_output=True,
                timeout=60,
                check=False,
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)


def create_database(server_url: str, name: str) -> str:
    """A new empty database on the server; its URL."""
    from sqlalchemy import text

    from workbench.db import make_engine

    admin = make_engine(server_url)
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return server_url.rsplit("/", 1)[0] + "/" + name
