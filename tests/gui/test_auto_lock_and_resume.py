"""Auto-lock leaves no case text behind, and signing in again resumes the interview at the
same question with every answer there."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from screening_app.services.cases import CaseService
from screening_app.ui.main_window import MainWindow
from tests.gui.conftest import key, sign_in_by_keyboard, type_text
from tests.gui.test_keyboard_screening import (
    answer_with,
    current_id,
    interview_of,
    start_screening_by_keyboard,
)


def widget_texts(widget: QWidget) -> list[str]:
    """Every text a widget holds, shown or not: what a screen reader or a grab could reveal."""
    texts = [widget.windowTitle(), widget.accessibleName(), widget.toolTip()]
    if isinstance(widget, QLabel | QLineEdit | QAbstractButton):
        texts.append(widget.text())
    if isinstance(widget, QPlainTextEdit):
        texts.append(widget.toPlainText())
    if isinstance(widget, QComboBox):
        texts += [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                texts.append(str(model.data(model.index(row, column)) or ""))
    return texts


def all_texts() -> str:
    # Widgets thrown away on lock are deleted on the next event-loop turn.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return "\n".join(text for w in QApplication.allWidgets() for text in widget_texts(w))


def test_auto_lock_clears_every_text_and_resumes_at_the_same_question(
    qtbot: QtBot, window: MainWindow
) -> None:
    sign_in_by_keyboard(qtbot, window, "supervisor")
    assert window.vault is not None
    names = [s.display_name for s in CaseService(window.vault).summaries()]
    assert any(name in all_texts() for name in names)
    start_screening_by_keyboard(qtbot, window)
    view = interview_of(window)
    session_id = view.flow.session_id
    view.answers.focus_first()
    answer_with(qtbot, window, "interview_language", Qt.Key.Key_Down, Qt.Key.Key_Return)
    answer_with(qtbot, window, "preferred_language", Qt.Key.Key_Down, Qt.Key.Key_Return)
    answer_with(qtbot, window, "agrees_to_talk", Qt.Key.Key_1)
    answer_with(qtbot, window, "feels_safe", Qt.Key.Key_2)  # raises immediate danger
    assert view.banner.flags == ("immediate_danger",)
    answer_with(qtbot, window, "afraid_of_someone", Qt.Key.Key_2)
    assert current_id(window) == "needs_doctor"
    vault = window.vault

    window.idle.set_timeout_ms(200)
    qtbot.waitUntil(lambda: window.vault is None, timeout=5000)

    assert vault.is_locked
    assert window.stack.currentWidget() is window.login
    left = all_texts()
    assert "Mpleperson" not in left
    assert not [name for name in names if name in left]
    assert "Immediate danger" not in left

    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.login.password)
    type_text(qtbot, "demo-password")
    key(qtbot, Qt.Key.Key_Return)
    resumed = interview_of(window)
    assert resumed.flow.session_id == session_id
    assert current_id(window) == "needs_doctor"
    assert set(resumed.flow.answers) == {
        "interview_language",
        "preferred_language",
        "agrees_to_talk",
        "feels_safe",
        "afraid_of_someone",
    }
    assert resumed.banner.flags == ("immediate_danger",)


def test_activity_keeps_the_screen_unlocked(qtbot: QtBot, window: MainWindow) -> None:
    sign_in_by_keyboard(qtbot, window, "responder")
    window.idle.set_timeout_ms(400)
    for _ in range(4):
        qtbot.wait(150)
        key(qtbot, Qt.Key.Key_Shift)
    assert window.vault is not None
    qtbot.waitUntil(lambda: window.vault is None, timeout=5000)
