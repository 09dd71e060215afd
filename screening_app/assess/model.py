"""Value types of the assessment engine: what goes in, what comes out.

Inputs are checked when built, so the evaluator never meets an unknown id. Every type is
immutable; an assessment keeps the input it was made from, so it can be explained and
re-evaluated later (for a supervisor override, for example).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Literal, get_args

from screening_app.assess.indicators import DIMENSIONS, FLAG_IDS, INDICATOR_IDS
from screening_app.core.errors import AssessmentError

Population = Literal["adult", "child"]
Exploitation = Literal["labour", "sexual"]
Outcome = Literal["refer_nrm", "in_depth_interview", "no_indicators"]
Urgency = Literal["immediate", "24h", "72h", "standard"]

POPULATIONS: tuple[Population, ...] = get_args(Population)
EXPLOITATIONS: tuple[Exploitation, ...] = get_args(Exploitation)
OUTCOMES: tuple[Outcome, ...] = get_args(Outcome)
URGENCIES: tuple[Urgency, ...] = get_args(Urgency)

REQUEST_IDS: frozenset[str] = frozenset({"assisted_voluntary_return", "vocational_training"})

SERVICE_IDS: frozenset[str] = frozenset(
    {
        "child_protection",
        "guardian",
        "medical",
        "health_screening",
        "shelter",
        "psychological",
        "legal",
        "reflection_period",
        "interpreter",
        "law_enforcement",
        "assisted_voluntary_return",
        "vocational_training",
        "information",
    }
)

# Ages are in years; anything outside this range is a typing mistake, not a person.
MAX_AGE_YEARS = 130


class Strength(StrEnum):
    STRONG = "strong"
    MEDIUM = "medium"
    WEAK = "weak"


@dataclass(frozen=True)
class Consent:
    """Consents that change a recommendation. Assistance itself never depends on them."""

    law_enforcement: bool = False


def _unknown(kind: str, given: Iterable[str], known: frozenset[str]) -> None:
    bad = sorted(set(given) - known)
    if bad:
        raise AssessmentError(f"unknown {kind}: {bad[0]}")


@dataclass(frozen=True)
class AssessmentInput:
    """What the engine is told about one person: indicators, flags, consents, requests.

    ``evidence`` maps an indicator or flag id to the question ids whose answers raised it.
    """

    profile: Population | None = None
    age: float | None = None
    possible_minor: bool = False
    exploitation: Exploitation = "labour"
    indicators: frozenset[str] = frozenset()
    flags: frozenset[str] = frozenset()
    consent: Consent = Consent()
    requests: frozenset[str] = frozenset()
    interview_language: str | None = None
    local_language: str | None = None
    evidence: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.profile is not None and self.profile not in POPULATIONS:
            raise AssessmentError(f"unknown profile: {self.profile}")
        if self.exploitation not in EXPLOITATIONS:
            raise AssessmentError(f"unknown exploitation: {self.exploitation}")
        if self.age is not None and not 0 <= self.age <= MAX_AGE_YEARS:
            raise AssessmentError(f"age out of range 0-{MAX_AGE_YEARS}: {self.age}")
        _unknown("indicator id", self.indicators, INDICATOR_IDS)
        _unknown("flag", self.flags, FLAG_IDS)
        _unknown("request", self.requests, REQUEST_IDS)
        raised = self.indicators | self.flags
        for ident in sorted(self.evidence):
            if ident not in raised:
                raise AssessmentError(f"evidence names an id that was not raised: {ident}")
        # Freeze the caller's mapping so the input cannot change under an assessment.
        frozen = {key: tuple(value) for key, value in self.evidence.items()}
        object.__setattr__(self, "evidence", MappingProxyType(frozen))

    @property
    def minor_presumed(self) -> bool:
        """Possible minor, given either as the input field or as a raised flag."""
        return self.possible_minor or "possible_minor" in self.flags

    def questions_for(self, ids: Iterable[str]) -> tuple[str, ...]:
        """Question ids that raised any of ``ids``, each once, in a stable order."""
        found: dict[str, None] = {}
        for ident in ids:
            for question in self.evidence.get(ident, ()):
                found[question] = None
        return tuple(found)


@dataclass(frozen=True)
class Reason:
    """One step of the explanation: which rule fired, on what, in plain English."""

    rule: str
    text: str
    indicators: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    dimension: str | None = None


@dataclass(frozen=True)
class DimensionResult:
    """One of the six dimensions: the indicators present (with strengths) and the verdict."""

    dimension: str
    present: tuple[tuple[str, Strength], ...]
    positive: bool
    rule: str | None

    @property
    def indicator_ids(self) -> tuple[str, ...]:
        return tuple(ident for ident, _ in self.present)


@dataclass(frozen=True)
class Assessment:
    """The engine's recommendation for one input. A person always takes the decision."""

    input: AssessmentInput
    rules_version: str
    profile_name: str
    population: Population
    exploitation: Exploitation
    dimensions: Mapping[str, DimensionResult]
    combination: bool
    outcome: Outcome
    urgency: Urgency
    services: tuple[str, ...]
    reflection_period_days: int | None
    ignored_indicators: tuple[str, ...]
    reasons: tuple[Reason, ...]

    @property
    def is_child(self) -> bool:
        return self.population == "child"

    def dimension(self, code: str) -> DimensionResult:
        if code not in DIMENSIONS:
            raise AssessmentError(f"unknown dimension: {code}")
        return self.dimensions[code]
