"""Where the answer is given: numbered buttons for choices, an input for open questions."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from screening_app.forms.answers import Answer
from screening_app.forms.model import YES_NO_UNSURE_VALUES, Form, Question, QuestionType
from screening_app.i18n.languages import language
from screening_app.i18n.ui_text import N_, _
from screening_app.ui.interview.answer_button import AnswerButton
from screening_app.ui.interview.answer_inputs import InputError, OpenInput, TextInput, open_input
from screening_app.ui.interview.phrases import has_phrases, phrase
from screening_app.ui.interview.question_pane import form_texts, question_path, translated

YES_NO_UNSURE_LABELS = {"yes": N_("Yes"), "no": N_("No"), "unsure": N_("Not sure")}
MAX_NUMBERED = 10  # keys 1-9, then 0


class AnswerArea(QWidget):
    answered = Signal(object, object)  # Answer, language answered (str | None)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: list[AnswerButton] = []
        self.choice_values: list[str] = []
        self.input: OpenInput | None = None
        self.question: Question | None = None
        self.confirm_button: QPushButton | None = None
        self.error = QLabel("")
        self.error.setObjectName("error")

    def clear(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item is None:
                break
            widget = item.widget()
            if widget is not None and widget is not self.error:
                widget.deleteLater()
            inner = item.layout()
            if inner is not None:
                _delete_layout(inner)
        self.buttons = []
        self.choice_values = []
        self.input = None
        self.confirm_button = None
        self.error.clear()

    def show_question(
        self, form: Form, question: Question, interviewer: str, person: str, current: Answer | None
    ) -> None:
        self.clear()
        self.question = question
        if question.type.has_choices or question.type is QuestionType.YES_NO_UNSURE:
            self._choices(form, question, interviewer, person, current)
        else:
            self._open(question, interviewer, person, current)
        self._layout.addWidget(self.error)

    # -- choices ---------------------------------------------------------------------------
    def _choices(
        self, form: Form, question: Question, interviewer: str, person: str, current: Answer | None
    ) -> None:
        multiple = question.type is QuestionType.MULTIPLE_CHOICE
        if question.type is QuestionType.YES_NO_UNSURE and not has_phrases(person):
            note = QLabel(
                _("No {language} words for yes / no / not sure yet: say them aloud.").format(
                    language=language(person).name
                )
            )
            note.setObjectName("unreviewed")
            self._layout.addWidget(note)
        grid = QGridLayout()
        grid.setSpacing(8)
        options = self._options(form, question, interviewer, person)
        # Words shown in English for want of a translation are laid out as English.
        translated_here = (
            has_phrases(person)
            if question.type is QuestionType.YES_NO_UNSURE
            else form_texts(form.id, person).available or person == form.source_language
        )
        person = person if translated_here else form.source_language
        columns = 2 if len(options) > 4 else 1
        chosen = _chosen(current)
        for index, (value, person_text, interviewer_text) in enumerate(options):
            number = index + 1 if index < MAX_NUMBERED else None
            button = AnswerButton(number, person_text, person, interviewer_text, interviewer)
            # Checked shows the answer given before, when coming back to a question.
            button.setCheckable(True)
            button.setChecked(value in chosen)
            if not multiple:
                button.clicked.connect(lambda _=False, v=value: self._pick(v))
            grid.addWidget(button, index // columns, index % columns)
            self.buttons.append(button)
            self.choice_values.append(value)
        self._layout.addLayout(grid)
        if multiple:
            self._add_confirm(_("Save the selection (Enter)"))

    @staticmethod
    def _options(
        form: Form, question: Question, interviewer: str, person: str
    ) -> list[tuple[str, str, str]]:
        if question.type is QuestionType.YES_NO_UNSURE:
            return [
                (v, phrase(f"answer.{v}", person), _(YES_NO_UNSURE_LABELS[v]))
                for v in YES_NO_UNSURE_VALUES
            ]
        path = question_path(form, question)
        found = []
        for choice in question.choices:
            context = f"{path}.choices.{choice.id}"
            found.append(
                (
                    choice.id,
                    translated(form, person, context, choice.text),
                    translated(form, interviewer, context, choice.text),
                )
            )
        return found

    def _pick(self, value: str) -> None:
        self.answered.emit(Answer.given(value), None)

    # -- open inputs -----------------------------------------------------------------------
    def _open(
        self, question: Question, interviewer: str, person: str, current: Answer | None
    ) -> None:
        self.input = open_input(question, interviewer, person)
        self._layout.addWidget(self.input)
        self._prefill(current)
        self._add_confirm(_("Save the answer (Enter)"))

    def _prefill(self, current: Answer | None) -> None:
        if current is None or not current.is_answered or self.input is None:
            return
        value = current.value
        if isinstance(self.input, TextInput) and isinstance(value, str):
            self.input.set_text(value)
            return
        editor = getattr(self.input, "editor", None)
        if editor is not None and isinstance(value, str | int | float):
            editor.setText(str(value))
        select = getattr(self.input, "select", None)
        if select is not None and isinstance(value, str):
            select(value)

    def _add_confirm(self, text: str) -> None:
        self.confirm_button = QPushButton(text)
        self.confirm_button.setObjectName("primary")
        self.confirm_button.setAccessibleName(text)
        self.confirm_button.clicked.connect(self.confirm)
        self.confirm_button.setMinimumWidth(260)
        self._layout.addWidget(self.confirm_button, 0, Qt.AlignmentFlag.AlignLeading)

    # -- keyboard --------------------------------------------------------------------------
    def press_number(self, number: int) -> bool:
        """Digit key ``number`` (0 means 10): choose or toggle that answer."""
        index = (number or 10) - 1
        if not 0 <= index < len(self.buttons):
            return False
        button = self.buttons[index]
        if self.question is not None and self.question.type is QuestionType.MULTIPLE_CHOICE:
            button.toggle()
        else:
            button.click()
        return True

    def confirm(self) -> None:
        """Save what is selected or typed (Enter)."""
        if self.question is None:
            return
        if self.buttons:
            chosen = [
                v for v, b in zip(self.choice_values, self.buttons, strict=True) if b.isChecked()
            ]
            if not chosen:
                self.error.setText(_("Choose at least one answer, or skip the question."))
                return
            self.answered.emit(Answer.given(tuple(chosen)), None)
            return
        if self.input is None:
            return
        try:
            answer = self.input.answer()
        except InputError as exc:
            self.error.setText(str(exc))
            self.input.focus_input()
            return
        self.answered.emit(answer, self.input.language_answered())

    def focus_first(self) -> None:
        # Widgets added to a shown layout appear only on the next event-loop turn; show
        # them now so the focus can land on them at once.
        for widget in (*self.buttons, self.input, self.confirm_button):
            if widget is not None:
                widget.show()
        if self.buttons:
            self.buttons[0].setFocus()
        elif self.input is not None:
            self.input.focus_input()


def _chosen(current: Answer | None) -> set[str]:
    if current is None or not current.is_answered:
        return set()
    value = current.value
    if isinstance(value, tuple):
        return {str(v) for v in value}
    return {str(value)} if isinstance(value, str) else set()


def _delete_layout(layout: QLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        if widget is not None:
            widget.deleteLater()
        inner = item.layout()
        if inner is not None:
            _delete_layout(inner)
    layout.deleteLater()
