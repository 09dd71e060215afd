"""Alembic environment: always driven from code with a live connection (never from a URL)."""

from __future__ import annotations

from alembic import context

from screening_app.storage.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transaction_per_migration=True,
)
with context.begin_transaction():
    context.run_migrations()
