"""Consent, in the person's language: one decision per recipient, and law enforcement
asked apart, with the promise that refusing it changes no help."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from screening_app.i18n.languages import language
from screening_app.i18n.ui_text import _
from screening_app.services.consents import (
    ASSISTANCE_RECIPIENTS,
    MANDATORY_FOR_CHILD,
    Decision,
    Recipient,
)
from screening_app.ui.fonts import font_for
from screening_app.ui.interview.phrases import has_phrases, phrase
from screening_app.ui.labels import RECIPIENT, label
from screening_app.ui.language import direction_of


def _text(text: str, lang: str, name: str = "") -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(True)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setFont(font_for(lang))
    widget.setLayoutDirection(direction_of(lang))
    if name:
        widget.setObjectName(name)
    return widget


def untranslated_note(person: str) -> str:
    return _(
        "No {language} translation of these words yet: the interpreter reads them aloud."
    ).format(language=language(person).name)


class ConsentRow:
    """One recipient: who it is, in both languages, and a yes / no choice."""

    def __init__(self, recipient: Recipient, person: str, is_child: bool) -> None:
        self.recipient = recipient
        self.what = _text(phrase(f"recipient.{recipient.value}", person), person, "questionText")
        self.who = _text(label(RECIPIENT, recipient.value), "en", "hint")
        self.note = (
            _text(phrase("consent.child_note", person), person, "helpText")
            if is_child and recipient in MANDATORY_FOR_CHILD
            else None
        )
        self.agree = QRadioButton(phrase("consent.agree", person))
        self.refuse = QRadioButton(phrase("consent.refuse", person))
        self.group = QButtonGroup()
        for button, decision in ((self.agree, Decision.AGREES), (self.refuse, Decision.REFUSES)):
            button.setFont(font_for(person))
            button.setAccessibleName(
                f"{label(RECIPIENT, recipient.value)}: "
                + (_("agrees") if decision is Decision.AGREES else _("refuses"))
            )
            self.group.addButton(button)

    def set_decision(self, decision: Decision | None) -> None:
        if decision is Decision.AGREES:
            self.agree.setChecked(True)
        elif decision is Decision.REFUSES:
            self.refuse.setChecked(True)

    def decision(self) -> Decision | None:
        if self.agree.isChecked():
            return Decision.AGREES
        if self.refuse.isChecked():
            return Decision.REFUSES
        return None


class ConsentView(QWidget):
    decided = Signal(object, object)  # Recipient, Decision
    completed = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: dict[Recipient, ConsentRow] = {}
        self.pages = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        buttons = QHBoxLayout()
        self.back_button = QPushButton(_("Back (PgUp)"))
        self.back_button.setAccessibleName(_("Back"))
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton(_("Continue (Enter)"))
        self.next_button.setObjectName("primary")
        self.next_button.setAccessibleName(_("Continue"))
        self.next_button.clicked.connect(self.advance)
        self.missing = QLabel("")
        self.missing.setObjectName("error")
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.missing, 1)
        buttons.addWidget(self.next_button)
        layout.addLayout(buttons)

    def show_consents(
        self, person: str, is_child: bool, current: Mapping[Recipient, Decision]
    ) -> None:
        while self.pages.count():
            page = self.pages.widget(0)
            if page is None:
                break
            self.pages.removeWidget(page)
            page.deleteLater()
        self.rows = {}
        # English shown in place of a missing translation reads left to right.
        shown_in = person if has_phrases(person) else "en"
        self.setLayoutDirection(direction_of(shown_in))
        self.pages.addWidget(self._assistance_page(person, is_child, current))
        self.pages.addWidget(self._law_page(person, current))
        self.pages.setCurrentIndex(0)
        self.missing.clear()
        self.focus_first()

    def _page(self, title: str, intro: str, person: str) -> tuple[QScrollArea, QVBoxLayout]:
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addWidget(_text(title, person, "pageTitle"))
        if intro:
            column.addWidget(_text(intro, person, "helpText"))
        if not has_phrases(person):
            column.addWidget(_text(untranslated_note(person), "en", "unreviewed"))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        return scroll, column

    def _add_row(
        self, grid: QGridLayout, row: ConsentRow, index: int, with_texts: bool = True
    ) -> None:
        texts = QVBoxLayout()
        if with_texts:
            texts.addWidget(row.what)
            texts.addWidget(row.who)
        if row.note is not None:
            texts.addWidget(row.note)
        grid.addLayout(texts, index, 0)
        grid.addWidget(row.agree, index, 1)
        grid.addWidget(row.refuse, index, 2)
        row.group.buttonClicked.connect(lambda _b, r=row: self._clicked(r))

    def _assistance_page(
        self, person: str, is_child: bool, current: Mapping[Recipient, Decision]
    ) -> QWidget:
        page, column = self._page(
            phrase("consent.title", person), phrase("consent.intro", person), person
        )
        grid = QGridLayout()
        grid.setVerticalSpacing(14)
        grid.setColumnStretch(0, 1)
        for index, recipient in enumerate(ASSISTANCE_RECIPIENTS):
            row = ConsentRow(recipient, person, is_child)
            row.set_decision(current.get(recipient))
            self.rows[recipient] = row
            self._add_row(grid, row, index)
        column.addLayout(grid)
        column.addStretch(1)
        return page

    def _law_page(self, person: str, current: Mapping[Recipient, Decision]) -> QWidget:
        page, column = self._page(phrase("consent.law_title", person), "", person)
        column.addWidget(_text(phrase("consent.law_question", person), person, "questionText"))
        promise = _text(phrase("consent.law_no_change", person), person, "interviewerNote")
        column.addWidget(promise)
        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        row = ConsentRow(Recipient.LAW_ENFORCEMENT, person, False)
        row.set_decision(current.get(Recipient.LAW_ENFORCEMENT))
        self.rows[Recipient.LAW_ENFORCEMENT] = row
        # The page title already names the recipient: only the yes / no choice is added.
        self._add_row(grid, row, 0, with_texts=False)
        column.addLayout(grid)
        column.addStretch(1)
        return page

    def _clicked(self, row: ConsentRow) -> None:
        decision = row.decision()
        if decision is not None:
            self.missing.clear()
            self.decided.emit(row.recipient, decision)

    def _page_recipients(self) -> list[Recipient]:
        if self.pages.currentIndex() == 0:
            return list(ASSISTANCE_RECIPIENTS)
        return [Recipient.LAW_ENFORCEMENT]

    def advance(self) -> None:
        undecided = [r for r in self._page_recipients() if self.rows[r].decision() is None]
        if undecided:
            self.missing.setText(_("Ask about each one: yes or no."))
            self.rows[undecided[0]].agree.setFocus()
            return
        if self.pages.currentIndex() == 0:
            self.pages.setCurrentIndex(1)
            self.focus_first()
        else:
            self.completed.emit()

    def back(self) -> None:
        if self.pages.currentIndex() == 1:
            self.pages.setCurrentIndex(0)
            self.focus_first()
        else:
            self.back_requested.emit()

    def focus_first(self) -> None:
        recipients = self._page_recipients()
        if recipients:
            self.rows[recipients[0]].agree.setFocus()
