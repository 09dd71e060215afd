"""What one recipient will receive, as a document for the supervisor to read first.

Built only from the ``ReferralContent`` the services make for the export (the same object
the PDF is rendered from): the core every referral carries, then each field the recipient
receives with its values, then the names (never the values) of the fields left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from screening_app.i18n.ui_text import N_, _
from screening_app.reports import AnsweredQuestion, FormRef, ReferralReport
from screening_app.services.answer_texts import shipped_form
from screening_app.services.recipient_fields import UNMAPPED_FIELD, field_of_question
from screening_app.services.recipients import REPORT_KINDS
from screening_app.services.referral_content import ReferralContent
from screening_app.ui.labels import OUTCOME_SHORT, RECIPIENT, SERVICE, URGENCY, label
from screening_app.ui.review.case_document import GENDER
from screening_app.ui.review.field_labels import FIELD
from screening_app.ui.review.names import country_name, joined, language_name
from screening_app.ui.review.rich_text import document, pairs_table

_ALERT = {
    "immediate_danger": N_("Immediate danger"),
    "urgent_medical": N_("Urgent medical need"),
    "child": N_("Possible child"),
    "unaccompanied": N_("Unaccompanied or separated child"),
}
# The report names recipient kinds by its own ids; the interface labels use the consent's.
_CONSENT_KIND = {report: kind.value for kind, report in REPORT_KINDS.items()}


def _answer_field(question_id: str, forms: Sequence[FormRef]) -> str:
    for ref in forms:
        form = shipped_form(ref.form_id)
        if form is None:
            continue
        try:
            question = form.question(question_id)
        except KeyError:
            continue
        return field_of_question(question.section_id, question_id)
    return UNMAPPED_FIELD


def _answer_line(answer: AnsweredQuestion, language: str) -> str:
    question = answer.question.pick(language)[1]
    text = answer.answer.pick(language)[1]
    langs = language_name(answer.asked_in)
    if answer.answered_in != answer.asked_in:
        langs = f"{langs} → {language_name(answer.answered_in)}"
    return f"{question} — {text} ({langs})"


def _person_values(report: ReferralReport) -> dict[str, list[str]]:
    person = report.person
    gender = person.gender.pick(report.language)[1] if person.gender is not None else None
    values = {
        "person.name": person.display_name,
        "person.birth_date": person.date_of_birth,
        "person.age": None if person.estimated_age is None else str(person.estimated_age),
        "person.nationality": country_name(person.nationality) if person.nationality else None,
        "person.gender": label(GENDER, gender.lower()) if gender else None,
        "person.languages": joined(language_name(c) for c in person.languages) or None,
    }
    return {field: [value] for field, value in values.items() if value}


def field_values(content: ReferralContent) -> dict[str, list[str]]:
    """Each field the recipient receives, with the values the report holds for it."""
    report = content.report
    found = _person_values(report)
    reasons = [text.pick(report.language)[1] for text in report.reasons]
    if reasons:
        found["assessment.reasons"] = reasons
    for question_id, answer in zip(content.answers_included, report.answers, strict=True):
        field = _answer_field(question_id, report.forms)
        found.setdefault(field, []).append(_answer_line(answer, report.language))
    return {field: found.get(field, []) for field in content.fields_included}


def _core_rows(content: ReferralContent) -> list[tuple[str, str]]:
    report = content.report
    kind = label(RECIPIENT, content.recipient.kind.value)
    end = report.reflection_period_end
    consent = joined(
        label(RECIPIENT, _CONSENT_KIND.get(kind, kind)) for kind in report.consent.recipient_kinds
    )
    police = _("yes") if report.consent.law_enforcement else _("no")
    return [
        (_("Reference"), report.case_id),
        (_("Recipient"), f"{report.recipient.name} ({kind})"),
        (_("Date"), report.report_date.isoformat()),
        (_("Urgency"), label(URGENCY, report.urgency)),
        (_("Recommended next step"), label(OUTCOME_SHORT, report.outcome)),
        (_("Alerts"), joined(_(_ALERT[a]) for a in report.alerts.raised()) or _("None")),
        (_("Services"), joined(label(SERVICE, s) for s in report.services)),
        (_("End of the reflection period"), end.isoformat() if end else ""),
        (_("Consent given for"), consent),
        (_("Consent to law enforcement"), police),
        (_("Interview languages"), joined(language_name(c) for c in report.interview_languages)),
        (_("Interpreters"), joined(person.name for person in report.interpreters)),
    ]


def _table(rows: Sequence[tuple[str, str]]) -> str:
    return pairs_table(rows, "30%")


def _field_block(field: str, values: Sequence[str]) -> str:
    items = "".join(f"<li>{escape(value)}</li>" for value in values)
    return f"<h4>{escape(label(FIELD, field))}</h4><ul>{items}</ul>"


def _heading(text: str) -> str:
    return f"<h3>{escape(text)}</h3>"


def _paragraph(text: str, bold: bool = False) -> str:
    body = f"<b>{escape(text)}</b>" if bold else escape(text)
    return f"<p>{body}</p>"


def preview_document(content: ReferralContent) -> tuple[str, tuple[str, ...]]:
    """The document, and the ids of the fields it shows with their values, in order."""
    report = content.report
    langs = joined(language_name(code) for code in report.languages)
    parts = [
        f"<h2>{escape(content.recipient.name)}</h2>",
        _paragraph(_("Report language: {langs}").format(langs=langs)),
    ]
    if content.mandatory:
        note = _("Sent without the person's consent: the law requires it for a child.")
        parts.append(_paragraph(note, bold=True))
    parts += [_heading(_("Every referral carries")), _table(_core_rows(content))]
    parts.append(_heading(_("Fields this recipient receives")))
    values = field_values(content)
    parts += [_field_block(field, values[field]) for field in content.fields_included]
    if not content.fields_included:
        parts.append(_paragraph(_("None beyond the core above.")))
    withheld = [label(FIELD, field) for field in content.fields_withheld]
    parts.append(_heading(_("Not sent to this recipient")))
    parts.append(_paragraph(joined(withheld) or _("Nothing is left out.")))
    return document("".join(parts)), tuple(content.fields_included)
