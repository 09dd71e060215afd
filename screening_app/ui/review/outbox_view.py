"""The outbox (supervisors): packets waiting for their receipt, "Sync now", receipts by
hand, and the two key fingerprints to compare with the NRM over the phone.

Nothing here needs a network until "Sync now" is pressed, and the sync runs in the
background with a progress bar, so the window never waits for the intake. A failed sync
loses nothing: every packet stays in the outbox until its receipt is imported.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from screening_app.core.errors import ScreeningError
from screening_app.i18n.ui_text import _, ngettext
from screening_app.services.office import office_settings, save_intake_url
from screening_app.services.office_keys import OfficeIdentity, office_identity
from screening_app.services.packet_export import sent_referrals
from screening_app.services.receipt_import import ReceiptResult
from screening_app.services.sync import SyncFailed, SyncReport, sync_now
from screening_app.services.trust import TrustedRootView, trusted_root
from screening_app.services.vault import Vault
from screening_app.ui.review.packet_words import (
    lines_text,
    ltr,
    receipt_line,
    sync_summary,
)
from screening_app.ui.review.receipt_imports import RECEIPT_SUFFIX, ReceiptImports
from screening_app.ui.review.tracked_work import TrackedWork


def waiting_packets(vault: Vault) -> int:
    """Packets sent and still waiting for their receipt (each lies in the outbox)."""
    with vault.read() as session:
        return len(sent_referrals(session))


def office_text(office: OfficeIdentity) -> str:
    return _("{fingerprint} (office {office}, key {key})").format(
        fingerprint=ltr(office.fingerprint), office=ltr(office.office_id), key=ltr(office.key_id)
    )


def root_text(root: TrustedRootView | None) -> str:
    if root is None:
        return _("None trusted yet: packets cannot be sealed until the NRM root key is added.")
    return _("{fingerprint} (key {key})").format(
        fingerprint=ltr(root.fingerprint), key=ltr(root.key_id)
    )


def _selectable(text: str = "", name: str = "hint") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByKeyboard
        | Qt.TextInteractionFlag.TextSelectableByMouse
    )
    return label


class OutboxView(QWidget):
    changed = Signal()  # referrals may have changed state (a sync ran)

    def __init__(
        self,
        vault: Vault,
        work: TrackedWork,
        receipts: ReceiptImports,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.work = work
        self.receipts = receipts
        layout = QVBoxLayout(self)
        title = QLabel(_("Outbox"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        about = _selectable(
            _(
                "Sealed packets wait here until the intake's receipt comes back, by \"Sync "
                'now" or as a receipt file; then the packet is deleted and the referral is '
                "delivered. Drop receipt files anywhere on this window to import them."
            )
        )
        layout.addWidget(about)
        self.waiting = QLabel("")
        self.waiting.setWordWrap(True)
        layout.addWidget(self.waiting)
        layout.addLayout(self._address_form())
        layout.addLayout(self._action_row())
        self.progress = QProgressBar()
        self.progress.setAccessibleName(_("Sync progress"))
        self.progress.hide()
        layout.addWidget(self.progress)
        self.result = _selectable("", "")
        self.result.setAccessibleName(_("What the last sync or receipt import did"))
        layout.addWidget(self.result)
        layout.addSpacing(12)
        layout.addLayout(self._keys_section())
        layout.addStretch(1)
        self._shortcuts()
        self.refresh()

    # -- building ----------------------------------------------------------------------------
    def _address_form(self) -> QVBoxLayout:
        column = QVBoxLayout()
        row = QHBoxLayout()
        caption = QLabel(_("Intake address"))
        self.address = QLineEdit()
        self.address.setPlaceholderText("https://intake.example.org")
        self.address.setAccessibleName(_("Address of the NRM intake"))
        # An address reads left to right in every interface language.
        self.address.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.address.returnPressed.connect(self.save_address)
        caption.setBuddy(self.address)
        self.save_button = QPushButton(_("Save address"))
        self.save_button.setAccessibleName(_("Save the intake address"))
        self.save_button.clicked.connect(self.save_address)
        self.address.setMinimumWidth(360)
        row.addWidget(caption)
        row.addWidget(self.address, 1)
        row.addWidget(self.save_button)
        row.addStretch(1)
        column.addLayout(row)
        self.address_note = _selectable()
        column.addWidget(self.address_note)
        return column

    def _action_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.sync_button = QPushButton(_("Sync now (F5)"))
        self.sync_button.setObjectName("primary")
        self.sync_button.setAccessibleName(_("Send the waiting packets and fetch their receipts"))
        self.sync_button.clicked.connect(self.sync)
        self.import_button = QPushButton(_("Import receipts… (Ctrl+I)"))
        self.import_button.setAccessibleName(_("Import receipt files"))
        self.import_button.clicked.connect(self.choose_receipts)
        row.addWidget(self.sync_button)
        row.addWidget(self.import_button)
        row.addStretch(1)
        return row

    def _keys_section(self) -> QVBoxLayout:
        column = QVBoxLayout()
        title = QLabel(_("Keys to compare with the NRM"))
        title.setObjectName("paneLanguage")
        column.addWidget(title)
        column.addWidget(
            _selectable(
                _(
                    "Read these aloud to the NRM officer over the phone: each must match, "
                    "group by group, what the NRM has on record."
                )
            )
        )
        form = QFormLayout()
        self.office_print = _selectable("", "")
        self.office_print.setAccessibleName(_("This office's key fingerprint"))
        form.addRow(_("This office's key"), self.office_print)
        self.root_print = _selectable("", "")
        self.root_print.setAccessibleName(_("Fingerprint of the trusted NRM root key"))
        form.addRow(_("Trusted NRM root key"), self.root_print)
        column.addLayout(form)
        return column

    def _shortcuts(self) -> None:
        for keys, slot in (("F5", self.sync), ("Ctrl+I", self.choose_receipts)):
            shortcut = QShortcut(QKeySequence(keys), self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def focus_first(self) -> None:
        self.sync_button.setFocus()

    # -- what is shown -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Count the waiting packets and read the address and the keys again."""
        if self.vault.is_locked:
            return
        try:
            count = waiting_packets(self.vault)
            url = office_settings(self.vault).intake_url
            office = office_identity(self.vault)
            root = trusted_root(self.vault)
        except ScreeningError as exc:
            self.result.setText(exc.message)
            return
        self.waiting.setText(
            ngettext(
                "{n} packet waits in the outbox for its receipt.",
                "{n} packets wait in the outbox for their receipt.",
                count,
            ).format(n=count)
        )
        self.address.setText(url)
        self._note_address(url)
        self.office_print.setText(lines_text([office_text(office)]))
        self.root_print.setText(lines_text([root_text(root)]))

    def _note_address(self, url: str) -> None:
        if url:
            note = _('"Sync now" sends the waiting packets to {url}.').format(url=ltr(url))
        else:
            note = _(
                "No intake address is set: save one to sync, or carry the packets on a USB "
                "stick and import the receipts that come back."
            )
        self.address_note.setText(lines_text([note]))

    # -- the address -------------------------------------------------------------------------
    def save_address(self) -> None:
        try:
            saved = save_intake_url(self.vault, self.address.text())
        except ScreeningError as exc:
            self.address_note.setText(exc.message)
            return
        self.address.setText(saved)
        self._note_address(saved)

    # -- sync --------------------------------------------------------------------------------
    def sync(self) -> None:
        """Push the waiting packets and fetch receipts, in the background."""
        if not self.sync_button.isEnabled() or self.vault.is_locked:
            return
        vault = self.vault
        self.sync_button.setEnabled(False)
        self.progress.setRange(0, 0)  # busy until the intake tells how many there are
        self.progress.show()
        self.result.setText(_("Syncing with the intake…"))
        self.work.start_tracked(
            lambda progress: sync_now(vault, None, progress),
            self._moved,
            self._synced,
            self._sync_failed,
        )

    def _moved(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _synced(self, report: SyncReport) -> None:
        self._sync_over()
        lines = [sync_summary(report)]
        lines += [receipt_line(r) for r in report.results if r.status not in _QUIET]
        self.result.setText(lines_text(lines))
        self.refresh()
        self.changed.emit()

    def _sync_failed(self, error: ScreeningError) -> None:
        self._sync_over()
        if isinstance(error, SyncFailed):
            headline = _(
                "The intake could not be reached. Nothing was lost: the packets stay in the "
                "outbox. Check the connection and the address, then try again later."
            )
            self.result.setText(lines_text([headline, error.message]))
        else:
            self.result.setText(error.message)
        self.refresh()
        self.changed.emit()  # receipts fetched before the failure stay imported

    def _sync_over(self) -> None:
        self.progress.hide()
        self.sync_button.setEnabled(True)

    # -- receipts by hand --------------------------------------------------------------------
    def choose_receipts(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(
            self,
            _("Receipts to import"),
            str(Path.home()),
            _("Receipts (*{suffix})").format(suffix=RECEIPT_SUFFIX),
            options=QFileDialog.Option.DontUseNativeDialog,
        )
        if files and not self.vault.is_locked:
            self.receipts.start([Path(name) for name in files])

    def show_receipts(self, results: list[ReceiptResult]) -> None:
        self.result.setText(lines_text(receipt_line(result) for result in results))
        self.refresh()


# Results a sync need not list one by one: its summary counts them.
_QUIET = frozenset({"delivered", "already_delivered"})
