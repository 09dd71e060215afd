"""The interview walk: skip logic, navigation, progress, and what answers raise."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from screening_app.forms.answers import Answer
from screening_app.forms.loader import load_form
from screening_app.forms.model import Question
from screening_app.forms.runtime import FormRuntime, SectionProgress

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "forms" / "sample-screening.yaml"
INTERVIEW_DAY = date(2024, 6, 1)


@pytest.fixture(scope="module")
def runtime() -> FormRuntime:
    return FormRuntime(load_form(SAMPLE), INTERVIEW_DAY)


def ids(questions: list[Question]) -> list[str]:
    return [question.id for question in questions]


def test_with_no_answers_conditions_on_missing_answers_hide_their_questions(
    runtime: FormRuntime,
) -> None:
    visible = ids(runtime.visible_questions({}))
    assert "birth_date" not in visible  # needs knows_birth_date == 'yes'
    assert "age_estimate" in visible  # not (knows_birth_date == 'yes')
    assert "work_problems" not in visible
    assert "anything_else" in visible


def test_an_answer_switches_between_birth_date_and_estimated_age(runtime: FormRuntime) -> None:
    knows = {"knows_birth_date": Answer.given("yes")}
    assert runtime.is_visible("birth_date", knows)
    assert not runtime.is_visible("age_estimate", knows)
    unsure = {"knows_birth_date": Answer.given("unsure")}
    assert not runtime.is_visible("birth_date", unsure)
    assert runtime.is_visible("age_estimate", unsure)


def test_hidden_questions_count_as_skipped_even_with_a_stored_answer(runtime: FormRuntime) -> None:
    answers = {
        "knows_birth_date": Answer.given("yes"),
        "birth_date": Answer.given("2010-02-03"),
        "age_estimate": Answer.given(12),  # stale: given before the answer above changed
    }
    effective = runtime.effective_answers(answers)
    assert effective["age_estimate"] == Answer.skipped()
    assert effective["birth_date"] == Answer.given("2010-02-03")
    _, flags = runtime.raised(answers)
    assert flags == {"possible_minor": ["birth_date"]}


def test_a_question_hidden_by_a_hidden_question_stays_hidden(runtime: FormRuntime) -> None:
    # hours_per_day depends on work_problems, which is hidden when worked is not 'yes'.
    answers = {
        "worked": Answer.given("no"),
        "work_problems": Answer.given(["long_hours"]),
        "hours_per_day": Answer.given(16),
    }
    assert not runtime.is_visible("hours_per_day", answers)
    indicators, _ = runtime.raised(answers)
    assert indicators == {}


def test_next_and_previous_skip_hidden_questions(runtime: FormRuntime) -> None:
    answers = {"knows_birth_date": Answer.given("no")}
    first = runtime.next_question(None, answers)
    assert first is not None and first.id == "feels_safe"
    following = runtime.next_question("knows_birth_date", answers)
    assert following is not None and following.id == "age_estimate"
    before = runtime.previous_question("age_estimate", answers)
    assert before is not None and before.id == "knows_birth_date"
    last = runtime.previous_question(None, answers)
    assert last is not None and last.id == "anything_else"
    assert runtime.next_question("anything_else", answers) is None
    assert runtime.previous_question("feels_safe", answers) is None


def test_unknown_question_id_is_a_key_error_naming_the_form(runtime: FormRuntime) -> None:
    with pytest.raises(KeyError, match="sample-screening"):
        runtime.next_question("no_such_question", {})


def test_progress_counts_shown_questions_per_section(runtime: FormRuntime) -> None:
    answers = {
        "feels_safe": Answer.given("yes"),
        "needs_doctor": Answer.declined(),
        "knows_birth_date": Answer.unknown(),
        "worked": Answer.skipped(),
    }
    progress = runtime.progress(answers)
    assert list(progress) == ["safety", "about_you", "work"]
    assert progress["safety"] == SectionProgress("safety", 2, 2)
    assert progress["safety"].complete
    # about_you shows knows_birth_date, age_estimate, nationality, language, travelled_with
    assert progress["about_you"] == SectionProgress("about_you", 1, 5)
    # work: worked, debt_amount is hidden (worked not answered), anything_else shown
    assert progress["work"] == SectionProgress("work", 0, 2)


def test_raised_gives_evidence_from_choices_and_conditions(runtime: FormRuntime) -> None:
    answers = {
        "feels_safe": Answer.given("no"),
        "needs_doctor": Answer.given("yes"),
        "travelled_with": Answer.given("organiser"),
        "worked": Answer.given("yes"),
        "work_problems": Answer.given(["long_hours", "papers_taken"]),
        "hours_per_day": Answer.given(14),
        "debt_amount": Answer.given(1500),
    }
    indicators, flags = runtime.raised(answers)
    assert indicators == {
        "VR.control_exploiters": ["travelled_with"],
        "EX.excessive_hours": ["work_problems", "hours_per_day"],
        "CD.documents_confiscated": ["work_problems"],
        "EX.bad_working": ["work_problems"],
        "CD.debt_bondage": ["debt_amount"],
    }
    assert flags == {
        "immediate_danger": ["feels_safe"],
        "medical_urgent": ["needs_doctor"],
        "unaccompanied": ["travelled_with"],
    }


def test_declined_unknown_and_skipped_raise_nothing(runtime: FormRuntime) -> None:
    for answer in (Answer.declined(), Answer.unknown(), Answer.skipped()):
        answers = {
            "feels_safe": answer,
            "travelled_with": answer,
            "worked": Answer.given("yes"),
            "work_problems": answer,
        }
        assert runtime.raised(answers) == ({}, {})


def test_age_from_a_year_only_birth_date_is_the_youngest_possible(runtime: FormRuntime) -> None:
    answers = {"knows_birth_date": Answer.given("yes"), "birth_date": Answer.given("2006")}
    # Born some day in 2006: on 1 June 2024 possibly still 17, so possibly a minor.
    assert runtime.raised(answers)[1] == {"possible_minor": ["birth_date"]}
    adult = {"knows_birth_date": Answer.given("yes"), "birth_date": Answer.given("2005")}
    assert runtime.raised(adult)[1] == {}


def test_missing_required_lists_shown_required_questions_without_an_answer(
    runtime: FormRuntime,
) -> None:
    assert ids(runtime.missing_required({})) == ["feels_safe"]
    assert runtime.missing_required({"feels_safe": Answer.declined()}) == []


def test_show_if_on_declined_answer_hides_the_last_question(runtime: FormRuntime) -> None:
    assert not runtime.is_visible("anything_else", {"feels_safe": Answer.declined()})
    assert runtime.is_visible("anything_else", {"feels_safe": Answer.given("yes")})
