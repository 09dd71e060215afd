"""The grounds of a referral in plain words, for the people who receive it.

The engine's own reasons are written for supervisors and auditors: every rule, every
indicator id and the question that raised it. A recipient needs less: which of the six
ILO/EC dimensions were met and by which indicators, named in words. When no dimension is
met (an in-depth interview recommended for a strong indicator alone), the dimensions with a
strong indicator are named instead. Forms of exploitation an in-depth interviewer recorded
follow, and a supervisor's override is stated with its reason.

The words are the English labels of ``assess.indicators``; there is no translation of them
yet, so every column of a report shows them in English.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from screening_app.assess import Strength, default_rules
from screening_app.assess.indicators import DIMENSION_LABELS, DIMENSIONS, INDICATOR_LABELS
from screening_app.reports import Text
from screening_app.reports.labels import OUTCOME_LABELS
from screening_app.services.answer_texts import shipped_form
from screening_app.services.assessments import EXPLOITATION_QUESTION, AssessmentRecord

IN_DEPTH_FORM = "in-depth-interview"


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


def _line(code: str, indicators: list[str]) -> Text:
    named = "; ".join(INDICATOR_LABELS.get(ident, ident) for ident in sorted(indicators))
    return Text.of("en", f"{DIMENSION_LABELS[code]}: {named}.")


def _described(kinds: tuple[str, ...]) -> Text:
    """The forms of exploitation the in-depth interviewer recorded, named as the form names
    them."""
    form = shipped_form(IN_DEPTH_FORM)
    question = form.question(EXPLOITATION_QUESTION) if form is not None else None
    names = []
    for kind in kinds:
        choice = question.choice(kind) if question is not None else None
        names.append(choice.text if choice is not None else kind)
    return Text.of("en", f"Forms of exploitation described: {'; '.join(names)}.")


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
        engine = OUTCOME_LABELS[record.engine_outcome]
        lines.append(
            Text.of(
                "en",
                f"Next step decided by the supervisor (the screening rules recommended: "
                f"{engine}). Reason: {override.reason}",
            )
        )
    return tuple(lines)
