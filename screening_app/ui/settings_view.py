"""Settings of this laptop: interface language, auto-lock delay, text size."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from screening_app.i18n.languages import ui_languages
from screening_app.i18n.ui_text import _, ngettext
from screening_app.services.preferences import Preferences
from screening_app.ui.start_dialog import language_picker

TEXT_SIZES = (90, 100, 115, 130, 150, 175, 200)
LOCK_CHOICES = (1, 2, 3, 5, 10, 15, 30, 60)


class SettingsView(QWidget):
    saved = Signal(object)  # Preferences
    closed = Signal()

    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        title = QLabel(_("Settings"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        form = QFormLayout()
        self.ui_language = QComboBox()
        self.ui_language.setAccessibleName(_("Interface language"))
        for lang in ui_languages():
            self.ui_language.addItem(lang.native_name, lang.code)
        self.ui_language.setCurrentIndex(max(self.ui_language.findData(preferences.ui_language), 0))
        form.addRow(_("Interface language"), self.ui_language)
        self.interviewer_language = language_picker(
            preferences.interviewer_language, _("Interviewer's language")
        )
        form.addRow(_("Interviewer's language"), self.interviewer_language)
        self.auto_lock = QComboBox()
        minutes = sorted({*LOCK_CHOICES, preferences.auto_lock_minutes})
        for value in minutes:
            self.auto_lock.addItem(
                ngettext("{n} minute", "{n} minutes", value).format(n=value), value
            )
        self.auto_lock.setCurrentIndex(minutes.index(preferences.auto_lock_minutes))
        self.auto_lock.setAccessibleName(_("Lock the screen after this many idle minutes"))
        form.addRow(_("Lock after inactivity"), self.auto_lock)
        self.text_size = QComboBox()
        self.text_size.setAccessibleName(_("Text size"))
        for percent in TEXT_SIZES:
            self.text_size.addItem(f"{percent} %", percent)
        index = self.text_size.findData(preferences.text_scale_percent)
        self.text_size.setCurrentIndex(index if index >= 0 else TEXT_SIZES.index(100))
        self._base = preferences
        form.addRow(_("Text size"), self.text_size)
        box = QWidget()
        box.setMaximumWidth(720)
        box.setLayout(form)
        layout.addWidget(box)
        note = QLabel(
            _(
                "These settings belong to this laptop and hold no case data. The interview "
                "language is chosen for each interview."
            )
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QHBoxLayout()
        back = QPushButton(_("Back to cases"))
        back.setAccessibleName(_("Back to cases"))
        back.clicked.connect(self.closed.emit)
        save = QPushButton(_("Save settings"))
        save.setObjectName("primary")
        save.setAccessibleName(_("Save settings"))
        save.clicked.connect(self._save)
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(save)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def preferences(self) -> Preferences:
        return replace(
            self._base,
            ui_language=str(self.ui_language.currentData()),
            auto_lock_minutes=int(self.auto_lock.currentData()),
            text_scale_percent=int(self.text_size.currentData()),
            interviewer_language=str(self.interviewer_language.currentData()),
        ).checked()

    def _save(self) -> None:
        self.saved.emit(self.preferences())
