"""SQLite's full-text table keeps no copy of the words (contentless FTS5)

Searches read only the index's row ids (each flag names its row in ``words_row``), never the FTS5
table's stored columns: the copy of every flag's id and words it kept was written with each flag for
nothing. The words stay on the flags (``flags.words``), from which the index is filled here and by
the insert trigger. A contentless table cannot delete single rows: flags are never deleted one by
one, and emptying it (``store.forget_topics``) is its 'delete-all' command. PostgreSQL: no change.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TOKENIZE = "tokenize='unicode61 remove_diacritics 0'"
CONTENTLESS = f"CREATE VIRTUAL TABLE flag_words USING fts5(words, content='', {TOKENIZE}, columnsize=0)"
CONTENTLESS_TRIGGER = (
    "CREATE TRIGGER flags_words_insert AFTER INSERT ON flags BEGIN "
    "INSERT INTO flag_words (rowid, words) VALUES (new.words_row, new.words); END"
)
# As migrations 0002 and 0003 left them.
WITH_CONTENT = f"CREATE VIRTUAL TABLE flag_words USING fts5(flag_id UNINDEXED, words, {TOKENIZE}, columnsize=0)"
WITH_CONTENT_TRIGGER = (
    "CREATE TRIGGER flags_words_insert AFTER INSERT ON flags BEGIN "
    "INSERT INTO flag_words (rowid, flag_id, words) VALUES (new.words_row, new.flag_id, new.words); END"
)


def upgrade() -> None:
    _rebuild_full_text(
        CONTENTLESS, "INSERT INTO flag_words (rowid, words) SELECT words_row, words FROM flags", CONTENTLESS_TRIGGER
    )


def downgrade() -> None:
    _rebuild_full_text(
        WITH_CONTENT,
        "INSERT INTO flag_words (rowid, flag_id, words) SELECT words_row, flag_id, words FROM flags",
        WITH_CONTENT_TRIGGER,
    )


def _rebuild_full_text(create_table: str, fill: str, create_trigger: str) -> None:
    """SQLite's full-text table made anew in another layout and filled from the flags (PostgreSQL has none)."""
    if op.get_bind().dialect.name == "postgresql":
        return
    op.execute("DROP TRIGGER flags_words_insert")
    op.execute("DROP TABLE flag_words")
    op.execute(create_table)
    op.execute(fill)
    op.execute(create_trigger)
