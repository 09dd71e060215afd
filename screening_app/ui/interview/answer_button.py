"""A large, numbered answer button showing the choice in both languages."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from screening_app.ui.fonts import font_for
from screening_app.ui.language import direction_of


class AnswerButton(QPushButton):
    def __init__(
        self,
        number: int | None,
        person_text: str,
        person_lang: str,
        interviewer_text: str,
        interviewer_lang: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("answerButton")
        self.setLayoutDirection(direction_of(person_lang))
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 8)
        self.number_label = QLabel("" if number is None else str(number % 10))
        self.number_label.setObjectName("answerNumber")
        self.number_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number_label.setVisible(number is not None)
        row.addWidget(self.number_label, 0, Qt.AlignmentFlag.AlignTop)
        texts = QVBoxLayout()
        self.person_label = self._text(person_text, "answerTextInterviewee", person_lang)
        texts.addWidget(self.person_label)
        self.interviewer_label = self._text(
            interviewer_text, "answerTextInterviewer", interviewer_lang
        )
        self.interviewer_label.setVisible(interviewer_text != person_text)
        texts.addWidget(self.interviewer_label)
        row.addLayout(texts, 1)
        prefix = f"{number % 10}. " if number is not None else ""
        self.setAccessibleName(prefix + interviewer_text)
        self.setAccessibleDescription(person_text)

    def _text(self, text: str, name: str, lang: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setFont(font_for(lang))
        label.setLayoutDirection(direction_of(lang))
        label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        return label

    # The labels decide the size: a push button alone would only measure its own text.
    def sizeHint(self) -> QSize:
        layout = self.layout()
        return layout.sizeHint() if layout is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        hint = self.sizeHint()
        return QSize(min(hint.width(), 160), hint.height())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        return layout.totalHeightForWidth(width) if layout is not None else -1
