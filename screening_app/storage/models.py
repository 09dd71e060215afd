"""SQLAlchemy models of the field workspace.

Plaintext columns are limited to ids, timestamps, status, form id/version, question ids and
wrapped keys. Every other value is an AES-GCM ciphertext (``*_ct`` columns) whose associated
data names table, column, row id and ``row_version``.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class WorkspaceMeta(Base):
    """Plain facts about the workspace (its id, when it was made, KDF defaults...)."""

    __tablename__ = "workspace_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(512))


class RecoveryKey(Base):
    """The workspace data key wrapped under the recovery key (one row)."""

    __tablename__ = "recovery_keys"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    wrapped_data_key: Mapped[bytes] = mapped_column(LargeBinary)
    key_check: Mapped[bytes] = mapped_column(LargeBinary)
    created: Mapped[str] = mapped_column(String(32))


class Account(Base):
    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    kdf: Mapped[str] = mapped_column(String(64))
    salt: Mapped[bytes] = mapped_column(LargeBinary)
    wrapped_data_key: Mapped[bytes] = mapped_column(LargeBinary)
    key_check: Mapped[bytes] = mapped_column(LargeBinary)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[str | None] = mapped_column(String(32), nullable=True)
    locked: Mapped[int] = mapped_column(Integer, default=0)
    disabled: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[str] = mapped_column(String(32))
    password_changed: Mapped[str] = mapped_column(String(32))


class Case(Base):
    __tablename__ = "cases"
    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    status: Mapped[str] = mapped_column(String(24), index=True)
    created: Mapped[str] = mapped_column(String(32), index=True)
    updated: Mapped[str] = mapped_column(String(32))
    created_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    row_version: Mapped[int] = mapped_column(Integer, default=1)
    wrapped_case_key: Mapped[bytes] = mapped_column(LargeBinary)
    summary_ct: Mapped[bytes] = mapped_column(LargeBinary)
    retention_until: Mapped[str | None] = mapped_column(String(32), nullable=True)
    is_demo: Mapped[int] = mapped_column(Integer, default=0)


class Person(Base):
    """The person a case is about. One row per case; every field is encrypted."""

    __tablename__ = "persons"
    case_id: Mapped[str] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    row_version: Mapped[int] = mapped_column(Integer, default=1)
    names_ct: Mapped[bytes] = mapped_column(LargeBinary)
    aliases_ct: Mapped[bytes] = mapped_column(LargeBinary)
    birth_ct: Mapped[bytes] = mapped_column(LargeBinary)
    nationality_ct: Mapped[bytes] = mapped_column(LargeBinary)
    languages_ct: Mapped[bytes] = mapped_column(LargeBinary)
    gender_ct: Mapped[bytes] = mapped_column(LargeBinary)
    # Relationships are declared so a flush writes parents before children; code sets the
    # foreign key columns directly and never loads through them.
    case: Mapped[Case] = relationship(lazy="raise")


class InterviewSession(Base):
    __tablename__ = "interview_sessions"
    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    form_id: Mapped[str] = mapped_column(String(64))
    form_version: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    started: Mapped[str] = mapped_column(String(32))
    ended: Mapped[str | None] = mapped_column(String(32), nullable=True)
    interviewer_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    current_question: Mapped[str | None] = mapped_column(String(64), nullable=True)
    row_version: Mapped[int] = mapped_column(Integer, default=1)
    languages_ct: Mapped[bytes] = mapped_column(LargeBinary)
    case: Mapped[Case] = relationship(lazy="raise")


class Answer(Base):
    """One answer as given. Append-only: a corrected answer is a new row; the latest wins."""

    __tablename__ = "answers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("interview_sessions.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(64))
    answered_at: Mapped[str] = mapped_column(String(32))
    recorded_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    row_version: Mapped[int] = mapped_column(Integer, default=1)
    value_ct: Mapped[bytes] = mapped_column(LargeBinary)
    interview: Mapped[InterviewSession] = relationship(lazy="raise")
    __table_args__ = (Index("ix_answers_session_question", "session_id", "question_id", "id"),)


class AuditEntry(Base):
    """Append-only, hash-chained. Never holds case content: ids and event names only."""

    __tablename__ = "audit_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(48))
    case_id: Mapped[str | None] = mapped_column(String(16), nullable=True)
    detail: Mapped[str] = mapped_column(String(1024))
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64))
    __table_args__ = (UniqueConstraint("entry_hash"),)


class AuditAnchor(Base):
    """The newest audit head, authenticated with a key derived from the data key.

    A plain hash chain shows edits, removals and reordering; the anchor also shows a
    truncated tail or a chain rewritten from scratch, to anyone holding a password.
    """

    __tablename__ = "audit_anchor"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    entry_hash: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str] = mapped_column(String(64))


class Recipient(Base):
    """An agency a referral can go to. Agency names and keys are not personal data."""

    __tablename__ = "recipients"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    languages: Mapped[str] = mapped_column(String(200))  # JSON list of language codes
    allowed_fields: Mapped[str] = mapped_column(String(2000))  # JSON list of field ids
    contact: Mapped[str] = mapped_column(String(300), default="")
    age_recipient: Mapped[str | None] = mapped_column(String(128), nullable=True)
    ed25519_public: Mapped[str | None] = mapped_column(String(128), nullable=True)
    fingerprint: Mapped[str | None] = mapped_column(String(128), nullable=True)
    source: Mapped[str] = mapped_column(String(128))
    added: Mapped[str] = mapped_column(String(32))


class TrustedRoot(Base):
    """The NRM root key whose signature a recipient bundle must carry."""

    __tablename__ = "trusted_roots"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_key: Mapped[str] = mapped_column(String(256))
    key_id: Mapped[str] = mapped_column(String(32))
    fingerprint: Mapped[str] = mapped_column(String(128))
    added: Mapped[str] = mapped_column(String(32))


class OfficeKey(Base):
    """The field office's signing (Ed25519) and age (X25519) keys, wrapped by the data key."""

    __tablename__ = "office_keys"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    purpose: Mapped[str] = mapped_column(String(16), unique=True)  # "signing" | "age"
    public: Mapped[str] = mapped_column(String(256))
    key_id: Mapped[str] = mapped_column(String(32))
    wrapped_secret: Mapped[bytes] = mapped_column(LargeBinary)
    created: Mapped[str] = mapped_column(String(32))


