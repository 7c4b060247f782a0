"""The audit screen's table: a thin Qt model over ``AuditEntry`` rows, newest first.

Times are shown in the hospital's time zone; the details column summarises what changed
(``before`` → ``after``), the tooltip shows both states whole. Records carry ids, never names:
the patient column shows the patient's number. The texts are French, translated in the
``AuditTableModel`` context (actions as the history says them: ``desktop.ui.texts``); the
values recorded (reasons typed, names) are data and shown as stored.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from desktop.domain.model import AuditEntry, Status
from desktop.domain.permissions import ACTION_LABELS, Action
from desktop.domain.scheduling import AgendaCalendar
from desktop.ui.admin.wording import COUNT_NOUNS
from desktop.ui.texts import history_label, status_label

COL_AT, COL_ACTOR, COL_WORKSTATION, COL_ACTION, COL_OBJECT, COL_PATIENT = range(6)
COL_PRACTITIONER, COL_DETAILS = 6, 7
# Texts marked for translation, translated when shown (``tr``).
HEADERS = (
    QT_TRANSLATE_NOOP("AuditTableModel", "Date et heure"),
    QT_TRANSLATE_NOOP("AuditTableModel", "Utilisateur"),
    QT_TRANSLATE_NOOP("AuditTableModel", "Poste"),
    QT_TRANSLATE_NOOP("AuditTableModel", "Action"),
    QT_TRANSLATE_NOOP("AuditTableModel", "Objet"),
    QT_TRANSLATE_NOOP("AuditTableModel", "Patient"),
    QT_TRANSLATE_NOOP("AuditTableModel", "Praticien"),
    QT_TRANSLATE_NOOP("AuditTableModel", "Détails"),
)
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's ``AuditEntry``."""

OBJECT_LABELS = {
    "appointment": QT_TRANSLATE_NOOP("AuditTableModel", "Rendez-vous"),
    "patient": QT_TRANSLATE_NOOP("AuditTableModel", "Patient"),
    "waiting_entry": QT_TRANSLATE_NOOP("AuditTableModel", "Liste d'attente"),
    "absence": QT_TRANSLATE_NOOP("AuditTableModel", "Absence"),
    "user": QT_TRANSLATE_NOOP("AuditTableModel", "Utilisateur"),
    "structure": QT_TRANSLATE_NOOP("AuditTableModel", "Structure"),
    "audit": QT_TRANSLATE_NOOP("AuditTableModel", "Journal d'audit"),
    "demo": QT_TRANSLATE_NOOP("AuditTableModel", "Démonstration"),
}
# The keys of the audited states, as the screen names them (others are shown as stored).
FIELD_LABELS = {
    "status": QT_TRANSLATE_NOOP("AuditTableModel", "état"),
    "start": QT_TRANSLATE_NOOP("AuditTableModel", "début"),
    "end": QT_TRANSLATE_NOOP("AuditTableModel", "fin"),
    "patient_id": QT_TRANSLATE_NOOP("AuditTableModel", "patient"),
    "practitioner_id": QT_TRANSLATE_NOOP("AuditTableModel", "praticien"),
    "visit_reason_id": QT_TRANSLATE_NOOP("AuditTableModel", "motif"),
    "site_id": QT_TRANSLATE_NOOP("AuditTableModel", "site"),
    "channel": QT_TRANSLATE_NOOP("AuditTableModel", "canal"),
    "overbooked": QT_TRANSLATE_NOOP("AuditTableModel", "surbooking"),
    "overbooking_reason": QT_TRANSLATE_NOOP("AuditTableModel", "motif du surbooking"),
    "cancel_reason": QT_TRANSLATE_NOOP("AuditTableModel", "motif d'annulation"),
    "cancel_origin": QT_TRANSLATE_NOOP("AuditTableModel", "annulé à la demande de"),
    "notes_length": QT_TRANSLATE_NOOP("AuditTableModel", "longueur de la note"),
    "phones": QT_TRANSLATE_NOOP("AuditTableModel", "téléphones"),
    "has_email": QT_TRANSLATE_NOOP("AuditTableModel", "courriel"),
    "has_nir": QT_TRANSLATE_NOOP("AuditTableModel", "NIR"),
    "has_birth_name": QT_TRANSLATE_NOOP("AuditTableModel", "nom de naissance"),
    "action": QT_TRANSLATE_NOOP("AuditTableModel", "action refusée"),
    "reason": QT_TRANSLATE_NOOP("AuditTableModel", "motif"),
}
DETAILS_LENGTH = 160
_REFUSED = QColor("#b42318")

AnyIndex = QModelIndex | QPersistentModelIndex


def _translated(text: str) -> str:
    """A text marked above, in the interface's language."""
    return QCoreApplication.translate("AuditTableModel", text)


