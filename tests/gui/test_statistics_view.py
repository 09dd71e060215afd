"""The statistics screen on a real demo workspace: counts by dimension as a chart and a
table, suppressed cells shown as suppressed (never as bars), and the CSV export."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from screening_app.services.statistics import DIMENSIONS, case_statistics
from screening_app.services.suppression import Table
from screening_app.ui.main_window import MainWindow
from screening_app.ui.review.bar_chart import BAR_COLOUR, BarChart
from screening_app.ui.review.jobs import SlowWork
from screening_app.ui.review.statistics_view import StatisticsView
from tests.gui.conftest import focused, key, sign_in_by_keyboard


def statistics(qtbot: QtBot, window: MainWindow) -> StatisticsView:
    sign_in_by_keyboard(qtbot, window, "supervisor")
    assert window.workspace is not None
    window.workspace.statistics_button.click()
    view = window.workspace.statistics
    assert view is not None and view.stats is not None
    assert window.workspace.content.currentWidget() is view
    return view


def choose(view: StatisticsView, dimension: str) -> Table:
    view.dimension.setCurrentIndex(view.dimension.findData(dimension))
    table = view.current_table()
    assert table is not None and table.dimension == dimension
    return table


def cell_text(view: StatisticsView, row: int, column: int) -> str:
    item = view.table.item(row, column)
    assert item is not None
    return item.text()


def bar_pixels(image: QImage, top: int, bottom: int) -> int:
    """How many pixels of the bar colour lie in a band of rows."""
    found = 0
    for y in range(top, bottom, 2):
        for x in range(0, image.width(), 2):
            colour = image.pixelColor(x, y)
            if colour.rgb() == BAR_COLOUR.rgb():
                found += 1
    return found


def test_suppressed_cells_are_shown_as_suppressed_and_drawn_without_a_bar(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = statistics(qtbot, window)
    table = choose(view, "nationality")
    hidden = [i for i, cell in enumerate(table.cells) if cell.suppressed]
    shown = [i for i, cell in enumerate(table.cells) if not cell.suppressed]
    assert hidden and shown, "the demo's nationalities give both kinds of cell"
    for row in hidden:
        assert cell_text(view, row, 1) in ("<5", "x")
        assert cell_text(view, row, 2).startswith("suppressed")
        assert view.chart.bar_rect(row) is None
    for row in shown:
        assert cell_text(view, row, 1) == str(table.cells[row].count)
    chart: BarChart = view.chart
    qtbot.waitUntil(lambda: chart.height() >= chart.sizeHint().height())
    image = chart.grab().toImage()
    height = chart.row_height()
    for row in shown:
        rect = chart.bar_rect(row)
        assert rect is not None
        colour = image.pixelColor(int(rect.center().x()), int(rect.center().y()))
        assert colour.rgb() == BAR_COLOUR.rgb()
    for row in hidden:
        top = int(8 + row * height)
        assert bar_pixels(image, top + 2, int(top + height) - 2) == 0
    # A screen reader hears the marks, not numbers that were hidden.
    description = chart.accessibleDescription()
    for row in hidden:
        assert f"{chart.bars[row].label}: {table.cells[row].shown}" in description


def test_every_dimension_can_be_picked_and_matches_the_service(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = statistics(qtbot, window)
    assert window.vault is not None
    expected = case_statistics(window.vault)
    assert view.total.text() == f"{expected.total} cases in all"
    assert focused() is view.dimension
    for dimension in DIMENSIONS:
        table = choose(view, dimension)
        assert table == expected.table(dimension)
        assert view.table.rowCount() == len(table.cells)
        assert [bar.shown for bar in view.chart.bars] == [c.shown for c in table.cells]
    choose(view, "outcome")
    labels = [cell_text(view, row, 0) for row in range(view.table.rowCount())]
    assert "Refer to NRM" in labels or "In-depth interview" in labels


def test_the_csv_export_writes_the_tables_with_the_hxl_row(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    view = statistics(qtbot, window)
    assert view.export_button.isEnabled()
    written = view.export_csv(tmp_path / "counts.csv")
    assert written == tmp_path / "counts.csv"
    with written.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "Table" and rows[1][0] == "#meta+table"
    assert rows[1][-2:] == ["#indicator+num", "#meta+suppressed"]
    assert rows[2][0] == "total"
    assert {row[0] for row in rows[3:]} == set(DIMENSIONS)
    assert str(written) in view.message.text()


def test_a_right_to_left_chart_draws_its_bars_from_the_right(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = statistics(qtbot, window)
    choose(view, "urgency")
    chart = view.chart
    left_to_right = chart.bar_rect(0)
    chart.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    right_to_left = chart.bar_rect(0)
    assert left_to_right is not None and right_to_left is not None
    assert right_to_left.width() == left_to_right.width()
    assert abs(right_to_left.right() - (chart.width() - left_to_right.left())) < 0.01


def test_export_is_reachable_from_the_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    view = statistics(qtbot, window)
    assert view.export_button.accessibleName()
    view.dimension.setFocus()
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is view.export_button


def test_counting_runs_in_the_background_and_a_lock_drops_a_late_result(
    qtbot: QtBot, window: MainWindow
) -> None:
    sign_in_by_keyboard(qtbot, window, "supervisor")
    assert window.workspace is not None and window.vault is not None
    vault = window.vault
    slow = SlowWork(window.runner, vault, synchronous=False)
    view = StatisticsView(vault, slow, lambda: None)
    qtbot.addWidget(view)
    view.load()
    assert view.stats is None and slow.running
    qtbot.waitUntil(lambda: view.stats is not None, timeout=20_000)
    assert view.stats is not None and view.stats.total == 30
    # A second count, with the workspace locked before its result comes back.
    late = StatisticsView(vault, SlowWork(window.runner, vault, synchronous=False), lambda: None)
    qtbot.addWidget(late)
    late.load()
    window.lock()
    window.runner.wait()
    QApplication.processEvents()
    assert late.stats is None
