"""Urgency and services for an outcome, each with the reason it applies.

Kept apart from the indicator rules because a supervisor override changes the outcome and
then needs urgency and services worked out again from the same facts.
"""

from __future__ import annotations

from screening_app.assess.model import AssessmentInput, Outcome, Reason, Urgency
from screening_app.assess.rules import Rules

_URGENT_FLAGS = {"immediate_danger": "immediate danger", "medical_urgent": "urgent medical need"}
_REFERRAL_SUPPORT = {
    "health_screening": "every referral to the NRM",
    "shelter": "every referral to the NRM",
    "psychological": "every referral to the NRM",
    "legal": "every referral to the NRM",
}


def urgency_for(inp: AssessmentInput, is_child: bool, outcome: Outcome) -> tuple[Urgency, Reason]:
    """Immediate for danger, urgent medical need or an unaccompanied child; then 24h, 72h."""
    causes = [flag for flag in _URGENT_FLAGS if flag in inp.flags]
    if is_child and "unaccompanied" in inp.flags:
        causes.append("unaccompanied")
    if causes:
        named = [_URGENT_FLAGS.get(flag, "unaccompanied child") for flag in causes]
        text = f"Urgency immediate: {' and '.join(named)}"
        return "immediate", Reason("urgency.immediate", text, questions=inp.questions_for(causes))
    if is_child:
        return "24h", Reason("urgency.24h", "Urgency 24h: a child (under 18 or presumed so)")
    if outcome == "refer_nrm":
        return "24h", Reason("urgency.24h", "Urgency 24h: referral to the NRM recommended")
    if outcome == "in_depth_interview":
        return "72h", Reason("urgency.72h", "Urgency 72h: in-depth interview recommended")
    return "standard", Reason("urgency.standard", "Urgency standard: no urgent need recorded")


def _service(service: str, why: str, questions: tuple[str, ...] = ()) -> Reason:
    return Reason(f"service.{service}", f"Service {service}: {why}", questions=questions)


def _same_language(first: str, second: str) -> bool:
    """Compare BCP 47 tags by primary language: ``en-GB`` and ``en`` need no interpreter."""
    return first.split("-")[0].strip().lower() == second.split("-")[0].strip().lower()


def _child_services(inp: AssessmentInput) -> list[Reason]:
    reasons = [_service("child_protection", "every child; it does not wait for consent")]
    if "unaccompanied" in inp.flags:
        questions = inp.questions_for(["unaccompanied"])
        reasons.append(_service("guardian", "unaccompanied or separated child", questions))
    return reasons


def _referral_services(rules: Rules) -> list[Reason]:
    reasons = [_service(name, why) for name, why in _REFERRAL_SUPPORT.items()]
    days = rules.reflection_period_days
    reasons.append(
        _service(
            "reflection_period",
            f"every referral to the NRM; {days} days of reflection and recovery",
        )
    )
    return reasons


def _law_enforcement(inp: AssessmentInput, is_child: bool, rules: Rules) -> list[Reason]:
    if inp.consent.law_enforcement:
        return [_service("law_enforcement", "referral with the person's explicit consent")]
    if is_child and rules.child_law_enforcement_mandatory:
        return [_service("law_enforcement", "child referral; the law here requires it")]
    return []


def _requested_and_general(inp: AssessmentInput) -> list[Reason]:
    reasons = [_service(name, "the person asked for it") for name in sorted(inp.requests)]
    spoken, local = inp.interview_language, inp.local_language
    if spoken and local and not _same_language(spoken, local):
        why = f"interview language {spoken} is not the local language {local}"
        reasons.append(_service("interpreter", why))
    reasons.append(_service("information", "always given: rights and contacts"))
    return reasons


def services_for(
    inp: AssessmentInput, is_child: bool, outcome: Outcome, rules: Rules
) -> tuple[tuple[str, ...], tuple[Reason, ...]]:
    """Sorted service ids and one reason per service."""
    reasons: list[Reason] = []
    if is_child:
        reasons += _child_services(inp)
    if "medical_urgent" in inp.flags:
        questions = inp.questions_for(["medical_urgent"])
        reasons.append(_service("medical", "urgent medical need", questions))
    if outcome == "refer_nrm":
        reasons += _referral_services(rules)
        reasons += _law_enforcement(inp, is_child, rules)
    reasons += _requested_and_general(inp)
    reasons.sort(key=lambda reason: reason.rule)
    services = tuple(reason.rule.removeprefix("service.") for reason in reasons)
    return services, tuple(reasons)


def reflection_days(services: tuple[str, ...], rules: Rules) -> int | None:
    return rules.reflection_period_days if "reflection_period" in services else None
