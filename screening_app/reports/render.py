"""Render one referral report to PDF bytes or to a file.

A4, bundled fonts only (embedded as subsets), a "CONFIDENTIAL" header in the report language
with the English word beside it, "page x of y" at the foot of every page. With a second
language the body is set in two columns, the report language on the side where its reading
starts.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime, time
from pathlib import Path

from fpdf import FPDF

from screening_app.core.files import write_atomically
from screening_app.reports import labels as L
from screening_app.reports.compose import ALARM, MUTED, Composer, Frame
from screening_app.reports.content import Column, Piece, pieces
from screening_app.reports.fonts import FontTable, font_table
from screening_app.reports.labels import ReportLabels, Translate, report_labels
from screening_app.reports.layout import Line, PagePlan, Row, Style
from screening_app.reports.model import ReferralReport
from screening_app.reports.pdf_file import close_fonts, pdf_bytes
from screening_app.reports.scripts import language_script, text_scripts
from screening_app.reports.typeset import Typesetter

PAGE_WIDTH = 210.0
MARGIN = 16.0
GUTTER = 8.0
# fpdf2 keeps text this far (mm) inside the cell it is drawn in, on both sides.
CELL_PADDING = 1.0
HEADER_Y = 9.0
BODY_TOP = 22.0
BODY_BOTTOM = 282.0
FOOTER_Y = 286.0

HEADER = Style(9, bold=True, color=ALARM)
HEADER_REF = Style(8.5, color=MUTED)
FOOTER = Style(8, color=MUTED)
RULE_GREY = (180, 180, 180)


log = logging.getLogger(__name__)


def render_report(
    report: ReferralReport,
    out_path: Path | str,
    *,
    translators: Mapping[str, Translate] | None = None,
) -> Path:
    """Write the report to ``out_path`` atomically (temporary file, then rename)."""
    data = render_report_bytes(report, translators=translators)
    target = Path(out_path)
    write_atomically(target, data, "the report")
    return target


def render_report_bytes(
    report: ReferralReport, *, translators: Mapping[str, Translate] | None = None
) -> bytes:
    """The report as PDF bytes.

    ``translators`` maps a language code to a function translating the English label
    strings of ``labels``; a language without one uses the built-in unreviewed table.
    """
    given = translators or {}
    column_labels = [report_labels(code, given.get(code)) for code in report.languages]
    pdf = _new_pdf(report)
    try:
        return _ReportRenderer(pdf, report, column_labels, font_table()).render()
    finally:
        close_fonts(pdf)


class _ReportRenderer:
    def __init__(
        self,
        pdf: FPDF,
        report: ReferralReport,
        column_labels: list[ReportLabels],
        table: FontTable,
    ) -> None:
        self.pdf = pdf
        self.report = report
        self.labels = column_labels
        self.english = report_labels("en")
        self.table = table
        self.columns = [Column(report, labels).blocks() for labels in column_labels]
        families = {table.family_for_script(s).name for s in self._scripts()}
        self.typesetter = Typesetter(pdf, table, families)
        self.composer = Composer(self.typesetter, table)
        texts = (piece.text for blocks in self.columns for piece in pieces(blocks))
        missing = self.typesetter.undrawable(texts)
        if missing:
            # The count and the case id only: the characters are part of the case content.
            log.warning(
                "report for case %s: %d character(s) have no glyph in the bundled fonts",
                report.case_id,
                len(missing),
            )

    def render(self) -> bytes:
        frames = _frames(self.report.languages)
        rows = self.composer.rows(frames, self.columns)
        plan = PagePlan(top=BODY_TOP, bottom=BODY_BOTTOM)
        plan.place_all(rows)
        total = len(plan.pages)
        for number, placed in enumerate(plan.pages, start=1):
            self.pdf.add_page()
            self._header()
            for y, row in placed:
                self._draw_row(y, row)
            self._footer(number, total)
        return pdf_bytes(self.pdf)

    def _scripts(self) -> set[str]:
        """Every script that some text of the report uses, so only those fonts are loaded."""
        found = {language_script(code) for code in self.report.languages}
        for blocks in self.columns:
            for piece in pieces(blocks):
                if piece.language is not None:
                    found.add(language_script(piece.language))
                found |= text_scripts(piece.text)
        return found & set(self.table.scripts)

    def _draw_row(self, y: float, row: Row) -> None:
        for box in row.boxes:
            top = y
            for line in box.lines:
                self.typesetter.draw(line, box.x, top, box.width, box.align)
                top += line.height
            if box.rule_below and box.lines:
                # At the foot of the whole row, so the rules of two columns line up.
                self.pdf.set_draw_color(*RULE_GREY)
                self.pdf.set_line_width(0.2)
                self.pdf.line(box.x, y + row.height, box.x + box.width, y + row.height)

    def _header(self) -> None:
        main = self.labels[0]
        word = main(L.CONFIDENTIAL)
        height = self._edge_texts(HEADER_Y, HEADER, word, self.english(L.CONFIDENTIAL))
        reference = self._line(self.report.case_id, None, HEADER_REF, PAGE_WIDTH / 3)
        reference = replace(reference, height=height)
        self.typesetter.draw(reference, MARGIN, HEADER_Y, PAGE_WIDTH - 2 * MARGIN, "C")
        self.pdf.set_draw_color(*ALARM)
        self.pdf.set_line_width(0.4)
        rule_y = HEADER_Y + height + 1.0
        self.pdf.line(MARGIN, rule_y, PAGE_WIDTH - MARGIN, rule_y)

    def _footer(self, number: int, total: int) -> None:
        main = self.labels[0]
        self._edge_texts(
            FOOTER_Y, FOOTER, main.page_of(number, total), self.english.page_of(number, total)
        )

    def _edge_texts(self, y: float, style: Style, own: str, english: str) -> float:
        """The report-language text where reading starts; English at the other edge.

        Both get the taller of their two line heights, so they share a centre line.
        """
        main = self.labels[0]
        rtl = Frame(main.language, MARGIN, 0).rtl
        width = (PAGE_WIDTH - 2 * MARGIN) / 2
        start = self._line(own, main.language, style, width)
        end = self._line(english, "en", style, width)
        height = max(start.height, end.height)
        start, end = replace(start, height=height), replace(end, height=height)
        self.typesetter.draw(
            start, MARGIN + width if rtl else MARGIN, y, width, "R" if rtl else "L"
        )
        if own != english:
            self.typesetter.draw(
                end, MARGIN if rtl else MARGIN + width, y, width, "L" if rtl else "R"
            )
        return height

    def _line(self, text: str, language: str | None, style: Style, width: float) -> Line:
        column = self.labels[0].language
        return self.composer.lines(Piece(text, language), style, width, column)[0]


def _frames(languages: tuple[str, ...]) -> list[Frame]:
    body = PAGE_WIDTH - 2 * MARGIN
    if len(languages) == 1:
        return [Frame(languages[0], MARGIN, body)]
    width = (body - GUTTER) / 2
    left, right = (
        Frame(languages[0], MARGIN, width),
        Frame(languages[1], MARGIN + width + GUTTER, width),
    )
    if left.rtl:
        # The report language stands where its reading starts: on the right for Arabic.
        left, right = (
            Frame(languages[0], MARGIN + width + GUTTER, width),
            Frame(languages[1], MARGIN, width),
        )
    return [left, right]


def _new_pdf(report: ReferralReport) -> FPDF:
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, BODY_TOP, MARGIN)
    pdf.c_margin = CELL_PADDING
    pdf.set_creator("screening-app")
    pdf.set_lang(report.language)
    # The report's own date, not the clock: the same report gives the same bytes, and the
    # file says nothing about when it was printed beyond what the report says.
    pdf.set_creation_date(datetime.combine(report.report_date, time(0, 0), tzinfo=UTC))
    return pdf
