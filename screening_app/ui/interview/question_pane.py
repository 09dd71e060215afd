"""One side of the interview screen: the question in one language, laid out in that
language's direction and font."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from screening_app.forms.model import Form, Question
from screening_app.i18n.form_texts import FormTexts
from screening_app.i18n.languages import language
from screening_app.i18n.ui_text import _
from screening_app.ui.fonts import font_for
from screening_app.ui.language import direction_of


@cache
def form_texts(form_id: str, lang: str) -> FormTexts:
    return FormTexts(form_id, lang)


def question_path(form: Form, question: Question) -> str:
    return f"{question.section_id}.{question.id}"


def translated(form: Form, lang: str, context: str, source: str) -> str:
    return form_texts(form.id, lang).text(context, source)


def _label(object_name: str) -> QLabel:
    label = QLabel("")
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


class QuestionPane(QFrame):
    """Question text, help and (for the interviewer only) the note, in one language."""

    def __init__(self, for_interviewer: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pane")
        self.for_interviewer = for_interviewer
        self.lang = "en"
        self.large = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.language_label = _label("paneLanguage")
        self.section_label = _label("hint")
        self.text = _label("questionText")
        self.help = _label("helpText")
        self.note = _label("interviewerNote")
        self.missing = _label("unreviewed")
        for widget in (
            self.language_label,
            self.section_label,
            self.text,
            self.help,
            self.note,
            self.missing,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.setAccessibleName(_("Interviewer's side") if for_interviewer else _("Person's side"))

    def set_language(self, code: str) -> None:
        self.lang = code
        direction = direction_of(code)
        self.setLayoutDirection(direction)
        lang = language(code)
        who = _("Interviewer") if self.for_interviewer else _("The person")
        self.language_label.setText(f"{who} · {lang.native_name}")
        for label in (self.section_label, self.text, self.help, self.missing):
            label.setFont(font_for(code))
            label.setLayoutDirection(direction)
            label.setAlignment(_alignment(direction))
        self.language_label.setFont(font_for(code, bold=True))

    def set_large(self, large: bool) -> None:
        """The "show to the person" size: question text much bigger."""
        self.large = large
        self.text.setObjectName("questionTextLarge" if large else "questionText")
        self.text.style().unpolish(self.text)
        self.text.style().polish(self.text)

    def show_question(self, form: Form, question: Question, section_title: str) -> None:
        path = question_path(form, question)
        texts = form_texts(form.id, self.lang)
        self.section_label.setText(texts.text(f"{question.section_id}.title", section_title))
        self.text.setText(texts.text(f"{path}.text", question.text))
        self.text.setAccessibleName(self.text.text())
        self._optional(self.help, texts.text(f"{path}.help", question.help or ""))
        note = question.note if self.for_interviewer else None
        self._optional(self.note, texts.text(f"{path}.note", note) if note else "")
        self._show_missing(texts, f"{path}.text")

    def show_message(self, title: str, body: str) -> None:
        """A text that is not a form question (consent, summary headings)."""
        self.section_label.setText("")
        self.text.setText(title)
        self._optional(self.help, body)
        self._optional(self.note, "")
        self.missing.hide()

    def _show_missing(self, texts: FormTexts, context: str) -> None:
        if self.lang == "en" or self.for_interviewer:
            self.missing.hide()
            return
        if not texts.available:
            name = language(self.lang).name
            self.missing.setText(
                _("No {language} translation yet: the interpreter reads the English aloud.").format(
                    language=name
                )
            )
            self.missing.show()
        elif texts.is_unreviewed(context):
            self.missing.setText(_("Unreviewed translation"))
            self.missing.show()
        else:
            self.missing.hide()

    @staticmethod
    def _optional(label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))


def _alignment(direction: Qt.LayoutDirection) -> Qt.AlignmentFlag:
    # Absolute sides: a right-to-left pane keeps every line on the right, even a line of
    # Latin text such as a name or the "unreviewed" marker.
    side = (
        Qt.AlignmentFlag.AlignRight
        if direction == Qt.LayoutDirection.RightToLeft
        else Qt.AlignmentFlag.AlignLeft
    )
    return side | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignTop
