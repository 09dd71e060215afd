"""The shipped interface catalogs: template up to date, complete, placeholders kept, in use."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from screening_app.cli import main
from screening_app.forms.placeholders import placeholder_mismatch
from screening_app.i18n import _, ngettext, set_ui_language
from screening_app.i18n.catalogs import load_catalog
from screening_app.reports import labels as report_labels
from screening_app.ui import labels as ui_labels

ROOT = Path(__file__).resolve().parents[2]
UI_DIR = ROOT / "translations" / "ui"
LANGUAGES = ("it", "uk", "fr", "ar")
VICTIM = {"it": "vittim", "uk": "жертв", "fr": "victime", "ar": "ضحي"}
# Strings a person at the desk sees on the main screens, from the code that shows them.
SAMPLE = (
    "Sign in",
    "Interface language",
    "Case list",
    "New screening (Ctrl+N)",
    "Lock the screen",
    "Skip (PgDn)",
    "Does not know",
    "Show to the person (F9)",
    "Summary and recommendation",
    "Send to supervisor review",
    ui_labels.STATUS["awaiting_review"],
    ui_labels.OUTCOME_SHORT["refer_nrm"],
    ui_labels.FLAG_TITLE["possible_minor"],
    report_labels.TITLE,
)


def template() -> Catalog:
    with (UI_DIR / "ui.pot").open("rb") as stream:
        return read_po(stream)


def catalog(lang: str) -> Catalog:
    with (UI_DIR / f"{lang}.po").open("rb") as stream:
        return read_po(stream)


def messages(found: Catalog) -> Iterator[Message]:
    return (message for message in found if message.id)


def forms_of(message: Message) -> list[str]:
    if isinstance(message.string, str):
        return [message.string]
    return [str(text) for text in message.string or ()]


@pytest.fixture
def english_after() -> Iterator[None]:
    yield
    set_ui_language("en")


def test_template_is_current() -> None:
    script = ROOT / "scripts" / "extract-ui-messages"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_template_holds_the_strings_of_the_screens_and_the_reports() -> None:
    ids = {message.id for message in messages(template())}
    assert set(SAMPLE) <= ids
    assert ("{n} minute", "{n} minutes") in ids


def test_forms_check_of_the_interface_catalogs_is_clean(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["forms", "check", str(UI_DIR)]) == 0
    assert capsys.readouterr().err == "checked 0 forms and 5 catalogs: no problems\n"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_headers_declare_language_plurals_and_review_state(lang: str) -> None:
    loaded = load_catalog(UI_DIR / f"{lang}.po", prefer_compiled=False)
    assert loaded is not None
    assert loaded.language == lang
    assert loaded.headers["plural-forms"] == get_plural(lang).plural_forms
    assert loaded.complete and not loaded.reviewed


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_translates_exactly_the_template(lang: str) -> None:
    wanted = {(message.context, message.id) for message in messages(template())}
    translated = catalog(lang)
    assert {(message.context, message.id) for message in messages(translated)} == wanted
    plurals = get_plural(lang).num_plurals
    for message in messages(translated):
        assert not message.fuzzy, message.id
        texts = forms_of(message)
        assert all(text.strip() for text in texts), message.id
        if isinstance(message.id, tuple):
            assert len(texts) == plurals, message.id


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_translation_keeps_the_placeholders_of_its_source(lang: str) -> None:
    for message in messages(catalog(lang)):
        sources = [message.id] if isinstance(message.id, str) else list(message.id)
        texts = forms_of(message)
        assert placeholder_mismatch(sources, texts, "python-format" in message.flags) is None
        braces = set(re.findall(r"\{\w+\}", " ".join(sources)))
        assert all(set(re.findall(r"\{\w+\}", text)) == braces for text in texts), message.id


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_interface_text_calls_anyone_a_victim(lang: str) -> None:
    texts = " ".join(text for m in messages(catalog(lang)) for text in forms_of(m)).lower()
    assert VICTIM[lang] not in texts


@pytest.mark.usefixtures("english_after")
@pytest.mark.parametrize("lang", LANGUAGES)
def test_switching_the_interface_language_translates_real_strings(lang: str) -> None:
    set_ui_language(lang)
    untranslated = [text for text in SAMPLE if _(text) == text]
    assert untranslated == []
    assert _("{shown} of {total}").format(shown=3, total=9).startswith("3 ")
    set_ui_language("en")
    assert [_(text) for text in SAMPLE] == list(SAMPLE)


@pytest.mark.usefixtures("english_after")
def test_arabic_minutes_use_every_plural_form() -> None:
    set_ui_language("ar")
    shown = {n: ngettext("{n} minute", "{n} minutes", n).format(n=n) for n in (1, 2, 5, 15)}
    assert shown == {1: "1 دقيقة", 2: "2 دقيقتان", 5: "5 دقائق", 15: "15 دقيقة"}


@pytest.mark.usefixtures("english_after")
def test_ukrainian_minutes_agree_with_the_number() -> None:
    set_ui_language("uk")
    shown = [ngettext("{n} minute", "{n} minutes", n).format(n=n) for n in (1, 3, 5, 21)]
    assert shown == ["1 хвилина", "3 хвилини", "5 хвилин", "21 хвилина"]
