"""The agenda grid: columns of time where appointments are painted as coloured blocks.

One widget paints everything (no child widget per appointment), so a department's day with
hundreds of appointments stays light. The header and the hour gutter stay in place while the
body scrolls.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QAbstractScrollArea, QFrame, QToolTip

from desktop.domain.model import Status
from desktop.ui.models.agenda_layout import AgendaContent, AgendaEntry
from desktop.ui.models.appointment_table import tooltip
from desktop.ui.views import grid_painting as paint


@dataclass(frozen=True)
class DrawnBlock:
    """An appointment as drawn: its rectangle in content coordinates and its texts."""

    appointment_id: int
    column: int
    rect: QRectF
    time_range: str
    patient: str
    reason: str
    status: str
    color: str
    overbooked: bool
    entry: AgendaEntry

    @property
    def texts(self) -> tuple[str, str, str, str]:
        return (self.time_range, self.patient, self.reason, self.status)


class AgendaGrid(QAbstractScrollArea):
    """Paints an ``AgendaContent``; emits ``appointment_clicked(id)`` when a block is clicked."""

    appointment_clicked = Signal(int)
    painted = Signal()

    HEADER_HEIGHT = 52
    GUTTER_WIDTH = 62
    MIN_COLUMN_WIDTH = 170
    HOUR_HEIGHT = 76

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaGrid")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setMinimumWidth(self.GUTTER_WIDTH + self.MIN_COLUMN_WIDTH + 20)
        self._content = AgendaContent()
        self._blocks: list[DrawnBlock] = []
        self._now_columns: frozenset[int] = frozenset()
        self._now_minute: int | None = None
        self._selected: int | None = None
        self._empty_message = ""
        self._pending_scroll: int | None = None
        self.paint_count = 0

    # --- state -------------------------------------------------------------------------------

    @property
    def content(self) -> AgendaContent:
        return self._content

    @property
    def blocks(self) -> list[DrawnBlock]:
        """The appointments as laid out for the current size, by column then start."""
        return list(self._blocks)

    @property
    def selected_id(self) -> int | None:
        return self._selected

    @property
    def now_minute(self) -> int | None:
        return self._now_minute

    @property
    def now_columns(self) -> frozenset[int]:
        """The columns showing today (tinted, crossed by the current-time line)."""
        return self._now_columns

    @property
    def empty_message(self) -> str:
        return self._empty_message

    def set_content(self, content: AgendaContent, *, scroll_to_minute: int | None = None) -> None:
        """Show new content; scroll so that ``scroll_to_minute`` is at the top when given."""
        self._content = content
        if self._selected not in {p.entry.id for p in content.items}:
            self._selected = None
        self._pending_scroll = scroll_to_minute
        self._relayout()

    def set_now(self, columns: frozenset[int], minute: int | None) -> None:
        """Draw the current-time line at ``minute`` across ``columns`` (None: no line)."""
        if (columns, minute) != (self._now_columns, self._now_minute):
            self._now_columns, self._now_minute = columns, minute
            self.viewport().update()

    def set_empty_message(self, text: str) -> None:
        self._empty_message = text
        self.viewport().update()

    def select(self, appointment_id: int | None) -> None:
        """Highlight an appointment and scroll it into view."""
        self._selected = appointment_id
        block = next((b for b in self._blocks if b.appointment_id == appointment_id), None)
        if block is not None:
            self._ensure_visible(block.rect)
        self.viewport().update()

    # --- geometry ------------------------------------------------------------------------------

    def column_width(self) -> float:
        n = max(1, len(self._content.columns))
        available = self.viewport().width() - self.GUTTER_WIDTH
        return max(float(self.MIN_COLUMN_WIDTH), available / n)

    def y_of(self, minute: float) -> float:
        """The content y of a wall-clock minute (the header is at the top of the content)."""
        return self.HEADER_HEIGHT + (minute - self._content.first_min) * self.HOUR_HEIGHT / 60

    def body_height(self) -> float:
        return (self._content.last_min - self._content.first_min) * self.HOUR_HEIGHT / 60

    def block_at(self, viewport_pos: QPointF) -> DrawnBlock | None:
        if viewport_pos.y() < self.HEADER_HEIGHT or viewport_pos.x() < self.GUTTER_WIDTH:
            return None
        point = viewport_pos + QPointF(
            self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        )
        return next((b for b in reversed(self._blocks) if b.rect.contains(point)), None)

    def _relayout(self) -> None:
        content, width = self._content, self.column_width()
        self._blocks = []
        for placed in content.items:
            lane_width = (width - 8) / placed.lanes
            x = self.GUTTER_WIDTH + placed.column * width + 3 + placed.lane * lane_width
            top, bottom = self.y_of(placed.start_min), self.y_of(placed.end_min)
            e = placed.entry
            self._blocks.append(
                DrawnBlock(
                    appointment_id=e.id,
                    column=placed.column,
                    rect=QRectF(x, top + 1, lane_width - 2, max(bottom - top - 2, 12)),
                    time_range=e.time_range,
                    patient=e.patient_name,
                    reason=e.reason_label,
                    status=e.status.label,
                    color=e.color,
                    overbooked=e.overbooked,
                    entry=e,
                )
            )
        viewport = self.viewport().size()
        total_width = self.GUTTER_WIDTH + width * len(content.columns)
        hbar, vbar = self.horizontalScrollBar(), self.verticalScrollBar()
        hbar.setRange(0, max(0, int(total_width - viewport.width())))
        hbar.setPageStep(viewport.width())
        body_view = viewport.height() - self.HEADER_HEIGHT
        vbar.setRange(0, max(0, int(self.body_height() - body_view)))
        vbar.setPageStep(max(1, body_view))
        vbar.setSingleStep(self.HOUR_HEIGHT // 4)
        if self._pending_scroll is not None:
            vbar.setValue(int(self.y_of(self._pending_scroll) - self.HEADER_HEIGHT))
            if self.isVisible():
                self._pending_scroll = None
        self.viewport().update()

    def _ensure_visible(self, rect: QRectF) -> None:
        vbar = self.verticalScrollBar()
        top = vbar.value() + self.HEADER_HEIGHT
        bottom = vbar.value() + self.viewport().height()
        if rect.top() < top or rect.bottom() > bottom:
            vbar.setValue(int(rect.top() - self.HEADER_HEIGHT - self.HOUR_HEIGHT / 2))

    # --- Qt events -----------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._relayout()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._relayout()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()

    def mousePressEvent(self, event) -> None:
        block = self.block_at(event.position())
        if block is not None and event.button() == Qt.MouseButton.LeftButton:
            self._selected = block.appointment_id
            self.viewport().update()
            self.appointment_clicked.emit(block.appointment_id)
        super().mousePressEvent(event)

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            block = self.block_at(QPointF(event.pos()))
            if block is not None:
                QToolTip.showText(event.globalPos(), tooltip(block.entry), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        size = self.viewport().size()
        painter.fillRect(0, 0, size.width(), size.height(), paint.BACKGROUND)
        if not self._content.columns:
            paint.empty_message(painter, QRectF(0, 0, size.width(), size.height()), self)
            painter.end()
            self._painted()
            return
        dx, dy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        body = QRectF(self.GUTTER_WIDTH, self.HEADER_HEIGHT, size.width(), size.height())
        painter.save()
        painter.setClipRect(body)
        painter.translate(-dx, -dy)
        paint.hour_lines(painter, self, dx)
        paint.shades(painter, self, dy)
        for block in self._blocks:
            self._paint_block(painter, block)
        paint.now_line(painter, self, self._now_columns, self._now_minute)
        painter.restore()
        paint.gutter(painter, self, dy, self._now_minute)
        paint.header(painter, self, dx)
        painter.end()
        self._painted()

    def _painted(self) -> None:
        self.paint_count += 1
        self.painted.emit()

    def _paint_block(self, painter: QPainter, block: DrawnBlock) -> None:
        rect = block.rect
        color = QColor(block.color)
        status = block.entry.status
        fade = 0.9 if status in (Status.SEEN, Status.NO_SHOW) else 0.8
        path = QPainterPath()
        path.addRoundedRect(rect, 4, 4)
        painter.fillPath(path, paint.tint(color, fade))
        painter.save()
        painter.setClipPath(path)
        painter.fillRect(QRectF(rect.left(), rect.top(), 4, rect.height()), color)
        painter.restore()
        if block.overbooked:
            pen = QPen(paint.ALERT, 1.6, Qt.PenStyle.DashLine)
        elif block.appointment_id == self._selected:
            pen = QPen(paint.SELECTION, 2)
        else:
            pen = QPen(color.darker(115), 1)
        if block.appointment_id == self._selected:
            pen.setWidthF(2.4)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        if block.overbooked:
            paint.corner_mark(painter, rect)
        paint.block_texts(painter, block, self.font())
