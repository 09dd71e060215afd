"""What a report says in one column language, as a list of blocks.

Every column of a report is built by the same function from the same report, so the block
lists of two languages have the same shape and can be set side by side, block by block.
A field whose value is None or empty produces no block at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.lists import format_list

from screening_app.reports import labels as L
from screening_app.reports.labels import ReportLabels
from screening_app.reports.model import AnsweredQuestion, Interpreter, ReferralReport, Text


@dataclass(frozen=True)
class Piece:
    """A text and the language it is in; None means: judge by its letters (names, ids)."""

    text: str
    language: str | None = None


@dataclass(frozen=True)
class Title:
    text: Piece


@dataclass(frozen=True)
class Heading:
    text: Piece


@dataclass(frozen=True)
class SubHeading:
    text: Piece


@dataclass(frozen=True)
class Field:
    label: Piece
    values: tuple[Piece, ...]
    bullets: bool = False
    alarm: bool = False


@dataclass(frozen=True)
class Answer:
    question: Piece
    answer: Piece
    meta: Piece


@dataclass(frozen=True)
class Note:
    texts: tuple[Piece, ...]


Block = Title | Heading | SubHeading | Field | Answer | Note


def pieces(blocks: Iterable[Block]) -> Iterator[Piece]:
    """Every text of the blocks, labels included."""
    for block in blocks:
        match block:
            case Title(text) | Heading(text) | SubHeading(text):
                yield text
            case Field(label, values):
                yield label
                yield from values
            case Answer(question, answer, meta):
                yield from (question, answer, meta)
            case Note(texts):
                yield from texts


class Column:
    """Builds the blocks of one column: labels, dates and names in ``labels.language``."""

    def __init__(self, report: ReferralReport, labels: ReportLabels) -> None:
        self.report = report
        self.labels = labels
        self.language = labels.language
        self.locale = _locale(self.language)

    def blocks(self) -> list[Block]:
        blocks: list[Block] = [Title(self.label(L.TITLE))]
        for part in (self._referral, self._assessment, self._person, self._consent):
            blocks.extend(part())
        blocks.extend(self._interview())
        blocks.extend(self._answers())
        if self.labels.unreviewed:
            blocks.append(Note((self.label(L.UNREVIEWED_NOTE), Piece(L.UNREVIEWED_NOTE, "en"))))
        else:
            blocks.append(Note(()))
        return blocks

    # -- sections -------------------------------------------------------------------------

    def _referral(self) -> list[Block]:
        report = self.report
        officer = [Piece(report.officer.name)]
        if report.officer.contact:
            officer.append(Piece(report.officer.contact))
        recipient = [Piece(report.recipient.name), self.label_of(report.recipient.kind)]
        return [
            Heading(self.label(L.REFERRAL)),
            self.field(L.REFERENCE, [Piece(report.case_id)]),
            self.field(L.DATE, [self.date(report.report_date)]),
            self.field(L.OFFICE, [Piece(report.office)]),
            self.field(L.OFFICER, officer),
            self.field(L.RECIPIENT, recipient),
        ]

    def _assessment(self) -> list[Block]:
        report, labels = self.report, self.labels
        alerts = [self.own(labels.alert(ident)) for ident in report.alerts.raised()]
        blocks: list[Block] = [
            Heading(self.label(L.ASSESSMENT)),
            Field(
                self.label(L.URGENCY),
                (self.own(labels.urgency(report.urgency)),),
                alarm=report.urgency == "immediate",
            ),
            self.field(L.OUTCOME, [self.own(labels.outcome(report.outcome))]),
            Field(self.label(L.ALERTS), tuple(alerts) or (self.label(L.NONE),), alarm=bool(alerts)),
        ]
        reasons = [self.text(reason) for reason in report.reasons]
        services = [self.own(labels.service(ident)) for ident in report.services]
        blocks += self.optional(L.REASONS, reasons, bullets=True)
        blocks += self.optional(L.SERVICES, services, bullets=True)
        if report.reflection_period_end is not None:
            blocks.append(self.field(L.REFLECTION_END, [self.date(report.reflection_period_end)]))
        return blocks

    def _person(self) -> list[Block]:
        person = self.report.person
        fields: list[Block] = []
        if person.display_name:
            fields.append(self.field(L.NAME, [Piece(person.display_name)]))
        if person.date_of_birth:
            fields.append(self.field(L.BIRTH_DATE, [self.partial_date(person.date_of_birth)]))
        if person.estimated_age is not None:
            fields.append(self.field(L.ESTIMATED_AGE, [Piece(str(person.estimated_age))]))
        if person.nationality:
            fields.append(self.field(L.NATIONALITY, [self.country(person.nationality)]))
        if person.gender is not None:
            fields.append(self.field(L.GENDER, [self.text(person.gender)]))
        if person.languages:
            fields.append(self.field(L.LANGUAGES, [self.language_list(person.languages)]))
        return [Heading(self.label(L.PERSON)), *fields] if fields else []

    def _consent(self) -> list[Block]:
        consent = self.report.consent
        kinds = [self.label_of(kind) for kind in consent.recipient_kinds]
        return [
            Heading(self.label(L.CONSENT)),
            Field(self.label(L.SHARE_WITH), tuple(kinds) or (self.label(L.NONE),), bullets=True),
            self.field(
                L.SHARE_WITH_POLICE, [self.own(self.labels.yes_no(consent.law_enforcement))]
            ),
            Note((self.label(L.HELP_UNCONDITIONAL),)),
        ]

    def _interview(self) -> list[Block]:
        report = self.report
        fields: list[Block] = []
        if report.interview_languages:
            languages = self.language_list(report.interview_languages)
            fields.append(self.field(L.INTERVIEW_LANGUAGES, [languages]))
        people = [piece for item in report.interpreters for piece in self.interpreter(item)]
        fields += self.optional(L.INTERPRETERS, people, bullets=False)
        forms = [Piece(f"{form.form_id} {form.version}") for form in report.forms]
        fields += self.optional(L.FORMS, forms, bullets=False)
        fields.append(self.field(L.RULES_VERSION, [Piece(report.rules_version)]))
        return [Heading(self.label(L.INTERVIEW)), *fields]

    def _answers(self) -> list[Block]:
        if not self.report.answers:
            return []
        blocks: list[Block] = [Heading(self.label(L.ANSWERS))]
        section: Text | None = None
        for item in self.report.answers:
            if item.section != section:
                section = item.section
                blocks.append(SubHeading(self.text(section)))
            blocks.append(self.answer(item))
        return blocks

    # -- pieces ---------------------------------------------------------------------------

    def label(self, source: str) -> Piece:
        return self.own(self.labels(source))

    def own(self, text: str) -> Piece:
        """A text in this column's language."""
        return Piece(text, self.language)

    def label_of(self, kind: str) -> Piece:
        return self.own(self.labels.recipient_kind(kind))

    def text(self, value: Text) -> Piece:
        language, text = value.pick(self.language)
        return Piece(text, language)

    def field(self, label: str, values: list[Piece]) -> Field:
        return Field(self.label(label), tuple(values))

    def optional(self, label: str, values: list[Piece], *, bullets: bool) -> list[Block]:
        return [Field(self.label(label), tuple(values), bullets=bullets)] if values else []

    def answer(self, item: AnsweredQuestion) -> Answer:
        asked = f"{self.labels(L.ASKED_IN)}: {self.language_name(item.asked_in)}"
        answered = f"{self.labels(L.ANSWERED_IN)}: {self.language_name(item.answered_in)}"
        return Answer(
            self.text(item.question), self.text(item.answer), self.own(f"{asked} · {answered}")
        )

    def interpreter(self, person: Interpreter) -> list[Piece]:
        """The name on one line, the languages in brackets below it: a Latin name and
        Arabic language names on one line would be reordered around each other."""
        if not person.languages:
            return [Piece(person.name)]
        return [Piece(person.name), self.own(f"({self.language_list(person.languages).text})")]

    def date(self, value: date) -> Piece:
        return self.own(format_date(value, "long", locale=self.locale))

    def partial_date(self, value: str) -> Piece:
        """ISO dates, whole or partial (year, year-month); anything else prints as given."""
        parts = value.split("-")
        try:
            numbers = [int(part) for part in parts]
            if len(numbers) == 1:
                return Piece(f"{numbers[0]:04d}")
            if len(numbers) == 2:
                month = date(numbers[0], numbers[1], 1)
                return self.own(format_skeleton("yMMMM", month, locale=self.locale))
            return self.date(date(numbers[0], numbers[1], numbers[2]))
        except (ValueError, IndexError):
            return Piece(value)

    def country(self, code: str) -> Piece:
        name = self.locale.territories.get(code.upper())
        return self.own(name) if name else Piece(code)

    def language_name(self, code: str) -> str:
        return self.locale.languages.get(code.replace("-", "_")) or code

    def language_list(self, codes: tuple[str, ...]) -> Piece:
        names = [self.language_name(code) for code in codes]
        return self.own(format_list(names, locale=self.locale))


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")
