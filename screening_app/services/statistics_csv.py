"""The statistics as CSV, with HXL hashtags in the second header row.

One row per shown category of each table (a stacked set of one-way tables): the table's own
column holds the category, the other category columns stay empty. The first data row is the
total number of cases. HXL (Humanitarian Exchange Language, hxlstandard.org) tags:

- ``#date+week``: ISO 8601 week (``2026-W07``), a date value as ``#date`` requires;
- ``#indicator+outcome+code``, ``#severity+urgency+code``: the recommended next step and
  its urgency, as the application's ids;
- ``#country+code+v_iso2+nationality``: ISO 3166-1 alpha-2 code of the nationality;
- ``#indicator+age_band``, ``#indicator+exploitation+code``: age band and form of
  exploitation;
- ``#indicator+num``: the number of cases (``<5`` or ``x`` when suppressed);
- ``#meta+table`` and ``#meta+suppressed``: which table a row belongs to, and why a count is
  hidden (``primary`` small cell, ``secondary`` to protect one).

``#affected`` and ``#inneed`` are not used: HXL defines them as people affected by or in need
in an emergency, which a count of screenings is not.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from screening_app.services.roles import Capability
from screening_app.services.statistics import CaseStatistics
from screening_app.services.suppression import Cell
from screening_app.services.vault import Vault

COLUMNS: tuple[tuple[str, str, str | None], ...] = (
    # (header, HXL tag, table whose categories go here)
    ("Table", "#meta+table", None),
    ("ISO week", "#date+week", "week"),
    ("Recommended next step", "#indicator+outcome+code", "outcome"),
    ("Urgency", "#severity+urgency+code", "urgency"),
    ("Nationality", "#country+code+v_iso2+nationality", "nationality"),
    ("Age band", "#indicator+age_band", "age_band"),
    ("Form of exploitation", "#indicator+exploitation+code", "exploitation"),
    ("Cases", "#indicator+num", None),
    ("Suppressed", "#meta+suppressed", None),
)


def _row(table: str, cell: Cell) -> list[str]:
    values = [table]
    for _header, _tag, dimension in COLUMNS[1:-2]:
        values.append(cell.category if dimension == table else "")
    values.extend([cell.shown, cell.suppressed or ""])
    return values


def statistics_rows(stats: CaseStatistics) -> list[list[str]]:
    """Both header rows, the total, then every shown cell of every table."""
    rows = [[header for header, _tag, _dim in COLUMNS], [tag for _h, tag, _dim in COLUMNS]]
    total = Cell("", stats.total, None if stats.total is not None else "primary")
    rows.append(_row("total", total))
    for table in stats.tables:
        rows.extend(_row(table.dimension, cell) for cell in table.cells)
    return rows


def statistics_csv(stats: CaseStatistics) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(statistics_rows(stats))
    return buffer.getvalue()


def export_statistics_csv(vault: Vault, stats: CaseStatistics, path: Path | str) -> Path:
    """Write the CSV (owner-only, replacing in one step) and record the export."""
    vault.require(Capability.STATISTICS)
    target = Path(path)
    data = statistics_csv(stats).encode("utf-8")
    temporary = target.with_name(target.name + ".new")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, target)
    with vault.write("statistics.export", None, {"cases": stats.total}):
        pass
    return target
