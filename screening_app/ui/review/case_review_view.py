"""One case, read-only, with the supervisor's decisions and the recipients.

Left: the whole case as a document (person, assessment, consent, the interview record, the
review history). Right: the three decisions, each through a small dialog, the case's
referrals and where each stands, and the recipients panel. Esc goes back to the queue.
Decisions are made by the services; this view only asks and shows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from screening_app.core.records import CaseStatus
from screening_app.i18n.ui_text import _
from screening_app.services.review import CaseReview, RecipientOption, ReviewService
from screening_app.services.vault import Vault
from screening_app.ui.review.case_document import case_document
from screening_app.ui.review.decision_dialog import (
    DecisionDialog,
    DecisionInput,
    DecisionKind,
    approve_kind,
    override_kind,
    return_kind,
)
from screening_app.ui.review.recipients_panel import RecipientsPanel
from screening_app.ui.review.referrals_block import ReferralsBlock
from screening_app.ui.review.tracked_work import TrackedWork


class CaseReviewView(QWidget):
    back_requested = Signal()
    decided = Signal(str, str)  # case id, action: approve | return | override
    packets_sealed = Signal(str)  # case id

    def __init__(
        self,
        vault: Vault,
        review: CaseReview,
        options: Sequence[RecipientOption],
        slow: TrackedWork,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.review = review
        self.dialog: DecisionDialog | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(self._title_row())
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.document = QTextBrowser()
        self.document.setAccessibleName(_("The case, read-only"))
        # Tab leaves the document for the recipients; arrows and PgUp/PgDn scroll it.
        self.document.setTabChangesFocus(True)
        self.document.setHtml(case_document(review))
        splitter.addWidget(self.document)
        self.recipients = RecipientsPanel(vault, review, options, slow)
        self.recipients.sealed.connect(self._sealed)
        splitter.addWidget(self._side(self.recipients))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([700, 540])
        layout.addWidget(splitter, 1)
        self._shortcuts()

    # -- building ----------------------------------------------------------------------------
    def _title_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.back_button = QPushButton(_("Back to the queue (Esc)"))
        self.back_button.setAccessibleName(_("Back to the review queue"))
        self.back_button.clicked.connect(self.back_requested.emit)
        row.addWidget(self.back_button)
        title = QLabel(_("Review of case {case}").format(case=self.review.case_id))
        title.setObjectName("pageTitle")
        row.addWidget(title)
        row.addStretch(1)
        # The decisions sit beside the title, where they are seen with the case's name.
        self.approve_button = self._button(
            _("Approve… (Alt+A)"), _("Approve the recommendation"), self.approve
        )
        self.approve_button.setObjectName("primary")
        self.return_button = self._button(
            _("Return… (Alt+R)"), _("Return the case to the responder"), self.send_back
        )
        self.override_button = self._button(
            _("Change recommendation… (Alt+O)"),
            _("Change the recommended next step"),
            self.override,
        )
        for button in (self.approve_button, self.return_button, self.override_button):
            row.addWidget(button)
        return row

    def _side(self, recipients: RecipientsPanel) -> QWidget:
        column = QWidget()
        layout = QVBoxLayout(column)
        self.decision_note = QLabel("")
        self.decision_note.setObjectName("hint")
        self.decision_note.setWordWrap(True)
        layout.addWidget(self.decision_note)
        self._update_decisions()
        self.referrals = ReferralsBlock(self.vault, self.review.case_id)
        layout.addWidget(self.referrals)
        layout.addWidget(recipients, 1)
        return column

    def refresh_referrals(self, *, elsewhere: bool = True) -> None:
        """Read the referral states again: after sealing here, or after a receipt or a sync
        (``elsewhere``), which makes the panel's "awaiting receipt" lines out of date."""
        self.referrals.refresh()
        if elsewhere:
            self.recipients.forget_seal_outcome()

    def _sealed(self, _outcome: object) -> None:
        self.refresh_referrals(elsewhere=False)
        if self.review.status == CaseStatus.APPROVED.value:
            # The first packet sent makes an approved case referred (the export service
            # records it in the same transaction); the document says so without a reread.
            self.review = replace(self.review, status=CaseStatus.REFERRED.value)
            self.recipients.review = self.review
            self.document.setHtml(case_document(self.review))
        self.packets_sealed.emit(self.review.case_id)

    @staticmethod
    def _button(text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        return button

    def _shortcuts(self) -> None:
        keys: tuple[tuple[str, Callable[[], None]], ...] = (
            ("Esc", self.back_requested.emit),
            ("Alt+A", self.approve),
            ("Alt+R", self.send_back),
            ("Alt+O", self.override),
        )
        for key, slot in keys:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def _update_decisions(self) -> None:
        open_ = self.review.status == CaseStatus.AWAITING_REVIEW.value
        for button in (self.approve_button, self.return_button, self.override_button):
            button.setEnabled(open_)
        self.decision_note.setVisible(not open_)
        if not open_:
            self.decision_note.setText(_("This case is not awaiting review: no decision is open."))

    def focus_first(self) -> None:
        (self.approve_button if self.approve_button.isEnabled() else self.document).setFocus()

    # -- decisions ---------------------------------------------------------------------------
    def approve(self) -> None:
        service = ReviewService(self.vault)
        case_id = self.review.case_id
        self._ask(approve_kind(), "approve", lambda d: service.approve(case_id, d.text))

    def send_back(self) -> None:
        service = ReviewService(self.vault)
        case_id = self.review.case_id
        self._ask(return_kind(), "return", lambda d: service.return_to_responder(case_id, d.text))

    def override(self) -> None:
        service = ReviewService(self.vault)
        case_id = self.review.case_id

        def submit(chosen: DecisionInput) -> object:
            return service.override(case_id, chosen.outcome or "", chosen.text, chosen.urgency)

        self._ask(override_kind(), "override", submit)

    def _ask(
        self, kind: DecisionKind, action: str, submit: Callable[[DecisionInput], object]
    ) -> None:
        if not self.approve_button.isEnabled() or self.dialog is not None:
            return
        outcome = self.review.assessment.outcome if self.review.assessment else None
        dialog = DecisionDialog(kind, submit, outcome, self)
        dialog.accepted.connect(lambda: self.decided.emit(self.review.case_id, action))
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.show_and_focus()

    def _dialog_closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
