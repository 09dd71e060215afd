"""Red-flag banners: shown the moment an answer raises a flag, saying what to do now."""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from screening_app.i18n.ui_text import _
from screening_app.ui.labels import FLAG_ACTION, FLAG_TITLE, label

# Most urgent first: danger and health before age questions.
FLAG_ORDER = ("immediate_danger", "medical_urgent", "unaccompanied", "possible_minor")


class FlagBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("flagBanner")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(14, 10, 14, 10)
        self.flags: tuple[str, ...] = ()
        self.labels: list[QLabel] = []
        self.hide()

    def show_flags(self, flags: Iterable[str]) -> list[str]:
        """Show every raised flag; returns those that were not shown before."""
        raised = set(flags)
        ordered = tuple(f for f in FLAG_ORDER if f in raised) + tuple(
            sorted(raised - set(FLAG_ORDER))
        )
        new = [flag for flag in ordered if flag not in self.flags]
        if ordered == self.flags:
            return new
        for widget in self.labels:
            widget.deleteLater()
        self.labels = []
        for flag in ordered:
            # One line per flag: what it is, in bold, then what to do now.
            line = QLabel(
                f"<b>{html.escape(label(FLAG_TITLE, flag))}.</b> "
                f"{html.escape(label(FLAG_ACTION, flag))}"
            )
            line.setTextFormat(Qt.TextFormat.RichText)
            line.setWordWrap(True)
            line.setAccessibleName(label(FLAG_TITLE, flag))
            self._layout.addWidget(line)
            self.labels.append(line)
        self.flags = ordered
        self.setAccessibleName(_("Safety alert"))
        self.setAccessibleDescription(" ".join(self.texts()))
        self.setVisible(bool(ordered))
        return new

    def texts(self) -> list[str]:
        """The banner's lines as plain text."""
        return [QTextDocumentFragment.fromHtml(w.text()).toPlainText() for w in self.labels]
