"""The JSON shape of an assessment: strict reading of inputs, plain writing of results.

Reading rejects anything it does not know (a key, an id, a type) with a message naming it,
because a silently dropped indicator would change a recommendation without anyone noticing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from screening_app.assess.indicators import DIMENSIONS
from screening_app.assess.model import (
    EXPLOITATIONS,
    POPULATIONS,
    Assessment,
    AssessmentInput,
    Consent,
    Reason,
)
from screening_app.core.errors import AssessmentError

INPUT_KEYS = frozenset(
    {
        "profile",
        "age",
        "possible_minor",
        "exploitation",
        "indicators",
        "flags",
        "consent",
        "requests",
        "interview_language",
        "local_language",
        "evidence",
    }
)
CONSENT_KEYS = frozenset({"law_enforcement"})
_SHOWN_CHARS = 40


def _shown(value: Any) -> str:
    """A bad value as an error message shows it: JSON, on one line, cut short."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


def _choice(data: Mapping[str, Any], key: str, allowed: tuple[str, ...], default: Any) -> Any:
    value = data.get(key, default)
    if value is not None and value not in allowed:
        raise AssessmentError(f"{key} must be one of {', '.join(allowed)}, not {_shown(value)}")
    return value


def _bool(data: Mapping[str, Any], key: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise AssessmentError(f"{key} must be true or false, not {_shown(value)}")
    return value


def _age(data: Mapping[str, Any]) -> float | None:
    value = data.get("age")
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise AssessmentError(f"age must be a number of years, not {_shown(value)}")
    return None if value is None else float(value)


def _strings(value: Any, what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise AssessmentError(f"{what} must be a list of strings, not {_shown(value)}")
    return value


def _text(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise AssessmentError(f"{key} must be a language code, not {_shown(value)}")
    return value


def _consent(data: Mapping[str, Any]) -> Consent:
    value = data.get("consent", {})
    if not isinstance(value, dict):
        raise AssessmentError(f"consent must be an object, not {_shown(value)}")
    for key in sorted(set(value) - CONSENT_KEYS):
        raise AssessmentError(f"unknown key in consent: {_shown(key)}")
    return Consent(law_enforcement=_bool(value, "law_enforcement"))


def _evidence(data: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    value = data.get("evidence", {})
    if not isinstance(value, dict):
        raise AssessmentError(f"evidence must be an object, not {_shown(value)}")
    return {
        ident: tuple(_strings(questions, f"evidence for {ident}"))
        for ident, questions in value.items()
    }


def input_from_json(data: Any) -> AssessmentInput:
    """Build a checked input from one parsed JSON object."""
    if not isinstance(data, dict):
        raise AssessmentError(f"expected a JSON object, not {_shown(data)}")
    for key in sorted(set(data) - INPUT_KEYS):
        raise AssessmentError(f"unknown key: {_shown(key)}")
    lists: dict[str, frozenset[str]] = {
        key: frozenset(_strings(data.get(key, []), key))
        for key in ("indicators", "flags", "requests")
    }
    return AssessmentInput(
        profile=_choice(data, "profile", POPULATIONS, None),
        age=_age(data),
        possible_minor=_bool(data, "possible_minor"),
        exploitation=_choice(data, "exploitation", EXPLOITATIONS, "labour") or "labour",
        indicators=lists["indicators"],
        flags=lists["flags"],
        consent=_consent(data),
        requests=lists["requests"],
        interview_language=_text(data, "interview_language"),
        local_language=_text(data, "local_language"),
        evidence=_evidence(data),
    )


def _reason_json(reason: Reason) -> dict[str, Any]:
    return {
        "rule": reason.rule,
        "text": reason.text,
        "indicators": list(reason.indicators),
        "questions": list(reason.questions),
        "dimension": reason.dimension,
    }


def assessment_to_json(assessment: Assessment) -> dict[str, Any]:
    """The result as the ``assess`` command prints it."""
    dimensions = {
        code: {
            "positive": assessment.dimensions[code].positive,
            "indicators": sorted(assessment.dimensions[code].indicator_ids),
        }
        for code in DIMENSIONS
    }
    return {
        "rules_version": assessment.rules_version,
        "profile": assessment.population,
        "exploitation": assessment.exploitation,
        "dimensions": dimensions,
        "outcome": assessment.outcome,
        "urgency": assessment.urgency,
        "services": sorted(assessment.services),
        "reflection_period_days": assessment.reflection_period_days,
        "reasons": [_reason_json(reason) for reason in assessment.reasons],
    }


def compact_json(value: dict[str, Any]) -> str:
    """One line, no spaces, keys sorted: what ``assess`` writes per result."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
