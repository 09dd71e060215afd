"""Intake settings, office keys and received referrals.

Revision ID: nrm0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "nrm0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "intake",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("intake_id", sa.String(64), nullable=False),
        sa.Column("signing_key_id", sa.String(16), nullable=False),
        sa.Column("age_recipient", sa.String(128), nullable=False),
        sa.Column("created", sa.String(32), nullable=False),
    )
    op.create_table(
        "offices",
        sa.Column("key_id", sa.String(16), primary_key=True),
        sa.Column("public_key", sa.String(128), nullable=False),
        sa.Column("fingerprint", sa.String(32), nullable=False),
        sa.Column("added", sa.String(32), nullable=False),
    )
    op.create_table(
        "referrals",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("packet_id", sa.String(32), nullable=False, unique=True),
        sa.Column("packet_sha256", sa.String(64), nullable=False, unique=True),
        sa.Column(
            "office_key_id",
            sa.String(16),
            sa.ForeignKey("offices.key_id"),
            nullable=False,
            index=True,
        ),
        sa.Column("office_id", sa.String(64), nullable=False),
        sa.Column("case_id", sa.String(64), nullable=False),
        sa.Column("created", sa.String(32), nullable=False),
        sa.Column("received", sa.String(32), nullable=False),
        sa.Column("forms", sa.Text, nullable=False),
        sa.Column("consent_scope", sa.Text, nullable=False),
        sa.Column("case_json", sa.LargeBinary, nullable=False),
        sa.Column("report_pdf", sa.LargeBinary, nullable=False),
        sa.Column("audit_checkpoint", sa.LargeBinary, nullable=False),
        sa.Column("manifest", sa.LargeBinary, nullable=False),
        sa.Column("manifest_sig", sa.LargeBinary, nullable=False),
        sa.Column("packet", sa.LargeBinary, nullable=False),
        sa.Column("receipt", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("referrals")
    op.drop_table("offices")
    op.drop_table("intake")
