"""Loading the versioned rules: four indicator profiles plus the settings in ``rules.yaml``.

The rules directory holds ``rules.yaml`` (version, settings, the profile file names and a
SHA-256 of the rules' content) and one YAML file per profile. The digest is of the parsed
data, not the bytes, so comments and layout do not count; any change of a strength, an
absent id or a setting changes it, and the loader refuses a directory whose recorded digest
does not match. Whoever changes the rules therefore has to record the new digest, and that is
when the version is bumped (the tests pin each shipped version to its digest).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

import yaml

from screening_app.assess.indicators import INDICATOR_IDS
from screening_app.assess.model import (
    EXPLOITATIONS,
    POPULATIONS,
    Exploitation,
    Population,
    Strength,
)
from screening_app.core.errors import ScreeningError

RULES_VERSION: Final = "ilo-2009/1.0.0"
SHIPPED_RULES_DIR: Final = Path(__file__).resolve().parent / "profiles"
DEFAULT_REFLECTION_PERIOD_DAYS: Final = 30

_VERSION = re.compile(r"^\d+\.\d+\.\d+$")
_RULES_VERSION = re.compile(r"^[a-z0-9][a-z0-9-]*/\d+\.\d+\.\d+$")
_PROFILE_KEYS = frozenset(
    {
        "profile",
        "version",
        "population",
        "exploitation",
        "source",
        "strengths",
        "absent",
        "unverified",
        "differs_from_labour",
    }
)
_SETTINGS_KEYS = frozenset(
    {
        "version",
        "content_sha256",
        "profiles",
        "reflection_period_days",
        "child_law_enforcement_mandatory",
    }
)


class RulesFileError(ScreeningError):
    """A rules or profile file is malformed. The message names the file and the key."""


@dataclass(frozen=True)
class Profile:
    """One ILO/EC indicator set: the strength of each indicator that exists in it."""

    name: str
    version: str
    population: Population
    exploitation: Exploitation
    source: str
    strengths: Mapping[str, Strength]
    unverified: frozenset[str]
    differs_from_labour: frozenset[str]

    def strength_of(self, indicator_id: str) -> Strength | None:
        """The indicator's strength, or None when it does not exist in this set."""
        return self.strengths.get(indicator_id)


@dataclass(frozen=True)
class Rules:
    """Everything the evaluator needs besides the input."""

    version: str
    content_sha256: str
    profiles: Mapping[tuple[Population, Exploitation], Profile]
    reflection_period_days: int
    child_law_enforcement_mandatory: bool

    def profile(self, population: Population, exploitation: Exploitation) -> Profile:
        return self.profiles[(population, exploitation)]


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RulesFileError(f"{path}: file not found") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise RulesFileError(f"{path}{where}: not valid YAML") from None
    if not isinstance(data, dict):
        raise RulesFileError(f"{path}: expected a mapping at the top level")
    return data


def _check_keys(path: Path, data: Mapping[str, Any], allowed: frozenset[str]) -> None:
    for key in sorted(set(data) - allowed):
        raise RulesFileError(f"{path}: unknown key {key!r}")
    for key in sorted(allowed - set(data)):
        raise RulesFileError(f"{path}: missing key {key!r}")


def _id_list(path: Path, data: Mapping[str, Any], key: str) -> frozenset[str]:
    value = data[key]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise RulesFileError(f"{path}: {key!r} must be a list of indicator ids")
    for ident in value:
        if ident not in INDICATOR_IDS:
            raise RulesFileError(f"{path}: {key!r} names an unknown indicator id {ident!r}")
    return frozenset(value)


def _strengths(path: Path, raw: Any) -> dict[str, Strength]:
    if not isinstance(raw, dict):
        raise RulesFileError(f"{path}: 'strengths' must map indicator ids to strengths")
    result: dict[str, Strength] = {}
    for ident, word in raw.items():
        if ident not in INDICATOR_IDS:
            raise RulesFileError(f"{path}: unknown indicator id {ident!r}")
        if word not in {strength.value for strength in Strength}:
            raise RulesFileError(f"{path}: {ident}: strength must be strong, medium or weak")
        result[ident] = Strength(word)
    return result


def _source_text(path: Path, raw: Any) -> str:
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        raise RulesFileError(f"{path}: 'source' must map fields to text")
    for key in ("title", "reference"):
        if key not in raw:
            raise RulesFileError(f"{path}: 'source' needs {key!r}")
    return "; ".join(f"{key}: {raw[key]}" for key in sorted(raw))


