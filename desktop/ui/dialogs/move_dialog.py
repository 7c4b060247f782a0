"""Moving an appointment through a dialog: a practitioner of the department, a date and a time,
with the next free slots of the same visit reason proposed — all usable from the keyboard.

Keys: Alt+P practitioner, Alt+D date, Alt+H time, Alt+S the free slots (arrows choose one and
fill the fields), Alt+T search the whole department; Enter moves, Esc closes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import CreneauError
from desktop.domain.model import Practitioner, Slot
from desktop.domain.scheduling import AgendaCalendar
from desktop.ui import texts
from desktop.ui.dialogs.cancel_dialog import DIALOG_STYLE, dialog_title, summary_label
from desktop.ui.models.agenda_layout import AgendaEntry

SLOT_LIMIT = 5
SEARCH_DAYS = 90
MINUTE_STEP = 5
SLOT_ROLE = Qt.ItemDataRole.UserRole + 1


class MinuteStepTimeEdit(QTimeEdit):
    """A time field whose arrows move the minutes by five."""

    def stepBy(self, steps: int) -> None:
        if self.currentSection() == QTimeEdit.Section.MinuteSection:
            self.setTime(self.time().addSecs(steps * MINUTE_STEP * 60))
        else:
            super().stepBy(steps)


class MoveDialog(QDialog):
    """Asks where to move ``entry``; ``chosen()`` gives (practitioner id, UTC start) once
    accepted. The free slots come from ``find_slots(practitioner_ids or None, from_day)``."""

    def __init__(
        self,
        entry: AgendaEntry,
        practitioners: Sequence[Practitioner],
        calendar: AgendaCalendar,
        today: date,
        find_slots,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("moveDialog")
        self.setWindowTitle(self.tr("Déplacer le rendez-vous"))
        self.setStyleSheet(DIALOG_STYLE)
        self.setMinimumWidth(520)
        self.entry = entry
        self._calendar = calendar
        self._today = today
        self._find_slots = find_slots
        self._practitioners = list(practitioners)
        if entry.appointment.practitioner_id not in {p.id for p in self._practitioners}:
            self._practitioners.insert(
                0,
                Practitioner(entry.appointment.practitioner_id, "", entry.practitioner_name, 0),
            )
        self._chosen: tuple[int, datetime] | None = None

        self.practitioner_combo = QComboBox(objectName="movePractitioner")
        self.practitioner_combo.addItems([p.name for p in self._practitioners])
        self.practitioner_combo.setAccessibleName(self.tr("Praticien"))
        self.date_edit = QDateEdit(objectName="moveDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setAccessibleName(self.tr("Date"))
        self.time_edit = MinuteStepTimeEdit(objectName="moveTime")
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName(self.tr("Heure"))
        self.time_edit.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
        self.day_label = QLabel(objectName="dialogHint")
        when = QHBoxLayout()
        when.setSpacing(10)
        when.addWidget(self.date_edit)
        when.addWidget(self.day_label, 1)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(12)
        practitioner_label = QLabel(self.tr("&Praticien :"))
        practitioner_label.setBuddy(self.practitioner_combo)
        date_label = QLabel(self.tr("&Date :"))
        date_label.setBuddy(self.date_edit)
        time_label = QLabel(self.tr("&Heure :"))
        time_label.setBuddy(self.time_edit)
        time_row = QHBoxLayout()
        time_row.addWidget(self.time_edit)
        time_row.addStretch(1)
        form.addRow(practitioner_label, self.practitioner_combo)
        form.addRow(date_label, when)
        form.addRow(time_label, time_row)

        self.slots_label = QLabel(objectName="slotsLabel")
        self.slots_list = QListWidget(objectName="moveSlots")
        self.slots_list.setAccessibleName(self.tr("Prochains créneaux libres"))
        row_height = self.slots_list.fontMetrics().height() + 10
        self.slots_list.setFixedHeight(SLOT_LIMIT * row_height + 8)
        self.slots_label.setBuddy(self.slots_list)
        self.department_check = QCheckBox(
            self.tr("Chercher dans &tout le service"), objectName="moveAll"
        )

        self.error_label = QLabel(objectName="dialogError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.buttons = QDialogButtonBox()
        self.move_button = self.buttons.addButton(
            self.tr("Déplacer"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = self.buttons.addButton(
            self.tr("Fermer"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.move_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(dialog_title(self.tr("Déplacer le rendez-vous")))
        layout.addWidget(summary_label(entry))
        layout.addLayout(form)
        layout.addSpacing(4)
        layout.addWidget(self.slots_label)
        layout.addWidget(self.slots_list)
        layout.addWidget(self.department_check)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        index = next(
            i
            for i, p in enumerate(self._practitioners)
            if p.id == entry.appointment.practitioner_id
        )
        self.practitioner_combo.setCurrentIndex(index)
        start_day = max(entry.start.date(), today)
        self.date_edit.setDate(QDate(start_day.year, start_day.month, start_day.day))
        self.time_edit.setTime(QTime(entry.start.hour, entry.start.minute))
        self.setTabOrder(self.practitioner_combo, self.date_edit)
        self.setTabOrder(self.date_edit, self.time_edit)
        self.setTabOrder(self.time_edit, self.department_check)
        self.setTabOrder(self.department_check, self.slots_list)

        self.practitioner_combo.currentIndexChanged.connect(self._on_criteria_changed)
        self.date_edit.dateChanged.connect(self._on_criteria_changed)
        self.department_check.toggled.connect(self._on_criteria_changed)
        self.time_edit.timeChanged.connect(lambda _t: self._clear_error())
        self.slots_list.currentItemChanged.connect(self._on_slots_list_current_changed)
        self.slots_list.itemActivated.connect(lambda _item: self.accept())
        self._filling = False
        self.refresh_slots()
        self.practitioner_combo.setFocus()

    # --- what was chosen -----------------------------------------------------------------------

    def practitioner(self) -> Practitioner:
        return self._practitioners[self.practitioner_combo.currentIndex()]

    def wall_time(self) -> datetime:
        """The date and time typed, as a naive local wall time."""
        return datetime.combine(self.date_edit.date().toPython(), self.time_edit.time().toPython())

    def chosen(self) -> tuple[int, datetime] | None:
        """(practitioner id, UTC start) once accepted, else None."""
        return self._chosen

    def slots(self) -> list[Slot]:
        return [self.slots_list.item(i).data(SLOT_ROLE) for i in range(self.slots_list.count())]

    def choose_slot(self, row: int) -> None:
        self.slots_list.setCurrentRow(row)

    def accept(self) -> None:
        try:
            start = self._calendar.to_utc(self.wall_time())
        except CreneauError as exc:
            self._show_error(exc.message)
            return
        practitioner = self.practitioner()
        same = (
            practitioner.id == self.entry.appointment.practitioner_id
            and start == self.entry.appointment.start
        )
        if same:
            self._show_error(
                self.tr("C'est déjà l'horaire de ce rendez-vous : choisissez-en un autre.")
            )
            return
        self._chosen = (practitioner.id, start)
        super().accept()

    # --- the free slots ------------------------------------------------------------------------

    def refresh_slots(self) -> None:
        """The next free slots for the visit reason, from the date chosen."""
        from_day = max(self.date_edit.date().toPython(), self._today)
        everyone = self.department_check.isChecked()
        ids = None if everyone else [self.practitioner().id]
        if everyone:
            heading = self.tr("Prochains créneau&x libres du service à partir du {day} :")
        else:
            heading = self.tr("Prochains créneau&x libres de ce praticien à partir du {day} :")
        self.slots_label.setText(heading.format(day=f"{from_day:%d/%m/%Y}"))
        self._filling = True
        self.slots_list.clear()
        try:
            found = self._find_slots(ids, from_day)
        except CreneauError as exc:
            found = []
            self._show_error(exc.message)
        names = {p.id: p.name for p in self._practitioners}
        for slot in found:
            start, end = self._calendar.local(slot.start), self._calendar.local(slot.end)
            text = (
                f"{texts.capitalised(texts.short_day(start.date()))}  {texts.clock(start)} – "
                f"{texts.clock(end)}"
            )
            if everyone:
                text += f"  ·  {names.get(slot.practitioner_id, '')}"
            item = QListWidgetItem(text)
            item.setData(SLOT_ROLE, slot)
            self.slots_list.addItem(item)
        if not found:
            empty = QListWidgetItem(
                self.tr("Aucun créneau libre dans les {days} jours.").format(days=SEARCH_DAYS)
            )
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.slots_list.addItem(empty)
        self._filling = False
        self._update_day_label()

    def _on_criteria_changed(self, *_args) -> None:
        if self._filling:
            return
        self._clear_error()
        self.refresh_slots()

    def _on_slots_list_current_changed(self, current: QListWidgetItem | None, _previous) -> None:
        if self._filling or current is None or current.data(SLOT_ROLE) is None:
            return
        slot: Slot = current.data(SLOT_ROLE)
        start = self._calendar.local(slot.start)
        self._filling = True
        try:
            index = next(
                (i for i, p in enumerate(self._practitioners) if p.id == slot.practitioner_id),
                None,
            )
            if index is not None:
                self.practitioner_combo.setCurrentIndex(index)
            self.date_edit.setDate(QDate(start.year, start.month, start.day))
            self.time_edit.setTime(QTime(start.hour, start.minute))
        finally:
            self._filling = False
        self._update_day_label()
        self._clear_error()

    def _update_day_label(self) -> None:
        day = self.date_edit.date().toPython()
        self.day_label.setText(texts.long_date(day))

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def _clear_error(self) -> None:
        self.error_label.hide()


def search_days(from_day: date) -> tuple[date, date]:
    """The days searched for free slots from ``from_day``."""
    return from_day, from_day + timedelta(days=SEARCH_DAYS - 1)


def wall(day: date, minute: int) -> datetime:
    """A naive local wall time from a day and minutes since midnight."""
    return datetime.combine(day, time(minute // 60 % 24, minute % 60))
