"""When is one dimension positive? The ILO/EC (2009) rule, on counts of strengths.

A dimension is positive when the indicators present include two strong; or one strong and at
least one medium or weak; or three medium; or two medium and one weak. Every clause asks for
"at least" so many, never "exactly": finding one more indicator, or learning that one is
stronger than thought, can never turn a positive dimension negative.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from screening_app.assess.model import Strength


@dataclass(frozen=True)
class DimensionRule:
    """One clause of the rule: its id and its wording in reasons."""

    rule_id: str
    wording: str
    strong: int = 0
    medium: int = 0
    weak: int = 0
    medium_or_weak: int = 0

    def holds(self, counts: StrengthCounts) -> bool:
        return (
            counts.strong >= self.strong
            and counts.medium >= self.medium
            and counts.weak >= self.weak
            and counts.medium + counts.weak >= self.medium_or_weak
        )


@dataclass(frozen=True)
class StrengthCounts:
    strong: int = 0
    medium: int = 0
    weak: int = 0

    @classmethod
    def of(cls, strengths: Iterable[Strength]) -> StrengthCounts:
        tally = Counter(strengths)
        return cls(tally[Strength.STRONG], tally[Strength.MEDIUM], tally[Strength.WEAK])


# In the order reasons name them: the first clause that holds is the one reported.
DIMENSION_RULES: tuple[DimensionRule, ...] = (
    DimensionRule("dimension.two_strong", "two strong", strong=2),
    DimensionRule(
        "dimension.strong_and_other",
        "one strong and at least one medium or weak",
        strong=1,
        medium_or_weak=1,
    ),
    DimensionRule("dimension.three_medium", "three medium", medium=3),
    DimensionRule("dimension.two_medium_one_weak", "two medium and one weak", medium=2, weak=1),
)

NOT_POSITIVE_RULE = "dimension.not_positive"


def firing_rule(strengths: Iterable[Strength]) -> DimensionRule | None:
    """The first clause that makes the dimension positive, or None."""
    counts = StrengthCounts.of(strengths)
    for rule in DIMENSION_RULES:
        if rule.holds(counts):
            return rule
    return None


def is_positive(strengths: Iterable[Strength]) -> bool:
    return firing_rule(strengths) is not None
