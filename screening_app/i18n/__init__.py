"""Languages, translation catalogs and locale formatting. No Qt here.

- ``languages``: what the app knows about each language (``translations/languages.yaml``).
- ``FormTexts``: the texts of one form in one interview language, English as fallback.
- ``ui_text``: the interface's gettext functions ``_``, ``ngettext``, ``N_``.
- ``formatting``: dates and numbers as a language writes them.
"""

from __future__ import annotations

from screening_app.i18n.catalogs import (
    HEADER_COMPLETE,
    HEADER_REVIEW,
    REVIEWED_COMMENT,
    CatalogEntry,
    MessageCatalog,
    load_catalog,
)
from screening_app.i18n.form_texts import FormTexts, form_catalog_path
from screening_app.i18n.formatting import format_date, format_number, format_partial_date
from screening_app.i18n.languages import (
    Language,
    interview_languages,
    language,
    languages,
    ui_languages,
)
from screening_app.i18n.ui_text import N_, _, ngettext, pgettext, set_ui_language, ui_language

__all__ = [
    "HEADER_COMPLETE",
    "HEADER_REVIEW",
    "N_",
    "REVIEWED_COMMENT",
    "CatalogEntry",
    "FormTexts",
    "Language",
    "MessageCatalog",
    "_",
    "form_catalog_path",
    "format_date",
    "format_number",
    "format_partial_date",
    "interview_languages",
    "language",
    "languages",
    "load_catalog",
    "ngettext",
    "pgettext",
    "set_ui_language",
    "ui_language",
    "ui_languages",
]
