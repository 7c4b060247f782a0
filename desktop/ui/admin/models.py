"""Thin read-only Qt table models over the administration's domain dataclasses.

``ColumnTableModel`` shows a list of frozen dataclasses through ``Column``s (header, text, and
optionally a colour swatch or a greyed row); each list of the administration window is one of
them (``sites_model()``, ``users_model()``…). ``ROW_ROLE`` gives back the dataclass of a row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from desktop.domain.model import Closure, Opening, Practitioner, Role, User, VisitReason
from desktop.domain.scheduling import WEEKDAY_LABELS
from desktop.ui.roles import role_label

AnyIndex = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
INACTIVE = QColor("#8a8f98")
# Which weeks an opening runs, as the interface says it (translated by ``weeks_label``).
WEEKS_LABELS = {
    "all": QT_TRANSLATE_NOOP("AdminModels", "Toutes"),
    "even": QT_TRANSLATE_NOOP("AdminModels", "Paires"),
    "odd": QT_TRANSLATE_NOOP("AdminModels", "Impaires"),
}
CONTEXT = "AdminModels"


@dataclass(frozen=True)
class Column:
    """One column: its header and what each row writes in it."""

    header: str  # French, marked with QT_TRANSLATE_NOOP("AdminModels", …)
    text: Callable[[Any], str]
    color: Callable[[Any], str | None] | None = None


class ColumnTableModel(QAbstractTableModel):
    """Rows of dataclasses shown through columns; rows whose ``active`` is False are greyed."""

    def __init__(self, columns: Sequence[Column], parent=None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, predicate: Callable[[Any], bool]) -> int:
        """The first row whose item satisfies ``predicate``, -1 when none does."""
        return next((i for i, item in enumerate(self._rows) if predicate(item)), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._columns)
        ):
            return _t(self._columns[section].header)
        return None

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
        if not 0 <= index.column() < len(self._columns):
            return None
        item, column = self._rows[index.row()], self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(item)
        if role == ROW_ROLE:
            return item
        if role == Qt.ItemDataRole.DecorationRole and column.color is not None:
            color = column.color(item)
            return QColor(color) if color else None
        if role == Qt.ItemDataRole.ForegroundRole and getattr(item, "active", True) is False:
            return QBrush(INACTIVE)
        return None


def _t(text: str) -> str:
    """A text of this module (marked for lupdate where it is written), translated."""
    return QCoreApplication.translate(CONTEXT, text)


def weeks_label(value: str) -> str:
    """ "Toutes", "Paires", "Impaires" for ``Weeks`` values, in the interface's language."""
    return _t(WEEKS_LABELS[value])


def weekday_label(weekday: int) -> str:
    """ "Lundi"… (0 = Monday), in the interface's language."""
    return QCoreApplication.translate("Texts", WEEKDAY_LABELS[weekday]).capitalize()


def _yes(value: bool) -> str:
    if value:
        return QCoreApplication.translate("AdminModels", "oui")
    return QCoreApplication.translate("AdminModels", "non")


def _state(item) -> str:
    if item.active:
        return QCoreApplication.translate("AdminModels", "actif")
    return QCoreApplication.translate("AdminModels", "désactivé")


def sites_model(parent=None) -> ColumnTableModel:
    return ColumnTableModel(
        [
            Column(QT_TRANSLATE_NOOP("AdminModels", "Code"), lambda s: s.code),
            Column(QT_TRANSLATE_NOOP("AdminModels", "Nom"), lambda s: s.name),
            Column(QT_TRANSLATE_NOOP("AdminModels", "Adresse"), lambda s: s.address),
        ],
        parent,
    )


def departments_model(site_names: Callable[[int], str], parent=None) -> ColumnTableModel:
    return ColumnTableModel(
        [
            Column(QT_TRANSLATE_NOOP("AdminModels", "Code"), lambda d: d.code),
            Column(QT_TRANSLATE_NOOP("AdminModels", "Nom"), lambda d: d.name),
            Column(QT_TRANSLATE_NOOP("AdminModels", "Site"), lambda d: site_names(d.site_id)),
        ],
        parent,
    )


def practitioners_model(department_names: Callable[[int], str], parent=None) -> ColumnTableModel:
    def rpps(p: Practitioner) -> str:
        return p.rpps or ""

    return ColumnTableModel(
        [
            Column(QT_TRANSLATE_NOOP("AdminModels", "Code"), lambda p: p.code),
            Column(QT_TRANSLATE_NOOP("AdminModels", "Nom"), lambda p: p.name),
            Column(
                QT_TRANSLATE_NOOP("AdminModels", "Service"),
                lambda p: department_names(p.department_id),
            ),
            Column(QT_TRANSLATE_NOOP("AdminModels", "RPPS"), rpps),
            Column(QT_TRANSLATE_NOOP("AdminModels", "État"), _state),
        ],
        parent,
    )


