"""Anonymised counts of screenings: one dimension at a time, as a chart and a table.

The counts come from ``services.statistics`` with small cells already suppressed; this view
never sees a hidden count. Counting decrypts every case's summary and assessment, so it
runs in the background. "Export CSV…" writes the same tables with HXL hashtags.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from screening_app.core.errors import ScreeningError
from screening_app.core.records import CaseSummary
from screening_app.i18n.ui_text import _
from screening_app.services.statistics import DIMENSIONS, CaseStatistics, case_statistics
from screening_app.services.statistics_csv import export_statistics_csv
from screening_app.services.suppression import Table
from screening_app.services.vault import Vault
from screening_app.ui.labels import label
from screening_app.ui.review.bar_chart import Bar, BarChart
from screening_app.ui.review.jobs import SlowWork
from screening_app.ui.review.statistics_labels import (
    DIMENSION,
    SUPPRESSION,
    category_label,
    shown_mark,
)

Summaries = Callable[[], Sequence[CaseSummary] | None]


def bars_of(table: Table) -> list[Bar]:
    return [
        Bar(category_label(table.dimension, cell.category), cell.count, shown_mark(cell.shown))
        for cell in table.cells
    ]


class StatisticsView(QWidget):
    def __init__(
        self, vault: Vault, slow: SlowWork, summaries: Summaries, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.slow = slow
        self._summaries = summaries
        self.stats: CaseStatistics | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(self._title_row())
        layout.addLayout(self._controls())
        note = QLabel(
            _(
                "Counts of 1 to 4 are shown as <5, and x hides a count that would give one "
                "away, so no person can be recognised from these tables."
            )
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self._body(), 1)
        self.message = QLabel("")
        self.message.setObjectName("hint")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        QShortcut(QKeySequence("Ctrl+E"), self, self.choose_file_and_export).setContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
        )

    # -- building ----------------------------------------------------------------------------
    def _title_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        title = QLabel(_("Statistics"))
        title.setObjectName("pageTitle")
        row.addWidget(title)
        self.total = QLabel("")
        self.total.setObjectName("hint")
        row.addWidget(self.total)
        row.addStretch(1)
        return row

    def _controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.dimension = QComboBox()
        self.dimension.setAccessibleName(_("Count cases by"))
        for name in DIMENSIONS:
            self.dimension.addItem(_(DIMENSION[name]), name)
        self.dimension.currentIndexChanged.connect(self._show_table)
        caption = QLabel(_("Count cases by"))
        caption.setBuddy(self.dimension)
        row.addWidget(caption)
        row.addWidget(self.dimension)
        row.addStretch(1)
        self.export_button = QPushButton(_("Export CSV… (Ctrl+E)"))
        self.export_button.setAccessibleName(_("Export the statistics as a CSV file"))
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.choose_file_and_export)
        row.addWidget(self.export_button)
        return row

    def _body(self) -> QSplitter:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.chart = BarChart()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.chart)
        scroll.setAlignment(Qt.AlignmentFlag.AlignTop)
        splitter.addWidget(scroll)
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName(_("Counts"))
        self.table.setHorizontalHeaderLabels([_("Category"), _("Cases"), _("Note")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([700, 540])
        return splitter

    # -- data --------------------------------------------------------------------------------
    def load(self) -> None:
        """Count the cases (in the background); the chart fills when done."""
        vault = self.vault
        rows = self._summaries()
        self.message.setText(_("Counting the cases…"))
        self.slow.start(lambda: case_statistics(vault, rows), self._loaded, self._failed)

    def _loaded(self, stats: CaseStatistics) -> None:
        self.stats = stats
        self.message.setText("")
        if stats.total is None:
            self.total.setText(_("Fewer than 5 cases: every table is withheld."))
        else:
            self.total.setText(_("{n} cases in all").format(n=stats.total))
        self.export_button.setEnabled(True)
        self._show_table()

    def _failed(self, error: ScreeningError) -> None:
        self.message.setText(error.message)

    def current_table(self) -> Table | None:
        if self.stats is None:
            return None
        return self.stats.table(str(self.dimension.currentData()))

    def _show_table(self) -> None:
        table = self.current_table()
        if table is None:
            return
        title = _(DIMENSION[table.dimension])
        self.chart.set_bars(bars_of(table), title)
        self.table.setRowCount(len(table.cells))
        for row, cell in enumerate(table.cells):
            note = label(SUPPRESSION, cell.suppressed) if cell.suppressed else ""
            values = (category_label(table.dimension, cell.category), shown_mark(cell.shown), note)
            for column, text in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if table.withheld:
            self.message.setText(
                _("This table is withheld: its counts are too small to show safely.")
            )
        elif self.message.text() and self.stats is not None:
            self.message.setText("")

    # -- export ------------------------------------------------------------------------------
    def choose_file_and_export(self) -> None:
        if self.stats is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save the statistics as CSV"),
            str(Path.home() / "screening-statistics.csv"),
            _("CSV files (*.csv)"),
            options=QFileDialog.Option.DontUseNativeDialog,
        )
        if path and not self.vault.is_locked:
            self.export_csv(Path(path))

    def export_csv(self, path: Path) -> Path | None:
        """Write the CSV (HXL hashtags in the second header row); None if refused."""
        if self.stats is None:
            return None
        try:
            written = export_statistics_csv(self.vault, self.stats, path)
        except (ScreeningError, OSError) as exc:
            message = exc.message if isinstance(exc, ScreeningError) else exc.strerror
            self.message.setText(
                _("The file could not be saved: {reason}").format(reason=message or "")
            )
            return None
        self.message.setText(_("Saved {path}").format(path=written))
        return written
