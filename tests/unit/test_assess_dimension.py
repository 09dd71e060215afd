"""The dimension rule and the ILO combination, checked against independent formulations."""

from __future__ import annotations

from itertools import combinations

from hypothesis import given
from hypothesis import strategies as st

from screening_app.assess.dimension import DIMENSION_RULES, firing_rule, is_positive
from screening_app.assess.evaluator import check_combination
from screening_app.assess.indicators import DIMENSIONS
from screening_app.assess.model import Strength

S, M, W = Strength.STRONG, Strength.MEDIUM, Strength.WEAK
RANK = {S: 0, M: 1, W: 2}

# The rule as DOMAIN.md words it, as the smallest sets of indicators that make a dimension
# positive. A dimension is positive when some of its indicators form one of these sets.
WITNESSES = {(S, S), (S, M), (S, W), (M, M, M), (M, M, W)}

strength_lists = st.lists(st.sampled_from([S, M, W]), max_size=9)


def brute_force_positive(strengths: list[Strength]) -> bool:
    """Try every pair and triple of the indicators present against the witness sets."""
    for size in (2, 3):
        for chosen in combinations(strengths, size):
            if tuple(sorted(chosen, key=RANK.__getitem__)) in WITNESSES:
                return True
    return False


def upgraded(strength: Strength) -> list[Strength]:
    return [s for s in (S, M, W) if RANK[s] < RANK[strength]]


@given(strength_lists)
def test_dimension_rule_agrees_with_brute_force_over_pairs_and_triples(
    strengths: list[Strength],
) -> None:
    assert is_positive(strengths) == brute_force_positive(strengths)


@given(strength_lists, st.sampled_from([S, M, W]))
def test_adding_an_indicator_never_makes_a_positive_dimension_negative(
    strengths: list[Strength], extra: Strength
) -> None:
    if is_positive(strengths):
        assert is_positive([*strengths, extra])


@given(strength_lists.filter(bool), st.data())
def test_a_stronger_indicator_never_makes_a_positive_dimension_negative(
    strengths: list[Strength], data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, len(strengths) - 1))
    options = upgraded(strengths[index])
    if not options or not is_positive(strengths):
        return
    stronger = list(strengths)
    stronger[index] = data.draw(st.sampled_from(options))
    assert is_positive(stronger)


@given(st.integers(0, 30))
def test_weak_indicators_alone_are_never_positive(count: int) -> None:
    assert not is_positive([W] * count)


@given(st.integers(0, 30))
def test_one_strong_alone_is_not_positive_but_one_more_of_anything_is(weak: int) -> None:
    assert not is_positive([S])
    assert is_positive([S, S]) and is_positive([S, M]) and is_positive([S, W])
    assert is_positive([S] + [W] * (weak + 1))


@given(st.integers(0, 30))
def test_one_medium_with_any_number_of_weak_is_not_positive(weak: int) -> None:
    assert not is_positive([M] + [W] * weak)


def test_each_clause_of_the_rule_is_named_when_it_fires() -> None:
    cases = {
        "dimension.two_strong": [S, S],
        "dimension.strong_and_other": [S, W],
        "dimension.three_medium": [M, M, M],
        "dimension.two_medium_one_weak": [M, W, M],
    }
    for rule_id, strengths in cases.items():
        rule = firing_rule(strengths)
        assert rule is not None and rule.rule_id == rule_id
    assert {rule.rule_id for rule in DIMENSION_RULES} == set(cases)


def test_two_medium_alone_are_not_positive() -> None:
    assert not is_positive([M, M])
    assert firing_rule([M, M]) is None


def brute_force_combination(child: bool, positive: set[str]) -> bool:
    means = bool(positive & {"DR", "CR", "VR"})
    destination = bool(positive & {"CD", "VD"})
    return means and "EX" in positive and (child or destination)


@given(st.sets(st.sampled_from(DIMENSIONS)), st.booleans())
def test_combination_matches_the_domain_formula(positive: set[str], child: bool) -> None:
    holds, reason = check_combination("child" if child else "adult", positive)
    assert holds == brute_force_combination(child, positive)
    assert reason.rule == ("combination.child" if child else "combination.adult")
    assert ("does not hold" in reason.text) != holds
