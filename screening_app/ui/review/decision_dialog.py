"""The small dialogs of a review decision: approve, return with a comment, override.

Each asks for its text, refuses an empty one where the decision needs it, and calls the
service itself: if the service refuses (the case was decided meanwhile, the rules changed),
its message is shown in the dialog, which stays open. Ctrl+Enter decides, Esc backs out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from screening_app.core.errors import ScreeningError
from screening_app.i18n.ui_text import _
from screening_app.ui.labels import OUTCOME_SHORT, URGENCY


@dataclass(frozen=True)
class DecisionInput:
    text: str
    outcome: str | None = None
    urgency: str | None = None


Submit = Callable[[DecisionInput], object]


@dataclass(frozen=True)
class DecisionKind:
    title: str
    prompt: str
    button: str
    text_required: bool
    asks_outcome: bool = False


def approve_kind() -> DecisionKind:
    return DecisionKind(
        _("Approve the recommendation"),
        _("Comment (optional): what the referral should take into account"),
        _("Approve"),
        text_required=False,
    )


def return_kind() -> DecisionKind:
    return DecisionKind(
        _("Return the case to the responder"),
        _("What is missing or must be asked again (required)"),
        _("Return to responder"),
        text_required=True,
    )


def override_kind() -> DecisionKind:
    return DecisionKind(
        _("Change the recommended next step"),
        _("Written reason for the change (required)"),
        _("Change recommendation"),
        text_required=True,
        asks_outcome=True,
    )


class DecisionDialog(QDialog):
    def __init__(
        self,
        kind: DecisionKind,
        submit: Submit,
        current_outcome: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self._submit = submit
        self.result_value: object = None
        self.setWindowTitle(kind.title)
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        heading = QLabel(kind.title)
        heading.setObjectName("pageTitle")
        layout.addWidget(heading)
        if kind.asks_outcome:
            layout.addLayout(self._outcome_fields(current_outcome))
        prompt = QLabel(kind.prompt)
        prompt.setWordWrap(True)
        layout.addWidget(prompt)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(kind.prompt)
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(110)
        prompt.setBuddy(self.text)
        layout.addWidget(self.text)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        layout.addWidget(self._buttons())
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.decide)

    def show_and_focus(self) -> None:
        """Open (window-modal) with the keyboard on the first field."""
        self.open()
        self.activateWindow()
        (self.outcome if self.kind.asks_outcome else self.text).setFocus()

    def _outcome_fields(self, current: str | None) -> QFormLayout:
        form = QFormLayout()
        self.outcome = QComboBox()
        self.outcome.setAccessibleName(_("New recommended next step"))
        for code, text in OUTCOME_SHORT.items():
            self.outcome.addItem(_(text), code)
        others = [i for i in range(self.outcome.count()) if self.outcome.itemData(i) != current]
        self.outcome.setCurrentIndex(others[0] if others else 0)
        form.addRow(_("New next step"), self.outcome)
        self.urgency = QComboBox()
        self.urgency.setAccessibleName(_("Urgency"))
        self.urgency.addItem(_("Worked out again from the facts"), None)
        for code, text in URGENCY.items():
            self.urgency.addItem(_(text), code)
        form.addRow(_("Urgency"), self.urgency)
        return form

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("{action} (Ctrl+Enter)").format(action=self.kind.button))
        self.ok_button.setAccessibleName(self.kind.button)
        self.ok_button.setObjectName("primary")
        self.ok_button.setAutoDefault(False)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Cancel (Esc)"))
        cancel.setAccessibleName(_("Cancel"))
        buttons.accepted.connect(self.decide)
        buttons.rejected.connect(self.reject)
        return buttons

    def decision(self) -> DecisionInput:
        if not self.kind.asks_outcome:
            return DecisionInput(self.text.toPlainText())
        urgency = self.urgency.currentData()
        return DecisionInput(
            self.text.toPlainText(), str(self.outcome.currentData()), urgency or None
        )

    def decide(self) -> None:
        """Check the text, then let the service decide; stay open with its message if not."""
        chosen = self.decision()
        if self.kind.text_required and not chosen.text.strip():
            self._refuse(_("Write the reason first: this decision is recorded with it."))
            return
        try:
            self.result_value = self._submit(chosen)
        except ScreeningError as exc:
            self._refuse(exc.message)
            return
        self.accept()

    def _refuse(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)
