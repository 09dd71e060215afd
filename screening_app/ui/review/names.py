"""Language and country names in the interface language, for codes stored with a case."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from babel import Locale, UnknownLocaleError

from screening_app.i18n.ui_text import ui_language


@cache
def _locale(code: str) -> Locale | None:
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return None


def language_name(code: str | None) -> str:
    """``Tigrinya`` for ``ti`` in an English interface; the code itself if babel has no name."""
    if not code:
        return ""
    locale = _locale(ui_language())
    name = locale.languages.get(code) if locale is not None else None
    return name or code


def country_name(code: str | None) -> str:
    """The country's name for an ISO 3166 code; the code itself if unknown."""
    if not code:
        return ""
    locale = _locale(ui_language())
    name = locale.territories.get(code) if locale is not None else None
    return name or code


def joined(items: Iterable[str]) -> str:
    """A list in running text, with the interface language's comma."""
    comma = "، " if ui_language() in ("ar", "fa") else ", "
    return comma.join(items)
