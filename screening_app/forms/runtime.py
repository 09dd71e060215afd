"""Walking a form during an interview: which questions show, where next, what answers raise.

Qt-free so the interview screen, the services and the tests share one implementation.
Answers are a mapping of question id to ``Answer``; a question with no entry has not been
reached yet. A question hidden by ``show_if`` counts as skipped whatever is stored for it,
so changing an earlier answer can never leave a stale later answer raising indicators.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from screening_app.forms.answers import Answer, AnswerState, PartialDate
from screening_app.forms.expr_eval import Value, holds
from screening_app.forms.model import Form, Question, QuestionType

Answers = Mapping[str, Answer]
Evidence = dict[str, list[str]]


@dataclass(frozen=True)
class SectionProgress:
    section_id: str
    done: int  # shown questions with something recorded (an answer, declined, unknown)
    total: int  # questions shown for the answers so far

    @property
    def complete(self) -> bool:
        return self.done >= self.total


class _Resolved:
    """Effective answers of the questions walked so far, as conditions see them."""

    def __init__(self, types: Mapping[str, QuestionType], interview_date: date) -> None:
        self._types = types
        self._date = interview_date
        self.answers: dict[str, Answer | None] = {}
        self.hidden: set[str] = set()

    @property
    def interview_date(self) -> date:
        return self._date

    def state_of(self, question_id: str) -> AnswerState | None:
        answer = self.answers.get(question_id)
        return answer.state if answer is not None else None

    def value_of(self, question_id: str) -> Value:
        answer = self.answers.get(question_id)
        if answer is None or not answer.is_answered:
            return None
        value = answer.value
        kind = self._types.get(question_id)
        if kind is QuestionType.DATE:
            return PartialDate.coerce(value)
        if isinstance(value, date):
            return value.isoformat()
        return value


class FormRuntime:
    """The interview walk over one form. Stateless: every call takes the current answers."""

    def __init__(self, form: Form, interview_date: date | None = None) -> None:
        self.form = form
        self.interview_date = interview_date or date.today()
        self._questions = tuple(form.questions())
        self._position = {question.id: index for index, question in enumerate(self._questions)}
        self._types = {question.id: question.type for question in self._questions}

    # -- visibility -------------------------------------------------------------------
    def effective_answers(self, answers: Answers) -> dict[str, Answer | None]:
        """Every question's effective answer: hidden ones skipped, unreached ones None."""
        return self._resolve(answers).answers

    def is_visible(self, question_id: str, answers: Answers) -> bool:
        self._index(question_id)
        return question_id not in self._hidden(answers)

    def visible_questions(self, answers: Answers) -> list[Question]:
        hidden = self._hidden(answers)
        return [question for question in self._questions if question.id not in hidden]

    def next_question(self, after_id: str | None, answers: Answers) -> Question | None:
        """The first shown question after ``after_id`` (from the start when None)."""
        start = 0 if after_id is None else self._index(after_id) + 1
        hidden = self._hidden(answers)
        for question in self._questions[start:]:
            if question.id not in hidden:
                return question
        return None

    def previous_question(self, before_id: str | None, answers: Answers) -> Question | None:
        """The last shown question before ``before_id`` (from the end when None)."""
        stop = len(self._questions) if before_id is None else self._index(before_id)
        hidden = self._hidden(answers)
        for question in reversed(self._questions[:stop]):
            if question.id not in hidden:
                return question
        return None

    def progress(self, answers: Answers) -> dict[str, SectionProgress]:
        """Per section, in form order: shown questions and how many have something recorded."""
        hidden = self._hidden(answers)
        result: dict[str, SectionProgress] = {}
        for section in self.form.sections:
            shown = [question for question in section.questions if question.id not in hidden]
            done = sum(1 for question in shown if _recorded(answers.get(question.id)))
            result[section.id] = SectionProgress(section.id, done, len(shown))
        return result

    def missing_required(self, answers: Answers) -> list[Question]:
        """Shown ``required`` questions with nothing recorded yet."""
        return [
            question
            for question in self.visible_questions(answers)
            if question.required and not _recorded(answers.get(question.id))
        ]

    # -- what answers raise -----------------------------------------------------------
    def raised(self, answers: Answers) -> tuple[Evidence, Evidence]:
        """Indicators and flags raised, each with the ids of the questions that raised it.

        Only shown, answered questions raise anything; declined, unknown and skipped never do.
        """
        resolved = self._resolve(answers)
        indicators: Evidence = {}
        flags: Evidence = {}
        for question in self._questions:
            answer = resolved.answers.get(question.id)
            if answer is None or not answer.is_answered:
                continue
            for choice_id in _selected(answer):
                choice = question.choice(choice_id)
                if choice is not None:
                    _add(indicators, choice.indicators, question.id)
                    _add(flags, choice.flags, question.id)
            for rule in question.raises:
                if holds(rule.when.tree, resolved):
                    _add(indicators, rule.indicators, question.id)
                    _add(flags, rule.flags, question.id)
        return indicators, flags

    # -- internals --------------------------------------------------------------------
    def _resolve(self, answers: Answers) -> _Resolved:
        # In form order: a condition only names earlier questions, whose effective answers
        # (hidden ones already turned into "skipped") are known by then.
        resolved = _Resolved(self._types, self.interview_date)
        for question in self._questions:
            if question.show_if is not None and not holds(question.show_if.tree, resolved):
                resolved.hidden.add(question.id)
                resolved.answers[question.id] = Answer.skipped()
            else:
                resolved.answers[question.id] = answers.get(question.id)
        return resolved

    def _hidden(self, answers: Answers) -> set[str]:
        return self._resolve(answers).hidden

    def _index(self, question_id: str) -> int:
        try:
            return self._position[question_id]
        except KeyError:
            raise KeyError(f"form '{self.form.id}' has no question '{question_id}'") from None


def _recorded(answer: Answer | None) -> bool:
    return answer is not None and answer.state is not AnswerState.SKIPPED


def _selected(answer: Answer) -> tuple[str, ...]:
    value = answer.value
    if isinstance(value, str):
        return (value,)
    if isinstance(value, tuple):
        return tuple(item for item in value if isinstance(item, str))
    return ()


def _add(evidence: Evidence, ids: tuple[str, ...], question_id: str) -> None:
    for item in ids:
        sources = evidence.setdefault(item, [])
        if question_id not in sources:
            sources.append(question_id)
