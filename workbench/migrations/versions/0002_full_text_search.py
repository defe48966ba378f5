"""search words in a full-text index; severity and watchlist version as terms

Search words leave the terms table for the database's full-text index (an FTS5 table on SQLite, a
GIN index over an array column on PostgreSQL); severity and watchlist version become terms;
declarations and traders are found through their words: five indexes on flags go. Flags stored
already are converted from their raw messages.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# FTS5 (external content would tie the index to the flags table's implicit rowids, which VACUUM may
# renumber): the flag id is stored with its words; no column sizes (they only serve ranking). The words are made by workbench.extract already
# split and case-folded; unicode61 without diacritic removal keeps them as they are.
CREATE_FTS = "CREATE VIRTUAL TABLE flag_words USING fts5(flag_id UNINDEXED, words, tokenize='unicode61 remove_diacritics 0', columnsize=0)"
DROPPED_INDEXES = (
    "ix_flags_severity_time",
    "ix_flags_version_time",
    "ix_flags_declaration",
    "ix_flags_consignor",
    "ix_flags_consignee",
)
CREATE_TRIGGER = (
    "CREATE TRIGGER flags_words_insert AFTER INSERT ON flags BEGIN "
    "INSERT INTO flag_words (flag_id, words) VALUES (new.flag_id, new.words); END"
)


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    with op.batch_alter_table("flags", schema=None) as batch_op:
        for index in DROPPED_INDEXES:
            batch_op.drop_index(index)
        batch_op.add_column(
            sa.Column(
                "words",
                sa.Text().with_variant(ARRAY(sa.Text()), "postgresql"),
                nullable=False,
                server_default=sa.text("'{}'") if postgres else sa.text("''"),
            )
        )
    _convert_stored_flags(postgres)
    if postgres:
        op.create_index("ix_flags_words", "flags", ["words"], unique=False, postgresql_using="gin")
    else:
        op.execute(CREATE_FTS)
        op.execute("INSERT INTO flag_words (flag_id, words) SELECT flag_id, words FROM flags")
        op.execute(CREATE_TRIGGER)


def _convert_stored_flags(postgres: bool) -> None:
    """Words and the new terms from each stored flag's raw message; the word rows of the terms table go."""
    import orjson

    from workbench.extract import flag_terms, search_words

    bind = op.get_bind()
    flags = sa.table("flags", sa.column("flag_id"), sa.column("occurred_at"), sa.column("raw"), sa.column("words"))
    terms = sa.table("flag_terms", sa.column("term"), sa.column("occurred_at"), sa.column("flag_id"))
    bind.execute(terms.delete().where(~terms.c.term.contains(":")))
    after = ""
    while True:
        batch = list(
            bind.execute(
                sa.select(flags.c.flag_id, flags.c.occurred_at, flags.c.raw)
                .where(flags.c.flag_id > after)
                .order_by(flags.c.flag_id)
                .limit(1000)
            )
        )
        if not batch:
            return
        for flag_id, occurred_at, raw in batch:
            message = orjson.loads(raw)
            words = search_words(message)
            bind.execute(
                flags.update().where(flags.c.flag_id == flag_id).values(words=words if postgres else " ".join(words))
            )
            new_terms = [t for t in flag_terms(message) if t.startswith(("severity:", "version:"))]
            if new_terms:
                bind.execute(
                    terms.insert(), [{"term": t, "occurred_at": occurred_at, "flag_id": flag_id} for t in new_terms]
                )
        after = batch[-1][0]


def downgrade() -> None:
    # Back to the old layout without re-deriving its word terms: the tables that come from the
    # topics are emptied with their offsets, and the consumer reads the topics again.
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.drop_index("ix_flags_words", table_name="flags", postgresql_using="gin")
    else:
        op.execute("DROP TRIGGER flags_words_insert")
        op.execute("DROP TABLE flag_words")
    for table in ("flag_terms", "flags", "repository", "dead_letters", "case_events", "consumed_offsets"):
        op.execute(f"DELETE FROM {table}")
    with op.batch_alter_table("flags", schema=None) as batch_op:
        batch_op.drop_column("words")
        batch_op.create_index("ix_flags_consignee", ["consignee_key", "occurred_at"], unique=False)
        batch_op.create_index("ix_flags_consignor", ["consignor_key", "occurred_at"], unique=False)
        batch_op.create_index("ix_flags_declaration", ["declaration_id"], unique=False)
        batch_op.create_index("ix_flags_version_time", ["watchlist_version", "occurred_at", "flag_id"], unique=False)
        batch_op.create_index("ix_flags_severity_time", ["severity", "occurred_at", "flag_id"], unique=False)
