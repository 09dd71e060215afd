"""Everything shown while someone is signed in: the header, the case list, interviews,
settings and, for supervisors, the review queue, case review, statistics and the outbox.
Supervisors can drop receipt files anywhere on it to import them. Locking throws this whole
widget away, with every decrypted text it held."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
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
from screening_app.i18n.ui_text import _, ui_language
from screening_app.services.cases import CaseService
from screening_app.services.interview_flow import InterviewFlow, Languages
from screening_app.services.interviews import InterviewService
from screening_app.services.open_interviews import open_interviews
from screening_app.services.receipt_import import ReceiptResult
from screening_app.services.review import ReviewService
from screening_app.services.roles import Capability, capabilities
from screening_app.services.vault import LockedError, Vault
from screening_app.ui.background import BackgroundRunner, JobSignals
from screening_app.ui.case_list_view import CaseListView
from screening_app.ui.context import FIRST_LINE_FORM, IN_DEPTH_FORM, AppContext
from screening_app.ui.interview.interview_view import InterviewView
from screening_app.ui.labels import ROLE, label
from screening_app.ui.review.case_review_view import CaseReviewView
from screening_app.ui.review.jobs import SlowWork
from screening_app.ui.review.outbox_view import OutboxView, waiting_packets
from screening_app.ui.review.packet_words import lines_text, receipt_line
from screening_app.ui.review.queue_rows import QueueRow, queue_rows
from screening_app.ui.review.queue_view import ReviewQueueView
from screening_app.ui.review.receipt_imports import ReceiptImports, receipt_paths
from screening_app.ui.review.statistics_view import StatisticsView
from screening_app.ui.review.tracked_work import TrackedWork
from screening_app.ui.settings_view import SettingsView
from screening_app.ui.start_dialog import StartDialog

# Enter on one of these in the case list opens the case for review (supervisors).
_REVIEWABLE = frozenset({"awaiting_review", "approved", "referred"})


_DROP_EVENTS = frozenset({QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop})


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
        self.queue: ReviewQueueView | None = None
        self.review: CaseReviewView | None = None
        self.statistics: StatisticsView | None = None
        self.outbox: OutboxView | None = None
        # The decrypted case index, kept so the queue and the statistics need not decrypt
        # every summary again; it goes with this widget on lock.
        self._summaries: Sequence[CaseSummary] | None = None
        allowed = capabilities(vault.role)
        self.can_review = Capability.REVIEW in allowed
        self.can_count = Capability.STATISTICS in allowed
        self.can_send = Capability.EXPORT in allowed
        self._queue_work = SlowWork(runner, vault, context.synchronous, self)
        self._review_work = TrackedWork(runner, vault, context.synchronous, self)
        self._statistics_work = SlowWork(runner, vault, context.synchronous, self)
        self._outbox_work = TrackedWork(runner, vault, context.synchronous, self)
        self.receipts = ReceiptImports(
            vault, SlowWork(runner, vault, context.synchronous, self), self
        )
        self.receipts.imported.connect(self._receipts_imported)
        self.receipts.failed.connect(self._say)
        # Receipt files dropped anywhere on the signed-in workspace are imported, also over
        # a child that takes drops itself (a text field would paste the file's path).
        self.setAcceptDrops(self.can_send)
        application = QCoreApplication.instance()
        if self.can_send and application is not None:
            application.installEventFilter(self)
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
        if self.can_review and self.cases.can_list:
            # Enter on a case awaiting review (or approved) opens it for review; the
            # "In-depth interview" button keeps starting interviews.
            self.cases.table.activated.disconnect()
            self.cases.table.activated.connect(self._case_activated)
        layout.addWidget(self.content, 1)
        self.message = QLabel("")
        self.message.setObjectName("hint")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self._count_outbox()

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.user_label = QLabel(
            _("Signed in: {name} ({role})").format(
                name=self.vault.username, role=label(ROLE, self.vault.role.value)
            )
        )
        self.user_label.setObjectName("hint")
        row.addWidget(self.user_label)
        row.addStretch(1)
        self.cases_button = QPushButton(_("Cases"))
        self.cases_button.setAccessibleName(_("Show the case list"))
        self.cases_button.clicked.connect(self.show_cases)
        buttons = [self.cases_button]
        if self.can_review:
            self.review_button = QPushButton(_("Review"))
            self.review_button.setAccessibleName(_("Show the review queue"))
            self.review_button.clicked.connect(self.show_queue)
            buttons.append(self.review_button)
        if self.can_count:
            self.statistics_button = QPushButton(_("Statistics"))
            self.statistics_button.setAccessibleName(_("Show the statistics"))
            self.statistics_button.clicked.connect(self.show_statistics)
            buttons.append(self.statistics_button)
        if self.can_send:
            self.outbox_button = QPushButton(_("Outbox"))
            self.outbox_button.setAccessibleName(
                _("Show the outbox: packets waiting, Sync now, receipts")
            )
            self.outbox_button.clicked.connect(self.show_outbox)
            buttons.append(self.outbox_button)
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
        buttons += [self.settings_button, self.lock_button, self.hide_button]
        for button in buttons:
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
            self._rows_loaded(CaseService(vault).summaries(self.cases.show_progress))
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
            self._rows_loaded(rows)

    def _rows_loaded(self, rows: Sequence[CaseSummary]) -> None:
        self._summaries = rows
        self.cases.set_rows(rows)
        self.refresh_queue()

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
        self._close_review()
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
        self._close_review()
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

    # -- review (supervisors) ----------------------------------------------------------------
    def refresh_queue(self) -> None:
        """Work out the review queue again (from the loaded index) and its count."""
        if not self.can_review:
            return
        vault, rows = self.vault, self._summaries
        self._queue_work.start(lambda: queue_rows(vault, rows), self._queue_ready, self._warn)

    def _queue_ready(self, rows: list[QueueRow]) -> None:
        self.review_button.setText(_("Review ({n})").format(n=len(rows)))
        if self.queue is not None:
            self.queue.set_rows(rows)

    def _warn(self, error: ScreeningError) -> None:
        self.message.setText(error.message)

    def show_queue(self) -> None:
        if not self.can_review:
            return
        self._close_interview()
        self._close_review()
        if self.queue is None:
            self.queue = ReviewQueueView()
            self.queue.open_requested.connect(self.open_review)
            self.content.addWidget(self.queue)
            self.refresh_queue()
        self.content.setCurrentWidget(self.queue)
        self.queue.focus_table()

    def _case_activated(self, index: QModelIndex) -> None:
        summary = self.cases.model.summary(index.row())
        if summary.status in _REVIEWABLE:
            self.open_review(summary.case_id)
        else:
            self.start_in_depth(summary.case_id)

    def open_review(self, case_id: str) -> None:
        """The case read-only, with the decisions and the recipients (opening is audited)."""
        service = ReviewService(self.vault)
        try:
            review = service.open_case(case_id, ui_language())
            options = service.recipient_options(case_id)
        except ScreeningError as exc:
            QMessageBox.warning(self, _("The case could not be opened"), exc.message)
            return
        self._close_interview()
        self._close_review()
        self.review = CaseReviewView(self.vault, review, options, self._review_work)
        self.review.back_requested.connect(self.show_queue)
        self.review.decided.connect(self._decided)
        self.review.packets_sealed.connect(self._sealed)
        self.content.addWidget(self.review)
        self.content.setCurrentWidget(self.review)
        self.review.focus_first()

    def _close_review(self) -> None:
        if self.review is not None:
            self._review_work.forget()
            self.content.removeWidget(self.review)
            self.review.deleteLater()
            self.review = None

    def _decided(self, case_id: str, action: str) -> None:
        texts = {
            "approve": _("Case {case} was approved."),
            "return": _("Case {case} was returned to the responder."),
            "override": _(
                "The recommendation for case {case} was changed; it still awaits approval."
            ),
        }
        if self.queue is not None and action != "override":
            self.queue.remove(case_id)
        # The case again, as it is now: its status, the history and what may be exported.
        self.open_review(case_id)
        self.message.setText(texts[action].format(case=case_id))
        self.load_index()

    # -- statistics (supervisors) ------------------------------------------------------------
    def show_statistics(self) -> None:
        if not self.can_count:
            return
        self._close_interview()
        self._close_review()
        if self.statistics is None:
            self.statistics = StatisticsView(
                self.vault, self._statistics_work, lambda: self._summaries
            )
            self.content.addWidget(self.statistics)
        self.content.setCurrentWidget(self.statistics)
        self.statistics.dimension.setFocus()
        self.statistics.load()

    # -- outbox and receipts (supervisors) ---------------------------------------------------
    def show_outbox(self) -> None:
        if not self.can_send:
            return
        self._close_interview()
        self._close_review()
        if self.outbox is None:
            self.outbox = OutboxView(self.vault, self._outbox_work, self.receipts)
            self.outbox.changed.connect(self._packets_changed)
            self.content.addWidget(self.outbox)
        else:
            self.outbox.refresh()
        self.content.setCurrentWidget(self.outbox)
        self.outbox.focus_first()

    def _count_outbox(self) -> None:
        if not self.can_send or self.vault.is_locked:
            return
        try:
            count = waiting_packets(self.vault)
        except ScreeningError as exc:
            self._say(exc.message)
            return
        self.outbox_button.setText(_("Outbox ({n})").format(n=count))

    def _packets_changed(self) -> None:
        """A packet was sealed or a receipt came in: every place showing a state reads it."""
        self._count_outbox()
        if self.review is not None:
            self.review.refresh_referrals()
        if self.outbox is not None and self.content.currentWidget() is self.outbox:
            self.outbox.refresh()

    def _sealed(self, _case_id: str) -> None:
        # The review showing the case has read its referrals already.
        self._count_outbox()
        self.load_index()  # an approved case is referred now

    def import_receipt_files(self, paths: Sequence[Path]) -> None:
        """Import receipts (from a drop or the outbox's file dialog), in the background."""
        if self.can_send and paths:
            self.receipts.start(paths)

    def _receipts_imported(self, results: list[ReceiptResult]) -> None:
        lines = lines_text(receipt_line(result) for result in results)
        if self.outbox is not None:
            self.outbox.show_receipts(results)
        # Said once: in the outbox when it is on screen, else on the message line.
        self._say("" if self.content.currentWidget() is self.outbox else lines)
        self._packets_changed()

    def _say(self, text: str) -> None:
        self.message.setText(text)

    # Drops: only supervisors, only local ``.receipt`` files; anything else is left alone.
    def accepts_drop(self, mime: QMimeData) -> bool:
        return self.can_send and bool(receipt_paths(mime))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.accepts_drop(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.accepts_drop(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        if not self.accepts_drop(event.mimeData()):
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_receipt_files(receipt_paths(event.mimeData()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Receipt drops over any widget inside the workspace come here first."""
        kind = event.type()
        if kind not in _DROP_EVENTS or not isinstance(watched, QWidget):
            return False
        if watched is self or not self.isAncestorOf(watched):
            return False
        assert isinstance(event, (QDragEnterEvent, QDragMoveEvent, QDropEvent))
        if not self.accepts_drop(event.mimeData()):
            return False
        if isinstance(event, QDragEnterEvent | QDragMoveEvent):
            event.acceptProposedAction()
        else:
            self.dropEvent(event)
        return True

    @property
    def current_session_id(self) -> str | None:
        """The interview on screen, if any (its place is saved; only the id is kept)."""
        if self.interview is None or self.interview.flow.finished:
            return None
        return self.interview.flow.session_id
