"""Putting a patient on the waiting list: who, for what, with whom, when they can come, how soon.

The patient is found as you type (``PatientService.search``: name, birth date or phone). A
refusal of the service (duplicate, past deadline…) is shown in the dialog, which stays open with
what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import CreneauError
from desktop.domain.model import Actor, Patient, Priority, TimeOfDay, WaitingEntry
from desktop.ui import texts

if TYPE_CHECKING:
    from desktop.services.container import Services

WEEKDAYS = (  # French source texts of the WaitlistDialog context, translated when shown
    QT_TRANSLATE_NOOP("WaitlistDialog", "Lun"),
    QT_TRANSLATE_NOOP("WaitlistDialog", "Mar"),
    QT_TRANSLATE_NOOP("WaitlistDialog", "Mer"),
    QT_TRANSLATE_NOOP("WaitlistDialog", "Jeu"),
    QT_TRANSLATE_NOOP("WaitlistDialog", "Ven"),
    QT_TRANSLATE_NOOP("WaitlistDialog", "Sam"),
)
PATIENT_ROLE = Qt.ItemDataRole.UserRole + 1


class WaitlistDialog(QDialog):
    """The form; ``added`` holds the new entry once accepted."""

    def __init__(
        self,
        services: Services,
        actor: Callable[[], Actor | None],
        department_id: int | None,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("waitlistDialog")
        self.setWindowTitle(self.tr("Ajouter à la liste d'attente"))
        self._services = services
        self._actor = actor
        self.added: WaitingEntry | None = None

        self.search_edit = QLineEdit(objectName="waitlistPatientSearch")
        self.search_edit.setPlaceholderText(self.tr("Nom, date de naissance ou téléphone"))
        self.search_edit.setAccessibleName(self.tr("Rechercher le patient"))
        self.search_edit.setClearButtonEnabled(True)
        self.results = QListWidget(objectName="waitlistPatientResults")
        self.results.setAccessibleName(self.tr("Patients trouvés"))
        self.results.setMaximumHeight(110)
        self.search_edit.textChanged.connect(self._search)
        self.search_edit.returnPressed.connect(self.results.setFocus)

        self.reason_combo = QComboBox(objectName="waitlistReason")
        self.reason_combo.setAccessibleName(self.tr("Motif de consultation"))
        reasons = services.agenda.visit_reasons(department_id)
        for reason in reasons:
            self.reason_combo.addItem(reason.label, reason)
        self.who_combo = QComboBox(objectName="waitlistPractitioner")
        self.who_combo.setAccessibleName(self.tr("Praticien ou service"))
        self.reason_combo.currentIndexChanged.connect(self._fill_practitioners)

        self.day_boxes: list[QCheckBox] = []
        days = QHBoxLayout()
        for i, name in enumerate(self.tr(day) for day in WEEKDAYS):
            box = QCheckBox(name, objectName=f"weekday{i}")
            box.setAccessibleName(self.tr("Jour souhaité : {day}").format(day=name))
            self.day_boxes.append(box)
            days.addWidget(box)
        days.addStretch(1)
        hint = QLabel(
            self.tr("Aucun jour coché : tous les jours conviennent."), objectName="dialogHint"
        )
        hint.setStyleSheet("color: #6b7280;")

        self.time_combo = QComboBox(objectName="waitlistTime")
        self.time_combo.setAccessibleName(self.tr("Moment de la journée"))
        for window in TimeOfDay:
            self.time_combo.addItem(texts.time_of_day_label(window), window)
        self.deadline_check = QCheckBox(self.tr("Avant le"), objectName="waitlistHasDeadline")
        self.deadline_edit = QDateEdit(objectName="waitlistDeadline")
        self.deadline_edit.setAccessibleName(self.tr("Échéance"))
        self.deadline_edit.setCalendarPopup(True)
        self.deadline_edit.setDisplayFormat("dd/MM/yyyy")
        self.deadline_edit.setMinimumDate(QDate(today.year, today.month, today.day))
        self.deadline_edit.setDate(QDate(today.year, today.month, today.day).addMonths(1))
        self.deadline_edit.setEnabled(False)
        self.deadline_check.toggled.connect(self.deadline_edit.setEnabled)
        deadline = QHBoxLayout()
        deadline.addWidget(self.deadline_check)
        deadline.addWidget(self.deadline_edit)
        deadline.addStretch(1)
        self.priority_combo = QComboBox(objectName="waitlistPriority")
        self.priority_combo.setAccessibleName(self.tr("Priorité"))
        for priority in Priority:
            self.priority_combo.addItem(texts.priority_label(priority), priority)
        self.notes_edit = QPlainTextEdit(objectName="waitlistNotes")
        self.notes_edit.setAccessibleName(self.tr("Remarque"))
        self.notes_edit.setMaximumHeight(60)

        self.error_label = QLabel(objectName="dialogError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b42318;")
        self.error_label.hide()

        form = QFormLayout()
        form.addRow(self.tr("Patient :"), self.search_edit)
        form.addRow("", self.results)
        form.addRow(self.tr("Motif :"), self.reason_combo)
        form.addRow(self.tr("Avec :"), self.who_combo)
        form.addRow(self.tr("Jours :"), days)
        form.addRow("", hint)
        form.addRow(self.tr("Moment :"), self.time_combo)
        form.addRow(self.tr("Échéance :"), deadline)
        form.addRow(self.tr("Priorité :"), self.priority_combo)
        form.addRow(self.tr("Remarque :"), self.notes_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Ajouter"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._fill_practitioners()
        self.setMinimumWidth(520)

    def patient(self) -> Patient | None:
        item = self.results.currentItem()
        return item.data(PATIENT_ROLE) if item is not None else None

    def submit(self) -> bool:
        """Add the entry; on a refusal say why and stay open."""
        patient, reason, actor = self.patient(), self.reason_combo.currentData(), self._actor()
        if patient is None:
            return self._fail(
                self.tr("Choisissez le patient dans la liste (tapez son nom pour le trouver).")
            )
        if reason is None:
            return self._fail(self.tr("Choisissez le motif de consultation."))
        if actor is None:
            return self._fail(self.tr("Connectez-vous pour modifier la liste d'attente."))
        deadline = None
        if self.deadline_check.isChecked():
            d = self.deadline_edit.date()
            deadline = date(d.year(), d.month(), d.day())
        try:
            self.added = self._services.waitlist.add(
                actor,
                patient.id,
                reason.id,
                practitioner_id=self.who_combo.currentData(),
                weekdays=frozenset(i for i, b in enumerate(self.day_boxes) if b.isChecked()),
                time_window=self.time_combo.currentData(),
                deadline=deadline,
                priority=int(self.priority_combo.currentData()),
                notes=self.notes_edit.toPlainText(),
            )
        except CreneauError as exc:
            return self._fail(exc.message)
        self.accept()
        return True

    def _fail(self, text: str) -> bool:
        self.error_label.setText(text)
        self.error_label.show()
        return False

    def _search(self, text: str) -> None:
        self.results.clear()
        try:
            found = self._services.patients.search(text, limit=20)
        except CreneauError as exc:
            self._fail(exc.message)
            return
        for patient in found:
            item = QListWidgetItem(
                self.tr("{patient} — né(e) le {birth}").format(
                    patient=patient.display_name, birth=f"{patient.birth_date:%d/%m/%Y}"
                )
            )
            item.setData(PATIENT_ROLE, patient)
            self.results.addItem(item)
        if found:
            self.results.setCurrentRow(0)

    def _fill_practitioners(self) -> None:
        reason = self.reason_combo.currentData()
        self.who_combo.clear()
        if reason is None:
            return
        departments = {d.id: d.name for d in self._services.agenda.departments()}
        self.who_combo.addItem(
            self.tr("Tout le service {department}").format(
                department=departments.get(reason.department_id, "")
            ),
            None,
        )
        for p in self._services.agenda.practitioners(reason.department_id):
            if p.active:
                self.who_combo.addItem(p.name, p.id)
