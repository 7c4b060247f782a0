"""Entering a practitioner's absence, and dealing with the appointments it hits.

The secretary picks the practitioner, the local start and end and a reason; « Voir l'impact »
lists the appointments the absence hits with, for each, the first free slot that could replace
it (``AbsenceService.impact``); « Enregistrer l'absence » records it. Then « Tout replanifier »
moves every hit appointment to its proposal (``rebook_all``), or « Replanifier » one row
(``rebook``); those left stay listed as patients to call, with their phones (``call_list``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import CreneauError
from desktop.domain.model import Absence, Actor, Practitioner, Slot
from desktop.domain.phones import format_phone
from desktop.ui import texts

if TYPE_CHECKING:
    from desktop.services.absences import ImpactItem
    from desktop.services.container import Services

COL_WHEN, COL_PATIENT, COL_REASON, COL_REPLACEMENT, COL_ACTION = range(5)
HEADERS = (  # French source texts of the AbsenceDialog context, translated when shown
    QT_TRANSLATE_NOOP("AbsenceDialog", "Rendez-vous"),
    QT_TRANSLATE_NOOP("AbsenceDialog", "Patient"),
    QT_TRANSLATE_NOOP("AbsenceDialog", "Motif"),
    QT_TRANSLATE_NOOP("AbsenceDialog", "Remplacement proposé"),
    "",
)


class AbsenceDialog(QDialog):
    """The absence form, its impact table and the call list.

    ``agenda_changed`` after an absence was recorded or appointments moved (the window reloads);
    ``message(text, is_error)`` for the window's message bar.
    """

    agenda_changed = Signal()
    message = Signal(str, bool)

    def __init__(
        self,
        services: Services,
        actor: Callable[[], Actor | None],
        practitioners: Sequence[Practitioner],
        day: date,
        practitioner_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("absenceDialog")
        self.setWindowTitle(self.tr("Absence d'un praticien"))
        self._services = services
        self._actor = actor
        self._calendar = services.structure.calendar()
        self._items: list[ImpactItem] = []
        self._reasons = {v.id: v.label for v in services.agenda.visit_reasons()}
        self._names = {p.id: p.name for p in services.agenda.practitioners()}
        self.absence: Absence | None = None

        self.practitioner_combo = QComboBox(objectName="absencePractitioner")
        self.practitioner_combo.setAccessibleName(self.tr("Praticien absent"))
        for p in practitioners:
            self.practitioner_combo.addItem(p.name, p.id)
        if practitioner_id is not None:
            self.practitioner_combo.setCurrentIndex(
                max(self.practitioner_combo.findData(practitioner_id), 0)
            )
        qday = QDate(day.year, day.month, day.day)
        self.start_edit = self._date_time(
            "absenceStart", self.tr("Début de l'absence"), qday, QTime(8, 0)
        )
        self.end_edit = self._date_time(
            "absenceEnd", self.tr("Fin de l'absence"), qday, QTime(19, 0)
        )
        self.reason_edit = QLineEdit(objectName="absenceReason")
        self.reason_edit.setAccessibleName(self.tr("Motif de l'absence"))
        self.reason_edit.setPlaceholderText(self.tr("Congé, formation, maladie…"))
        self.reason_edit.setMaxLength(200)
        form = QFormLayout()
        form.addRow(self.tr("Praticien :"), self.practitioner_combo)
        form.addRow(self.tr("Du :"), self.start_edit)
        form.addRow(self.tr("Au :"), self.end_edit)
        form.addRow(self.tr("Motif :"), self.reason_edit)

        self.preview_button = QPushButton(self.tr("Voir l'impact"), objectName="absencePreview")
        self.preview_button.clicked.connect(self.preview)
        self.save_button = QPushButton(self.tr("Enregistrer l'absence"), objectName="absenceSave")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        form_buttons = QHBoxLayout()
        form_buttons.addStretch(1)
        form_buttons.addWidget(self.preview_button)
        form_buttons.addWidget(self.save_button)

        self.summary_label = QLabel(objectName="absenceSummary")
        self.summary_label.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS), objectName="absenceImpact")
        self.table.setAccessibleName(self.tr("Rendez-vous touchés par l'absence"))
        self.table.setHorizontalHeaderLabels([self.tr(h) if h else h for h in HEADERS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_REASON, QHeaderView.ResizeMode.Stretch)
        self.rebook_all_button = QPushButton(
            self.tr("Tout replanifier"), objectName="absenceRebookAll"
        )
        self.rebook_all_button.setAccessibleName(
            self.tr("Replanifier tous les rendez-vous touchés sur le créneau proposé")
        )
        self.rebook_all_button.clicked.connect(self.rebook_all)
        impact = QGroupBox(self.tr("Rendez-vous touchés"))
        impact_box = QVBoxLayout(impact)
        impact_box.addWidget(self.summary_label)
        impact_box.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.rebook_all_button)
        impact_box.addLayout(row)

        self.call_list = QListWidget(objectName="absenceCallList")
        self.call_list.setAccessibleName(self.tr("Patients à appeler"))
        self.call_list.setWordWrap(True)
        self.call_list.setAlternatingRowColors(True)
        self.call_list.setMaximumHeight(140)
        calls = QGroupBox(self.tr("Patients à appeler"))
        QVBoxLayout(calls).addWidget(self.call_list)

        self.error_label = QLabel(objectName="dialogError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b42318;")
        self.error_label.hide()
        self.close_button = QPushButton(self.tr("Fermer"), objectName="absenceClose")
        self.close_button.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.error_label)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(form_buttons)
        layout.addWidget(impact, 1)
        layout.addWidget(calls)
        layout.addLayout(bottom)
        self.resize(860, 620)
        self._show_items([])

    # --- state ---------------------------------------------------------------------------------

    @property
    def items(self) -> list[ImpactItem]:
        return list(self._items)

    def period(self) -> tuple[int, datetime, datetime]:
        """The practitioner and the UTC bounds typed."""
        return (
            self.practitioner_combo.currentData(),
            self._utc(self.start_edit.dateTime()),
            self._utc(self.end_edit.dateTime()),
        )

    def set_period(self, start: datetime, end: datetime) -> None:
        """Local wall times (tests and callers that know the period)."""
        for edit, value in ((self.start_edit, start), (self.end_edit, end)):
            edit.setDateTime(
                QDateTime(
                    QDate(value.year, value.month, value.day), QTime(value.hour, value.minute)
                )
            )

    # --- what the buttons do -------------------------------------------------------------------

    def preview(self) -> bool:
        try:
            practitioner_id, start, end = self.period()
            self._show_items(self._services.absences.impact(practitioner_id, start, end))
        except CreneauError as exc:
            return self._fail(exc.message)
        self._ok()
        return True

    def save(self) -> bool:
        actor = self._actor()
        if actor is None:
            return self._fail(self.tr("Connectez-vous pour saisir une absence."))
        try:
            practitioner_id, start, end = self.period()
            self.absence = self._services.absences.add(
                actor, practitioner_id, start, end, self.reason_edit.text()
            )
        except CreneauError as exc:
            return self._fail(exc.message)
        for widget in (self.practitioner_combo, self.start_edit, self.end_edit, self.reason_edit):
            widget.setEnabled(False)
        self.save_button.setEnabled(False)
        self.preview_button.setEnabled(False)
        self.agenda_changed.emit()
        self.message.emit(self.tr("Absence enregistrée."), False)
        self.preview()
        return True

    def rebook_all(self) -> int:
        """Move every hit appointment to its proposal; the number moved."""
        actor = self._actor()
        if actor is None:
            self._fail(self.tr("Connectez-vous pour replanifier."))
            return 0
        try:
            report = self._services.absences.rebook_all(actor, self._items)
        except CreneauError as exc:
            self._fail(exc.message)
            return 0
        moved = len(report.rebooked)
        text = texts.capitalised(
            texts.count(
                moved, self.tr("rendez-vous replanifié"), self.tr("rendez-vous replanifiés")
            )
        )
        if report.failed:
            patients = texts.count(len(report.failed), self.tr("patient"), self.tr("patients"))
            text += self.tr(" ; {patients} à appeler.").format(patients=patients)
        else:
            text += "."
        self._after_rebooking(text, bool(report.failed))
        return moved

    def rebook_row(self, row: int) -> bool:
        item, actor = self._items[row], self._actor()
        if actor is None or item.replacement is None:
            return self._fail(self.tr("Pas de créneau à proposer : appelez le patient."))
        try:
            self._services.absences.rebook(
                actor, item.appointment.id, item.appointment.version, item.replacement
            )
        except CreneauError as exc:
            self._fail(exc.message)
            self.preview()
            return False
        self._after_rebooking(
            self.tr("{patient} : rendez-vous replanifié au {slot}.").format(
                patient=item.patient.display_name, slot=self._slot_text(item.replacement)
            ),
            False,
        )
        return True

    # --- showing -------------------------------------------------------------------------------

    def _after_rebooking(self, text: str, warn: bool) -> None:
        self.preview()
        self.agenda_changed.emit()
        self.message.emit(text, warn)
        self.summary_label.setText(f"{text} {self.summary_label.text()}")

    def _show_items(self, items: list[ImpactItem]) -> None:
        self._items = list(items)
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            a = item.appointment
            local = self._calendar.local(a.start)
            cells = (
                f"{texts.short_day(local.date())} {texts.clock(local)}",
                item.patient.display_name,
                self._reasons.get(a.visit_reason_id, ""),
                self._slot_text(item.replacement) if item.replacement else self.tr("aucun créneau"),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
            button = QPushButton(self.tr("Replanifier"))
            button.setAccessibleName(
                self.tr("Replanifier le rendez-vous de {patient}").format(
                    patient=item.patient.display_name
                )
            )
            button.setEnabled(item.replacement is not None)
            button.clicked.connect(lambda _checked=False, r=row: self.rebook_row(r))
            self.table.setCellWidget(row, COL_ACTION, button)
        self.rebook_all_button.setEnabled(any(i.replacement for i in items))
        n = len(items)
        self.summary_label.setText(
            texts.capitalised(
                texts.count(n, self.tr("rendez-vous touché"), self.tr("rendez-vous touchés"))
            )
            + (self.tr(" par cette absence.") if n else self.tr(" : rien à replanifier."))
        )
        self.call_list.clear()
        for item in items:
            a = item.appointment
            local = self._calendar.local(a.start)
            phones = ", ".join(format_phone(p.e164) for p in item.patient.phones) or self.tr(
                "pas de téléphone"
            )
            line = self.tr("{patient} — {phones}\nrendez-vous du {when}").format(
                patient=item.patient.display_name,
                phones=phones,
                when=f"{texts.short_day(local.date())} {texts.clock(local)}",
            )
            if item.replacement is not None:
                line += self.tr(" ; proposer le {slot}").format(
                    slot=self._slot_text(item.replacement)
                )
            self.call_list.addItem(line)
        if not items:
            self.call_list.addItem(self.tr("Personne à appeler."))

    def _slot_text(self, slot: Slot) -> str:
        local = self._calendar.local(slot.start)
        return self.tr("{when} avec {practitioner}").format(
            when=f"{texts.short_day(local.date())} {texts.clock(local)}",
            practitioner=self._names.get(slot.practitioner_id, ""),
        )

    def _fail(self, text: str) -> bool:
        self.error_label.setText(text)
        self.error_label.show()
        return False

    def _ok(self) -> None:
        self.error_label.hide()

    def _date_time(self, name: str, label: str, day: QDate, at: QTime) -> QDateTimeEdit:
        edit = QDateTimeEdit(QDateTime(day, at), objectName=name)
        edit.setAccessibleName(label)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy HH:mm")
        return edit

    def _utc(self, value: QDateTime) -> datetime:
        d, t = value.date(), value.time()
        return self._calendar.to_utc(
            datetime.combine(date(d.year(), d.month(), d.day()), time(t.hour(), t.minute()))
        )
