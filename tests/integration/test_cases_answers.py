from __future__ import annotations

import pytest
from sqlalchemy import select, update

from screening_app.core.errors import IntegrityError, PermissionDeniedError, UsageError
from screening_app.core.records import AnswerRecord, AnswerStatus, CaseStatus, PersonDetails
from screening_app.services.cases import CaseService
from screening_app.services.interviews import InterviewService
from screening_app.storage import database
from screening_app.storage.models import Answer, Case, Person
from tests.conftest import OpenWorkspace

PERSON = PersonDetails(
    given_names="Telavi",
    family_name="Quorremund",
    aliases=("Tela",),
    date_of_birth="2009",
    estimated_age=17,
    nationality="ER",
    languages=("ti", "en"),
    gender="female",
)


def test_case_round_trips_through_encrypted_storage(open_ws: OpenWorkspace) -> None:
    cases = CaseService(open_ws.sign_in("responder"))
    case_id = cases.create_case(PERSON)
    assert cases.person(case_id) == PERSON


def test_person_update_bumps_the_row_version_and_stays_readable(open_ws: OpenWorkspace) -> None:
    cases = CaseService(open_ws.sign_in("supervisor"))
    case_id = cases.create_case(PERSON)
    changed = PersonDetails(**{**PERSON.to_json(), "aliases": ("T.", "Vi"), "languages": ("ti",)})
    cases.update_person(case_id, changed)
    assert cases.person(case_id).aliases == ("T.", "Vi")
    summary = next(s for s in cases.summaries() if s.case_id == case_id)
    assert summary.aliases == ("T.", "Vi")


def test_ciphertext_copied_to_another_row_fails_to_open(open_ws: OpenWorkspace) -> None:
    cases = CaseService(open_ws.sign_in("supervisor"))
    first = cases.create_case(PERSON)
    second = cases.create_case(PersonDetails(given_names="Other", family_name="Person"))
    with database.session_factory(open_ws.workspace.engine)() as session:
        names_of_first = session.get(Person, first).names_ct  # type: ignore[union-attr]
        session.execute(
            update(Person).where(Person.case_id == second).values(names_ct=names_of_first)
        )
        session.commit()
    with pytest.raises(IntegrityError):
        cases.person(second)


def test_ciphertext_copied_to_another_column_fails_to_open(open_ws: OpenWorkspace) -> None:
    cases = CaseService(open_ws.sign_in("supervisor"))
    case_id = cases.create_case(PERSON)
    with database.session_factory(open_ws.workspace.engine)() as session:
        row = session.get(Person, case_id)
        assert row is not None
        session.execute(
            update(Person).where(Person.case_id == case_id).values(aliases_ct=row.names_ct)
        )
        session.commit()
    with pytest.raises(IntegrityError):
        cases.person(case_id)


def test_case_key_copied_from_another_case_fails_to_open(open_ws: OpenWorkspace) -> None:
    cases = CaseService(open_ws.sign_in("supervisor"))
    first = cases.create_case(PERSON)
    second = cases.create_case(PERSON)
    with database.session_factory(open_ws.workspace.engine)() as session:
        key = session.get(Case, first).wrapped_case_key  # type: ignore[union-attr]
        session.execute(update(Case).where(Case.id == second).values(wrapped_case_key=key))
        session.commit()
    with pytest.raises(IntegrityError, match=f"key of case {second}"):
        cases.person(second)


def start_interview(open_ws: OpenWorkspace, role: str = "responder") -> tuple[str, str]:
    vault = open_ws.sign_in(role)
    case_id = CaseService(vault).create_case(PERSON)
    session_id = InterviewService(vault).start(case_id, "first-line-screening", "1.0.0", "en", "ti")
    return case_id, session_id


def test_each_answer_records_languages_interpreter_and_time(open_ws: OpenWorkspace) -> None:
    _case_id, session_id = start_interview(open_ws)
    interviews = InterviewService(open_ws.sign_in("responder"))
    interviews.save_answer(
        session_id,
        AnswerRecord("feels_safe", AnswerStatus.ANSWERED, "no", "ti", "ti", "interp-7"),
        next_question="age",
    )
    interviews.save_answer(
        session_id, AnswerRecord("age", AnswerStatus.DECLINED, None, "ti", "en", "interp-7"), None
    )
    answers = interviews.answers(session_id)
    assert answers["feels_safe"].value == "no"
    assert answers["feels_safe"].language_asked == "ti"
    assert answers["age"].status is AnswerStatus.DECLINED
    assert answers["age"].language_answered == "en"
    assert answers["age"].interpreter == "interp-7"
    assert answers["age"].recorded_by == "responder"
    assert answers["age"].answered_at.endswith("Z")
    assert interviews.info(session_id).current_question is None


def test_a_corrected_answer_keeps_the_history_and_the_latest_wins(open_ws: OpenWorkspace) -> None:
    _case_id, session_id = start_interview(open_ws)
    interviews = InterviewService(open_ws.sign_in("responder"))
    for value in ("yes", "unsure", "no"):
        interviews.save_answer(
            session_id, AnswerRecord("q1", AnswerStatus.ANSWERED, value, "en", "en"), "q2"
        )
    assert [a.value for a in interviews.history(session_id)] == ["yes", "unsure", "no"]
    assert interviews.answers(session_id)["q1"].value == "no"
    assert interviews.info(session_id).current_question == "q2"


