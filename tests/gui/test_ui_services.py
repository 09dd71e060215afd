"""The Qt-free services the interface relies on: preferences, consent records, the
interview walk (persisted at every step), open interviews."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from screening_app.app import open_context, shipped_forms
from screening_app.core.records import AnswerStatus, CaseStatus, PersonDetails
from screening_app.forms.answers import Answer
from screening_app.services.cases import CaseService
from screening_app.services.consents import (
    MANDATORY_FOR_CHILD,
    Decision,
    Recipient,
    consent_question_id,
    shared_with,
)
from screening_app.services.demo import DEMO_PASSWORD
from screening_app.services.interview_flow import STAGE_CONSENT, InterviewFlow, Languages
from screening_app.services.interviews import InterviewService
from screening_app.services.open_interviews import open_interviews
from screening_app.services.preferences import Preferences, load_preferences, save_preferences
from screening_app.services.vault import Vault
from screening_app.storage.models import AuditEntry


@pytest.fixture
def vault(workspace_dir: Path) -> Iterator[Vault]:
    with open_context(workspace_dir) as context:
        signed_in = context.sign_in("responder", DEMO_PASSWORD)
        yield signed_in
        signed_in.lock()


def new_flow(vault: Vault, person_lang: str = "ti") -> InterviewFlow:
    case_id = CaseService(vault).create_case(PersonDetails(given_names="Exa"))
    form = shipped_forms()["first-line-screening"]
    return InterviewFlow.start(vault, form, case_id, Languages("en", person_lang, "Int 3"))


def test_preferences_round_trip_and_fall_back_per_value(tmp_path: Path) -> None:
    path = tmp_path / "preferences.json"
    assert load_preferences(path) == Preferences()
    chosen = Preferences(ui_language="ar", auto_lock_minutes=9, text_scale_percent=130)
    save_preferences(path, chosen)
    assert load_preferences(path) == chosen
    assert path.stat().st_mode & 0o777 == 0o600
    path.write_text(json.dumps({"auto_lock_minutes": True, "text_scale_percent": 900}))
    loaded = load_preferences(path)
    assert loaded.auto_lock_minutes == 5
    assert loaded.text_scale_percent == 200
    path.write_text("{not json")
    assert load_preferences(path) == Preferences()


def test_a_child_is_referred_to_child_protection_whatever_the_consent() -> None:
    refused = dict.fromkeys(Recipient, Decision.REFUSES)
    assert shared_with(refused, is_child=True) == MANDATORY_FOR_CHILD
    assert shared_with(refused, is_child=False) == frozenset()
    chosen = {Recipient.HEALTH: Decision.AGREES, Recipient.LAW_ENFORCEMENT: Decision.REFUSES}
    assert shared_with(chosen, is_child=False) == {Recipient.HEALTH}


def test_every_step_is_saved_and_a_new_flow_resumes_where_the_old_one_was(vault: Vault) -> None:
    flow = new_flow(vault)
    flow.record(Answer.given("ti"))
    flow.record(Answer.given("ti"))
    flow.record(Answer.given("yes"))
    flow.record(Answer.given("no"))  # feels safe: no
    assert flow.flags() == {"immediate_danger": ["feels_safe"]}
    flow.set_interviewee_language("ar")
    flow.record(Answer.declined())
    flow.back()
    again = InterviewFlow(vault, flow.form, flow.session_id)
    question = again.current_question()
    assert question is not None and question.id == "afraid_of_someone"
    assert again.languages == Languages("en", "ar", "Int 3")
    assert again.answers["afraid_of_someone"] == Answer.declined()
    history = InterviewService(vault).history(flow.session_id)
    assert [r.language_asked for r in history] == ["ti", "ti", "ti", "ti", "ar"]


def test_the_interpreter_is_kept_on_the_session_before_any_answer(vault: Vault) -> None:
    flow = new_flow(vault)
    again = InterviewFlow(vault, flow.form, flow.session_id)
    assert again.languages.interpreter == "Int 3"
    again.set_interpreter("  Int 7 ")
    resumed = InterviewFlow(vault, flow.form, flow.session_id)
    assert resumed.languages == Languages("en", "ti", "Int 7")
    resumed.set_interpreter("")
    assert InterviewFlow(vault, flow.form, flow.session_id).languages.interpreter is None
    with vault.read() as session:
        details = list(
            session.execute(
                select(AuditEntry.detail).where(AuditEntry.action == "interview.language")
            ).scalars()
        )
    # Both changes are in the audit, which says that the interpreter changed, not who.
    assert len(details) == 2
    assert all("Int" not in detail for detail in details)


def test_a_changed_answer_hides_later_questions(vault: Vault) -> None:
    flow = new_flow(vault)
    for answer in ("en", "en", "yes", "yes", "no", "no", "yes"):
        flow.record(Answer.given(answer))
    question = flow.current_question()
    assert question is not None and question.id == "birth_date"
    flow.back()
    flow.record(Answer.given("no"))  # does not know the birth date: age is asked instead
    question = flow.current_question()
    assert question is not None and question.id == "age"


def test_finishing_records_consent_assessment_and_sends_to_review(vault: Vault) -> None:
    flow = new_flow(vault)
    while flow.stage == "question":
        question = flow.current_question()
        assert question is not None
        if question.id == "age":
            flow.record(Answer.given(15))
        else:
            flow.skip()
    assert InterviewService(vault).info(flow.session_id).current_question == STAGE_CONSENT
    flow.record_consent(Recipient.NRM_COORDINATOR, Decision.AGREES)
    flow.record_consent(Recipient.LAW_ENFORCEMENT, Decision.REFUSES)
    flow.go_to_summary()
    assert flow.stage == "summary"
    result = flow.submit("Quiet; asked for water.")
    assert result.is_child
    assert "child_protection" in result.services
    assert "law_enforcement" not in result.services
    assert flow.stage == "finished"
    records = InterviewService(vault).answers(flow.session_id)
    consent = records[consent_question_id(Recipient.LAW_ENFORCEMENT)]
    assert consent.value == "no" and consent.language_asked == "ti"
    assert records["age"].status is AnswerStatus.ANSWERED
    row = next(s for s in CaseService(vault).summaries() if s.case_id == flow.case_id)
    assert row.status == CaseStatus.AWAITING_REVIEW.value
    assert (row.urgency, row.outcome) == (result.urgency, result.outcome)
    assert flow.session_id not in [info.session_id for info in open_interviews(vault)]


def test_open_interviews_lists_only_the_accounts_own(workspace_dir: Path) -> None:
    with open_context(workspace_dir) as context:
        responder = context.sign_in("responder", DEMO_PASSWORD)
        supervisor = context.sign_in("supervisor", DEMO_PASSWORD)
        mine = new_flow(responder)
        theirs = new_flow(supervisor)
        listed = [info.session_id for info in open_interviews(responder)]
        assert mine.session_id in listed
        assert theirs.session_id not in listed
        assert theirs.session_id in [info.session_id for info in open_interviews(supervisor)]


def test_app_finds_the_workspace_folder_as_the_command_line_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argparse

    from screening_app.app import workspace_folder
    from screening_app.commands.context import workspace_path

    for given, variable in ((str(tmp_path / "a"), None), (None, str(tmp_path / "b")), (None, None)):
        if variable is None:
            monkeypatch.delenv("SCREENING_APP_WORKSPACE", raising=False)
        else:
            monkeypatch.setenv("SCREENING_APP_WORKSPACE", variable)
        args = argparse.Namespace(workspace=given)
        assert workspace_folder(args) == workspace_path(args)
