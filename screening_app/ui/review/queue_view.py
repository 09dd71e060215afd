"""The review queue: cases awaiting a supervisor's decision, most urgent first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from screening_app.i18n.ui_text import N_, _, ngettext
from screening_app.ui.labels import FLAG_TITLE, OUTCOME_SHORT, URGENCY, label
from screening_app.ui.review.names import joined
from screening_app.ui.review.queue_rows import QueueRow

AnyIndex = QModelIndex | QPersistentModelIndex


def _child_text(row: QueueRow) -> str:
    if row.unaccompanied:
        return _("Child, unaccompanied")
    return _("Child") if row.is_child else ""


def _cell(row: QueueRow, column: int) -> str:
    texts = (
        row.case_id,
        label(URGENCY, row.summary.urgency),
        label(OUTCOME_SHORT, row.summary.outcome),
        row.waiting_since[:16].replace("T", " "),
        _child_text(row),
        joined(label(FLAG_TITLE, flag) for flag in row.alerts),
    )
    return texts[column]


class QueueModel(QAbstractTableModel):
    HEADERS = (
        N_("Reference"),
        N_("Urgency"),
        N_("Recommended"),
        N_("Waiting since"),
        N_("Child"),
        N_("Alerts"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[QueueRow] = []

    def set_rows(self, rows: Sequence[QueueRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return _cell(row, index.column())
        if role == Qt.ItemDataRole.UserRole:
            return row.case_id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return _(self.HEADERS[section]) if 0 <= section < len(self.HEADERS) else None


class ReviewQueueView(QWidget):
    open_requested = Signal(str)  # case id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QueueModel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(self._title_row())
        hint = QLabel(_("Most urgent first, then the oldest. Enter opens the chosen case."))
        hint.setObjectName("hint")
        layout.addWidget(hint)
        layout.addWidget(self._table(), 1)

    def _title_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        title = QLabel(_("Review queue"))
        title.setObjectName("pageTitle")
        row.addWidget(title)
        self.count = QLabel("")
        self.count.setObjectName("hint")
        row.addWidget(self.count)
        row.addStretch(1)
        self.open_button = QPushButton(_("Open case (Enter)"))
        self.open_button.setObjectName("primary")
        self.open_button.setAccessibleName(_("Open the chosen case for review"))
        self.open_button.clicked.connect(self._open_selected)
        row.addWidget(self.open_button)
        return row

    def _table(self) -> QTableView:
        self.table = QTableView()
        self.table.setAccessibleName(_("Cases awaiting review"))
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((150, 170, 190, 160, 190)):
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(self._activated)
        return self.table

    def set_rows(self, rows: Sequence[QueueRow]) -> None:
        chosen = self.selected_case()
        self.model.set_rows(rows)
        self.count.setText(ngettext("{n} case", "{n} cases", len(rows)).format(n=len(rows)))
        self.open_button.setEnabled(bool(rows))
        ids = [row.case_id for row in rows]
        if rows:
            # Keep the supervisor's place: the same case, else the first (the most urgent).
            self.table.selectRow(ids.index(chosen) if chosen in ids else 0)

    def remove(self, case_id: str) -> None:
        """Take a decided case out at once (the queue is worked out again in the background)."""
        self.set_rows([row for row in self.model.rows if row.case_id != case_id])

    def case_ids(self) -> list[str]:
        return [row.case_id for row in self.model.rows]

    def selected_case(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()].case_id if rows else None

    def focus_table(self) -> None:
        self.table.setFocus()

    def _activated(self, index: QModelIndex) -> None:
        self.open_requested.emit(self.model.rows[index.row()].case_id)

    def _open_selected(self) -> None:
        case_id = self.selected_case()
        if case_id:
            self.open_requested.emit(case_id)

    def clear(self) -> None:
        self.model.set_rows([])
