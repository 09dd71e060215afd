"""``case.json``: a case told in the exchange vocabulary (``packets.format.CASE_FIELDS``).

Each exchange name draws on one directory field (``services.recipient_fields``), or on the
core of a referral that every recipient receives (case id, dates, the child flag, the
outcome and the recommended services, which the report always prints too). A name goes
into a packet only when

1. the person's consent covers the recipient (checked before, as for the report),
2. the recipient's directory entry allows the field it draws on,
3. the recipient's signed key entry lists the name among the fields it accepts, and
4. the case holds a value for it.

``consent_scope`` is the set of names allowed by 2 and 3; ``case.json`` holds those with a
value. Nothing else about the person can reach the file: values are read here, name by name.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from screening_app.assess.indicators import DIMENSIONS
from screening_app.core.records import AnswerStatus
from screening_app.services.case_record import CaseRecord
from screening_app.services.consents import consent_question_id
from screening_app.services.recipients import RecipientEntry
from screening_app.services.referral_reasons import referral_reasons

CORE = ""  # every recipient gets the referral's core
NOT_RECORDED = "-"  # no form records it yet, so no recipient may be given it
Reader = Callable[[CaseRecord, RecipientEntry], Any]

# Age groups of the Human Trafficking Case Data Standard, upper bounds inclusive.
_AGE_GROUPS: tuple[tuple[int, str], ...] = (
    (8, "0-8"),
    (17, "9-17"),
    (20, "18-20"),
    (23, "21-23"),
    (26, "24-26"),
    (29, "27-29"),
    (38, "30-38"),
    (47, "39-47"),
)
_COERCION_DIMENSIONS = ("CR", "CD")


def _age_group(age: int | None) -> str | None:
    if age is None:
        return None
    return next((label for top, label in _AGE_GROUPS if age <= top), "48+")


def _indicators(record: CaseRecord, dimensions: Collection[str] = DIMENSIONS) -> list[str]:
    if record.assessment is None:
        return []
    found = record.assessment.result["dimensions"]
    return sorted(i for code in dimensions for i in found[code]["indicators"])


def _answer(record: CaseRecord, question_id: str) -> Any:
    value = None
    for session in record.sessions:
        answer = session.answers.get(question_id)
        if answer is not None and answer.status is AnswerStatus.ANSWERED:
            value = answer.value
    return value


def _interview_language(record: CaseRecord, _r: RecipientEntry) -> str | None:
    return next((s.interviewee_language for s in record.sessions if s.interviewee_language), None)


def _exploitation(record: CaseRecord, _r: RecipientEntry) -> list[str] | None:
    assessment = record.assessment
    if assessment is None:
        return None
    return list(assessment.exploitation_types) or [assessment.exploitation_profile]


def _consent_date(record: CaseRecord, recipient: RecipientEntry) -> str | None:
    found = None
    question = consent_question_id(recipient.kind)
    for session in record.sessions:
        answer = session.answers.get(question)
        if answer is not None and answer.answered_at:
            found = answer.answered_at[:10]
    return found


def _reasons(record: CaseRecord, _r: RecipientEntry) -> list[str] | None:
    if record.assessment is None:
        return None
    return [text.versions["en"] for text in referral_reasons(record.assessment)]


def _outcome(record: CaseRecord, _r: RecipientEntry) -> str | None:
    return record.assessment.outcome if record.assessment else None


def _profile(record: CaseRecord, _r: RecipientEntry) -> str | None:
    assessment = record.assessment
    if assessment is None:
        return None
    return f"{assessment.result['profile']}-{assessment.exploitation_profile}"


def _needs(record: CaseRecord, _r: RecipientEntry) -> list[str] | None:
    return list(record.assessment.services) if record.assessment else None


# Exchange name -> (directory field it draws on, or CORE; how its value is read).
SOURCES: Mapping[str, tuple[str, Reader]] = MappingProxyType(
    {
        "caseId": (CORE, lambda rec, _r: rec.case_id),
        "registrationDate": (CORE, lambda rec, _r: rec.created[:10]),
        "givenNames": ("person.name", lambda rec, _r: rec.person.given_names),
        "familyName": ("person.name", lambda rec, _r: rec.person.family_name),
        "gender": ("person.gender", lambda rec, _r: rec.person.gender),
        "estimatedAge": ("person.age", lambda rec, _r: rec.person.estimated_age),
        "ageBroad": ("person.age", lambda rec, _r: _age_group(rec.person.estimated_age)),
        "majorityStatus": (CORE, lambda rec, _r: "minor" if rec.is_child else "adult"),
        "citizenship": ("person.nationality", lambda rec, _r: rec.person.nationality),
        "languages": ("person.languages", lambda rec, _r: list(rec.person.languages)),
        "interviewLanguage": ("person.languages", _interview_language),
        "countryOfExploitation": (NOT_RECORDED, lambda _rec, _r: None),
        "typeOfExploitation": ("assessment.reasons", _exploitation),
        "meansOfControl": (
            "assessment.reasons",
            lambda rec, _r: _indicators(rec, _COERCION_DIMENSIONS),
        ),
        "recruiterRelationship": (
            "answers.journey",
            lambda rec, _r: _answer(rec, "journey_organised_by"),
        ),
        "indicatorsMet": ("assessment.reasons", lambda rec, _r: _indicators(rec)),
        "assessmentOutcome": (CORE, _outcome),
        "assessmentProfile": (CORE, _profile),
        "needs": (CORE, _needs),
        "referralReason": ("assessment.reasons", _reasons),
        "contact": (NOT_RECORDED, lambda _rec, _r: None),
        "consentDate": (CORE, _consent_date),
    }
)


@dataclass(frozen=True)
class CaseExchange:
    """What one packet carries about the case: the scope and the values within it."""

    scope: tuple[str, ...]
    fields: Mapping[str, Any]


def exchange_scope(recipient: RecipientEntry, accepted: Collection[str]) -> tuple[str, ...]:
    """Names the directory entry allows and the recipient's signed entry accepts."""
    return tuple(
        name
        for name, (field, _read) in SOURCES.items()
        if name in accepted and (field == CORE or recipient.may_receive(field))
    )


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ()


def case_exchange(
    record: CaseRecord, recipient: RecipientEntry, accepted: Collection[str]
) -> CaseExchange:
    """``case.json`` for ``recipient`` (consent must already have been checked)."""
    scope = exchange_scope(recipient, accepted)
    values = {name: SOURCES[name][1](record, recipient) for name in scope}
    return CaseExchange(scope, {name: v for name, v in values.items() if not _empty(v)})
