"""The choices sheet of an XLSForm: lists of choices, with ids fit for the form."""

from __future__ import annotations

from dataclasses import dataclass, field

from screening_app.forms.xlsform_draft import (
    DraftChoice,
    IdRegistry,
    LocalText,
    ReportItem,
    safe_id,
)
from screening_app.forms.xlsform_sheets import Row, Sheet


@dataclass
class ChoiceList:
    name: str
    choices: list[DraftChoice] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)  # XLSForm choice name -> choice id
    registry: IdRegistry = field(default_factory=IdRegistry)


def read_choice_lists(
    sheet: Sheet | None, default_language: str, report: list[ReportItem]
) -> dict[str, ChoiceList]:
    lists: dict[str, ChoiceList] = {}
    if sheet is None:
        return lists
    for row in sheet.rows:
        list_name = row.get("list_name") or row.get("list name")
        name = row.get("name")
        if not list_name or not name:
            report.append(
                ReportItem(
                    "choices",
                    row.number,
                    name,
                    "choice",
                    "no list_name or name; not imported",
                    dropped=True,
                )
            )
            continue
        choice_list = lists.setdefault(list_name, ChoiceList(list_name))
        _add_choice(choice_list, row, name, default_language, report)
    return lists


def _add_choice(
    choice_list: ChoiceList, row: Row, name: str, default_language: str, report: list[ReportItem]
) -> None:
    if name in choice_list.ids:
        detail = f"list '{choice_list.name}' already has a choice '{name}'; not imported"
        report.append(ReportItem("choices", row.number, name, "choice", detail, dropped=True))
        return
    choice_id = choice_list.registry.claim(
        safe_id(name, pattern="[^a-z0-9_-]+", first="[a-z0-9]", prefix="c_")
    )
    if choice_id != name:
        detail = f"choice id '{name}' written as '{choice_id}'"
        report.append(ReportItem("choices", row.number, name, "name", detail))
    texts = localize(row.text("label"), default_language)
    if not texts:
        texts = {default_language: name}
        report.append(
            ReportItem("choices", row.number, name, "label", "no label; the name is used")
        )
    choice_list.ids[name] = choice_id
    choice_list.choices.append(DraftChoice(choice_id, texts))
    ignored = (set(row.cells) - {"list_name", "list name", "name"}) | (set(row.texts) - {"label"})
    for column in sorted(ignored):
        report.append(
            ReportItem("choices", row.number, name, column, "column ignored", dropped=True)
        )


def localize(texts: dict[str | None, str], default_language: str) -> LocalText:
    """Texts keyed by language code, the column without a language read as the default."""
    result: LocalText = {}
    for language, text in texts.items():
        code = language or default_language
        result.setdefault(code, text)
    return result
