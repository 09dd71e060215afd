"""Shared set-up of the interface tests: one demo workspace per module, copied per test.

Tests sign in with the demo accounts (fictional people, documented password) and drive the
real window through the keyboard; nothing here opens storage or key material directly.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from screening_app.app import open_context, start_qt
from screening_app.services.demo import DEMO_PASSWORD, make_demo_workspace
from screening_app.services.preferences import Preferences
from screening_app.ui.context import AppContext
from screening_app.ui.main_window import MainWindow

DEMO_CASES = 30


# The offscreen platform (no display, as in CI) says it cannot pass a window's size limits
# on to a window system; there is none. Every other Qt warning still fails a test.
OFFSCREEN_NOTICE = "This plugin does not support propagateSizeHints"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    gui_dir = Path(__file__).parent
    for item in items:
        if gui_dir in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.gui)
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOTICE))


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "workspace"
    make_demo_workspace(path, DEMO_PASSWORD, DEMO_CASES)
    return path


@pytest.fixture
def workspace_dir(demo_template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "workspace"
    shutil.copytree(demo_template, copy)
    return copy


@pytest.fixture
def context(workspace_dir: Path, qapp: QApplication) -> Iterator[AppContext]:
    start_qt(Preferences(), interactive=False)
    with open_context(workspace_dir) as opened:
        opened.synchronous = True
        yield opened


@pytest.fixture
def window(context: AppContext, qtbot: QtBot, qapp: QApplication) -> Iterator[MainWindow]:
    main = MainWindow(context, qapp)
    qtbot.addWidget(main)
    main.resize(1280, 860)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    yield main
    main.close()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    return widget


def key(
    qtbot: QtBot, code: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """One key press, delivered where a person's key press goes: the focused widget."""
    qtbot.keyClick(focused(), code, modifier)


def type_text(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def sign_in_by_keyboard(qtbot: QtBot, window: MainWindow, account: str) -> None:
    window.login.account.setFocus()
    type_text(qtbot, account)
    key(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, DEMO_PASSWORD)
    key(qtbot, Qt.Key.Key_Return)
    assert window.vault is not None, window.login.error.text()
