"""Everything shown while someone is signed in: the header, the case list, interviews and
settings. Locking throws this whole widget away, with every decrypted text it held."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from screening_app.core.errors import ScreeningError
from screening_app.core.records import CaseSummary, PersonDetails
from screening_app.i18n.ui_text import _
from screening_app.services.cases import CaseService
from screening_app.services.interview_flow import InterviewFlow, Languages
from screening_app.services.interviews import InterviewService
from screening_app.services.open_interviews import open_interviews
from screening_app.services.roles import Capability, capabilities
from screening_app.services.vault import LockedError, Vault
from screening_app.ui.background import BackgroundRunner, JobSignals
from screening_app.ui.case_list_view import CaseListView
from screening_app.ui.context import FIRST_LINE_FORM, IN_DEPTH_FORM, AppContext
from screening_app.ui.interview.interview_view import InterviewView
from screening_app.ui.settings_view import SettingsView
from screening_app.ui.start_dialog import StartDialog


class WorkspaceView(QWidget):
    lock_requested = Signal()
    hide_requested = Signal()
    preferences_saved = Signal(object)  # Preferences

    def __init__(
        self,
        context: AppContext,
        vault: Vault,
        runner: BackgroundRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.vault = vault
        self.runner = runner
        self.interview: InterviewView | None = None
        self.settings: SettingsView | None = None
        self.start_dialog: StartDialog | None = None
        self._index_job: JobSignals | None = None
        allowed = capabilities(vault.role)
        layout = QVBoxLayout(self)
        layout.addLayout(self._header())
        self.content = QStackedWidget()
        self.cases = CaseListView(Capability.LIST_CASES in allowed)
        self.cases.new_button.setEnabled(Capability.CREATE_CASE in allowed)
        self.cases.in_depth_button.setEnabled(Capability.LIST_CASES in allowed)
        self.cases.new_screening_requested.connect(self.start_new_screening)
        self.cases.in_depth_requested.connect(self.start_in_depth)
        self.cases.resume_requested.connect(self.resume)
        self.content.addWidget(self.cases)
        layout.addWidget(self.content, 1)
        self.message = QLabel("")
        self.message.setObjectName("hint")
        layout.addWidget(self.message)

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.user_label = QLabel(
            _("Signed in: {name} ({role})").format(
                name=self.vault.username, role=_(self.vault.role.value)
            )
        )
        self.user_label.setObjectName("hint")
        row.addWidget(self.user_label)
        row.addStretch(1)
        self.cases_button = QPushButton(_("Cases"))
        self.cases_button.setAccessibleName(_("Show the case list"))
        self.cases_button.clicked.connect(self.show_cases)
        self.settings_button = QPushButton(_("Settings"))
        self.settings_button.setAccessibleName(_("Settings"))
        self.settings_button.clicked.connect(self.open_settings)
        self.lock_button = QPushButton(_("Lock (Ctrl+L)"))
        self.lock_button.setAccessibleName(_("Lock the screen"))
        self.lock_button.clicked.connect(self.lock_requested.emit)
        self.hide_button = QPushButton(_("Hide (F12)"))
        self.hide_button.setObjectName("hideButton")
        self.hide_button.setAccessibleName(_("Hide the screen now"))
        self.hide_button.clicked.connect(self.hide_requested.emit)
        for button in (self.cases_button, self.settings_button, self.lock_button, self.hide_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            row.addWidget(button)
        return row

    # -- the case index ----------------------------------------------------------------------
    def load_index(self) -> None:
        """Decrypt the case summaries; the list fills when done, with progress meanwhile."""
        if not self.cases.can_list:
            return
        vault = self.vault
        self.cases.show_progress(0, 1)
        if self.context.synchronous:
            self.cases.set_rows(CaseService(vault).summaries(self.cases.show_progress))
            return
        job = self.runner.start(lambda progress: CaseService(vault).summaries(progress))
        self._index_job = job
        job.progress.connect(self._index_progress)
        job.done.connect(self._index_loaded)
        job.failed.connect(self._index_failed)

    def _index_progress(self, done: int, total: int) -> None:
        if self.sender() is self._index_job:
            self.cases.show_progress(done, total)

    def _index_loaded(self, rows: Sequence[CaseSummary]) -> None:
        if self.sender() is self._index_job and not self.vault.is_locked:
            self.cases.set_rows(rows)

    def _index_failed(self, error: BaseException) -> None:
        if self.sender() is not self._index_job or isinstance(error, LockedError):
            return
        if isinstance(error, ScreeningError):
            QMessageBox.warning(self, _("The case list could not be opened"), error.message)
            return
        raise error

    def refresh_open_interviews(self) -> None:
        self.cases.set_open_interviews(open_interviews(self.vault))

    # -- navigation --------------------------------------------------------------------------
    def show_cases(self) -> None:
        if self.interview is not None:
            # Leaving an interview pauses it: its place is already saved.
            self._close_interview()
        self.content.setCurrentWidget(self.cases)
        self.refresh_open_interviews()
        if self.cases.can_list:
            self.cases.search.setFocus()
        else:
            self.cases.new_button.setFocus()

    def open_settings(self) -> None:
        if self.settings is None:
            self.settings = SettingsView(self.context.preferences)
            self.settings.saved.connect(self.preferences_saved.emit)
            self.settings.closed.connect(self.show_cases)
            self.content.addWidget(self.settings)
        self.content.setCurrentWidget(self.settings)
        self.settings.ui_language.setFocus()

    def start_new_screening(self) -> None:
        self._ask_start(_("New first-line screening"), True, None)

    def start_in_depth(self, case_id: str) -> None:
        self._ask_start(
            _("In-depth interview for case {case}").format(case=case_id), False, case_id
        )

    def _ask_start(self, title: str, ask_person: bool, case_id: str | None) -> None:
        language = self.context.preferences.interviewer_language
        dialog = StartDialog(title, ask_person, language, self)
        dialog.accepted.connect(lambda: self._start(dialog, case_id))
        self.start_dialog = dialog
        dialog.open()
        dialog.activateWindow()
        dialog.first_field().setFocus()

    def _start(self, dialog: StartDialog, case_id: str | None) -> None:
        choice = dialog.choice()
        self.start_dialog = None
        dialog.deleteLater()
        # Back to the main window, so the keyboard lands on the interview at once.
        self.activateWindow()
        languages = Languages(
            self.context.preferences.interviewer_language,
            choice.interviewee_language,
            choice.interpreter,
        )
        form_id = FIRST_LINE_FORM if case_id is None else IN_DEPTH_FORM
        try:
            if case_id is None:
                case_id = CaseService(self.vault).create_case(choice.person or PersonDetails())
            flow = InterviewFlow.start(self.vault, self.context.forms[form_id], case_id, languages)
        except ScreeningError as exc:
            QMessageBox.warning(self, _("The interview could not start"), exc.message)
            return
        self.show_interview(flow)

    def resume(self, session_id: str) -> None:
        try:
            info = InterviewService(self.vault).info(session_id)
            flow = InterviewFlow(self.vault, self.context.forms[info.form_id], session_id)
        except (ScreeningError, KeyError) as exc:
            message = exc.message if isinstance(exc, ScreeningError) else str(exc)
            QMessageBox.warning(self, _("The interview could not be opened"), message)
            return
        self.show_interview(flow)

    def show_interview(self, flow: InterviewFlow) -> None:
        self._close_interview()
        self.interview = InterviewView(flow)
        self.interview.paused.connect(self.show_cases)
        self.interview.finished.connect(self._interview_finished)
        self.content.addWidget(self.interview)
        self.content.setCurrentWidget(self.interview)
        self.interview.focus_current()

    def _close_interview(self) -> None:
        if self.interview is not None:
            self.content.removeWidget(self.interview)
            self.interview.deleteLater()
            self.interview = None

    def _interview_finished(self, case_id: str) -> None:
        self.show_cases()
        self.message.setText(_("Case {case} was sent to supervisor review.").format(case=case_id))
        self.load_index()

    @property
    def current_session_id(self) -> str | None:
        """The interview on screen, if any (its place is saved; only the id is kept)."""
        if self.interview is None or self.interview.flow.finished:
            return None
        return self.interview.flow.session_id
