"""Accounts, keys, cases, persons and the audit chain.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workspace_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(512), nullable=False),
    )
    op.create_table(
        "recovery_keys",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("wrapped_data_key", sa.LargeBinary, nullable=False),
        sa.Column("key_check", sa.LargeBinary, nullable=False),
        sa.Column("created", sa.String(32), nullable=False),
    )
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("kdf", sa.String(64), nullable=False),
        sa.Column("salt", sa.LargeBinary, nullable=False),
        sa.Column("wrapped_data_key", sa.LargeBinary, nullable=False),
        sa.Column("key_check", sa.LargeBinary, nullable=False),
        sa.Column("failed_attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_failed_at", sa.String(32), nullable=True),
        sa.Column("locked", sa.Integer, nullable=False, server_default="0"),
        sa.Column("disabled", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created", sa.String(32), nullable=False),
        sa.Column("password_changed", sa.String(32), nullable=False),
    )
    op.create_table(
        "cases",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("status", sa.String(24), nullable=False, index=True),
        sa.Column("created", sa.String(32), nullable=False, index=True),
        sa.Column("updated", sa.String(32), nullable=False),
        sa.Column("created_by", sa.Integer, sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("row_version", sa.Integer, nullable=False, server_default="1"),
        sa.Column("wrapped_case_key", sa.LargeBinary, nullable=False),
        sa.Column("summary_ct", sa.LargeBinary, nullable=False),
        sa.Column("retention_until", sa.String(32), nullable=True),
        sa.Column("is_demo", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_table(
        "persons",
        sa.Column(
            "case_id",
            sa.String(16),
            sa.ForeignKey("cases.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("row_version", sa.Integer, nullable=False, server_default="1"),
        sa.Column("names_ct", sa.LargeBinary, nullable=False),
        sa.Column("aliases_ct", sa.LargeBinary, nullable=False),
        sa.Column("birth_ct", sa.LargeBinary, nullable=False),
        sa.Column("nationality_ct", sa.LargeBinary, nullable=False),
        sa.Column("languages_ct", sa.LargeBinary, nullable=False),
        sa.Column("gender_ct", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(48), nullable=False),
        sa.Column("case_id", sa.String(16), nullable=True),
        sa.Column("detail", sa.String(1024), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("entry_hash", sa.String(64), nullable=False, unique=True),
    )
    op.create_table(
        "audit_anchor",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("entry_hash", sa.String(64), nullable=False),
        sa.Column("mac", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    for table in (
        "audit_anchor",
        "audit_log",
        "persons",
        "cases",
        "accounts",
        "recovery_keys",
        "workspace_meta",
    ):
        op.drop_table(table)
