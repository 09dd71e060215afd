"""The grounds of a referral in plain words, for the people who receive it.

The engine's own reasons are written for supervisors and auditors: every rule, every
indicator id and the question that raised it. A recipient needs less: which of the six
ILO/EC dimensions were met and by which indicators, named in words. When no dimension is
met (an in-depth interview recommended for a strong indicator alone), the dimensions with a
strong indicator are named instead. Forms of exploitation an in-depth interviewer recorded
follow, and a supervisor's override is stated with its reason.

Every line is made in every report language, English first, so a report prints it in the
recipient's language and beside it in a second one. The dimension and indicator labels and
the sentences come from the report catalogs (``i18n.report_texts``; unreviewed
translations), the forms of exploitation from the in-depth form's own catalogs, the
recommended step from the report's labels. A word with no translation in a language is
printed in English there. The supervisor's reason is free text: it stays as written (with
invisible direction marks where its script runs against the sentence's).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from screening_app.assess import Strength, default_rules
from screening_app.assess.indicators import DIMENSIONS, INDICATOR_LABELS
from screening_app.forms import Question
from screening_app.i18n import FormTexts
from screening_app.i18n.report_texts import (
    REASON_EXPLOITATION,
    REASON_LINE,
    REASON_OVERRIDE,
    REASON_SEPARATOR,
    SOURCE_LANGUAGE,
    dimension_key,
    indicator_key,
    report_languages,
    report_words,
)
from screening_app.reports import Text
from screening_app.reports.labels import report_labels
from screening_app.reports.scripts import language_direction, script_direction, text_script
from screening_app.services.answer_texts import shipped_form
from screening_app.services.assessments import EXPLOITATION_QUESTION, AssessmentRecord

IN_DEPTH_FORM = "in-depth-interview"
DIRECTION_MARKS = {"ltr": "\u200e", "rtl": "\u200f"}


def _strong(record: AssessmentRecord) -> frozenset[str]:
    """Indicators that are strong in the set the assessment used (when the rules in force
    are the ones it was made with)."""
    rules = default_rules()
    if rules.version != record.rules_version:
        return frozenset()
    profile = rules.profile(record.result["profile"], record.result["exploitation"])
    found = [
        ident
        for dimension in record.result["dimensions"].values()
        for ident in dimension["indicators"]
        if profile.strength_of(ident) is Strength.STRONG
    ]
    return frozenset(found)


def _in_every_language(make: Callable[[str], str]) -> Text:
    """A text made by ``make`` for each report language, English first."""
    return Text({code: make(code) for code in report_languages()})


def _indicator(ident: str, words: Mapping[str, str]) -> str:
    """An indicator's label; an id the labels do not know (from newer rules) prints as is."""
    if ident not in INDICATOR_LABELS:
        return ident
    return words[indicator_key(ident)]


def _line(code: str, indicators: list[str]) -> Text:
    def make(language: str) -> str:
        words = report_words(language)
        named = words[REASON_SEPARATOR].join(_indicator(i, words) for i in sorted(indicators))
        dimension = words[dimension_key(code)]
        return words[REASON_LINE].format(dimension=dimension, indicators=named)

    return _in_every_language(make)


@functools.cache
def _form_texts(form_id: str, language: str) -> FormTexts:
    return FormTexts(form_id, language)


def _kind_name(question: Question | None, kind: str, language: str) -> str:
    """A form of exploitation as the in-depth form names it in ``language`` (English when
    its catalog has no translation)."""
    choice = question.choice(kind) if question is not None else None
    if question is None or choice is None:
        return kind
    if language == SOURCE_LANGUAGE:
        return choice.text
    context = f"{question.section_id}.{question.id}.choices.{choice.id}"
    return _form_texts(IN_DEPTH_FORM, language).text(context, choice.text)


def _described(kinds: tuple[str, ...]) -> Text:
    """The forms of exploitation the in-depth interviewer recorded."""
    form = shipped_form(IN_DEPTH_FORM)
    question = form.question(EXPLOITATION_QUESTION) if form is not None else None

    def make(language: str) -> str:
        words = report_words(language)
        names = words[REASON_SEPARATOR].join(_kind_name(question, k, language) for k in kinds)
        return words[REASON_EXPLOITATION].format(kinds=names)

    return _in_every_language(make)


def _as_written(reason: str, language: str) -> str:
    """The supervisor's words, to be set inside a sentence in ``language``.

    Words in a script that runs the other way (an English reason in an Arabic sentence) are
    each held between two direction marks of their own direction. The report breaks a
    sentence into lines before it reorders each line, so one pair of marks around the whole
    reason would not reach its second line, and a line ending in such words would show their
    punctuation at the wrong end. The marks are invisible: the words print as written.
    """
    script = text_script(reason)
    if script is None:
        return reason
    own = script_direction(script)
    if own == language_direction(language):
        return reason
    mark = DIRECTION_MARKS[own]
    return " ".join(f"{mark}{word}{mark}" if word else word for word in reason.split(" "))


def _overridden(engine_outcome: str, reason: str) -> Text:
    """The supervisor's decision: the rules' step in each language, the reason as written."""

    def make(language: str) -> str:
        recommended = report_labels(language).outcome(engine_outcome)
        written = _as_written(reason, language)
        return report_words(language)[REASON_OVERRIDE].format(
            recommended=recommended, reason=written
        )

    return _in_every_language(make)


def referral_reasons(record: AssessmentRecord) -> tuple[Text, ...]:
    dimensions: Mapping[str, Any] = record.result["dimensions"]
    met = [code for code in DIMENSIONS if dimensions[code]["positive"]]
    lines = [_line(code, list(dimensions[code]["indicators"])) for code in met]
    if not met:
        strong = _strong(record)
        for code in DIMENSIONS:
            found = [i for i in dimensions[code]["indicators"] if i in strong]
            if found:
                lines.append(_line(code, found))
    if record.exploitation_types:
        lines.append(_described(record.exploitation_types))
    override = record.override
    if override is not None:
        lines.append(_overridden(record.engine_outcome, override.reason))
    return tuple(lines)
