"""The one window: login, the signed-in workspace, and the neutral quick-hide screen.

Locking drops the keys (``Vault.lock()``), throws away every widget that showed case data,
closes open dialogs and returns to the login screen. The interview's place is saved in the
database at every step, so signing in again reopens it at the same question.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QStackedWidget, QWidget

from screening_app.core.errors import ScreeningError
from screening_app.i18n.ui_text import _
from screening_app.services.preferences import Preferences
from screening_app.ui.background import BackgroundRunner
from screening_app.ui.context import AppContext
from screening_app.ui.idle import IdleWatcher
from screening_app.ui.language import apply_ui_language
from screening_app.ui.login_view import LoginView
from screening_app.ui.neutral_view import NeutralView
from screening_app.ui.style import apply_style

if TYPE_CHECKING:
    from screening_app.services.vault import Vault
    from screening_app.ui.workspace_view import WorkspaceView

APP_TITLE = "Screening and referral"
HIDE_KEY = QKeySequence("F12")
LOCK_KEY = QKeySequence("Ctrl+L")


class SafetyKeys(QObject):
    """F12 (hide) and Ctrl+L (lock) while a modal dialog is open.

    Qt does not deliver the main window's shortcuts while a dialog blocks it, yet hiding the
    screen must work at any moment: this filter on the whole application catches the two
    keys when a modal dialog is up (the window's own shortcuts serve the rest of the time).
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kinds = (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
        if event.type() not in kinds or QApplication.activeModalWidget() is None:
            return False
        assert isinstance(event, QKeyEvent)
        pressed = QKeySequence(event.keyCombination())
        if pressed.matches(HIDE_KEY) == QKeySequence.SequenceMatch.ExactMatch:
            self.window.quick_hide()
        elif pressed.matches(LOCK_KEY) == QKeySequence.SequenceMatch.ExactMatch:
            self.window.lock()
        else:
            return False
        event.accept()
        return True


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext, app: QApplication) -> None:
        super().__init__()
        self.context = context
        self.app = app
        self.vault: Vault | None = None
        self.workspace: WorkspaceView | None = None
        self._resume: tuple[str, str] | None = None  # (account, session id) after a lock
        self._last_user = ""
        self._hidden_from: QWidget | None = None
        self._hidden_dialogs: list[QWidget] = []
        self.runner = BackgroundRunner(self)
        self.idle = IdleWatcher(app, context.preferences.auto_lock_minutes * 60_000)
        self.idle.idle.connect(self.lock)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.login = self._new_login()
        self.neutral = NeutralView()
        self.neutral.unhide_requested.connect(self.unhide)
        self.stack.addWidget(self.neutral)
        self.stack.setCurrentWidget(self.login)
        self._shortcuts()
        self.setWindowTitle(_(APP_TITLE))
        self.resize(1200, 800)

    def _new_login(self) -> LoginView:
        login = LoginView(self.context)
        login.signed_in.connect(self.on_signed_in)
        login.ui_language_chosen.connect(self.change_ui_language)
        self.stack.insertWidget(0, login)
        return login

    def _shortcuts(self) -> None:
        hide = QShortcut(HIDE_KEY, self, self.quick_hide)
        hide.setContext(Qt.ShortcutContext.ApplicationShortcut)
        lock = QShortcut(LOCK_KEY, self, self.lock)
        lock.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self.safety_keys = SafetyKeys(self)
        self.app.installEventFilter(self.safety_keys)

    # -- sign-in and lock --------------------------------------------------------------------
    def services_ready(self) -> None:
        """The workspace is open: sign-in may start."""
        self.login.show_readiness()
        if self.stack.currentWidget() is self.login:
            self.login.reset()

    def on_signed_in(self, vault: Vault) -> None:
        # Imported here: the case list and interview screens pull in every service, which
        # the login window does not need to appear.
        from screening_app.ui.workspace_view import WorkspaceView

        self.vault = vault
        self._last_user = vault.username
        self.workspace = WorkspaceView(self.context, vault, self.runner)
        self.workspace.lock_requested.connect(self.lock)
        self.workspace.hide_requested.connect(self.quick_hide)
        self.workspace.preferences_saved.connect(self.save_preferences)
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        self.workspace.load_index()
        resume, self._resume = self._resume, None
        if resume is not None and resume[0] == vault.username:
            self.workspace.resume(resume[1])
        else:
            self.workspace.show_cases()
        self.idle.start()

    def lock(self) -> None:
        """Drop the keys and every decrypted text; back to the login screen."""
        if self.vault is None:
            return
        self.idle.stop()
        self.runner.invalidate()
        if self.workspace is not None:
            session = self.workspace.current_session_id
            if session is not None:
                self._resume = (self.vault.username, session)
        self.vault.lock()
        self.vault = None
        self._close_dialogs()
        self._drop_workspace()
        self._hidden_from = None
        self.neutral.deactivate()
        self.stack.setCurrentWidget(self.login)
        self.activateWindow()
        self.login.show_locked(self._last_user)
        self.setWindowTitle(_(APP_TITLE))

    def _drop_workspace(self) -> None:
        if self.workspace is None:
            return
        self.workspace.cases.clear()
        self.stack.removeWidget(self.workspace)
        self.workspace.hide()
        self.workspace.deleteLater()
        self.workspace = None

    def _close_dialogs(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        for widget in self._hidden_dialogs:
            if isinstance(widget, QDialog):
                widget.reject()
        self._hidden_dialogs = []

    # -- quick hide --------------------------------------------------------------------------
    def quick_hide(self) -> None:
        """Replace the screen at once with a neutral one; coming back needs the password."""
        if self.stack.currentWidget() is self.neutral:
            return
        self._hidden_from = self.stack.currentWidget()
        self._hidden_dialogs = [
            w for w in QApplication.topLevelWidgets() if w is not self and w.isVisible()
        ]
        for widget in self._hidden_dialogs:
            widget.hide()
        self.stack.setCurrentWidget(self.neutral)
        self.setWindowTitle(_("Information desk"))
        self.neutral.activate()

    def unhide(self, password: str) -> None:
        if self.vault is not None:
            try:
                check = self.context.sign_in(self.vault.username, password)
            except ScreeningError as exc:
                self.neutral.refuse(exc.message)
                return
            check.lock()
        self.neutral.deactivate()
        self.stack.setCurrentWidget(self._hidden_from or self.login)
        self._hidden_from = None
        for widget in self._hidden_dialogs:
            widget.show()
        self._hidden_dialogs = []
        self.setWindowTitle(_(APP_TITLE))

    @property
    def is_hidden(self) -> bool:
        return self.stack.currentWidget() is self.neutral

    # -- settings ----------------------------------------------------------------------------
    def change_ui_language(self, code: str) -> None:
        self.save_preferences(replace(self.context.preferences, ui_language=code))

    def save_preferences(self, preferences: Preferences) -> None:
        old = self.context.preferences
        self.context.preferences = preferences
        self.context.save_preferences(preferences)
        self.idle.set_timeout_ms(preferences.auto_lock_minutes * 60_000)
        if (old.ui_language, old.text_scale_percent) != (
            preferences.ui_language,
            preferences.text_scale_percent,
        ):
            apply_ui_language(self.app, preferences.ui_language)
            apply_style(self.app, preferences.ui_language, preferences.text_scale_percent)
            self._rebuild_texts()

    def _rebuild_texts(self) -> None:
        """New interface language: build the screens again (interview state is in the flow)."""
        on_login = self.stack.currentWidget() is self.login
        account = self.login.account.text()
        self.stack.removeWidget(self.login)
        self.login.deleteLater()
        self.login = self._new_login()
        self.login.account.setText(account)
        self.setWindowTitle(_(APP_TITLE))
        if on_login:
            self.stack.setCurrentWidget(self.login)
            self.login.language.setFocus()
            return
        if self.workspace is not None and self.vault is not None:
            flow = self.workspace.interview.flow if self.workspace.interview else None
            vault = self.vault
            self._drop_workspace()
            self.on_signed_in(vault)
            if flow is not None and self.workspace is not None:
                self.workspace.show_interview(flow)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.runner.invalidate()
        self.runner.wait()
        if self.vault is not None:
            self.vault.lock()
            self.vault = None
        super().closeEvent(event)
