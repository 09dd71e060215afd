"""Language and country names in the interface language, for codes stored with a case."""

from __future__ import annotations

from collections.abc import Iterable

from screening_app.i18n.formatting import babel_locale
from screening_app.i18n.ui_text import ui_language


def language_name(code: str | None) -> str:
    """``Tigrinya`` for ``ti`` in an English interface; the code itself if babel has no name."""
    if not code:
        return ""
    return babel_locale().languages.get(code) or code


def country_name(code: str | None) -> str:
    """The country's name for an ISO 3166 code; the code itself if unknown."""
    if not code:
        return ""
    return babel_locale().territories.get(code) or code


def joined(items: Iterable[str]) -> str:
    """A list in running text, with the interface language's comma."""
    comma = "، " if ui_language() in ("ar", "fa") else ", "
    return comma.join(items)
