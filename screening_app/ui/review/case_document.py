"""A case as the supervisor reads it, as one rich-text document (read-only).

Person, assessment (the outcome in force, any override beside the engine's result, the
grounds in plain words, services, alerts), consent, the interview record (every answer with
its question, the languages it was asked and answered in, and the interpreter) and the
review history. Every stored text is escaped: nothing typed in an interview is markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from html import escape

from screening_app.core.records import PersonDetails
from screening_app.i18n.ui_text import N_, _, ui_language
from screening_app.services.assessments import AssessmentRecord
from screening_app.services.case_view import ReviewAnswer, ReviewSession
from screening_app.services.consents import CONSENT_PREFIX, Decision, Recipient
from screening_app.services.referral_reasons import referral_reasons
from screening_app.services.review import CaseReview, ReviewEventView
from screening_app.ui.labels import (
    FLAG_TITLE,
    OUTCOME_LONG,
    OUTCOME_SHORT,
    RECIPIENT,
    SERVICE,
    STATUS,
    URGENCY,
    label,
)
from screening_app.ui.review.names import country_name, joined, language_name
from screening_app.ui.review.rich_text import document, pairs_table, row, td, th

ACTION = {
    "approve": N_("Approved"),
    "return": N_("Returned to the responder"),
    "override": N_("Recommendation changed"),
}
DECISION = {
    Decision.AGREES: N_("Agrees"),
    Decision.REFUSES: N_("Does not agree"),
}
GENDER = {"female": N_("Female"), "male": N_("Male"), "other": N_("Other")}
ANSWER_STATUS = {
    "declined": N_("Prefers not to answer"),
    "unknown": N_("Does not know"),
    "skipped": N_("Skipped"),
}


def _p(text: str, css: str = "") -> str:
    style = f' style="{css}"' if css else ""
    return f"<p{style}>{escape(text)}</p>"


def _h(text: str, level: int = 2) -> str:
    return f"<h{level}>{escape(text)}</h{level}>"


def _rows(pairs: Iterable[tuple[str, str]]) -> str:
    return pairs_table(pairs)


def _bullets(lines: Iterable[str]) -> str:
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    return f"<ul>{items}</ul>" if items else ""


def _when(stamp: str | None) -> str:
    return stamp[:16].replace("T", " ") if stamp else ""


# -- person -----------------------------------------------------------------------------------
def person_section(person: PersonDetails, is_child: bool) -> str:
    age = "" if person.estimated_age is None else str(person.estimated_age)
    if is_child:
        age = _("{age} (treated as a child)").format(age=age) if age else _("treated as a child")
    rows = [
        (_("Name"), person.display_name or _("Not given")),
        (_("Also known as"), joined(person.aliases)),
        (_("Date of birth"), person.date_of_birth or ""),
        (_("Age"), age),
        (_("Nationality"), country_name(person.nationality)),
        (_("Gender"), label(GENDER, person.gender)),
        (_("Languages"), joined(language_name(code) for code in person.languages)),
    ]
    return _h(_("Person")) + _rows(rows)


# -- assessment -------------------------------------------------------------------------------
def _alerts(record: AssessmentRecord, is_child: bool) -> list[str]:
    flags = set(record.flags)
    if is_child:
        flags.add("possible_minor")
    order = ("immediate_danger", "medical_urgent", "possible_minor", "unaccompanied")
    return [label(FLAG_TITLE, flag) for flag in order if flag in flags]


def _override_part(record: AssessmentRecord) -> str:
    override = record.override
    if override is None:
        return _p(_("The screening rules' recommendation stands; no supervisor changed it."))
    engine = _("The screening rules recommended: {outcome}, urgency {urgency}.").format(
        outcome=label(OUTCOME_SHORT, record.engine_outcome),
        urgency=label(URGENCY, record.engine_urgency),
    )
    changed = _("Changed by {name} on {when}. Reason: {reason}").format(
        name=override.by, when=_when(override.at), reason=override.reason
    )
    box = "background-color:#fff4d6; padding:6px"
    return _p(engine, box) + _p(changed, box)


def assessment_section(record: AssessmentRecord | None, is_child: bool) -> str:
    if record is None:
        return _h(_("Assessment")) + _p(_("No assessment is stored for this case yet."))
    parts = [
        _h(_("Assessment")),
        _p(label(OUTCOME_LONG, record.outcome), "font-weight:bold"),
        _p(_("Urgency: {urgency}").format(urgency=label(URGENCY, record.urgency))),
        _override_part(record),
    ]
    alerts = _alerts(record, is_child)
    if alerts:
        parts += [_h(_("Alerts"), 3), _bullets(alerts)]
    # The grounds as recipients read them, in the interface language where the report
    # catalogs have it; the override is stated above, so left out here.
    language = ui_language()
    reasons = [text.pick(language)[1] for text in referral_reasons(replace(record, override=None))]
    parts.append(_h(_("Why (indicators found)"), 3))
    parts.append(_bullets(reasons) or _p(_("No indicator was found.")))
    services = _bullets(label(SERVICE, service) for service in record.services)
    parts += [_h(_("Recommended services"), 3), services]
    if record.reflection_period_days:
        days = _("Reflection and recovery period: {days} days.")
        parts.append(_p(days.format(days=record.reflection_period_days)))
    return "".join(parts)


# -- consent ----------------------------------------------------------------------------------
def consent_section(review: CaseReview) -> str:
    rows = []
    for kind in Recipient:
        decision = review.consents.get(kind)
        text = _(DECISION[decision]) if decision is not None else _("Not asked")
        if decision is not Decision.AGREES and kind in review.may_share_with:
            text = _("{decision}; the law requires it for a child").format(decision=text)
        rows.append((label(RECIPIENT, kind.value), text))
    return _h(_("Consent to share")) + _rows(rows)


# -- interview record -------------------------------------------------------------------------
def _answer_text(answer: ReviewAnswer) -> str:
    if answer.status in ANSWER_STATUS and answer.value is None:
        return _(ANSWER_STATUS[answer.status])
    return answer.answer_text


def _question_text(answer: ReviewAnswer) -> str:
    if answer.question_id.startswith(CONSENT_PREFIX):
        kind = answer.question_id.removeprefix(CONSENT_PREFIX)
        return _("Consent: {recipient}").format(recipient=label(RECIPIENT, kind))
    if answer.question_id == "responder.observations":
        return _("Responder's observations for the supervisor")
    return answer.question_text


def _languages(answer: ReviewAnswer) -> str:
    asked, answered = answer.language_asked, answer.language_answered
    if asked == answered or not answered:
        return language_name(asked)
    return _("asked in {asked}, answered in {answered}").format(
        asked=language_name(asked), answered=language_name(answered)
    )


def _answer_row(answer: ReviewAnswer) -> str:
    extra = ""
    if answer.corrections:
        extra = "<br/><i>" + escape(_("corrected {n} times").format(n=answer.corrections)) + "</i>"
    return row(
        [
            td(escape(_question_text(answer))),
            td(escape(_answer_text(answer)) + extra),
            td(escape(_languages(answer))),
            td(escape(answer.interpreter or _("none"))),
        ]
    )


def _answers_table(answers: Sequence[ReviewAnswer]) -> str:
    heads = (_("Question"), _("Answer"), _("Languages"), _("Interpreter"))
    body = [row([th(text) for text in heads])]
    section = None
    for answer in answers:
        if answer.section_title and answer.section_title != section:
            section = answer.section_title
            body.append(f"<tr><td colspan='4'><b>{escape(section)}</b></td></tr>")
        body.append(_answer_row(answer))
    return (
        "<table border='1' cellpadding='4' cellspacing='0' width='100%' "
        f"style='border-color:#c9c9c9'>{''.join(body)}</table>"
    )


def session_section(session: ReviewSession) -> str:
    facts = _("{form}, version {version}: {start} to {end}, interviewer {name}").format(
        form=session.form_title,
        version=session.form_version,
        start=_when(session.started),
        end=_when(session.ended) or _("not finished"),
        name=session.interviewer,
    )
    langs = _("Interviewer's language: {mine}; the person's language: {theirs}").format(
        mine=language_name(session.interviewer_language),
        theirs=language_name(session.interviewee_language),
    )
    parts = [_h(session.form_title, 3), _p(facts), _p(langs)]
    if session.shipped_form_differs:
        parts.append(_p(_("Question texts are those of the form's current version.")))
    parts.append(_answers_table(session.answers + session.other_answers))
    return "".join(parts)


# -- history ----------------------------------------------------------------------------------
def history_section(events: Sequence[ReviewEventView]) -> str:
    if not events:
        return _h(_("Review history")) + _p(_("No decision has been made on this case yet."))
    lines = []
    for event in events:
        line = _("{when}, {name}: {action}").format(
            when=_when(event.at), name=event.by, action=label(ACTION, event.action)
        )
        outcome = event.details.get("outcome")
        if event.action == "override" and isinstance(outcome, str):
            line += " → " + label(OUTCOME_SHORT, outcome)
        if event.comment:
            line += " — " + event.comment
        lines.append(line)
    return _h(_("Review history")) + _bullets(lines)


def case_document(review: CaseReview) -> str:
    """The whole case as HTML for a read-only text browser."""
    title = _("Case {case}").format(case=review.case_id)
    status = _("Status: {status}").format(status=label(STATUS, review.status))
    if review.is_demo:
        status += " · " + _("demo case (fictional person)")
    parts = [
        _h(title, 1),
        _p(status),
        person_section(review.person, review.is_child),
        assessment_section(review.assessment, review.is_child),
        consent_section(review),
        _h(_("Interview record")),
        *(session_section(session) for session in review.sessions),
        history_section(review.history),
    ]
    return document("".join(parts))
