"""The case list: search as you type, filters, sorting, and where to continue."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from screening_app.core.records import CaseSummary
from screening_app.i18n.ui_text import N_, _
from screening_app.services.interviews import SessionInfo
from screening_app.ui.case_model import CaseTableModel
from screening_app.ui.case_rows import ANY, CaseQuery
from screening_app.ui.labels import OUTCOME_SHORT, STATUS, URGENCY

_DATE_RANGES = (
    (0, N_("Any date")),
    (1, N_("Today")),
    (7, N_("Last 7 days")),
    (30, N_("Last 30 days")),
)


class CaseListView(QWidget):
    new_screening_requested = Signal()
    in_depth_requested = Signal(str)  # case id
    resume_requested = Signal(str)  # session id

    def __init__(self, can_list: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CaseTableModel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(self._title_row())
        self.resume_strip = QFrame()
        self.resume_strip.setObjectName("resumeStrip")
        self._resume_layout = QHBoxLayout(self.resume_strip)
        self.resume_strip.hide()
        layout.addWidget(self.resume_strip)
        self.can_list = can_list
        if can_list:
            layout.addLayout(self._search_row())
            self.progress = QProgressBar()
            self.progress.setAccessibleName(_("Loading cases"))
            self.progress.setFormat(_("Opening cases… %p%"))
            layout.addWidget(self.progress)
            layout.addWidget(self._table(), 1)
        else:
            note = QLabel(_("Your role works inside interviews only; it has no case list."))
            note.setObjectName("hint")
            layout.addWidget(note)
            layout.addStretch(1)
        self.resume_buttons: list[QPushButton] = []

    # -- building ----------------------------------------------------------------------------
    def _title_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        title = QLabel(_("Cases"))
        title.setObjectName("pageTitle")
        row.addWidget(title)
        self.count = QLabel("")
        self.count.setObjectName("hint")
        row.addWidget(self.count)
        row.addStretch(1)
        self.in_depth_button = QPushButton(_("In-depth interview"))
        self.in_depth_button.setAccessibleName(
            _("Start an in-depth interview for the selected case")
        )
        self.in_depth_button.clicked.connect(self._in_depth)
        row.addWidget(self.in_depth_button)
        self.new_button = QPushButton(_("New screening (Ctrl+N)"))
        self.new_button.setObjectName("primary")
        self.new_button.setAccessibleName(_("Start a new first-line screening"))
        self.new_button.clicked.connect(self.new_screening_requested.emit)
        row.addWidget(self.new_button)
        QShortcut(QKeySequence("Ctrl+N"), self, self.new_screening_requested.emit)
        return row

    def _search_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search: name, alias, reference or nationality"))
        self.search.setAccessibleName(_("Search cases"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._query_changed)
        row.addWidget(self.search, 3)
        self.status_filter = self._combo(_("Status"), _("Any status"), STATUS)
        self.urgency_filter = self._combo(_("Urgency"), _("Any urgency"), URGENCY)
        self.outcome_filter = self._combo(_("Outcome"), _("Any outcome"), OUTCOME_SHORT)
        self.date_filter = QComboBox()
        self.date_filter.setAccessibleName(_("Updated"))
        for days, text in _DATE_RANGES:
            self.date_filter.addItem(_(text), days)
        self.date_filter.currentIndexChanged.connect(self._query_changed)
        for combo in (self.status_filter, self.urgency_filter, self.outcome_filter):
            row.addWidget(combo, 1)
        row.addWidget(self.date_filter, 1)
        QShortcut(QKeySequence("Ctrl+F"), self, self.search.setFocus)
        return row

    def _combo(self, name: str, any_text: str, table: dict[str, str]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.addItem(any_text, ANY)
        for code, text in table.items():
            combo.addItem(_(text), code)
        combo.currentIndexChanged.connect(self._query_changed)
        return combo

    def _table(self) -> QTableView:
        self.table = QTableView()
        self.table.setAccessibleName(_("Case list"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        # Most recently updated first: the case someone is asking about is usually recent.
        self.table.sortByColumn(7, Qt.SortOrder.DescendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        # Fixed row heights: the view never measures 100,000 rows.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Qt derives the smallest section from the font, which in Arabic made it wider than
        # the age column and pushed the table sideways; each column is sized from its title.
        header.setMinimumSectionSize(40)
        metrics = header.fontMetrics()
        for column, width in enumerate((130, 220, 60, 100, 160, 150, 170, 110)):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            self.table.setColumnWidth(column, max(width, metrics.horizontalAdvance(title) + 32))
        self.table.activated.connect(self._activated)
        self.model.modelReset.connect(self._update_count)
        return self.table

    # -- data --------------------------------------------------------------------------------
    def show_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.progress.show()

    def set_rows(self, rows: Sequence[CaseSummary]) -> None:
        self.model.set_rows(rows)
        self.progress.hide()
        self._update_count()

    def set_open_interviews(self, sessions: Sequence[SessionInfo]) -> None:
        for button in self.resume_buttons:
            button.deleteLater()
        self.resume_buttons = []
        while self._resume_layout.count():
            item = self._resume_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if not sessions:
            self.resume_strip.hide()
            return
        self._resume_layout.addWidget(QLabel(_("Interviews you paused:")))
        for info in sessions[:4]:
            button = QPushButton(_("Continue {case}").format(case=info.case_id))
            button.setAccessibleName(
                _("Continue the paused interview of case {case}").format(case=info.case_id)
            )
            button.clicked.connect(
                lambda _=False, sid=info.session_id: self.resume_requested.emit(sid)
            )
            self._resume_layout.addWidget(button)
            button.show()  # at once, so the keyboard can reach it before the next repaint
            self.resume_buttons.append(button)
        self._resume_layout.addStretch(1)
        self.resume_strip.show()

    def clear(self) -> None:
        self.model.clear()
        if self.can_list:
            self.search.clear()

    def query(self) -> CaseQuery:
        return CaseQuery(
            text=self.search.text(),
            status=str(self.status_filter.currentData()),
            urgency=str(self.urgency_filter.currentData()),
            outcome=str(self.outcome_filter.currentData()),
            updated_within_days=int(self.date_filter.currentData()),
        )

    def _query_changed(self) -> None:
        self.model.set_query(self.query())
        self._update_count()

    def _update_count(self) -> None:
        if self.can_list:
            self.count.setText(
                _("{shown} of {total}").format(shown=self.model.rowCount(), total=self.model.total)
            )

    def selected_case(self) -> str | None:
        if not self.can_list:
            return None
        rows = self.table.selectionModel().selectedRows()
        return self.model.summary(rows[0].row()).case_id if rows else None

    def _activated(self, index: QModelIndex) -> None:
        self.in_depth_requested.emit(self.model.summary(index.row()).case_id)

    def _in_depth(self) -> None:
        case_id = self.selected_case()
        if case_id:
            self.in_depth_requested.emit(case_id)
