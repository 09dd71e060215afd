"""The translatable strings of a form, each with its catalog context.

One list feeds the babel extractor and the catalog checker, so both always agree on which
strings exist and what their ``msgctxt`` is.
"""

from __future__ import annotations

from dataclasses import dataclass

from screening_app.forms.model import Form, Question

NOTE_COMMENT = "interviewer-only, not read aloud"
HELP_COMMENT = "read-aloud aid"


@dataclass(frozen=True)
class FormMessage:
    context: str  # the string's path in the form, e.g. "safety.feels_safe.text"
    text: str  # English (source language) text
    line: int  # line of the text in the form file
    comment: str | None = None  # shown to translators


def form_messages(form: Form) -> list[FormMessage]:
    """Every translatable string of the form, in file order."""
    lines = form.source_lines
    messages = [FormMessage("form.title", form.title, lines.get("title", 0))]
    if form.description:
        messages.append(
            FormMessage("form.description", form.description, lines.get("description", 0))
        )
    for section in form.sections:
        messages.append(FormMessage(f"{section.id}.title", section.title, section.title_line))
        for question in section.questions:
            messages.extend(_question_messages(f"{section.id}.{question.id}", question))
    return [message for message in messages if message.text]


def _question_messages(path: str, question: Question) -> list[FormMessage]:
    lines = question.source_lines
    found = [FormMessage(f"{path}.text", question.text, lines.get("text", question.line))]
    optional = (
        ("help", question.help, HELP_COMMENT),
        ("note", question.note, NOTE_COMMENT),
        ("unit", question.unit, None),
    )
    for key, text, comment in optional:
        if text:
            found.append(FormMessage(f"{path}.{key}", text, lines.get(key, question.line), comment))
    for choice in question.choices:
        found.append(FormMessage(f"{path}.choices.{choice.id}", choice.text, choice.text_line))
    return found
