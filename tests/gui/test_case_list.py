"""The case list model: virtual rows over the index, search and filters in the model."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from screening_app.core.records import CaseSummary
from screening_app.ui.case_list_view import CaseListView
from screening_app.ui.case_model import CaseTableModel
from screening_app.ui.case_rows import CaseIndex, CaseQuery
from screening_app.ui.language import apply_ui_language
from screening_app.ui.main_window import MainWindow
from screening_app.ui.style import apply_style
from tests.gui.conftest import sign_in_by_keyboard, type_text


def summary(number: int, **fields: object) -> CaseSummary:
    values: dict[str, object] = {
        "case_id": f"C-TEST-{number:04d}",
        "status": "in_progress",
        "created": "2026-01-01T00:00:00Z",
        "updated": "2026-01-01T00:00:00Z",
        "display_name": f"Examplename{number} Fictus",
        "nationality": "ER",
        "age": 20 + number % 30,
    }
    values.update(fields)
    return CaseSummary(**values)  # type: ignore[arg-type]


ROWS = [
    summary(1, display_name="Zaalo Kemi", aliases=("Tiko",), nationality="BD"),
    summary(2, display_name="Bishu Raan", status="awaiting_review", urgency="immediate"),
    summary(3, display_name="Kemira Soo", outcome="refer_nrm", updated="2026-11-20T10:00:00Z"),
    summary(4, display_name="Ollu Ven", nationality="UA", urgency="72h"),
]


def test_case_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = CaseTableModel()
    qtmodeltester.check(model)
    model.set_rows(ROWS)
    qtmodeltester.check(model)
    model.set_query(CaseQuery(text="kem"))
    qtmodeltester.check(model)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    model.clear()
    qtmodeltester.check(model)


def test_search_matches_name_alias_reference_and_nationality() -> None:
    index = CaseIndex(ROWS)
    names = lambda found: [ROWS[i].display_name for i in found]  # noqa: E731
    assert names(index.matching(CaseQuery(text="kem"))) == ["Zaalo Kemi", "Kemira Soo"]
    assert names(index.matching(CaseQuery(text="TIKO"))) == ["Zaalo Kemi"]
    assert names(index.matching(CaseQuery(text="c-test-0002"))) == ["Bishu Raan"]
    assert names(index.matching(CaseQuery(text="ukraine"))) == ["Ollu Ven"]
    assert names(index.matching(CaseQuery(text="bangladesh zaalo"))) == ["Zaalo Kemi"]
    assert index.matching(CaseQuery(text="nobody-by-this-name")) == []


def test_filters_combine_with_the_search() -> None:
    index = CaseIndex(ROWS)
    assert index.matching(CaseQuery(status="awaiting_review")) == [1]
    assert index.matching(CaseQuery(urgency="72h")) == [3]
    assert index.matching(CaseQuery(outcome="refer_nrm", text="kem")) == [2]
    assert index.matching(CaseQuery(text="kem", status="awaiting_review")) == []


def test_narrowed_search_only_looks_at_the_previous_result() -> None:
    model = CaseTableModel()
    model.set_rows(ROWS)
    model.set_query(CaseQuery(text="k"))
    wide = model.rowCount()
    model.set_query(CaseQuery(text="ke"))
    assert model.rowCount() == 2 < wide
    model.set_query(CaseQuery(text="e"))
    assert model.rowCount() == 4


def test_sorting_orders_the_visible_rows() -> None:
    model = CaseTableModel()
    model.set_rows(ROWS)
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert [model.summary(i).display_name for i in range(4)] == [
        "Bishu Raan",
        "Kemira Soo",
        "Ollu Ven",
        "Zaalo Kemi",
    ]
    model.sort(5, Qt.SortOrder.AscendingOrder)  # urgency: most urgent first
    assert model.summary(0).urgency == "immediate"


def test_typing_in_the_search_field_filters_the_list(qtbot: QtBot, window: MainWindow) -> None:
    sign_in_by_keyboard(qtbot, window, "supervisor")
    assert window.workspace is not None
    cases = window.workspace.cases
    target = cases.model.summary(0)
    type_text(qtbot, target.case_id.lower())
    assert cases.model.rowCount() == 1
    assert cases.model.summary(0).case_id == target.case_id
    assert cases.count.text() == "1 of 30"


def test_a_responder_sees_shortened_names(qtbot: QtBot, window: MainWindow) -> None:
    sign_in_by_keyboard(qtbot, window, "responder")
    assert window.workspace is not None
    model = window.workspace.cases.model
    names = [model.summary(row).display_name for row in range(model.rowCount())]
    assert names and all(name.endswith(".") for name in names if " " in name)


@pytest.mark.parametrize("ui_language", ["en", "ar", "fr", "uk"])
def test_every_column_fits_a_laptop_screen_without_scrolling_sideways(
    qtbot: QtBot, qapp: QApplication, ui_language: str
) -> None:
    apply_ui_language(qapp, ui_language)
    apply_style(qapp, ui_language, 100)
    try:
        view = CaseListView(True)
        qtbot.addWidget(view)
        view.resize(1240, 700)
        view.show()
        view.set_rows(ROWS)
        qtbot.waitExposed(view)
        header = view.table.horizontalHeader()
        assert header.length() <= view.table.viewport().width()
        assert not view.table.horizontalScrollBar().isVisible()
    finally:
        apply_ui_language(qapp, "en")
        apply_style(qapp, "en", 100)
