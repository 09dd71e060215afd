"""The crash dialog: error type and call stack, never a message that could hold case data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from screening_app.core.errors import StorageFullError
from screening_app.ui.crash_dialog import CrashDialog, crash_report


def _report(error: BaseException) -> str:
    try:
        raise error
    except BaseException as caught:
        return crash_report(type(caught), caught, caught.__traceback__)


def test_report_names_the_error_type_and_where_but_not_its_message() -> None:
    report = _report(ValueError("Examplename Fictus said something private"))
    assert "builtins.ValueError" in report
    assert "test_crash_dialog.py" in report and "_report" in report
    assert "Examplename" not in report
    assert "private" not in report


def test_report_keeps_our_own_messages_which_are_written_for_people() -> None:
    report = _report(StorageFullError("the disk is full: free some space"))
    assert "StorageFullError" in report
    assert "the disk is full" in report


def test_copy_button_puts_the_report_on_the_clipboard(qtbot: QtBot) -> None:
    dialog = CrashDialog(_report(RuntimeError("x")))
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == dialog.report
    assert dialog.details.toPlainText() == dialog.report
