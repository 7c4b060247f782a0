"""The free slots proposed by the booking panel: a thin Qt list model over ``Slot`` dataclasses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.domain.model import Slot
from desktop.ui.booking import wording
from desktop.ui.booking.delegate import DETAILS_ROLE

SLOT_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's ``Slot``."""

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ProposedSlot:
    """A free slot with what the secretary reads out: local start, practitioner, site."""

    slot: Slot
    local_start: datetime
    practitioner: str
    site: str

    @property
    def when(self) -> str:
        return wording.slot_when(self.local_start)

    @property
    def where(self) -> str:
        return " · ".join(x for x in (self.practitioner, self.site) if x)


class SlotListModel(QAbstractListModel):
    """One row per proposed slot: "lun. 22 mars 09:00", then practitioner and site."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[ProposedSlot] = []

    def set_rows(self, rows: Sequence[ProposedSlot]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def proposed(self, row: int) -> ProposedSlot | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[ProposedSlot]:
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
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.when
        if role == DETAILS_ROLE:
            return row.where
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{row.when}, {row.where}"
        if role == SLOT_ROLE:
            return row.slot
        return None
