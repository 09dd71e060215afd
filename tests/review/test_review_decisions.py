"""The review service on real workspaces: queue, read-only case view, the three decisions
(each with its audit entry), and recipients limited by consent."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from screening_app.core.errors import PermissionDeniedError, UsageError
from screening_app.core.records import CaseStatus, CaseSummary
from screening_app.services.assessments import AssessmentService
from screening_app.services.audit_log import verify_signed_in
from screening_app.services.cases import CaseService
from screening_app.services.consents import Decision, Recipient
from screening_app.services.interviews import InterviewService
from screening_app.services.review import ReviewService, queue_order
from screening_app.storage import database
from screening_app.storage.models import AuditEntry
from tests.conftest import OpenWorkspace
from tests.review.screened_cases import (
    CHILD,
    NOTE_TEXT,
    OBSERVATION_TEXT,
    REFERRAL_ANSWERS,
    default_consents,
    screen_case,
)


def audit_entries(ws: OpenWorkspace, action: str) -> list[AuditEntry]:
    with database.session_factory(ws.workspace.engine)() as session:
        query = select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq)
        return list(session.execute(query).scalars())


def summary(case_id: str, urgency: str | None, created: datetime) -> CaseSummary:
    stamp = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    return CaseSummary(case_id, "awaiting_review", stamp, stamp, "", urgency=urgency)


def test_the_queue_puts_the_most_urgent_first_then_the_oldest() -> None:
    now = datetime(2026, 3, 1, tzinfo=UTC)
    rows = [
        summary("C-A", "72h", now - timedelta(days=9)),
        summary("C-B", "immediate", now - timedelta(days=1)),
        summary("C-C", "immediate", now - timedelta(days=5)),
        summary("C-D", None, now - timedelta(days=30)),
        summary("C-E", "24h", now),
        CaseSummary("C-F", "approved", "2026-01-01T00:00:00Z", "", "", urgency="immediate"),
    ]
    assert [row.case_id for row in queue_order(rows)] == ["C-C", "C-B", "C-E", "C-A", "C-D"]


def test_the_queue_lists_cases_sent_to_review_and_nothing_else(review_ws: OpenWorkspace) -> None:
    responder = review_ws.sign_in("responder")
    waiting = screen_case(responder)
    draft = CaseService(responder).create_case(CHILD)
    queue = ReviewService(review_ws.sign_in("supervisor")).queue()
    assert [row.case_id for row in queue] == [waiting.case_id]
    assert draft not in [row.case_id for row in queue]


def test_a_case_opens_read_only_with_every_answer_its_languages_and_interpreter(
    review_ws: OpenWorkspace,
) -> None:
    # A corrected answer: the latest counts, and the correction is visible.
    corrected = (*REFERRAL_ANSWERS, ("owes_money", "unsure"))
    screened = screen_case(review_ws.sign_in("responder"), answers=corrected)
    view = ReviewService(review_ws.sign_in("supervisor")).open_case(screened.case_id)
    assert view.status == CaseStatus.AWAITING_REVIEW.value
    assert view.person.display_name == "Velisande Orrimaque"
    (session,) = view.sessions
    assert session.form_title == "First-line screening"
    by_id = {answer.question_id: answer for answer in session.answers}
    doctor = by_id["needs_doctor"]
    assert doctor.question_text == "Do you need a doctor or medicine right now?"
    assert doctor.answer_text == "Yes"
    assert (doctor.language_asked, doctor.language_answered) == ("ti", "ti")
    assert doctor.interpreter == "Interpreter Example"
    assert doctor.section_title == "Safety and urgent needs"
    assert by_id["documents_now"].answer_text == "A person I worked for"
    assert (by_id["owes_money"].answer_text, by_id["owes_money"].corrections) == ("Not sure", 1)
    assert by_id["was_promised"].answer_text == "A job; Good pay"
    assert by_id["anything_else"].answer_text == NOTE_TEXT
    others = {answer.question_id: answer for answer in session.other_answers}
    assert others["responder.observations"].answer_text == OBSERVATION_TEXT
    assert others["consent.law_enforcement"].answer_text == "no"
    assert view.consents[Recipient.HEALTH] is Decision.AGREES
    assert Recipient.LAW_ENFORCEMENT not in view.may_share_with
    assert view.assessment is not None and view.assessment.outcome == "refer_nrm"
    assert view.history == ()
    assert [e.case_id for e in audit_entries(review_ws, "review.open")] == [screened.case_id]


def test_approving_changes_the_status_and_leaves_an_event_and_an_audit_entry(
    review_ws: OpenWorkspace,
) -> None:
    screened = screen_case(review_ws.sign_in("responder"))
    review = ReviewService(review_ws.sign_in("supervisor"))
    event = review.approve(screened.case_id, "Referral as recommended.")
    view = review.open_case(screened.case_id)
    assert view.status == CaseStatus.APPROVED.value
    (done,) = view.history
    assert (done.id, done.action, done.by) == (event, "approve", "supervisor")
    assert done.comment == "Referral as recommended."
    assert done.details["outcome"] == "refer_nrm"
    (entry,) = audit_entries(review_ws, "review.approve")
    assert entry.case_id == screened.case_id and entry.actor == "supervisor"
    assert json.loads(entry.detail) == {
        "event": event,
        "outcome": "refer_nrm",
        "status": "approved",
    }
    # Decided once: a second decision on the same case is refused.
    with pytest.raises(UsageError):
        review.approve(screened.case_id)


def test_returning_needs_a_comment_and_sends_the_case_back(review_ws: OpenWorkspace) -> None:
    screened = screen_case(review_ws.sign_in("responder"))
    review = ReviewService(review_ws.sign_in("supervisor"))
    with pytest.raises(UsageError):
        review.return_to_responder(screened.case_id, "   ")
    assert audit_entries(review_ws, "review.return") == []
    review.return_to_responder(screened.case_id, "Ask again about the documents.")
    assert review.open_case(screened.case_id).status == CaseStatus.RETURNED.value
    (entry,) = audit_entries(review_ws, "review.return")
    assert "documents" not in entry.detail  # the comment is sealed, never in the audit
    # The next interview takes the returned case back into work.
    responder = review_ws.sign_in("responder")
    InterviewService(responder).start(screened.case_id, "first-line-screening", "1.0.0", "en", "ti")
    statuses = {row.case_id: row.status for row in CaseService(responder).summaries()}
    assert statuses[screened.case_id] == CaseStatus.IN_PROGRESS.value


def test_an_override_keeps_both_results_on_record_and_in_the_audit(
    review_ws: OpenWorkspace,
) -> None:
    screened = screen_case(review_ws.sign_in("responder"))
    supervisor = review_ws.sign_in("supervisor")
    review = ReviewService(supervisor)
    with pytest.raises(UsageError):
        review.override(screened.case_id, "in_depth_interview", " ")
    stored = review.override(
        screened.case_id, "in_depth_interview", "Too tired to finish; talk again.", "72h"
    )
    assert (stored.outcome, stored.urgency) == ("in_depth_interview", "72h")
    assert stored.by == "supervisor"
    view = review.open_case(screened.case_id)
    assert view.status == CaseStatus.AWAITING_REVIEW.value  # approving is its own decision
    record = view.assessment
    assert record is not None
    assert (record.engine_outcome, record.outcome) == ("refer_nrm", "in_depth_interview")
    assert record.result["outcome"] == "refer_nrm"
    (event,) = view.history
    assert event.action == "override" and event.comment == "Too tired to finish; talk again."
    assert event.details["engine_outcome"] == "refer_nrm"
    (entry,) = audit_entries(review_ws, "review.override")
    detail = json.loads(entry.detail)
    assert (detail["outcome"], detail["engine_outcome"]) == ("in_depth_interview", "refer_nrm")
    assert "tired" not in entry.detail
    # The case list shows the outcome in force.
    rows = {row.case_id: row for row in CaseService(supervisor).summaries()}
    assert (rows[screened.case_id].outcome, rows[screened.case_id].urgency) == (
        "in_depth_interview",
        "72h",
    )
    # Approval then records the overridden outcome.
    review.approve(screened.case_id)
    (approved,) = audit_entries(review_ws, "review.approve")
    assert json.loads(approved.detail)["outcome"] == "in_depth_interview"
    assert AssessmentService(supervisor).latest(screened.case_id).outcome == "in_depth_interview"  # type: ignore[union-attr]
    assert verify_signed_in(supervisor).ok


def test_unknown_outcomes_and_urgencies_are_refused(review_ws: OpenWorkspace) -> None:
    screened = screen_case(review_ws.sign_in("responder"))
    review = ReviewService(review_ws.sign_in("supervisor"))
    with pytest.raises(UsageError):
        review.override(screened.case_id, "victim", "A reason.")
    with pytest.raises(UsageError):
        review.override(screened.case_id, "refer_nrm", "A reason.", "tomorrow")


@pytest.mark.parametrize("role", ["responder", "interpreter", "admin"])
def test_only_supervisors_review(review_ws: OpenWorkspace, role: str) -> None:
    screened = screen_case(review_ws.sign_in("responder"))
    review = ReviewService(review_ws.sign_in(role))
    for attempt in (
        lambda: review.queue([]),
        lambda: review.open_case(screened.case_id),
        lambda: review.approve(screened.case_id),
        lambda: review.return_to_responder(screened.case_id, "Because."),
        lambda: review.override(screened.case_id, "no_indicators", "Because."),
        lambda: review.recipient_options(screened.case_id),
    ):
        with pytest.raises(PermissionDeniedError):
            attempt()
    assert audit_entries(review_ws, "review.approve") == []


def test_recipients_are_limited_by_consent_and_by_law_for_a_child(
    review_ws: OpenWorkspace,
) -> None:
    responder = review_ws.sign_in("responder")
    adult = screen_case(responder)
    refused = {recipient: Decision.REFUSES for recipient in Recipient}
    child = screen_case(
        responder,
        CHILD,
        language="ar",
        consents=refused,
        flags=frozenset({"unaccompanied"}),
    )
    review = ReviewService(review_ws.sign_in("supervisor"))
    adult_options = {o.recipient.kind: o for o in review.recipient_options(adult.case_id)}
    agreed = {k for k, d in default_consents().items() if d is Decision.AGREES}
    assert {k for k, o in adult_options.items() if o.allowed} == agreed
    assert adult_options[Recipient.LAW_ENFORCEMENT].basis == "refused"
    child_options = {o.recipient.kind: o for o in review.recipient_options(child.case_id)}
    assert {k for k, o in child_options.items() if o.allowed} == {
        Recipient.CHILD_PROTECTION,
        Recipient.GUARDIAN,
    }
    assert child_options[Recipient.CHILD_PROTECTION].basis == "law"
    assert child_options[Recipient.NRM_COORDINATOR].basis == "refused"


def test_review_comments_are_sealed_with_the_case_key(review_ws: OpenWorkspace) -> None:
    screened = screen_case(review_ws.sign_in("responder"))
    ReviewService(review_ws.sign_in("supervisor")).return_to_responder(
        screened.case_id, "Xanthoprune remark about the interview"
    )
    raw = b"".join(p.read_bytes() for p in review_ws.workspace.path.glob("screening.sqlite*"))
    assert b"Xanthoprune" not in raw
