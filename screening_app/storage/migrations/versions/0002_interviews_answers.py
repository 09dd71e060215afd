"""Interview sessions and answers, saved one at a time.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "interview_sessions",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column(
            "case_id",
            sa.String(16),
            sa.ForeignKey("cases.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("form_id", sa.String(64), nullable=False),
        sa.Column("form_version", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("started", sa.String(32), nullable=False),
        sa.Column("ended", sa.String(32), nullable=True),
        sa.Column("interviewer_id", sa.Integer, sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("current_question", sa.String(64), nullable=True),
        sa.Column("row_version", sa.Integer, nullable=False, server_default="1"),
        sa.Column("languages_ct", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "answers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "session_id",
            sa.String(16),
            sa.ForeignKey("interview_sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("question_id", sa.String(64), nullable=False),
        sa.Column("answered_at", sa.String(32), nullable=False),
        sa.Column("recorded_by", sa.Integer, sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("row_version", sa.Integer, nullable=False, server_default="1"),
        sa.Column("value_ct", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_answers_session_question", "answers", ["session_id", "question_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_answers_session_question", table_name="answers")
    op.drop_table("answers")
    op.drop_table("interview_sessions")
