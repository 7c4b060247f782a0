"""Drawing helpers of the agenda grid: lines, gutter, header, shades and appointment texts.

Kept apart from the widget so that the widget holds state and geometry, and this module holds
how things look.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

from desktop.domain.model import Status

if TYPE_CHECKING:
    from desktop.ui.views.agenda_grid import AgendaGrid, DrawnBlock

BACKGROUND = QColor("#ffffff")
PANEL = QColor("#f6f7f9")
HOUR_LINE = QColor("#dde1e7")
HALF_HOUR_LINE = QColor("#eef0f3")
TEXT = QColor("#1f2933")
MUTED = QColor("#6b7280")
ALERT = QColor("#c62828")
SELECTION = QColor("#1d4ed8")
NOW = QColor("#e53935")
SHADE = QColor("#f1f2f5")
HATCH = QColor("#d3d7de")
TODAY = QColor("#f7faff")
CLOSED_HOURS = QColor(110, 120, 140, 26)  # over white or today's tint: outside the openings
GHOST = QColor(232, 239, 255, 215)  # light enough to see what lies under the drop

_FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def tint(color: QColor, fade: float) -> QColor:
    """``color`` mixed with white (``fade`` = share of white)."""
    return QColor(
        round(color.red() * (1 - fade) + 255 * fade),
        round(color.green() * (1 - fade) + 255 * fade),
        round(color.blue() * (1 - fade) + 255 * fade),
    )


_FONTS: dict[tuple[str, bool | None, bool | None, float], tuple[QFont, QFontMetricsF]] = {}


def _font(base: QFont, *, bold: bool = False, italic: bool = False, delta: float = 0) -> QFont:
    return _styled(base, bold, italic, delta)[0]


def _metrics(base: QFont, *, bold: bool = False, italic: bool = False, delta: float = 0):
    return _styled(base, bold, italic, delta)[1]


_LAST_KEY: list = [None, ""]
_CACHED_KEYS: dict[int, str] = {}  # ids of the fonts kept in _FONTS (never freed, ids stable)


def _key(font: QFont) -> str:
    """``font.key()`` without asking Qt again for the fonts of the cache or the last font asked
    (a paint asks hundreds of times, and ``key()`` is not cheap)."""
    known = _CACHED_KEYS.get(id(font))
    if known is not None:
        return known
    if _LAST_KEY[0] is not font:
        _LAST_KEY[0], _LAST_KEY[1] = font, font.key()
    return _LAST_KEY[1]


def _metrics_of(font: QFont) -> QFontMetricsF:
    """The metrics of ``font`` as it is (cached by its key)."""
    key = (_key(font), None, None, 0.0)
    found = _FONTS.get(key)
    if found is None:
        found = _FONTS[key] = (font, QFontMetricsF(font))
        _CACHED_KEYS[id(font)] = key[0]
    return found[1]


def _styled(base: QFont, bold: bool, italic: bool, delta: float) -> tuple[QFont, QFontMetricsF]:
    """A variant of ``base`` and its metrics, made once: a busy day paints hundreds of blocks."""
    key = (_key(base), bold, italic, delta)
    found = _FONTS.get(key)
    if found is None:
        font = QFont(base)
        font.setBold(bold)
        font.setItalic(italic)
        if delta:
            font.setPointSizeF(max(6.0, base.pointSizeF() + delta))
        found = _FONTS[key] = (font, QFontMetricsF(font))
        _CACHED_KEYS[id(font)] = font.key()
    return found


def _column_span(grid: AgendaGrid) -> tuple[float, float]:
    width = grid.column_width()
    return width, grid.GUTTER_WIDTH + width * len(grid.content.columns)


def _highlighted(grid: AgendaGrid) -> frozenset[int]:
    """Today's column, when it stands among other days (the week view)."""
    today = grid.now_columns
    return today if len(today) < len(grid.content.columns) else frozenset()


def empty_message(painter: QPainter, rect: QRectF, grid: AgendaGrid) -> None:
    painter.setPen(MUTED)
    painter.setFont(_font(grid.font(), delta=1))
    flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
    painter.drawText(rect.adjusted(40, 40, -40, -40), flags, grid.empty_message)


