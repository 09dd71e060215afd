"""Language → script → direction, and the script of a bare text."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from screening_app.core.errors import UsageError
from screening_app.locations import translations_dir
from screening_app.reports.scripts import (
    _catalog_scripts,
    base_language,
    is_known_language,
    language_direction,
    language_script,
    needs_shaping,
    text_script,
    text_scripts,
)


@pytest.mark.parametrize(
    ("code", "script"),
    [
        ("en", "Latn"),
        ("fr", "Latn"),
        ("it", "Latn"),
        ("ar", "Arab"),
        ("fa", "Arab"),
        ("ti", "Ethi"),
        ("bn", "Beng"),
        ("uk", "Cyrl"),
        ("ru", "Cyrl"),
    ],
)
def test_every_shipped_language_has_its_script(code: str, script: str) -> None:
    assert language_script(code) == script


def test_only_arabic_script_languages_run_right_to_left() -> None:
    directions = {code: language_direction(code) for code in ("en", "ar", "fa", "ti", "bn", "uk")}
    assert directions == {
        "en": "ltr",
        "ar": "rtl",
        "fa": "rtl",
        "ti": "ltr",
        "bn": "ltr",
        "uk": "ltr",
    }


def test_region_and_script_subtags_are_understood() -> None:
    assert base_language("fa-AF") == "fa"
    assert language_script("fa_AF") == "Arab"
    assert language_script("sr-Latn-RS") == "Latn"


def test_an_unknown_language_is_a_usage_error_that_says_where_to_add_it() -> None:
    with pytest.raises(UsageError, match=r"languages\.yaml"):
        language_script("xx")
    assert not is_known_language("xx")
    assert is_known_language("ti")


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Demo Person", "Latn"),
        ("12 - ليلى", "Arab"),
        ("ሰላም", "Ethi"),
        ("নাম", "Beng"),
        ("Олена", "Cyrl"),
        ("2025-03-14", None),
    ],
)
def test_the_first_letter_decides_the_script_of_a_bare_text(text: str, script: str | None) -> None:
    assert text_script(text) == script


def test_all_scripts_of_a_mixed_text_are_found() -> None:
    assert text_scripts("Demo ليلى ሰላም 42") == {"Latn", "Arab", "Ethi"}
    assert text_scripts("42 - 17") == frozenset()


def test_plain_latin_and_cyrillic_skip_shaping_but_complex_scripts_do_not() -> None:
    assert not needs_shaping("Example Reception Centre, 14 March – “ok” • Київ")
    assert needs_shaping("e\u0301")  # a combining accent needs positioning
    assert needs_shaping("নাম")
    assert needs_shaping("ሰላም")
    assert needs_shaping("سري")


def test_a_language_added_only_to_languages_yaml_gets_its_script(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "translations").mkdir()
    (tmp_path / "translations" / "languages.yaml").write_text(
        "languages:\n  - code: xq\n    script: Ethi\n    direction: ltr\n", encoding="utf-8"
    )
    monkeypatch.setenv("SCREENING_APP_DATA_DIR", str(tmp_path))
    _catalog_scripts.cache_clear()
    try:
        assert language_script("xq") == "Ethi"
        assert language_direction("xq-ER") == "ltr"
    finally:
        _catalog_scripts.cache_clear()


def test_the_built_in_table_agrees_with_the_shipped_language_list() -> None:
    data = yaml.safe_load((translations_dir() / "languages.yaml").read_text(encoding="utf-8"))
    for entry in data["languages"]:
        assert language_script(entry["code"]) == entry["script"], entry["code"]
        assert language_direction(entry["code"]) == entry["direction"], entry["code"]
