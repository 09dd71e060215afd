"""The bundled fonts: fonts.yaml, the files it names, their licence and README."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from screening_app.core.errors import ScreeningError, UsageError
from screening_app.reports.fonts import (
    family_for_language,
    family_for_script,
    font_table,
    fonts_dir,
)

SHIPPED_FAMILIES = {"Noto Sans", "Noto Sans Arabic", "Noto Sans Ethiopic", "Noto Sans Bengali"}

# A few letters of each script that the family drawing it must contain.
SAMPLES = {
    "Latn": "Referral é ß",
    "Cyrl": "Київ Ґ ї є",
    "Arab": "سري پ چ ژ گ ی ک ۴",
    "Ethi": "ምስጢራዊ ትግርኛ ።",
    "Beng": "গোপনীয় ক্ষ ৎ ৪",
}


def test_each_script_maps_to_the_family_the_project_chose() -> None:
    assert family_for_script("Latn").name == "Noto Sans"
    assert family_for_script("Cyrl").name == "Noto Sans"
    assert family_for_script("Arab").name == "Noto Sans Arabic"
    assert family_for_script("Ethi").name == "Noto Sans Ethiopic"
    assert family_for_script("Beng").name == "Noto Sans Bengali"


def test_languages_resolve_to_families_through_their_script() -> None:
    assert family_for_language("fa").name == "Noto Sans Arabic"
    assert family_for_language("ti").name == "Noto Sans Ethiopic"
    assert family_for_language("uk").name == "Noto Sans"


def test_a_script_without_a_bundled_font_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="Hani"):
        family_for_script("Hani")


@pytest.mark.parametrize("script", sorted(SAMPLES))
def test_the_family_of_each_script_has_glyphs_for_its_letters(script: str) -> None:
    family = family_for_script(script)
    for path in (family.regular, family.bold):
        with TTFont(path, lazy=True) as font:
            cmap = font.getBestCmap()
        missing = [char for char in SAMPLES[script] if char != " " and ord(char) not in cmap]
        assert missing == [], f"{path.name} lacks {missing}"


def test_every_bundled_font_is_a_static_truetype_file_with_both_styles() -> None:
    table = font_table()
    assert set(table.families) == SHIPPED_FAMILIES
    for family in table.families.values():
        for path, weight in ((family.regular, 400), (family.bold, 700)):
            with TTFont(path, lazy=True) as font:
                assert "fvar" not in font, f"{path.name} is a variable font"
                assert "glyf" in font
                assert font["OS/2"].usWeightClass == weight
                assert font["name"].getDebugName(1) == family.name


def test_the_fonts_folder_holds_only_listed_fonts_and_their_licence_and_readme() -> None:
    folder = fonts_dir()
    listed = {
        path.name
        for family in font_table().families.values()
        for path in (family.regular, family.bold)
    }
    on_disk = {path.name for path in folder.glob("*.ttf")}
    assert on_disk == listed
    licence = (folder / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "PERMISSION & CONDITIONS" in licence
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for name in listed:
        assert name in readme
    assert "fonts-noto-core" in readme


def test_a_missing_font_file_is_reported_with_its_path(tmp_path: Path) -> None:
    shutil.copy(fonts_dir() / "fonts.yaml", tmp_path / "fonts.yaml")
    for path in fonts_dir().glob("NotoSans-*.ttf"):
        shutil.copy(path, tmp_path / path.name)
    with pytest.raises(ScreeningError, match=r"NotoSansArabic-Regular\.ttf"):
        font_table(tmp_path)


def test_a_family_without_a_bold_file_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "fonts.yaml").write_text(
        "scripts: {Latn: Plain}\nfamilies:\n  Plain: {regular: a.ttf}\n", encoding="utf-8"
    )
    with pytest.raises(ScreeningError, match="'regular' and 'bold'"):
        font_table(tmp_path)
