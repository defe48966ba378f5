"""The workbench database (SQLAlchemy 2 declarative models; the schema itself is made by the
Alembic migrations in workbench/migrations, which a test compares with these models).

Every table that comes from a topic keeps the message as received (``raw``, JSON text) next to the
columns it is searched by, so fields added by producers later are shown without a migration and
the database can be rebuilt from the topics.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Float, Index, Integer, String, Text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Terms are compared by code point (prefix ranges, exact facets): PostgreSQL's default collation
# follows the locale, which ignores punctuation and would let 'country:nl' sort among words.
TERM = String(80).with_variant(String(80, collation="C"), "postgresql")

# A flag's search words: on SQLite one space-separated text that the FTS5 table ``flag_words``
# indexes (contentless, filled by a trigger; made by the migrations, not by these models); on
# PostgreSQL an array of words under a GIN index.
WORDS = Text().with_variant(ARRAY(Text), "postgresql")
FULL_TEXT_TABLE = "flag_words"


def schema_filters(dialect: str) -> dict:
    """Alembic's include_name/include_object for comparing these models with a database: the FTS5
    table and its shadow tables on SQLite are the migrations' own, and the GIN index exists only on
    PostgreSQL."""

    def include_name(name, type_, parent_names) -> bool:
        return not (type_ == "table" and name and name.startswith(FULL_TEXT_TABLE))

    def include_object(obj, name, type_, reflected, compare_to) -> bool:
        return not (type_ == "index" and name == "ix_flags_words" and dialect != "postgresql")

    return {"include_name": include_name, "include_object": include_object}


class Base(DeclarativeBase):
    pass


class FlagRecord(Base):
    __tablename__ = "flags"

    flag_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(DateTime)
    screened_at: Mapped[datetime | None] = mapped_column(DateTime)
    severity: Mapped[str] = mapped_column(String(16))
    severity_rank: Mapped[int] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float)
    method: Mapped[str] = mapped_column(String(32))
    category: Mapped[str] = mapped_column(String(32))
    entry_id: Mapped[str] = mapped_column(String(100))
    entry_name: Mapped[str] = mapped_column(String(300))
    substance_name: Mapped[str] = mapped_column(String(300))
    inchikey: Mapped[str] = mapped_column(String(64))
    structure_key: Mapped[str] = mapped_column(String(200))
    declaration_id: Mapped[str] = mapped_column(String(200))
    event_id: Mapped[str] = mapped_column(String(200))
    consignor_key: Mapped[str] = mapped_column(String(200))
    consignee_key: Mapped[str] = mapped_column(String(200))
    cn_code: Mapped[str] = mapped_column(String(16))
    watchlist_version: Mapped[str] = mapped_column(String(100))
    summary: Mapped[str] = mapped_column(Text)
    case_status: Mapped[str] = mapped_column(String(16), default="open")
    assignee: Mapped[str] = mapped_column(String(100), default="")
    raw: Mapped[str] = mapped_column(Text)
    words: Mapped[str | list[str]] = mapped_column(WORDS)
    # SQLite: the row id of the flag's words in the FTS5 table (numbered by ingest_flags), so that a
    # search tests a flag's membership in a word's matches by the index's row ids alone. Empty on
    # PostgreSQL, whose index is over ``words`` itself.
    words_row: Mapped[int | None] = mapped_column(Integer, nullable=True)

    # Each index costs a write per flag, most of them at a random place: severity and watchlist
    # version are terms (flag_terms), and declarations and traders are found through the search
    # words (their ids and names are words), not through indexes of their own here.
    __table_args__ = (
        Index("ix_flags_time", "occurred_at", "flag_id"),
        Index("ix_flags_words", "words", postgresql_using="gin").ddl_if(dialect="postgresql"),
        Index("ix_flags_structure", "structure_key", "occurred_at"),
        Index("ix_flags_words_row", "words_row", unique=True),
    )


class FlagTerm(Base):
    """One facet term or search word of a flag; the key orders a term's flags newest first."""

    __tablename__ = "flag_terms"

    term: Mapped[str] = mapped_column(TERM, primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(DateTime, primary_key=True)
    flag_id: Mapped[str] = mapped_column(String(64), primary_key=True)

    # SQLite: the key is the table (no separate rowid tree): half the writes per term, and a
    # term's flags are read in key order straight from it.
    __table_args__ = {"sqlite_with_rowid": False}


class RepositoryEntry(Base):
    __tablename__ = "repository"

    record_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    structure_key: Mapped[str] = mapped_column(String(200), index=True)
    seen_at: Mapped[datetime | None] = mapped_column(DateTime)
    entry_id: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(300))
    raw: Mapped[str] = mapped_column(Text)


class DeadLetterRecord(Base):
    __tablename__ = "dead_letters"

    position: Mapped[str] = mapped_column(String(300), primary_key=True)  # topic/partition/offset
    received_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    reason_code: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text)
    raw: Mapped[str] = mapped_column(Text)


class CaseEvent(Base):
    """One change of a case (assign, acknowledge, dismiss, comment); from the cases topic."""

    __tablename__ = "case_events"

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    flag_id: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    username: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(32))
    assignee: Mapped[str] = mapped_column(String(100), default="")
    reason_code: Mapped[str] = mapped_column(String(64), default="")
    comment: Mapped[str] = mapped_column(Text, default="")


class ConsumedOffset(Base):
    """Where the consumer goes on: the next offset of each partition, written in the same
    transaction as the rows it read, so the database and its position never disagree."""

    __tablename__ = "consumed_offsets"

    topic: Mapped[str] = mapped_column(String(250), primary_key=True)
    partition: Mapped[int] = mapped_column(Integer, primary_key=True)
    next_offset: Mapped[int] = mapped_column(BigInteger)


class User(Base):
    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(100), primary_key=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    username: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(32))
    target: Mapped[str] = mapped_column(String(300))


class AppSecret(Base):
    """Keys the workbench makes itself (the session-signing key), shared by instances on one database."""

    __tablename__ = "app_secrets"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
