"""Small pieces shared by the parts of the booking panel: list views, labels, messages."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QWidget

from desktop.ui.booking.delegate import TwoLineDelegate, row_height


def list_view(name: str, model, accessible: str) -> QListView:
    """A list of two-line rows, one selected at a time, never edited."""
    view = QListView(objectName=name)
    view.setModel(model)
    view.setItemDelegate(TwoLineDelegate(view))
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setUniformItemSizes(True)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setAccessibleName(accessible)
    return view


def list_height(view: QListView, rows: int) -> int:
    """Exactly ``rows`` two-line rows, frame included."""
    return rows * row_height(view.font()) + 2 * view.frameWidth()


def label(name: str, text: str = "", buddy: QWidget | None = None) -> QLabel:
    """A word-wrapped label (``buddy``: the field its Alt+letter leads to)."""
    widget = QLabel(text, objectName=name, wordWrap=True)
    if buddy is not None:
        widget.setBuddy(buddy)
    return widget


def show_message(widget: QLabel, text: str, *, error: bool) -> None:
    """Show a message, red when ``error`` (the style sheet reads the ``error`` property)."""
    widget.setText(text)
    widget.setProperty("error", error)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.setVisible(bool(text))


class blocked:
    """Signals of these widgets blocked for the ``with`` block (several QSignalBlockers)."""

    def __init__(self, *widgets: QWidget) -> None:
        self._widgets = widgets
        self._before: list[bool] = []

    def __enter__(self) -> None:
        self._before = [w.blockSignals(True) for w in self._widgets]

    def __exit__(self, *_exc) -> None:
        for widget, before in zip(self._widgets, self._before, strict=True):
            widget.blockSignals(before)
