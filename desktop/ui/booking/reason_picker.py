"""The visit reason field: type a few letters of the label or the code, Enter (or Tab) takes
the highlighted or first match. Accents and case are ignored, like the patient search.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from desktop.domain.model import VisitReason
from desktop.domain.text import search_key
from desktop.ui.booking.delegate import DETAILS_ROLE, TwoLineDelegate

REASON_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's ``VisitReason``."""
KEY_ROLE = Qt.ItemDataRole.UserRole + 2
"""The search key of "label code" (str)."""

AnyIndex = QModelIndex | QPersistentModelIndex


class VisitReasonListModel(QAbstractListModel):
    """A thin list model over ``VisitReason``: its label, then "CARDIO-SUIVI · 15 min"."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[VisitReason] = []
        self._keys: list[str] = []

    def set_rows(self, reasons: Sequence[VisitReason]) -> None:
        self.beginResetModel()
        self._rows = list(reasons)
        self._keys = [search_key(f"{r.label} {r.code}") for r in self._rows]
        self.endResetModel()

    def reasons(self) -> list[VisitReason]:
        return list(self._rows)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        reason = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return reason.label
        if role == DETAILS_ROLE:
            return f"{reason.code} · {reason.duration_min} min"
        if role == Qt.ItemDataRole.ToolTipRole:
            return reason.instructions or reason.label
        if role == REASON_ROLE:
            return reason
        if role == KEY_ROLE:
            return self._keys[index.row()]
        return None


class _KeyFilter(QSortFilterProxyModel):
    """Keeps the rows whose key contains every word typed (accents and case ignored)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._words: list[str] = []

    def set_text(self, text: str) -> None:
        words = search_key(text).split()
        if words == self._words:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+: invalidateFilter is deprecated
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self._words = words
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        key = self.sourceModel().index(source_row, 0, source_parent).data(KEY_ROLE) or ""
        return all(word in key for word in self._words)


class ReasonPicker(QLineEdit):
    """Emits ``reason_chosen(VisitReason)``, ``reason_cleared()`` when the text is edited away
    from the chosen reason, and ``no_match(text)`` when Enter finds nothing."""

    reason_chosen = Signal(object)
    reason_cleared = Signal()
    no_match = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reasonEdit")
        self.setPlaceholderText(self.tr("Libellé ou code du motif"))
        self.setClearButtonEnabled(True)
        self.model = VisitReasonListModel(self)
        self.matches = _KeyFilter(self)
        self.matches.setSourceModel(self.model)
        self.completer = QCompleter(self.matches, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(8)
        popup = self.completer.popup()
        popup.setItemDelegate(TwoLineDelegate(popup))
        popup.setUniformItemSizes(True)
        # Not ``setCompleter``: the filter must change before the popup opens, and the
        # completion replaces the text only once a reason is really chosen.
        self.completer.setWidget(self)
        self.completer.activated[QModelIndex].connect(self._on_completer_activated)
        self.textEdited.connect(self._on_text_edited)
        self.returnPressed.connect(self.accept_match)
        self._reason: VisitReason | None = None

    @property
    def reason(self) -> VisitReason | None:
        return self._reason

    def set_reasons(self, reasons: Sequence[VisitReason]) -> None:
        self.model.set_rows(reasons)
        self.matches.set_text(self.text() if self._reason is None else "")

    def set_reason(self, reason: VisitReason | None) -> None:
        """Show a reason as chosen (or clear the field), without emitting anything."""
        self._reason = reason
        self.setText(reason.label if reason else "")
        self.matches.set_text("")
        self.hide_popup()

    def hide_popup(self) -> None:
        popup = self.completer.popup()
        if popup.isVisible():
            popup.hide()

    def accept_match(self) -> None:
        """Take the highlighted match, else an exact label or code, else the first match."""
        text = self.text().strip()
        if self._reason is not None and text == self._reason.label:
            self.reason_chosen.emit(self._reason)
            return
        if not text:
            return
        self.matches.set_text(text)
        popup = self.completer.popup()
        current = popup.currentIndex() if popup.isVisible() else QModelIndex()
        reason = current.data(REASON_ROLE) if current.isValid() else None
        if reason is None:
            key = search_key(text)
            candidates = [
                self.matches.index(r, 0).data(REASON_ROLE) for r in range(self.matches.rowCount())
            ]
            exact = [r for r in candidates if key in (search_key(r.label), search_key(r.code))]
            reason = (exact or candidates or [None])[0]
        if reason is None:
            self.hide_popup()
            self.no_match.emit(text)
            return
        self._choose(reason)

    def _choose(self, reason: VisitReason) -> None:
        self.set_reason(reason)
        self.reason_chosen.emit(reason)

    def _on_completer_activated(self, index: QModelIndex) -> None:
        reason = index.data(REASON_ROLE)
        if reason is not None and reason != self._reason:
            self._choose(reason)

    def _on_text_edited(self, text: str) -> None:
        if self._reason is not None and text != self._reason.label:
            self._reason = None
            self.reason_cleared.emit()
        self.matches.set_text(text)
        if text.strip() and self.matches.rowCount():
            self.completer.complete()
        else:
            self.hide_popup()

    def event(self, event: QEvent) -> bool:
        # Escape with the list of matches open closes that list, not the whole panel.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and event.key() == Qt.Key.Key_Escape
            and self.completer.popup().isVisible()
        ):
            event.accept()
            return True
        # Tab accepts the completion, like Enter, when a text is typed but not yet a reason.
        if (
            event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Tab
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and self._reason is None
            and self.text().strip()
        ):
            self.accept_match()
            if self._reason is not None:
                return True
        return super().event(event)
