from __future__ import annotations

import csv
import io
import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from screening_app.core.errors import PermissionDeniedError
from screening_app.core.records import CaseSummary
from screening_app.services.cases import CaseService
from screening_app.services.demo import DEMO_PASSWORD
from screening_app.services.review import ReviewService
from screening_app.services.statistics import (
    DIMENSIONS,
    age_band,
    case_statistics,
    count_cases,
    iso_week,
)
from screening_app.services.statistics_csv import (
    COLUMNS,
    export_statistics_csv,
    statistics_csv,
    statistics_rows,
)
from screening_app.services.suppression import pinned, suppressed_table
from screening_app.storage import database
from screening_app.storage.models import AuditEntry
from tests.conftest import OpenWorkspace
from tests.review.conftest import DEMO_CASES, DemoWorkspace
from tests.review.screened_cases import screen_case


def shown(table_cells: object) -> dict[str, str]:
    return {cell.category: cell.shown for cell in table_cells}  # type: ignore[attr-defined]


def test_small_cells_are_shown_as_less_than_five() -> None:
    table = suppressed_table("nationality", {"ER": 12, "SD": 3, "UA": 2, "BD": 9}, 26, False)
    assert shown(table.cells) == {"ER": "12", "SD": "<5", "UA": "<5", "BD": "9"}
    hidden = [cell for cell in table.cells if cell.suppressed]
    assert all(cell.count is None and cell.suppressed == "primary" for cell in hidden)


def test_one_small_cell_beside_a_total_takes_the_smallest_other_cell_with_it() -> None:
    # 40 - 20 - 12 - 5 would give the 3 away.
    table = suppressed_table("outcome", {"a": 20, "b": 12, "c": 5, "d": 3}, 40, True)
    assert shown(table.cells) == {"a": "20", "b": "12", "c": "x", "d": "<5"}
    assert [c.suppressed for c in table.cells] == [None, None, "secondary", "primary"]


def test_hidden_cells_whose_sum_pins_them_get_company() -> None:
    # Two hidden cells adding up to 8 must both be 4: another cell is hidden too.
    assert pinned({"a": "primary", "b": "primary"}, 8)
    assert not pinned({"a": "primary", "b": "primary"}, 5)
    # A hidden 1 beside a hidden 5 adding up to 6 is pinned as well.
    assert pinned({"a": "primary", "b": "secondary"}, 6)
    table = suppressed_table("age_band", {"x": 30, "y": 7, "p": 4, "q": 4}, 45, True)
    assert shown(table.cells) == {"x": "30", "y": "x", "p": "<5", "q": "<5"}


def test_a_table_that_cannot_be_protected_is_withheld() -> None:
    assert suppressed_table("urgency", {"a": 4, "b": 4}, 8, True).withheld
    assert suppressed_table("urgency", {"a": 3}, 3, True).withheld
    # Categories that overlap (several forms of exploitation per case) give no sum away.
    table = suppressed_table("exploitation", {"labour": 9, "sexual": 2}, 10, False)
    assert shown(table.cells) == {"labour": "9", "sexual": "<5"}


def test_weeks_and_age_bands() -> None:
    assert iso_week("2026-01-01T10:00:00Z") == "2026-W01"
    assert iso_week("2027-01-01T10:00:00Z") == "2026-W53"
    assert [age_band(a) for a in (None, 0, 17, 18, 24, 25, 34, 35, 49, 50, 90)] == [
        "unknown", "0-17", "0-17", "18-24", "18-24", "25-34", "25-34", "35-49", "35-49",
        "50+", "50+",
    ]  # fmt: skip


def summaries(count: int, **values: object) -> list[CaseSummary]:
    base = {"status": "approved", "created": "2026-03-02T09:00:00Z", "updated": ""}
    return [
        CaseSummary(case_id=f"C-{i}", display_name="", **{**base, **values})  # type: ignore[arg-type]
        for i in range(count)
    ]


def test_counts_cover_every_dimension_and_exploitation_follows_the_assessment() -> None:
    rows = summaries(12, outcome="refer_nrm", urgency="24h", nationality="ER", age=16)
    rows += summaries(7, outcome="no_indicators", urgency="standard", nationality="UA", age=40)
    rows += summaries(6, outcome=None, urgency=None, nationality=None, age=None)
    rows = [CaseSummary(**{**r.__dict__, "case_id": f"C-{i}"}) for i, r in enumerate(rows)]
    facts: dict[str, tuple[tuple[str, ...], str]] = {r.case_id: ((), "labour") for r in rows[:19]}
    facts["C-0"] = (("sexual", "begging"), "sexual")
    stats = count_cases(rows, facts)
    assert stats.total == 25
    assert [t.dimension for t in stats.tables] == list(DIMENSIONS)
    assert shown(stats.table("outcome").cells) == {
        "refer_nrm": "12",
        "no_indicators": "7",
        "pending": "6",
    }
    assert shown(stats.table("age_band").cells) == {"0-17": "12", "35-49": "7", "unknown": "6"}
    assert shown(stats.table("week").cells) == {"2026-W10": "25"}
    assert shown(stats.table("exploitation").cells) == {
        "labour": "11",
        "sexual": "<5",
        "begging": "<5",
        "none_indicated": "7",
        "not_assessed": "6",
    }


