"""What one referral report says, for one recipient, as the services hand it to the renderer.

The services decide what a recipient may see (consent, law, role) before they build these
objects. The renderer knows no consent rule: a field that is None or empty is simply not
printed, with no placeholder that would hint something was left out.

Texts that exist in several languages (questions, choice answers, reasons) are ``Text``
values, so a two-column report can show each in both of its languages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from screening_app.core.errors import UsageError
from screening_app.reports import labels
from screening_app.reports.scripts import is_known_language


@dataclass(frozen=True)
class Text:
    """One piece of content in one or more languages: language code → text.

    The first entry is the text as written (a free-text answer in the language it was given
    in); further entries are translations of it.
    """

    versions: Mapping[str, str]

    def __post_init__(self) -> None:
        if not self.versions:
            raise UsageError("A report text needs at least one language version")
        object.__setattr__(self, "versions", MappingProxyType(dict(self.versions)))

    @classmethod
    def of(cls, language: str, text: str) -> Text:
        return cls({language: text})

    @property
    def original_language(self) -> str:
        return next(iter(self.versions))

    def pick(self, language: str) -> tuple[str, str]:
        """(language, text) for ``language`` if there is a version in it, else as written."""
        code = language if language in self.versions else self.original_language
        return code, self.versions[code]


@dataclass(frozen=True)
class Officer:
    name: str
    contact: str | None = None


@dataclass(frozen=True)
class Recipient:
    """Who receives this report. ``kind`` is a recipient kind id (``nrm``, ``shelter``...)."""

    name: str
    kind: str


@dataclass(frozen=True)
class Interpreter:
    name: str
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class FormRef:
    form_id: str
    version: str


@dataclass(frozen=True)
class Alerts:
    """Safety and protection flags. An unaccompanied child always has a guardian requested."""

    child: bool = False
    unaccompanied: bool = False
    immediate_danger: bool = False
    urgent_medical: bool = False

    def raised(self) -> tuple[str, ...]:
        """Ids of the raised alerts, in the order the report lists them."""
        order = ("immediate_danger", "urgent_medical", "child", "unaccompanied")
        return tuple(name for name in order if getattr(self, name))


@dataclass(frozen=True)
class ConsentScope:
    """What the person agreed to. Law enforcement is asked and stated separately."""

    recipient_kinds: tuple[str, ...]
    law_enforcement: bool


@dataclass(frozen=True)
class AnsweredQuestion:
    """One question as asked and answered, already filtered for this recipient."""

    section: Text
    question: Text
    answer: Text
    asked_in: str
    answered_in: str


@dataclass(frozen=True)
class PersonBlock:
    """Facts about the person; each is present only if the person consented to share it.

    ``date_of_birth`` is ISO 8601 and may be partial (``2007`` or ``2007-05``).
    ``nationality`` is an ISO 3166 country code; ``languages`` are language codes.
    """

    display_name: str | None = None
    date_of_birth: str | None = None
    estimated_age: int | None = None
    nationality: str | None = None
    gender: Text | None = None
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReferralReport:
    """Everything one report prints, for one recipient, in one or two languages."""

    office: str
    officer: Officer
    report_date: date
    case_id: str
    recipient: Recipient
    language: str
    urgency: str
    outcome: str
    consent: ConsentScope
    rules_version: str
    second_language: str | None = None
    reasons: tuple[Text, ...] = ()
    services: tuple[str, ...] = ()
    reflection_period_end: date | None = None
    alerts: Alerts = field(default_factory=Alerts)
    interview_languages: tuple[str, ...] = ()
    interpreters: tuple[Interpreter, ...] = ()
    forms: tuple[FormRef, ...] = ()
    answers: tuple[AnsweredQuestion, ...] = ()
    person: PersonBlock = field(default_factory=PersonBlock)

    def __post_init__(self) -> None:
        for code in (self.language, self.second_language):
            if code is not None and not is_known_language(code):
                raise UsageError(f"Unknown report language: {code}")
        if self.second_language == self.language:
            raise UsageError("The second report language must differ from the first")
        _known("urgency", (self.urgency,), labels.URGENCY_LABELS)
        _known("outcome", (self.outcome,), labels.OUTCOME_LABELS)
        _known("service", self.services, labels.SERVICE_LABELS)

    @property
    def languages(self) -> tuple[str, ...]:
        """The report language, then the second language if there is one."""
        second = (self.second_language,) if self.second_language else ()
        return (self.language, *second)


def _known(kind: str, given: tuple[str, ...], table: Mapping[str, str]) -> None:
    for ident in given:
        if ident not in table:
            raise UsageError(f"Unknown {kind} id in report: {ident}")
