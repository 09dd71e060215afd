"""Referral reports from stored cases: preview for the supervisor, export as PDF.

Both go through ``referral_content.build_content``, so what the supervisor previews is what
the file holds. Only supervisors preview (``review``) and export (``export``); responders and
interpreters are refused. An export is recorded in the audit log (``report.export``: case,
recipient, languages, referral id, SHA-256 of the file) in the same transaction that adds or
reuses the case's ``referrals`` row for that recipient (status ``prepared``), and before the
file is written, so no disclosure can go unrecorded.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from screening_app.core.clock import utc_iso
from screening_app.core.errors import NotFoundError, UsageError
from screening_app.core.files import write_atomically
from screening_app.core.records import CaseStatus
from screening_app.reports import render_report_bytes
from screening_app.services.case_record import CaseRecord, load_case_record
from screening_app.services.office import office_settings, officer_for
from screening_app.services.recipients import RecipientDirectory, RecipientEntry
from screening_app.services.referral_content import ReferralContent, ReportSetting, build_content
from screening_app.services.roles import Capability
from screening_app.services.vault import Vault
from screening_app.storage.models import Case, Referral, ReviewEvent

# A referral document goes out only once a supervisor has approved the case.
EXPORTABLE = frozenset({CaseStatus.APPROVED.value, CaseStatus.REFERRED.value})
PREPARED = "prepared"


@dataclass(frozen=True)
class PreparedReport:
    """A report made for export: its content, the PDF bytes and the referral it belongs to."""

    content: ReferralContent
    pdf: bytes
    referral_id: int
    sha256: str


@dataclass(frozen=True)
class ExportedReport:
    prepared: PreparedReport
    path: Path

    def to_json(self) -> dict[str, object]:
        return {
            **self.prepared.content.to_json(),
            "case": self.prepared.content.report.case_id,
            "referral": self.prepared.referral_id,
            "sha256": self.prepared.sha256,
            "bytes": len(self.prepared.pdf),
            "path": str(self.path),
        }


def approval_date(session: Session, case_id: str) -> date | None:
    """The day of the latest approval: where the reflection period is counted from."""
    query = (
        select(ReviewEvent.at)
        .where(ReviewEvent.case_id == case_id, ReviewEvent.action == "approve")
        .order_by(ReviewEvent.id.desc())
        .limit(1)
    )
    at = session.execute(query).scalar()
    return date.fromisoformat(at[:10]) if at else None


class ReferralReports:
    """Previews and exports of referral reports for one signed-in supervisor."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.directory = RecipientDirectory(vault)

    # -- preview ------------------------------------------------------------------------------
    def preview(
        self,
        case_id: str,
        recipient_id: str,
        language: str | None = None,
        second_language: str | None = None,
    ) -> ReferralContent:
        """Exactly what ``recipient_id`` would receive; nothing is recorded but the viewing."""
        return self.previews(case_id, [recipient_id], language, second_language)[0]

    def previews(
        self,
        case_id: str,
        recipient_ids: Sequence[str],
        language: str | None = None,
        second_language: str | None = None,
    ) -> list[ReferralContent]:
        """One preview per chosen recipient, each in its own language unless one is given."""
        self.vault.require(Capability.REVIEW)
        recipients = [self.directory.get(rid) for rid in recipient_ids]
        setting = self.report_setting()
        detail: dict[str, str | int | bool | None] = {"recipients": len(recipients)}
        with self.vault.write("referral.preview", case_id, detail) as session:
            record = load_case_record(self.vault, session, case_id)
            start = approval_date(session, case_id) or setting.report_date
        dated = _with_start(setting, start)
        return [
            build_content(record, recipient, dated, language, second_language)
            for recipient in recipients
        ]

    # -- export -------------------------------------------------------------------------------
    def prepare(
        self,
        case_id: str,
        recipient_id: str,
        language: str | None = None,
        second_language: str | None = None,
    ) -> PreparedReport:
        """Build and render the report, record the export and the referral; return the bytes
        (for a file or a packet)."""
        self.vault.require(Capability.EXPORT)
        recipient = self.directory.get(recipient_id)
        record, start = self._exportable_record(case_id)
        content = build_content(
            record, recipient, _with_start(self.report_setting(), start), language, second_language
        )
        pdf = render_report_bytes(content.report)
        digest = hashlib.sha256(pdf).hexdigest()
        referral_id = self.record_export(content, digest)
        return PreparedReport(content, pdf, referral_id, digest)

    def export(
        self,
        case_id: str,
        recipient_id: str,
        out_path: Path | str,
        language: str | None = None,
        second_language: str | None = None,
    ) -> ExportedReport:
        """Write the report to ``out_path`` (atomically, owner-only)."""
        prepared = self.prepare(case_id, recipient_id, language, second_language)
        target = Path(out_path)
        write_atomically(target, prepared.pdf, "the report")
        return ExportedReport(prepared, target)

    # -- parts --------------------------------------------------------------------------------
    def report_setting(self) -> ReportSetting:
        """The office, the signed-in officer and today's date, as a report prints them."""
        office = office_settings(self.vault)
        today = self.vault.clock.now().date()
        return ReportSetting(
            office=office.name,
            officer=officer_for(self.vault, self.vault.username, office),
            report_date=today,
            reflection_start=today,
        )

    def _exportable_record(self, case_id: str) -> tuple[CaseRecord, date | None]:
        with self.vault.read() as session:
            case = session.get(Case, case_id)
            if case is None:
                raise NotFoundError(f"no case with id {case_id}")
            if case.status not in EXPORTABLE:
                raise UsageError(
                    f"case {case_id} is {case.status}: a supervisor approves it before any "
                    "report is exported"
                )
            return load_case_record(self.vault, session, case_id), approval_date(session, case_id)

    def record_export(self, content: ReferralContent, digest: str) -> int:
        """Record that ``content`` left as a file with this SHA-256: the audit entry and the
        case's prepared referral to the recipient (reused if one is not sent yet)."""
        report = content.report
        detail: dict[str, str | int | bool | None] = {
            "recipient": content.recipient.id,
            "kind": content.recipient.kind.value,
            "language": report.language,
            "second_language": report.second_language,
            "mandatory": content.mandatory,
            "sha256": digest,
        }
        with self.vault.write("report.export", report.case_id, detail) as session:
            referral = _prepared_referral(session, report.case_id, content.recipient)
            if referral is None:
                referral = Referral(
                    case_id=report.case_id,
                    recipient_id=content.recipient.id,
                    status=PREPARED,
                    created=utc_iso(self.vault.clock.now()),
                )
                session.add(referral)
                session.flush()
            # ``write`` reads the detail when it appends the audit entry at the end.
            detail["referral"] = referral.id
            return referral.id


def _prepared_referral(
    session: Session, case_id: str, recipient: RecipientEntry
) -> Referral | None:
    """The referral to this recipient not yet sent, which a new export replaces."""
    query = (
        select(Referral)
        .where(
            Referral.case_id == case_id,
            Referral.recipient_id == recipient.id,
            Referral.status == PREPARED,
        )
        .order_by(Referral.id.desc())
        .limit(1)
    )
    return session.execute(query).scalar()


def _with_start(setting: ReportSetting, start: date | None) -> ReportSetting:
    return ReportSetting(
        setting.office, setting.officer, setting.report_date, start or setting.report_date
    )
