"""Scripted walks through the shipped forms: an answers file is played through the interview
runtime question by question (skip logic live), the raised indicators and flags go to the
assessment engine, and the result is compared with what the file expects.

Independently of the engine, the raw YAML is read to check that every indicator raised is one
the form declares for the questions that were shown and answered.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from screening_app.assess import AssessmentInput, assess
from screening_app.forms import Answer, FormRuntime, load_form
from screening_app.locations import forms_dir

WALKS = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "walks").glob("*.json"))
SPECIAL = {"<declined>": Answer.declined, "<unknown>": Answer.unknown}


def play(form_id: str, scripted: dict[str, Any]) -> tuple[dict[str, Answer], list[str]]:
    """Answer question after question as the interview screen would; unscripted questions
    are skipped. Returns the answers and the order in which questions were shown."""
    runtime = FormRuntime(load_form(forms_dir() / f"{form_id}.yaml"))
    answers: dict[str, Answer] = {}
    shown: list[str] = []
    question = runtime.next_question(None, answers)
    while question is not None:
        shown.append(question.id)
        value = scripted.get(question.id)
        if value is None:
            answers[question.id] = Answer.skipped()
        elif isinstance(value, str) and value in SPECIAL:
            answers[question.id] = SPECIAL[value]()
        else:
            answers[question.id] = Answer.given(value)
        question = runtime.next_question(question.id, answers)
    return answers, shown


def declared_by_yaml(form_id: str, answers: dict[str, Answer]) -> set[str]:
    """Indicators the raw YAML attaches to the chosen choices and to the raise rules of the
    answered questions (read without the form engine)."""
    raw = yaml.safe_load((forms_dir() / f"{form_id}.yaml").read_text(encoding="utf-8"))
    declared: set[str] = set()
    for section in raw["sections"]:
        for question in section["questions"]:
            answer = answers.get(question["id"])
            if answer is None or not answer.is_answered:
                continue
            value = answer.value
            chosen = set(value) if isinstance(value, tuple) else {value}
            for choice in question.get("choices", []):
                if choice["id"] in chosen:
                    declared.update(choice.get("indicators", []))
            for rule in question.get("raises", []):
                declared.update(rule.get("indicators", []))
    return declared


@pytest.mark.parametrize("walk", WALKS, ids=[p.stem for p in WALKS])
def test_walk_raises_what_the_form_declares_and_assesses_as_expected(walk: Path) -> None:
    script = json.loads(walk.read_text(encoding="utf-8"))
    form_id, expect = script["form"], script["expect"]
    answers, shown = play(form_id, script["answers"])

    unshown = set(script["answers"]) - set(shown)
    assert not unshown, f"scripted answers for questions skip logic hid: {sorted(unshown)}"

    runtime = FormRuntime(load_form(forms_dir() / f"{form_id}.yaml"))
    indicators, flags = runtime.raised(answers)
    assert set(indicators) == set(expect["indicators"])
    assert set(flags) == set(expect["flags"])
    assert set(indicators) <= declared_by_yaml(form_id, answers)
    for ident, questions in indicators.items():
        assert questions and set(questions) <= set(shown), ident

    result = assess(
        AssessmentInput(
            indicators=frozenset(indicators),
            flags=frozenset(flags),
            exploitation=expect.get("exploitation", "labour"),
            requests=frozenset(expect.get("requests", [])),
            evidence={k: tuple(v) for k, v in {**indicators, **flags}.items()},
        )
    )
    assert result.input.minor_presumed == (expect["profile"] == "child")
    assert result.outcome == expect["outcome"]
    assert result.urgency == expect["urgency"]
    positive = {code for code, dim in result.dimensions.items() if dim.positive}
    assert positive == set(expect["positive"])
    assert set(expect.get("services_include", [])) <= set(result.services)
    assert "law_enforcement" not in result.services  # no consent was given
    # Every reason that cites questions cites questions that were really asked.
    for reason in result.reasons:
        assert set(reason.questions) <= set(shown)
