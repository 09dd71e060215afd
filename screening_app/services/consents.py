"""Informed consent, recipient by recipient, recorded in the interview like any answer.

Each decision is one answer of the interview session (question id ``consent.<recipient>``),
so it is encrypted, saved at once, and carries the languages it was asked and answered in
and who interpreted, exactly like the questions of the form. Consent to share with law
enforcement is its own decision and never affects the help offered.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from screening_app.core.records import AnswerRecord, AnswerStatus

CONSENT_PREFIX = "consent."


class Recipient(StrEnum):
    NRM_COORDINATOR = "nrm_coordinator"
    CHILD_PROTECTION = "child_protection"
    GUARDIAN = "guardian"
    SHELTER = "shelter_ngo"
    HEALTH = "health"
    LEGAL_AID = "legal_aid"
    IOM = "iom"
    LAW_ENFORCEMENT = "law_enforcement"


# Asked together on the assistance screen; law enforcement is asked on a screen of its own.
ASSISTANCE_RECIPIENTS: tuple[Recipient, ...] = (
    Recipient.NRM_COORDINATOR,
    Recipient.CHILD_PROTECTION,
    Recipient.GUARDIAN,
    Recipient.SHELTER,
    Recipient.HEALTH,
    Recipient.LEGAL_AID,
    Recipient.IOM,
)

# For a child these referrals are made whatever the consent: the law and the child's best
# interests decide, not the child alone.
MANDATORY_FOR_CHILD: frozenset[Recipient] = frozenset(
    {Recipient.CHILD_PROTECTION, Recipient.GUARDIAN}
)


class Decision(StrEnum):
    AGREES = "yes"
    REFUSES = "no"


def consent_question_id(recipient: Recipient) -> str:
    return CONSENT_PREFIX + recipient.value


def is_consent_question(question_id: str) -> bool:
    return question_id.startswith(CONSENT_PREFIX)


def consent_record(
    recipient: Recipient,
    decision: Decision,
    language_asked: str | None,
    language_answered: str | None,
    interpreter: str | None,
) -> AnswerRecord:
    """The answer record that stores one consent decision."""
    return AnswerRecord(
        question_id=consent_question_id(recipient),
        status=AnswerStatus.ANSWERED,
        value=decision.value,
        language_asked=language_asked,
        language_answered=language_answered,
        interpreter=interpreter,
    )


def decisions(answers: Mapping[str, AnswerRecord]) -> dict[Recipient, Decision]:
    """The latest decision per recipient among a session's answers."""
    found: dict[Recipient, Decision] = {}
    for recipient in Recipient:
        record = answers.get(consent_question_id(recipient))
        if record is None or record.status is not AnswerStatus.ANSWERED:
            continue
        try:
            found[recipient] = Decision(record.value)
        except ValueError:
            continue
    return found


def shared_with(chosen: Mapping[Recipient, Decision], is_child: bool) -> frozenset[Recipient]:
    """Who may receive the case: those the person agreed to, plus what the law makes
    mandatory for a child."""
    agreed = {recipient for recipient, d in chosen.items() if d is Decision.AGREES}
    if is_child:
        agreed |= MANDATORY_FOR_CHILD
    return frozenset(agreed)
