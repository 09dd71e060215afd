"""Sealed referral packets: one per (case, recipient), signed by the office.

``PacketExports.export`` checks, before anything is recorded, that the signed-in account
may export, that the case was approved, that the recipient has keys from a signed bundle and
that the person's consent covers the recipient (child-protection rules as the report applies
them). It then makes the report (``ReferralReports.prepare``, which records the export),
builds ``case.json`` from the consented fields, seals the packet into the outbox and, when
asked, copies it to another folder (a USB stick, a shared folder). Only when every file is
in place is the referral marked *sent* and the case *referred*, in one transaction with the
``packet.export`` audit entry. A failure on the way removes what was written, so no half
packet lies about and the referral stays unsent.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from screening_app.core.clock import utc_iso
from screening_app.core.errors import NotFoundError, ScreeningError, UsageError
from screening_app.core.files import write_atomically
from screening_app.core.records import CaseStatus
from screening_app.crypto.age import AgeRecipient
from screening_app.crypto.minisign import MinisignError, Signature
from screening_app.packets.format import AuditCheckpoint, FormRef
from screening_app.packets.seal import PacketContents, write_packet
from screening_app.services.case_record import CaseRecord, load_case_record
from screening_app.services.office_keys import office_sender
from screening_app.services.outbox import outbox_dir, outbox_packet
from screening_app.services.packet_fields import CaseExchange, case_exchange
from screening_app.services.recipients import RecipientDirectory, RecipientEntry
from screening_app.services.referral_content import check_consent
from screening_app.services.referral_report import EXPORTABLE, PREPARED, ReferralReports
from screening_app.services.roles import Capability
from screening_app.services.trust import accepted_fields
from screening_app.services.vault import Vault
from screening_app.storage.models import AuditEntry, Case, Referral
from screening_app.storage.models import Recipient as RecipientRow
from screening_app.storage.repositories import CaseRepository

SENT = "sent"
DELIVERED = "delivered"
REFUSED = "refused"  # the intake answered with a rejection receipt


@dataclass(frozen=True)
class ExportedPacket:
    path: Path
    packet_id: str
    sha256: str
    outbox_path: Path
    recipient_id: str
    referral_id: int
    size: int

    def to_json(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "packet_id": self.packet_id,
            "sha256": self.sha256,
            "outbox": str(self.outbox_path),
            "recipient": self.recipient_id,
            "referral": self.referral_id,
            "bytes": self.size,
        }


@dataclass(frozen=True)
class _Plan:
    recipient: RecipientEntry
    age_recipient: AgeRecipient
    exchange: CaseExchange
    forms: tuple[FormRef, ...]


def no_keys_message(recipient_id: str) -> str:
    return (
        f"recipient {recipient_id} has no keys yet: import a key bundle signed by the NRM "
        "root (`screening-app recipients add BUNDLE.json`)"
    )


def _forms(record: CaseRecord) -> tuple[FormRef, ...]:
    found = dict.fromkeys(FormRef(s.form_id, s.form_version) for s in record.sessions)
    if not found:
        raise UsageError(f"case {record.case_id} has no interview: there is nothing to refer")
    return tuple(found)


def audit_checkpoint(session: Session, at: str) -> AuditCheckpoint:
    """The audit chain's length and head hash, as a packet records them."""
    count = session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
    head = session.execute(
        select(AuditEntry.entry_hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).scalar()
    return AuditCheckpoint(int(count), head or "0" * 64, at)


class PacketExports:
    """Packet exports for one signed-in supervisor."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.reports = ReferralReports(vault)

    def export(
        self,
        case_id: str,
        recipient_id: str,
        out_dir: Path | None = None,
        language: str | None = None,
        *,
        again: bool = False,
    ) -> ExportedPacket:
        """Seal the packet into the outbox (and copy it to ``out_dir``); mark it sent.

        A packet already sent to this recipient and still waiting for its receipt is not
        sealed twice (the intake would hold two referrals of one person) unless ``again``
        says the first one was lost.
        """
        self.vault.require(Capability.EXPORT)
        recipient = RecipientDirectory(self.vault).get(recipient_id)
        plan = self._plan(case_id, recipient, again)
        sender = office_sender(self.vault)
        outbox = outbox_dir(self.vault.workspace.path)
        prepared = self.reports.prepare(case_id, recipient_id, language)
        with self.vault.read() as session:
            checkpoint = audit_checkpoint(session, utc_iso(self.vault.clock.now()))
        contents = PacketContents(
            case_id, plan.exchange.fields, plan.exchange.scope, plan.forms, prepared.pdf, checkpoint
        )
        path = write_packet(outbox, contents, sender, recipient.id, plan.age_recipient)
        written = [path]
        try:
            data = path.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            if out_dir is not None:
                written.append(_copy(data, out_dir, path.name))
            self._mark_sent(prepared.referral_id, case_id, recipient.id, path.stem, digest)
        except BaseException:
            for made in written:
                made.unlink(missing_ok=True)
            raise
        return ExportedPacket(
            written[-1], path.stem, digest, path, recipient.id, prepared.referral_id, len(data)
        )

    def _refuse_if_waiting(self, session: Session, case_id: str, recipient_id: str) -> None:
        query = (
            select(Referral.packet_id)
            .where(
                Referral.case_id == case_id,
                Referral.recipient_id == recipient_id,
                Referral.status == SENT,
            )
            .order_by(Referral.id.desc())
            .limit(1)
        )
        waiting = session.execute(query).scalar()
        if waiting is None:
            return
        path = outbox_packet(self.vault.workspace.path, waiting)
        where = f"its file is still in the outbox: {path}" if path.exists() else "its file is gone"
        raise UsageError(
            f"case {case_id} was already sent to {recipient_id} (packet {waiting}) and waits for "
            f"its receipt; {where}. Copy that file again, or seal a new packet only if the "
            "first was lost (`packet export --again`)"
        )

    def _plan(self, case_id: str, recipient: RecipientEntry, again: bool) -> _Plan:
        """Every check that can refuse the export, made before anything is recorded."""
        with self.vault.read() as session:
            case = session.get(Case, case_id)
            if case is None:
                raise NotFoundError(f"no case with id {case_id}")
            if case.status not in EXPORTABLE:
                raise UsageError(
                    f"case {case_id} is {case.status}: a supervisor approves it before any "
                    "packet is sent"
                )
            accepted = accepted_fields(session, recipient.id)
            if recipient.age_recipient is None or accepted is None:
                raise UsageError(no_keys_message(recipient.id))
            record = load_case_record(self.vault, session, case_id)
            if not again:
                self._refuse_if_waiting(session, case_id, recipient.id)
        if record.assessment is None:
            raise UsageError(f"case {case_id} has no stored assessment: it cannot be referred yet")
        check_consent(record, recipient)
        return _Plan(
            recipient,
            AgeRecipient.parse(recipient.age_recipient),
            case_exchange(record, recipient, accepted),
            _forms(record),
        )

    def _mark_sent(
        self, referral_id: int, case_id: str, recipient_id: str, packet_id: str, digest: str
    ) -> None:
        detail: dict[str, str | int | bool | None] = {
            "packet": packet_id,
            "recipient": recipient_id,
            "sha256": digest,
            "referral": referral_id,
        }
        with self.vault.write("packet.export", case_id, detail) as session:
            referral = session.get(Referral, referral_id)
            if referral is None or referral.status != PREPARED:
                raise ScreeningError(
                    f"referral {referral_id} changed while the packet was made: export again"
                )
            referral.status = SENT
            referral.packet_id = packet_id
            referral.packet_sha256 = digest
            referral.sent_at = utc_iso(self.vault.clock.now())
            self._mark_referred(session, case_id)

    def _mark_referred(self, session: Session, case_id: str) -> None:
        repo = CaseRepository(session)
        case = repo.get(case_id)
        if case is None or case.status != CaseStatus.APPROVED.value:
            return
        cipher = self.vault.case_cipher(case.id, case.wrapped_case_key)
        summary = repo.read_summary(case, cipher)  # sealed with the row version: re-seal it
        case.row_version += 1
        case.updated = utc_iso(self.vault.clock.now())
        case.status = CaseStatus.REFERRED.value
        repo.write_summary(case, cipher, summary)


def _copy(data: bytes, out_dir: Path, name: str) -> Path:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ScreeningError(
            f"cannot create the folder {out_dir}: {exc.strerror}; choose another folder "
            "(the packet stays unsent)"
        ) from None
    target = out_dir / name
    try:
        write_atomically(target, data, "the packet")
    except ScreeningError as exc:
        raise ScreeningError(
            f"{exc.message}; check the folder or disk and export again (the packet stays unsent)"
        ) from None
    return target


# -- where each referral stands ------------------------------------------------------------------
@dataclass(frozen=True)
class ReferralState:
    """One referral of a case as the screens show it."""

    recipient_id: str
    recipient_name: str
    status: str  # prepared | sent | delivered | refused
    sent_at: str | None
    delivered_at: str | None
    packet_id: str | None
    reason: str | None = None  # the intake's reason, for a refused packet

    def describe(self) -> str:
        """Plain English (the interface translates it)."""
        name = self.recipient_name
        if self.status == SENT:
            return f"sent to {name} on {_day(self.sent_at)}, awaiting receipt"
        if self.status == DELIVERED:
            return f"delivered to {name} on {_day(self.delivered_at)}"
        if self.status == REFUSED:
            return f"refused by {name} on {_day(self.delivered_at)}: {self.reason}"
        return f"report prepared for {name}, not sent yet"

    def to_json(self) -> dict[str, str | None]:
        return {
            "recipient": self.recipient_id,
            "status": self.status,
            "sent_at": self.sent_at,
            "delivered_at": self.delivered_at,
            "packet_id": self.packet_id,
            "reason": self.reason,
            "description": self.describe(),
        }


def _day(stamp: str | None) -> str:
    return stamp[:10] if stamp else "an unknown date"


def _refusal_reason(receipt: bytes | None) -> str | None:
    """The reason in a stored rejection receipt (verified when it was imported)."""
    if not receipt:
        return None
    try:
        value = json.loads(Signature.parse(receipt).trusted_comment)
    except (MinisignError, ValueError):
        return None
    reason = value.get("reason") if isinstance(value, dict) else None
    return str(reason) if reason else None


def referral_states(vault: Vault, case_id: str) -> list[ReferralState]:
    """Every referral of the case, oldest first."""
    vault.require(Capability.VIEW_CASE)
    query = (
        select(Referral, RecipientRow.name)
        .join(RecipientRow, RecipientRow.id == Referral.recipient_id)
        .where(Referral.case_id == case_id)
        .order_by(Referral.id)
    )
    with vault.read() as session:
        rows = session.execute(query).all()
        return [
            ReferralState(
                referral.recipient_id,
                name,
                referral.status,
                referral.sent_at,
                referral.delivered_at,
                referral.packet_id,
                _refusal_reason(referral.receipt) if referral.status == REFUSED else None,
            )
            for referral, name in rows
        ]


def sent_referrals(session: Session) -> list[Referral]:
    """Referrals sent and still waiting for their receipt, oldest first."""
    query = select(Referral).where(Referral.status == SENT).order_by(Referral.id)
    return list(session.execute(query).scalars())
