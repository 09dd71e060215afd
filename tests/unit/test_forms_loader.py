"""Loading and validating form files: every problem is found, on the right line."""

from __future__ import annotations

from pathlib import Path

import pytest

from screening_app.core.errors import FormError
from screening_app.forms.loader import load_form, parse_form, validate_form
from screening_app.forms.model import QuestionType

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "forms"
BROKEN = FIXTURES / "broken"
SAMPLE = FIXTURES / "sample-screening.yaml"

# file -> every (line, message) its validation must report, and nothing else.
EXPECTED: dict[str, list[tuple[int, str]]] = {
    "unknown-keys.yaml": [
        (11, "question 'feels_safe': unknown key 'shwo_if' (did you mean 'show_if'?)"),
        (15, "question 'age': unknown key 'maximum'"),
        (16, "form: unknown key 'authors'"),
    ],
    "missing-keys.yaml": [
        (1, "form: missing key 'version'"),
        (4, "section 'first': missing key 'title'"),
        (6, "question 'feels_safe': missing key 'text'"),
        (12, "question 'travelled_with': choice 'alone': missing key 'text'"),
        (13, "question 'travelled_with': choice at line 13: missing key 'id'"),
    ],
    "bad-types.yaml": [
        (10, "question 'feels_safe': 'text' must be text (write 'yes' in quotes"),
        (12, "question 'age': unknown type 'numbr' (did you mean 'number'?)"),
        (17, "question 'hours': 'min' must be a number"),
        (18, "question 'hours': 'integer' must be true or false"),
        (22, "question 'papers': 'choices' must be a list"),
    ],
    "duplicate-ids.yaml": [
        (11, "duplicate question id 'feels_safe' (first at line 8)"),
        (14, "duplicate section id 'first' (first at line 5)"),
        (20, "question 'travelled_with': duplicate key 'text' (first at line 19)"),
        (24, "question 'travelled_with': duplicate choice id 'alone' (first at line 22)"),
    ],
    "unknown-ids.yaml": [
        (
            13,
            "question 'locked_in': unknown indicator 'CD.isolatoin' (did you mean 'CD.isolation'?)",
        ),
        (14, "question 'locked_in': unknown flag 'in_danger'"),
        (21, "question 'travelled_with': unknown indicator 'VR.control'"),
    ],
    "bad-references.yaml": [
        (
            11,
            "question 'worked': show_if: 'age' is asked later (line 24); a condition may only "
            "name earlier questions (column 1)",
        ),
        (
            15,
            "question 'work_kind': show_if: 'worked' is answered yes, no or unsure, not 'maybe' "
            "(column 11)",
        ),
        (15, "show_if of 'work_kind' cannot depend on 'work_kind' itself (column 23)"),
        (22, "raises when: count() needs a multiple_choice question; 'work_kind' is single_choice"),
        (22, "raises when: question 'work_kind' has no choice 'mine' (column 14)"),
        (27, "question 'age': show_if: unknown function 'reported'"),
        (27, "question 'age': show_if: unknown question 'wrk' (column 10)"),
        (31, "'work_kind' is a single_choice question and has no order for '<' (column 11)"),
        (31, "the show_if of 'started' cannot depend on 'started' itself (column 24)"),
    ],
    "bad-expressions.yaml": [
        (14, "question 'paid': show_if: unknown operator '=' (use '==') (column 8)"),
        (18, "question 'hours': show_if: text not closed (missing quote) (column 11)"),
        (
            20,
            "question 'hours': raises when: comparisons cannot be chained; join them with 'and' "
            "(column 12)",
        ),
        (25, "question 'days': show_if: expected a value, found end of condition (column 21)"),
    ],
    "bad-version.yaml": [
        (1, "form id 'another-name' does not match the file name 'bad-version.yaml'"),
        (2, "version '1.2' is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.2.0)"),
        (4, "form: exploitation_default must be one of labour, sexual, not 'forced'"),
        (6, "section 'form': the id 'form' is reserved for the form's own texts"),
        (9, "question 'in': the id is a word of the condition language"),
    ],
    "choices-and-limits.yaml": [
        (9, "question 'travelled_with': a single_choice question needs 'choices'"),
        (14, "question 'papers': 'choices' is empty"),
        (18, "question 'age': min (120) is greater than max (0)"),
        (21, "question 'age': 'choices' does not apply to a number question"),
        (26, "question 'note_only': 'allow_partial' does not apply to a text question"),
        (29, "section 'empty': has no questions"),
    ],
    "syntax-error.yaml": [
        # The wording after "YAML syntax error:" is the YAML parser's own.
        (10, "YAML syntax error: "),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_problem_in_a_broken_form_is_reported_with_its_line(name: str) -> None:
    path = BROKEN / name
    problems = validate_form(path)
    rendered = [str(problem) for problem in problems]
    for line, fragment in EXPECTED[name]:
        prefix = f"{path}:{line}: "
        assert any(text.startswith(prefix) and fragment in text for text in rendered), (
            f"{prefix}...{fragment} not in {rendered}"
        )
    assert len(problems) == len(EXPECTED[name]), rendered


def test_every_broken_fixture_has_its_expectations() -> None:
    assert {path.name for path in BROKEN.glob("*.yaml")} == set(EXPECTED)


def test_load_form_raises_form_error_naming_file_and_line() -> None:
    path = BROKEN / "unknown-ids.yaml"
    with pytest.raises(FormError) as caught:
        load_form(path)
    assert f"{path}:13: question 'locked_in': unknown indicator 'CD.isolatoin'" in str(caught.value)


def test_sample_form_is_valid_and_uses_every_question_type() -> None:
    assert validate_form(SAMPLE) == []
    form = load_form(SAMPLE)
    assert {question.type for question in form.questions()} == set(QuestionType)
    assert form.id == "sample-screening"
    assert form.version == "0.3.1"
    assert [section.id for section in form.sections] == ["safety", "about_you", "work"]


def test_sample_form_keeps_every_feature_of_the_format() -> None:
    form = load_form(SAMPLE)
    feels_safe = form.question("feels_safe")
    assert feels_safe.required is True
    assert feels_safe.help and feels_safe.note
    assert feels_safe.raises[0].flags == ("immediate_danger",)
    birth_date = form.question("birth_date")
    assert birth_date.allow_partial is True
    assert birth_date.show_if is not None
    assert birth_date.show_if.source == "knows_birth_date == 'yes'"
    age = form.question("age_estimate")
    assert (age.min, age.max, age.integer, age.unit) == (0, 120, True, "years")
    organiser = form.question("travelled_with").choice("organiser")
    assert organiser is not None
    assert organiser.indicators == ("VR.control_exploiters",)
    assert organiser.flags == ("unaccompanied",)
    assert form.question("anything_else").multiline is True


def test_line_numbers_point_at_the_question_and_its_texts() -> None:
    form = load_form(SAMPLE)
    question = form.question("feels_safe")
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    assert lines[question.line - 1].strip() == "- id: feels_safe"
    assert lines[question.source_lines["note"] - 1].strip().startswith("note:")


def test_missing_file_is_one_problem() -> None:
    missing = BROKEN / "no-such-form.yaml"
    assert [str(problem) for problem in validate_form(missing)] == [f"{missing}:1: file not found"]


def test_empty_text_is_reported_as_empty_file() -> None:
    form, problems = parse_form("", "empty.yaml")
    assert form is None
    assert [str(problem) for problem in problems] == ["empty.yaml:1: the file is empty"]


def test_a_root_that_is_not_a_mapping_is_reported() -> None:
    _, problems = parse_form("- just\n- a list\n", "list.yaml")
    assert [str(problem) for problem in problems] == [
        "list.yaml:1: form must be a mapping of keys to values"
    ]


def test_reference_to_a_broken_earlier_question_is_not_reported_twice() -> None:
    text = (
        "form: x\nversion: 1.0.0\ntitle: X\nsections:\n"
        "  - id: s\n    title: S\n    questions:\n"
        "      - id: first\n        type: yes_no_maybe\n        text: First?\n"
        "      - id: second\n        type: text\n        text: Second?\n"
        "        show_if: \"first == 'yes'\"\n"
    )
    _, problems = parse_form(text, "x.yaml")
    assert [problem.line for problem in problems] == [9]
    assert "unknown type 'yes_no_maybe'" in problems[0].message
