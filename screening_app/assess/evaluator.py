"""The assessment engine: indicators and flags in, a recommendation with its reasons out.

The steps follow the project's domain rules: who counts as a child, which profile applies,
which dimensions are positive, whether the ILO combination holds ("reasonable grounds"),
then outcome, urgency and services. Every step adds a reason a person can read and check.
"""

from __future__ import annotations

from types import MappingProxyType

from screening_app.assess.dimension import NOT_POSITIVE_RULE, firing_rule
from screening_app.assess.indicators import DIMENSIONS, dimension_of
from screening_app.assess.model import (
    Assessment,
    AssessmentInput,
    DimensionResult,
    Outcome,
    Population,
    Reason,
    Strength,
)
from screening_app.assess.recommend import reflection_days, services_for, urgency_for
from screening_app.assess.rules import Profile, Rules, default_rules

ADULT_AGE_YEARS = 18
_MEANS = ("DR", "CR", "VR")
_DESTINATION = ("CD", "VD")


def _cited(inp: AssessmentInput, ident: str, strength: Strength | None = None) -> str:
    """``EX.hazardous (medium, answer q7)``: an indicator as reasons name it."""
    details = [strength.value] if strength else []
    questions = inp.evidence.get(ident, ())
    if questions:
        details.append(("answer " if len(questions) == 1 else "answers ") + ", ".join(questions))
    return f"{ident} ({'; '.join(details)})" if details else ident


def population_of(inp: AssessmentInput) -> tuple[Population, list[Reason]]:
    """Child when the profile says so, when under 18, or when possibly under 18."""
    reasons: list[Reason] = []
    if inp.profile == "child":
        reasons.append(Reason("population.child_profile", "Child: the profile given is child"))
    if inp.age is not None and inp.age < ADULT_AGE_YEARS:
        text = f"Child: age {inp.age:g} < {ADULT_AGE_YEARS} — presumption of minority"
        reasons.append(Reason("population.child_age", text))
    if inp.minor_presumed:
        text = "Child: possibly under 18 — presumption of minority until an age assessment"
        questions = inp.questions_for(["possible_minor"])
        reasons.append(Reason("population.possible_minor", text, questions=questions))
    if reasons:
        return "child", reasons
    age = f"age {inp.age:g}" if inp.age is not None else "no age given"
    text = f"Adult: {age}, no sign that the person may be under {ADULT_AGE_YEARS}"
    return "adult", [Reason("population.adult", text)]


def _dimension(
    inp: AssessmentInput, profile: Profile, code: str, counted: list[str]
) -> tuple[DimensionResult, Reason | None]:
    present = tuple(
        (ident, strength)
        for ident in counted
        if dimension_of(ident) == code and (strength := profile.strength_of(ident)) is not None
    )
    rule = firing_rule(strength for _, strength in present)
    result = DimensionResult(code, present, rule is not None, rule.rule_id if rule else None)
    if not present:
        return result, None
    listed = " + ".join(_cited(inp, ident, strength) for ident, strength in present)
    if rule:
        text = f"{code} positive: {listed} — rule: {rule.wording}"
    else:
        text = (
            f"{code} not positive: {listed} — needs two strong; one strong and a medium or"
            " weak; three medium; or two medium and a weak"
        )
    ids = result.indicator_ids
    reason = Reason(
        rule.rule_id if rule else NOT_POSITIVE_RULE,
        text,
        indicators=ids,
        questions=inp.questions_for(ids),
        dimension=code,
    )
    return result, reason


def check_combination(population: Population, positive: set[str]) -> tuple[bool, Reason]:
    """Adult: (DR or CR or VR) and EX and (CD or VD). Child: (DR or CR or VR) and EX."""
    groups = [_MEANS, ("EX",)] + ([_DESTINATION] if population == "adult" else [])
    missing = [group for group in groups if not positive.intersection(group)]
    wording = " and ".join(
        f"({' or '.join(group)})" if len(group) > 1 else group[0] for group in groups
    )
    holds = not missing
    if holds:
        verdict = "holds"
    else:
        gaps = "; ".join(" or ".join(group) + " not positive" for group in missing)
        verdict = f"does not hold: {gaps}"
    text = f"{population.capitalize()} combination {wording} {verdict}"
    return holds, Reason(f"combination.{population}", text)


def _outcome(
    combination: Reason, holds: bool, positive: list[str], strong: list[str]
) -> tuple[Outcome, Reason]:
    if holds:
        text = (
            f"Outcome refer_nrm: {combination.text[0].lower()}{combination.text[1:]} — recommend"
            " referral to the NRM for formal identification"
        )
        return "refer_nrm", Reason("outcome.refer_nrm", text)
    if positive or strong:
        found = [f"{', '.join(positive)} positive"] if positive else []
        noun = "indicator" if len(strong) == 1 else "indicators"
        found += [f"strong {noun} {', '.join(strong)} present"] if strong else []
        text = (
            f"Outcome in_depth_interview: the combination does not hold, but "
            f"{' and '.join(found)} — schedule an in-depth interview"
        )
        return "in_depth_interview", Reason("outcome.in_depth_interview", text, tuple(strong))
    text = (
        "Outcome no_indicators: no dimension is positive and no strong indicator is present"
        " — give information on rights and contacts"
    )
    return "no_indicators", Reason("outcome.no_indicators", text)


def _ignored_reason(inp: AssessmentInput, profile: Profile, ignored: list[str]) -> Reason:
    text = f"Not in the {profile.name} set, so not counted: {', '.join(ignored)}"
    return Reason(
        "indicator.not_in_profile", text, tuple(ignored), questions=inp.questions_for(ignored)
    )


def assess(inp: AssessmentInput, rules: Rules | None = None) -> Assessment:
    """Evaluate one input against the rules (the shipped ones by default)."""
    rules = rules or default_rules()
    population, reasons = population_of(inp)
    profile = rules.profile(population, inp.exploitation)
    counted = sorted(i for i in inp.indicators if profile.strength_of(i) is not None)
    ignored = sorted(inp.indicators - set(counted))
    if ignored:
        reasons.append(_ignored_reason(inp, profile, ignored))
    dimensions = {}
    for code in DIMENSIONS:
        dimensions[code], reason = _dimension(inp, profile, code, counted)
        reasons += [reason] if reason else []
    positive = [code for code in DIMENSIONS if dimensions[code].positive]
    holds, combination = check_combination(population, set(positive))
    reasons.append(combination)
    strong = [i for i in counted if profile.strength_of(i) is Strength.STRONG]
    outcome, outcome_reason = _outcome(combination, holds, positive, strong)
    reasons.append(outcome_reason)
    urgency, urgency_reason = urgency_for(inp, population == "child", outcome)
    services, service_reasons = services_for(inp, population == "child", outcome, rules)
    return Assessment(
        input=inp,
        rules_version=rules.version,
        profile_name=profile.name,
        population=population,
        exploitation=inp.exploitation,
        dimensions=MappingProxyType(dimensions),
        combination=holds,
        outcome=outcome,
        urgency=urgency,
        services=services,
        reflection_period_days=reflection_days(services, rules),
        ignored_indicators=tuple(ignored),
        reasons=(*reasons, urgency_reason, *service_reasons),
    )
