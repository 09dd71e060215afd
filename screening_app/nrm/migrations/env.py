"""Alembic environment for the intake database: driven from code with a live connection."""

from __future__ import annotations

from alembic import context

from screening_app.nrm.models import NrmBase

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=NrmBase.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    transaction_per_migration=True,
)
with context.begin_transaction():
    context.run_migrations()
