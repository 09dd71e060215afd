"""The texts of one form in one interview language, with English as the safety net.

Catalog layout and message contexts are fixed by ``docs/forms.md``: the catalog is
``translations/forms/<form-id>/<lang>.po``; each message's ``msgctxt`` is the string's path
in the form (``safety.feels_safe.text``) and its ``msgid`` the English source text.
"""

from __future__ import annotations

import re
from pathlib import Path

from screening_app.core.errors import UsageError
from screening_app.i18n.catalogs import CatalogEntry, MessageCatalog, load_catalog
from screening_app.locations import translations_dir

_FORM_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_LANG_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def form_catalog_path(form_id: str, lang: str, root: Path | None = None) -> Path:
    """Where the catalog of ``form_id`` in ``lang`` lives (it may not exist)."""
    if not _FORM_ID.match(form_id):
        raise UsageError(f"{form_id!r} is not a form id (lowercase letters, digits, hyphens)")
    if not _LANG_CODE.match(lang):
        raise UsageError(f"{lang!r} is not a language code")
    return (root or translations_dir()) / "forms" / form_id / f"{lang}.po"


class FormTexts:
    """Translated texts of a form; every lookup falls back to the English source.

    A language without a catalog shows English everywhere: ``available`` and ``complete``
    are false then, and nothing counts as unreviewed because nothing is translated.
    """

    def __init__(self, form_id: str, lang: str, *, root: Path | None = None) -> None:
        self.form_id = form_id
        self.lang = lang
        path = form_catalog_path(form_id, lang, root)
        # The .po is preferred: only it carries the per-entry "reviewed" comments.
        self._catalog: MessageCatalog | None = load_catalog(path, prefer_compiled=False)

    @property
    def available(self) -> bool:
        return self._catalog is not None

    @property
    def complete(self) -> bool:
        """The catalog declares every message translated."""
        return self._catalog is not None and self._catalog.complete

    @property
    def unreviewed(self) -> bool:
        """The catalog as a whole has not been checked by a native reviewer."""
        return self._catalog is not None and not self._catalog.reviewed

    def text(self, context: str, source: str) -> str:
        """The translation of ``source`` at ``context``, or ``source`` itself.

        An entry whose ``msgid`` differs from ``source`` was made for an older English text,
        so it is not used either.
        """
        entry = self._entry(context, source)
        if entry is None or not isinstance(entry.translation, str):
            return source
        return entry.translation

    def is_unreviewed(self, context: str, source: str | None = None) -> bool:
        """Whether the text shown at ``context`` is a translation nobody has reviewed.

        English shown as a fallback is the source, so it is never unreviewed. Give
        ``source`` to ignore an entry made for an older English text.
        """
        if self._catalog is None or self._catalog.reviewed:
            return False
        entry = self._entry(context, source)
        return entry is not None and not entry.reviewed

    def _entry(self, context: str, source: str | None) -> CatalogEntry | None:
        if self._catalog is None:
            return None
        entry = self._catalog.by_context.get(context)
        if entry is None or not entry.usable:
            return None
        if source is not None and entry.source != source:
            return None
        return entry
