"""The login screen: account, password, interface language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from screening_app.core.errors import ScreeningError
from screening_app.i18n.languages import ui_languages
from screening_app.i18n.ui_text import _
from screening_app.ui.context import AppContext

if TYPE_CHECKING:
    from screening_app.services.vault import Vault


class LoginView(QWidget):
    signed_in = Signal(object)  # Vault
    ui_language_chosen = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setObjectName("loginView")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QWidget()
        box.setFixedWidth(round(480 * context.preferences.text_scale_percent / 100))
        column = QVBoxLayout(box)
        self.title = QLabel(_("Screening and referral"))
        self.title.setObjectName("pageTitle")
        column.addWidget(self.title)
        self.status = QLabel(_("Sign in to start."))
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        column.addWidget(self.status)
        column.addLayout(self._fields())
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setAccessibleName(_("Sign-in message"))
        column.addWidget(self.error)
        self.sign_in_button = QPushButton(_("Sign in"))
        self.sign_in_button.setObjectName("primary")
        self.sign_in_button.setAccessibleName(_("Sign in"))
        self.sign_in_button.clicked.connect(self.try_sign_in)
        column.addWidget(self.sign_in_button)
        self.demo_notice = QLabel("")
        self.demo_notice.setObjectName("demoNotice")
        self.demo_notice.setWordWrap(True)
        self.demo_notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.demo_notice)
        self.show_readiness()
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def _fields(self) -> QFormLayout:
        form = QFormLayout()
        form.setVerticalSpacing(12)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        self.account = QLineEdit()
        self.account.setAccessibleName(_("Account name"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(_("Password"))
        self.password.returnPressed.connect(self.try_sign_in)
        self.account.returnPressed.connect(self.password.setFocus)
        self.language = QComboBox()
        self.language.setAccessibleName(_("Interface language"))
        for lang in ui_languages():
            self.language.addItem(lang.native_name, lang.code)
        index = self.language.findData(self._context.preferences.ui_language)
        self.language.setCurrentIndex(max(index, 0))
        self.language.currentIndexChanged.connect(self._language_changed)
        form.addRow(_("Account"), self.account)
        form.addRow(_("Password"), self.password)
        form.addRow(_("Language"), self.language)
        return form

    def show_readiness(self) -> None:
        """Say whether the workspace is open yet, and name the demo accounts if any."""
        context = self._context
        self.sign_in_button.setEnabled(context.ready)
        if not context.ready:
            self.status.setText(_("Opening the workspace…"))
        elif self.status.text() == _("Opening the workspace…"):
            self.status.setText(_("Sign in to start."))
        show_demo = context.preferences.show_demo_accounts and bool(context.demo_accounts)
        if show_demo:
            self.demo_notice.setText(
                _(
                    "Demo workspace with fictional people. Accounts: {names}. "
                    "Password for each: {password}"
                ).format(names=", ".join(context.demo_accounts), password=context.demo_password)
            )
        self.demo_notice.setVisible(show_demo)

    def _language_changed(self) -> None:
        self.ui_language_chosen.emit(str(self.language.currentData()))

    def show_locked(self, username: str) -> None:
        """After a lock: the account is filled in, the password is empty."""
        self.status.setText(
            _("The screen was locked. Sign in again to continue where you stopped.")
        )
        self.account.setText(username)
        self.reset()

    def reset(self) -> None:
        self.password.clear()
        self.error.clear()
        (self.password if self.account.text() else self.account).setFocus()

    def try_sign_in(self) -> None:
        name = self.account.text().strip()
        secret = self.password.text()
        if not self._context.ready:
            return
        if not name or not secret:
            self.error.setText(_("Enter your account name and password."))
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            vault: Vault = self._context.sign_in(name, secret)
        except ScreeningError as exc:
            self.error.setText(exc.message)
            self.password.clear()
            self.password.setFocus()
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.password.clear()
        self.error.clear()
        self.signed_in.emit(vault)
