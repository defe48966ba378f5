"""each flag names its full-text row (SQLite): search membership by row id

A search for a common word tests each flag of the list's walk against the word's matches. With the
FTS5 row tied to the flag only through the stored flag id, SQLite read every match's flag id from
the FTS5 content table first; with the row id on the flag, the matches come from the index's
document lists alone. The flags table's own rowid is not used: VACUUM may renumber it.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

OLD_TRIGGER = (
    "CREATE TRIGGER flags_words_insert AFTER INSERT ON flags BEGIN "
    "INSERT INTO flag_words (flag_id, words) VALUES (new.flag_id, new.words); END"
)
NEW_TRIGGER = (
    "CREATE TRIGGER flags_words_insert AFTER INSERT ON flags BEGIN "
    "INSERT INTO flag_words (rowid, flag_id, words) VALUES (new.words_row, new.flag_id, new.words); END"
)


def upgrade() -> None:
    # PostgreSQL searches its GIN index over the flags' own words: the column stays empty there.
    postgres = op.get_bind().dialect.name == "postgresql"
    with op.batch_alter_table("flags", schema=None) as batch_op:
        batch_op.add_column(sa.Column("words_row", sa.Integer(), nullable=True))
    if not postgres:
        # The stored flags' rows are numbered anew and their full-text rows rewritten under those numbers.
        op.execute("UPDATE flags SET words_row = rowid")
    op.create_index("ix_flags_words_row", "flags", ["words_row"], unique=True)
    if not postgres:
        op.execute("DROP TRIGGER flags_words_insert")
        op.execute("DELETE FROM flag_words")
        op.execute("INSERT INTO flag_words (rowid, flag_id, words) SELECT words_row, flag_id, words FROM flags")
        op.execute(NEW_TRIGGER)


def downgrade() -> None:
    # The full-text rows keep their numbers: the old trigger lets new rows take the next free one.
    postgres = op.get_bind().dialect.name == "postgresql"
    if not postgres:
        op.execute("DROP TRIGGER flags_words_insert")
    op.drop_index("ix_flags_words_row", table_name="flags")
    with op.batch_alter_table("flags", schema=None) as batch_op:
        batch_op.drop_column("words_row")
    if not postgres:
        # After the column: SQLite's batch mode copies the table, which would drop the trigger.
        op.execute(OLD_TRIGGER)
