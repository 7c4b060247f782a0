"""The table of booking requests of the inbox: a thin Qt adapter over ``InboxEntry`` rows.

Texts are computed once per refresh (``InboxRow``): the time left of a hold is "now"-dependent,
so the inbox refreshes the rows on a timer. ``REQUEST_ROLE`` gives the ``InboxEntry``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from desktop.domain.booking_requests import RequestStatus
from desktop.ui import texts

if TYPE_CHECKING:
    from desktop.domain.scheduling import AgendaCalendar
    from desktop.services.requests import InboxEntry

AnyIndex = QModelIndex | QPersistentModelIndex
REQUEST_ROLE = Qt.ItemDataRole.UserRole + 1
CONTEXT = "RequestTableModel"

COL_PATIENT, COL_SLOT, COL_STATUS, COL_PRACTITIONER, COL_REASON, COL_RECORD, COL_RECEIVED = range(7)
HEADERS = (
    QT_TRANSLATE_NOOP("RequestTableModel", "Patient"),
    QT_TRANSLATE_NOOP("RequestTableModel", "Créneau"),
    QT_TRANSLATE_NOOP("RequestTableModel", "État"),
    QT_TRANSLATE_NOOP("RequestTableModel", "Praticien"),
    QT_TRANSLATE_NOOP("RequestTableModel", "Motif"),
    QT_TRANSLATE_NOOP("RequestTableModel", "Dossier"),
    QT_TRANSLATE_NOOP("RequestTableModel", "Reçue le"),
)
STATUS_TEXTS = {
    RequestStatus.RECEIVED: QT_TRANSLATE_NOOP("RequestTableModel", "Reçue"),
    RequestStatus.HELD: QT_TRANSLATE_NOOP("RequestTableModel", "Créneau retenu"),
    RequestStatus.PROPOSED: QT_TRANSLATE_NOOP("RequestTableModel", "Autre créneau proposé"),
    RequestStatus.ACCEPTED: QT_TRANSLATE_NOOP("RequestTableModel", "Acceptée"),
    RequestStatus.DECLINED: QT_TRANSLATE_NOOP("RequestTableModel", "Refusée"),
    RequestStatus.REJECTED: QT_TRANSLATE_NOOP("RequestTableModel", "Rejetée"),
    RequestStatus.EXPIRED: QT_TRANSLATE_NOOP("RequestTableModel", "Expirée"),
}
URGENT_MINUTES = 30  # a hold this close to its end is shown in red


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def status_text(entry: InboxEntry, now: datetime) -> str:
    """ "Créneau retenu — reste 1 h 05" """
    request = entry.request
    text = tr(STATUS_TEXTS[request.status])
    if request.holding and request.hold_until is not None:
        return f"{text} — {time_left(request.hold_until, now)}"
    return text


def time_left(hold_until: datetime, now: datetime) -> str:
    minutes = int((hold_until - now).total_seconds() // 60)
    if minutes <= 0:
        return QCoreApplication.translate("RequestTableModel", "délai écoulé")
    if minutes < 60:
        return QCoreApplication.translate("RequestTableModel", "reste {minutes} min").format(
            minutes=minutes
        )
    return QCoreApplication.translate("RequestTableModel", "reste {hours} h {minutes:02d}").format(
        hours=minutes // 60, minutes=minutes % 60
    )


def record_text(entry: InboxEntry) -> str:
    """Whether the patient is known: the record's number, "new patient", or how many match."""
    if entry.request.appointment_id is not None and entry.patient is not None:
        return QCoreApplication.translate("RequestTableModel", "Dossier n° {id}").format(
            id=entry.patient.id
        )
    if entry.patient is None:
        return (
            QCoreApplication.translate("RequestTableModel", "Nouveau patient")
            if entry.request.birth_date
            else "—"
        )
    if entry.matches > 1:
        return QCoreApplication.translate(
            "RequestTableModel", "{n} dossiers possibles (n° {id} retenu)"
        ).format(n=entry.matches, id=entry.patient.id)
    return QCoreApplication.translate("RequestTableModel", "Dossier existant n° {id}").format(
        id=entry.patient.id
    )


@dataclass(frozen=True)
class InboxRow:
    """A request with the texts of its columns."""

    entry: InboxEntry
    cells: tuple[str, ...]
    urgent: bool = False


def inbox_rows(
    entries: Sequence[InboxEntry], calendar: AgendaCalendar, now: datetime
) -> list[InboxRow]:
    """The rows of ``entries`` as the table shows them at ``now``."""
    rows = []
    for entry in entries:
        r = entry.request
        received = calendar.local(r.received_at)
        slot = ""
        if r.start is not None:
            local = calendar.local(r.start)
            slot = f"{texts.short_day(local.date())} {texts.clock(local)}"
        patient = f"{r.family_name.upper()} {r.given_names}".strip()
        cells = (
            patient or QCoreApplication.translate("RequestTableModel", "(demande illisible)"),
            slot or "—",
            status_text(entry, now),
            entry.practitioner_name or "—",
            entry.visit_reason_label or "—",
            record_text(entry),
            f"{texts.short_day(received.date())} {texts.clock(received)}",
        )
        urgent = bool(
            r.holding
            and r.hold_until is not None
            and (r.hold_until - now).total_seconds() < URGENT_MINUTES * 60
        )
        rows.append(InboxRow(entry, cells, urgent))
    return rows


class RequestTableModel(QAbstractTableModel):
    """Rows of ``InboxRow``; ``REQUEST_ROLE`` gives the ``InboxEntry``."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[InboxRow] = []

    def set_rows(self, rows: Sequence[InboxRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[InboxRow]:
        return list(self._rows)

    def row_of(self, request_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.entry.request.id == request_id), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(HEADERS)
        ):
            return self.tr(HEADERS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == REQUEST_ROLE:
            return row.entry
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.cells[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and row.urgent and index.column() == COL_STATUS:
            return QColor("#b3261e")
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == COL_REASON:
                return row.cells[COL_REASON]
            reason = row.entry.request.decision_reason
            return reason or row.entry.request.message or None
        return None
