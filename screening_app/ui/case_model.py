"""The case list's item model: virtual rows over the in-memory index, filtered in place.

Filtering and sorting work on a list of row numbers; the model never copies summaries,
so 100,000 cases cost one list of integers per search.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from screening_app.core.records import CaseSummary
from screening_app.i18n.ui_text import N_, _
from screening_app.ui.case_rows import CaseIndex, CaseQuery
from screening_app.ui.labels import OUTCOME_SHORT, STATUS, URGENCY, label

AnyIndex = QModelIndex | QPersistentModelIndex

_URGENCY_ORDER = {"immediate": 0, "24h": 1, "72h": 2, "standard": 3}


def _text(summary: CaseSummary, column: int) -> str:
    if column == 0:
        return summary.case_id
    if column == 1:
        return summary.display_name
    if column == 2:
        return "" if summary.age is None else str(summary.age)
    if column == 3:
        return summary.nationality or ""
    if column == 4:
        return label(STATUS, summary.status)
    if column == 5:
        return label(URGENCY, summary.urgency)
    if column == 6:
        return label(OUTCOME_SHORT, summary.outcome)
    if column == 7:
        return summary.updated[:10]
    return _("demo") if summary.is_demo else ""


_SORT_KEYS: tuple[Callable[[CaseSummary], Any], ...] = (
    lambda s: s.case_id,
    lambda s: s.display_name.lower(),
    lambda s: -1 if s.age is None else s.age,
    lambda s: s.nationality or "",
    lambda s: s.status,
    lambda s: _URGENCY_ORDER.get(s.urgency or "", 9),
    lambda s: s.outcome or "",
    lambda s: s.updated,
    lambda s: s.is_demo,
)


class CaseTableModel(QAbstractTableModel):
    HEADERS = (
        N_("Reference"),
        N_("Name"),
        N_("Age"),
        N_("Nationality"),
        N_("Status"),
        N_("Urgency"),
        N_("Outcome"),
        N_("Updated"),
        N_("Demo"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._index = CaseIndex([])
        self._visible: list[int] = []
        self._query = CaseQuery()
        self._sort: tuple[int, Qt.SortOrder] | None = None
        # Every row in the current sort order. Searching walks this list, so results come
        # out sorted and a keystroke never pays for a sort.
        self._order: list[int] = []

    # -- data ------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[CaseSummary]) -> None:
        self.beginResetModel()
        self._index = CaseIndex(rows)
        self._order = self._sorted_order()
        self._visible = self._index.matching(self._query, self._order)
        self.endResetModel()

    def clear(self) -> None:
        """Drop every row (on lock): nothing decrypted stays in the model."""
        self.beginResetModel()
        self._index = CaseIndex([])
        self._visible = []
        self._order = []
        self.endResetModel()

    @property
    def total(self) -> int:
        return len(self._index)

    def summary(self, row: int) -> CaseSummary:
        return self._index.rows[self._visible[row]]

    # -- filtering and sorting -------------------------------------------------------------
    def set_query(self, query: CaseQuery) -> None:
        if query == self._query:
            return
        within = self._visible if query.narrows(self._query) else self._order
        self.beginResetModel()
        self._visible = self._index.matching(query, within)
        self._query = query
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.HEADERS):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._order = self._sorted_order()
        # Re-rank the visible rows by their place in the new order: one pass, no key calls.
        rank = [0] * len(self._index)
        for place, row in enumerate(self._order):
            rank[row] = place
        self._visible.sort(key=rank.__getitem__)
        self._rebuild_persistent()
        self.layoutChanged.emit()

    def _sorted_order(self) -> list[int]:
        count = len(self._index)
        if self._sort is None:
            return list(range(count))
        column, order = self._sort
        key = _SORT_KEYS[column]
        rows = self._index.rows
        return sorted(
            range(count), key=lambda i: key(rows[i]), reverse=order == Qt.SortOrder.DescendingOrder
        )

    def _rebuild_persistent(self) -> None:
        # Selections made before the sort would point at other cases; drop them instead.
        for old in self.persistentIndexList():
            self.changePersistentIndex(old, QModelIndex())

    # -- Qt model interface ------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._visible):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return _text(self.summary(index.row()), index.column())
        if role == Qt.ItemDataRole.UserRole:
            return self.summary(index.row()).case_id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            return _(self.HEADERS[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._visible):
            return str(section + 1)
        return None