def hour_lines(painter: QPainter, grid: AgendaGrid, dx: int, visible: QRectF | None = None) -> None:
    """Hour and half-hour lines, column separators and today's tint (only what is in view
    when ``visible``, in content coordinates, is given: a wide department has long lines)."""
    content = grid.content
    width, right = _column_span(grid)
    top, bottom = grid.y_of(content.first_min), grid.y_of(content.last_min)
    left = grid.GUTTER_WIDTH
    if visible is not None:
        left, right = max(left, visible.left()), min(right, visible.right())
        top, bottom = max(top, visible.top()), min(bottom, visible.bottom())
    # Straight lines on whole pixels: no antialiasing (sharper, and much cheaper on wide views).
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    for col in _highlighted(grid):
        x = grid.GUTTER_WIDTH + col * width
        painter.fillRect(QRectF(x, top, width, bottom - top), TODAY)
    for minute in range(content.first_min, content.last_min + 1, 30):
        y = grid.y_of(minute)
        if top - 1 <= y <= bottom + 1:
            painter.setPen(QPen(HOUR_LINE if minute % 60 == 0 else HALF_HOUR_LINE, 1))
            painter.drawLine(QPointF(left, y), QPointF(right, y))
    painter.setPen(QPen(HOUR_LINE, 1))
    for col in range(1, len(content.columns) + 1):
        x = grid.GUTTER_WIDTH + col * width
        if left - 1 <= x <= right + 1:
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)


def open_hours(painter: QPainter, grid: AgendaGrid) -> None:
    """Time outside the openings greyed, so the bookable hours stand out (when known)."""
    content = grid.content
    if not content.openings_known:
        return
    width = grid.column_width()
    spans: dict[int, list[tuple[int, int]]] = {}
    for span in content.open_spans:
        spans.setdefault(span.column, []).append((span.start_min, span.end_min))
    for col in range(len(content.columns)):
        cursor = content.first_min
        for start, end in [*sorted(spans.get(col, [])), (content.last_min, content.last_min)]:
            start, end = max(start, content.first_min), min(end, content.last_min)
            if start > cursor:
                x = grid.GUTTER_WIDTH + col * width
                top, bottom = grid.y_of(cursor), grid.y_of(start)
                painter.fillRect(QRectF(x + 1, top, width - 1, bottom - top), CLOSED_HOURS)
            cursor = max(cursor, end)


def shades(painter: QPainter, grid: AgendaGrid, dy: int) -> None:
    """Absences and closed days: hatched, with their reason at the top of what is visible."""
    content = grid.content
    width = grid.column_width()
    label_font = _font(grid.font(), italic=True, delta=-0.5)
    metrics = QFontMetricsF(label_font)
    for shade in content.shades:
        top = grid.y_of(max(shade.start_min, content.first_min))
        bottom = grid.y_of(min(shade.end_min, content.last_min))
        if bottom <= top:
            continue
        rect = QRectF(grid.GUTTER_WIDTH + shade.column * width + 1, top, width - 1, bottom - top)
        painter.fillRect(rect, SHADE)
        painter.fillRect(rect, QBrush(HATCH, Qt.BrushStyle.BDiagPattern))
        label_top = max(rect.top() + 4, dy + grid.HEADER_HEIGHT + 4)
        if label_top + metrics.height() > rect.bottom():
            continue
        text = metrics.elidedText(shade.label, Qt.TextElideMode.ElideRight, rect.width() - 20)
        box = QRectF(rect.left() + 6, label_top, metrics.horizontalAdvance(text) + 10, 0)
        box.setHeight(metrics.height() + 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 225))
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(MUTED)
        painter.setFont(label_font)
        painter.drawText(box.adjusted(5, 0, 0, 0), _FLAGS, text)


def now_line(painter: QPainter, grid: AgendaGrid, columns: frozenset[int], minute: int | None):
    content = grid.content
    if minute is None or not content.first_min <= minute <= content.last_min:
        return
    width = grid.column_width()
    y = grid.y_of(minute)
    painter.setPen(QPen(NOW, 2))
    painter.setBrush(NOW)
    for col in columns:
        x = grid.GUTTER_WIDTH + col * width
        painter.drawLine(QPointF(x, y), QPointF(x + width, y))
        painter.drawEllipse(QPointF(x + 1, y), 4, 4)


