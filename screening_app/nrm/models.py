"""The intake's tables. Their own declarative base: the intake database is not a workspace.

Packets are stored with everything needed to answer again: the packet file as received
(still encrypted), its opened members and the receipt bytes sent back. ``packet_id`` and
``packet_sha256`` are unique, which is what keeps two importers from storing one packet
twice.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class NrmBase(DeclarativeBase):
    pass


class IntakeSettings(NrmBase):
    """One row: which intake this database belongs to (checked against the keys folder)."""

    __tablename__ = "intake"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    intake_id: Mapped[str] = mapped_column(String(64))
    signing_key_id: Mapped[str] = mapped_column(String(16))
    age_recipient: Mapped[str] = mapped_column(String(128))
    created: Mapped[str] = mapped_column(String(32))


class Office(NrmBase):
    """A field office's signing key. Only packets signed by a registered key are accepted."""

    __tablename__ = "offices"

    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(128))
    fingerprint: Mapped[str] = mapped_column(String(32))
    added: Mapped[str] = mapped_column(String(32))


class Referral(NrmBase):
    __tablename__ = "referrals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    packet_id: Mapped[str] = mapped_column(String(32), unique=True)
    packet_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    office_key_id: Mapped[str] = mapped_column(ForeignKey("offices.key_id"), index=True)
    office_id: Mapped[str] = mapped_column(String(64))
    case_id: Mapped[str] = mapped_column(String(64))
    created: Mapped[str] = mapped_column(String(32))
    received: Mapped[str] = mapped_column(String(32))
    forms: Mapped[str] = mapped_column(Text)
    consent_scope: Mapped[str] = mapped_column(Text)
    case_json: Mapped[bytes] = mapped_column(LargeBinary)
    report_pdf: Mapped[bytes] = mapped_column(LargeBinary)
    audit_checkpoint: Mapped[bytes] = mapped_column(LargeBinary)
    manifest: Mapped[bytes] = mapped_column(LargeBinary)
    manifest_sig: Mapped[bytes] = mapped_column(LargeBinary)
    packet: Mapped[bytes] = mapped_column(LargeBinary)
    receipt: Mapped[bytes] = mapped_column(LargeBinary)
