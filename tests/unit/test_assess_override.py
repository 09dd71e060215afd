"""A supervisor override: written reason required, original kept, services worked out again."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from screening_app.assess import AssessmentInput, Override, apply_override, assess
from screening_app.assess.rules import default_rules
from screening_app.core.errors import AssessmentError

WHEN = datetime(2026, 5, 14, 9, 30, tzinfo=UTC)
ONE_STRONG = AssessmentInput(age=30, indicators=frozenset({"CR.violence"}))


def override(**changes: object) -> Override:
    fields: dict[str, object] = {
        "outcome": "refer_nrm",
        "reason": "Further disclosure in a second conversation.",
        "by": "supervisor-07",
        "at": WHEN,
    }
    fields.update(changes)
    return Override(**fields)  # type: ignore[arg-type]


def test_override_to_referral_keeps_the_engine_original_beside_it() -> None:
    original = assess(ONE_STRONG)
    result = apply_override(original, override())
    assert result.original is original
    assert original.outcome == "in_depth_interview" and original.urgency == "72h"
    assert result.outcome == "refer_nrm" and result.urgency == "24h"
    assert {"shelter", "legal", "reflection_period", "health_screening"} <= set(result.services)
    assert result.reflection_period_days == 30
    assert result.override.by == "supervisor-07" and result.override.at == WHEN


def test_override_with_urgency_uses_the_supervisor_urgency() -> None:
    result = apply_override(assess(ONE_STRONG), override(urgency="immediate"))
    assert result.urgency == "immediate"


def test_override_downwards_drops_referral_services() -> None:
    found = {"DR.job_nature", "DR.wages", "EX.excessive_hours", "EX.bad_living", "CD.violence"}
    referral = AssessmentInput(indicators=frozenset(found | {"CD.isolation"}))
    original = assess(referral)
    assert original.outcome == "refer_nrm"
    result = apply_override(original, override(outcome="in_depth_interview"))
    assert "shelter" not in result.services and result.reflection_period_days is None
    assert result.urgency == "72h"
    assert "shelter" in original.services


def test_override_keeps_child_protection_for_a_child() -> None:
    child = assess(AssessmentInput(age=15, flags=frozenset({"unaccompanied"})))
    result = apply_override(child, override(outcome="no_indicators"))
    assert {"child_protection", "guardian"} <= set(result.services)
    assert result.urgency == "immediate"


@pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
def test_override_without_a_written_reason_is_refused(reason: str) -> None:
    with pytest.raises(AssessmentError, match="written reason"):
        override(reason=reason)


def test_override_error_never_echoes_the_written_reason() -> None:
    with pytest.raises(AssessmentError) as caught:
        override(by=" ", reason="Fictional note: Person A said more.")
    assert "Fictional" not in caught.value.message


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"by": ""}, "who made it"),
        ({"at": datetime(2026, 5, 14, 9, 30)}, "time zone"),
        ({"outcome": "refer"}, "unknown outcome: refer"),
        ({"urgency": "soon"}, "unknown urgency: soon"),
    ],
)
def test_override_fields_are_checked(changes: dict[str, object], message: str) -> None:
    with pytest.raises(AssessmentError, match=message):
        override(**changes)


def test_override_with_other_rules_version_is_refused() -> None:
    other = replace(default_rules(), version="ilo-2009/9.9.9")
    with pytest.raises(AssessmentError, match="re-assess"):
        apply_override(assess(ONE_STRONG), override(), other)
