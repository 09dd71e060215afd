"""What one recipient receives about one case, built as a ``ReferralReport``.

This is the single place that decides a report's content, so the supervisor's preview and
the exported file can never differ. The rules, in order:

1. The recipient's kind must be one the person consented to (or one the law makes mandatory
   for a child); otherwise nothing is built.
2. Of the person's details and answers, only the fields the recipient's directory entry
   allows are taken; everything else is left out of the report object altogether, so the
   renderer never sees it.
3. Notes written for the supervisor (the responder's observations, the interviewer's notes)
   and the consent answers themselves never leave the office.

The core of every referral (urgency, next step, alerts, services, reflection period, consent
scope, languages, interpreters, versions) is always included.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from screening_app.core.errors import PermissionDeniedError, UsageError
from screening_app.core.records import AnswerRecord
from screening_app.i18n.report_texts import GENDER_WORDS, gender_key, report_versions
from screening_app.reports import (
    Alerts,
    AnsweredQuestion,
    ConsentScope,
    FormRef,
    Interpreter,
    Officer,
    PersonBlock,
    ReferralReport,
    Text,
)
from screening_app.reports import Recipient as ReportRecipient
from screening_app.reports.scripts import is_known_language
from screening_app.services.answer_texts import AnswerTexts, shipped_form
from screening_app.services.case_record import CaseRecord, SessionRecord
from screening_app.services.consents import Decision, Recipient, is_consent_question
from screening_app.services.recipient_fields import UNMAPPED_FIELD, field_of_question
from screening_app.services.recipients import RecipientEntry, report_kind
from screening_app.services.referral_reasons import referral_reasons

# Written for the supervisor, never sent on.
INTERNAL_QUESTIONS = frozenset({"responder.observations", "interviewer_notes"})
T = TypeVar("T")


@dataclass(frozen=True)
class ReferralContent:
    """A recipient's report, and an account of what went in and what was left out."""

    recipient: RecipientEntry
    report: ReferralReport
    mandatory: bool
    fields_included: tuple[str, ...]
    fields_withheld: tuple[str, ...]
    answers_included: tuple[str, ...]
    answers_withheld: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "recipient": self.recipient.id,
            "kind": self.recipient.kind.value,
            "language": self.report.language,
            "second_language": self.report.second_language,
            "mandatory": self.mandatory,
            "fields_included": list(self.fields_included),
            "fields_withheld": list(self.fields_withheld),
            "answers_included": list(self.answers_included),
            "answers_withheld": list(self.answers_withheld),
        }


@dataclass(frozen=True)
class ReportSetting:
    """Where and when: the office, who signs, the date, and the reflection period's start."""

    office: str
    officer: Officer
    report_date: date
    reflection_start: date


def report_languages(
    recipient: RecipientEntry, language: str | None, second_language: str | None
) -> tuple[str, str | None]:
    """The report language (by default the recipient's first) and an optional second one."""
    chosen = language or next((c for c in recipient.languages if is_known_language(c)), "en")
    for code in (chosen, second_language):
        if code is not None and not is_known_language(code):
            raise UsageError(f"unknown report language: {code}")
    second = second_language if second_language and second_language != chosen else None
    return chosen, second


def check_consent(record: CaseRecord, recipient: RecipientEntry) -> bool:
    """Whether the case may go to this recipient; True when only the law allows it (a child
    referred without consent). Refuses a recipient outside the consent."""
    allowed = record.may_share_with()
    if recipient.kind not in allowed:
        raise PermissionDeniedError(
            f"case {record.case_id} may not be shared with a {recipient.kind.value} recipient: "
            "the person did not consent to it"
        )
    return record.consents.get(recipient.kind) is not Decision.AGREES


class _Builder:
    def __init__(
        self, record: CaseRecord, recipient: RecipientEntry, languages: tuple[str, ...]
    ) -> None:
        self.record = record
        self.recipient = recipient
        self.languages = languages
        self.fields_included: dict[str, None] = {}
        self.fields_withheld: dict[str, None] = {}
        self.answers_included: list[str] = []
        self.answers_withheld: list[str] = []

    def allows(self, field: str) -> bool:
        if self.recipient.may_receive(field):
            self.fields_included[field] = None
            return True
        self.fields_withheld[field] = None
        return False

    # -- the person ---------------------------------------------------------------------------
    def take(self, field: str, value: T) -> T | None:
        """``value`` if it is known and the recipient may receive ``field``."""
        if value is None or value == "" or value == ():
            return None
        return value if self.allows(field) else None

    def person(self) -> PersonBlock:
        person = self.record.person
        gender = self.take("person.gender", person.gender)
        return PersonBlock(
            display_name=self.take("person.name", person.display_name),
            date_of_birth=self.take("person.birth_date", person.date_of_birth),
            estimated_age=self.take("person.age", person.estimated_age),
            nationality=self.take("person.nationality", person.nationality),
            gender=_gender_text(gender) if gender else None,
            languages=self.take("person.languages", tuple(person.languages)) or (),
        )

    # -- the answers --------------------------------------------------------------------------
    def answers(self) -> tuple[AnsweredQuestion, ...]:
        found: list[AnsweredQuestion] = []
        for session in self.record.sessions:
            found.extend(self._session_answers(session))
        return tuple(found)

    def _session_answers(self, session: SessionRecord) -> Iterator[AnsweredQuestion]:
        form = shipped_form(session.form_id)
        current = session.answers
        if form is None:
            yield from self._unknown_form_answers(session)
            return
        texts = AnswerTexts(form, self.languages)
        for question in form.questions():
            record = current.get(question.id)
            if record is None or question.id in INTERNAL_QUESTIONS:
                continue
            answer = texts.answer_text(question, record)
            if answer is None:
                continue
            if not self.allows(field_of_question(question.section_id, question.id)):
                self.answers_withheld.append(question.id)
                continue
            self.answers_included.append(question.id)
            yield AnsweredQuestion(
                section=texts.section_title(question.section_id),
                question=texts.question_text(question),
                answer=answer,
                asked_in=_language_of(record.language_asked, session),
                answered_in=_language_of(record.language_answered, session),
            )

    def _unknown_form_answers(self, session: SessionRecord) -> Iterator[AnsweredQuestion]:
        """A form that is no longer shipped: its answers belong to no known field, so only a
        recipient allowed ``answers.other`` gets them, by question id."""
        for question_id, record in session.answers.items():
            if is_consent_question(question_id) or question_id in INTERNAL_QUESTIONS:
                continue
            if not self.allows(UNMAPPED_FIELD):
                self.answers_withheld.append(question_id)
                continue
            self.answers_included.append(question_id)
            spoken = _language_of(record.language_answered, session)
            yield AnsweredQuestion(
                section=Text.of("en", session.form_id),
                question=Text.of("en", question_id),
                answer=Text.of(spoken, _raw(record)),
                asked_in=_language_of(record.language_asked, session),
                answered_in=spoken,
            )

    # -- the assessment -----------------------------------------------------------------------
    def reasons(self) -> tuple[Text, ...]:
        assessment = self.record.assessment
        if assessment is None or not self.allows("assessment.reasons"):
            return ()
        return referral_reasons(assessment)


