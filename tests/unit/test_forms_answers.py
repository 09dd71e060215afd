"""Answer values, partial dates, ages, and whether an answer fits its question."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from screening_app.forms.answer_check import check_answer
from screening_app.forms.answers import Answer, AnswerState, PartialDate, years_between
from screening_app.forms.loader import load_form
from screening_app.forms.model import Form

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "forms" / "sample-screening.yaml"


@pytest.fixture(scope="module")
def form() -> Form:
    return load_form(SAMPLE)


def test_only_an_answered_answer_carries_a_value() -> None:
    assert Answer.given("yes").is_answered
    assert Answer.declined().value is None
    with pytest.raises(ValueError, match="needs a value"):
        Answer(AnswerState.ANSWERED)
    with pytest.raises(ValueError, match="declined answer carries no value"):
        Answer(AnswerState.DECLINED, "yes")


def test_choice_lists_become_tuples_and_survive_json() -> None:
    answer = Answer.given(["a", "b"])
    assert answer.value == ("a", "b")
    assert Answer.from_json(answer.to_json()) == answer
    dated = Answer.given(date(2023, 5, 14), approximate=True)
    assert dated.to_json() == {"state": "answered", "value": "2023-05-14", "approximate": True}
    assert Answer.from_json({"state": "unknown"}) == Answer.unknown()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023", PartialDate(2023)),
        ("2023-05", PartialDate(2023, 5)),
        ("2023-05-14", PartialDate(2023, 5, 14)),
        ("2023-02-30", None),
        ("2023-13", None),
        ("23-05-14", None),
        ("May 2023", None),
    ],
)
def test_partial_dates_parse_only_iso_forms(text: str, expected: PartialDate | None) -> None:
    assert PartialDate.parse(text) == expected


def test_latest_day_of_a_partial_date() -> None:
    assert PartialDate(2024, 2).latest_day() == date(2024, 2, 29)
    assert PartialDate(2023, 12).latest_day() == date(2023, 12, 31)
    assert PartialDate(2023).latest_day() == date(2023, 12, 31)
    assert PartialDate(2023, 5).isoformat() == "2023-05"


def test_years_between_counts_completed_years() -> None:
    assert years_between(PartialDate(2000, 6, 1), date(2024, 6, 1)) == 24
    assert years_between(PartialDate(2000, 6, 2), date(2024, 6, 1)) == 23
    assert years_between(PartialDate(2000, 6), date(2024, 6, 15)) == 23


@pytest.mark.parametrize(
    ("question_id", "value", "problem"),
    [
        ("travelled_with", "alone", None),
        ("travelled_with", "bus", "'travelled_with' takes one of its choice ids"),
        ("work_problems", ["no_pay", "long_hours"], None),
        ("work_problems", ["no_pay", "no_pay"], "'work_problems': a choice is listed twice"),
        ("work_problems", ["robbery"], "'work_problems' takes only its own choice ids"),
        ("feels_safe", "unsure", None),
        ("feels_safe", "perhaps", "'feels_safe' takes yes, no or unsure"),
        ("age_estimate", 17, None),
        ("age_estimate", 17.5, "'age_estimate' takes a whole number"),
        ("age_estimate", 130, "'age_estimate' takes a number of at most 120"),
        ("hours_per_day", "ten", "'hours_per_day' takes a number"),
        ("birth_date", "2006", None),
        ("birth_date", "June 2006", "'birth_date' takes a date such as 2023-05-14"),
        ("nationality", "ER", None),
        ("nationality", "XX", "'nationality' takes an ISO 3166-1 country code such as 'ER'"),
        ("preferred_language", "fa-AF", None),
        ("preferred_language", "Farsi", "'preferred_language' takes a language code"),
        ("anything_else", "   ", "'anything_else' takes some text"),
    ],
)
def test_check_answer_names_the_question_not_the_value(
    form: Form, question_id: str, value: object, problem: str | None
) -> None:
    answer = Answer.given(value)  # type: ignore[arg-type]
    found = check_answer(form.question(question_id), answer)
    if problem is None:
        assert found is None
    else:
        assert found is not None and found.startswith(problem)
        assert str(value) not in found.replace(question_id, "")


def test_full_date_required_unless_partial_allowed(form: Form) -> None:
    from dataclasses import replace

    strict = replace(form.question("birth_date"), allow_partial=False)
    assert check_answer(strict, Answer.given("2006-04")) == (
        "'birth_date' takes a full date (year, month and day)"
    )


def test_declined_and_unknown_fit_every_question(form: Form) -> None:
    for question in form.questions():
        assert check_answer(question, Answer.declined()) is None
        assert check_answer(question, Answer.unknown()) is None


def test_only_dates_may_be_approximate(form: Form) -> None:
    assert check_answer(form.question("birth_date"), Answer.given("2006", approximate=True)) is None
    assert check_answer(form.question("age_estimate"), Answer.given(17, approximate=True)) == (
        "'age_estimate': only a date can be approximate"
    )
