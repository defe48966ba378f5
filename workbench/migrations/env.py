"""Alembic environment: run by workbench.store.migrate with an open connection (no alembic.ini)."""

from alembic import context

from workbench.models import Base, schema_filters

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    **schema_filters(connection.dialect.name),
)
with context.begin_transaction():
    context.run_migrations()
