"""A supervisor's override of the engine's recommendation, kept beside the original.

The override changes the outcome (and, if the supervisor says so, the urgency); services and
an unstated urgency are worked out again from the same facts for the new outcome. The
engine's assessment stays untouched inside the result, so both remain on record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from screening_app.assess.model import OUTCOMES, URGENCIES, Assessment, Outcome, Urgency
from screening_app.assess.recommend import reflection_days, services_for, urgency_for
from screening_app.assess.rules import Rules, default_rules
from screening_app.core.errors import AssessmentError


@dataclass(frozen=True)
class Override:
    """Who changed the recommendation, when, to what, and why (in writing)."""

    outcome: Outcome
    reason: str
    by: str
    at: datetime
    urgency: Urgency | None = None

    def __post_init__(self) -> None:
        if self.outcome not in OUTCOMES:
            raise AssessmentError(f"unknown outcome: {self.outcome}")
        if self.urgency is not None and self.urgency not in URGENCIES:
            raise AssessmentError(f"unknown urgency: {self.urgency}")
        # The written reason is free text: check it, never echo it.
        if not self.reason.strip():
            raise AssessmentError("an override needs a written reason")
        if not self.by.strip():
            raise AssessmentError("an override must name who made it")
        if self.at.tzinfo is None:
            raise AssessmentError("an override time must carry its time zone")


@dataclass(frozen=True)
class OverriddenAssessment:
    """The recommendation in force: the override applied, the engine's original kept."""

    original: Assessment
    override: Override
    outcome: Outcome
    urgency: Urgency
    services: tuple[str, ...]
    reflection_period_days: int | None


def apply_override(
    assessment: Assessment, override: Override, rules: Rules | None = None
) -> OverriddenAssessment:
    """Apply ``override`` with the same rules the assessment was made with."""
    rules = rules or default_rules()
    if rules.version != assessment.rules_version:
        raise AssessmentError(
            f"the assessment was made with rules {assessment.rules_version}, "
            f"not {rules.version}: re-assess before overriding"
        )
    facts, child = assessment.input, assessment.is_child
    urgency = override.urgency or urgency_for(facts, child, override.outcome)[0]
    services, _ = services_for(facts, child, override.outcome, rules)
    return OverriddenAssessment(
        original=assessment,
        override=override,
        outcome=override.outcome,
        urgency=urgency,
        services=services,
        reflection_period_days=reflection_days(services, rules),
    )
