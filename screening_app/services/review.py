"""Supervisor review: the queue, a case read-only, and the three decisions.

- **Queue**: cases awaiting review, most urgent first, then oldest first.
- **Case view**: the person, every interview session with each answer (question text from
  the form, languages asked and answered, interpreter, corrections), the consent decisions,
  the assessment with its reasons and any override, and the review history. Opening it is
  audited (``review.open``).
- **Approve** (``awaiting_review`` → ``approved``), **return** to the responder with a
  comment (→ ``returned``; the next interview session takes it back to ``in_progress``), and
  **override** the outcome with a written reason. An override keeps the case awaiting review:
  changing the recommendation and approving the referral are two decisions, each recorded
  on its own. The engine's result stays untouched beside the override. Each decision is a
  review event (comment sealed with the case key) and an audit entry, written together.
- **Recipients**: the directory's agencies, each marked allowed or not by the person's
  consent (and the law, for a child); **previews** show exactly what each would receive.

Only supervisors (capability ``review``) use any of this.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from screening_app.assess import Override
from screening_app.assess.model import OUTCOMES, URGENCIES
from screening_app.core.clock import utc_iso
from screening_app.core.errors import NotFoundError, UsageError
from screening_app.core.records import CaseStatus, CaseSummary, PersonDetails
from screening_app.crypto.aead import FieldCipher
from screening_app.services.assessments import (
    AssessmentRecord,
    StoredOverride,
    latest_record,
    store_override,
    usernames,
)
from screening_app.services.case_record import CaseRecord, load_case_record
from screening_app.services.case_view import ReviewSession, review_sessions
from screening_app.services.cases import CaseService
from screening_app.services.consents import Decision, Recipient
from screening_app.services.recipients import RecipientDirectory, RecipientEntry
from screening_app.services.referral_content import ReferralContent
from screening_app.services.referral_report import ReferralReports
from screening_app.services.roles import Capability
from screening_app.services.vault import Vault
from screening_app.storage.models import Case, ReviewEvent
from screening_app.storage.models import StoredAssessment as AssessmentRow
from screening_app.storage.repositories import CaseRepository, open_json, seal_json

URGENCY_ORDER: Mapping[str | None, int] = {"immediate": 0, "24h": 1, "72h": 2, "standard": 3}
MAX_COMMENT = 4000
Action = Literal["approve", "return", "override"]
Basis = Literal["consent", "law", "refused", "not_asked"]


@dataclass(frozen=True)
class ReviewEventView:
    """One past decision, with its comment opened."""

    id: int
    at: str
    by: str
    action: str
    comment: str
    details: Mapping[str, Any]


@dataclass(frozen=True)
class CaseReview:
    """A case as the supervisor reads it. Nothing here can be edited."""

    case_id: str
    status: str
    created: str
    is_demo: bool
    is_child: bool
    person: PersonDetails
    sessions: tuple[ReviewSession, ...]
    consents: Mapping[Recipient, Decision]
    may_share_with: frozenset[Recipient]
    assessment: AssessmentRecord | None
    history: tuple[ReviewEventView, ...]


@dataclass(frozen=True)
class RecipientOption:
    """A directory entry and whether this case may go to it, and on what basis."""

    recipient: RecipientEntry
    basis: Basis

    @property
    def allowed(self) -> bool:
        return self.basis in ("consent", "law")


def queue_order(summaries: Sequence[CaseSummary]) -> list[CaseSummary]:
    """Cases awaiting review: most urgent first, then the oldest (created first)."""
    waiting = [s for s in summaries if s.status == CaseStatus.AWAITING_REVIEW.value]
    return sorted(waiting, key=lambda s: (URGENCY_ORDER.get(s.urgency, 4), s.created, s.case_id))


def _checked_text(text: str, what: str, *, required: bool) -> str:
    cleaned = text.strip()
    if required and not cleaned:
        raise UsageError(f"a {what} is needed")
    if len(cleaned) > MAX_COMMENT:
        raise UsageError(f"a {what} has at most {MAX_COMMENT} characters")
    return cleaned


class ReviewService:
    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    # -- queue and case view ------------------------------------------------------------------
    def queue(self, summaries: Sequence[CaseSummary] | None = None) -> list[CaseSummary]:
        """The review queue, from the given in-memory index or a freshly decrypted one."""
        self.vault.require(Capability.REVIEW)
        rows = summaries if summaries is not None else CaseService(self.vault).summaries()
        return queue_order(rows)

    def open_case(self, case_id: str, language: str = "en") -> CaseReview:
        """The case read-only; question and answer texts in ``language`` where translated."""
        self.vault.require(Capability.REVIEW)
        with self.vault.write("review.open", case_id) as session:
            record = load_case_record(self.vault, session, case_id)
            cipher = self._cipher(session, case_id)
            history = tuple(_events(session, case_id, cipher))
        return CaseReview(
            case_id=record.case_id,
            status=record.status,
            created=record.created,
            is_demo=record.is_demo,
            is_child=record.is_child,
            person=record.person,
            sessions=review_sessions(record.sessions, language),
            consents=record.consents,
            may_share_with=record.may_share_with(),
            assessment=record.assessment,
            history=history,
        )

    def history(self, case_id: str) -> list[ReviewEventView]:
        self.vault.require(Capability.REVIEW)
        with self.vault.read() as session:
            return _events(session, case_id, self._cipher(session, case_id))

    # -- decisions ----------------------------------------------------------------------------
    def approve(self, case_id: str, comment: str = "") -> int:
        """Approve the referral as recommended (or as overridden). Returns the event id."""
        text = _checked_text(comment, "comment", required=False)
        return self._decide(case_id, "approve", text, CaseStatus.APPROVED)

    def return_to_responder(self, case_id: str, comment: str) -> int:
        """Send the case back for more interviewing, saying what is missing."""
        text = _checked_text(comment, "comment for the responder", required=True)
        return self._decide(case_id, "return", text, CaseStatus.RETURNED)

    def override(
        self, case_id: str, outcome: str, reason: str, urgency: str | None = None
    ) -> StoredOverride:
        """Change the recommended outcome (and, if given, the urgency) with a written reason.

        The case stays awaiting review; approve it as a separate decision.
        """
        self.vault.require(Capability.REVIEW)
        if outcome not in OUTCOMES:
            raise UsageError(f"unknown outcome: {outcome}")
        if urgency is not None and urgency not in URGENCIES:
            raise UsageError(f"unknown urgency: {urgency}")
        text = _checked_text(reason, "written reason for the override", required=True)
        detail: dict[str, str | int | bool | None] = {"outcome": outcome, "urgency": urgency}
        with self.vault.write("review.override", case_id, detail) as session:
            case, cipher = self._awaiting(session, case_id)
            row, record = self._latest_row(session, case_id, cipher)
            decided = Override(
                outcome=outcome,
                reason=text,
                by=self.vault.username,
                at=self.vault.clock.now(),
                urgency=urgency,
            )
            stored = store_override(row, cipher, record, decided)
            self._show_in_index(session, case, cipher, stored)
            details = {
                "outcome": stored.outcome,
                "urgency": stored.urgency,
                "engine_outcome": record.engine_outcome,
                "engine_urgency": record.engine_urgency,
                "previous_outcome": record.outcome,
                "assessment": record.id,
            }
            event = self._add_event(session, case, cipher, "override", text, details)
            detail.update(
                {"event": event, "engine_outcome": record.engine_outcome, "assessment": record.id}
            )
        return stored

    # -- recipients ---------------------------------------------------------------------------
    def recipient_options(self, case_id: str) -> list[RecipientOption]:
        """Every directory entry, marked by whether the case may go to it."""
        self.vault.require(Capability.REVIEW)
        with self.vault.read() as session:
            record = load_case_record(self.vault, session, case_id)
        return [
            RecipientOption(entry, _basis(record, entry))
            for entry in RecipientDirectory(self.vault).entries()
        ]

    def preview(
        self,
        case_id: str,
        recipient_ids: Sequence[str],
        language: str | None = None,
        second_language: str | None = None,
    ) -> list[ReferralContent]:
        """What each chosen recipient would receive, exactly as it would be exported."""
        return ReferralReports(self.vault).previews(
            case_id, recipient_ids, language, second_language
        )

    # -- parts --------------------------------------------------------------------------------
    def _cipher(self, session: Session, case_id: str) -> FieldCipher:
        case = session.get(Case, case_id)
        if case is None:
            raise NotFoundError(f"no case with id {case_id}")
        return self.vault.case_cipher(case.id, case.wrapped_case_key)

    def _awaiting(self, session: Session, case_id: str) -> tuple[Case, FieldCipher]:
        case = session.get(Case, case_id)
        if case is None:
            raise NotFoundError(f"no case with id {case_id}")
        if case.status != CaseStatus.AWAITING_REVIEW.value:
            raise UsageError(f"case {case_id} is {case.status}, not awaiting review")
        return case, self.vault.case_cipher(case.id, case.wrapped_case_key)

    def _latest_row(
        self, session: Session, case_id: str, cipher: FieldCipher
    ) -> tuple[AssessmentRow, AssessmentRecord]:
        record = latest_record(session, case_id, cipher)
        if record is None:
            raise UsageError(f"case {case_id} has no stored assessment to decide on")
        row = session.get(AssessmentRow, record.id)
        assert row is not None
        return row, record

    def _decide(self, case_id: str, action: Action, comment: str, status: CaseStatus) -> int:
        self.vault.require(Capability.REVIEW)
        detail: dict[str, str | int | bool | None] = {"status": status.value}
        with self.vault.write(f"review.{action}", case_id, detail) as session:
            case, cipher = self._awaiting(session, case_id)
            _row, record = self._latest_row(session, case_id, cipher)
            details = {
                "outcome": record.outcome,
                "urgency": record.urgency,
                "assessment": record.id,
            }
            event = self._add_event(session, case, cipher, action, comment, details)
            case.status = status.value
            case.updated = utc_iso(self.vault.clock.now())
            detail.update({"event": event, "outcome": record.outcome})
        return event

    def _add_event(
        self,
        session: Session,
        case: Case,
        cipher: FieldCipher,
        action: Action,
        comment: str,
        details: Mapping[str, Any],
    ) -> int:
        return add_review_event(session, self.vault, case, cipher, action, comment, details)

    def _show_in_index(
        self, session: Session, case: Case, cipher: FieldCipher, stored: StoredOverride
    ) -> None:
        """The case list shows the outcome in force: the override's."""
        repo = CaseRepository(session)
        summary = repo.read_summary(case, cipher)
        summary.update({"outcome": stored.outcome, "urgency": stored.urgency})
        case.row_version += 1
        case.updated = utc_iso(self.vault.clock.now())
        repo.write_summary(case, cipher, summary)


