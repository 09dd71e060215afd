"""The interview screen: one question at a time, in two languages side by side.

Keys (each one keystroke, shown on its button): 1-9 and 0 choose an answer, Enter saves,
PgUp back, PgDn skip, F6 prefers not to answer, F7 does not know, F8 pause, F4 change the
person's language, F9 show to the person. Every step is saved before the screen changes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from screening_app.core.errors import ScreeningError
from screening_app.forms.answers import Answer
from screening_app.forms.model import QuestionType
from screening_app.i18n.ui_text import _
from screening_app.services.consents import Decision, Recipient
from screening_app.services.interview_flow import InterviewFlow
from screening_app.ui.interview.answer_area import AnswerArea
from screening_app.ui.interview.answer_button import AnswerButton
from screening_app.ui.interview.consent_view import ConsentView
from screening_app.ui.interview.flag_banner import FlagBanner
from screening_app.ui.interview.question_pane import QuestionPane, translated
from screening_app.ui.interview.summary_view import SummaryView
from screening_app.ui.start_dialog import language_picker

_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(10)}


class InterviewView(QWidget):
    paused = Signal()
    finished = Signal(str)  # case id

    def __init__(self, flow: InterviewFlow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = flow
        self.show_to_person = False
        layout = QVBoxLayout(self)
        layout.addLayout(self._header())
        self.banner = FlagBanner()
        layout.addWidget(self.banner)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._question_page())
        self.consent = ConsentView()
        self.consent.decided.connect(self._consent_decided)
        self.consent.completed.connect(self._to_summary)
        self.consent.back_requested.connect(self.back)
        self.pages.addWidget(self.consent)
        self.summary = SummaryView()
        self.summary.submitted.connect(self._submit)
        self.summary.back_requested.connect(self.back)
        self.pages.addWidget(self.summary)
        layout.addWidget(self.pages, 1)
        self._shortcuts()
        self.refresh()

    # -- building ----------------------------------------------------------------------------
    def _header(self) -> QVBoxLayout:
        column = QVBoxLayout()
        top = QHBoxLayout()
        form_title = translated(
            self.flow.form, self.flow.languages.interviewer, "form.title", self.flow.form.title
        )
        self.title = QLabel(f"{form_title} · {self.flow.case_id}")
        self.title.setObjectName("pageTitle")
        top.addWidget(self.title, 1)
        top.addWidget(QLabel(_("Person's language (F4)")))
        self.language = language_picker(self.flow.languages.interviewee, _("The person's language"))
        self.language.activated.connect(self._language_chosen)
        top.addWidget(self.language)
        top.addWidget(QLabel(_("Interpreter")))
        self.interpreter = QLineEdit(self.flow.languages.interpreter or "")
        self.interpreter.setAccessibleName(_("Interpreter (name or code)"))
        self.interpreter.setMaximumWidth(180)
        self.interpreter.editingFinished.connect(self._interpreter_changed)
        top.addWidget(self.interpreter)
        self.show_button = QPushButton(_("Show to the person (F9)"))
        self.show_button.setCheckable(True)
        self.show_button.setAccessibleName(_("Show to the person"))
        self.show_button.toggled.connect(self.set_show_to_person)
        top.addWidget(self.show_button)
        column.addLayout(top)
        progress_row = QHBoxLayout()
        self.section_progress = QLabel("")
        self.section_progress.setObjectName("sectionProgress")
        progress_row.addWidget(self.section_progress, 1)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(_("Interview progress"))
        self.progress.setMaximumWidth(320)
        self.progress.setTextVisible(False)  # the line beside it says how far, in words
        progress_row.addWidget(self.progress)
        column.addLayout(progress_row)
        return column

    def _question_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        panes = QHBoxLayout()
        self.interviewer_pane = QuestionPane(for_interviewer=True)
        self.person_pane = QuestionPane(for_interviewer=False)
        panes.addWidget(self.interviewer_pane, 1)
        panes.addWidget(self.person_pane, 1)
        column.addLayout(panes, 2)
        self.answers = AnswerArea()
        self.answers.answered.connect(self._answered)
        column.addWidget(self.answers, 3)
        column.addLayout(self._step_buttons())
        return page

    def _step_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.back_button = _button(_("Back (PgUp)"), _("Back"), self.back)
        self.skip_button = _button(_("Skip (PgDn)"), _("Skip"), self.skip)
        self.decline_button = _button(
            _("Prefers not to answer (F6)"), _("Prefers not to answer"), self.decline
        )
        self.unknown_button = _button(_("Does not know (F7)"), _("Does not know"), self.unknown)
        self.pause_button = _button(_("Pause (F8)"), _("Pause"), self.pause)
        row.addWidget(self.back_button)
        row.addWidget(self.skip_button)
        row.addStretch(1)
        for button in (self.decline_button, self.unknown_button, self.pause_button):
            row.addWidget(button)
        return row

    def _shortcuts(self) -> None:
        keys = (
            ("PgUp", self.back),
            ("PgDown", self.skip),
            ("F6", self.decline),
            ("F7", self.unknown),
            ("F8", self.pause),
            ("F4", self.open_language_picker),
            ("F9", self.show_button.toggle),
            ("Ctrl+Return", self._ctrl_enter),
            ("Ctrl+Enter", self._ctrl_enter),
        )
        for key, slot in keys:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # -- showing -----------------------------------------------------------------------------
    def refresh(self) -> None:
        stage = self.flow.stage
        self._update_flags()
        self._update_progress()
        if stage == "question":
            self._show_question()
        elif stage == "consent":
            self.pages.setCurrentWidget(self.consent)
            self.consent.show_consents(
                self.flow.languages.interviewee,
                self.flow.assessment().is_child,
                self.flow.consents(),
            )
        elif stage == "summary":
            self.pages.setCurrentIndex(2)
            self.summary.show_assessment(self.flow.assessment())
        else:
            self.finished.emit(self.flow.case_id)
            return
        self.focus_current()

    def focus_current(self) -> None:
        """Keyboard focus on the first thing to do on the page shown."""
        page = self.pages.currentIndex()
        if page == 0:
            self.answers.focus_first()
        elif page == 1:
            self.consent.focus_first()
        else:
            self.summary.observations.setFocus()

    def _show_question(self) -> None:
        question = self.flow.current_question()
        if question is None:
            return
        form = self.flow.form
        section = form.section(question.section_id)
        langs = self.flow.languages
        self.interviewer_pane.set_language(langs.interviewer)
        self.person_pane.set_language(langs.interviewee)
        self.interviewer_pane.show_question(form, question, section.title)
        self.person_pane.show_question(form, question, section.title)
        current = self.flow.answers.get(question.id)
        self.answers.show_question(form, question, langs.interviewer, langs.interviewee, current)
        self.pages.setCurrentIndex(0)
        self.back_button.setEnabled(
            self.flow.runtime.previous_question(question.id, self.flow.answers) is not None
        )
        self.answers.focus_first()

    def _update_progress(self) -> None:
        progress = self.flow.progress()
        done = sum(p.done for p in progress.values())
        total = sum(p.total for p in progress.values())
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(min(done, total))
        question = self.flow.current_question()
        sections = [s for s in self.flow.form.sections if progress[s.id].total]
        if question is None or self.flow.stage != "question":
            self.section_progress.setText(_("Questions done: consent and summary"))
            return
        section = self.flow.form.section(question.section_id)
        number = next((i for i, s in enumerate(sections, 1) if s.id == section.id), 1)
        here = progress[section.id]
        title = translated(
            self.flow.form, self.flow.languages.interviewer, f"{section.id}.title", section.title
        )
        self.section_progress.setText(
            _("Section {number} of {count}: {title} — {done} of {total} answered").format(
                number=number, count=len(sections), title=title, done=here.done, total=here.total
            )
        )

    def _update_flags(self) -> None:
        self.banner.show_flags(self.flow.flags())

    def set_show_to_person(self, on: bool) -> None:
        self.show_to_person = on
        self.interviewer_pane.setVisible(not on)
        self.person_pane.set_large(on)

    # -- steps -------------------------------------------------------------------------------
    def _step(self, action: Callable[[], object]) -> None:
        try:
            action()
        except ScreeningError as exc:
            QMessageBox.warning(self, _("Not saved"), exc.message)
            return
        self.refresh()

    def _answered(self, answer: Answer, language_answered: str | None) -> None:
        self._step(lambda: self.flow.record(answer, language_answered))

    def back(self) -> None:
        if self.pages.currentWidget() is self.consent and self.consent.pages.currentIndex() == 1:
            self.consent.back()
            return
        self._step(self.flow.back)

    def skip(self) -> None:
        if self.flow.stage == "question":
            self._step(self.flow.skip)

    def decline(self) -> None:
        if self.flow.stage == "question":
            self._step(lambda: self.flow.record(Answer.declined()))

    def unknown(self) -> None:
        if self.flow.stage == "question":
            self._step(lambda: self.flow.record(Answer.unknown()))

    def pause(self) -> None:
        self.paused.emit()

    def _consent_decided(self, recipient: Recipient, decision: Decision) -> None:
        try:
            self.flow.record_consent(recipient, decision)
        except ScreeningError as exc:
            QMessageBox.warning(self, _("Not saved"), exc.message)

    def _to_summary(self) -> None:
        self._step(self.flow.go_to_summary)

    def _submit(self, observations: str) -> None:
        self._step(lambda: self.flow.submit(observations))

    def open_language_picker(self) -> None:
        self.language.setFocus()
        self.language.showPopup()

    def _language_chosen(self) -> None:
        code = str(self.language.currentData())
        self._step(lambda: self.flow.set_interviewee_language(code))

    def set_interviewee_language(self, code: str) -> None:
        """Switch the person's language (what the picker does), for scripts and tests."""
        self.language.setCurrentIndex(self.language.findData(code))
        self._language_chosen()

    def _interpreter_changed(self) -> None:
        try:
            self.flow.set_interpreter(self.interpreter.text())
        except ScreeningError as exc:
            QMessageBox.warning(self, _("Not saved"), exc.message)

    def _ctrl_enter(self) -> None:
        page = self.pages.currentIndex()
        if page == 0:
            self.answers.confirm()
        elif page == 1:
            self.consent.advance()
        else:
            self.summary.submit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        page = self.pages.currentIndex()
        question = self.flow.current_question() if page == 0 else None
        is_choice = question is not None and (
            question.type.has_choices or question.type is QuestionType.YES_NO_UNSURE
        )
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in _DIGITS and is_choice and plain and self.answers.press_number(_DIGITS[key]):
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focus = QApplication.focusWidget()
            ticking = (
                isinstance(focus, AnswerButton)
                and question is not None
                and (question.type is QuestionType.MULTIPLE_CHOICE)
            )
            if isinstance(focus, QPushButton) and not ticking:
                # Enter on a button presses that button (Back, Pause...), as Space does.
                focus.click()
                return
            if page == 0:
                self.answers.confirm()
                return
            if page == 1:
                self.consent.advance()
                return
        super().keyPressEvent(event)


def _button(text: str, name: str, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.clicked.connect(slot)
    return button
