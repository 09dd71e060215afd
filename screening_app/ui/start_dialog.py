"""Before an interview starts: who the person is (as little as needed) and the languages."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from screening_app.core.records import PersonDetails
from screening_app.i18n.languages import interview_languages
from screening_app.i18n.ui_text import _
from screening_app.ui.fonts import font_for


@dataclass(frozen=True)
class StartChoice:
    person: PersonDetails | None
    interviewee_language: str
    interpreter: str | None


def language_picker(selected: str, accessible_name: str) -> QComboBox:
    """Interview languages, each named in its own script and font."""
    combo = QComboBox()
    combo.setAccessibleName(accessible_name)
    for lang in interview_languages():
        combo.addItem(f"{lang.native_name} — {lang.name}", lang.code)
        combo.setItemData(combo.count() - 1, font_for(lang.code), 6)  # 6: Qt.FontRole
    combo.setCurrentIndex(max(combo.findData(selected), 0))
    return combo


class StartDialog(QDialog):
    def __init__(
        self, title: str, ask_person: bool, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._ask_person = ask_person
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        layout.addWidget(heading)
        form = QFormLayout()
        self.given = QLineEdit()
        self.given.setAccessibleName(_("Given names"))
        self.family = QLineEdit()
        self.family.setAccessibleName(_("Family name"))
        if ask_person:
            hint = QLabel(
                _("Write a name only if the person gives one. Both fields may stay empty.")
            )
            hint.setObjectName("hint")
            hint.setWordWrap(True)
            layout.addWidget(hint)
            form.addRow(_("Given names"), self.given)
            form.addRow(_("Family name"), self.family)
        self.language = language_picker(language, _("The person's language"))
        form.addRow(_("The person's language"), self.language)
        self.interpreter = QLineEdit()
        self.interpreter.setAccessibleName(_("Interpreter (name or code)"))
        form.addRow(_("Interpreter"), self.interpreter)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Start"))
        ok.setObjectName("primary")
        ok.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.first_field().setFocus()

    def first_field(self) -> QWidget:
        return self.given if self._ask_person else self.language

    def choice(self) -> StartChoice:
        person = None
        if self._ask_person:
            person = PersonDetails(
                given_names=self.given.text().strip(), family_name=self.family.text().strip()
            )
        return StartChoice(
            person,
            str(self.language.currentData()),
            self.interpreter.text().strip() or None,
        )
