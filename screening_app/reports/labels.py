"""Every fixed word a referral report prints, as English source strings.

Strings are marked with ``N_()`` so a gettext extractor finds them; they are translated when
a report is drawn, by a ``translate`` function the caller passes for the report's language
(a gettext catalog's ``gettext``, for instance). Without one, the built-in, unreviewed table
in ``label_translations`` is used for the languages it covers, and English otherwise.

The person is never called a victim: the report states indicators and a recommended next
step; formal identification is the National Referral Mechanism's decision.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from screening_app.reports import label_translations

Translate = Callable[[str], str]


def N_(message: str) -> str:
    """Mark a string for translation without translating it yet."""
    return message


def identity(message: str) -> str:
    return message


CONFIDENTIAL = N_("CONFIDENTIAL")
TITLE = N_("Referral report")
PAGE_OF = N_("Page {page} of {pages}")
UNREVIEWED_NOTE = N_("The labels of this report are an unreviewed translation.")

REFERRAL = N_("Referral")
ASSESSMENT = N_("Assessment")
PERSON = N_("Person")
CONSENT = N_("Consent")
INTERVIEW = N_("Interview")
ANSWERS = N_("Answers")

OFFICE = N_("Office")
OFFICER = N_("Referring officer")
CONTACT = N_("Contact")
DATE = N_("Date")
REFERENCE = N_("Reference")
RECIPIENT = N_("Recipient")
URGENCY = N_("Urgency")
OUTCOME = N_("Recommended next step")
REASONS = N_("Reasons")
SERVICES = N_("Recommended services")
REFLECTION_END = N_("Reflection period ends")
ALERTS = N_("Alerts")
NONE = N_("None")

NAME = N_("Name")
BIRTH_DATE = N_("Date of birth")
ESTIMATED_AGE = N_("Estimated age")
NATIONALITY = N_("Nationality")
GENDER = N_("Gender")
LANGUAGES = N_("Languages")

SHARE_WITH = N_("Consent to share with")
SHARE_WITH_POLICE = N_("Consent to share with law enforcement")
YES = N_("Yes")
NO = N_("No")
HELP_UNCONDITIONAL = N_("Assistance does not depend on cooperation with law enforcement.")

INTERVIEW_LANGUAGES = N_("Interview languages")
INTERPRETERS = N_("Interpreters")
FORMS = N_("Forms")
RULES_VERSION = N_("Rules version")
ASKED_IN = N_("Asked in")
ANSWERED_IN = N_("Answered in")

ALERT_LABELS: Mapping[str, str] = {
    "child": N_("Child"),
    "unaccompanied": N_("Unaccompanied or separated child: guardian requested"),
    "immediate_danger": N_("Immediate danger"),
    "urgent_medical": N_("Urgent medical need"),
}

URGENCY_LABELS: Mapping[str, str] = {
    "immediate": N_("Immediate"),
    "24h": N_("Within 24 hours"),
    "72h": N_("Within 72 hours"),
    "standard": N_("Standard"),
}

OUTCOME_LABELS: Mapping[str, str] = {
    "refer_nrm": N_("Refer to the National Referral Mechanism for formal identification"),
    "in_depth_interview": N_("Schedule an in-depth interview"),
    "no_indicators": N_("Give information on rights and contacts"),
}

SERVICE_LABELS: Mapping[str, str] = {
    "child_protection": N_("Child protection"),
    "guardian": N_("Guardian"),
    "medical": N_("Urgent medical care"),
    "health_screening": N_("Health screening"),
    "shelter": N_("Safe accommodation"),
    "psychological": N_("Psychological support"),
    "legal": N_("Legal assistance"),
    "reflection_period": N_("Reflection and recovery period"),
    "interpreter": N_("Interpreter"),
    "law_enforcement": N_("Law enforcement"),
    "assisted_voluntary_return": N_("Assisted voluntary return"),
    "vocational_training": N_("Vocational training"),
    "information": N_("Information on rights and contacts"),
}

RECIPIENT_KIND_LABELS: Mapping[str, str] = {
    "nrm": N_("National Referral Mechanism coordinator"),
    "social_services": N_("Social services"),
    "child_protection": N_("Child protection authority"),
    "guardian": N_("Guardian"),
    "health": N_("Health service"),
    "legal_aid": N_("Legal aid"),
    "shelter": N_("Shelter or anti-trafficking organisation"),
    "law_enforcement": N_("Law enforcement"),
    "iom": N_("International Organization for Migration"),
}


FIXED_LABELS: tuple[str, ...] = (
    CONFIDENTIAL, TITLE, PAGE_OF, UNREVIEWED_NOTE,
    REFERRAL, ASSESSMENT, PERSON, CONSENT, INTERVIEW, ANSWERS,
    OFFICE, OFFICER, CONTACT, DATE, REFERENCE, RECIPIENT, URGENCY, OUTCOME, REASONS, SERVICES,
    REFLECTION_END, ALERTS, NONE,
    NAME, BIRTH_DATE, ESTIMATED_AGE, NATIONALITY, GENDER, LANGUAGES,
    SHARE_WITH, SHARE_WITH_POLICE, YES, NO, HELP_UNCONDITIONAL,
    INTERVIEW_LANGUAGES, INTERPRETERS, FORMS, RULES_VERSION, ASKED_IN, ANSWERED_IN,
)  # fmt: skip


def all_labels() -> tuple[str, ...]:
    """Every English source string of the report, each once, in a stable order."""
    tables = (ALERT_LABELS, URGENCY_LABELS, OUTCOME_LABELS, SERVICE_LABELS, RECIPIENT_KIND_LABELS)
    named = (label for table in tables for label in table.values())
    return tuple(dict.fromkeys([*FIXED_LABELS, *named]))


@dataclass(frozen=True)
class ReportLabels:
    """The report's fixed words in one language."""

    language: str
    translate: Translate
    unreviewed: bool

    def __call__(self, source: str) -> str:
        return self.translate(source) or source

    def page_of(self, page: int, pages: int) -> str:
        return self(PAGE_OF).format(page=page, pages=pages)

    def urgency(self, ident: str) -> str:
        return self(URGENCY_LABELS[ident])

    def outcome(self, ident: str) -> str:
        return self(OUTCOME_LABELS[ident])

    def service(self, ident: str) -> str:
        return self(SERVICE_LABELS[ident])

    def alert(self, ident: str) -> str:
        return self(ALERT_LABELS[ident])

    def recipient_kind(self, ident: str) -> str:
        """A recipient kind's name; a kind this table does not know prints as its id."""
        label = RECIPIENT_KIND_LABELS.get(ident)
        return self(label) if label is not None else ident

    def yes_no(self, value: bool) -> str:
        return self(YES if value else NO)


def report_labels(language: str, translate: Translate | None = None) -> ReportLabels:
    """Labels for ``language``: the caller's ``translate`` if given, else the built-in table.

    English needs no table. A language with neither prints English labels.
    """
    if translate is not None:
        return ReportLabels(language, translate, unreviewed=False)
    table = label_translations.table_for(language)
    if table is None:
        return ReportLabels(language, identity, unreviewed=False)
    return ReportLabels(language, lambda source: table.get(source, source), unreviewed=True)