def _parse_profile(path: Path, data: Mapping[str, Any]) -> Profile:
    _check_keys(path, data, _PROFILE_KEYS)
    population, exploitation = data["population"], data["exploitation"]
    if population not in POPULATIONS or exploitation not in EXPLOITATIONS:
        raise RulesFileError(f"{path}: population/exploitation must be adult|child/labour|sexual")
    name = f"{population}-{exploitation}"
    if data["profile"] != name or path.stem != name:
        raise RulesFileError(f"{path}: profile name, file name and population must agree")
    if not isinstance(data["version"], str) or not _VERSION.match(data["version"]):
        raise RulesFileError(f"{path}: 'version' must look like 1.0.0")
    strengths = _strengths(path, data["strengths"])
    absent = _id_list(path, data, "absent")
    if absent & set(strengths):
        raise RulesFileError(
            f"{path}: {sorted(absent & set(strengths))[0]} is both rated and absent"
        )
    missing = INDICATOR_IDS - absent - set(strengths)
    if missing:
        raise RulesFileError(
            f"{path}: no strength for {sorted(missing)[0]} (rate it or list it as absent)"
        )
    return Profile(
        name=name,
        version=data["version"],
        population=population,
        exploitation=exploitation,
        source=_source_text(path, data["source"]),
        strengths=MappingProxyType(strengths),
        unverified=_id_list(path, data, "unverified"),
        differs_from_labour=_id_list(path, data, "differs_from_labour"),
    )


def _check_differences(
    directory: Path, profiles: Mapping[tuple[Population, Exploitation], Profile]
) -> None:
    """``differs_from_labour`` must list exactly the ids whose strength differs from labour."""
    for profile in profiles.values():
        labour = profiles[(profile.population, "labour")]
        actual = {
            ident
            for ident in INDICATOR_IDS
            if profile.strength_of(ident) != labour.strength_of(ident)
        }
        if actual != profile.differs_from_labour:
            wrong = sorted(actual ^ profile.differs_from_labour)[0]
            raise RulesFileError(
                f"{directory / profile.name}.yaml: 'differs_from_labour' disagrees with the "
                f"strengths at {wrong}"
            )


def content_digest(settings: Mapping[str, Any], profiles: Mapping[str, Any]) -> str:
    """SHA-256 of the rules' parsed content (settings without version and digest)."""
    kept = {
        key: value for key, value in settings.items() if key not in {"version", "content_sha256"}
    }
    canonical = json.dumps({"settings": kept, "profiles": profiles}, sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _settings_values(path: Path, data: Mapping[str, Any]) -> tuple[int, bool, list[str]]:
    _check_keys(path, data, _SETTINGS_KEYS)
    if not isinstance(data["version"], str) or not _RULES_VERSION.match(data["version"]):
        raise RulesFileError(f"{path}: 'version' must look like ilo-2009/1.0.0")
    days = data["reflection_period_days"]
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise RulesFileError(f"{path}: 'reflection_period_days' must be a whole number of days")
    mandatory = data["child_law_enforcement_mandatory"]
    if not isinstance(mandatory, bool):
        raise RulesFileError(f"{path}: 'child_law_enforcement_mandatory' must be true or false")
    names = data["profiles"]
    expected = sorted(f"{p}-{e}.yaml" for p in POPULATIONS for e in EXPLOITATIONS)
    if not isinstance(names, list) or sorted(map(str, names)) != expected:
        raise RulesFileError(f"{path}: 'profiles' must list {', '.join(expected)}")
    return days, mandatory, [str(name) for name in names]


def load_rules(directory: Path | None = None) -> Rules:
    """Load and check a rules directory (the shipped one by default)."""
    directory = directory or SHIPPED_RULES_DIR
    settings_path = directory / "rules.yaml"
    settings = _read_yaml(settings_path)
    days, mandatory, names = _settings_values(settings_path, settings)
    raw_profiles = {name: _read_yaml(directory / name) for name in names}
    profiles = {}
    for name, data in raw_profiles.items():
        profile = _parse_profile(directory / name, data)
        profiles[(profile.population, profile.exploitation)] = profile
    _check_differences(directory, profiles)
    digest = content_digest(settings, raw_profiles)
    if settings["content_sha256"] != digest:
        raise RulesFileError(
            f"{settings_path}: the rules changed since 'content_sha256' was recorded; "
            f"give them a new version and record content_sha256: {digest}"
        )
    return Rules(
        version=settings["version"],
        content_sha256=digest,
        profiles=MappingProxyType(profiles),
        reflection_period_days=days,
        child_law_enforcement_mandatory=mandatory,
    )


@cache
def default_rules() -> Rules:
    """The shipped rules, loaded once. Their version must be ``RULES_VERSION``."""
    rules = load_rules()
    if rules.version != RULES_VERSION:
        raise RulesFileError(
            f"{SHIPPED_RULES_DIR / 'rules.yaml'}: version {rules.version} differs from "
            f"RULES_VERSION {RULES_VERSION}"
        )
    return rules
