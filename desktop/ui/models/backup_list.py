"""The archives of the backup folder as a table: date, file, what they hold, size.

Rows are the services' ``BackupListing`` (``BackupService.list_backups``); an archive whose
manifest cannot be read is still listed, with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

AnyIndex = QModelIndex | QPersistentModelIndex
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
COL_DATE, COL_FILE, COL_APPOINTMENTS, COL_PATIENTS, COL_ROWS, COL_SIZE, COL_STATE = range(7)
HEADERS = (
    QT_TRANSLATE_NOOP("BackupListModel", "Date"),
    QT_TRANSLATE_NOOP("BackupListModel", "Fichier"),
    QT_TRANSLATE_NOOP("BackupListModel", "Rendez-vous"),
    QT_TRANSLATE_NOOP("BackupListModel", "Patients"),
    QT_TRANSLATE_NOOP("BackupListModel", "Lignes"),
    QT_TRANSLATE_NOOP("BackupListModel", "Taille"),
    QT_TRANSLATE_NOOP("BackupListModel", "État"),
)
_NUMERIC = (COL_APPOINTMENTS, COL_PATIENTS, COL_ROWS, COL_SIZE)


def _tr(text: str) -> str:
    return QCoreApplication.translate("BackupListModel", text)


UNITS = (
    QT_TRANSLATE_NOOP("BackupListModel", "o"),
    QT_TRANSLATE_NOOP("BackupListModel", "Ko"),
    QT_TRANSLATE_NOOP("BackupListModel", "Mo"),
    QT_TRANSLATE_NOOP("BackupListModel", "Go"),
    QT_TRANSLATE_NOOP("BackupListModel", "To"),
)


def human_size(size: int) -> str:
    """ "12,3 Mo" (powers of 1024; "12.3 MB" in English)."""
    value, unit = float(size), UNITS[0]
    for unit in UNITS:
        if value < 1024 or unit == UNITS[-1]:
            break
        value /= 1024
    if unit == UNITS[0] or value >= 100:
        text = f"{value:.0f}"
    else:
        whole, tenth = f"{value:.1f}".split(".")
        text = QCoreApplication.translate("BackupListModel", "{whole},{tenth}").format(
            whole=whole, tenth=tenth
        )
    return f"{text} {_tr(unit)}"


def _number(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


class BackupListModel(QAbstractTableModel):
    """One row per archive; ``PATH_ROLE`` gives its path."""

    def __init__(self, local: Callable[[datetime], datetime] | None = None, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []
        self._local = local or (lambda instant: instant.astimezone())

    def set_rows(self, rows: Sequence) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list:
        return list(self._rows)

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
            return _tr(HEADERS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        listing = self._rows[index.row()]
        column = index.column()
        if role == PATH_ROLE:
            return str(listing.path)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(listing, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if listing.manifest is None:
                return listing.error
            m = listing.manifest
            return QCoreApplication.translate(
                "BackupListModel", "Base {engine} ({method}), révision {revision}, SHA-256 {sha}"
            ).format(engine=m.engine, method=m.method, revision=m.revision, sha=m.data_sha256[:16])
        return None

    def _text(self, listing, column: int) -> str:
        m = listing.manifest
        if column == COL_FILE:
            return listing.path.name
        if column == COL_SIZE:
            return human_size(listing.size)
        if column == COL_DATE:
            when = m.created_at if m is not None else listing.modified
            return self._local(when).strftime("%d/%m/%Y %H:%M") if when else ""
        if m is None:
            if column == COL_STATE:
                return QCoreApplication.translate("BackupListModel", "illisible")
            return "—"
        if column == COL_APPOINTMENTS:
            return _number(m.row_counts.get("appointment", 0))
        if column == COL_PATIENTS:
            return _number(m.row_counts.get("patient", 0))
        if column == COL_ROWS:
            return _number(m.total_rows)
        return QCoreApplication.translate("BackupListModel", "lisible")
