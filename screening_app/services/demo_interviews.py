"""Demo interviews: plausible, fictional answers to the shipped first-line form.

Each demo case gets a "risk" drawn from the fixed seed; a walker answers the form question by
question (skip logic live), picking answers that raise indicators more often the higher the
risk, so the demo spreads over every outcome and urgency. Free text is marked as demo text.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from screening_app.assess import AssessmentInput, assess
from screening_app.core.records import AnswerRecord, AnswerStatus, CaseStatus, PersonDetails
from screening_app.forms import Answer, Form, FormRuntime, Question, QuestionType, load_form
from screening_app.locations import forms_dir

DEMO_FORM = "first-line-screening"
INTERVIEW_LANGUAGES = frozenset({"en", "fr", "ar", "fa", "ti", "bn", "uk", "ru"})
LOCAL_LANGUAGE = "en"
_DEMO_TEXTS = (
    "(demo) Asks to call a cousin.",
    "(demo) Worried about a younger brother still at home.",
    "(demo) Would like to rest before talking more.",
)
# Statuses whose interview is over; an in-progress case stops half way.
_FINISHED = frozenset(
    {
        CaseStatus.AWAITING_REVIEW,
        CaseStatus.RETURNED,
        CaseStatus.APPROVED,
        CaseStatus.REFERRED,
        CaseStatus.CLOSED,
    }
)


# Questions whose answer raises an urgent flag: rarer in the demo than ordinary indicators.
_ALARM_WHEN_NO = frozenset({"feels_safe"})
_ALARM_WHEN_YES = frozenset({"afraid_of_someone", "needs_doctor"})


@dataclass(frozen=True)
class DemoInterview:
    form: Form
    language: str
    answers: list[tuple[str, Answer]]
    next_question: str | None
    finished: bool
    urgency: str | None
    outcome: str | None


def load_demo_form() -> Form:
    return load_form(forms_dir() / f"{DEMO_FORM}.yaml")


def _pick_answer(
    rng: random.Random, question: Question, risk: float, person: PersonDetails, language: str
) -> Answer:
    if rng.random() < 0.04:
        return Answer.declined()
    kind = question.type
    if kind is QuestionType.LANGUAGE:
        return Answer.given(language)
    if kind is QuestionType.COUNTRY:
        return Answer.given(person.nationality or "ER")
    if kind is QuestionType.NUMBER:
        if person.estimated_age is None:
            return Answer.unknown()
        return Answer.given(person.estimated_age)
    if kind is QuestionType.DATE:
        return Answer.given(person.date_of_birth or "2000", approximate=True)
    if kind is QuestionType.TEXT:
        return Answer.given(rng.choice(_DEMO_TEXTS))
    if kind is QuestionType.YES_NO_UNSURE:
        return Answer.given(_yes_no(rng, question, risk))
    return _pick_choices(rng, question, risk)


def _yes_no(rng: random.Random, question: Question, risk: float) -> str:
    if question.id == "agrees_to_talk":
        return "yes"
    if question.id in _ALARM_WHEN_NO:
        return "no" if rng.random() < risk * 0.12 else "yes"
    if question.id in _ALARM_WHEN_YES:
        return "yes" if rng.random() < risk * 0.12 else "no"
    roll = rng.random()
    if roll < risk * 0.6:
        return "yes"
    return "unsure" if roll > 0.93 else "no"


def _pick_choices(rng: random.Random, question: Question, risk: float) -> Answer:
    raising = [c.id for c in question.choices if c.indicators or c.flags]
    quiet = [c.id for c in question.choices if not (c.indicators or c.flags)]
    if question.type is QuestionType.SINGLE_CHOICE:
        pool = raising if raising and rng.random() < risk * 0.7 else (quiet or raising)
        return Answer.given(rng.choice(pool))
    chosen = [c for c in raising if rng.random() < risk * 0.6]
    if not chosen:
        ordinary = [c for c in quiet if c not in ("none", "nothing", "none_described")]
        none_choice = next((c for c in quiet if c in ("none", "nothing", "none_described")), None)
        if ordinary and (none_choice is None or rng.random() < 0.5):
            chosen = [rng.choice(ordinary)]
        elif none_choice is not None:
            chosen = [none_choice]
        else:
            chosen = [rng.choice(quiet or raising)]
    return Answer.given(sorted(chosen))


def demo_interview(
    rng: random.Random, form: Form, person: PersonDetails, status: CaseStatus
) -> DemoInterview:
    """Walk the form for one demo person; assess the result when the interview is over."""
    runtime = FormRuntime(form)
    spoken = [code for code in person.languages if code in INTERVIEW_LANGUAGES]
    language = spoken[0] if spoken else LOCAL_LANGUAGE
    risk = rng.random() ** 0.8
    finished = status in _FINISHED
    answers: dict[str, Answer] = {}
    order: list[tuple[str, Answer]] = []
    question = runtime.next_question(None, answers)
    stop_after = sum(1 for _ in form.questions()) if finished else rng.randint(2, 10)
    while question is not None and len(order) < stop_after:
        answer = _pick_answer(rng, question, risk, person, language)
        answers[question.id] = answer
        order.append((question.id, answer))
        question = runtime.next_question(question.id, answers)
    if not finished:
        return DemoInterview(
            form, language, order, question.id if question else None, False, None, None
        )
    indicators, flags = runtime.raised(answers)
    result = assess(
        AssessmentInput(
            age=person.estimated_age,
            indicators=frozenset(indicators),
            flags=frozenset(flags),
            interview_language=language,
            local_language=LOCAL_LANGUAGE,
            evidence={k: tuple(v) for k, v in {**indicators, **flags}.items()},
        )
    )
    return DemoInterview(form, language, order, None, True, result.urgency, result.outcome)


def answer_record(question_id: str, answer: Answer, language: str) -> AnswerRecord:
    """The stored form of a runtime answer, asked and answered in the interview language."""
    data: dict[str, Any] = answer.to_json()
    extra = {"approximate": True} if answer.approximate else {}
    interpreter = None if language == LOCAL_LANGUAGE else "interpreter"
    return AnswerRecord(
        question_id=question_id,
        status=AnswerStatus(data["state"]),
        value=data.get("value"),
        language_asked=language,
        language_answered=language,
        interpreter=interpreter,
        extra=extra,
    )