class StoredAssessment(Base):
    """The engine's result for a case at one point in time, and any supervisor override.

    Both stay on record: ``result_ct`` is never rewritten, an override is added beside it.
    """

    __tablename__ = "assessments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    created: Mapped[str] = mapped_column(String(32))
    created_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    rules_version: Mapped[str] = mapped_column(String(64))
    row_version: Mapped[int] = mapped_column(Integer, default=1)
    result_ct: Mapped[bytes] = mapped_column(LargeBinary)
    override_ct: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    case: Mapped[Case] = relationship(lazy="raise")


class ReviewEvent(Base):
    """A supervisor's decision on a case: approve, return (with comment) or override."""

    __tablename__ = "review_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    at: Mapped[str] = mapped_column(String(32))
    by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    action: Mapped[str] = mapped_column(String(16))
    row_version: Mapped[int] = mapped_column(Integer, default=1)
    comment_ct: Mapped[bytes] = mapped_column(LargeBinary)
    case: Mapped[Case] = relationship(lazy="raise")


class Referral(Base):
    """One (case, recipient) referral: report exported, packet sealed, receipt received."""

    __tablename__ = "referrals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    recipient_id: Mapped[str] = mapped_column(ForeignKey("recipients.id"))
    status: Mapped[str] = mapped_column(String(16))  # prepared | sent | delivered
    created: Mapped[str] = mapped_column(String(32))
    packet_id: Mapped[str | None] = mapped_column(String(32), nullable=True, unique=True)
    packet_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    sent_at: Mapped[str | None] = mapped_column(String(32), nullable=True)
    delivered_at: Mapped[str | None] = mapped_column(String(32), nullable=True)
    receipt: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    case: Mapped[Case] = relationship(lazy="raise")
