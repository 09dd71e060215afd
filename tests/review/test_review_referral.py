"""What each recipient receives (preview = export), and who may export."""

from __future__ import annotations

import hashlib
import json
import stat
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from screening_app.core.errors import PermissionDeniedError, UsageError
from screening_app.forms import load_form
from screening_app.i18n import FormTexts
from screening_app.locations import forms_dir
from screening_app.services.assessments import AssessmentService
from screening_app.services.consents import Decision, Recipient
from screening_app.services.referral_report import ReferralReports
from screening_app.services.review import ReviewService
from screening_app.storage import database
from screening_app.storage.models import AuditEntry, Referral
from tests.conftest import PASSWORD, OpenWorkspace
from tests.review.screened_cases import (
    CHILD,
    NOTE_TEXT,
    OBSERVATION_TEXT,
    REFERRAL_ANSWERS,
    screen_case,
)

ROOT = Path(__file__).resolve().parents[2]
JOURNEY_QUESTIONS = {"journey_organised_by", "was_promised", "turned_out_different"}


def approved_case(ws: OpenWorkspace, **options: object) -> str:
    screened = screen_case(ws.sign_in("responder"), **options)  # type: ignore[arg-type]
    ReviewService(ws.sign_in("supervisor")).approve(screened.case_id)
    return screened.case_id


def test_the_health_service_gets_medical_needs_not_the_journey(review_ws: OpenWorkspace) -> None:
    case_id = screen_case(review_ws.sign_in("responder")).case_id
    content = ReviewService(review_ws.sign_in("supervisor")).preview(case_id, ["demo-health"])[0]
    report = content.report
    assert content.recipient.id == "demo-health" and not content.mandatory
    assert "needs_doctor" in content.answers_included
    assert set(content.answers_withheld) >= JOURNEY_QUESTIONS
    assert "nationality" in content.answers_withheld
    assert {"answers.journey", "person.nationality", "assessment.reasons"} <= set(
        content.fields_withheld
    )
    asked = {answer.question.versions["en"] for answer in report.answers}
    assert asked == {
        "Do you need a doctor or medicine right now?",
        # Answers repeating details the health service may have: age and language.
        "How old are you? Your best guess is fine.",
        "Which language are we using for this interview?",
    }
    assert report.person.display_name == "Velisande Orrimaque"
    assert report.person.nationality is None
    assert report.reasons == ()
    # The core of the referral is always there.
    assert (report.urgency, report.outcome) == ("immediate", "refer_nrm")
    assert report.alerts.immediate_danger and report.alerts.urgent_medical
    assert report.language == "it"  # the recipient's first language


def test_notes_for_the_supervisor_never_leave_the_office(review_ws: OpenWorkspace) -> None:
    case_id = screen_case(review_ws.sign_in("responder")).case_id
    content = ReviewService(review_ws.sign_in("supervisor")).preview(case_id, ["demo-nrm"])[0]
    texts = [v for a in content.report.answers for v in a.answer.versions.values()]
    assert NOTE_TEXT in texts  # the person's own words go to the coordinator
    assert OBSERVATION_TEXT not in texts
    assert "responder.observations" not in content.answers_included
    assert not any(q.startswith("consent.") for q in content.answers_included)
    scope = content.report.consent
    assert scope.recipient_kinds == ("nrm", "shelter", "health", "legal_aid")
    assert scope.law_enforcement is False


def test_a_recipient_outside_the_consent_gets_nothing(review_ws: OpenWorkspace) -> None:
    case_id = screen_case(review_ws.sign_in("responder")).case_id
    review = ReviewService(review_ws.sign_in("supervisor"))
    for refused in ("demo-law-enforcement", "demo-iom", "demo-child-protection"):
        with pytest.raises(PermissionDeniedError):
            review.preview(case_id, [refused])


