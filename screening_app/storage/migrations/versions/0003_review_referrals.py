"""Recipient directory, office keys, stored assessments, review decisions and referrals.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _case_fk() -> sa.Column[str]:
    return sa.Column(
        "case_id",
        sa.String(16),
        sa.ForeignKey("cases.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


def upgrade() -> None:
    op.create_table(
        "recipients",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("languages", sa.String(200), nullable=False),
        sa.Column("allowed_fields", sa.String(2000), nullable=False),
        sa.Column("contact", sa.String(300), nullable=False),
        sa.Column("age_recipient", sa.String(128), nullable=True),
        sa.Column("ed25519_public", sa.String(128), nullable=True),
        sa.Column("fingerprint", sa.String(128), nullable=True),
        sa.Column("source", sa.String(128), nullable=False),
        sa.Column("added", sa.String(32), nullable=False),
    )
    op.create_table(
        "trusted_roots",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("public_key", sa.String(256), nullable=False),
        sa.Column("key_id", sa.String(32), nullable=False),
        sa.Column("fingerprint", sa.String(128), nullable=False),
        sa.Column("added", sa.String(32), nullable=False),
    )
    op.create_table(
        "office_keys",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("purpose", sa.String(16), nullable=False, unique=True),
        sa.Column("public", sa.String(256), nullable=False),
        sa.Column("key_id", sa.String(32), nullable=False),
        sa.Column("wrapped_secret", sa.LargeBinary, nullable=False),
        sa.Column("created", sa.String(32), nullable=False),
    )
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer, primary_key=True),
        _case_fk(),
        sa.Column("created", sa.String(32), nullable=False),
        sa.Column("created_by", sa.Integer, sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("rules_version", sa.String(64), nullable=False),
        sa.Column("row_version", sa.Integer, nullable=False, server_default="1"),
        sa.Column("result_ct", sa.LargeBinary, nullable=False),
        sa.Column("override_ct", sa.LargeBinary, nullable=True),
    )
    op.create_table(
        "review_events",
        sa.Column("id", sa.Integer, primary_key=True),
        _case_fk(),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("by", sa.Integer, sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("row_version", sa.Integer, nullable=False, server_default="1"),
        sa.Column("comment_ct", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "referrals",
        sa.Column("id", sa.Integer, primary_key=True),
        _case_fk(),
        sa.Column("recipient_id", sa.String(64), sa.ForeignKey("recipients.id"), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created", sa.String(32), nullable=False),
        sa.Column("packet_id", sa.String(32), nullable=True, unique=True),
        sa.Column("packet_sha256", sa.String(64), nullable=True),
        sa.Column("sent_at", sa.String(32), nullable=True),
        sa.Column("delivered_at", sa.String(32), nullable=True),
        sa.Column("receipt", sa.LargeBinary, nullable=True),
    )


def downgrade() -> None:
    for table in (
        "referrals",
        "review_events",
        "assessments",
        "office_keys",
        "trusted_roots",
        "recipients",
    ):
        op.drop_table(table)
