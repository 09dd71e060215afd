"""Run by test_crash_resume as a separate process: start a screening through the window,
answer a few questions, report where it is, then wait to be killed."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtWidgets import QApplication

from screening_app.app import open_context, start_qt
from screening_app.services.demo import DEMO_PASSWORD
from screening_app.services.preferences import Preferences
from screening_app.ui.main_window import MainWindow


def main() -> None:
    app = QApplication(sys.argv[:1])
    start_qt(Preferences(), interactive=False)
    with open_context(Path(sys.argv[1])) as context:
        context.synchronous = True
        window = MainWindow(context, app)
        window.show()
        window.login.account.setText("responder")
        window.login.password.setText(DEMO_PASSWORD)
        window.login.try_sign_in()
        assert window.workspace is not None
        window.workspace.start_new_screening()
        dialog = window.workspace.start_dialog
        assert dialog is not None
        dialog.given.setText("Exa")
        dialog.accept()
        view = window.workspace.interview
        assert view is not None
        view.answers.buttons or view.answers.confirm()  # nothing chosen: stays put
        view.answers.input.combo.setCurrentIndex(1)  # type: ignore[union-attr]
        view.answers.confirm()
        view.answers.input.combo.setCurrentIndex(1)  # type: ignore[union-attr]
        view.answers.confirm()
        for number in (1, 1, 2):  # talk: yes; feels safe: yes; afraid: no
            view.answers.press_number(number)
        question = view.flow.current_question()
        assert question is not None
        print(f"READY {view.flow.session_id} {question.id}", flush=True)
        app.exec()


if __name__ == "__main__":
    main()