def test_a_child_is_referred_to_child_protection_whatever_the_consent(
    review_ws: OpenWorkspace,
) -> None:
    refused = {recipient: Decision.REFUSES for recipient in Recipient}
    case_id = screen_case(
        review_ws.sign_in("responder"),
        CHILD,
        language="ar",
        consents=refused,
        flags=frozenset({"unaccompanied"}),
    ).case_id
    review = ReviewService(review_ws.sign_in("supervisor"))
    content = review.preview(case_id, ["demo-child-protection"], "ar", "en")[0]
    assert content.mandatory
    alerts = content.report.alerts
    assert alerts.child and alerts.unaccompanied
    assert content.report.consent.recipient_kinds == ()
    assert content.report.second_language == "en"
    with pytest.raises(PermissionDeniedError):
        review.preview(case_id, ["demo-nrm"])


def test_reasons_keep_the_grounds_and_state_an_override(review_ws: OpenWorkspace) -> None:
    case_id = screen_case(review_ws.sign_in("responder")).case_id
    review = ReviewService(review_ws.sign_in("supervisor"))
    lines = [r.versions["en"] for r in review.preview(case_id, ["demo-nrm"])[0].report.reasons]
    # The dimensions met, in words; no rule ids, indicator ids or question ids.
    assert lines == [
        "Deceptive recruitment: Deceived about the nature of the job, location or employer; "
        "Deceived about wages or earnings.",
        "Exploitative conditions of work: Excessive working days or hours; Low or no salary.",
        "Coercion at destination: Confiscation of documents; "
        "Isolation, confinement or surveillance.",
    ]
    review.override(case_id, "in_depth_interview", "Wishes to rest before more questions.")
    after = review.preview(case_id, ["demo-nrm"])[0].report
    assert after.outcome == "in_depth_interview"
    assert "Wishes to rest before more questions." in after.reasons[-1].versions["en"]
    assert after.reflection_period_end is None


def test_the_preview_is_exactly_what_is_exported(review_ws: OpenWorkspace) -> None:
    case_id = approved_case(review_ws)
    supervisor = review_ws.sign_in("supervisor")
    preview = ReviewService(supervisor).preview(case_id, ["demo-legal-aid"], "ti", "en")[0]
    prepared = ReferralReports(supervisor).prepare(case_id, "demo-legal-aid", "ti", "en")
    assert prepared.content == preview
    report = prepared.content.report
    approved = review_ws.sign_in("supervisor").clock.now().date()
    assert report.reflection_period_end == approved + timedelta(days=30)
    form = load_form(forms_dir() / "first-line-screening.yaml")
    question = form.question("journey_organised_by")
    expected = FormTexts(form.id, "ti").text("journey.journey_organised_by.text", question.text)
    assert expected != question.text
    asked = {a.question.versions.get("en"): a.question.versions.get("ti") for a in report.answers}
    assert asked[question.text] == expected


@pytest.mark.parametrize("role", ["responder", "interpreter"])
def test_responders_and_interpreters_cannot_export(
    review_ws: OpenWorkspace, role: str, tmp_path: Path
) -> None:
    case_id = approved_case(review_ws)
    reports = ReferralReports(review_ws.sign_in(role))
    with pytest.raises(PermissionDeniedError):
        reports.export(case_id, "demo-nrm", tmp_path / "report.pdf")
    with pytest.raises(PermissionDeniedError):
        reports.prepare(case_id, "demo-nrm")
    with pytest.raises(PermissionDeniedError):
        reports.preview(case_id, "demo-nrm")
    assert not (tmp_path / "report.pdf").exists()


def test_no_report_leaves_before_the_case_is_approved(
    review_ws: OpenWorkspace, tmp_path: Path
) -> None:
    case_id = screen_case(review_ws.sign_in("responder")).case_id
    with pytest.raises(UsageError):
        ReferralReports(review_ws.sign_in("supervisor")).export(
            case_id, "demo-nrm", tmp_path / "report.pdf"
        )
    assert not (tmp_path / "report.pdf").exists()


