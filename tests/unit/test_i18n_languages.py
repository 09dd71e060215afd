"""Language metadata: the shipped list, its checks, and adding a language without code."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest

from screening_app.core.errors import FormError, UsageError
from screening_app.i18n import interview_languages, language, languages, ui_languages
from screening_app.i18n.languages import load_languages
from screening_app.locations import translations_dir

SCRIPT_WORDS = {
    "Latn": "LATIN",
    "Arab": "ARABIC",
    "Ethi": "ETHIOPIC",
    "Beng": "BENGALI",
    "Cyrl": "CYRILLIC",
}
FONTS = {"Noto Sans", "Noto Sans Arabic", "Noto Sans Ethiopic", "Noto Sans Bengali"}

VALID_ENTRY = """\
  - code: de
    name: German
    native_name: Deutsch
    direction: ltr
    script: Latn
    font_family: Noto Sans
    roles: [interview]
"""


def write_languages(folder: Path, body: str) -> Path:
    path = folder / "languages.yaml"
    path.write_text("languages:\n" + body, encoding="utf-8")
    return path


def test_interview_languages_are_the_nine_shipped_ones() -> None:
    codes = [lang.code for lang in interview_languages()]
    assert codes == ["en", "fr", "ar", "fa", "ti", "bn", "uk", "ru", "it"]


def test_interface_languages_are_the_five_shipped_ones() -> None:
    assert {lang.code for lang in ui_languages()} == {"en", "it", "uk", "fr", "ar"}


def test_every_language_has_a_bundled_font_family_and_a_direction() -> None:
    for lang in languages():
        assert lang.font_family in FONTS, lang.code
        assert lang.direction in {"ltr", "rtl"}, lang.code


def test_arabic_script_languages_run_right_to_left() -> None:
    for lang in languages():
        assert lang.is_rtl == (lang.script == "Arab"), lang.code


def test_native_names_are_written_in_the_languages_own_script() -> None:
    for lang in languages():
        letters = [char for char in lang.native_name if char.isalpha()]
        assert letters, lang.code
        word = SCRIPT_WORDS[lang.script]
        assert all(unicodedata.name(char).startswith(word) for char in letters), lang.code


def test_fonts_match_scripts() -> None:
    expected = {
        "Latn": "Noto Sans",
        "Cyrl": "Noto Sans",
        "Arab": "Noto Sans Arabic",
        "Ethi": "Noto Sans Ethiopic",
        "Beng": "Noto Sans Bengali",
    }
    for lang in languages():
        assert lang.font_family == expected[lang.script], lang.code


def test_language_looks_up_by_code() -> None:
    tigrinya = language("ti")
    assert tigrinya.native_name == "ትግርኛ"
    assert tigrinya.for_interview and not tigrinya.for_ui


def test_an_unknown_code_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="'xx'"):
        language("xx")


def test_a_language_is_added_with_one_entry_and_no_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(translations_dir(), tmp_path / "translations")
    shipped = tmp_path / "translations" / "languages.yaml"
    shipped.write_text(shipped.read_text(encoding="utf-8") + VALID_ENTRY, encoding="utf-8")
    monkeypatch.setenv("SCREENING_APP_DATA_DIR", str(tmp_path))
    assert language("de").native_name == "Deutsch"
    assert "de" in {lang.code for lang in interview_languages()}


def test_an_edited_file_is_read_again(tmp_path: Path) -> None:
    path = write_languages(tmp_path, VALID_ENTRY)
    assert [lang.code for lang in load_languages(path)] == ["de"]
    # A different size too: two writes within one clock tick may share a modification time.
    edited = path.read_text(encoding="utf-8").replace("code: de", "code: nld")
    path.write_text(edited, encoding="utf-8")
    assert [lang.code for lang in load_languages(path)] == ["nld"]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("direction: ltr", "direction: up", "direction"),
        ("script: Latn", "script: latin", "ISO 15924"),
        ("roles: [interview]", "roles: [kiosk]", "roles"),
        ("    font_family: Noto Sans\n", "", "missing keys"),
        ("code: de", "code: German", "BCP 47"),
    ],
)
def test_a_broken_entry_is_a_form_error_naming_the_file(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    path = write_languages(tmp_path, VALID_ENTRY.replace(old, new))
    with pytest.raises(FormError, match=message) as raised:
        load_languages(path)
    assert str(path) in str(raised.value)


def test_a_code_listed_twice_is_a_form_error(tmp_path: Path) -> None:
    path = write_languages(tmp_path, VALID_ENTRY + VALID_ENTRY)
    with pytest.raises(FormError, match="listed twice: de"):
        load_languages(path)
