"""Words said to the person that no form holds: yes / no / not sure, "prefers not to
answer", "does not know", and the consent texts.

They are looked up like form texts, in the catalog
``translations/forms/interview-common/<lang>.po`` (context = the key, msgid = the English
text), so translators add them with the form catalogs; until a catalog exists the English
text is shown and the screen says the translation is missing. The keys and English texts
live in the Qt-free ``screening_app.i18n.phrases``.
"""

from __future__ import annotations

from functools import cache

from screening_app.i18n.form_texts import FormTexts
from screening_app.i18n.phrases import CATALOG, PHRASES

__all__ = ["CATALOG", "PHRASES", "has_phrases", "phrase"]


@cache
def _texts(lang: str) -> FormTexts:
    return FormTexts(CATALOG, lang)


def phrase(key: str, lang: str) -> str:
    """The phrase in ``lang``, English if no translation exists yet."""
    return _texts(lang).text(key, PHRASES[key])


def has_phrases(lang: str) -> bool:
    """Whether the person's language has its own phrases (else English is shown)."""
    return lang == "en" or _texts(lang).available