def test_csv_has_hxl_hashtags_in_its_second_header_row() -> None:
    rows = summaries(9, outcome="refer_nrm", urgency="immediate", nationality="ER", age=20)
    rows += summaries(2, outcome="refer_nrm", urgency="24h", nationality="SD", age=30)
    rows = [CaseSummary(**{**r.__dict__, "case_id": f"C-{i}"}) for i, r in enumerate(rows)]
    text = statistics_csv(count_cases(rows, {}))
    parsed = list(csv.reader(io.StringIO(text)))
    assert parsed[0][0] == "Table" and parsed[0][-2] == "Cases"
    assert parsed[1] == [tag for _header, tag, _dim in COLUMNS]
    assert all(cell.startswith("#") for cell in parsed[1])
    assert "#date+week" in parsed[1] and "#indicator+num" in parsed[1]
    assert parsed[2][0] == "total" and parsed[2][-2] == "11"
    body = {(row[0], "".join(row[1:-2])): (row[-2], row[-1]) for row in parsed[3:]}
    # 11 - 9 would give the 2 away: both are hidden, the 2 as small, the 9 to protect it.
    assert body[("urgency", "immediate")] == ("x", "secondary")
    assert body[("urgency", "24h")] == ("<5", "primary")
    assert body[("outcome", "refer_nrm")] == ("11", "")
    assert body[("nationality", "SD")] == ("<5", "primary")
    assert body[("nationality", "ER")] == ("x", "secondary")
    assert len({len(row) for row in parsed}) == 1
    assert statistics_rows(count_cases(rows, {}))[2][-2] == "11"


def test_statistics_of_a_demo_workspace_add_up_and_hide_no_name(
    demo_copy: DemoWorkspace, tmp_path: Path
) -> None:
    vault = demo_copy.sign_in()
    index = CaseService(vault).summaries()
    stats = case_statistics(vault, index)
    assert stats.total == len(index)
    for dimension in ("outcome", "urgency", "age_band"):
        table = stats.table(dimension)
        assert not table.withheld
        assert sum(cell.count or 0 for cell in table.cells) <= len(index)
        hidden = [cell for cell in table.cells if cell.count is None]
        assert len(hidden) != 1  # never a lone hidden cell a total could reveal
    assessed = sum(1 for row in index if row.outcome)
    counted = shown(stats.table("exploitation").cells)
    assert counted.get("not_assessed") != str(len(index))  # the assessments were read
    assert assessed > 0
    out = export_statistics_csv(vault, stats, tmp_path / "stats.csv")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = out.read_text(encoding="utf-8")
    for row in index[:20]:
        assert row.display_name.split()[0] not in text
        assert row.case_id not in text
    json.dumps(stats.to_json())


def test_statistics_follow_an_override(review_ws: OpenWorkspace) -> None:
    responder = review_ws.sign_in("responder")
    ids = [screen_case(responder).case_id for _ in range(7)]
    supervisor = review_ws.sign_in("supervisor")
    ReviewService(supervisor).override(ids[0], "no_indicators", "Talked again: a misunderstanding.")
    outcome = shown(case_statistics(supervisor).table("outcome").cells)
    assert outcome == {"refer_nrm": "x", "no_indicators": "<5"}


@pytest.mark.parametrize("role", ["responder", "interpreter", "admin"])
def test_only_supervisors_see_statistics(review_ws: OpenWorkspace, role: str) -> None:
    with pytest.raises(PermissionDeniedError):
        case_statistics(review_ws.sign_in(role), [])


def test_viewing_and_exporting_statistics_are_audited(
    review_ws: OpenWorkspace, tmp_path: Path
) -> None:
    supervisor = review_ws.sign_in("supervisor")
    export_statistics_csv(supervisor, case_statistics(supervisor), tmp_path / "s.csv")
    with database.session_factory(review_ws.workspace.engine)() as session:
        actions = list(session.execute(select(AuditEntry.action)).scalars())
    assert "statistics.view" in actions and "statistics.export" in actions


def test_the_stats_command_prints_json_and_writes_csv(
    demo_copy: DemoWorkspace, tmp_path: Path
) -> None:
    secret = tmp_path / "password"
    secret.write_text(DEMO_PASSWORD + "\n")
    demo_copy.workspace.close()
    base = [sys.executable, "-m", "screening_app", "--workspace", str(demo_copy.path),
            "--user", "supervisor", "--password-file", str(secret), "stats"]  # fmt: skip
    printed = subprocess.run([*base, "--json"], capture_output=True, text=True, check=False)
    assert printed.returncode == 0, printed.stderr
    data = json.loads(printed.stdout)
    assert data["cases"] == DEMO_CASES and set(data["tables"]) == set(DIMENSIONS)
    target = tmp_path / "stats.csv"
    written = subprocess.run([*base, "--csv", str(target)], capture_output=True, text=True)
    assert written.returncode == 0, written.stderr
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[1][1] == "#date+week" and rows[2][-2] == str(DEMO_CASES)
