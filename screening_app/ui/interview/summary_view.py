"""The end of the interview: what the assessment recommends and why, the responder's own
observations, and sending the case to supervisor review.

The words come from ``labels``; none says "victim". The recommendation is a proposal: a
supervisor reviews it and may override it with a written reason.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from screening_app.assess import Assessment
from screening_app.i18n.ui_text import _
from screening_app.ui.labels import OUTCOME_LONG, SERVICE, URGENCY, label


def _label(text: str, name: str = "") -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(True)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        widget.setObjectName(name)
    return widget


class SummaryView(QWidget):
    submitted = Signal(str)  # observations
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._content = QWidget()
        self._column = QVBoxLayout(self._content)
        scroll.setWidget(self._content)
        outer.addWidget(scroll, 1)
        outer.addWidget(_label(_("Your observations for the supervisor (optional)")))
        self.observations = QPlainTextEdit()
        self.observations.setAccessibleName(_("Observations for the supervisor"))
        self.observations.setMaximumHeight(90)
        self.observations.setTabChangesFocus(True)
        outer.addWidget(self.observations)
        buttons = QHBoxLayout()
        self.back_button = QPushButton(_("Back (PgUp)"))
        self.back_button.setAccessibleName(_("Back"))
        self.back_button.clicked.connect(self.back_requested.emit)
        self.submit_button = QPushButton(_("Send to supervisor review (Ctrl+Enter)"))
        self.submit_button.setObjectName("primary")
        self.submit_button.setAccessibleName(_("Send to supervisor review"))
        self.submit_button.clicked.connect(self.submit)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        outer.addLayout(buttons)
        self.shown_texts: list[str] = []

    def show_assessment(self, result: Assessment) -> None:
        while self._column.count():
            item = self._column.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        texts = [
            (_("Summary and recommendation"), "pageTitle"),
            (label(OUTCOME_LONG, result.outcome), "questionText"),
            (
                _("Urgency: {urgency}").format(urgency=label(URGENCY, result.urgency)),
                "urgency",
            ),
            (_("Services to offer"), "paneLanguage"),
            *((f"• {label(SERVICE, s)}", "") for s in result.services),
        ]
        if result.reflection_period_days:
            texts.append(
                (
                    _("Offer a reflection and recovery period of {days} days.").format(
                        days=result.reflection_period_days
                    ),
                    "helpText",
                )
            )
        texts.append((_("Why (from the assessment rules)"), "paneLanguage"))
        texts += [(f"• {reason.text}", "hint") for reason in result.reasons]
        texts.append(
            (
                _(
                    "This is a recommendation. The supervisor reviews it and decides; formal "
                    "identification is for the National Referral Mechanism."
                ),
                "interviewerNote",
            )
        )
        for text, name in texts:
            self._column.addWidget(_label(text, name))
        self._column.addStretch(1)
        self.shown_texts = [text for text, _name in texts]
        self.observations.setFocus()

    def submit(self) -> None:
        self.submitted.emit(self.observations.toPlainText())