def test_an_export_is_audited_with_its_hash_and_prepares_one_referral(
    review_ws: OpenWorkspace, tmp_path: Path
) -> None:
    case_id = approved_case(review_ws)
    reports = ReferralReports(review_ws.sign_in("supervisor"))
    first = reports.export(case_id, "demo-shelter", tmp_path / "one.pdf", "ar", "en")
    data = first.path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert stat.S_IMODE(first.path.stat().st_mode) == 0o600
    assert first.prepared.sha256 == hashlib.sha256(data).hexdigest()
    second = reports.export(case_id, "demo-shelter", tmp_path / "two.pdf")
    assert second.prepared.referral_id == first.prepared.referral_id
    factory = database.session_factory(review_ws.workspace.engine)
    with factory() as session:
        referrals = list(session.execute(select(Referral)).scalars())
        entries = list(
            session.execute(
                select(AuditEntry).where(AuditEntry.action == "report.export")
            ).scalars()
        )
    assert [(r.case_id, r.recipient_id, r.status) for r in referrals] == [
        (case_id, "demo-shelter", "prepared")
    ]
    details = [json.loads(entry.detail) for entry in entries]
    assert [d["sha256"] for d in details] == [first.prepared.sha256, second.prepared.sha256]
    assert details[0]["referral"] == referrals[0].id
    assert (details[0]["language"], details[0]["second_language"]) == ("ar", "en")
    assert all(entry.case_id == case_id for entry in entries)


def run_cli(ws: OpenWorkspace, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    secret = tmp_path / "password"
    secret.write_text(PASSWORD + "\n")
    command = [
        sys.executable,
        "-m",
        "screening_app",
        "--workspace",
        str(ws.workspace.path),
        "--user",
        "supervisor",
        "--password-file",
        str(secret),
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)


def test_the_report_command_exports_one_case_or_a_batch(
    review_ws: OpenWorkspace, tmp_path: Path
) -> None:
    first, second = approved_case(review_ws), approved_case(review_ws)
    review_ws.workspace.close()
    out = tmp_path / "one.pdf"
    done = run_cli(review_ws, tmp_path, "report", "--case", first, "--recipient", "demo-health",
                   "--lang", "uk", "--second-lang", "en", "--out", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    line = json.loads(done.stdout)
    assert (line["case"], line["language"], line["path"]) == (first, "uk", str(out))
    assert len(PdfReader(out).pages) >= 1
    folder = tmp_path / "batch"
    folder.mkdir()
    batch = run_cli(review_ws, tmp_path, "report", "--case", first, "--case", second,
                    "--recipient", "demo-nrm", "--out", str(folder))  # fmt: skip
    assert batch.returncode == 0, batch.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{case}-demo-nrm.pdf" for case in (first, second)
    )
    police = "demo-law-enforcement"
    refused = run_cli(review_ws, tmp_path, "report", "--case", first,
                      "--recipient", police, "--out", str(tmp_path / "x.pdf"))  # fmt: skip
    assert refused.returncode == 1
    assert "did not consent" in refused.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_a_strong_indicator_alone_is_named_as_the_ground_for_an_interview(
    review_ws: OpenWorkspace,
) -> None:
    case_id = screen_case(
        review_ws.sign_in("responder"),
        indicators=frozenset({"CD.documents_confiscated", "VR.economic"}),
        flags=frozenset(),
    ).case_id
    report = ReviewService(review_ws.sign_in("supervisor")).preview(case_id, ["demo-nrm"])[0]
    assert report.report.outcome == "in_depth_interview"
    assert [r.versions["en"] for r in report.report.reasons] == [
        "Coercion at destination: Confiscation of documents."
    ]


def test_forms_of_exploitation_the_interviewer_recorded_are_among_the_grounds(
    review_ws: OpenWorkspace,
) -> None:
    described = (*REFERRAL_ANSWERS, ("exploitation_types", ["labour", "begging"]))
    case_id = screen_case(review_ws.sign_in("responder"), answers=described).case_id
    supervisor = review_ws.sign_in("supervisor")
    record = AssessmentService(supervisor).latest(case_id)
    assert record is not None and record.exploitation_types == ("labour", "begging")
    reasons = ReviewService(supervisor).preview(case_id, ["demo-nrm"])[0].report.reasons
    assert reasons[-1].versions["en"] == (
        "Forms of exploitation described: Labour exploitation; Forced begging."
    )
