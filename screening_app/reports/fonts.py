"""The bundled fonts: which family draws which script, and where its files are.

Reads ``resources/fonts/fonts.yaml``. Qt-free, so the UI (which registers the same files with
its font database) and the PDF reports share one answer. Only bundled files are ever used:
a report must look the same on every machine, whatever fonts the system has.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from screening_app import locations
from screening_app.core.errors import ScreeningError, UsageError
from screening_app.reports.scripts import language_script

FONTS_FILE = "fonts.yaml"

# The family every report loads: digits, Latin letters and punctuation that other scripts'
# fonts lack (Noto Sans Ethiopic has no digits) fall back to it.
BASE_FAMILY = "Noto Sans"


@dataclass(frozen=True)
class FontFamily:
    """One bundled family with its two styles."""

    name: str
    regular: Path
    bold: Path

    def file(self, bold: bool) -> Path:
        return self.bold if bold else self.regular


@dataclass(frozen=True)
class FontTable:
    """The contents of fonts.yaml with file names resolved to paths."""

    scripts: Mapping[str, str]
    families: Mapping[str, FontFamily]

    def family(self, name: str) -> FontFamily:
        try:
            return self.families[name]
        except KeyError:
            raise UsageError(f"No bundled font family named {name!r}") from None

    def family_for_script(self, script: str) -> FontFamily:
        name = self.scripts.get(script)
        if name is None:
            raise UsageError(f"No bundled font draws the script {script!r}")
        return self.family(name)

    def family_for_language(self, code: str) -> FontFamily:
        return self.family_for_script(language_script(code))


def fonts_dir() -> Path:
    return locations.resources_dir() / "fonts"


@functools.cache
def font_table(directory: Path | None = None) -> FontTable:
    """Load fonts.yaml from ``directory`` (default: the shipped fonts folder), once."""
    folder = directory if directory is not None else fonts_dir()
    path = folder / FONTS_FILE
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ScreeningError(
            f"Cannot read the font list {path}: reinstall the application"
        ) from exc
    if not isinstance(data, dict):
        raise ScreeningError(f"The font list {path} is not a mapping: reinstall the application")
    families = {
        name: _family(folder, name, styles) for name, styles in _mapping(data, "families", path)
    }
    scripts = {str(code): str(name) for code, name in _mapping(data, "scripts", path)}
    for code, name in scripts.items():
        if name not in families:
            raise ScreeningError(f"{path}: script {code} names an unknown family {name!r}")
    return FontTable(scripts=scripts, families=families)


def _mapping(data: dict[str, Any], key: str, path: Path) -> list[tuple[str, Any]]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise ScreeningError(f"{path}: '{key}' must be a mapping")
    return [(str(name), item) for name, item in value.items()]


def _family(folder: Path, name: str, styles: Any) -> FontFamily:
    if not isinstance(styles, dict) or not {"regular", "bold"} <= styles.keys():
        raise ScreeningError(f"{folder / FONTS_FILE}: family {name!r} needs 'regular' and 'bold'")
    regular, bold = folder / str(styles["regular"]), folder / str(styles["bold"])
    for path in (regular, bold):
        if not path.is_file():
            raise ScreeningError(f"Bundled font file missing: {path}: reinstall the application")
    return FontFamily(name=name, regular=regular, bold=bold)


def family_for_script(script: str) -> FontFamily:
    """The bundled family for an ISO 15924 script code (``Latn``, ``Arab``, ...)."""
    return font_table().family_for_script(script)


def family_for_language(code: str) -> FontFamily:
    """The bundled family for a language tag (``ar``, ``ti``, ``fa-AF``, ...)."""
    return font_table().family_for_language(code)
