"""What a person sees when the program fails: the error type and where, with a Copy button.

The text carries no case data: exception messages of our own errors are written for a
person and never hold names or answers; any other exception's message is left out, since
it could quote a value.
"""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from screening_app import __version__
from screening_app.core.errors import ScreeningError
from screening_app.i18n.ui_text import _


def crash_report(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> str:
    """Error type, our own message if any, and the call stack (files, lines, functions)."""
    lines = [f"screening-app {__version__}", f"{kind.__module__}.{kind.__qualname__}"]
    if isinstance(error, ScreeningError):
        lines.append(error.message)
    lines.append("")
    for frame in traceback.extract_tb(tb):
        lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
    return "\n".join(lines)


class CrashDialog(QDialog):
    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("The program met an error"))
        self.report = report
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Something went wrong inside the program. Every answer given before this "
                "moment is saved. Copy the details below and send them to whoever supports "
                "this laptop; they contain no case data."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.details = QPlainTextEdit(report)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(_("Error details"))
        layout.addWidget(self.details)
        buttons = QHBoxLayout()
        self.copy_button = QPushButton(_("Copy"))
        self.copy_button.setAccessibleName(_("Copy the error details"))
        self.copy_button.clicked.connect(self.copy)
        close = QPushButton(_("Close"))
        close.setObjectName("primary")
        close.clicked.connect(self.accept)
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.resize(640, 420)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.report)


def install_crash_dialog() -> None:
    """Show the crash dialog for any exception that reaches the event loop."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if QApplication.instance() is None:
            previous(kind, error, tb)
            return
        CrashDialog(crash_report(kind, error, tb)).exec()

    sys.excepthook = hook