def add_review_event(
    session: Session,
    vault: Vault,
    case: Case,
    cipher: FieldCipher,
    action: Action,
    comment: str,
    details: Mapping[str, Any],
) -> int:
    """One review event, its comment and details sealed with the case key (no audit here:
    the caller's transaction writes it)."""
    # The id is part of the sealed comment's associated data, so it is chosen first.
    event_id = int(session.execute(select(func.max(ReviewEvent.id))).scalar() or 0) + 1
    value = {"comment": comment, "details": dict(details)}
    session.add(
        ReviewEvent(
            id=event_id,
            case_id=case.id,
            at=utc_iso(vault.clock.now()),
            by=vault.account_id,
            action=action,
            row_version=1,
            comment_ct=seal_json(cipher, value, "review_events", "comment", event_id, 1),
        )
    )
    # Later events in the same transaction must see this id.
    session.flush()
    return event_id


def _basis(record: CaseRecord, entry: RecipientEntry) -> Basis:
    decision = record.consents.get(entry.kind)
    if decision is Decision.AGREES:
        return "consent"
    if entry.kind in record.may_share_with():
        return "law"
    return "refused" if decision is Decision.REFUSES else "not_asked"


def _events(session: Session, case_id: str, cipher: FieldCipher) -> list[ReviewEventView]:
    names = usernames(session)
    query = select(ReviewEvent).where(ReviewEvent.case_id == case_id).order_by(ReviewEvent.id)
    events = []
    for row in session.execute(query).scalars():
        value = open_json(
            cipher, row.comment_ct, "review_events", "comment", row.id, row.row_version
        )
        events.append(
            ReviewEventView(
                id=row.id,
                at=row.at,
                by=names.get(row.by, str(row.by)),
                action=row.action,
                comment=value.get("comment", ""),
                details=value.get("details", {}),
            )
        )
    return events
