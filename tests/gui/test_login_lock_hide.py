"""Sign-in, auto-lock and quick hide, as a person at the keyboard meets them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from screening_app.services.preferences import PREFERENCES_FILE, load_preferences
from screening_app.ui.main_window import MainWindow
from tests.gui.conftest import focused, key, sign_in_by_keyboard, type_text


def test_wrong_password_shows_the_reason_and_keeps_the_login_screen(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.login.account.setFocus()
    type_text(qtbot, "responder")
    key(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "not-the-password")
    key(qtbot, Qt.Key.Key_Return)
    assert window.vault is None
    assert "wrong account name or password" in window.login.error.text()
    assert window.stack.currentWidget() is window.login
    assert window.login.password.text() == ""


def test_signing_in_by_keyboard_opens_the_case_list(qtbot: QtBot, window: MainWindow) -> None:
    sign_in_by_keyboard(qtbot, window, "supervisor")
    assert window.workspace is not None
    assert window.workspace.cases.model.total == 30
    assert focused() is window.workspace.cases.search


def test_quick_hide_shows_a_neutral_screen_and_needs_the_password(
    qtbot: QtBot, window: MainWindow
) -> None:
    sign_in_by_keyboard(qtbot, window, "supervisor")
    assert window.workspace is not None
    first_name = window.workspace.cases.model.summary(0).display_name
    key(qtbot, Qt.Key.Key_F12)
    assert window.is_hidden
    assert window.windowTitle() == "Information desk"
    assert window.workspace.isHidden() or not window.workspace.isVisible()
    visible = [w for w in QApplication.allWidgets() if w.isVisible()]
    assert not any(first_name in getattr(w, "text", lambda: "")() for w in visible)
    assert focused() is window.neutral.password
    type_text(qtbot, "wrong-password")
    key(qtbot, Qt.Key.Key_Return)
    assert window.is_hidden
    assert window.neutral.message.text()
    type_text(qtbot, "demo-password")
    key(qtbot, Qt.Key.Key_Return)
    assert not window.is_hidden
    assert window.stack.currentWidget() is window.workspace
    assert window.vault is not None and not window.vault.is_locked


def test_the_visible_hide_button_hides_the_screen(qtbot: QtBot, window: MainWindow) -> None:
    sign_in_by_keyboard(qtbot, window, "responder")
    assert window.workspace is not None
    qtbot.mouseClick(window.workspace.hide_button, Qt.MouseButton.LeftButton)
    assert window.is_hidden


def test_lock_by_shortcut_drops_the_keys_and_returns_to_login(
    qtbot: QtBot, window: MainWindow
) -> None:
    sign_in_by_keyboard(qtbot, window, "supervisor")
    vault = window.vault
    assert vault is not None
    key(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert vault.is_locked
    assert window.vault is None and window.workspace is None
    assert window.stack.currentWidget() is window.login
    assert window.login.account.text() == "supervisor"


def test_settings_change_the_lock_delay_and_text_size_and_are_saved(
    qtbot: QtBot, window: MainWindow, workspace_dir: Path
) -> None:
    sign_in_by_keyboard(qtbot, window, "responder")
    assert window.workspace is not None
    window.workspace.open_settings()
    settings = window.workspace.settings
    assert settings is not None and focused() is settings.ui_language
    settings.auto_lock.setFocus()
    for _ in range(3):
        key(qtbot, Qt.Key.Key_Down)  # 5 -> 10 -> 15 -> 30 minutes
    settings.text_size.setFocus()
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Down)
    settings.saved.emit(settings.preferences())
    assert window.context.preferences.auto_lock_minutes == 30
    assert window.context.preferences.text_scale_percent == 130
    assert window.idle.timeout_ms == 30 * 60_000
    assert load_preferences(workspace_dir / PREFERENCES_FILE).text_scale_percent == 130
    assert "14.3pt" in QApplication.instance().styleSheet()  # type: ignore[union-attr]
    # Signed in still, on a rebuilt screen in the new size.
    assert window.vault is not None and window.workspace is not None


def _open_start_dialog(qtbot: QtBot, window: MainWindow) -> QDialog:
    sign_in_by_keyboard(qtbot, window, "supervisor")
    assert window.workspace is not None
    window.workspace.start_new_screening()
    dialog = window.workspace.start_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.first_field().setFocus()
    return dialog


def test_quick_hide_works_while_a_dialog_is_open_and_brings_it_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = _open_start_dialog(qtbot, window)
    key(qtbot, Qt.Key.Key_F12)
    assert window.is_hidden
    assert not dialog.isVisible()
    window.neutral.password.setFocus()
    type_text(qtbot, "demo-password")
    key(qtbot, Qt.Key.Key_Return)
    assert not window.is_hidden
    assert dialog.isVisible()


def test_lock_works_while_a_dialog_is_open_and_closes_it(qtbot: QtBot, window: MainWindow) -> None:
    dialog = _open_start_dialog(qtbot, window)
    vault = window.vault
    assert vault is not None
    key(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert vault.is_locked
    assert window.stack.currentWidget() is window.login
    assert not dialog.isVisible()
