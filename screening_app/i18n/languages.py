"""Language metadata: what the application knows about each language it can speak.

The data lives in ``translations/languages.yaml`` so that translators add a language with
one entry there and its catalogs, never with a code change.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from screening_app.core.errors import FormError, UsageError
from screening_app.locations import translations_dir

ROLES: frozenset[str] = frozenset({"interview", "ui"})
DIRECTIONS: frozenset[str] = frozenset({"ltr", "rtl"})

_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_SCRIPT = re.compile(r"^[A-Z][a-z]{3}$")
_KEYS: frozenset[str] = frozenset(
    {"code", "name", "native_name", "direction", "script", "font_family", "roles"}
)


@dataclass(frozen=True)
class Language:
    """One language: how to name it, which way it runs and which font renders it."""

    code: str
    name: str
    native_name: str
    direction: str
    script: str
    font_family: str
    roles: frozenset[str]

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"

    @property
    def for_interview(self) -> bool:
        return "interview" in self.roles

    @property
    def for_ui(self) -> bool:
        return "ui" in self.roles


def languages_file() -> Path:
    return translations_dir() / "languages.yaml"


def languages() -> tuple[Language, ...]:
    """Every known language, in the file's order."""
    return load_languages(languages_file())


def language(code: str) -> Language:
    """The language with this code; an unknown code is a usage error."""
    for lang in languages():
        if lang.code == code:
            return lang
    raise UsageError(f"unknown language code {code!r}: it is not in {languages_file()}")


def interview_languages() -> tuple[Language, ...]:
    return tuple(lang for lang in languages() if lang.for_interview)


def ui_languages() -> tuple[Language, ...]:
    return tuple(lang for lang in languages() if lang.for_ui)


def load_languages(path: Path) -> tuple[Language, ...]:
    """Parse and check a languages file; any mistake is a ``FormError`` naming the file."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise FormError(f"{path}: cannot read the language list ({exc})") from exc
    return _load_cached(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _load_cached(path: Path, mtime_ns: int, size: int) -> tuple[Language, ...]:
    # mtime and size are part of the cache key so that an edited file is read again.
    del mtime_ns, size
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise FormError(f"{path}: cannot read the language list ({exc})") from exc
    entries = data.get("languages") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise FormError(f"{path}: expected a non-empty list under 'languages'")
    result = tuple(_parse_entry(path, index, entry) for index, entry in enumerate(entries))
    codes = [lang.code for lang in result]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        raise FormError(f"{path}: language codes listed twice: {', '.join(duplicates)}")
    return result


def _parse_entry(path: Path, index: int, entry: Any) -> Language:
    where = f"{path}: languages[{index}]"
    if not isinstance(entry, dict):
        raise FormError(f"{where}: expected a mapping")
    missing = sorted(_KEYS - entry.keys())
    unknown = sorted(set(entry) - _KEYS)
    if missing or unknown:
        raise FormError(f"{where}: missing keys {missing}, unknown keys {unknown}")
    texts = {key: entry[key] for key in _KEYS - {"roles"}}
    if not all(isinstance(value, str) and value.strip() for value in texts.values()):
        raise FormError(f"{where}: every field except 'roles' must be a non-empty string")
    roles = entry["roles"]
    if not isinstance(roles, list) or not roles or not set(roles) <= ROLES:
        raise FormError(f"{where}: 'roles' must list one or more of {sorted(ROLES)}")
    lang = Language(roles=frozenset(roles), **texts)
    _check_values(where, lang)
    return lang


def _check_values(where: str, lang: Language) -> None:
    if not _CODE.match(lang.code):
        raise FormError(f"{where}: {lang.code!r} is not a BCP 47 language code")
    if lang.direction not in DIRECTIONS:
        raise FormError(f"{where}: direction must be 'ltr' or 'rtl'")
    if not _SCRIPT.match(lang.script):
        raise FormError(f"{where}: {lang.script!r} is not an ISO 15924 script code")
