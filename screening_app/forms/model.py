"""The form model: what a loaded YAML instrument is, as frozen values.

Every element keeps the line it came from so that later checks (conditions, catalogs) can
name a line too. ``source_lines`` maps a translatable key (``text``, ``help``...) to the line
of its value.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from screening_app.forms.expr_ast import Node

YES_NO_UNSURE_VALUES: tuple[str, ...] = ("yes", "no", "unsure")


class QuestionType(StrEnum):
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    YES_NO_UNSURE = "yes_no_unsure"
    NUMBER = "number"
    DATE = "date"
    TEXT = "text"
    COUNTRY = "country"
    LANGUAGE = "language"

    @property
    def has_choices(self) -> bool:
        return self in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE)


@dataclass(frozen=True)
class Condition:
    """A parsed ``show_if`` or ``when`` expression, with its source text and line."""

    source: str
    tree: Node
    line: int


@dataclass(frozen=True)
class Choice:
    id: str
    text: str
    indicators: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    line: int = 0
    text_line: int = 0


@dataclass(frozen=True)
class Raise:
    """``raises[]``: when ``when`` holds for an answered question, these are raised."""

    when: Condition
    indicators: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Question:
    id: str
    type: QuestionType
    text: str
    section_id: str
    line: int = 0
    help: str | None = None
    note: str | None = None
    show_if: Condition | None = None
    raises: tuple[Raise, ...] = ()
    choices: tuple[Choice, ...] = ()
    min: int | float | None = None
    max: int | float | None = None
    unit: str | None = None
    integer: bool = False
    allow_partial: bool = False
    multiline: bool = False
    required: bool = False
    source_lines: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)

    def choice(self, choice_id: str) -> Choice | None:
        for choice in self.choices:
            if choice.id == choice_id:
                return choice
        return None

    @property
    def choice_ids(self) -> tuple[str, ...]:
        return tuple(choice.id for choice in self.choices)

    @property
    def allowed_values(self) -> tuple[str, ...] | None:
        """The closed set of values an answer may take, or None for open types."""
        if self.type.has_choices:
            return self.choice_ids
        if self.type is QuestionType.YES_NO_UNSURE:
            return YES_NO_UNSURE_VALUES
        return None


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    questions: tuple[Question, ...] = ()
    line: int = 0
    title_line: int = 0


@dataclass(frozen=True)
class Form:
    id: str
    version: str
    title: str
    sections: tuple[Section, ...] = ()
    description: str | None = None
    source_language: str = "en"
    exploitation_default: str = "labour"
    path: Path | None = None
    source_lines: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)

    def questions(self) -> Iterator[Question]:
        """Every question in asking order."""
        for section in self.sections:
            yield from section.questions

    def question(self, question_id: str) -> Question:
        for question in self.questions():
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)
