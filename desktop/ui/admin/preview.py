"""The preview of weekly openings: one row per ISO week (number and parity), one column per
weekday; each cell gives the hours open and the number of slots that day, or why it is closed.

``PreviewModel`` is a thin adapter over ``desktop.domain.opening_preview.PreviewWeek`` rows;
the tooltip of a cell lists every slot and the notes (other week parity, validity, closure).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop.domain.opening_preview import PreviewDay, PreviewWeek
from desktop.domain.scheduling import WEEKDAY_LABELS
from desktop.ui import texts

AnyIndex = QModelIndex | QPersistentModelIndex
DAY_ROLE = Qt.ItemDataRole.UserRole + 1
CONTEXT = "OpeningPreview"
# The domain's notes (``desktop.domain.opening_preview``: "09:00–12:00 : semaines paires
# seulement"…) and closures (``AgendaCalendar.closure_reason``) as the interface says them.
_NOTE = re.compile(r"^(?P<span>\S+) : (?P<why>.+)$")
_WHYS = (
    (re.compile(r"^valable à partir du (?P<date>.+)$"),
     QT_TRANSLATE_NOOP("OpeningPreview", "valable à partir du {date}")),
    (re.compile(r"^terminée le (?P<date>.+)$"),
     QT_TRANSLATE_NOOP("OpeningPreview", "terminée le {date}")),
    (re.compile(r"^semaines paires seulement$"),
     QT_TRANSLATE_NOOP("OpeningPreview", "semaines paires seulement")),
    (re.compile(r"^semaines impaires seulement$"),
     QT_TRANSLATE_NOOP("OpeningPreview", "semaines impaires seulement")),
    (re.compile(r"^horaires ou pas invalides, aucun créneau$"),
     QT_TRANSLATE_NOOP("OpeningPreview", "horaires ou pas invalides, aucun créneau")),
)  # fmt: skip
_CLOSED = (
    (re.compile(r"^jour férié \((?P<name>.*)\)$"),
     QT_TRANSLATE_NOOP("OpeningPreview", "jour férié ({name})")),
    (re.compile(r"^fermeture du site \((?P<name>.*)\)$"),
     QT_TRANSLATE_NOOP("OpeningPreview", "fermeture du site ({name})")),
    (re.compile(r"^fermeture du site$"),
     QT_TRANSLATE_NOOP("OpeningPreview", "fermeture du site")),
)  # fmt: skip
OPEN_COLOR = QColor("#e3f3e6")
CLOSED_COLOR = QColor("#f8e1e1")
NOTE_COLOR = QColor("#f4f1e6")
EVEN_COLOR = QColor("#eef2fb")


def spans(day: PreviewDay) -> list[str]:
    """ "09:00–12:30" for each period open that day, in order."""
    return [f"{start:%H:%M}–{end:%H:%M}" for start, end in day.hours]


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _translated(text: str, patterns) -> str:
    """A French sentence of the domain matching one of ``patterns``, in the interface's
    language (unchanged when none matches)."""
    for pattern, template in patterns:
        found = pattern.match(text)
        if found:
            return _t(template).format(**found.groupdict())
    return text


def why_text(note: str) -> str:
    """ "14:00–16:00 : semaines paires seulement" -> "semaines paires seulement", translated."""
    found = _NOTE.match(note)
    return _translated(found["why"] if found else note, _WHYS)


def note_text(note: str) -> str:
    """A note of the domain, translated: "14:00–16:00 : semaines paires seulement"."""
    found = _NOTE.match(note)
    if not found:
        return note
    return QCoreApplication.translate("OpeningPreview", "{span} : {why}").format(
        span=found["span"], why=why_text(note)
    )


def closed_text(closed: str) -> str:
    """ "jour férié (Pâques)", "fermeture du site (Travaux)", translated."""
    return _translated(closed, _CLOSED)


def day_header(weekday: int) -> str:
    """ "Lundi"… (0 = Monday), in the interface's language."""
    return texts.capitalised(QCoreApplication.translate("Texts", WEEKDAY_LABELS[weekday]))


def cell_text(day: PreviewDay) -> str:
    if day.slots:
        count = texts.count(
            len(day.slots),
            QCoreApplication.translate("OpeningPreview", "créneau"),
            QCoreApplication.translate("OpeningPreview", "créneaux"),
        )
        return "\n".join([*spans(day), count])
    if day.closed:
        return QCoreApplication.translate("OpeningPreview", "Fermé\n{why}").format(
            why=closed_text(day.closed).split(" (")[0]
        )
    if day.notes:
        return why_text(day.notes[0])
    return ""


def cell_tooltip(day: PreviewDay) -> str:
    lines = [texts.capitalised(texts.long_date(day.day))]
    if day.slots:
        lines.append(", ".join(f"{s.start:%H:%M}" for s in day.slots))
    if day.closed:
        lines.append(
            QCoreApplication.translate("OpeningPreview", "Fermé : {why}").format(
                why=closed_text(day.closed)
            )
        )
    lines += [note_text(note) for note in day.notes]
    return "\n".join(lines)


class PreviewModel(QAbstractTableModel):
    """Weeks × weekdays of a preview (see the module)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._weeks: list[PreviewWeek] = []

    def set_weeks(self, weeks: Sequence[PreviewWeek]) -> None:
        self.beginResetModel()
        self._weeks = list(weeks)
        self.endResetModel()

    def weeks(self) -> list[PreviewWeek]:
        return list(self._weeks)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._weeks)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < 7:
                return day_header(section)
            return None
        if not 0 <= section < len(self._weeks):
            return None
        week = self._weeks[section]
        if role == Qt.ItemDataRole.DisplayRole:
            if week.even:
                template = QCoreApplication.translate(
                    "OpeningPreview", "S{number} · paire\n{monday}"
                )
            else:
                template = QCoreApplication.translate(
                    "OpeningPreview", "S{number} · impaire\n{monday}"
                )
            return template.format(number=week.number, monday=f"{week.monday:%d/%m/%Y}")
        if role == Qt.ItemDataRole.BackgroundRole and week.even:
            return QBrush(EVEN_COLOR)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def day_at(self, row: int, column: int) -> PreviewDay | None:
        if 0 <= row < len(self._weeks) and 0 <= column < 7:
            return self._weeks[row].days[column]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        day = self.day_at(index.row(), index.column()) if index.isValid() else None
        if day is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(day)
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell_tooltip(day)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return cell_tooltip(day).replace("\n", " ; ")
        if role == DAY_ROLE:
            return day
        if role == Qt.ItemDataRole.BackgroundRole:
            if day.slots:
                return QBrush(OPEN_COLOR)
            if day.closed:
                return QBrush(CLOSED_COLOR)
            if day.notes:
                return QBrush(NOTE_COLOR)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class PreviewView(QTableView):
    """The preview table, read-only, rows as tall as their text."""

    def __init__(self, model: PreviewModel, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("openingPreview")
        self.setAccessibleName(self.tr("Aperçu des créneaux des semaines à venir"))
        self.setModel(model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.setShowGrid(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumHeight(220)
