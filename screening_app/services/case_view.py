"""Interview sessions as a supervisor reads them: every answer with its question's text,
the languages it was asked and answered in, who interpreted, and how often it was corrected.

Answers follow the form's order. Answers to questions the shipped form no longer has, the
consent decisions and the responder's notes are listed after the form's questions, by id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from screening_app.core.records import AnswerRecord
from screening_app.forms import Form
from screening_app.i18n import FormTexts
from screening_app.services.answer_texts import AnswerTexts, shipped_form
from screening_app.services.case_record import SessionRecord
from screening_app.services.consents import is_consent_question


@dataclass(frozen=True)
class ReviewAnswer:
    question_id: str
    section_id: str | None
    section_title: str
    question_text: str
    answer_text: str
    status: str
    value: Any
    language_asked: str | None
    language_answered: str | None
    interpreter: str | None
    answered_at: str
    recorded_by: str
    corrections: int


@dataclass(frozen=True)
class ReviewSession:
    session_id: str
    form_id: str
    form_version: str
    form_title: str
    status: str
    started: str
    ended: str | None
    interviewer: str
    interviewer_language: str | None
    interviewee_language: str | None
    answers: tuple[ReviewAnswer, ...]
    other_answers: tuple[ReviewAnswer, ...]

    @property
    def shipped_form_differs(self) -> bool:
        """The texts shown come from a newer (or older) version of the form."""
        form = shipped_form(self.form_id)
        return form is not None and form.version != self.form_version


def _shown(record: AnswerRecord) -> str:
    value = record.value
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return record.status.value if value is None else str(value)


def _answer(
    record: AnswerRecord,
    corrections: int,
    section: tuple[str | None, str],
    question_text: str,
    answer_text: str,
) -> ReviewAnswer:
    return ReviewAnswer(
        question_id=record.question_id,
        section_id=section[0],
        section_title=section[1],
        question_text=question_text,
        answer_text=answer_text,
        status=record.status.value,
        value=record.value,
        language_asked=record.language_asked,
        language_answered=record.language_answered,
        interpreter=record.interpreter,
        answered_at=record.answered_at,
        recorded_by=record.recorded_by,
        corrections=corrections,
    )


def _form_answers(
    session: SessionRecord, form: Form, language: str, counts: dict[str, int]
) -> list[ReviewAnswer]:
    texts = AnswerTexts(form, [language])
    current = session.answers
    shown = []
    for question in form.questions():
        record = current.get(question.id)
        if record is None:
            continue
        answer = texts.answer_text(question, record)
        section = (question.section_id, texts.section_title(question.section_id).pick(language)[1])
        shown.append(
            _answer(
                record,
                counts[question.id] - 1,
                section,
                texts.question_text(question).pick(language)[1],
                answer.pick(language)[1] if answer is not None else record.status.value,
            )
        )
    return shown


def review_session(session: SessionRecord, language: str) -> ReviewSession:
    counts: dict[str, int] = {}
    for record in session.history:
        counts[record.question_id] = counts.get(record.question_id, 0) + 1
    form = shipped_form(session.form_id)
    known = {q.id for q in form.questions()} if form is not None else set()
    answers = _form_answers(session, form, language, counts) if form is not None else []
    others = [
        _answer(record, counts[qid] - 1, (None, ""), qid, _shown(record))
        for qid, record in session.answers.items()
        if qid not in known
    ]
    # Consent decisions last, in the order they were asked.
    others.sort(key=lambda a: is_consent_question(a.question_id))
    title = session.form_id
    if form is not None:
        title = FormTexts(form.id, language).text("form.title", form.title)
    return ReviewSession(
        session_id=session.session_id,
        form_id=session.form_id,
        form_version=session.form_version,
        form_title=title,
        status=session.status,
        started=session.started,
        ended=session.ended,
        interviewer=session.interviewer,
        interviewer_language=session.interviewer_language,
        interviewee_language=session.interviewee_language,
        answers=tuple(answers),
        other_answers=tuple(others),
    )


def review_sessions(
    sessions: tuple[SessionRecord, ...], language: str
) -> tuple[ReviewSession, ...]:
    return tuple(review_session(session, language) for session in sessions)
