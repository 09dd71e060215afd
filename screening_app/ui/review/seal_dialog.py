"""Asking before packets are sealed: for whom, and whether to copy them to a folder too.

Recipients without keys are named apart with the reason, never offered. Ctrl+Enter seals,
Esc backs out. The dialog only asks; sealing runs in the background afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from screening_app.i18n.ui_text import _
from screening_app.services.recipients import RecipientEntry
from screening_app.ui.review.names import joined


@dataclass(frozen=True)
class SealRequest:
    recipient_ids: tuple[str, ...]
    folder: Path | None  # where copies go as well (a USB stick), or None: the outbox only


def has_keys(entry: RecipientEntry) -> bool:
    """Keys come only from a bundle signed by the trusted NRM root."""
    return entry.age_recipient is not None


class SealDialog(QDialog):
    requested = Signal(object)  # SealRequest

    def __init__(
        self,
        sealable: Sequence[RecipientEntry],
        without_keys: Sequence[RecipientEntry],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.sealable = tuple(sealable)
        self.setWindowTitle(_("Seal packets"))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        heading = QLabel(_("Seal packets"))
        heading.setObjectName("pageTitle")
        layout.addWidget(heading)
        layout.addWidget(self._wrapped(self._explanation()))
        if without_keys:
            names = joined(entry.name for entry in without_keys)
            note = _(
                "Not offered, no keys yet: {names}. Their keys arrive in a key bundle signed "
                "by the NRM; until then a PDF report is the way to refer."
            ).format(names=names)
            layout.addWidget(self._wrapped(note, "hint"))
        self.copy_box = QCheckBox(_("Also copy to a folder:"))
        self.copy_box.setAccessibleName(_("Also copy the packets to a folder"))
        self.copy_box.toggled.connect(self._copy_toggled)
        layout.addWidget(self.copy_box)
        layout.addLayout(self._folder_row())
        layout.addWidget(self._buttons())
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.seal)

    @staticmethod
    def _wrapped(text: str, name: str = "") -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        if name:
            label.setObjectName(name)
        return label

    def _explanation(self) -> str:
        if not self.sealable:
            return _("None of the chosen recipients has keys: no packet can be sealed.")
        names = joined(entry.name for entry in self.sealable)
        return _(
            "One sealed packet for each of: {names}. The packets wait in the outbox until "
            '"Sync now" sends them to the intake; a copy in a folder (a USB stick) can be '
            "carried there instead."
        ).format(names=names)

    def _folder_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.folder = QLineEdit()
        self.folder.setReadOnly(True)
        self.folder.setAccessibleName(_("Folder for the copies"))
        self.folder.setPlaceholderText(_("no folder chosen"))
        row.addWidget(self.folder, 1)
        self.choose_button = QPushButton(_("Choose folder…"))
        self.choose_button.setAccessibleName(_("Choose the folder for the copies"))
        self.choose_button.clicked.connect(self.choose_folder)
        row.addWidget(self.choose_button)
        return row

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.seal_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.seal_button.setText(_("Seal (Ctrl+Enter)"))
        self.seal_button.setAccessibleName(_("Seal the packets"))
        self.seal_button.setObjectName("primary")
        self.seal_button.setAutoDefault(False)
        self.seal_button.setEnabled(bool(self.sealable))
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Cancel (Esc)"))
        cancel.setAccessibleName(_("Cancel"))
        buttons.accepted.connect(self.seal)
        buttons.rejected.connect(self.reject)
        return buttons

    def show_and_focus(self) -> None:
        self.open()
        self.activateWindow()
        (self.seal_button if self.sealable else self.copy_box).setFocus()

    # -- the folder --------------------------------------------------------------------------
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self,
            _("Folder for the packet copies"),
            self.folder.text() or str(Path.home()),
            QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.ShowDirsOnly,
        )
        if folder:
            self.set_folder(Path(folder))

    def set_folder(self, folder: Path) -> None:
        self.folder.setText(str(folder))
        self.copy_box.setChecked(True)

    def _copy_toggled(self, checked: bool) -> None:
        if checked and not self.folder.text():
            self.choose_folder()
            if not self.folder.text():
                self.copy_box.setChecked(False)

    def chosen_folder(self) -> Path | None:
        text = self.folder.text()
        return Path(text) if self.copy_box.isChecked() and text else None

    # -- deciding ----------------------------------------------------------------------------
    def seal(self) -> None:
        if not self.sealable:
            return
        ids = tuple(entry.id for entry in self.sealable)
        self.accept()
        self.requested.emit(SealRequest(ids, self.chosen_folder()))
