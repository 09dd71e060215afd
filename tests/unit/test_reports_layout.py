"""Placing rows on pages: splitting tall rows, keeping headings with what follows."""

from __future__ import annotations

from screening_app.reports.layout import Box, Line, PagePlan, Row, Style

STYLE = Style(10)


def box(count: int, height: float = 5.0, x: float = 0.0) -> Box:
    lines = tuple(Line(f"line {n}", "Noto Sans", STYLE, None, height) for n in range(count))
    return Box(x, 50.0, "L", lines)


def row(*boxes: Box, keep: bool = False, before: float = 0.0) -> Row:
    return Row(tuple(boxes), space_before=before, keep_with_next=keep)


def texts(placed: list[tuple[float, Row]]) -> list[list[str]]:
    return [[line.text for line in b.lines] for _, r in placed for b in r.boxes]


def test_rows_stack_down_the_page_with_their_spacing() -> None:
    plan = PagePlan(top=10, bottom=100)
    plan.place_all([row(box(2)), row(box(1), before=4)])
    assert [y for y, _ in plan.pages[0]] == [10, 24]


def test_a_row_that_fits_on_a_page_moves_to_the_next_page_whole() -> None:
    plan = PagePlan(top=0, bottom=22)
    plan.place_all([row(box(2)), row(box(3))])
    assert len(plan.pages) == 2
    assert texts(plan.pages[1]) == [["line 0", "line 1", "line 2"]]


def test_a_row_taller_than_a_page_starts_at_once_and_is_split_line_by_line() -> None:
    plan = PagePlan(top=0, bottom=22)
    plan.place_all([row(box(2)), row(box(7))])
    assert len(plan.pages) == 3
    assert texts(plan.pages[0]) == [["line 0", "line 1"], ["line 0", "line 1"]]
    assert texts(plan.pages[1]) == [["line 2", "line 3", "line 4", "line 5"]]
    assert texts(plan.pages[2]) == [["line 6"]]


def test_two_columns_break_at_the_same_height() -> None:
    plan = PagePlan(top=0, bottom=20)
    plan.place_all([row(box(6, height=5.0), box(4, height=7.0, x=60))])
    first = plan.pages[0][0][1]
    assert [b.height for b in first.boxes] == [20.0, 14.0]
    rest = plan.pages[1][0][1]
    assert [len(b.lines) for b in rest.boxes] == [2, 2]


def test_a_heading_that_would_end_a_page_moves_to_the_next_one() -> None:
    plan = PagePlan(top=0, bottom=28)
    plan.place_all([row(box(4)), row(box(1), keep=True), row(box(3))])
    assert len(plan.pages[0]) == 1
    assert texts(plan.pages[1])[0] == ["line 0"]
    assert plan.pages[1][0][0] == 0


def test_spacing_before_a_row_is_dropped_at_the_top_of_a_page() -> None:
    plan = PagePlan(top=5, bottom=20)
    plan.place_all([row(box(3)), row(box(1), before=6)])
    assert plan.pages[1][0][0] == 5


def test_a_line_taller_than_a_whole_page_is_placed_rather_than_looping() -> None:
    plan = PagePlan(top=0, bottom=10)
    plan.place_all([row(box(2, height=15.0))])
    assert sum(len(b.lines) for page in plan.pages for _, r in page for b in r.boxes) == 2


def test_a_long_row_starts_at_the_page_foot_instead_of_leaving_it_blank() -> None:
    plan = PagePlan(top=0, bottom=40)
    plan.place_all([row(box(4)), row(box(6))])
    assert len(plan.pages) == 2
    assert texts(plan.pages[0]) == [
        ["line 0", "line 1", "line 2", "line 3"],
        ["line 0", "line 1", "line 2", "line 3"],
    ]
    assert texts(plan.pages[1]) == [["line 4", "line 5"]]


def test_a_long_row_moves_whole_when_only_one_line_would_stay_at_the_foot() -> None:
    plan = PagePlan(top=0, bottom=40)
    plan.place_all([row(box(7)), row(box(6))])
    assert len(plan.pages) == 2
    assert texts(plan.pages[1]) == [["line 0", "line 1", "line 2", "line 3", "line 4", "line 5"]]


def test_a_long_row_moves_whole_when_only_one_line_would_run_on() -> None:
    plan = PagePlan(top=0, bottom=40)
    plan.place_all([row(box(2)), row(box(7))])
    assert len(plan.pages) == 2
    assert texts(plan.pages[0]) == [["line 0", "line 1"]]
    assert texts(plan.pages[1])[0] == [
        "line 0",
        "line 1",
        "line 2",
        "line 3",
        "line 4",
        "line 5",
        "line 6",
    ]
