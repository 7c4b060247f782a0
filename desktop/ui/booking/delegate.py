"""Two-line rows for the booking lists: a strong first line, a muted second line, a badge.

The models give the texts through roles; the delegate only paints them, so the lists stay as
light as a plain ``QListView`` (only visible rows are painted, whatever the number of results).
Only the three roles drawn are read, and they always hold a string.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

DETAILS_ROLE = Qt.ItemDataRole.UserRole + 20
"""The muted second line (str)."""
BADGE_ROLE = Qt.ItemDataRole.UserRole + 21
"""A short warning drawn at the right of the first line (str, empty for none)."""

MARGIN_X = 10
MARGIN_Y = 6
LINE_GAP = 2
_MUTED = QColor("#5b6472")
_BADGE = QColor("#b42318")
_ELIDE = Qt.TextElideMode.ElideRight

AnyIndex = QModelIndex | QPersistentModelIndex


def row_height(font: QFont) -> int:
    """The height of a row drawn with ``font``: two lines and the margins."""
    return 2 * QFontMetrics(font).height() + LINE_GAP + 2 * MARGIN_Y


class TwoLineDelegate(QStyledItemDelegate):
    """Paints DisplayRole in bold, DETAILS_ROLE below it, BADGE_ROLE in red at the right."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        # Fonts and metrics of the last font seen: a paint then builds none (it runs for every
        # visible row on every keystroke of the patient search).
        self._font: QFont | None = None
        self._bold = QFont()
        self._metrics = QFontMetrics(self._bold)
        self._bold_metrics = QFontMetrics(self._bold)

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        return QSize(max(option.rect.width(), 200), row_height(option.font))

    def _fonts_for(self, font: QFont) -> None:
        if self._font is None or font != self._font:
            self._font = QFont(font)
            self._bold = QFont(font)
            self._bold.setBold(True)
            self._metrics = QFontMetrics(font)
            self._bold_metrics = QFontMetrics(self._bold)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        # No ``initStyleOption``: it would ask the model for a dozen roles these rows never use,
        # on every paint of every row.
        widget = option.widget
        if widget is not None:
            widget.style().drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget
            )
        self._fonts_for(option.font)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_color = palette.color(
            palette.ColorRole.HighlightedText if selected else palette.ColorRole.Text
        )
        rect = option.rect.adjusted(MARGIN_X, MARGIN_Y, -MARGIN_X, -MARGIN_Y)
        line_height = self._metrics.height()
        first = QRect(rect.left(), rect.top(), rect.width(), line_height)
        second = QRect(rect.left(), rect.top() + line_height + LINE_GAP, rect.width(), line_height)
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.save()
        painter.setFont(self._font)
        badge = index.data(BADGE_ROLE)
        if badge:
            painter.setPen(_BADGE)
            painter.drawText(
                first, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, badge
            )
            first.setRight(first.right() - self._metrics.horizontalAdvance(badge) - 8)
        painter.setPen(text_color if selected else _MUTED)
        details = index.data(DETAILS_ROLE) or ""
        painter.drawText(second, left, self._metrics.elidedText(details, _ELIDE, second.width()))
        painter.setFont(self._bold)
        painter.setPen(text_color)
        title = index.data(Qt.ItemDataRole.DisplayRole) or ""
        painter.drawText(first, left, self._bold_metrics.elidedText(title, _ELIDE, first.width()))
        painter.restore()
