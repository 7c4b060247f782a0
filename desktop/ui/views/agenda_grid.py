"""The agenda grid: columns of time where appointments are painted as coloured blocks.

One widget paints everything (no child widget per appointment), so a department's day with
hundreds of appointments stays light, and only what is in view is painted. The header and the
hour gutter stay in place while the body scrolls.

An appointment is moved by dragging its block (press, move, release — no ``QDrag``, so it works
the same offscreen and in tests): a ghost shows where it would land, snapped to the opening's
step (5 minutes outside openings), and the drop emits ``move_requested``; Escape cancels. The
arrow keys move the selection from appointment to appointment.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QFrame, QToolTip

from desktop.domain.model import Status
from desktop.ui.models.agenda_layout import AgendaContent, AgendaEntry, GridColumn
from desktop.ui.models.appointment_table import tooltip
from desktop.ui.texts import status_label
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
    start_min: int = 0
    end_min: int = 0

    @property
    def texts(self) -> tuple[str, str, str, str]:
        return (self.time_range, self.patient, self.reason, self.status)


@dataclass(frozen=True)
class DropTarget:
    """Where a dragged appointment would land: a column and a wall-clock start minute."""

    column: int
    minute: int
    duration_min: int


class _Drag:
    """A press on a block that may become a drag once the mouse moves far enough."""

    def __init__(self, block: DrawnBlock, press: QPointF, grab_min: float) -> None:
        self.block = block
        self.press = press
        self.grab_min = grab_min
        self.active = False
        self.target: DropTarget | None = None
        self.pointer = press


SNAP_MIN = 5
PIXMAP_MARGIN = 2
PIXMAP_CACHE_LIMIT = 2000
AUTOSCROLL_MARGIN = 28
AUTOSCROLL_MS = 40


class AgendaGrid(QAbstractScrollArea):
    """Paints an ``AgendaContent``.

    Signals: ``appointment_clicked(id)`` when a block is clicked or reached with the arrow keys;
    ``move_requested(id, practitioner_id, day, minute)`` when a block is dropped elsewhere;
    ``menu_requested(id, global_pos)`` for a block's context menu (right click or menu key).
    """

    appointment_clicked = Signal(int)
    move_requested = Signal(int, int, object, int)
    menu_requested = Signal(int, QPoint)
    absence_menu_requested = Signal(int, QPoint)  # absence id, global position
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
        self._movable = False
        self._drag: _Drag | None = None
        # Each block drawn once into a pixmap, then copied: a busy day repaints at every mouse
        # move of a drag, and hundreds of blocks of text would not keep up.
        self._pixmaps: dict[tuple, QPixmap] = {}
        self._base_font = self.font()
        self._autoscroll = QTimer(self)
        self._autoscroll.setInterval(AUTOSCROLL_MS)
        self._autoscroll.timeout.connect(self._on_autoscroll_timeout)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Grille de l'agenda"))
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

    @property
    def movable(self) -> bool:
        return self._movable

    def set_movable(self, movable: bool) -> None:
        """Whether blocks may be dragged (the role may move appointments)."""
        self._movable = movable
        if not movable:
            self.cancel_drag()

    @property
    def drag_target(self) -> DropTarget | None:
        """Where the block being dragged would land (None when no drag is under way)."""
        return self._drag.target if self._drag is not None and self._drag.active else None

    @property
    def dragged_id(self) -> int | None:
        return self._drag.block.appointment_id if self._drag and self._drag.active else None

    def cancel_drag(self) -> None:
        """Forget the drag under way (Escape, a reload, the role changed)."""
        if self._drag is not None:
            self._drag = None
            self._autoscroll.stop()
            self.viewport().unsetCursor()
            self.viewport().update()

    def block_of(self, appointment_id: int | None) -> DrawnBlock | None:
        return next((b for b in self._blocks if b.appointment_id == appointment_id), None)

    def viewport_point(self, content_point: QPointF) -> QPoint:
        """A content point (as in ``DrawnBlock.rect``) in viewport coordinates, for events."""
        scroll = QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        return (content_point - scroll).toPoint()

    def set_content(self, content: AgendaContent, *, scroll_to_minute: int | None = None) -> None:
        """Show new content; scroll so that ``scroll_to_minute`` is at the top when given."""
        self._content = content
        self.cancel_drag()
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
        block = self.block_of(appointment_id)
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

    def minute_of(self, content_y: float) -> float:
        return self._content.first_min + (content_y - self.HEADER_HEIGHT) * 60 / self.HOUR_HEIGHT

    def snap(self, column: int, minute: float) -> int:
        """The nearest start on the opening's step when inside an opening, else on 5 minutes."""
        span = self._content.open_span_at(column, minute + 0.5)
        if span is not None and span.step_min > 0:
            steps = round((minute - span.start_min) / span.step_min)
            return span.start_min + steps * span.step_min
        return round(minute / SNAP_MIN) * SNAP_MIN

    def ghost_rect(self, target: DropTarget) -> QRectF:
        """The ghost of a drop target, in content coordinates."""
        width = self.column_width()
        x = self.GUTTER_WIDTH + target.column * width + 3
        top, bottom = self.y_of(target.minute), self.y_of(target.minute + target.duration_min)
        return QRectF(x, top + 1, width - 8, max(bottom - top - 2, 12))

    def body_height(self) -> float:
        return (self._content.last_min - self._content.first_min) * self.HOUR_HEIGHT / 60

    def block_at(self, viewport_pos: QPointF) -> DrawnBlock | None:
        if viewport_pos.y() < self.HEADER_HEIGHT or viewport_pos.x() < self.GUTTER_WIDTH:
            return None
        point = viewport_pos + QPointF(
            self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        )
        return next((b for b in reversed(self._blocks) if b.rect.contains(point)), None)

    def absence_at(self, viewport_pos: QPointF) -> int | None:
        """The id of the absence hatched under a point of the viewport, or None."""
        if viewport_pos.y() < self.HEADER_HEIGHT or viewport_pos.x() < self.GUTTER_WIDTH:
            return None
        point = viewport_pos + self._scroll_offset()
        column = int((point.x() - self.GUTTER_WIDTH) // self.column_width())
        minute = self.minute_of(point.y())
        for shade in self._content.shades:
            if (
                shade.absence_id is not None
                and shade.column == column
                and shade.start_min <= minute < shade.end_min
            ):
                return shade.absence_id
        return None

    def _relayout(self) -> None:
        content, width = self._content, self.column_width()
        self._blocks = []
        # Pixmaps of unchanged blocks are kept (a reload after one change repaints one block;
        # going back to a day already seen repaints nothing); bounded by PIXMAP_CACHE_LIMIT.
        self._base_font = self.font()
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
                    status=status_label(e.status),
                    color=e.color,
                    overbooked=e.overbooked,
                    entry=e,
                    start_min=placed.start_min,
                    end_min=placed.end_min,
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

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._pixmaps.clear()  # they hold text in the old font
            self._relayout()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._relayout()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._relayout()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()

    def mousePressEvent(self, event) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if self._drag is not None and self._drag.active:
            # Another button during a drag: give up the drag.
            self.cancel_drag()
            event.accept()
            return
        block = self.block_at(event.position())
        if block is not None and event.button() == Qt.MouseButton.LeftButton:
            self._selected = block.appointment_id
            self.viewport().update()
            self.appointment_clicked.emit(block.appointment_id)
            if self._movable:
                point = event.position() + self._scroll_offset()
                grab = (point.y() - self.y_of(block.start_min)) * 60 / self.HOUR_HEIGHT
                self._drag = _Drag(block, event.position(), grab)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        drag = self._drag
        if drag is None or not event.buttons() & Qt.MouseButton.LeftButton:
            super().mouseMoveEvent(event)
            return
        drag.pointer = event.position()
        if not drag.active:
            moved = (event.position() - drag.press).manhattanLength()
            if moved < QApplication.startDragDistance():
                return
            drag.active = True
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        self._update_drag_target()
        near_edge = self._autoscroll_step() != 0
        if near_edge and not self._autoscroll.isActive():
            self._autoscroll.start()
        elif not near_edge:
            self._autoscroll.stop()
        event.accept()

    def mouseReleaseEvent(self, event) -> None:
        drag = self._drag
        if drag is None or event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        self._autoscroll.stop()
        if not drag.active:
            self._drag = None
            super().mouseReleaseEvent(event)
            return
        drag.pointer = event.position()
        self._update_drag_target()
        target = drag.target
        block = drag.block
        event.accept()
        if target is None or (target.column, target.minute) == (block.column, block.start_min):
            self.cancel_drag()
            return
        column = self._content.columns[target.column]
        # The ghost stays drawn while the window asks or saves (a dialog may open).
        self.viewport().update()
        try:
            self.move_requested.emit(
                block.appointment_id, column.practitioner_id, column.day, target.minute
            )
        finally:
            self.cancel_drag()

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape and self._drag is not None:
            self.cancel_drag()
            event.accept()
            return
        shift_f10 = key == Qt.Key.Key_F10 and event.modifiers() == Qt.KeyboardModifier.ShiftModifier
        if key == Qt.Key.Key_Menu or shift_f10:
            self._request_selected_menu()
            event.accept()
            return
        arrows = {
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
        }
        if key in arrows and self._blocks and not event.modifiers():
            block = self._neighbour(*arrows[key])
            if block is not None:
                self.select(block.appointment_id)
                self.appointment_clicked.emit(block.appointment_id)
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:
        if event.reason() == event.Reason.Keyboard:
            self._request_selected_menu()
            return
        position = QPointF(self.viewport().mapFromGlobal(event.globalPos()))
        block = self.block_at(position)
        if block is None:
            absence_id = self.absence_at(position)
            if absence_id is not None:
                self.absence_menu_requested.emit(absence_id, event.globalPos())
            return
        if block.appointment_id != self._selected:
            self._selected = block.appointment_id
            self.viewport().update()
            self.appointment_clicked.emit(block.appointment_id)
        self.menu_requested.emit(block.appointment_id, event.globalPos())

    def _request_selected_menu(self) -> None:
        """The menu of the selected appointment, at its block (menu key, Shift+F10)."""
        block = self.block_of(self._selected)
        if block is None:
            return
        self._ensure_visible(block.rect)
        center = self.viewport_point(block.rect.center())
        self.menu_requested.emit(block.appointment_id, self.viewport().mapToGlobal(center))

    def _scroll_offset(self) -> QPointF:
        return QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())

    def _update_drag_target(self) -> None:
        drag, content = self._drag, self._content
        if drag is None or not content.columns:
            return
        point = drag.pointer + self._scroll_offset()
        width = self.column_width()
        column = int((point.x() - self.GUTTER_WIDTH) // width)
        column = min(max(column, 0), len(content.columns) - 1)
        duration = drag.block.entry.duration_min
        minute = self.snap(column, self.minute_of(point.y()) - drag.grab_min)
        latest = max(content.first_min, content.last_min - duration)
        minute = min(max(minute, content.first_min), latest)
        target = DropTarget(column, minute, duration)
        if target != drag.target:
            drag.target = target
            self.viewport().update()

    def _autoscroll_step(self) -> int:
        drag = self._drag
        if drag is None or not drag.active:
            return 0
        y, height = drag.pointer.y(), self.viewport().height()
        if y < self.HEADER_HEIGHT + AUTOSCROLL_MARGIN:
            return -self.HOUR_HEIGHT // 6
        if y > height - AUTOSCROLL_MARGIN:
            return self.HOUR_HEIGHT // 6
        return 0

    def _on_autoscroll_timeout(self) -> None:
        step = self._autoscroll_step()
        if step == 0:
            self._autoscroll.stop()
            return
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + step)
        self._update_drag_target()

    def _neighbour(self, dx: int, dy: int) -> DrawnBlock | None:
        """The appointment above/below (same column) or in the next column with blocks."""
        current = self.block_of(self._selected)
        blocks = sorted(self._blocks, key=lambda b: (b.column, b.start_min, b.rect.left()))
        if current is None:
            top = self.verticalScrollBar().value() + self.HEADER_HEIGHT
            return next((b for b in blocks if b.rect.bottom() >= top), blocks[0])
        if dy:
            same = [b for b in blocks if b.column == current.column]
            index = same.index(current) + dy
            return same[index] if 0 <= index < len(same) else None
        columns = sorted({b.column for b in blocks})
        later = [c for c in columns if (c - current.column) * dx > 0]
        if not later:
            return None
        column = min(later, key=lambda c: abs(c - current.column))
        return min(
            (b for b in blocks if b.column == column),
            key=lambda b: (abs(b.start_min - current.start_min), b.start_min),
        )

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
        visible = QRectF(dx, dy, size.width(), size.height())
        paint.hour_lines(painter, self, dx, visible)
        paint.open_hours(painter, self)
        paint.shades(painter, self, dy)
        dragged = self.dragged_id
        for block in self._blocks:
            if block.rect.intersects(visible):
                if block.appointment_id == dragged:
                    painter.setOpacity(0.35)
                    self._draw_block(painter, block)
                    painter.setOpacity(1.0)
                else:
                    self._draw_block(painter, block)
        paint.now_line(painter, self, self._now_columns, self._now_minute)
        target = self.drag_target
        if target is not None:
            paint.drag_ghost(
                painter,
                self,
                self.ghost_rect(target),
                QColor(self._drag.block.color),
                self._ghost_lines(target),
            )
        painter.restore()
        paint.gutter(painter, self, dy, self._now_minute)
        if target is not None:
            paint.drag_time(painter, self, target.minute, dy)
        paint.header(painter, self, dx)
        painter.end()
        self._painted()

    def _ghost_lines(self, target: DropTarget) -> list[str]:
        end = target.minute + target.duration_min
        lines = [f"{_clock(target.minute)} – {_clock(end)}"]
        block = self._drag.block
        column: GridColumn = self._content.columns[target.column]
        if target.column != block.column:
            lines[0] += f"  ·  {column.title}"
        lines.append(block.patient)
        return lines

    def _painted(self) -> None:
        self.paint_count += 1
        self.painted.emit()

    def _draw_block(self, painter: QPainter, block: DrawnBlock) -> None:
        """Copy the block's pixmap (drawn on first use) to its place."""
        entry = block.entry
        key = (
            entry.appointment,
            entry.patient_name,
            entry.reason_label,
            entry.color,
            round(block.rect.width()),
            round(block.rect.height()),
            block.appointment_id == self._selected,
        )
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            if len(self._pixmaps) >= PIXMAP_CACHE_LIMIT:
                self._pixmaps.clear()
            pixmap = self._pixmaps[key] = self._block_pixmap(block)
        painter.drawPixmap(
            QPointF(block.rect.left() - PIXMAP_MARGIN, block.rect.top() - PIXMAP_MARGIN), pixmap
        )

    def _block_pixmap(self, block: DrawnBlock) -> QPixmap:
        ratio = self.devicePixelRatioF()
        width = math.ceil(block.rect.width() + 2 * PIXMAP_MARGIN)
        height = math.ceil(block.rect.height() + 2 * PIXMAP_MARGIN)
        pixmap = QPixmap(math.ceil(width * ratio), math.ceil(height * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(PIXMAP_MARGIN - block.rect.left(), PIXMAP_MARGIN - block.rect.top())
        self._paint_block(painter, block)
        painter.end()
        return pixmap

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
        paint.block_texts(painter, block, self._base_font)


def _clock(minute: int) -> str:
    minute = max(0, minute)
    return f"{minute // 60 % 24:02d}:{minute % 60:02d}"