def gutter(painter: QPainter, grid: AgendaGrid, dy: int, now_minute: int | None) -> None:
    """The hour labels on the left, fixed while the columns scroll sideways."""
    content = grid.content
    height = grid.viewport().height()
    painter.fillRect(QRectF(0, grid.HEADER_HEIGHT, grid.GUTTER_WIDTH, height), PANEL)
    painter.setPen(QPen(HOUR_LINE, 1))
    painter.drawLine(
        QPointF(grid.GUTTER_WIDTH, grid.HEADER_HEIGHT), QPointF(grid.GUTTER_WIDTH, height)
    )
    painter.setFont(_font(grid.font(), delta=-0.5))
    for minute in range(content.first_min, content.last_min, 60):
        y = grid.y_of(minute) - dy
        if y < grid.HEADER_HEIGHT - 2:
            continue
        painter.setPen(MUTED)
        rect = QRectF(0, y + 2, grid.GUTTER_WIDTH - 10, 18)
        flags = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        painter.drawText(rect, flags, f"{minute // 60:02d}:00")
    if now_minute is not None and grid.now_columns:
        y = grid.y_of(now_minute) - dy
        if y >= grid.HEADER_HEIGHT:
            painter.setPen(QPen(NOW, 2))
            painter.drawLine(QPointF(grid.GUTTER_WIDTH - 8, y), QPointF(grid.GUTTER_WIDTH, y))


def header(painter: QPainter, grid: AgendaGrid, dx: int) -> None:
    """Column titles (practitioner or day) and their appointment counts."""
    content = grid.content
    viewport_width = grid.viewport().width()
    painter.fillRect(QRectF(0, 0, viewport_width, grid.HEADER_HEIGHT), PANEL)
    painter.setPen(QPen(HOUR_LINE, 1))
    painter.drawLine(
        QPointF(0, grid.HEADER_HEIGHT - 0.5), QPointF(viewport_width, grid.HEADER_HEIGHT - 0.5)
    )
    painter.save()
    painter.setClipRect(QRectF(grid.GUTTER_WIDTH, 0, viewport_width, grid.HEADER_HEIGHT))
    painter.translate(-dx, 0)
    width = grid.column_width()
    title_font = _font(grid.font(), bold=True, delta=0.5)
    small_font = _font(grid.font(), delta=-0.5)
    for col, column in enumerate(content.columns):
        x = grid.GUTTER_WIDTH + col * width
        painter.setPen(QPen(HOUR_LINE, 1))
        painter.drawLine(QPointF(x + width, 8), QPointF(x + width, grid.HEADER_HEIGHT - 8))
        text_rect = QRectF(x + 12, 7, width - 20, 20)
        painter.setFont(title_font)
        painter.setPen(SELECTION if col in _highlighted(grid) else TEXT)
        title = QFontMetricsF(title_font).elidedText(
            column.title, Qt.TextElideMode.ElideRight, text_rect.width()
        )
        painter.drawText(text_rect, _FLAGS, title)
        painter.setFont(small_font)
        painter.setPen(ALERT if column.closed_reason else MUTED)
        painter.drawText(text_rect.translated(0, 20), _FLAGS, column.subtitle)
    painter.restore()


def corner_mark(painter: QPainter, rect: QRectF) -> None:
    """The red corner of an overbooked appointment."""
    size = min(12.0, rect.height() - 2)
    triangle = QPolygonF(
        [
            QPointF(rect.right() - size, rect.top() + 1),
            QPointF(rect.right() - 1, rect.top() + 1),
            QPointF(rect.right() - 1, rect.top() + size),
        ]
    )
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ALERT)
    painter.drawPolygon(triangle)


