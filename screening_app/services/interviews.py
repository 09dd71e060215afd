"""Interview sessions: start, save each answer durably the moment it is given, resume."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from screening_app.core.clock import utc_iso
from screening_app.core.errors import NotFoundError, UsageError
from screening_app.core.ids import new_session_id
from screening_app.core.records import AnswerRecord, AnswerStatus, CaseStatus
from screening_app.services.roles import Capability
from screening_app.services.vault import Vault
from screening_app.storage.models import Account, Case, InterviewSession
from screening_app.storage.repositories import CaseRepository, open_json, seal_json

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SessionInfo:
    session_id: str
    case_id: str
    form_id: str
    form_version: str
    status: str
    started: str
    ended: str | None
    current_question: str | None
    interviewer_language: str | None
    interviewee_language: str | None
    # Who interprets, kept on the session so a paused interview resumes with them even
    # before any answer was given (sessions before this was kept have none).
    interpreter: str | None = None


class InterviewService:
    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def _load(self, repo: CaseRepository, session_id: str) -> tuple[InterviewSession, Case]:
        interview = repo.session.get(InterviewSession, session_id)
        if interview is None:
            raise NotFoundError(f"no interview session {session_id}")
        case = repo.get(interview.case_id)
        if case is None:
            raise NotFoundError(f"no case with id {interview.case_id}")
        repo.session.info["case_id"] = case.id
        return interview, case

    def start(
        self,
        case_id: str,
        form_id: str,
        form_version: str,
        interviewer_language: str,
        interviewee_language: str,
        interpreter: str | None = None,
    ) -> str:
        self.vault.require(Capability.CONDUCT_INTERVIEW)
        session_id = new_session_id()
        now = utc_iso(self.vault.clock.now())
        detail: dict[str, str | int | bool | None] = {"session": session_id, "form": form_id}
        with self.vault.write("interview.start", case_id, detail) as session:
            repo = CaseRepository(session)
            case = repo.get(case_id)
            if case is None:
                raise NotFoundError(f"no case with id {case_id}")
            repo.insert_session(
                session_id=session_id,
                case_id=case_id,
                cipher=self.vault.case_cipher(case_id, case.wrapped_case_key),
                form_id=form_id,
                form_version=form_version,
                started=now,
                interviewer_id=self.vault.account_id,
                languages=_languages(interviewer_language, interviewee_language, interpreter),
            )
            if case.status in (CaseStatus.DRAFT.value, CaseStatus.RETURNED.value):
                case.status = CaseStatus.IN_PROGRESS.value
        return session_id

    def save_answer(self, session_id: str, record: AnswerRecord, next_question: str | None) -> int:
        """Save one answer durably (committed and synced before returning) and move the
        resume point to ``next_question``."""
        self.vault.require(Capability.CONDUCT_INTERVIEW)
        if record.status is AnswerStatus.ANSWERED and record.value is None:
            raise UsageError("an answered question needs a value")
        stamped = AnswerRecord(
            question_id=record.question_id,
            status=record.status,
            value=record.value,
            language_asked=record.language_asked,
            language_answered=record.language_answered,
            interpreter=record.interpreter,
            answered_at=utc_iso(self.vault.clock.now()),
            extra=record.extra,
        )
        with self.vault.write("answer.save", None, {"question": record.question_id}) as session:
            repo = CaseRepository(session)
            interview, case = self._load(repo, session_id)
            if interview.status != "open":
                raise UsageError(f"interview session {session_id} is closed")
            cipher = self.vault.case_cipher(case.id, case.wrapped_case_key)
            answer_id = repo.add_answer(interview, cipher, stamped, self.vault.account_id)
            interview.current_question = next_question
        return answer_id

    def move_to(self, session_id: str, question_id: str | None) -> None:
        """Remember where the interview is (back, skip without answer, pause)."""
        self.vault.require(Capability.CONDUCT_INTERVIEW)
        with self.vault.write("interview.move", None, {"session": session_id}) as session:
            interview, _case = self._load(CaseRepository(session), session_id)
            interview.current_question = question_id

    def set_languages(
        self, session_id: str, interviewer: str, interviewee: str, interpreter: str | None = None
    ) -> None:
        """The interviewee language or the interpreter changed: recorded on the session (and
        on each answer). The audit says that it changed, never the interpreter's name."""
        self.vault.require(Capability.CONDUCT_INTERVIEW)
        detail: dict[str, str | int | bool | None] = {
            "session": session_id,
            "interviewee_language": interviewee,
            "interpreter": interpreter is not None,
        }
        with self.vault.write("interview.language", None, detail) as session:
            interview, case = self._load(CaseRepository(session), session_id)
            cipher = self.vault.case_cipher(case.id, case.wrapped_case_key)
            interview.row_version += 1
            interview.languages_ct = seal_json(
                cipher,
                _languages(interviewer, interviewee, interpreter),
                "interview_sessions",
                "languages",
                session_id,
                interview.row_version,
            )

    def finish(self, session_id: str) -> None:
        self.vault.require(Capability.CONDUCT_INTERVIEW)
        with self.vault.write("interview.finish", None, {"session": session_id}) as session:
            interview, _case = self._load(CaseRepository(session), session_id)
            interview.status = "finished"
            interview.ended = utc_iso(self.vault.clock.now())

    def info(self, session_id: str) -> SessionInfo:
        self.vault.require(Capability.CONDUCT_INTERVIEW)
        with self.vault.read() as session:
            interview, case = self._load(CaseRepository(session), session_id)
            cipher = self.vault.case_cipher(case.id, case.wrapped_case_key)
            languages: dict[str, Any] = open_json(
                cipher,
                interview.languages_ct,
                "interview_sessions",
                "languages",
                session_id,
                interview.row_version,
            )
            return SessionInfo(
                session_id=interview.id,
                case_id=interview.case_id,
                form_id=interview.form_id,
                form_version=interview.form_version,
                status=interview.status,
                started=interview.started,
                ended=interview.ended,
                current_question=interview.current_question,
                interviewer_language=languages.get("interviewer"),
                interviewee_language=languages.get("interviewee"),
                interpreter=languages.get("interpreter"),
            )

    def sessions_of_case(self, case_id: str) -> list[str]:
        self.vault.require(Capability.CONDUCT_INTERVIEW)
        with self.vault.read() as session:
            return [s.id for s in CaseRepository(session).sessions_of(case_id)]

    def history(self, session_id: str) -> list[AnswerRecord]:
        """Every answer given in the session, corrections included, in order."""
        self.vault.require(Capability.CONDUCT_INTERVIEW)
        with self.vault.read() as session:
            repo = CaseRepository(session)
            _interview, case = self._load(repo, session_id)
            cipher = self.vault.case_cipher(case.id, case.wrapped_case_key)
            names = {
                row[0]: row[1] for row in session.execute(select(Account.id, Account.username))
            }
            return repo.answers_of(session_id, cipher, names)

    def answers(self, session_id: str) -> dict[str, AnswerRecord]:
        """The current answer to each question (the latest given)."""
        latest: dict[str, AnswerRecord] = {}
        for record in self.history(session_id):
            latest[record.question_id] = record
        return latest


def _languages(interviewer: str, interviewee: str, interpreter: str | None) -> dict[str, str]:
    """The session's sealed language record (the interpreter only when there is one)."""
    chosen = {"interviewer": interviewer, "interviewee": interviewee}
    if interpreter:
        chosen["interpreter"] = interpreter
    return chosen
