"""The list of a day's (or a week's) appointments: a thin Qt model over ``AgendaEntry`` rows."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from desktop.domain.model import Status
from desktop.ui import texts
from desktop.ui.models.agenda_layout import AgendaEntry

COL_TIME = 0
COL_PATIENT = 1
COL_REASON = 2
COL_PRACTITIONER = 3
COL_STATUS = 4
COL_NOTES = 5
HEADERS = (  # French source texts of the AppointmentTableModel context, translated when shown
    QT_TRANSLATE_NOOP("AppointmentTableModel", "Heure"),
    QT_TRANSLATE_NOOP("AppointmentTableModel", "Patient"),
    QT_TRANSLATE_NOOP("AppointmentTableModel", "Motif"),
    QT_TRANSLATE_NOOP("AppointmentTableModel", "Praticien"),
    QT_TRANSLATE_NOOP("AppointmentTableModel", "État"),
    QT_TRANSLATE_NOOP("AppointmentTableModel", "Notes"),
)

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's ``AgendaEntry``."""
ID_ROLE = Qt.ItemDataRole.UserRole + 2
"""The appointment id (int)."""

_MUTED = QColor("#6b7280")
_NO_SHOW = QColor("#b42318")

AnyIndex = QModelIndex | QPersistentModelIndex


class AppointmentTableModel(QAbstractTableModel):
    """Read-only rows: heure, patient, motif, praticien, état, notes."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[AgendaEntry] = []
        self._with_date = False

    def set_rows(self, rows: Sequence[AgendaEntry], *, with_date: bool = False) -> None:
        """Replace every row (the time column shows the day too when ``with_date``)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._with_date = with_date
        self.endResetModel()

    def rows(self) -> list[AgendaEntry]:
        return list(self._rows)

    def row_of(self, appointment_id: int) -> int | None:
        return next((i for i, e in enumerate(self._rows) if e.id == appointment_id), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return self.tr(HEADERS[section])
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(entry)
        if role == ENTRY_ROLE:
            return entry
        if role == ID_ROLE:
            return entry.id
        if role == Qt.ItemDataRole.DecorationRole and column == COL_REASON:
            return QColor(entry.color)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_STATUS and entry.status is Status.NO_SHOW:
                return _NO_SHOW
            if column == COL_TIME or entry.status is Status.SEEN:
                return _MUTED
        if role == Qt.ItemDataRole.FontRole and column == COL_PATIENT:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, entry: AgendaEntry, column: int) -> str:
        if column == COL_TIME:
            time = texts.clock(entry.start)
            return f"{texts.short_day(entry.start.date())} {time}" if self._with_date else time
        if column == COL_PATIENT:
            return entry.patient_name
        if column == COL_REASON:
            return entry.reason_label
        if column == COL_PRACTITIONER:
            return entry.practitioner_name
        if column == COL_STATUS:
            return status_text(entry)
        if column == COL_NOTES:  # the first line: the rest is in the tooltip and the panel
            return entry.appointment.notes.strip().split("\n", 1)[0]
        return ""


def status_text(entry: AgendaEntry) -> str:
    """ "Confirmé", or "Réservé · surbooking" for an overbooked appointment."""
    label = texts.status_label(entry.status)
    if entry.overbooked:
        return QCoreApplication.translate("AppointmentTableModel", "{status} · surbooking").format(
            status=label
        )
    return label


def tooltip(entry: AgendaEntry) -> str:
    """Every detail of an appointment, one per line (shared by the list and the grid)."""
    lines = [
        f"{texts.capitalised(texts.long_date(entry.start.date()))}, {entry.time_range}",
        entry.patient_name,
    ]
    if entry.patient_phone:
        lines.append(_tr("Tél. {phone}").format(phone=entry.patient_phone))
    status = texts.status_label(entry.status)
    lines += [
        entry.reason_label,
        entry.practitioner_name,
        _tr("État : {status}").format(status=status),
    ]
    if entry.overbooked:
        reason = entry.appointment.overbooking_reason
        lines.append(
            _tr("Surbooking : {reason}").format(reason=reason) if reason else _tr("Surbooking")
        )
    if entry.appointment.notes:
        lines.append(_tr("Note : {notes}").format(notes=entry.appointment.notes))
    return "\n".join(lines)


def _tr(text: str) -> str:
    return QCoreApplication.translate("AppointmentTableModel", text)


# The tooltip's texts, for pyside6-lupdate (``_tr`` translates them when shown).
TOOLTIP_TEXTS = (
    QT_TRANSLATE_NOOP("AppointmentTableModel", "Tél. {phone}"),
    QT_TRANSLATE_NOOP("AppointmentTableModel", "État : {status}"),
    QT_TRANSLATE_NOOP("AppointmentTableModel", "Surbooking : {reason}"),
    QT_TRANSLATE_NOOP("AppointmentTableModel", "Surbooking"),
    QT_TRANSLATE_NOOP("AppointmentTableModel", "Note : {notes}"),
)
