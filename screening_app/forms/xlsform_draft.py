"""The in-between shape of an XLSForm being imported, and the import report's entries."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from screening_app.forms.expr_ast import KEYWORDS
from screening_app.forms.model import QuestionType

# Text in every language it was given in: language code -> text.
LocalText = dict[str, str]


@dataclass(frozen=True)
class ReportItem:
    """One thing the import could not carry over as it was, and what happened instead."""

    sheet: str
    row: int
    name: str
    construct: str  # the XLSForm type or column concerned
    detail: str
    dropped: bool = False  # True: not in the imported form; False: imported differently

    def to_json(self) -> dict[str, object]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "name": self.name,
            "construct": self.construct,
            "detail": self.detail,
        }


@dataclass
class DraftChoice:
    id: str
    texts: LocalText


@dataclass
class DraftQuestion:
    id: str
    type: QuestionType
    row: int
    texts: dict[str, LocalText] = field(default_factory=dict)  # "text", "help", "unit"
    notes: list[LocalText] = field(default_factory=list)  # joined into the question's note
    choices: list[DraftChoice] = field(default_factory=list)
    show_if: str | None = None
    relevant: str = ""  # the original XPath, for the report if show_if must be dropped
    min: int | float | None = None
    max: int | float | None = None
    integer: bool = False
    multiline: bool = False
    required: bool = False


@dataclass
class DraftSection:
    id: str
    title: LocalText
    row: int
    questions: list[DraftQuestion] = field(default_factory=list)


def safe_id(
    name: str, pattern: str = "[^a-z0-9_]+", first: str = "[a-z]", prefix: str = "q_"
) -> str:
    """``name`` made into an id of the form: lower case, other characters as ``_``."""
    text = re.sub(pattern, "_", name.strip().lower()).strip("_")
    text = re.sub("_+", "_", text)
    if not text or not re.match(first, text):
        text = prefix + text
    if text in KEYWORDS:
        text += "_q"
    return text


@dataclass
class IdRegistry:
    """Hands out unique ids, remembering which original names were changed."""

    used: set[str] = field(default_factory=set)

    def claim(self, wanted: str) -> str:
        candidate = wanted
        counter = 2
        while candidate in self.used:
            candidate = f"{wanted}_{counter}"
            counter += 1
        self.used.add(candidate)
        return candidate


def joined(pieces: list[LocalText], source: str, separator: str = "\n\n") -> LocalText:
    """Pieces joined per language; a language missing any piece gets no text at all, so a
    half-translated note never reaches a catalog."""
    languages = set.intersection(*(set(piece) for piece in pieces)) if pieces else set()
    result = {
        language: separator.join(piece[language] for piece in pieces) for language in languages
    }
    if source not in result and pieces:
        result[source] = separator.join(
            piece.get(source, next(iter(piece.values()))) for piece in pieces
        )
    return result
