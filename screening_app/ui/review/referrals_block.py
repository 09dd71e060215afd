"""The "Referrals" block of a case review: every referral of the case and where it stands.

It is read again after a packet is sealed, a receipt is imported or a sync ran, so the
supervisor sees "sent, awaiting receipt" turn into "delivered" without reopening the case.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from screening_app.core.errors import ScreeningError
from screening_app.i18n.ui_text import _
from screening_app.services.packet_export import ReferralState, referral_states
from screening_app.services.vault import Vault
from screening_app.ui.review.packet_words import referral_status, short_packet_id
from screening_app.ui.review.rich_text import document


def referral_line(state: ReferralState) -> str:
    status = referral_status(state)
    if state.packet_id:
        return _("{recipient}: {status} (packet {packet})").format(
            recipient=state.recipient_name, status=status, packet=short_packet_id(state.packet_id)
        )
    return _("{recipient}: {status}").format(recipient=state.recipient_name, status=status)


class ReferralsBlock(QWidget):
    def __init__(self, vault: Vault, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.case_id = case_id
        self.states: list[ReferralState] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        title = QLabel(_("Referrals"))
        title.setObjectName("paneLanguage")
        layout.addWidget(title)
        self.body = QLabel("")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAccessibleName(_("Referrals of this case and where each stands"))
        # Reachable with Tab and readable line by line, though nothing here is an action.
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.body.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        title.setBuddy(self.body)
        layout.addWidget(self.body)
        self.refresh()

    def refresh(self) -> None:
        """Read the referrals again (a quick query of ids, statuses and dates)."""
        if self.vault.is_locked:
            return
        try:
            self.states = referral_states(self.vault, self.case_id)
        except ScreeningError as exc:
            self._show([exc.message])
            return
        lines = [referral_line(state) for state in self.states]
        self._show(lines or [_("None yet: no report or packet was made for this case.")])

    def lines(self) -> list[str]:
        return [referral_line(state) for state in self.states]

    def _show(self, lines: list[str]) -> None:
        self.body.setText(document("<br>".join(escape(line) for line in lines)))
        self.body.setAccessibleDescription("\n".join(lines))