def number(value: int) -> str:
    """ "n° 12" """
    return QCoreApplication.translate("AuditTableModel", "n° {number}").format(number=value)


def object_text(entry: AuditEntry) -> str:
    """ "Rendez-vous n° 12" (the type, then the id)."""
    label = entry.object_type
    if label in OBJECT_LABELS:
        label = _translated(OBJECT_LABELS[label])
    return label if entry.object_id is None else f"{label} {number(entry.object_id)}"


def details_text(entry: AuditEntry) -> str:
    """What changed: ``key : before → after`` for each changed key, else the state recorded."""
    before, after = entry.before or {}, entry.after or {}
    if before and after:
        keys = [k for k in after if before.get(k) != after.get(k)]
        keys += [k for k in before if k not in after]
        parts = [_pair(k, f"{_value(k, before.get(k))} → {_value(k, after.get(k))}") for k in keys]
        text = _join(parts) or QCoreApplication.translate("AuditTableModel", "aucun changement")
    else:
        state = after or before
        text = _join([_pair(k, _value(k, v)) for k, v in state.items()])
    return text if len(text) <= DETAILS_LENGTH else text[: DETAILS_LENGTH - 1] + "…"


def _pair(key: str, value: str) -> str:
    """ "état : réservé" """
    if key in FIELD_LABELS:
        field = _translated(FIELD_LABELS[key])
    elif key in COUNT_NOUNS:  # what loading a structure file counted
        field = QCoreApplication.translate("StructureCounts", key)
    else:
        field = key
    template = QCoreApplication.translate("AuditTableModel", "{field} : {value}")
    return template.format(field=field, value=value)


def _join(parts: list[str]) -> str:
    return QCoreApplication.translate("AuditTableModel", " ; ").join(parts)


def _value(key: str, value: object) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        if value:
            return QCoreApplication.translate("AuditTableModel", "oui")
        return QCoreApplication.translate("AuditTableModel", "non")
    if key == "status" and value in _STATUSES:
        return status_label(Status(value)).lower()
    if key == "action" and value in _PERMISSIONS:
        return QCoreApplication.translate("Permissions", ACTION_LABELS[Action(value)])
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


_STATUSES = {s.value for s in Status}
_PERMISSIONS = {a.value for a in Action}


class AuditTableModel(QAbstractTableModel):
    """Read-only rows of ``AuditEntry``; ``ENTRY_ROLE`` gives the entry."""

    def __init__(self, calendar: AgendaCalendar, parent=None) -> None:
        super().__init__(parent)
        self._calendar = calendar
        self._rows: list[AuditEntry] = []
        self._practitioners: dict[int, str] = {}

    def set_practitioner_names(self, names: dict[int, str]) -> None:
        """The names the practitioner column shows (an unknown id shows as its number)."""
        self._practitioners = dict(names)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, COL_PRACTITIONER), self.index(len(self._rows) - 1, COL_PRACTITIONER)
            )

    def set_rows(self, rows: Sequence[AuditEntry]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[AuditEntry]:
        return list(self._rows)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
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
        entry = self._rows[index.row()]
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_DETAILS:
            return _tooltip(entry)
        if role == Qt.ItemDataRole.ForegroundRole and entry.action == "refused":
            return _REFUSED
        return None

    def _display(self, entry: AuditEntry, column: int) -> str | None:
        if column == COL_AT:
            return self._calendar.local(entry.at).strftime("%d/%m/%Y %H:%M:%S")
        if column == COL_ACTOR:
            return entry.actor
        if column == COL_WORKSTATION:
            return entry.workstation
        if column == COL_ACTION:
            return history_label(entry.action)
        if column == COL_OBJECT:
            return object_text(entry)
        if column == COL_PATIENT:
            return "" if entry.patient_id is None else number(entry.patient_id)
        if column == COL_PRACTITIONER:
            pid = entry.practitioner_id
            return "" if pid is None else self._practitioners.get(pid) or number(pid)
        if column == COL_DETAILS:
            return details_text(entry)
        return None


def _tooltip(entry: AuditEntry) -> str:
    title = QCoreApplication.translate("AuditTableModel", "Enregistrement {number} — {action}")
    lines = [title.format(number=number(entry.id), action=entry.action)]
    if entry.before is not None:
        state = json.dumps(entry.before, ensure_ascii=False, sort_keys=True)
        lines.append(
            QCoreApplication.translate("AuditTableModel", "Avant : {state}").format(state=state)
        )
    if entry.after is not None:
        state = json.dumps(entry.after, ensure_ascii=False, sort_keys=True)
        lines.append(
            QCoreApplication.translate("AuditTableModel", "Après : {state}").format(state=state)
        )
    return "\n".join(lines)
