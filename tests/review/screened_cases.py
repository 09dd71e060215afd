"""Screened cases made through the real services, for the review and referral tests.

Each case is a fictional person with a first-line interview: answers saved one by one (with
languages and interpreter), consent decisions, the assessment recorded as the interview's
submit records it, and the case sent to review. Values are distinctive so a test can look
for them in a report and be sure nothing else explains a match.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from screening_app.assess import AssessmentInput, Consent, assess
from screening_app.core.records import AnswerRecord, AnswerStatus, CaseStatus, PersonDetails
from screening_app.services.assessments import AssessmentService
from screening_app.services.cases import CaseService
from screening_app.services.consents import Decision, Recipient, consent_record
from screening_app.services.interviews import InterviewService
from screening_app.services.vault import Vault

FORM = "first-line-screening"
FORM_VERSION = "1.0.0"
# Free text only a leak could explain.
NOTE_TEXT = "Zorvilan harbour story, marker nine"
OBSERVATION_TEXT = "Quibbletorn observation for the supervisor"

ADULT = PersonDetails(
    given_names="Velisande",
    family_name="Orrimaque",
    date_of_birth="1994-03",
    estimated_age=31,
    nationality="ER",
    languages=("ti", "en"),
    gender="female",
)
CHILD = PersonDetails(
    given_names="Tomrel",
    family_name="Ashquiver",
    estimated_age=15,
    nationality="SD",
    languages=("ar",),
    gender="male",
)

# (question, value, interpreted): a first-line interview that raises a referral.
REFERRAL_ANSWERS: tuple[tuple[str, object], ...] = (
    ("interview_language", "ti"),
    ("agrees_to_talk", "yes"),
    ("feels_safe", "no"),
    ("needs_doctor", "yes"),
    ("age", 31),
    ("nationality", "ER"),
    ("journey_organised_by", "recruiter"),
    ("was_promised", ["job", "good_pay"]),
    ("turned_out_different", ["job", "pay"]),
    ("owes_money", "yes"),
    ("debt_conditions", ["work_to_repay", "keeps_growing"]),
    ("documents_now", "employer"),
    ("has_worked", "yes"),
    ("work_kind", ["farm"]),
    ("work_problems", ["long_hours", "pay_kept"]),
    ("movement_limits", ["locked_in", "watched"]),
    ("anything_else", NOTE_TEXT),
)
INDICATORS = frozenset(
    {
        "DR.job_nature",
        "DR.wages",
        "CR.debt_bondage",
        "EX.excessive_hours",
        "EX.low_no_salary",
        "CD.documents_confiscated",
        "CD.isolation",
    }
)
EVIDENCE = {
    "DR.job_nature": ("turned_out_different",),
    "DR.wages": ("turned_out_different",),
    "CR.debt_bondage": ("debt_conditions",),
    "EX.excessive_hours": ("work_problems",),
    "EX.low_no_salary": ("work_problems",),
    "CD.documents_confiscated": ("documents_now",),
    "CD.isolation": ("movement_limits",),
    "immediate_danger": ("feels_safe",),
    "medical_urgent": ("needs_doctor",),
}


@dataclass(frozen=True)
class ScreenedCase:
    case_id: str
    session_id: str
    assessment_id: int


def screen_case(
    vault: Vault,
    person: PersonDetails = ADULT,
    *,
    language: str = "ti",
    answers: Sequence[tuple[str, object]] = REFERRAL_ANSWERS,
    consents: Mapping[Recipient, Decision] | None = None,
    indicators: frozenset[str] = INDICATORS,
    flags: frozenset[str] = frozenset({"immediate_danger", "medical_urgent"}),
    interpreter: str | None = "Interpreter Example",
    observations: str = OBSERVATION_TEXT,
) -> ScreenedCase:
    """A case interviewed, consented, assessed and awaiting review."""
    cases = CaseService(vault)
    interviews = InterviewService(vault)
    case_id = cases.create_case(person)
    session_id = interviews.start(case_id, FORM, FORM_VERSION, "en", language)
    for question, value in answers:
        status = AnswerStatus.ANSWERED
        record = AnswerRecord(question, status, value, language, language, interpreter)
        interviews.save_answer(session_id, record, None)
    chosen = consents if consents is not None else default_consents()
    for recipient, decision in chosen.items():
        record = consent_record(recipient, decision, language, language, interpreter)
        interviews.save_answer(session_id, record, None)
    note = AnswerRecord("responder.observations", AnswerStatus.ANSWERED, observations, "en", "en")
    interviews.save_answer(session_id, note, None)
    law = chosen.get(Recipient.LAW_ENFORCEMENT) is Decision.AGREES
    evidence = {k: v for k, v in EVIDENCE.items() if k in indicators | flags}
    result = assess(
        AssessmentInput(
            age=float(person.estimated_age) if person.estimated_age is not None else None,
            indicators=indicators,
            flags=flags,
            consent=Consent(law_enforcement=law),
            interview_language=language,
            local_language="en",
            evidence=evidence,
        )
    )
    # What the interview's submit does, in its order.
    assessment_id = AssessmentService(vault).record(case_id, result)
    cases.update_summary(case_id, urgency=result.urgency, outcome=result.outcome)
    cases.set_status(case_id, CaseStatus.AWAITING_REVIEW)
    interviews.finish(session_id)
    return ScreenedCase(case_id, session_id, assessment_id)


def default_consents() -> dict[Recipient, Decision]:
    """Agrees to assistance recipients except IOM; refuses law enforcement."""
    agreed = {
        Recipient.NRM_COORDINATOR,
        Recipient.SHELTER,
        Recipient.HEALTH,
        Recipient.LEGAL_AID,
    }
    return {
        recipient: Decision.AGREES if recipient in agreed else Decision.REFUSES
        for recipient in Recipient
    }
