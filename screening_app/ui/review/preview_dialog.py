""" "Preview": exactly what each chosen recipient will receive, one tab per recipient."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from screening_app.i18n.ui_text import _
from screening_app.services.referral_content import ReferralContent
from screening_app.ui.review.preview_document import preview_document


class PreviewDialog(QDialog):
    def __init__(self, contents: Sequence[ReferralContent], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("What each recipient will receive"))
        self.resize(860, 640)
        layout = QVBoxLayout(self)
        note = QLabel(
            _(
                "This is the content of the report as it will be exported: nothing else about "
                "the person is sent."
            )
        )
        note.setWordWrap(True)
        note.setObjectName("hint")
        layout.addWidget(note)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Recipients"))
        self.documents: dict[str, QTextBrowser] = {}
        self.fields: dict[str, tuple[str, ...]] = {}
        for content in contents:
            html, fields = preview_document(content)
            browser = QTextBrowser()
            browser.setAccessibleName(
                _("What {recipient} receives").format(recipient=content.recipient.name)
            )
            browser.setHtml(html)
            browser.setTabChangesFocus(True)
            self.tabs.addTab(browser, content.recipient.name)
            self.documents[content.recipient.id] = browser
            self.fields[content.recipient.id] = fields
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Close (Esc)"))
        close.setAccessibleName(_("Close the preview"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.tabs.setFocus()

    def text_of(self, recipient_id: str) -> str:
        return self.documents[recipient_id].toPlainText()