def visit_reasons_model(department_names: Callable[[int], str], parent=None) -> ColumnTableModel:
    def notice(v: VisitReason) -> str:
        return f"{v.min_notice_hours} h" if v.min_notice_hours else ""

    return ColumnTableModel(
        [
            Column(
                QT_TRANSLATE_NOOP("AdminModels", "Libellé"), lambda v: v.label, lambda v: v.color
            ),
            Column(QT_TRANSLATE_NOOP("AdminModels", "Code"), lambda v: v.code),
            Column(
                QT_TRANSLATE_NOOP("AdminModels", "Service"),
                lambda v: department_names(v.department_id),
            ),
            Column(QT_TRANSLATE_NOOP("AdminModels", "Durée"), lambda v: f"{v.duration_min} min"),
            Column(QT_TRANSLATE_NOOP("AdminModels", "En ligne"), lambda v: _yes(v.online)),
            Column(QT_TRANSLATE_NOOP("AdminModels", "Nouveaux"), lambda v: _yes(v.new_patients)),
            Column(QT_TRANSLATE_NOOP("AdminModels", "Prévenance"), notice),
            Column(QT_TRANSLATE_NOOP("AdminModels", "État"), _state),
        ],
        parent,
    )


def openings_model(
    site_names: Callable[[int], str], reason_labels: Callable[[int], str], parent=None
) -> ColumnTableModel:
    def validity(o: Opening) -> str:
        start = f"{o.valid_from:%d/%m/%Y}"
        if o.valid_to is None:
            return QCoreApplication.translate("AdminModels", "du {start}, sans fin").format(
                start=start
            )
        return QCoreApplication.translate("AdminModels", "du {start} au {end}").format(
            start=start, end=f"{o.valid_to:%d/%m/%Y}"
        )

    def reasons(o: Opening) -> str:
        return ", ".join(sorted(reason_labels(v) for v in o.visit_reason_ids))

    return ColumnTableModel(
        [
            Column(QT_TRANSLATE_NOOP("AdminModels", "Jour"), lambda o: weekday_label(o.weekday)),
            Column(
                QT_TRANSLATE_NOOP("AdminModels", "Horaires"),
                lambda o: f"{o.start:%H:%M}–{o.end:%H:%M}",
            ),
            Column(QT_TRANSLATE_NOOP("AdminModels", "Pas"), lambda o: f"{o.step_min} min"),
            Column(
                QT_TRANSLATE_NOOP("AdminModels", "Semaines"), lambda o: weeks_label(o.weeks.value)
            ),
            Column(QT_TRANSLATE_NOOP("AdminModels", "Validité"), validity),
            Column(QT_TRANSLATE_NOOP("AdminModels", "Site"), lambda o: site_names(o.site_id)),
            Column(QT_TRANSLATE_NOOP("AdminModels", "Motifs"), reasons),
        ],
        parent,
    )


def closures_model(site_names: Callable[[int], str], parent=None) -> ColumnTableModel:
    def dates(c: Closure) -> str:
        first, last = f"{c.date_from:%d/%m/%Y}", f"{c.date_to:%d/%m/%Y}"
        if c.date_from == c.date_to:
            return QCoreApplication.translate("AdminModels", "le {day}").format(day=first)
        return QCoreApplication.translate("AdminModels", "du {start} au {end}").format(
            start=first, end=last
        )

    return ColumnTableModel(
        [
            Column(QT_TRANSLATE_NOOP("AdminModels", "Site"), lambda c: site_names(c.site_id)),
            Column(QT_TRANSLATE_NOOP("AdminModels", "Dates"), dates),
            Column(QT_TRANSLATE_NOOP("AdminModels", "Motif"), lambda c: c.reason),
        ],
        parent,
    )


def absences_model(
    practitioner_names: Callable[[int], str], local: Callable, parent=None
) -> ColumnTableModel:
    def when(a) -> str:
        return QCoreApplication.translate("AdminModels", "du {start} au {end}").format(
            start=f"{local(a.start):%d/%m/%Y %H:%M}", end=f"{local(a.end):%d/%m/%Y %H:%M}"
        )

    return ColumnTableModel(
        [
            Column(
                QT_TRANSLATE_NOOP("AdminModels", "Praticien"),
                lambda a: practitioner_names(a.practitioner_id),
            ),
            Column(QT_TRANSLATE_NOOP("AdminModels", "Période"), when),
            Column(QT_TRANSLATE_NOOP("AdminModels", "Motif"), lambda a: a.reason),
        ],
        parent,
    )


def users_model(practitioner_names: Callable[[int], str], parent=None) -> ColumnTableModel:
    def linked(u: User) -> str:
        return practitioner_names(u.practitioner_id) if u.practitioner_id else ""

    return ColumnTableModel(
        [
            Column(QT_TRANSLATE_NOOP("AdminModels", "Identifiant"), lambda u: u.login),
            Column(QT_TRANSLATE_NOOP("AdminModels", "Nom affiché"), lambda u: u.display_name),
            Column(QT_TRANSLATE_NOOP("AdminModels", "Rôle"), lambda u: role_label(Role(u.role))),
            Column(QT_TRANSLATE_NOOP("AdminModels", "Agenda lié"), linked),
            Column(QT_TRANSLATE_NOOP("AdminModels", "État"), _state),
        ],
        parent,
    )