def _gender_text(gender: str) -> Text:
    """The recorded gender in every report language; a value outside the known words is
    printed as recorded."""
    if gender in GENDER_WORDS:
        return Text(report_versions(gender_key(gender)))
    return Text.of("en", gender)


def _language_of(code: str | None, session: SessionRecord) -> str:
    chosen = code or session.interviewee_language or session.interviewer_language or "en"
    return chosen if is_known_language(chosen) else "en"


def _raw(record: AnswerRecord) -> str:
    value = record.value
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return record.status.value if value is None else str(value)


def _consent_scope(record: CaseRecord) -> ConsentScope:
    agreed = [
        kind
        for kind in Recipient
        if kind is not Recipient.LAW_ENFORCEMENT and record.consents.get(kind) is Decision.AGREES
    ]
    police = record.consents.get(Recipient.LAW_ENFORCEMENT) is Decision.AGREES
    return ConsentScope(tuple(report_kind(kind) for kind in agreed), police)


def _interview_facts(
    record: CaseRecord,
) -> tuple[tuple[str, ...], tuple[Interpreter, ...], tuple[FormRef, ...]]:
    """Languages used, who interpreted (with the languages they worked in) and the forms."""
    languages: dict[str, None] = {}
    interpreters: dict[str, dict[str, None]] = {}
    forms: dict[FormRef, None] = {}
    for session in record.sessions:
        forms[FormRef(session.form_id, session.form_version)] = None
        for answer in session.answers.values():
            used = [
                _language_of(answer.language_asked, session),
                _language_of(answer.language_answered, session),
            ]
            languages.update(dict.fromkeys(used))
            if answer.interpreter:
                interpreters.setdefault(answer.interpreter, {}).update(dict.fromkeys(used))
        for code in (session.interviewer_language, session.interviewee_language):
            if code and is_known_language(code):
                languages[code] = None
    people = tuple(Interpreter(name, tuple(codes)) for name, codes in interpreters.items())
    return tuple(languages), people, tuple(forms)


def build_content(
    record: CaseRecord,
    recipient: RecipientEntry,
    setting: ReportSetting,
    language: str | None = None,
    second_language: str | None = None,
) -> ReferralContent:
    """The report ``recipient`` gets about the case, or PermissionDeniedError without consent."""
    assessment = record.assessment
    if assessment is None:
        raise UsageError(
            f"case {record.case_id} has no stored assessment: it cannot be referred yet"
        )
    mandatory = check_consent(record, recipient)
    chosen, second = report_languages(recipient, language, second_language)
    builder = _Builder(record, recipient, tuple(c for c in (chosen, second) if c))
    languages, interpreters, forms = _interview_facts(record)
    flags = assessment.flags
    days = assessment.reflection_period_days
    services = assessment.services
    reflection_end = None
    if days is not None and "reflection_period" in services:
        reflection_end = setting.reflection_start + timedelta(days=days)
    report = ReferralReport(
        office=setting.office,
        officer=setting.officer,
        report_date=setting.report_date,
        case_id=record.case_id,
        recipient=ReportRecipient(recipient.name, recipient.report_kind),
        language=chosen,
        second_language=second,
        urgency=assessment.urgency,
        outcome=assessment.outcome,
        consent=_consent_scope(record),
        rules_version=assessment.rules_version,
        reasons=builder.reasons(),
        services=services,
        reflection_period_end=reflection_end,
        alerts=Alerts(
            child=record.is_child,
            unaccompanied=record.is_child and "unaccompanied" in flags,
            immediate_danger="immediate_danger" in flags,
            urgent_medical="medical_urgent" in flags,
        ),
        interview_languages=languages,
        interpreters=interpreters,
        forms=forms,
        answers=builder.answers(),
        person=builder.person(),
    )
    return ReferralContent(
        recipient=recipient,
        report=report,
        mandatory=mandatory,
        fields_included=tuple(builder.fields_included),
        fields_withheld=tuple(builder.fields_withheld),
        answers_included=tuple(builder.answers_included),
        answers_withheld=tuple(builder.answers_withheld),
    )
