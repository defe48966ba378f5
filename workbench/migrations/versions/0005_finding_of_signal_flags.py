"""flags without a chemistry finding say what they found in the list

A follow-up flag (SPLIT_SHIPMENT, SYNTHESIS_KIT, NEW_TRADER, SUPPLIER_CHANGE, REPEAT_MASK) and a flag
resting on its signals alone have no match, so their method and entry-name columns, which the list's
Finding column shows, were empty. ``workbench.extract.flag_row`` now fills them ('follow-up' or
'signal', and the signal in words); the flags stored already get the same from their raw messages.
No schema change.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

FLAGS = sa.table("flags", sa.column("flag_id"), sa.column("method"), sa.column("entry_name"), sa.column("raw"))


def upgrade() -> None:
    import orjson

    from workbench.extract import signal_finding

    bind = op.get_bind()
    # Only flags without a match have an empty method: a few in a hundred, read in pages by id.
    after = ""
    while True:
        batch = list(
            bind.execute(
                sa.select(FLAGS.c.flag_id, FLAGS.c.raw)
                .where(FLAGS.c.method == "", FLAGS.c.flag_id > after)
                .order_by(FLAGS.c.flag_id)
                .limit(1000)
            )
        )
        if not batch:
            return
        for flag_id, raw in batch:
            method, finding = signal_finding(orjson.loads(raw))
            if method:
                bind.execute(
                    FLAGS.update()
                    .where(FLAGS.c.flag_id == flag_id)
                    .values(method=method[:32], entry_name=finding[:300])
                )
        after = batch[-1][0]


def downgrade() -> None:
    # What the code before showed: nothing in these columns for a flag without a match.
    op.execute("UPDATE flags SET method = '', entry_name = '' WHERE method IN ('follow-up', 'signal')")