def test_answer_ciphertext_moved_to_another_answer_fails(open_ws: OpenWorkspace) -> None:
    _case_id, session_id = start_interview(open_ws)
    interviews = InterviewService(open_ws.sign_in("responder"))
    for qid, value in (("q1", "yes"), ("q2", "no")):
        interviews.save_answer(session_id, AnswerRecord(qid, AnswerStatus.ANSWERED, value), None)
    with database.session_factory(open_ws.workspace.engine)() as session:
        rows = session.execute(select(Answer).order_by(Answer.id)).scalars().all()
        session.execute(
            update(Answer).where(Answer.id == rows[1].id).values(value_ct=rows[0].value_ct)
        )
        session.commit()
    with pytest.raises(IntegrityError):
        interviews.answers(session_id)


def test_language_switch_is_recorded_on_the_session(open_ws: OpenWorkspace) -> None:
    _case_id, session_id = start_interview(open_ws)
    interviews = InterviewService(open_ws.sign_in("responder"))
    interviews.set_languages(session_id, "en", "ar")
    info = interviews.info(session_id)
    assert (info.interviewer_language, info.interviewee_language) == ("en", "ar")


def test_an_answered_question_needs_a_value(open_ws: OpenWorkspace) -> None:
    _case_id, session_id = start_interview(open_ws)
    interviews = InterviewService(open_ws.sign_in("responder"))
    with pytest.raises(UsageError):
        interviews.save_answer(session_id, AnswerRecord("q", AnswerStatus.ANSWERED, None), None)


def test_finished_session_takes_no_more_answers(open_ws: OpenWorkspace) -> None:
    _case_id, session_id = start_interview(open_ws)
    interviews = InterviewService(open_ws.sign_in("responder"))
    interviews.finish(session_id)
    with pytest.raises(UsageError, match="closed"):
        interviews.save_answer(session_id, AnswerRecord("q", AnswerStatus.SKIPPED), None)


def test_interpreter_works_in_the_interview_but_sees_no_case_list(open_ws: OpenWorkspace) -> None:
    case_id, session_id = start_interview(open_ws)
    interpreter = open_ws.sign_in("interpreter")
    InterviewService(interpreter).save_answer(
        session_id, AnswerRecord("q1", AnswerStatus.ANSWERED, "yes", "ti", "ti"), "q2"
    )
    with pytest.raises(PermissionDeniedError):
        CaseService(interpreter).summaries()
    with pytest.raises(PermissionDeniedError):
        CaseService(interpreter).person(case_id)


def test_admin_manages_accounts_but_reads_no_case(open_ws: OpenWorkspace) -> None:
    case_id, _session = start_interview(open_ws)
    admin = open_ws.sign_in("admin")
    with pytest.raises(PermissionDeniedError):
        CaseService(admin).person(case_id)
    with pytest.raises(PermissionDeniedError):
        CaseService(admin).summaries()


def test_responders_see_shortened_names_supervisors_full(open_ws: OpenWorkspace) -> None:
    start_interview(open_ws)
    responder_view = CaseService(open_ws.sign_in("responder")).summaries()
    supervisor_view = CaseService(open_ws.sign_in("supervisor")).summaries()
    assert responder_view[0].display_name == "Telavi Q."
    assert responder_view[0].aliases == ()
    assert supervisor_view[0].display_name == "Telavi Quorremund"
    assert supervisor_view[0].status == CaseStatus.IN_PROGRESS.value


def test_summaries_report_progress_and_count(open_ws: OpenWorkspace) -> None:
    cases = CaseService(open_ws.sign_in("supervisor"))
    for _ in range(3):
        cases.create_case(PERSON)
    seen: list[tuple[int, int]] = []
    rows = cases.summaries(lambda done, total: seen.append((done, total)))
    assert len(rows) == 3
    assert seen[-1] == (3, 3)


def test_purged_case_is_crypto_shredded(open_ws: OpenWorkspace) -> None:
    case_id, _session = start_interview(open_ws)
    with database.session_factory(open_ws.workspace.engine)() as session:
        wrapped = session.get(Case, case_id).wrapped_case_key  # type: ignore[union-attr]
        names_ct = session.get(Person, case_id).names_ct  # type: ignore[union-attr]
    CaseService(open_ws.sign_in("admin")).purge(case_id)
    with database.session_factory(open_ws.workspace.engine)() as session:
        assert session.get(Case, case_id) is None
        assert session.get(Person, case_id) is None
        assert session.execute(select(Answer)).first() is None
    # Neither the wrapped case key nor its ciphertexts survive anywhere on disk.
    for path in open_ws.workspace.path.iterdir():
        if path.is_file():
            raw = path.read_bytes()
            assert wrapped not in raw, path.name
            assert names_ct not in raw, path.name


def test_a_clashing_random_case_id_is_drawn_again(
    open_ws: OpenWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = CaseService(open_ws.sign_in("supervisor"))
    first = cases.create_case(PERSON)
    draws = iter([first, first, "C-FRES-H000"])
    monkeypatch.setattr("screening_app.storage.repositories.new_case_id", lambda: next(draws))
    second = cases.create_case(PERSON)
    assert second == "C-FRES-H000"
    assert {s.case_id for s in cases.summaries()} == {first, second}
