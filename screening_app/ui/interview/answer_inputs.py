"""Inputs for the open question types: text, number, date, country, language.

Each input turns what was typed into an ``Answer`` or explains, in the interface language,
what is expected. None of them ever shows the value in an error message.
"""

from __future__ import annotations

from functools import cache

from babel import Locale
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from screening_app.forms.answers import Answer, PartialDate
from screening_app.forms.model import Question, QuestionType
from screening_app.i18n.languages import interview_languages, language
from screening_app.i18n.ui_text import _, ui_language
from screening_app.ui.fonts import font_for
from screening_app.ui.language import direction_of


class InputError(ValueError):
    """What the person typed does not fit; the message says what is expected."""


class OpenInput(QWidget):
    """Base of every open-answer input."""

    def answer(self) -> Answer:
        raise NotImplementedError

    def language_answered(self) -> str | None:
        return None

    def focus_input(self) -> None:
        self.setFocus()


class TextInput(OpenInput):
    """Free text, written in either the interviewer's or the person's language."""

    def __init__(self, question: Question, interviewer: str, person: str) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        choose = QHBoxLayout()
        choose.addWidget(QLabel(_("Written in:")))
        self._langs = (interviewer, person)
        self.in_interviewer = QRadioButton(language(interviewer).native_name)
        self.in_person = QRadioButton(language(person).native_name)
        for button, code in ((self.in_interviewer, interviewer), (self.in_person, person)):
            button.setFont(font_for(code))
            button.toggled.connect(self._language_changed)
            choose.addWidget(button)
        self.in_interviewer.setAccessibleName(_("Written in the interviewer's language"))
        self.in_person.setAccessibleName(_("Written in the person's language"))
        choose.addStretch(1)
        layout.addLayout(choose)
        self.multiline = question.multiline
        self.editor: QPlainTextEdit | QLineEdit = (
            QPlainTextEdit() if question.multiline else QLineEdit()
        )
        self.editor.setAccessibleName(_("Answer text"))
        layout.addWidget(self.editor)
        if question.multiline:
            hint = QLabel(_("Ctrl+Enter saves the text."))
            hint.setObjectName("hint")
            layout.addWidget(hint)
        self.in_interviewer.setChecked(True)

    def _language_changed(self) -> None:
        code = self.language_answered() or self._langs[0]
        self.editor.setFont(font_for(code))
        self.editor.setLayoutDirection(direction_of(code))

    def set_text(self, text: str) -> None:
        if isinstance(self.editor, QPlainTextEdit):
            self.editor.setPlainText(text)
        else:
            self.editor.setText(text)

    def text(self) -> str:
        if isinstance(self.editor, QPlainTextEdit):
            return self.editor.toPlainText()
        return self.editor.text()

    def answer(self) -> Answer:
        text = self.text().strip()
        if not text:
            raise InputError(_("Write the answer, or choose skip or does not know."))
        return Answer.given(text)

    def language_answered(self) -> str:
        return self._langs[1] if self.in_person.isChecked() else self._langs[0]

    def focus_input(self) -> None:
        self.editor.setFocus()


class NumberInput(OpenInput):
    def __init__(self, question: Question) -> None:
        super().__init__()
        self.question = question
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.editor = QLineEdit()
        self.editor.setAccessibleName(_("Number"))
        self.editor.setMaximumWidth(200)
        layout.addWidget(self.editor)
        if question.unit:
            layout.addWidget(QLabel(question.unit))
        layout.addStretch(1)

    def answer(self) -> Answer:
        text = self.editor.text().strip().replace(",", ".")
        try:
            value: int | float = int(text) if self.question.integer else float(text)
        except ValueError:
            raise InputError(self._expected()) from None
        low, high = self.question.min, self.question.max
        if (low is not None and value < low) or (high is not None and value > high):
            raise InputError(self._expected())
        return Answer.given(value)

    def _expected(self) -> str:
        low, high = self.question.min, self.question.max
        if low is not None and high is not None:
            return _("Enter a whole number from {low} to {high}.").format(low=low, high=high)
        return _("Enter a number.")

    def focus_input(self) -> None:
        self.editor.setFocus()


class DateInput(OpenInput):
    def __init__(self, question: Question) -> None:
        super().__init__()
        self.question = question
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.editor = QLineEdit()
        self.editor.setPlaceholderText(_("YYYY, YYYY-MM or YYYY-MM-DD"))
        self.editor.setAccessibleName(_("Date"))
        self.editor.setMaximumWidth(260)
        layout.addWidget(self.editor)
        self.approximate = QCheckBox(_("Approximate"))
        self.approximate.setAccessibleName(_("The date is approximate"))
        layout.addWidget(self.approximate)
        layout.addStretch(1)

    def answer(self) -> Answer:
        parsed = PartialDate.parse(self.editor.text())
        if parsed is None or (not self.question.allow_partial and parsed.day is None):
            raise InputError(_("Enter the date as YYYY, YYYY-MM or YYYY-MM-DD."))
        return Answer.given(parsed.isoformat(), approximate=self.approximate.isChecked())

    def focus_input(self) -> None:
        self.editor.setFocus()


@cache
def _countries(ui: str) -> list[tuple[str, str]]:
    names = Locale.parse(ui).territories
    found = [(name, code) for code, name in names.items() if len(code) == 2 and code.isalpha()]
    return sorted(found)


@cache
def _language_names(ui: str) -> list[tuple[str, str]]:
    names = Locale.parse(ui).languages
    return sorted((name, code) for code, name in names.items() if len(code) in (2, 3))


class PickInput(OpenInput):
    """A country or a language, chosen from a list (type the first letters to jump)."""

    def __init__(self, question: Question) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox()
        self.combo.setMinimumWidth(320)
        self.combo.setAccessibleName(
            _("Country") if question.type is QuestionType.COUNTRY else _("Language")
        )
        self.combo.addItem(_("Choose…"), "")
        ui = ui_language()
        if question.type is QuestionType.COUNTRY:
            for name, code in _countries(ui):
                self.combo.addItem(f"{name} ({code})", code)
        else:
            for lang in interview_languages():
                self.combo.addItem(f"{lang.native_name} — {lang.name}", lang.code)
                self.combo.setItemData(self.combo.count() - 1, font_for(lang.code), 6)
            self.combo.insertSeparator(self.combo.count())
            for name, code in _language_names(ui):
                self.combo.addItem(f"{name} ({code})", code)
        layout.addWidget(self.combo)
        layout.addStretch(1)

    def select(self, code: str) -> None:
        self.combo.setCurrentIndex(max(self.combo.findData(code), 0))

    def answer(self) -> Answer:
        code = str(self.combo.currentData() or "")
        if not code:
            raise InputError(_("Choose one from the list, or choose skip or does not know."))
        return Answer.given(code)

    def focus_input(self) -> None:
        self.combo.setFocus()


def open_input(question: Question, interviewer: str, person: str) -> OpenInput:
    if question.type is QuestionType.TEXT:
        return TextInput(question, interviewer, person)
    if question.type is QuestionType.NUMBER:
        return NumberInput(question)
    if question.type is QuestionType.DATE:
        return DateInput(question)
    return PickInput(question)
