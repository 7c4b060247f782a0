"""The patients found by the search field: a thin Qt list model over ``Patient`` dataclasses."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from PySide6.QtCore import Qt

from desktop.domain.model import Patient
from desktop.ui.booking import wording
from desktop.ui.booking.delegate import BADGE_ROLE, DETAILS_ROLE
from desktop.ui.booking.row_model import AnyIndex, RowListModel

PATIENT_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's ``Patient``."""
ID_ROLE = Qt.ItemDataRole.UserRole + 2
"""The patient id (int)."""
NO_SHOWS_ROLE = Qt.ItemDataRole.UserRole + 3
"""How many appointments the patient missed (int; 0 until someone provides the counts)."""


class PatientListModel(RowListModel[Patient]):
    """One row per patient: display name, then birth date, age and first phone number."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._today = date.today()
        self._no_shows: dict[int, int] = {}

    def set_rows(self, patients: Sequence[Patient], today: date) -> None:
        """Replace every row; ``today`` (the hospital's) gives the ages."""
        self._today = today
        self._no_shows = {}
        self._replace(patients)

    def set_no_shows(self, counts: Mapping[int, int]) -> None:
        """The hook for the no-show counts (patient id → count) of the rows shown."""
        self._no_shows = {pid: n for pid, n in counts.items() if n > 0}
        if self._rows:
            self.dataChanged.emit(
                self.index(0), self.index(len(self._rows) - 1), [BADGE_ROLE, NO_SHOWS_ROLE]
            )

    def patient(self, row: int) -> Patient | None:
        return self.row_at(row)

    def patients(self) -> list[Patient]:
        return self.rows()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        patient = self.item(index)
        if patient is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return patient.display_name
        if role == DETAILS_ROLE:
            return wording.patient_details(patient, self._today)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            badge = wording.no_shows(self._no_shows.get(patient.id, 0))
            lines = [patient.display_name, wording.patient_details(patient, self._today), badge]
            return "\n".join(line for line in lines if line)
        if role == BADGE_ROLE:
            return wording.no_shows(self._no_shows.get(patient.id, 0))
        if role == NO_SHOWS_ROLE:
            return self._no_shows.get(patient.id, 0)
        if role == PATIENT_ROLE:
            return patient
        if role == ID_ROLE:
            return patient.id
        return None
