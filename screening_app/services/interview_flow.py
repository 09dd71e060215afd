"""One interview as the interview screen walks it: the form, the answers saved so far, the
languages in use, and where to resume.

Every step is saved before the method returns (``InterviewService.save_answer`` commits
durably), so the object can be thrown away at any moment (lock, crash, closing the laptop)
and rebuilt with :meth:`InterviewFlow.resume` at exactly the same place. After the last
question the interview goes through two stages that are not form questions: consent, then
the summary; they are stored as resume points like question ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from screening_app.assess import Assessment, AssessmentInput, Consent, assess
from screening_app.core.errors import UsageError
from screening_app.core.records import AnswerRecord, AnswerStatus, CaseStatus
from screening_app.forms.answer_check import check_answer
from screening_app.forms.answers import Answer, AnswerState, PartialDate, years_between
from screening_app.forms.model import Form, Question
from screening_app.forms.runtime import FormRuntime, SectionProgress
from screening_app.services.assessments import AssessmentService
from screening_app.services.cases import CaseService
from screening_app.services.consents import (
    Decision,
    Recipient,
    consent_record,
    decisions,
)
from screening_app.services.interviews import InterviewService
from screening_app.services.vault import Vault

STAGE_CONSENT = "@consent"
STAGE_SUMMARY = "@summary"
OBSERVATIONS_ID = "responder.observations"

Stage = Literal["question", "consent", "summary", "finished"]

# Question ids of the shipped forms whose answers the assessment reads directly. A form
# without them still works: the engine then relies on the flags the answers raised.
_AGE_QUESTION = "age"
_BIRTH_DATE_QUESTION = "birth_date"
_WISHES_QUESTION = "wanted_next"
_WISH_REQUESTS = {
    "assisted_return": "assisted_voluntary_return",
    "vocational_training": "vocational_training",
}
_EXPLOITATION_QUESTION = "exploitation_types"


@dataclass(frozen=True)
class Languages:
    """Who speaks what: the interviewer's language, the person's, and who interprets."""

    interviewer: str
    interviewee: str
    interpreter: str | None = None


def answer_of(record: AnswerRecord) -> Answer:
    """A stored answer record as the form engine sees it."""
    state = AnswerState(record.status.value)
    if state is not AnswerState.ANSWERED:
        return Answer(state)
    value = record.value
    if isinstance(value, list):
        value = tuple(str(item) for item in value)
    return Answer.given(value, approximate=bool(record.extra.get("approximate")))


def stored_value(answer: Answer) -> Any:
    """The JSON value an answer is stored with."""
    value = answer.value
    if isinstance(value, tuple):
        return list(value)
    if value is not None and not isinstance(value, str | int | float):
        return value.isoformat()
    return value


class InterviewFlow:
    """The walk through one interview session, persisted at every step."""

    def __init__(self, vault: Vault, form: Form, session_id: str) -> None:
        self._interviews = InterviewService(vault)
        self._cases = CaseService(vault)
        self.form = form
        self.runtime = FormRuntime(form)
        self.session_id = session_id
        info = self._interviews.info(session_id)
        if info.form_id != form.id:
            raise UsageError(f"interview session {session_id} uses form '{info.form_id}'")
        self.case_id = info.case_id
        self.records: dict[str, AnswerRecord] = self._interviews.answers(session_id)
        self.finished = info.status != "open"
        self._position = info.current_question
        interviewer = info.interviewer_language or form.source_language
        self.languages = Languages(
            interviewer,
            info.interviewee_language or interviewer,
            info.interpreter or self._last_interpreter(),
        )

    @classmethod
    def start(cls, vault: Vault, form: Form, case_id: str, languages: Languages) -> InterviewFlow:
        session_id = InterviewService(vault).start(
            case_id,
            form.id,
            form.version,
            languages.interviewer,
            languages.interviewee,
            languages.interpreter,
        )
        flow = cls(vault, form, session_id)
        flow.languages = languages
        return flow

    def _last_interpreter(self) -> str | None:
        latest = max(self.records.values(), key=lambda r: r.answered_at, default=None)
        return latest.interpreter if latest else None

    # -- where we are --------------------------------------------------------------------
    @property
    def answers(self) -> dict[str, Answer]:
        """The current answer to each form question (consents and notes left out)."""
        known = {question.id for question in self.form.questions()}
        return {qid: answer_of(rec) for qid, rec in self.records.items() if qid in known}

    @property
    def stage(self) -> Stage:
        if self.finished:
            return "finished"
        if self._position == STAGE_CONSENT:
            return "consent"
        if self._position == STAGE_SUMMARY:
            return "summary"
        return "question" if self.current_question() is not None else "consent"

    def current_question(self) -> Question | None:
        """The question to ask now, or None once every question is behind."""
        position = self._position
        if position in (STAGE_CONSENT, STAGE_SUMMARY):
            return None
        answers = self.answers
        if position is None:
            return self.runtime.next_question(None, answers)
        try:
            if self.runtime.is_visible(position, answers):
                return self.form.question(position)
        except KeyError:
            return self.runtime.next_question(None, answers)
        # An earlier answer changed and hid this question: go on to the next shown one.
        return self.runtime.next_question(position, answers)

    def progress(self) -> dict[str, SectionProgress]:
        return self.runtime.progress(self.answers)

    def flags(self) -> dict[str, list[str]]:
        """Each flag raised so far, with the questions that raised it."""
        return self.runtime.raised(self.answers)[1]

    def indicators(self) -> dict[str, list[str]]:
        return self.runtime.raised(self.answers)[0]

    # -- steps -----------------------------------------------------------------------------
    def record(self, answer: Answer, language_answered: str | None = None) -> None:
        """Save the answer to the current question and move on."""
        question = self._require_question()
        problem = check_answer(question, answer)
        if problem:
            raise UsageError(problem)
        extra = {"approximate": True} if answer.approximate else {}
        record = AnswerRecord(
            question_id=question.id,
            status=AnswerStatus(answer.state.value),
            value=stored_value(answer),
            language_asked=self.languages.interviewee,
            language_answered=language_answered or self.languages.interviewee,
            interpreter=self.languages.interpreter,
            extra=extra,
        )
        after = dict(self.answers)
        after[question.id] = answer
        following = self.runtime.next_question(question.id, after)
        target = following.id if following is not None else STAGE_CONSENT
        self._interviews.save_answer(self.session_id, record, target)
        self.records[question.id] = record
        self._position = target

    def skip(self) -> None:
        self.record(Answer.skipped())

    def back(self) -> None:
        """Return to the previous shown question (or from summary to consent)."""
        if self._position == STAGE_SUMMARY:
            self._move(STAGE_CONSENT)
            return
        current = self.current_question()
        previous = self.runtime.previous_question(current.id if current else None, self.answers)
        if previous is not None:
            self._move(previous.id)

    def _move(self, target: str) -> None:
        self._interviews.move_to(self.session_id, target)
        self._position = target

    def _require_question(self) -> Question:
        question = self.current_question()
        if question is None:
            raise UsageError("every question of this interview has been asked")
        return question

    def set_interviewee_language(self, code: str) -> None:
        """Switch the person's language; it applies from the current question on."""
        if code == self.languages.interviewee:
            return
        self._interviews.set_languages(
            self.session_id, self.languages.interviewer, code, self.languages.interpreter
        )
        self.languages = Languages(self.languages.interviewer, code, self.languages.interpreter)

    def set_interpreter(self, name: str | None) -> None:
        """Another interpreter (or none) from now on, kept on the session at once."""
        cleaned = (name or "").strip() or None
        if cleaned == self.languages.interpreter:
            return
        self._interviews.set_languages(
            self.session_id, self.languages.interviewer, self.languages.interviewee, cleaned
        )
        self.languages = Languages(self.languages.interviewer, self.languages.interviewee, cleaned)

    # -- consent and summary -----------------------------------------------------------------
    def consents(self) -> dict[Recipient, Decision]:
        return decisions(self.records)

    def record_consent(self, recipient: Recipient, decision: Decision) -> None:
        record = consent_record(
            recipient,
            decision,
            self.languages.interviewee,
            self.languages.interviewee,
            self.languages.interpreter,
        )
        self._interviews.save_answer(self.session_id, record, self._position or STAGE_CONSENT)
        self.records[record.question_id] = record

    def go_to_summary(self) -> None:
        self._move(STAGE_SUMMARY)

    def assessment(self) -> Assessment:
        indicators, flags = self.runtime.raised(self.answers)
        evidence = {key: tuple(value) for key, value in {**indicators, **flags}.items()}
        law = self.consents().get(Recipient.LAW_ENFORCEMENT) is Decision.AGREES
        return assess(
            AssessmentInput(
                age=self._age(),
                exploitation=self._exploitation(),
                indicators=frozenset(indicators),
                flags=frozenset(flags),
                consent=Consent(law_enforcement=law),
                requests=self._requests(),
                interview_language=self.languages.interviewee,
                local_language=self.languages.interviewer,
                evidence=evidence,
            )
        )

    def _value(self, question_id: str) -> object:
        answer = self.runtime.effective_answers(self.answers).get(question_id)
        return answer.value if answer is not None and answer.is_answered else None

    def _age(self) -> float | None:
        age = self._value(_AGE_QUESTION)
        if isinstance(age, int | float) and not isinstance(age, bool):
            return float(age)
        born = PartialDate.coerce(self._value(_BIRTH_DATE_QUESTION))
        if born is None:
            return None
        years = years_between(born, self.runtime.interview_date)
        return float(years) if 0 <= years <= 130 else None

    def _requests(self) -> frozenset[str]:
        wishes = self._value(_WISHES_QUESTION)
        chosen = wishes if isinstance(wishes, tuple) else ()
        return frozenset(_WISH_REQUESTS[w] for w in chosen if w in _WISH_REQUESTS)

    def _exploitation(self) -> Literal["labour", "sexual"]:
        described = self._value(_EXPLOITATION_QUESTION)
        if isinstance(described, tuple) and "sexual" in described:
            return "sexual"
        return "sexual" if self.form.exploitation_default == "sexual" else "labour"

    def submit(self, observations: str) -> Assessment:
        """Record the responder's observations and the assessment, send the case to
        supervisor review and close the session."""
        result = self.assessment()
        AssessmentService(self._cases.vault).record(self.case_id, result)
        text = observations.strip()
        if text:
            note = AnswerRecord(
                question_id=OBSERVATIONS_ID,
                status=AnswerStatus.ANSWERED,
                value=text,
                language_asked=self.languages.interviewer,
                language_answered=self.languages.interviewer,
            )
            self._interviews.save_answer(self.session_id, note, STAGE_SUMMARY)
            self.records[OBSERVATIONS_ID] = note
        self._cases.update_summary(self.case_id, urgency=result.urgency, outcome=result.outcome)
        self._cases.set_status(self.case_id, CaseStatus.AWAITING_REVIEW)
        self._interviews.finish(self.session_id)
        self.finished = True
        return result
