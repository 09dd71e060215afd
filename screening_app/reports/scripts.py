"""Which script a language is written in, which way it runs, and which script a text uses.

Scripts are ISO 15924 codes (``Latn``, ``Cyrl``, ``Arab``, ``Ethi``, ``Beng``). The built-in
table covers the languages the application ships; ``translations/languages.yaml`` (when it
exists) may name more, so a translator can add a language without touching this module.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import yaml

from screening_app import locations
from screening_app.core.errors import UsageError

Direction = Literal["ltr", "rtl"]

_LANGUAGE_SCRIPTS: Mapping[str, str] = {
    "en": "Latn",
    "fr": "Latn",
    "it": "Latn",
    "ar": "Arab",
    "fa": "Arab",
    "prs": "Arab",
    "ps": "Arab",
    "ur": "Arab",
    "ckb": "Arab",
    "ti": "Ethi",
    "am": "Ethi",
    "bn": "Beng",
    "uk": "Cyrl",
    "ru": "Cyrl",
}

RTL_SCRIPTS = frozenset({"Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm"})

# Unicode blocks that decide a text's script; the first letter found in one of them wins.
_SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0400, 0x052F, "Cyrl"),
    (0x0600, 0x06FF, "Arab"),
    (0x0750, 0x077F, "Arab"),
    (0x0870, 0x08FF, "Arab"),
    (0x0980, 0x09FF, "Beng"),
    (0x1200, 0x139F, "Ethi"),
    (0x2D80, 0x2DDF, "Ethi"),
    (0xAB00, 0xAB2F, "Ethi"),
    (0xFB50, 0xFDFF, "Arab"),
    (0xFE70, 0xFEFF, "Arab"),
)


def base_language(code: str) -> str:
    """``"fa-AF"`` → ``"fa"``: the part of a language tag that names the language."""
    return code.replace("_", "-").split("-", 1)[0].lower()


def language_script(code: str) -> str:
    """ISO 15924 script of a language tag; an explicit script subtag (``sr-Latn``) wins."""
    for part in code.replace("_", "-").split("-")[1:]:
        if len(part) == 4 and part.isalpha():
            return part.title()
    base = base_language(code)
    script = _LANGUAGE_SCRIPTS.get(base) or _catalog_scripts().get(base)
    if script is None:
        raise UsageError(
            f"No script is known for language {code!r}: add it to translations/languages.yaml"
        )
    return script


def script_direction(script: str) -> Direction:
    return "rtl" if script in RTL_SCRIPTS else "ltr"


def language_direction(code: str) -> Direction:
    return script_direction(language_script(code))


def is_known_language(code: str) -> bool:
    try:
        language_script(code)
    except UsageError:
        return False
    return True


def text_script(text: str) -> str | None:
    """Script of the first letter of ``text`` that belongs to a script we know; else None.

    Used for values that carry no language (names, places), to pick a font and a direction.
    Anything that is a letter outside the known blocks counts as Latin.
    """
    for char in text:
        script = _char_script(char)
        if script is not None:
            return script
    return None


def text_scripts(text: str) -> frozenset[str]:
    """Every known non-Latin script whose letters appear in ``text``, plus Latin if any."""
    found: set[str] = set()
    for char in text:
        if char < "\u0400":
            if char.isalpha():
                found.add("Latn")
            continue
        script = _char_script(char)
        if script is not None:
            found.add(script)
    return frozenset(found)


def _char_script(char: str) -> str | None:
    point = ord(char)
    for low, high, script in _SCRIPT_RANGES:
        if low <= point <= high:
            return script
    return "Latn" if char.isalpha() else None


def needs_shaping(text: str) -> bool:
    """False when every character draws as itself, left to right: Latin, Greek, Cyrillic,
    digits and common punctuation. Such text may skip HarfBuzz and bidi, which is faster."""
    return not all(_is_plain(char) for char in text)


def _is_plain(char: str) -> bool:
    point = ord(char)
    if point < 0x0590:
        # Combining accents need positioning; everything else below Hebrew stands alone.
        return not 0x0300 <= point <= 0x036F
    return 0x2010 <= point <= 0x2027 or 0x2030 <= point <= 0x205E or 0x20A0 <= point <= 0x20C0


@functools.cache
def _catalog_scripts() -> Mapping[str, str]:
    """Scripts named in translations/languages.yaml, read leniently: it is optional here."""
    path: Path = locations.translations_dir() / "languages.yaml"
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    entries: Any = data.get("languages", data) if isinstance(data, dict) else data
    if isinstance(entries, dict):
        entries = [
            dict(value, code=key) for key, value in entries.items() if isinstance(value, dict)
        ]
    found: dict[str, str] = {}
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict):
            code, script = entry.get("code"), entry.get("script")
            if isinstance(code, str) and isinstance(script, str):
                found[base_language(code)] = script
    return found
