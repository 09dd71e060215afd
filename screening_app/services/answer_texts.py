"""Questions and answers as a person reads them, in one or more languages.

Form texts (section titles, questions, choices, units) come from the form's catalogs through
``FormTexts``, English being the form's source. Countries, languages, numbers and dates are
written by babel in each language. Free text stays as the person gave it: it is never
translated by the application. Yes and no use the report's label table; the other fixed
words use the shared ``interview-common`` catalog, English until a catalog exists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

from babel import Locale

from screening_app.core.errors import FormError, UsageError
from screening_app.core.records import AnswerRecord, AnswerStatus
from screening_app.forms import Form, Question, QuestionType, load_form
from screening_app.i18n import FormTexts, format_number, format_partial_date
from screening_app.i18n.formatting import babel_locale
from screening_app.i18n.report_texts import report_text
from screening_app.locations import forms_dir
from screening_app.reports import Text
from screening_app.reports import labels as L
from screening_app.reports.labels import report_labels

COMMON_CATALOG = "interview-common"
_FIXED_WORDS = {
    "unsure": ("answer.unsure", "Not sure"),
    "declined": ("report.answer.declined", "Prefers not to answer"),
    "unknown": ("report.answer.unknown", "Does not know"),
}
APPROXIMATE_MARK = "~ "


@cache
def shipped_form(form_id: str) -> Form | None:
    """The shipped form with this id, or None when it is not (or no longer) shipped."""
    path = forms_dir() / f"{form_id}.yaml"
    if not path.is_file():
        return None
    try:
        return load_form(path)
    except FormError:
        return None


@cache
def _texts(catalog: str, language: str) -> FormTexts:
    return FormTexts(catalog, language)


def _locale(language: str) -> Locale:
    return babel_locale(language)


def _joined(items: list[str], language: str) -> str:
    """Several chosen answers on one line, with the language's semicolon between them.

    Not "A, B and C": many choices hold commas themselves ("Work, pay or conditions
    differed"), and a list joined with commas could not be read back into its items.
    """
    return report_text("reason.separator", language).join(items)


class AnswerTexts:
    """Texts of one form's questions and answers in ``languages`` (English always included)."""

    def __init__(self, form: Form, languages: Iterable[str]) -> None:
        self.form = form
        self.source = form.source_language
        self.languages = tuple(dict.fromkeys(code for code in languages if code != self.source))

    def _translated(self, context: str, source: str) -> Text:
        versions = {self.source: source}
        for code in self.languages:
            translated = _texts(self.form.id, code).text(context, source)
            if translated != source:
                versions[code] = translated
        return Text(versions)

    def _each(self, make: Callable[[str], str]) -> Text:
        """A text made by ``make`` for the source language and every other language."""
        return Text({code: make(code) for code in (self.source, *self.languages)})

    def section_title(self, section_id: str) -> Text:
        section = self.form.section(section_id)
        return self._translated(f"{section.id}.title", section.title)

    def question_text(self, question: Question) -> Text:
        return self._translated(f"{question.section_id}.{question.id}.text", question.text)

    def answer_text(self, question: Question, record: AnswerRecord) -> Text | None:
        """The answer as read in each language; None for a question passed over."""
        if record.status is AnswerStatus.SKIPPED:
            return None
        if record.status is not AnswerStatus.ANSWERED:
            return self._fixed(record.status.value)
        value = record.value
        kind = question.type
        if kind is QuestionType.TEXT:
            spoken = record.language_answered or self.source
            return Text({spoken: str(value)})
        if kind is QuestionType.YES_NO_UNSURE:
            return self._yes_no(str(value))
        if kind.has_choices:
            chosen = value if isinstance(value, list) else [value]
            return self._choices(question, [str(item) for item in chosen])
        return self._each(lambda code: self._plain_value(question, record, code))

    def _fixed(self, word: str) -> Text:
        context, source = _FIXED_WORDS[word]
        versions = {self.source: source}
        for code in self.languages:
            translated = _texts(COMMON_CATALOG, code).text(context, source)
            if translated != source:
                versions[code] = translated
        return Text(versions)

    def _yes_no(self, value: str) -> Text:
        if value not in ("yes", "no"):
            return self._fixed("unsure")
        label = L.YES if value == "yes" else L.NO
        return self._each(lambda code: report_labels(code)(label))

    def _choices(self, question: Question, chosen: list[str]) -> Text:
        def one(choice_id: str, code: str) -> str:
            choice = question.choice(choice_id)
            if choice is None:
                return choice_id
            context = f"{question.section_id}.{question.id}.choices.{choice.id}"
            if code == self.source:
                return choice.text
            return _texts(self.form.id, code).text(context, choice.text)

        return self._each(lambda code: _joined([one(c, code) for c in chosen], code))

    def _plain_value(self, question: Question, record: AnswerRecord, code: str) -> str:
        value = record.value
        kind = question.type
        if kind is QuestionType.NUMBER and isinstance(value, int | float):
            number = format_number(value, code)
            if question.unit:
                context = f"{question.section_id}.{question.id}.unit"
                unit = question.unit
                if code != self.source:
                    unit = _texts(self.form.id, code).text(context, question.unit)
                number = f"{number} {unit}"
            return number
        if kind is QuestionType.DATE and isinstance(value, str):
            mark = APPROXIMATE_MARK if record.extra.get("approximate") else ""
            try:
                return mark + format_partial_date(value, code)
            except UsageError:
                return mark + value
        if kind is QuestionType.COUNTRY and isinstance(value, str):
            return str(_locale(code).territories.get(value.upper(), value))
        if kind is QuestionType.LANGUAGE and isinstance(value, str):
            return str(_locale(code).languages.get(value.replace("-", "_"), value))
        return str(value)
