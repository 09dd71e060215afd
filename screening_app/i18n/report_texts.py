"""Content texts of a referral report in the recipient's language: the grounds of a referral.

The report's own labels (headings, field names) are translated in ``reports.labels``. The
grounds are content: the ILO/EC dimensions and indicators met (English labels in
``assess.indicators``), the person's gender word, and the sentences that put them together.
This module holds that list of messages, and reads their translations from the catalogs
``translations/report/<lang>.po``: ``msgctxt`` is the message key below, ``msgid`` its
English text, as in a form catalog. ``scripts/extract-report-messages`` writes the template
``report.pot`` from this list, so this list is the single source of the English texts.

A translation is used only when its English text is still the current one and it keeps the
placeholders of the source; otherwise the English text stands in for it.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from screening_app.assess.indicators import DIMENSION_LABELS, INDICATOR_LABELS
from screening_app.forms.placeholders import find_placeholders
from screening_app.i18n.catalogs import load_catalog
from screening_app.locations import translations_dir

CATALOG = "report"
SOURCE_LANGUAGE = "en"

GENDER_WORDS: Mapping[str, str] = MappingProxyType(
    {"female": "Female", "male": "Male", "other": "Other"}
)
"""The person's recorded gender (``PersonDetails.gender``) as a report prints it."""

REASON_LINE = "reason.line"
REASON_SEPARATOR = "reason.separator"
REASON_EXPLOITATION = "reason.exploitation"
REASON_OVERRIDE = "reason.override"

SENTENCES: Mapping[str, str] = MappingProxyType(
    {
        REASON_LINE: "{dimension}: {indicators}.",
        REASON_SEPARATOR: "; ",
        REASON_EXPLOITATION: "Forms of exploitation described: {kinds}.",
        REASON_OVERRIDE: (
            "Next step decided by the supervisor (the screening rules recommended: "
            "{recommended}). Reason: {reason}"
        ),
    }
)
"""The sentences that join the words of a reason; placeholders in braces."""


def dimension_key(code: str) -> str:
    return f"dimension.{code}"


def indicator_key(ident: str) -> str:
    return f"indicator.{ident}"


def gender_key(value: str) -> str:
    return f"gender.{value}"


@functools.cache
def report_messages() -> Mapping[str, str]:
    """Every message key and its English text, in the order translators see them."""
    found: dict[str, str] = {}
    found.update({dimension_key(code): text for code, text in DIMENSION_LABELS.items()})
    found.update({indicator_key(ident): text for ident, text in INDICATOR_LABELS.items()})
    found.update({gender_key(value): text for value, text in GENDER_WORDS.items()})
    found.update(SENTENCES)
    return MappingProxyType(found)


def report_catalog_folder(root: Path | None = None) -> Path:
    return (root or translations_dir()) / CATALOG


def report_languages(root: Path | None = None) -> tuple[str, ...]:
    """English, then every language with a catalog (alphabetical): the versions a report
    text is made in."""
    folder = report_catalog_folder(root)
    found = sorted(path.stem for path in folder.glob("*.po")) if folder.is_dir() else []
    return (SOURCE_LANGUAGE, *(code for code in found if code != SOURCE_LANGUAGE))


def report_words(language: str, root: Path | None = None) -> Mapping[str, str]:
    """Every message in ``language`` by key: its usable translation, else its English text.
    Take it once for a piece of text made of many words: finding the folder costs more than
    a lookup."""
    if language == SOURCE_LANGUAGE:
        return report_messages()
    return _words(report_catalog_folder(root), language)


def report_text(key: str, language: str, root: Path | None = None) -> str:
    """The text of ``key`` in ``language``, or its English text when there is no usable
    translation. An unknown key is an error of the caller."""
    return report_words(language, root)[key]


def report_versions(key: str, root: Path | None = None) -> dict[str, str]:
    """The text of ``key`` in every report language, English first."""
    return {code: report_text(key, code, root) for code in report_languages(root)}


@functools.lru_cache(maxsize=32)
def _words(folder: Path, language: str) -> Mapping[str, str]:
    """One catalog's usable translations over the English texts. Read once per process:
    reports made in a batch look up the same few words many times."""
    sources = report_messages()
    found = dict(sources)
    catalog = load_catalog(folder / f"{language}.po", prefer_compiled=False)
    for entry in catalog.entries if catalog is not None else ():
        key = entry.context
        if key is None or not entry.usable or not isinstance(entry.translation, str):
            continue
        source = sources.get(key)
        if source is None or entry.source != source:
            continue  # a message no longer asked for, or made for an older English text
        if _same_placeholders(source, entry.translation):
            found[key] = entry.translation
    return MappingProxyType(found)


def _same_placeholders(source: str, translation: str) -> bool:
    """A translation that lost or renamed a placeholder would fail when filled in."""
    return find_placeholders(source, False) == find_placeholders(translation, False)