def block_texts(painter: QPainter, block: DrawnBlock, base: QFont) -> None:
    """Time, patient, visit reason and status, in as many lines as the block's height allows."""
    bold, small = _font(base, bold=True), _font(base, delta=-1)
    line_height = _metrics(base, bold=True).height()
    area = block.rect.adjusted(10, 3, -8 if block.overbooked else -5, -2)
    lines = max(1, int(area.height() // line_height))
    status = block.entry.status
    status_text = (
        QCoreApplication.translate("GridPainting", "Surbooking · {status}").format(
            status=block.status
        )
        if block.overbooked
        else block.status
    )
    status_color = ALERT if status is Status.NO_SHOW or block.overbooked else MUTED
    start = block.time_range.split(" – ")[0]

    # The patient's name matters more than the status (the tooltip and the list have both).
    status_width = _metrics(base, delta=-1).horizontalAdvance(status_text) + 8
    lead = _metrics(base).horizontalAdvance(start + "  ")
    name_width = lead + _metrics(base, bold=True).horizontalAdvance(block.patient)
    room = area.width() - status_width
    show_status = room >= (120 if lines >= 3 else name_width) or room > 220
    first_line = QRectF(area.left(), area.top(), area.width(), line_height)
    if lines == 1:
        first_line.moveTop(block.rect.center().y() - line_height / 2)
    if show_status:
        painter.setFont(small)
        painter.setPen(status_color)
        flags = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(first_line, flags, status_text)
        first_line.setRight(first_line.right() - status_width)

    if lines >= 3:
        segments = [(block.time_range, base, MUTED)]
        rest = [(block.patient, bold, TEXT), (block.reason, base, TEXT)]
        if lines >= 4 and block.overbooked:
            reason = block.entry.appointment.overbooking_reason
            text = (
                QCoreApplication.translate("GridPainting", "Surbooking : {reason}").format(
                    reason=reason
                )
                if reason
                else QCoreApplication.translate("GridPainting", "Surbooking")
            )
            rest.append((text, small, ALERT))
    else:
        # A narrow lane gives the name the room; the time shows on the hour scale anyway.
        time = [] if area.width() < name_width else [(start + "  ", base, MUTED)]
        if lines == 2:
            segments = [*time, (block.patient, bold, TEXT)]
            rest = [(block.reason, base, TEXT)]
        else:
            segments = [*time, (block.patient, bold, TEXT), ("  ·  " + block.reason, base, TEXT)]
            rest = []
    _segments(painter, first_line, segments)
    for i, (text, font, color) in enumerate(rest[: lines - 1], start=1):
        line = QRectF(area.left(), area.top() + i * line_height, area.width(), line_height)
        _segments(painter, line, [(text, font, color)])


def _segments(painter: QPainter, rect: QRectF, segments: list[tuple[str, QFont, QColor]]):
    """Texts of different fonts one after the other, the last visible one elided."""
    x = rect.left()
    for text, font, color in segments:
        available = rect.right() - x
        if available < 12:
            return
        metrics = _metrics_of(font)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, available)
        painter.setFont(font)
        painter.setPen(color)
        painter.drawText(QRectF(x, rect.top(), available, rect.height()), _FLAGS, shown)
        if shown != text:
            return
        x += metrics.horizontalAdvance(shown)


def drag_ghost(
    painter: QPainter, grid: AgendaGrid, rect: QRectF, color: QColor, lines: list[str]
) -> None:
    """Where a dragged appointment would land: a dashed outline with its new time (bold)."""
    path = QPainterPath()
    path.addRoundedRect(rect, 4, 4)
    painter.fillPath(path, GHOST)
    painter.save()
    painter.setClipPath(path)
    painter.fillRect(QRectF(rect.left(), rect.top(), 4, rect.height()), color)
    painter.restore()
    painter.setPen(QPen(SELECTION, 2, Qt.PenStyle.DashLine))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    base = grid.font()
    line_height = _metrics(base, bold=True).height()
    area = rect.adjusted(10, 3, -6, -2)
    room = max(1, int(area.height() // line_height))
    for i, text in enumerate(lines[:room]):
        font = _font(base, bold=i == 0)
        line = QRectF(area.left(), area.top() + i * line_height, area.width(), line_height)
        if room == 1:
            line.moveTop(rect.center().y() - line_height / 2)
        painter.setFont(font)
        painter.setPen(TEXT)
        elided = _metrics_of(font).elidedText(text, Qt.TextElideMode.ElideRight, area.width())
        painter.drawText(line, _FLAGS, elided)


def drag_time(painter: QPainter, grid: AgendaGrid, minute: int, dy: int) -> None:
    """The dragged appointment's new start, in the hour gutter."""
    y = grid.y_of(minute) - dy
    if y < grid.HEADER_HEIGHT:
        return
    font = _font(grid.font(), bold=True, delta=-0.5)
    box = QRectF(4, y - 10, grid.GUTTER_WIDTH - 8, 20)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(SELECTION)
    painter.drawRoundedRect(box, 4, 4)
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, f"{minute // 60:02d}:{minute % 60:02d}")
