"""The shipped instruments: format rules of docs/forms.md, coverage, wording, catalogs.

The structural rules are checked here independently of the form engine, straight from the
YAML, so a content mistake is caught even if the engine changes. A few scenarios then run
through the engine's runtime to check that the skip logic and flags behave as intended.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from screening_app.assess.indicators import DIMENSIONS, FLAG_IDS, INDICATOR_IDS, dimension_of
from screening_app.forms.answers import Answer
from screening_app.forms.loader import load_form
from screening_app.forms.runtime import FormRuntime

ROOT = Path(__file__).resolve().parents[2]
FORM_IDS = ("first-line-screening", "in-depth-interview")
TYPES = {
    "single_choice",
    "multiple_choice",
    "yes_no_unsure",
    "number",
    "date",
    "text",
    "country",
    "language",
}
CHOICE_TYPES = {"single_choice", "multiple_choice"}
TYPE_KEYS = {
    "single_choice": {"choices"},
    "multiple_choice": {"choices"},
    "number": {"min", "max", "unit", "integer"},
    "date": {"allow_partial"},
    "text": {"multiline"},
}
COMMON_KEYS = {"id", "type", "text", "help", "note", "show_if", "raises"}
TOP_KEYS = {
    "form",
    "version",
    "title",
    "description",
    "source_language",
    "exploitation_default",
    "sections",
}
IDENT = re.compile(r"^[a-z][a-z0-9_]*$")
EXPRESSION_WORDS = {"and", "or", "not", "in", "true", "false", "null"}
EXPRESSION_FUNCTIONS = {"answered", "declined", "unknown", "count", "age_years"}
MAX_WORDS_PER_SENTENCE = 22


def load(form_id: str) -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "forms" / f"{form_id}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def questions(form: dict[str, Any]) -> list[dict[str, Any]]:
    return [question for section in form["sections"] for question in section["questions"]]


def names_in(expression: str) -> set[str]:
    """Question ids an expression names: identifiers outside string literals."""
    without_strings = re.sub(r"'[^']*'|\"[^\"]*\"", " ", expression)
    words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", without_strings))
    return words - EXPRESSION_WORDS - EXPRESSION_FUNCTIONS


def raised_ids(form: dict[str, Any], key: str) -> set[str]:
    found: set[str] = set()
    for question in questions(form):
        for item in [*question.get("choices", []), *question.get("raises", [])]:
            found.update(item.get(key, []))
    return found


def all_texts(form: dict[str, Any]) -> Iterator[str]:
    yield form["title"]
    yield form["description"]
    for section in form["sections"]:
        yield section["title"]
        for question in section["questions"]:
            for key in ("text", "help", "note", "unit"):
                if key in question:
                    yield str(question[key])
            for choice in question.get("choices", []):
                yield choice["text"]


def read_aloud_texts(form: dict[str, Any]) -> Iterator[str]:
    for question in questions(form):
        yield question["text"]
        if "help" in question:
            yield question["help"]
        for choice in question.get("choices", []):
            yield choice["text"]


# -- format rules (docs/forms.md) -----------------------------------------------------
@pytest.mark.parametrize("form_id", FORM_IDS)
def test_form_top_level_follows_the_format(form_id: str) -> None:
    form = load(form_id)
    assert set(form) <= TOP_KEYS
    assert form["form"] == form_id
    assert form["version"] == "1.0.0"
    assert form["source_language"] == "en"
    assert form["exploitation_default"] in {"labour", "sexual"}
    assert form["sections"]


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_section_and_question_ids_are_unique_identifiers(form_id: str) -> None:
    form = load(form_id)
    section_ids = [section["id"] for section in form["sections"]]
    question_ids = [question["id"] for question in questions(form)]
    for ids in (section_ids, question_ids):
        assert len(ids) == len(set(ids))
        assert all(IDENT.match(item) for item in ids), ids


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_questions_have_known_types_and_only_their_keys(form_id: str) -> None:
    for question in questions(load(form_id)):
        kind = question["type"]
        assert kind in TYPES, question["id"]
        allowed = COMMON_KEYS | TYPE_KEYS.get(kind, set())
        assert set(question) <= allowed, (question["id"], set(question) - allowed)
        assert isinstance(question["text"], str) and question["text"].strip()
        assert ("choices" in question) == (kind in CHOICE_TYPES), question["id"]


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_choices_have_unique_ids_and_text(form_id: str) -> None:
    for question in questions(load(form_id)):
        choices = question.get("choices", [])
        ids = [choice["id"] for choice in choices]
        assert len(ids) == len(set(ids)), question["id"]
        for choice in choices:
            assert IDENT.match(choice["id"]), (question["id"], choice["id"])
            # A bare yes/no in YAML would be a boolean, not text.
            assert isinstance(choice["text"], str) and choice["text"].strip()
            assert set(choice) <= {"id", "text", "indicators", "flags"}


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_raised_ids_are_canonical_indicators_and_flags(form_id: str) -> None:
    form = load(form_id)
    assert raised_ids(form, "indicators") <= INDICATOR_IDS
    assert raised_ids(form, "flags") <= FLAG_IDS


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_conditions_name_only_earlier_questions(form_id: str) -> None:
    seen: set[str] = set()
    for question in questions(load(form_id)):
        if "show_if" in question:
            assert names_in(question["show_if"]) <= seen, question["id"]
        for rule in question.get("raises", []):
            # A rule may also name its own question.
            assert names_in(rule["when"]) <= seen | {question["id"]}, question["id"]
            assert rule.get("indicators") or rule.get("flags"), question["id"]
        seen.add(question["id"])


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_the_form_engine_accepts_the_form(form_id: str) -> None:
    form = load_form(ROOT / "forms" / f"{form_id}.yaml")
    assert form.id == form_id


# -- content ----------------------------------------------------------------------------
def test_first_line_screening_has_15_to_25_questions() -> None:
    assert 15 <= len(questions(load("first-line-screening"))) <= 25


def test_in_depth_interview_has_60_to_100_questions() -> None:
    assert 60 <= len(questions(load("in-depth-interview"))) <= 100


def test_in_depth_interview_raises_every_indicator() -> None:
    assert raised_ids(load("in-depth-interview"), "indicators") == INDICATOR_IDS


def test_first_line_screening_covers_every_dimension_but_vd() -> None:
    # VD (vulnerability at destination) needs the longer conversation; the first-line
    # form still reaches the adult combination through CD.
    dimensions = {dimension_of(i) for i in raised_ids(load("first-line-screening"), "indicators")}
    assert dimensions == set(DIMENSIONS) - {"VD"}


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_every_flag_can_be_raised(form_id: str) -> None:
    assert raised_ids(load(form_id), "flags") == FLAG_IDS


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_safety_and_age_come_before_the_journey(form_id: str) -> None:
    order = [question["id"] for question in questions(load(form_id))]
    for early in ("feels_safe", "needs_doctor", "age", "may_be_minor", "travelling_with"):
        assert order.index(early) < order.index("journey_harm"), early


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_language_and_nationality_questions_use_their_types(form_id: str) -> None:
    kinds = {question["id"]: question["type"] for question in questions(load(form_id))}
    assert kinds["interview_language"] == "language"
    assert kinds["preferred_language"] == "language"
    assert kinds["nationality"] == "country"
    assert kinds["birth_date"] == "date"
    assert kinds["age"] == "number"


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_no_text_says_victim_or_asks_why(form_id: str) -> None:
    for text in all_texts(load(form_id)):
        lowered = text.lower()
        assert "victim" not in lowered, text
        assert "why did you" not in lowered, text
        assert not lowered.startswith("why"), text


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_first_question_tells_the_person_they_may_stop_or_not_answer(form_id: str) -> None:
    agrees = next(q for q in questions(load(form_id)) if q["id"] == "agrees_to_talk")
    assert "do not have to answer" in agrees["help"]
    assert "stop at any time" in agrees["help"]


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_read_aloud_sentences_are_short(form_id: str) -> None:
    for text in read_aloud_texts(load(form_id)):
        for sentence in re.split(r"[.?!]\s+", text):
            assert len(sentence.split()) <= MAX_WORDS_PER_SENTENCE, sentence


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_lists_of_what_may_have_happened_offer_none(form_id: str) -> None:
    for question in questions(load(form_id)):
        raising = [c for c in question.get("choices", []) if c.get("indicators")]
        if question["type"] == "multiple_choice" and len(raising) >= 3:
            # A "none" choice keeps the question from leading the person.
            assert not question["choices"][-1].get("indicators"), question["id"]


def test_in_depth_interview_records_wishes_and_exploitation_types() -> None:
    by_id = {q["id"]: q for q in questions(load("in-depth-interview"))}
    wishes = {choice["id"] for choice in by_id["wanted_next"]["choices"]}
    assert {
        "return_home",
        "assisted_return",
        "stay",
        "work",
        "contact_family",
        "vocational_training",
    } <= wishes
    types = {choice["id"] for choice in by_id["exploitation_types"]["choices"]}
    assert {
        "labour",
        "sexual",
        "criminality",
        "begging",
        "domestic_servitude",
        "forced_marriage",
        "illegal_adoption",
        "surrogacy",
        "organ_removal",
    } <= types


def test_in_depth_work_details_are_asked_only_after_work() -> None:
    form = load("in-depth-interview")
    work = next(section for section in form["sections"] if section["id"] == "work")
    for question in work["questions"][1:]:
        assert question.get("show_if") == "has_worked == 'yes'", question["id"]


# -- behaviour through the engine -------------------------------------------------------
def runtime(form_id: str) -> FormRuntime:
    return FormRuntime(load_form(ROOT / "forms" / f"{form_id}.yaml"), date(2025, 6, 1))


def flags_for(form_id: str, answers: dict[str, Answer]) -> set[str]:
    return set(runtime(form_id).raised(answers)[1])


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_a_child_by_birth_date_travelling_alone_is_an_unaccompanied_minor(form_id: str) -> None:
    answers = {
        "knows_birth_date": Answer.given("yes"),
        "birth_date": Answer.given("2010-03"),
        "travelling_with": Answer.given(["alone"]),
    }
    assert flags_for(form_id, answers) == {"possible_minor", "unaccompanied"}


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_interviewer_doubt_about_a_stated_adult_age_presumes_minority(form_id: str) -> None:
    answers = {
        "knows_birth_date": Answer.given("no"),
        "age": Answer.given(19),
        "may_be_minor": Answer.given("unsure"),
        "travelling_with": Answer.given(["friends"]),
    }
    assert flags_for(form_id, answers) == {"possible_minor", "unaccompanied"}


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_a_child_with_a_parent_is_a_minor_but_not_unaccompanied(form_id: str) -> None:
    answers = {
        "knows_birth_date": Answer.given("no"),
        "age": Answer.given(12),
        "travelling_with": Answer.given(["parent_guardian"]),
    }
    assert flags_for(form_id, answers) == {"possible_minor"}


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_an_adult_travelling_alone_raises_no_flag(form_id: str) -> None:
    answers = {
        "knows_birth_date": Answer.given("no"),
        "age": Answer.given(34),
        "travelling_with": Answer.given(["alone"]),
    }
    rt = runtime(form_id)
    assert not rt.is_visible("may_be_minor", answers)
    assert set(rt.raised(answers)[1]) == set()


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_an_unknown_age_asks_the_interviewer_to_judge(form_id: str) -> None:
    answers = {"knows_birth_date": Answer.given("no"), "age": Answer.unknown()}
    assert runtime(form_id).is_visible("may_be_minor", answers)


def test_work_answers_of_a_person_who_did_not_work_raise_nothing() -> None:
    answers = {
        "has_worked": Answer.given("no"),
        "work_problems": Answer.given(["hurt", "long_hours"]),
    }
    indicators, _ = runtime("first-line-screening").raised(answers)
    assert indicators == {}


def test_long_working_hours_raise_excessive_hours() -> None:
    answers = {"has_worked": Answer.given("yes"), "hours_per_day": Answer.given(14)}
    indicators, _ = runtime("in-depth-interview").raised(answers)
    assert set(indicators) == {"EX.excessive_hours"}


# -- generated files ----------------------------------------------------------------------
@pytest.mark.parametrize("script", ["extract-form-messages", "describe-instruments"])
def test_generated_catalogs_and_tables_are_up_to_date(script: str) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / script), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_english_catalog_has_one_entry_per_text(form_id: str) -> None:
    from babel.messages.pofile import read_po

    folder = ROOT / "translations" / "forms" / form_id
    with (folder / "en.po").open("rb") as stream:
        catalog = read_po(stream)
    entries = [message for message in catalog if message.id]
    assert len(entries) == len(list(all_texts(load(form_id))))
    assert all(message.string == message.id for message in entries)
    assert all(message.context for message in entries)
    assert (folder / f"{form_id}.pot").is_file()
