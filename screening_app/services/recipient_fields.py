"""What a recipient may receive: field ids, and which field each interview answer belongs to.

A referral always carries its core: reference, office and officer, date, recipient, urgency,
recommended next step, alerts, recommended services, end of the reflection period, consent
scope, interview languages, interpreters, form and rules versions. Everything else about the
person is a *field* that a recipient kind may or may not receive (data minimisation): the
person's details (``person.*``), the engine's reasons (``assessment.reasons``) and the
answers, grouped by topic (``answers.*``).

Each form question belongs to one field. A question that repeats a person detail (age,
birth date, nationality, languages) belongs to that detail's field, so a recipient who may
not see the nationality does not read it in an answer either. A question this table does not
know falls in ``answers.other``, which only the NRM coordinator gets by default: a new form
shares nothing new until someone decides who needs it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

PERSON_FIELDS: tuple[str, ...] = (
    "person.name",
    "person.birth_date",
    "person.age",
    "person.nationality",
    "person.gender",
    "person.languages",
)
ASSESSMENT_FIELDS: tuple[str, ...] = ("assessment.reasons",)
ANSWER_FIELDS: tuple[str, ...] = (
    "answers.interview",
    "answers.safety",
    "answers.health",
    "answers.family",
    "answers.background",
    "answers.journey",
    "answers.money",
    "answers.documents",
    "answers.work",
    "answers.living",
    "answers.wishes",
    "answers.notes",
    "answers.other",
)
FIELD_IDS: tuple[str, ...] = (*PERSON_FIELDS, *ASSESSMENT_FIELDS, *ANSWER_FIELDS)
UNMAPPED_FIELD = "answers.other"

# Section id -> field, for the sections of the shipped forms.
_SECTION_FIELDS: Mapping[str, str] = MappingProxyType(
    {
        "start": "answers.interview",
        "safety": "answers.safety",
        "about_you": "answers.background",
        "before_leaving": "answers.background",
        "recruitment": "answers.journey",
        "journey": "answers.journey",
        "money": "answers.money",
        "documents": "answers.documents",
        "work": "answers.work",
        "freedom": "answers.living",
        "living": "answers.living",
        "control": "answers.living",
        "situation_now": "answers.living",
        "other_experiences": "answers.living",
        "wishes": "answers.wishes",
        "closing": "answers.notes",
        "interviewer": "answers.notes",
    }
)

# Question id -> field, where a question does not belong with the rest of its section.
_QUESTION_FIELDS: Mapping[str, str] = MappingProxyType(
    {
        "interview_language": "person.languages",
        "preferred_language": "person.languages",
        "nationality": "person.nationality",
        "knows_birth_date": "person.birth_date",
        "birth_date": "person.birth_date",
        "age": "person.age",
        "may_be_minor": "person.age",
        "travelling_with": "answers.family",
        "needs_doctor": "answers.health",
        "needs_now": "answers.health",
        "documents_now": "answers.documents",
        "stay_papers": "answers.documents",
        "signed_papers": "answers.documents",
        "no_papers_used": "answers.documents",
        "anything_else": "answers.notes",
        "exploitation_types": "assessment.reasons",
        # The responder's own observations, recorded beside the form's answers.
        "responder.observations": "answers.notes",
    }
)


def field_of_question(section_id: str | None, question_id: str) -> str:
    """The field an answer to ``question_id`` (in ``section_id``) belongs to."""
    named = _QUESTION_FIELDS.get(question_id)
    if named is not None:
        return named
    if section_id is None:
        return UNMAPPED_FIELD
    return _SECTION_FIELDS.get(section_id, UNMAPPED_FIELD)


def unknown_fields(fields: tuple[str, ...] | list[str]) -> list[str]:
    """The ids in ``fields`` that are not field ids, in the order given."""
    known = set(FIELD_IDS)
    return [name for name in fields if name not in known]
