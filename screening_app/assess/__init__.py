"""The ILO/EC (2009) assessment engine: indicator profiles, rules, evaluator, explanations.

Qt-free and workspace-free: the UI, the services and the ``assess`` command all call
:func:`assess` with an :class:`AssessmentInput`.
"""

from screening_app.assess.codec import assessment_to_json, input_from_json
from screening_app.assess.evaluator import assess
from screening_app.assess.model import (
    Assessment,
    AssessmentInput,
    Consent,
    DimensionResult,
    Exploitation,
    Outcome,
    Population,
    Reason,
    Strength,
    Urgency,
)
from screening_app.assess.override import OverriddenAssessment, Override, apply_override
from screening_app.assess.rules import (
    RULES_VERSION,
    Profile,
    Rules,
    RulesFileError,
    default_rules,
    load_rules,
)

__all__ = [
    "RULES_VERSION",
    "Assessment",
    "AssessmentInput",
    "Consent",
    "DimensionResult",
    "Exploitation",
    "Outcome",
    "OverriddenAssessment",
    "Override",
    "Population",
    "Profile",
    "Reason",
    "Rules",
    "RulesFileError",
    "Strength",
    "Urgency",
    "apply_override",
    "assess",
    "assessment_to_json",
    "default_rules",
    "input_from_json",
    "load_rules",
]
