"""Outcome, urgency and service rules: one row per rule of DOMAIN.md, plus properties."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screening_app.assess import AssessmentInput, Consent, assess, assessment_to_json
from screening_app.assess.indicators import DIMENSIONS, FLAG_IDS, INDICATOR_IDS, dimension_of
from screening_app.assess.model import REQUEST_IDS, Strength
from screening_app.assess.rules import Rules, default_rules

# Sets of indicators that make the adult-labour dimensions positive (two strong, or one
# strong and one medium, or three medium).
DR = {"DR.job_nature", "DR.wages"}
CR = {"CR.violence", "CR.withholding_money"}
VR = {"VR.economic", "VR.family_situation", "VR.personal_situation"}
EX = {"EX.excessive_hours", "EX.low_no_salary"}
CD = {"CD.documents_confiscated", "CD.debt_bondage"}
VD = {"VD.dependency", "VD.economic", "VD.family_situation"}
ADULT_REFERRAL = DR | EX | CD


def inp(**kwargs: Any) -> AssessmentInput:
    for key in ("indicators", "flags", "requests"):
        if key in kwargs:
            kwargs[key] = frozenset(kwargs[key])
    return AssessmentInput(**kwargs)


@dataclass(frozen=True)
class Row:
    name: str
    given: AssessmentInput
    expected: str
    rules: Rules | None = field(default=None)


OUTCOME_ROWS = [
    Row(
        "adult: DR, EX and CD positive -> refer",
        inp(age=30, indicators=ADULT_REFERRAL),
        "refer_nrm",
    ),
    Row("adult: CR, EX and VD positive -> refer", inp(indicators=CR | EX | VD), "refer_nrm"),
    Row("adult: VR, EX and CD positive -> refer", inp(indicators=VR | EX | CD), "refer_nrm"),
    Row(
        "adult without CD or VD -> interview", inp(age=30, indicators=DR | EX), "in_depth_interview"
    ),
    Row("adult without EX -> interview", inp(indicators=DR | CD), "in_depth_interview"),
    Row("adult without means -> interview", inp(indicators=EX | CD), "in_depth_interview"),
    Row("child needs no CD or VD -> refer", inp(age=15, indicators=DR | EX), "refer_nrm"),
    Row("child without means -> interview", inp(age=15, indicators=EX), "in_depth_interview"),
    Row("positive VR only, no strong -> interview", inp(indicators=VR), "in_depth_interview"),
    Row("one strong alone -> interview", inp(indicators={"CD.violence"}), "in_depth_interview"),
    Row(
        "two medium in different dimensions -> nothing",
        inp(indicators={"DR.wages", "EX.hazardous"}),
        "no_indicators",
    ),
    Row(
        "weak only -> nothing",
        inp(indicators={"DR.education", "VR.cultural_beliefs"}),
        "no_indicators",
    ),
    Row("no indicators -> nothing", inp(), "no_indicators"),
]


@pytest.mark.parametrize("row", OUTCOME_ROWS, ids=lambda row: row.name)
def test_outcome_follows_the_domain_rule(row: Row) -> None:
    assert assess(row.given).outcome == row.expected


URGENCY_ROWS = [
    Row("immediate danger", inp(age=40, flags={"immediate_danger"}), "immediate"),
    Row("urgent medical need", inp(age=40, flags={"medical_urgent"}), "immediate"),
    Row("unaccompanied child", inp(age=14, flags={"unaccompanied"}), "immediate"),
    Row(
        "unaccompanied possible minor", inp(flags={"unaccompanied", "possible_minor"}), "immediate"
    ),
    Row(
        "unaccompanied adult is not urgent by itself",
        inp(age=30, flags={"unaccompanied"}),
        "standard",
    ),
    Row("child without other facts", inp(age=12), "24h"),
    Row("child with interview outcome", inp(profile="child", indicators={"CR.violence"}), "24h"),
    Row("adult referral", inp(indicators=ADULT_REFERRAL), "24h"),
    Row("adult in-depth interview", inp(indicators={"CR.violence"}), "72h"),
    Row("adult, no indicators", inp(age=50), "standard"),
    Row(
        "danger beats referral",
        inp(indicators=ADULT_REFERRAL, flags={"immediate_danger"}),
        "immediate",
    ),
]


@pytest.mark.parametrize("row", URGENCY_ROWS, ids=lambda row: row.name)
def test_urgency_follows_the_domain_rule(row: Row) -> None:
    assert assess(row.given).urgency == row.expected


def custom_rules(**changes: Any) -> Rules:
    return replace(default_rules(), **changes)


REFERRAL_SERVICES = {"health_screening", "shelter", "psychological", "legal", "reflection_period"}


@dataclass(frozen=True)
class ServiceRow:
    name: str
    given: AssessmentInput
    present: set[str]
    absent: set[str]
    rules: Rules | None = None


SERVICE_ROWS = [
    ServiceRow(
        "child by age gets child protection", inp(age=17), {"child_protection"}, {"guardian"}
    ),
    ServiceRow("child by profile", inp(profile="child", age=None), {"child_protection"}, set()),
    ServiceRow("possible minor field", inp(possible_minor=True), {"child_protection"}, set()),
    ServiceRow("possible minor flag", inp(flags={"possible_minor"}), {"child_protection"}, set()),
    ServiceRow("adult gets no child protection", inp(age=18), set(), {"child_protection"}),
    ServiceRow(
        "unaccompanied child gets a guardian",
        inp(age=16, flags={"unaccompanied"}),
        {"guardian", "child_protection"},
        set(),
    ),
    ServiceRow(
        "unaccompanied adult: no guardian",
        inp(age=25, flags={"unaccompanied"}),
        set(),
        {"guardian"},
    ),
    ServiceRow(
        "urgent medical need", inp(flags={"medical_urgent"}), {"medical"}, {"health_screening"}
    ),
    ServiceRow("referral support", inp(indicators=ADULT_REFERRAL), REFERRAL_SERVICES, {"medical"}),
    ServiceRow(
        "no referral support for interview", inp(indicators=DR | EX), set(), REFERRAL_SERVICES
    ),
    ServiceRow(
        "interpreter when languages differ",
        inp(interview_language="ti", local_language="it"),
        {"interpreter"},
        set(),
    ),
    ServiceRow(
        "no interpreter for the same language",
        inp(interview_language="it", local_language="it"),
        set(),
        {"interpreter"},
    ),
    ServiceRow(
        "no interpreter for a regional variant",
        inp(interview_language="en-GB", local_language="EN"),
        set(),
        {"interpreter"},
    ),
    ServiceRow(
        "no interpreter when a language is unknown",
        inp(interview_language="ar"),
        set(),
        {"interpreter"},
    ),
    ServiceRow(
        "law enforcement with consent on referral",
        inp(indicators=ADULT_REFERRAL, consent=Consent(law_enforcement=True)),
        {"law_enforcement"},
        set(),
    ),
    ServiceRow(
        "no law enforcement without consent",
        inp(indicators=ADULT_REFERRAL),
        REFERRAL_SERVICES,
        {"law_enforcement"},
    ),
    ServiceRow(
        "no law enforcement with consent but no referral",
        inp(indicators={"CR.violence"}, consent=Consent(law_enforcement=True)),
        set(),
        {"law_enforcement"},
    ),
    ServiceRow(
        "child referral where the law requires it",
        inp(age=15, indicators=DR | EX),
        {"law_enforcement", "child_protection"},
        set(),
        custom_rules(child_law_enforcement_mandatory=True),
    ),
    ServiceRow(
        "child referral where the law does not require it",
        inp(age=15, indicators=DR | EX),
        {"child_protection"},
        {"law_enforcement"},
    ),
    ServiceRow(
        "mandatory setting does not apply to adults",
        inp(indicators=ADULT_REFERRAL),
        set(),
        {"law_enforcement"},
        custom_rules(child_law_enforcement_mandatory=True),
    ),
    ServiceRow(
        "mandatory setting needs a referral",
        inp(age=15, indicators={"CR.violence"}),
        set(),
        {"law_enforcement"},
        custom_rules(child_law_enforcement_mandatory=True),
    ),
    ServiceRow(
        "requested return and training",
        inp(requests={"assisted_voluntary_return", "vocational_training"}),
        {"assisted_voluntary_return", "vocational_training"},
        set(),
    ),
    ServiceRow(
        "nothing requested", inp(), set(), {"assisted_voluntary_return", "vocational_training"}
    ),
    ServiceRow("information always", inp(), {"information"}, set()),
]


@pytest.mark.parametrize("row", SERVICE_ROWS, ids=lambda row: row.name)
def test_services_follow_the_domain_rule(row: ServiceRow) -> None:
    services = set(assess(row.given, row.rules).services)
    assert row.present <= services
    assert not (row.absent & services)
    assert "information" in services


def test_refusing_law_enforcement_changes_no_other_service() -> None:
    with_consent = assess(inp(indicators=ADULT_REFERRAL, consent=Consent(law_enforcement=True)))
    without = assess(inp(indicators=ADULT_REFERRAL))
    assert set(with_consent.services) - set(without.services) == {"law_enforcement"}
    assert with_consent.outcome == without.outcome and with_consent.urgency == without.urgency


def test_services_are_sorted_and_each_has_a_reason() -> None:
    result = assess(
        inp(
            age=16,
            indicators=DR | EX,
            flags={"unaccompanied", "medical_urgent"},
            requests={"vocational_training"},
        )
    )
    assert list(result.services) == sorted(result.services)
    service_rules = [
        r.rule.removeprefix("service.") for r in result.reasons if r.rule.startswith("service.")
    ]
    assert service_rules == list(result.services)


def test_reflection_period_length_comes_from_the_rules() -> None:
    assert assess(inp(indicators=ADULT_REFERRAL)).reflection_period_days == 30
    longer = custom_rules(reflection_period_days=90)
    result = assess(inp(indicators=ADULT_REFERRAL), longer)
    assert result.reflection_period_days == 90
    assert any("90 days" in r.text for r in result.reasons if r.rule == "service.reflection_period")
    assert assess(inp(indicators={"CR.violence"})).reflection_period_days is None


def test_child_reason_states_the_age_and_the_presumption() -> None:
    texts = [r.text for r in assess(inp(age=16)).reasons]
    assert "Child: age 16 < 18 — presumption of minority" in texts


def test_age_given_as_adult_profile_still_makes_a_child() -> None:
    result = assess(inp(profile="adult", age=16.5))
    assert result.population == "child" and result.profile_name == "child-labour"


def test_indicator_absent_from_child_labour_set_is_ignored_and_explained() -> None:
    result = assess(
        inp(age=10, indicators={"VR.false_info_law", "VR.economic", "VR.family_situation"})
    )
    assert result.ignored_indicators == ("VR.false_info_law",)
    assert not result.dimension("VR").positive
    assert result.dimension("VR").indicator_ids == ("VR.economic", "VR.family_situation")
    assert any(
        r.rule == "indicator.not_in_profile" and r.indicators == ("VR.false_info_law",)
        for r in result.reasons
    )
    adult = assess(
        inp(age=30, indicators={"VR.false_info_law", "VR.economic", "VR.family_situation"})
    )
    assert adult.dimension("VR").positive and adult.ignored_indicators == ()


def test_forced_tasks_is_strong_in_the_adult_sexual_set_only() -> None:
    indicators = {"CD.forced_tasks", "CD.against_peers"}
    labour = assess(inp(age=30, indicators=indicators))
    sexual = assess(inp(age=30, exploitation="sexual", indicators=indicators))
    assert not labour.dimension("CD").positive
    assert sexual.dimension("CD").positive and sexual.profile_name == "adult-sexual"


def test_dimension_reason_names_rule_strengths_and_questions() -> None:
    result = assess(
        inp(
            indicators={"EX.excessive_hours", "EX.low_no_salary"},
            evidence={"EX.excessive_hours": ("q_hours",), "EX.low_no_salary": ("q_pay", "q_debt")},
        )
    )
    (reason,) = [r for r in result.reasons if r.dimension == "EX"]
    assert reason.rule == "dimension.strong_and_other"
    assert reason.text == (
        "EX positive: EX.excessive_hours (strong; answer q_hours) + EX.low_no_salary"
        " (medium; answers q_pay, q_debt) — rule: one strong and at least one medium or weak"
    )
    assert reason.indicators == ("EX.excessive_hours", "EX.low_no_salary")
    assert reason.questions == ("q_hours", "q_pay", "q_debt")


def test_referral_reason_states_the_combination() -> None:
    result = assess(inp(indicators=ADULT_REFERRAL))
    texts = [r.text for r in result.reasons if r.rule == "outcome.refer_nrm"]
    assert texts and texts[0].startswith(
        "Outcome refer_nrm: adult combination (DR or CR or VR) and EX and (CD or VD) holds"
    )


def test_flag_evidence_reaches_the_urgency_reason() -> None:
    result = assess(inp(flags={"immediate_danger"}, evidence={"immediate_danger": ("q_safe",)}))
    (reason,) = [r for r in result.reasons if r.rule.startswith("urgency.")]
    assert reason.rule == "urgency.immediate" and reason.questions == ("q_safe",)


def test_assessment_records_the_rules_version() -> None:
    assert assess(inp()).rules_version == default_rules().version == "ilo-2009/1.0.0"


# --- properties over random inputs -------------------------------------------------------

ids = sorted(INDICATOR_IDS)
by_dimension = {code: [i for i in ids if dimension_of(i) == code] for code in DIMENSIONS}
# Up to four indicators per dimension, so positive dimensions and referrals come up often.
indicator_sets = st.tuples(
    *(st.frozensets(st.sampled_from(by_dimension[code]), max_size=4) for code in DIMENSIONS)
).map(lambda parts: frozenset().union(*parts))
inputs = st.builds(
    AssessmentInput,
    profile=st.sampled_from([None, "adult", "child"]),
    age=st.one_of(st.none(), st.integers(0, 90).map(float)),
    possible_minor=st.booleans(),
    exploitation=st.sampled_from(["labour", "sexual"]),
    indicators=indicator_sets,
    flags=st.frozensets(st.sampled_from(sorted(FLAG_IDS))),
    consent=st.builds(Consent, law_enforcement=st.booleans()),
    requests=st.frozensets(st.sampled_from(sorted(REQUEST_IDS))),
    interview_language=st.sampled_from([None, "ti", "it", "ar"]),
    local_language=st.sampled_from([None, "it"]),
)

WITNESSES = [(2, 0, 0), (1, 1, 0), (1, 0, 1), (0, 3, 0), (0, 2, 1)]


def expected_outcome(given: AssessmentInput) -> str:
    """The outcome worked out directly from DOMAIN.md, with the profile's strengths."""
    child = given.profile == "child" or (given.age is not None and given.age < 18)
    child = child or given.possible_minor or "possible_minor" in given.flags
    profile = default_rules().profile("child" if child else "adult", given.exploitation)
    counts = {code: [0, 0, 0] for code in DIMENSIONS}
    for ident in given.indicators:
        strength = profile.strength_of(ident)
        if strength is not None:
            counts[dimension_of(ident)][list(Strength).index(strength)] += 1
    positive = {
        code
        for code, (s, m, w) in counts.items()
        if any(s >= a and m >= b and w >= c for a, b, c in WITNESSES)
    }
    holds = bool(positive & {"DR", "CR", "VR"}) and "EX" in positive
    holds = holds and (child or bool(positive & {"CD", "VD"}))
    if holds:
        return "refer_nrm"
    if positive or any(counts[code][0] for code in DIMENSIONS):
        return "in_depth_interview"
    return "no_indicators"


@settings(max_examples=300)
@given(inputs)
def test_outcome_matches_an_independent_reading_of_the_rules(given: AssessmentInput) -> None:
    assert assess(given).outcome == expected_outcome(given)


@given(inputs, st.sampled_from(ids))
def test_one_more_indicator_never_lowers_the_outcome(given: AssessmentInput, extra: str) -> None:
    order = ["no_indicators", "in_depth_interview", "refer_nrm"]
    before = assess(given).outcome
    after = assess(replace(given, indicators=given.indicators | {extra}, evidence={})).outcome
    assert order.index(after) >= order.index(before)


@given(inputs)
def test_output_never_uses_the_word_victim(given: AssessmentInput) -> None:
    text = json.dumps(assessment_to_json(assess(given)), ensure_ascii=False)
    assert "victim" not in text.lower()


@given(inputs)
def test_every_child_gets_child_protection_and_information_always(given: AssessmentInput) -> None:
    result = assess(given)
    assert ("child_protection" in result.services) == result.is_child
    assert "information" in result.services
