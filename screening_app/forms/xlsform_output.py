"""Writing an imported form: the YAML document and one .po catalog per translation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from babel.core import UnknownLocaleError
from babel.messages.plurals import get_plural
from babel.messages.pofile import escape

from screening_app.forms.messages import form_messages
from screening_app.forms.model import Form
from screening_app.forms.xlsform_draft import DraftQuestion, DraftSection, LocalText, joined

_HEADER_COMMENT = "# Imported from an XLSForm by 'screening-app forms import-xlsform'.\n"


def form_document(
    form_id: str, version: str, title: LocalText, source: str, sections: list[DraftSection]
) -> str:
    data: dict[str, Any] = {
        "form": form_id,
        "version": version,
        "title": title[source],
        "source_language": source,
        "exploitation_default": "labour",
        "sections": [_section(section, source) for section in sections],
    }
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return _HEADER_COMMENT + body


def _section(section: DraftSection, source: str) -> dict[str, Any]:
    return {
        "id": section.id,
        "title": section.title[source],
        "questions": [_question(question, source) for question in section.questions],
    }


def _question(question: DraftQuestion, source: str) -> dict[str, Any]:
    data: dict[str, Any] = {"id": question.id, "type": question.type.value}
    data["text"] = question.texts["text"][source]
    if "help" in question.texts:
        data["help"] = question.texts["help"][source]
    if question.notes:
        data["note"] = joined(question.notes, source)[source]
    if question.show_if:
        data["show_if"] = question.show_if
    if question.required:
        data["required"] = True
    if question.choices:
        data["choices"] = [
            {"id": choice.id, "text": choice.texts[source]} for choice in question.choices
        ]
    for key in ("min", "max"):
        value = getattr(question, key)
        if value is not None:
            data[key] = value
    if question.integer:
        data["integer"] = True
    if question.multiline:
        data["multiline"] = True
    return data


def translations_by_language(
    title: LocalText, sections: list[DraftSection], source: str
) -> dict[str, dict[str, str]]:
    """Language -> (catalog context -> translated text), for every language but the source."""
    by_context: dict[str, LocalText] = {"form.title": title}
    for section in sections:
        by_context[f"{section.id}.title"] = section.title
        for question in section.questions:
            path = f"{section.id}.{question.id}"
            for key, texts in question.texts.items():
                by_context[f"{path}.{key}"] = texts
            if question.notes:
                by_context[f"{path}.note"] = joined(question.notes, source)
            for choice in question.choices:
                by_context[f"{path}.choices.{choice.id}"] = choice.texts
    languages = {language for texts in by_context.values() for language in texts} - {source}
    return {
        language: {
            context: texts[language] for context, texts in by_context.items() if language in texts
        }
        for language in languages
    }


def write_catalog(path: Path, language: str, form: Form, translations: dict[str, str]) -> None:
    """The catalog for ``language``: every form string, translated where the XLSForm had it."""
    messages = form_messages(form)
    complete = all(translations.get(message.context) for message in messages)
    lines = _header(language, form, complete)
    form_file = form.path.name if form.path is not None else f"{form.id}.yaml"
    for message in messages:
        if message.comment:
            lines.append(f"#. {message.comment}")
        lines.append(f"#: {form_file}:{message.line}")
        lines.append(f"msgctxt {escape(message.context)}")
        lines.append(f"msgid {escape(message.text)}")
        lines.append(f"msgstr {escape(translations.get(message.context, ''))}")
        lines.append("")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")


def _header(language: str, form: Form, complete: bool) -> list[str]:
    try:
        plural_forms = get_plural(language.replace("-", "_")).plural_forms
    except (UnknownLocaleError, ValueError):
        plural_forms = "nplurals=2; plural=(n != 1);"
    fields = [
        f"Project-Id-Version: {form.id} {form.version}",
        f"Language: {language}",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: 8bit",
        f"Plural-Forms: {plural_forms}",
        f"X-Translation-Complete: {'yes' if complete else 'no'}",
        "X-Translation-Review: unreviewed",
    ]
    return [
        f"# {language} translation of form '{form.id}', imported from an XLSForm.",
        'msgid ""',
        'msgstr ""',
        *(escape(field + "\n") for field in fields),
        "",
    ]
