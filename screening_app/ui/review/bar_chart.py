"""A calm horizontal bar chart, drawn with QPainter (the Qt Charts module is not shipped).

One row per category: its name, a bar in proportion to the count, the count. A suppressed
cell gets no bar (its length would tell the hidden count): only its mark, ``<5`` or ``x``,
and the word "suppressed". Right-to-left interfaces draw the bars from the right.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from screening_app.i18n.ui_text import _

BAR_COLOUR = QColor("#5b8aa6")
TEXT_COLOUR = QColor("#1b1b1b")
QUIET_COLOUR = QColor("#5f5f5f")
MARGIN = 8.0
GAP = 10.0


@dataclass(frozen=True)
class Bar:
    label: str
    count: int | None  # None: suppressed, drawn without a bar
    shown: str  # the count as printed: "12", "<5" or "x"


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: tuple[Bar, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def set_bars(self, bars: Sequence[Bar], title: str) -> None:
        self.bars = tuple(bars)
        self.setAccessibleName(title)
        # Screen readers get the numbers the picture shows.
        self.setAccessibleDescription("; ".join(f"{bar.label}: {bar.shown}" for bar in self.bars))
        self.updateGeometry()
        self.update()

    # -- geometry ----------------------------------------------------------------------------
    def row_height(self) -> float:
        return float(self.fontMetrics().height() + 12)

    def sizeHint(self) -> QSize:
        return QSize(480, int(2 * MARGIN + self.row_height() * max(len(self.bars), 1)))

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def _columns(self) -> tuple[float, float, float]:
        """Width of the label column, where the bars start, and the longest bar's length."""
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(bar.label) for bar in self.bars), default=0)
        # A few pixels to spare: eliding measures in whole pixels.
        label_width = min(float(widest) + 4, self.width() * 0.4)
        value_width = float(metrics.horizontalAdvance(" 00000 "))
        start = MARGIN + label_width + GAP
        longest = max(self.width() - start - value_width - MARGIN, 10.0)
        return label_width, start, longest

    def _mirrored(self, rect: QRectF) -> QRectF:
        if self.layoutDirection() != Qt.LayoutDirection.RightToLeft:
            return rect
        return QRectF(self.width() - rect.right(), rect.top(), rect.width(), rect.height())

    def bar_rect(self, index: int) -> QRectF | None:
        """Where bar ``index`` is drawn, or None for a suppressed cell (no bar)."""
        bar = self.bars[index]
        if bar.count is None:
            return None
        _label_width, start, longest = self._columns()
        top_count = max((b.count for b in self.bars if b.count is not None), default=1) or 1
        height = self.row_height()
        top = MARGIN + index * height + 4
        length = max(longest * bar.count / top_count, 2.0)
        return self._mirrored(QRectF(start, top, length, height - 8))

    # -- drawing -----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        label_width, start, _longest = self._columns()
        value_width = float(self.fontMetrics().horizontalAdvance(" 00000 "))
        height = self.row_height()
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        # Absolute sides: the rectangles are mirrored already, so Qt must not mirror again.
        left, right = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
        toward_bars = (left if rtl else right) | Qt.AlignmentFlag.AlignAbsolute
        away = (right if rtl else left) | Qt.AlignmentFlag.AlignAbsolute
        for index, bar in enumerate(self.bars):
            top = MARGIN + index * height
            label_rect = self._mirrored(QRectF(MARGIN, top, label_width, height))
            painter.setPen(TEXT_COLOUR)
            painter.setFont(self.font())
            elided = self.fontMetrics().elidedText(
                bar.label, Qt.TextElideMode.ElideRight, int(label_width)
            )
            painter.drawText(label_rect, int(toward_bars | Qt.AlignmentFlag.AlignVCenter), elided)
            rect = self.bar_rect(index)
            if rect is None:
                area = QRectF(start, top, max(self.width() - start - MARGIN, 10.0), height)
                self._draw_suppressed(painter, bar, area, away)
                continue
            painter.fillRect(rect, BAR_COLOUR)
            after = QRectF(rect.right() + 6, top, value_width, height)
            if rtl:
                after = QRectF(rect.left() - 6 - value_width, top, value_width, height)
            painter.drawText(after, int(away | Qt.AlignmentFlag.AlignVCenter), bar.shown)
        painter.end()

    def _draw_suppressed(
        self, painter: QPainter, bar: Bar, area: QRectF, align: Qt.AlignmentFlag
    ) -> None:
        """The mark where the bar would start, then the word; no bar. ``area`` is given
        left to right and mirrored here."""
        font = QFont(self.font())
        font.setItalic(True)
        painter.setFont(font)
        painter.setPen(QUIET_COLOUR)
        metrics = self.fontMetrics()
        mark_width = float(metrics.horizontalAdvance(bar.shown + "  "))
        top, height = area.top(), area.height()
        mark_area = self._mirrored(QRectF(area.left(), top, mark_width, height))
        rest = QRectF(area.left() + mark_width, top, area.width() - mark_width, height)
        word_area = self._mirrored(rest)
        middle = Qt.AlignmentFlag.AlignVCenter
        # "<5" is drawn on its own, left to right: inside right-to-left text the bidi
        # algorithm would show it as "5>".
        painter.save()
        painter.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        painter.drawText(mark_area, int(align | middle), bar.shown.lstrip("\u200e"))
        painter.restore()
        painter.drawText(word_area, int(align | middle), _("(suppressed)"))
