"""Everything recorded about one case, opened with its key: the person, each interview
session with its answers, the consent decisions and the current assessment.

Review and referral reports both start from this; neither decides here who may see what.
Loading checks no role and writes no audit entry: the calling service does both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from sqlalchemy.orm import Session

from screening_app.core.errors import NotFoundError
from screening_app.core.records import AnswerRecord, PersonDetails
from screening_app.services.assessments import AssessmentRecord, latest_record, usernames
from screening_app.services.consents import Decision, Recipient, decisions, shared_with
from screening_app.services.vault import Vault
from screening_app.storage.models import Case
from screening_app.storage.repositories import CaseRepository, open_json

ADULT_AGE = 18


@dataclass(frozen=True)
class SessionRecord:
    """One interview session: who held it, in which languages, and every answer given."""

    session_id: str
    form_id: str
    form_version: str
    status: str
    started: str
    ended: str | None
    interviewer: str
    interviewer_language: str | None
    interviewee_language: str | None
    history: tuple[AnswerRecord, ...]

    @property
    def answers(self) -> Mapping[str, AnswerRecord]:
        """The current answer to each question: the latest given."""
        latest: dict[str, AnswerRecord] = {}
        for record in self.history:
            latest[record.question_id] = record
        return MappingProxyType(latest)


@dataclass(frozen=True)
class CaseRecord:
    case_id: str
    status: str
    created: str
    updated: str
    is_demo: bool
    person: PersonDetails
    sessions: tuple[SessionRecord, ...]
    assessment: AssessmentRecord | None
    consents: Mapping[Recipient, Decision] = field(default_factory=dict)

    @property
    def is_child(self) -> bool:
        """A child as the assessment decided (presumption of minority included); without an
        assessment, by the estimated age."""
        if self.assessment is not None:
            return self.assessment.is_child
        age = self.person.estimated_age
        return age is not None and age < ADULT_AGE

    @property
    def unaccompanied(self) -> bool:
        return self.assessment is not None and "unaccompanied" in self.assessment.flags

    def may_share_with(self) -> frozenset[Recipient]:
        """Recipient kinds the case may go to: consented, plus what the law makes mandatory
        for a child."""
        return shared_with(self.consents, self.is_child)


def _session_record(
    repo: CaseRepository, interview: Any, cipher: Any, names: Mapping[int, str]
) -> SessionRecord:
    languages: dict[str, Any] = open_json(
        cipher,
        interview.languages_ct,
        "interview_sessions",
        "languages",
        interview.id,
        interview.row_version,
    )
    return SessionRecord(
        session_id=interview.id,
        form_id=interview.form_id,
        form_version=interview.form_version,
        status=interview.status,
        started=interview.started,
        ended=interview.ended,
        interviewer=names.get(interview.interviewer_id, str(interview.interviewer_id)),
        interviewer_language=languages.get("interviewer"),
        interviewee_language=languages.get("interviewee"),
        history=tuple(repo.answers_of(interview.id, cipher, dict(names))),
    )


def merged_consents(sessions: tuple[SessionRecord, ...]) -> dict[Recipient, Decision]:
    """The latest decision per recipient across sessions: a later interview's answer wins."""
    found: dict[Recipient, Decision] = {}
    for record in sessions:
        found.update(decisions(record.answers))
    return found


def load_case_record(vault: Vault, session: Session, case_id: str) -> CaseRecord:
    """Open every part of the case (inside the caller's session)."""
    repo = CaseRepository(session)
    case = session.get(Case, case_id)
    if case is None:
        raise NotFoundError(f"no case with id {case_id}")
    cipher = vault.case_cipher(case.id, case.wrapped_case_key)
    person = repo.read_person(case.id, cipher)
    if person is None:
        raise NotFoundError(f"case {case_id} has no person record")
    names = usernames(session)
    sessions = tuple(
        _session_record(repo, interview, cipher, names) for interview in repo.sessions_of(case.id)
    )
    return CaseRecord(
        case_id=case.id,
        status=case.status,
        created=case.created,
        updated=case.updated,
        is_demo=bool(case.is_demo),
        person=person,
        sessions=sessions,
        assessment=latest_record(session, case.id, cipher, names),
        consents=MappingProxyType(merged_consents(sessions)),
    )
