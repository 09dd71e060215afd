"""Walking the survey sheet of an XLSForm into draft sections and questions.

Groups become sections (nested groups merge into their outermost group's section, with
their ``relevant`` applied to each question); questions outside any group go to a
"General" section. Notes become interviewer notes on the next question. Whatever cannot be
carried over is reported, never dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from screening_app.forms.model import QuestionType
from screening_app.forms.xlsform_choices import ChoiceList, localize
from screening_app.forms.xlsform_draft import (
    DraftQuestion,
    DraftSection,
    IdRegistry,
    LocalText,
    ReportItem,
    safe_id,
)
from screening_app.forms.xlsform_relevant import Known, XPathUnsupported, translate_relevant
from screening_app.forms.xlsform_sheets import Row

QUESTION_TYPES = {
    "integer": QuestionType.NUMBER,
    "decimal": QuestionType.NUMBER,
    "range": QuestionType.NUMBER,
    "date": QuestionType.DATE,
    "text": QuestionType.TEXT,
    "select_one": QuestionType.SINGLE_CHOICE,
    "select_multiple": QuestionType.MULTIPLE_CHOICE,
}
METADATA_TYPES = frozenset(
    {
        "start",
        "end",
        "today",
        "deviceid",
        "phonenumber",
        "username",
        "simserial",
        "subscriberid",
        "email",
        "audit",
        "start-geopoint",
        "background-audio",
    }
)
HANDLED_COLUMNS = frozenset(
    {"type", "name", "relevant", "required", "constraint", "appearance", "parameters"}
)
HANDLED_TEXTS = frozenset(
    {"label", "hint", "guidance_hint", "constraint_message", "required_message"}
)
_BOUND = re.compile(r"^\.\s*(<=|>=|<|>)\s*(-?\d+(?:\.\d+)?)$")
_REFERENCE = re.compile(r"\$\{[^}]*\}")
DEFAULT_SECTION = "general"
DEFAULT_SECTION_TITLE = "General"


@dataclass
class _Group:
    name: str
    condition: str | None


@dataclass
class _Note:
    row: int
    name: str
    texts: LocalText


@dataclass
class SurveyWalk:
    """State of one pass over the survey rows."""

    lists: dict[str, ChoiceList]
    source: str  # the language whose text goes into the YAML
    default_language: str  # the language of columns that name none
    report: list[ReportItem] = field(default_factory=list)
    sections: list[DraftSection] = field(default_factory=list)
    section: DraftSection | None = None
    groups: list[_Group] = field(default_factory=list)
    repeat_depth: int = 0
    notes: list[_Note] = field(default_factory=list)
    known: dict[str, Known] = field(default_factory=dict)
    question_ids: IdRegistry = field(default_factory=IdRegistry)
    section_ids: IdRegistry = field(default_factory=lambda: IdRegistry({"form"}))

    def run(self, rows: list[Row]) -> list[DraftSection]:
        for row in rows:
            self.row(row)
        self.close_section()
        if self.groups:
            self.adapt(self.groups[-1].name, 0, "begin_group", "group never closed with end_group")
        return [section for section in self.sections if section.questions]

    def drop(self, name: str, row: int, construct: str, detail: str) -> None:
        """Report something of the XLSForm that is not in the imported form."""
        self.report.append(ReportItem("survey", row, name, construct, detail, dropped=True))

    def adapt(self, name: str, row: int, construct: str, detail: str) -> None:
        """Report something imported in a different shape than the XLSForm had it."""
        self.report.append(ReportItem("survey", row, name, construct, detail))

    # -- dispatch -------------------------------------------------------------------------
    def row(self, row: Row) -> None:
        kind, argument, extra = parse_type(row.get("type"))
        name = row.get("name")
        if self.repeat_depth:
            self.inside_repeat(row, kind, name)
        elif kind == "begin_group":
            self.begin_group(row, name)
        elif kind == "end_group":
            self.end_group(row, name)
        elif kind == "begin_repeat":
            self.repeat_depth = 1
            self.drop(
                name,
                row.number,
                "begin_repeat",
                "repeats are not supported; the repeat and the rows inside it are not imported",
            )
        elif kind == "note":
            self.note(row, name)
        elif kind in QUESTION_TYPES:
            self.question(row, kind, argument, extra)
        elif kind in METADATA_TYPES:
            self.drop(name, row.number, kind, "metadata field; not imported")
        elif kind or name:
            self.drop(name, row.number, kind or "type", "unsupported type; not imported")

    def inside_repeat(self, row: Row, kind: str, name: str) -> None:
        if kind == "begin_repeat":
            self.repeat_depth += 1
        elif kind == "end_repeat":
            self.repeat_depth -= 1
            return
        self.drop(name, row.number, kind or "type", "inside a repeat; not imported")

    # -- groups and sections --------------------------------------------------------------
    def begin_group(self, row: Row, name: str) -> None:
        condition = self.translate(row, name, "relevant") if row.get("relevant") else None
        if self.groups:
            assert self.section is not None
            self.adapt(
                name,
                row.number,
                "begin_group",
                f"nested group merged into section '{self.section.id}'",
            )
        else:
            self.close_section()
            title = self.source_text(row, "label", name, name.replace("_", " ").capitalize())
            section_id = self.section_ids.claim(safe_id(name or "section", prefix="s_"))
            self.section = DraftSection(section_id, title, row.number)
            self.sections.append(self.section)
        self.groups.append(_Group(name, condition))

    def end_group(self, row: Row, name: str) -> None:
        if not self.groups:
            self.drop(name, row.number, "end_group", "end_group without begin_group; ignored")
            return
        self.groups.pop()
        if not self.groups:
            self.close_section()

    def open_section(self) -> DraftSection:
        if self.section is None:
            section_id = self.section_ids.claim(DEFAULT_SECTION)
            self.section = DraftSection(section_id, {self.source: DEFAULT_SECTION_TITLE}, 0)
            self.sections.append(self.section)
        return self.section

    def close_section(self) -> None:
        if self.notes:
            last = self.section.questions[-1] if self.section and self.section.questions else None
            for note in self.notes:
                if last is None:
                    self.drop(
                        note.name, note.row, "note", "no question to attach it to; not imported"
                    )
                else:
                    last.notes.append(note.texts)
                    self.adapt(
                        note.name,
                        note.row,
                        "note",
                        f"kept as an interviewer note on question '{last.id}'",
                    )
            self.notes = []
        self.section = None

    # -- notes and questions --------------------------------------------------------------
    def note(self, row: Row, name: str) -> None:
        texts = self.source_text(row, "label", name, "")
        if not texts.get(self.source):
            self.drop(name, row.number, "note", "note without text; not imported")
            return
        if row.get("relevant"):
            self.drop(name, row.number, "relevant", "a note's relevant condition is not imported")
        self.notes.append(_Note(row.number, name, texts))

    def question(self, row: Row, kind: str, argument: str, extra: list[str]) -> None:
        if not row.get("name"):
            self.drop("", row.number, kind, "question without a name; not imported")
            return
        question = self.new_question(row, kind)
        if question.type.has_choices and not self.attach_choices(question, row, argument, extra):
            return
        self.apply_columns(question, row, kind)
        section = self.open_section()
        for note in self.notes:
            question.notes.append(note.texts)
            self.adapt(
                note.name,
                note.row,
                "note",
                f"kept as an interviewer note on question '{question.id}'",
            )
        self.notes = []
        section.questions.append(question)
        choice_ids = self.lists[argument].ids if question.type.has_choices else {}
        self.known[row.get("name")] = Known(question.id, question.type, choice_ids)

    def new_question(self, row: Row, kind: str) -> DraftQuestion:
        name = row.get("name")
        question_id = self.question_ids.claim(safe_id(name))
        if question_id != name:
            self.adapt(name, row.number, "name", f"question id written as '{question_id}'")
        question = DraftQuestion(question_id, QUESTION_TYPES[kind], row.number)
        question.texts["text"] = self.source_text(row, "label", name, name)
        if row.text("hint"):
            question.texts["help"] = self.source_text(row, "hint", name, "")
        if row.text("guidance_hint"):
            question.notes.append(self.source_text(row, "guidance_hint", name, ""))
        question.integer = kind == "integer"
        return question

    def attach_choices(
        self, question: DraftQuestion, row: Row, argument: str, extra: list[str]
    ) -> bool:
        name = row.get("name")
        choice_list = self.lists.get(argument)
        if choice_list is None or not choice_list.choices:
            self.drop(
                name, row.number, "select", f"choice list '{argument}' not found; not imported"
            )
            return False
        question.choices = list(choice_list.choices)
        for word in extra:
            self.drop(name, row.number, word, "not supported; the choices are imported without it")
        return True

    def apply_columns(self, question: DraftQuestion, row: Row, kind: str) -> None:
        name = row.get("name")
        question.show_if = self.show_if(row, name)
        question.relevant = row.get("relevant")
        question.required = self.required(row, name)
        if kind == "range":
            self.range_parameters(question, row)
        if row.get("constraint"):
            self.constraint(question, row)
        appearance = row.get("appearance")
        if appearance == "multiline" and question.type is QuestionType.TEXT:
            question.multiline = True
        elif appearance:
            self.drop(name, row.number, "appearance", f"appearance '{appearance}' ignored")
        self.report_leftovers(row, name)

    def report_leftovers(self, row: Row, name: str) -> None:
        for column in sorted(set(row.cells) - HANDLED_COLUMNS):
            self.drop(name, row.number, column, "column not supported; ignored")
        for base in sorted(set(row.texts) - HANDLED_TEXTS):
            self.drop(name, row.number, base, "column not supported; ignored")
        if row.text("required_message"):
            self.drop(name, row.number, "required_message", "ignored: any question may be declined")
        for language, text in sorted(row.text("label").items(), key=lambda item: item[0] or ""):
            if _REFERENCE.search(text):
                self.adapt(
                    name,
                    row.number,
                    "label",
                    f"label ({language or self.default_language}) refers to another answer; "
                    "kept as written",
                )
                break

    # -- conditions, constraints, required ----------------------------------------------
    def show_if(self, row: Row, name: str) -> str | None:
        pieces = [group.condition for group in self.groups if group.condition]
        if row.get("relevant"):
            own = self.translate(row, name, "relevant")
            if own:
                pieces.append(own)
        if len(pieces) <= 1:
            return pieces[0] if pieces else None
        return " and ".join(f"({piece})" for piece in pieces)

    def translate(self, row: Row, name: str, column: str) -> str | None:
        try:
            return translate_relevant(row.get(column), self.known)
        except XPathUnsupported as exc:
            self.drop(
                name,
                row.number,
                column,
                f"'{row.get(column)}' not imported: {exc.reason}; the question is always shown",
            )
            return None

    def required(self, row: Row, name: str) -> bool:
        value = row.get("required").strip().lower()
        if value in ("yes", "true", "true()", "1"):
            return True
        if value not in ("", "no", "false", "false()", "0"):
            self.drop(
                name,
                row.number,
                "required",
                f"required only when '{value}' is not supported; imported as not required",
            )
        return False

    def range_parameters(self, question: DraftQuestion, row: Row) -> None:
        parameters = dict(re.findall(r"(\w+)\s*=\s*(-?\d+(?:\.\d+)?)", row.get("parameters")))
        values = {key: float(value) for key, value in parameters.items()}
        question.min = _number(values.get("start"))
        question.max = _number(values.get("end"))
        question.integer = all(value.is_integer() for value in values.values())

    def constraint(self, question: DraftQuestion, row: Row) -> None:
        expression = row.get("constraint")
        bounds = (
            parse_bounds(expression, question.integer)
            if question.type is QuestionType.NUMBER
            else None
        )
        name = row.get("name")
        if bounds is not None:
            low, high = bounds
            question.min = low if low is not None else question.min
            question.max = high if high is not None else question.max
            self.adapt(name, row.number, "constraint", f"'{expression}' written as min/max")
            return
        message = localize(row.text("constraint_message"), self.default_language)
        if self.source not in message:
            message[self.source] = f"Check the answer: {expression}"
        question.notes.append(message)
        self.adapt(name, row.number, "constraint", f"'{expression}' kept as an interviewer note")

    # -- text -----------------------------------------------------------------------------
    def source_text(self, row: Row, column: str, name: str, fallback: str) -> LocalText:
        """The column's texts, making sure the source language has one."""
        texts = localize(row.text(column), self.default_language)
        if self.source in texts:
            return texts
        if texts:
            language, text = next(iter(texts.items()))
            self.adapt(
                name,
                row.number,
                column,
                f"no {self.source} text; the {language} text is used as the source",
            )
            return {**texts, self.source: text}
        if fallback:
            self.adapt(name, row.number, column, f"no {column}; '{fallback}' is used")
            return {self.source: fallback}
        return {}


def parse_type(text: str) -> tuple[str, str, list[str]]:
    """``("select_one", "yes_no", ["or_other"])`` from ``"select_one yes_no or_other"``."""
    words = text.split()
    if not words:
        return "", "", []
    first = words[0].lower()
    if first in ("begin", "end") and len(words) > 1 and words[1].lower() in ("group", "repeat"):
        return f"{first}_{words[1].lower()}", "", words[2:]
    return first, words[1] if len(words) > 1 else "", words[2:]


def parse_bounds(
    expression: str, integer: bool
) -> tuple[int | float | None, int | float | None] | None:
    """Min and max from ``. >= 0 and . <= 120``; None if the constraint says anything else."""
    low: int | float | None = None
    high: int | float | None = None
    for part in re.split(r"\s+and\s+", expression.strip()):
        match = _BOUND.match(part.strip())
        if match is None:
            return None
        op, raw = match.groups()
        value = _number(float(raw))
        assert value is not None
        if op in (">", "<"):
            if not integer or not float(value).is_integer():
                return None  # an exclusive bound on a decimal has no min/max equivalent
            value = int(value) + (1 if op == ">" else -1)
        if op in (">", ">="):
            low = value
        else:
            high = value
    return low, high


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value.is_integer() else value
