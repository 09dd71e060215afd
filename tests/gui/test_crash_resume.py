"""A process killed mid-interview (SIGKILL: no clean-up at all) loses nothing: reopening
the workspace offers the interview and resumes at the same question."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from screening_app.app import open_context
from screening_app.ui.main_window import MainWindow
from tests.gui.conftest import key, sign_in_by_keyboard

CHILD = Path(__file__).with_name("interview_child.py")
ROOT = Path(__file__).resolve().parents[2]


def test_killed_process_resumes_at_the_same_question(
    qtbot: QtBot, qapp: QApplication, workspace_dir: Path
) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(workspace_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline().split()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        if child.stdout is not None:
            child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    assert line[0] == "READY", line
    session_id, question_id = line[1], line[2]
    assert question_id == "needs_doctor"

    with open_context(workspace_dir) as context:
        context.synchronous = True
        window = MainWindow(context, qapp)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        sign_in_by_keyboard(qtbot, window, "responder")
        assert window.workspace is not None
        buttons = window.workspace.cases.resume_buttons
        assert len(buttons) == 1
        buttons[0].setFocus()
        key(qtbot, Qt.Key.Key_Space)
        view = window.workspace.interview
        assert view is not None
        assert view.flow.session_id == session_id
        question = view.flow.current_question()
        assert question is not None and question.id == question_id
        assert set(view.flow.answers) == {
            "interview_language",
            "preferred_language",
            "agrees_to_talk",
            "feels_safe",
            "afraid_of_someone",
        }
        window.close()
