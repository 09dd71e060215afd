"""The one gettext module for interface strings.

Mark a string with ``_()`` where it is shown, or with ``N_()`` where it is defined at import
time and translated later (``_(LABEL)`` at display time). The interface language is separate
from the interview language: it changes only through ``set_ui_language``. Catalogs live in
``translations/ui/<lang>.po``; a language without one shows the English source.
"""

from __future__ import annotations

import gettext
from pathlib import Path

from screening_app.core.errors import UsageError
from screening_app.i18n.catalogs import load_catalog
from screening_app.i18n.languages import language
from screening_app.locations import translations_dir

SOURCE_LANGUAGE = "en"


class _UiState:
    """The current interface language and its translations (one per process)."""

    code: str = SOURCE_LANGUAGE
    translations: gettext.NullTranslations = gettext.NullTranslations()


def set_ui_language(code: str, *, root: Path | None = None) -> None:
    """Show the interface in ``code``; it must be a language with the ``ui`` role.

    ``root`` replaces the shipped ``translations/`` directory (tests, previews).
    """
    if not language(code).for_ui:
        raise UsageError(f"{code!r} is not an interface language")
    _UiState.translations = _translations_for(code, root or translations_dir())
    _UiState.code = code


def ui_language() -> str:
    """Code of the current interface language."""
    return _UiState.code


def _translations_for(code: str, root: Path) -> gettext.NullTranslations:
    if code == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    catalog = load_catalog(root / "ui" / f"{code}.po", prefer_compiled=True)
    if catalog is None:
        return gettext.NullTranslations()
    return catalog.gnu_translations()


def _(message: str) -> str:
    """The interface translation of ``message``, or ``message`` itself."""
    return _UiState.translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted message that the current language uses for ``n``."""
    return _UiState.translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Like ``_()``, for a short string whose meaning depends on ``context``."""
    return _UiState.translations.pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it now."""
    return message
