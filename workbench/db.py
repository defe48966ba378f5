"""Engine and schema: one code path for SQLite (the default, a file) and PostgreSQL (psycopg)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event

from pipeline.errors import ConfigError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def default_db_url(data_dir: str | None) -> str:
    folder = Path(data_dir) if data_dir else Path.cwd()
    return f"sqlite:///{folder / 'workbench.db'}"


def make_engine(url: str) -> Engine:
    """An engine for a sqlite:/// or postgresql+psycopg:// URL (other drivers are refused: only these
    two are tested)."""
    if url.startswith("sqlite:"):
        if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if url.startswith(("postgresql+psycopg:", "postgresql:")):
        return create_engine(
            url.replace("postgresql:", "postgresql+psycopg:", 1) if url.startswith("postgresql:") else url,
            pool_pre_ping=True,
        )
    raise ConfigError(
        f"unsupported database URL scheme in {url.split(':', 1)[0]!r}: use sqlite:/// or postgresql+psycopg://"
    )


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # WAL: the web server reads while the consumer writes, without either waiting on the other.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # 256 MiB of page cache: the terms index takes writes all over its key range.
    cursor.execute("PRAGMA cache_size=-262144")
    cursor.close()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to the newest migration (creates it in an empty database), or to ``revision``."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        if revision == "head" or _is_ahead(connection, revision):
            command.upgrade(config, revision)
        else:
            command.downgrade(config, revision)


def _is_ahead(connection, revision: str) -> bool:
    from alembic.migration import MigrationContext

    current = MigrationContext.configure(connection).get_current_revision()
    return current is None or current < revision
