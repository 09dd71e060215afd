"""Quick hide: a neutral screen that says nothing about the work behind it.

It shows the time and a plain title; coming back needs the password of the person who
hid the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from screening_app.i18n.ui_text import _


class NeutralView(QWidget):
    unhide_requested = Signal(str)  # the password typed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("neutralScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        self.title = QLabel(_("Information desk"))
        self.title.setObjectName("neutralTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.title)
        self.clock = QLabel("")
        self.clock.setObjectName("neutralClock")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.clock)
        layout.addStretch(3)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaximumWidth(260)
        self.password.setAccessibleName(_("Password to return"))
        self.password.returnPressed.connect(self._submit)
        layout.addWidget(self.password, 0, Qt.AlignmentFlag.AlignHCenter)
        self.message = QLabel("")
        self.message.setObjectName("error")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.message)
        self._timer = QTimer(self)
        self._timer.setInterval(15000)
        self._timer.timeout.connect(self._tick)
        self._tick()

    def _tick(self) -> None:
        self.clock.setText(QDateTime.currentDateTime().toString("HH:mm"))

    def activate(self) -> None:
        self.password.clear()
        self.message.clear()
        self._tick()
        self._timer.start()
        self.password.setFocus()

    def deactivate(self) -> None:
        self._timer.stop()
        self.password.clear()

    def refuse(self, reason: str) -> None:
        self.password.clear()
        self.message.setText(reason)

    def _submit(self) -> None:
        self.unhide_requested.emit(self.password.text())
