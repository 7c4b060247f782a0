"""The free slots proposed by the booking panel: a thin Qt list model over ``Slot`` dataclasses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt

from desktop.domain.model import Slot
from desktop.ui.booking import wording
from desktop.ui.booking.delegate import DETAILS_ROLE
from desktop.ui.booking.row_model import AnyIndex, RowListModel

SLOT_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's ``Slot``."""


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


class SlotListModel(RowListModel["ProposedSlot"]):
    """One row per proposed slot: "lun. 22 mars 09:00", then practitioner and site."""

    def set_rows(self, rows: Sequence[ProposedSlot]) -> None:
        self._replace(rows)

    def proposed(self, row: int) -> ProposedSlot | None:
        return self.row_at(row)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.item(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.when
        if role == DETAILS_ROLE:
            return row.where
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{row.when}, {row.where}"
        if role == SLOT_ROLE:
            return row.slot
        return None
