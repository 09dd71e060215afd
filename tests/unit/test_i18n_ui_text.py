"""Interface gettext: language switching, plurals, deferred markers, compiled catalogs."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from screening_app.core.errors import UsageError
from screening_app.i18n import N_, _, ngettext, pgettext, set_ui_language, ui_language

FRENCH = """\
msgid ""
msgstr ""
"Language: fr\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"X-Translation-Complete: no\\n"
"X-Translation-Review: unreviewed\\n"

msgid "Case list"
msgstr "Liste des dossiers"

msgid "{n} case"
msgid_plural "{n} cases"
msgstr[0] "{n} dossier"
msgstr[1] "{n} dossiers"

msgctxt "button"
msgid "Open"
msgstr "Ouvrir"

msgid "Lock"
msgstr ""
"""

ARABIC = """\
msgid ""
msgstr ""
"Language: ar\\n"
"Plural-Forms: nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && \
n%100<=10 ? 3 : n%100>=0 && n%100<=2 ? 4 : 5);\\n"
"Content-Type: text/plain; charset=utf-8\\n"

msgid "{n} case"
msgid_plural "{n} cases"
msgstr[0] "zero"
msgstr[1] "one"
msgstr[2] "two"
msgstr[3] "few"
msgstr[4] "hundreds"
msgstr[5] "many"
"""


@pytest.fixture(autouse=True)
def back_to_english() -> Iterator[None]:
    yield
    set_ui_language("en")


def ui_catalogs(tmp_path: Path) -> Path:
    folder = tmp_path / "ui"
    folder.mkdir()
    (folder / "fr.po").write_text(FRENCH, encoding="utf-8")
    (folder / "ar.po").write_text(ARABIC, encoding="utf-8")
    return tmp_path


def test_english_is_the_default_and_shows_the_source() -> None:
    assert ui_language() == "en"
    assert _("Case list") == "Case list"
    assert ngettext("{n} case", "{n} cases", 2) == "{n} cases"


def test_switching_language_translates_and_empty_entries_fall_back(tmp_path: Path) -> None:
    set_ui_language("fr", root=ui_catalogs(tmp_path))
    assert ui_language() == "fr"
    assert _("Case list") == "Liste des dossiers"
    assert _("Lock") == "Lock"
    assert _("Not in the catalog") == "Not in the catalog"
    assert pgettext("button", "Open") == "Ouvrir"


def test_french_plural_rule_counts_zero_and_one_as_singular(tmp_path: Path) -> None:
    set_ui_language("fr", root=ui_catalogs(tmp_path))
    forms = [ngettext("{n} case", "{n} cases", n) for n in (0, 1, 2)]
    assert forms == ["{n} dossier", "{n} dossier", "{n} dossiers"]


def test_arabic_uses_all_six_plural_forms(tmp_path: Path) -> None:
    set_ui_language("ar", root=ui_catalogs(tmp_path))
    counts = (0, 1, 2, 5, 11, 100)
    forms = [ngettext("{n} case", "{n} cases", n) for n in counts]
    assert forms == ["zero", "one", "two", "few", "many", "hundreds"]


def test_deferred_marker_returns_the_source_until_shown() -> None:
    label = N_("Case list")
    assert label == "Case list"


def test_a_language_without_catalog_shows_english(tmp_path: Path) -> None:
    set_ui_language("it", root=tmp_path)
    assert _("Case list") == "Case list"


@pytest.mark.parametrize("code", ["xx", "ti"])
def test_only_interface_languages_can_be_chosen(code: str) -> None:
    with pytest.raises(UsageError):
        set_ui_language(code)
    assert ui_language() == "en"


def test_a_fresh_compiled_catalog_is_used_and_a_stale_one_is_not(tmp_path: Path) -> None:
    root = ui_catalogs(tmp_path)
    po_path = root / "ui" / "fr.po"
    with po_path.open("rb") as stream:
        catalog = read_po(stream)
    for message in catalog:
        if message.id == "Case list":
            message.string = "Dossiers (compilé)"
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    mo_path = po_path.with_suffix(".mo")
    mo_path.write_bytes(buffer.getvalue())
    set_ui_language("fr", root=root)
    assert _("Case list") == "Dossiers (compilé)"
    stale = po_path.stat().st_mtime_ns - 10_000_000_000
    os.utime(mo_path, ns=(stale, stale))
    set_ui_language("fr", root=root)
    assert _("Case list") == "Liste des dossiers"
