"""Demo data for review and referral: a directory with one fictional agency of each kind,
the office's details, and for every demo case whose interview is over, the person's consent
decisions, the stored assessment and the supervisor's past decisions.

The assessment is made again from the stored answers exactly as the demo interview made it,
so the outcome and urgency match what the case list shows. Everything is drawn from a fixed
seed: the same demo workspace every time.
"""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

from sqlalchemy import select

from screening_app.assess import Assessment, AssessmentInput, Consent, assess
from screening_app.core.records import AnswerRecord, CaseStatus, PersonDetails
from screening_app.crypto.aead import FieldCipher
from screening_app.forms import FormRuntime
from screening_app.services.answer_texts import shipped_form
from screening_app.services.assessments import insert_record
from screening_app.services.consents import Decision, Recipient, consent_record
from screening_app.services.demo_interviews import LOCAL_LANGUAGE
from screening_app.services.interview_flow import answer_of
from screening_app.services.office import save_office_settings, save_officer_contact
from screening_app.services.recipients import RecipientDirectory
from screening_app.services.review import Action, add_review_event
from screening_app.services.vault import Vault
from screening_app.storage.models import Case, InterviewSession
from screening_app.storage.repositories import CaseRepository, open_json

# Its own seed (not the demo people's), so adding review data never changes who the demo
# people are.
REVIEW_SEED = 20261125
DEMO_OFFICE = "Example Reception Centre (demo)"
DEMO_OFFICE_CONTACT = "+39 000 000 0000"
DEMO_OFFICER = ("Officer Example (demo)", "officer.example@example.org")

# (id, kind, name, languages, contact): invented agencies, one per recipient kind.
DEMO_RECIPIENTS: tuple[tuple[str, Recipient, str, tuple[str, ...], str], ...] = (
    ("demo-nrm", Recipient.NRM_COORDINATOR, "Demo Referral Coordination Office",
     ("it", "en"), "nrm@example.org"),
    ("demo-child-protection", Recipient.CHILD_PROTECTION, "Demo Child Protection Service",
     ("it", "en"), "children@example.org"),
    ("demo-guardian", Recipient.GUARDIAN, "Demo Volunteer Guardians Register",
     ("it",), "guardians@example.org"),
    ("demo-shelter", Recipient.SHELTER, "Demo Safe House Association",
     ("it", "en", "ar"), "shelter@example.org"),
    ("demo-health", Recipient.HEALTH, "Demo Harbour Health Clinic",
     ("it", "en"), "clinic@example.org"),
    ("demo-legal-aid", Recipient.LEGAL_AID, "Demo Free Legal Advice Desk",
     ("it", "en", "fr"), "legal@example.org"),
    ("demo-iom", Recipient.IOM, "Demo Return Assistance Office (IOM kind)",
     ("en", "fr", "ar"), "return@example.org"),
    ("demo-law-enforcement", Recipient.LAW_ENFORCEMENT, "Demo Police Anti-Trafficking Unit",
     ("it", "en"), "unit@example.org"),
)  # fmt: skip

# How often a demo person agrees to each recipient.
_AGREE_RATE: dict[Recipient, float] = {
    Recipient.NRM_COORDINATOR: 0.9,
    Recipient.CHILD_PROTECTION: 0.7,
    Recipient.GUARDIAN: 0.6,
    Recipient.SHELTER: 0.75,
    Recipient.HEALTH: 0.85,
    Recipient.LEGAL_AID: 0.65,
    Recipient.IOM: 0.3,
    Recipient.LAW_ENFORCEMENT: 0.3,
}
_INTERVIEW_OVER = frozenset(
    {
        CaseStatus.AWAITING_REVIEW.value,
        CaseStatus.RETURNED.value,
        CaseStatus.APPROVED.value,
        CaseStatus.REFERRED.value,
        CaseStatus.CLOSED.value,
    }
)
_PAST_DECISION: dict[str, tuple[Action, str]] = {
    CaseStatus.APPROVED.value: ("approve", ""),
    CaseStatus.REFERRED.value: ("approve", ""),
    CaseStatus.CLOSED.value: ("approve", ""),
    CaseStatus.RETURNED.value: ("return", "(demo) Please ask again about the documents."),
}


