"""Whether an answer fits its question: the right kind of value, a real choice, in range.

Messages name the question and what is expected, never the value itself: a value can be
a person's free text.
"""

from __future__ import annotations

import re
from functools import cache

from babel import Locale

from screening_app.forms.answers import Answer, PartialDate
from screening_app.forms.model import YES_NO_UNSURE_VALUES, Question, QuestionType

_COUNTRY = re.compile(r"[A-Z]{2}")
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def check_answer(question: Question, answer: Answer) -> str | None:
    """Why ``answer`` does not fit ``question``, or None when it does."""
    if answer.approximate and question.type is not QuestionType.DATE:
        return f"'{question.id}': only a date can be approximate"
    if not answer.is_answered:
        return None
    checks = {
        QuestionType.SINGLE_CHOICE: _single_choice,
        QuestionType.MULTIPLE_CHOICE: _multiple_choice,
        QuestionType.YES_NO_UNSURE: _yes_no_unsure,
        QuestionType.NUMBER: _number,
        QuestionType.DATE: _date,
        QuestionType.TEXT: _text,
        QuestionType.COUNTRY: _country,
        QuestionType.LANGUAGE: _language,
    }
    return checks[question.type](question, answer.value)


def _single_choice(question: Question, value: object) -> str | None:
    if isinstance(value, str) and value in question.choice_ids:
        return None
    return f"'{question.id}' takes one of its choice ids"


def _multiple_choice(question: Question, value: object) -> str | None:
    if not isinstance(value, tuple) or not value:
        return f"'{question.id}' takes a non-empty list of its choice ids"
    if len(set(value)) != len(value):
        return f"'{question.id}': a choice is listed twice"
    if any(item not in question.choice_ids for item in value):
        return f"'{question.id}' takes only its own choice ids"
    return None


def _yes_no_unsure(question: Question, value: object) -> str | None:
    if value in YES_NO_UNSURE_VALUES:
        return None
    return f"'{question.id}' takes yes, no or unsure"


def _number(question: Question, value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"'{question.id}' takes a number"
    if question.integer and not float(value).is_integer():
        return f"'{question.id}' takes a whole number"
    if question.min is not None and value < question.min:
        return f"'{question.id}' takes a number of at least {question.min}"
    if question.max is not None and value > question.max:
        return f"'{question.id}' takes a number of at most {question.max}"
    return None


def _date(question: Question, value: object) -> str | None:
    parsed = PartialDate.coerce(value)
    if parsed is None:
        return f"'{question.id}' takes a date such as 2023-05-14"
    if parsed.day is None and not question.allow_partial:
        return f"'{question.id}' takes a full date (year, month and day)"
    return None


def _text(question: Question, value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return f"'{question.id}' takes some text"
    return None


def _country(question: Question, value: object) -> str | None:
    if isinstance(value, str) and _COUNTRY.fullmatch(value) and value in _territories():
        return None
    return f"'{question.id}' takes an ISO 3166-1 country code such as 'ER'"


def _language(question: Question, value: object) -> str | None:
    if isinstance(value, str) and _LANGUAGE.fullmatch(value):
        return None
    return f"'{question.id}' takes a language code such as 'ti' or 'fa-AF'"


@cache
def _territories() -> frozenset[str]:
    codes = (str(code) for code in Locale("en").territories)
    return frozenset(code for code in codes if _COUNTRY.fullmatch(code))
