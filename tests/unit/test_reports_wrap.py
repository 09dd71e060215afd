"""Line breaking in logical order. Width here is counted in characters, one unit each."""

from __future__ import annotations

from screening_app.reports.wrap import wrap_text


def chars(text: str) -> float:
    return float(len(text))


def test_words_fill_lines_greedily_without_passing_the_width() -> None:
    lines = wrap_text("one two three four five six", 9, chars)
    assert lines == ["one two", "three", "four five", "six"]
    assert all(len(line) <= 9 for line in lines)


def test_words_keep_their_logical_order_across_lines() -> None:
    text = "هذا تقرير إحالة سري يجب على المستلم أن يحفظه"
    lines = wrap_text(text, 12, chars)
    assert " ".join(lines).split() == text.split()
    assert len(lines) > 2


def test_newlines_start_new_lines_and_spaces_collapse() -> None:
    assert wrap_text("first   line\nsecond", 40, chars) == ["first line", "second"]
    assert wrap_text("a\n\nb", 40, chars) == ["a", "", "b"]
    assert wrap_text("", 40, chars) == [""]


def test_a_word_longer_than_the_line_is_cut_into_pieces_that_fit() -> None:
    lines = wrap_text("ok CASE-2025-0042-ABCDEFGH end", 8, chars)
    assert lines == ["ok", "CASE-202", "5-0042-A", "BCDEFGH", "end"]


def test_a_cut_never_separates_a_letter_from_its_combining_marks() -> None:
    # "কি" is KA + vowel sign I; "ক্ষ" is KA + virama + SSA: neither may be split.
    word = "কিক্ষকিক্ষকিক্ষ"
    lines = wrap_text(word, 2, chars)
    assert "".join(lines) == word
    for line in lines:
        assert line[0] not in "\u09bf\u09cd", lines
        assert line[-1] != "\u09cd", lines


def test_a_single_cluster_wider_than_the_line_still_makes_progress() -> None:
    assert wrap_text("ক্ষি", 1, chars) == ["ক্ষি"]


def test_a_no_break_space_keeps_a_french_colon_with_its_word() -> None:
    text = "Servitude pour dettes\u00a0: oui\u202f; documents\u00a0: non"
    lines = wrap_text(text, 23, chars)
    assert all(not line.startswith((":", ";")) for line in lines), lines
    assert "dettes\u00a0:" in " ".join(lines)
    assert " ".join(lines) == text