def add_demo_review_data(vault: Vault) -> int:
    """Directory, office details, consents, assessments and past decisions for the demo
    cases; returns how many cases got an assessment."""
    directory = RecipientDirectory(vault)
    for rid, kind, name, languages, contact in DEMO_RECIPIENTS:
        directory.add(rid, kind, name, languages, contact=contact, source="demo")
    save_office_settings(vault, DEMO_OFFICE, DEMO_OFFICE_CONTACT)
    save_officer_contact(vault, vault.username, *DEMO_OFFICER)
    return add_demo_decisions(vault)


def add_demo_decisions(vault: Vault) -> int:
    rng = random.Random(REVIEW_SEED)  # noqa: S311 (reproducible fiction, not security)
    query = select(Case).where(Case.is_demo == 1).order_by(Case.created, Case.id)
    done = 0
    with vault.write("demo.review") as session:
        repo = CaseRepository(session)
        next_answer = repo.next_answer_id()
        for case in list(session.execute(query).scalars()):
            if case.status not in _INTERVIEW_OVER:
                continue
            finished = [s for s in repo.sessions_of(case.id) if s.status == "finished"]
            if not finished:
                continue
            cipher = vault.case_cipher(case.id, case.wrapped_case_key)
            next_answer = _decide_case(vault, repo, case, cipher, finished[-1], rng, next_answer)
            done += 1
    return done


def _decide_case(
    vault: Vault,
    repo: CaseRepository,
    case: Case,
    cipher: FieldCipher,
    interview: InterviewSession,
    rng: random.Random,
    next_answer: int,
) -> int:
    # Everything is read before anything is added: a query would flush each new row first.
    language = _interviewee_language(interview, cipher)
    person = repo.read_person(case.id, cipher) or PersonDetails()
    answers = repo.answers_of(interview.id, cipher, {})
    when = interview.ended or interview.started
    interpreter = None if language == LOCAL_LANGUAGE else "interpreter"
    chosen = {kind: rng.random() < rate for kind, rate in _AGREE_RATE.items()}
    for kind, agrees in chosen.items():
        decision = Decision.AGREES if agrees else Decision.REFUSES
        record = consent_record(kind, decision, language, language, interpreter)
        stamped = replace(record, answered_at=when)
        repo.add_answer(interview, cipher, stamped, interview.interviewer_id, next_answer)
        next_answer += 1
    assessment = _assessment(interview.form_id, answers, person, language, chosen)
    if assessment is not None:
        insert_record(repo, case, cipher, assessment, when, interview.interviewer_id, [])
        past = _PAST_DECISION.get(case.status)
        if past is not None:
            action, comment = past
            details = {"outcome": assessment.outcome, "urgency": assessment.urgency}
            add_review_event(repo.session, vault, case, cipher, action, comment, details)
    return next_answer


def _interviewee_language(interview: InterviewSession, cipher: FieldCipher) -> str:
    languages: dict[str, Any] = open_json(
        cipher,
        interview.languages_ct,
        "interview_sessions",
        "languages",
        interview.id,
        interview.row_version,
    )
    return str(languages.get("interviewee") or LOCAL_LANGUAGE)


def _assessment(
    form_id: str,
    records: list[AnswerRecord],
    person: PersonDetails,
    language: str,
    consents: dict[Recipient, bool],
) -> Assessment | None:
    """The demo interview's assessment, made again from its stored answers (as
    ``demo_interviews`` made it, with the person's consent to law enforcement added)."""
    form = shipped_form(form_id)
    if form is None:
        return None
    known = {question.id for question in form.questions()}
    latest = {record.question_id: record for record in records if record.question_id in known}
    runtime = FormRuntime(form)
    indicators, flags = runtime.raised({qid: answer_of(rec) for qid, rec in latest.items()})
    return assess(
        AssessmentInput(
            age=person.estimated_age,
            indicators=frozenset(indicators),
            flags=frozenset(flags),
            consent=Consent(law_enforcement=consents[Recipient.LAW_ENFORCEMENT]),
            interview_language=language,
            local_language=LOCAL_LANGUAGE,
            evidence={key: tuple(value) for key, value in {**indicators, **flags}.items()},
        )
    )
