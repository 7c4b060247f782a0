"""The appointment and patient panel: who the selected appointment is for, and its story.

Shows the patient's identity and phones (national format), their past and future appointments
with the no-shows of the last twelve months, the appointment's notes (editable, saved with the
version seen so that a change made elsewhere meanwhile is refused, not overwritten) and its
change history from the audit trail, in local time. Reads go through the services handed in;
no SQL here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import CreneauError
from desktop.domain.model import Actor, Appointment, Patient, PhoneKind
from desktop.domain.permissions import Action
from desktop.domain.phones import format_phone
from desktop.domain.reminders import ReminderStatus
from desktop.ui import texts
from desktop.ui.roles import guard

if TYPE_CHECKING:
    from desktop.services.container import Services

log = logging.getLogger(__name__)

PHONE_KINDS = {  # French source texts of the AppointmentPanel context, translated when shown
    PhoneKind.MOBILE: QT_TRANSLATE_NOOP("AppointmentPanel", "portable"),
    PhoneKind.LANDLINE: QT_TRANSLATE_NOOP("AppointmentPanel", "fixe"),
    PhoneKind.OTHER: QT_TRANSLATE_NOOP("AppointmentPanel", "autre"),
}
EMPTY = QT_TRANSLATE_NOOP(
    "AppointmentPanel",
    "Choisissez un rendez-vous sur le planning ou dans la liste pour voir la fiche du patient.",
)
MAX_LISTED = 50


class AppointmentPanel(QWidget):
    """Identity, appointments, notes and history of one appointment (``show_appointment``).

    ``notes_saved(id)`` after the notes were saved; ``message(text, is_error)`` for what the
    window should say (a refusal, a confirmation).
    """

    notes_saved = Signal(int)
    message = Signal(str, bool)

    def __init__(self, services: Services, actor: Callable[[], Actor | None], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("appointmentPanel")
        self.setAccessibleName(self.tr("Fiche du rendez-vous et du patient"))
        self._services = services
        self._actor = actor
        self._calendar = services.structure.calendar()
        self._appointment: Appointment | None = None
        self._patient: Patient | None = None

        self.empty_label = QLabel(self.tr(EMPTY), objectName="appointmentPanelEmpty")
        self.empty_label.setWordWrap(True)

        self.name_label = QLabel(objectName="patientName")
        self.name_label.setWordWrap(True)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.name_label.setFont(font)
        self.birth_label = QLabel(objectName="patientBirth")
        self.phones_label = QLabel(objectName="patientPhones")
        self.phones_label.setWordWrap(True)
        self.phones_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.appointment_label = QLabel(objectName="appointmentSummary")
        self.appointment_label.setWordWrap(True)
        identity = QGroupBox(self.tr("Patient"))
        form = QFormLayout(identity)
        form.addRow(self.name_label)
        form.addRow(self.tr("Né(e) le :"), self.birth_label)
        form.addRow(self.tr("Téléphones :"), self.phones_label)
        form.addRow(self.tr("Rendez-vous :"), self.appointment_label)
        # Reminder SMS of the appointment, or why none; the patient's opt-out (issue 7).
        self.sms_label = QLabel(objectName="appointmentSms", wordWrap=True)
        self.sms_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.opt_out_check = QCheckBox(self.tr("Refuse les SMS"), objectName="smsOptOut")
        self.opt_out_check.setAccessibleName(self.tr("Le patient refuse les SMS de rappel"))
        self.opt_out_check.clicked.connect(self._on_opt_out_check_clicked)
        guard(self.opt_out_check, actor(), Action.EDIT_PATIENT)
        form.addRow(self.tr("SMS :"), self.sms_label)
        form.addRow("", self.opt_out_check)

        self.no_shows_label = QLabel(objectName="noShows")
        self.future_list = QListWidget(objectName="futureAppointments")
        self.future_list.setAccessibleName(self.tr("Rendez-vous à venir du patient"))
        self.past_list = QListWidget(objectName="pastAppointments")
        self.past_list.setAccessibleName(self.tr("Rendez-vous passés du patient"))
        for view in (self.future_list, self.past_list):
            view.setMaximumHeight(120)
            view.setAlternatingRowColors(True)
            view.setWordWrap(True)
            view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        appointments = QGroupBox(self.tr("Rendez-vous du patient"))
        box = QVBoxLayout(appointments)
        box.addWidget(self.no_shows_label)
        box.addWidget(QLabel(self.tr("À venir")))
        box.addWidget(self.future_list)
        box.addWidget(QLabel(self.tr("Passés")))
        box.addWidget(self.past_list)

        self.notes_edit = QPlainTextEdit(objectName="appointmentNotes")
        self.notes_edit.setAccessibleName(self.tr("Note du rendez-vous"))
        self.notes_edit.setPlaceholderText(
            self.tr("Note visible par tous les postes (sans diagnostic).")
        )
        self.notes_edit.setMaximumHeight(80)
        self.save_notes_button = QPushButton(self.tr("Enregistrer la note"), objectName="saveNotes")
        self.save_notes_button.setAccessibleName(self.tr("Enregistrer la note du rendez-vous"))
        self.save_notes_button.setEnabled(False)
        self.save_notes_button.clicked.connect(self.save_notes)
        self.notes_edit.modificationChanged.connect(lambda _modified: self._sync_save())
        notes = QGroupBox(self.tr("Note"))
        notes_box = QVBoxLayout(notes)
        notes_box.addWidget(self.notes_edit)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_notes_button)
        notes_box.addLayout(row)

        self.history_list = QListWidget(objectName="appointmentHistory")
        self.history_list.setAccessibleName(self.tr("Historique des modifications du rendez-vous"))
        self.history_list.setWordWrap(True)
        self.history_list.setMaximumHeight(130)
        self.history_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        history = QGroupBox(self.tr("Historique du rendez-vous"))
        QVBoxLayout(history).addWidget(self.history_list)

        self.details = QFrame(objectName="appointmentDetails")
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        for widget in (identity, appointments, notes, history):
            details.addWidget(widget)
        details.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.details, 1)
        self._names_cache: tuple[dict[int, str], dict[int, str]] | None = None
        self.show_appointment(None)

    # --- state ---------------------------------------------------------------------------------

    @property
    def appointment(self) -> Appointment | None:
        return self._appointment

    @property
    def patient(self) -> Patient | None:
        return self._patient

    def notes_dirty(self) -> bool:
        """True when notes were typed and not saved yet."""
        return self.notes_edit.document().isModified()

    # --- showing -------------------------------------------------------------------------------

    def show_appointment(self, appointment_id: int | None) -> None:
        """Show the appointment of that id (None: nothing). Notes being typed for the same
        appointment are kept; reading it again after a refresh is safe."""
        if appointment_id is None:
            self._clear()
            return
        try:
            appointment = self._services.booking.appointment(appointment_id)
            patient = self._services.patients.get(appointment.patient_id)
            history = self._services.patients.history(patient.id)
            changes = self._services.agenda.appointment_history(appointment_id)
        except CreneauError as exc:
            self._clear()
            self.empty_label.setText(exc.message)
            return
        same = self._appointment is not None and self._appointment.id == appointment.id
        keep_typed = same and self.notes_dirty()
        self._appointment, self._patient = appointment, patient
        self.empty_label.hide()
        self.details.show()
        self._show_identity(patient, appointment)
        self._show_reminders(appointment.id, patient.id)
        self._show_appointments(history, appointment.id)
        if not keep_typed:
            self.notes_edit.setPlainText(appointment.notes)
            self.notes_edit.document().setModified(False)
        self._sync_save()
        self.notes_edit.setReadOnly(self._actor() is None)
        self.history_list.clear()
        for change in changes:
            local = self._calendar.local(change.at)
            self.history_list.addItem(
                f"{local:%d/%m/%Y %H:%M} — {texts.history_label(change.action)} ({change.actor})"
            )

    def refresh(self) -> None:
        """Read the appointment shown again (after a change here or elsewhere)."""
        if self._appointment is not None:
            self.show_appointment(self._appointment.id)

    def save_notes(self) -> bool:
        """Save the notes typed, with the version seen; a refusal is said, nothing is lost."""
        appointment, actor = self._appointment, self._actor()
        if appointment is None:
            return False
        if actor is None:
            self.message.emit(self.tr("Connectez-vous pour modifier la note."), True)
            return False
        try:
            saved = self._services.booking.set_notes(
                actor, appointment.id, appointment.version, self.notes_edit.toPlainText()
            )
        except CreneauError as exc:
            self.message.emit(exc.message, True)
            return False
        self._appointment = saved
        self.notes_edit.document().setModified(False)
        self.show_appointment(saved.id)
        self.message.emit(self.tr("Note du rendez-vous enregistrée."), False)
        self.notes_saved.emit(saved.id)
        return True

    def _clear(self) -> None:
        self._appointment = self._patient = None
        self.empty_label.setText(self.tr(EMPTY))
        self.empty_label.show()
        self.details.hide()
        self.notes_edit.clear()
        self.notes_edit.document().setModified(False)
        self._sync_save()

    def _sync_save(self) -> None:
        self.save_notes_button.setEnabled(self._appointment is not None and self.notes_dirty())

    def _show_identity(self, patient: Patient, appointment: Appointment) -> None:
        self.name_label.setText(patient.display_name)
        self.birth_label.setText(f"{patient.birth_date:%d/%m/%Y}")
        phones = [
            f"{format_phone(p.e164)} ({self.tr(PHONE_KINDS[p.kind])})" for p in patient.phones
        ]
        self.phones_label.setText("\n".join(phones) if phones else self.tr("aucun numéro"))
        self.appointment_label.setText(self._describe(appointment))

    def _show_reminders(self, appointment_id: int, patient_id: int) -> None:
        """The appointment's SMS (or why none) and the patient's opt-out."""
        reminders = self._services.reminders
        try:
            found = reminders.for_appointment(appointment_id)
            opted_out = reminders.opted_out(patient_id)
        except CreneauError as exc:
            self.sms_label.setText(exc.message)
            return
        shown = [r for r in found.reminders if r.status is not ReminderStatus.CANCELLED]
        lines = [self._reminder_line(r) for r in shown]
        if not lines and found.reminders:
            lines = [self._reminder_line(found.reminders[-1])]
        reasons = {r.reply for r in shown if r.status is ReminderStatus.FAILED}
        if shown and len(reasons) == 1 and all(r.status is ReminderStatus.FAILED for r in shown):
            lines = [reasons.pop()]  # the same reason for every message: said once
        self.sms_label.setText("\n".join(lines) if lines else found.why_none)
        failed = any(r.status is ReminderStatus.FAILED for r in shown) or not found.reminders
        self.sms_label.setStyleSheet("color: #9b1c1c;" if failed else "")
        self.opt_out_check.setChecked(opted_out)

    def _reminder_line(self, reminder) -> str:
        status = reminder.status
        if status is ReminderStatus.SENT and reminder.sent_at is not None:
            text = self.tr("{kind} : envoyé le {day} à {time}")
            when = self._calendar.local(reminder.sent_at)
        elif status is ReminderStatus.QUEUED:
            text = self.tr("{kind} : prévu le {day} à {time}")
            when = self._calendar.local(reminder.next_attempt or reminder.due)
        elif status is ReminderStatus.FAILED:
            text, when = self.tr("{kind} : échec — {reason}"), None
        else:
            text, when = self.tr("{kind} : annulé — {reason}"), None
        return text.format(
            kind=reminder.kind.label,
            day=f"{when:%d/%m}" if when else "",
            time=f"{when:%H:%M}" if when else "",
            reason=reminder.reply,
        )

    def _on_opt_out_check_clicked(self, checked: bool) -> None:
        actor, patient = self._actor(), self._patient
        if patient is None or self._appointment is None:
            return
        if actor is None:
            self.opt_out_check.setChecked(not checked)
            self.message.emit(self.tr("Connectez-vous pour modifier le patient."), True)
            return
        try:
            self._services.reminders.set_opt_out(actor, patient.id, checked)
        except CreneauError as exc:
            self.opt_out_check.setChecked(not checked)
            self.message.emit(exc.message, True)
            return
        self.message.emit(
            self.tr("Le patient refuse désormais les SMS : ses rappels en attente sont annulés.")
            if checked
            else self.tr("Le patient accepte de nouveau les SMS : ses rappels sont replanifiés."),
            False,
        )
        self.refresh()

    def _show_appointments(self, history, current_id: int) -> None:
        n = history.no_shows_12_months
        self.no_shows_label.setText(
            self.tr("Absences non excusées sur 12 mois : {count}").format(
                count=n if n else self.tr("aucune")
            )
        )
        self.no_shows_label.setProperty("alert", n > 0)
        self.no_shows_label.setStyleSheet("color: #9b1c1c; font-weight: bold;" if n else "")
        for view, appointments in (
            (self.future_list, history.future),
            (self.past_list, history.past),
        ):
            view.clear()
            for a in appointments[:MAX_LISTED]:
                text = self._describe(a, "\n")
                if a.id == current_id:
                    text = "▶ " + text
                view.addItem(text)
            if not appointments:
                view.addItem(self.tr("aucun rendez-vous"))

    def _describe(self, a: Appointment, separator: str = " · ") -> str:
        practitioners, reasons = self._names()
        local = self._calendar.local(a.start)
        who = practitioners.get(a.practitioner_id, "")
        what = reasons.get(a.visit_reason_id, "")
        status = texts.status_label(a.status)
        return f"{local:%d/%m/%Y %H:%M} · {status}{separator}{what} · {who}"

    def _names(self) -> tuple[dict[int, str], dict[int, str]]:
        if self._names_cache is None:
            agenda = self._services.agenda
            self._names_cache = (
                {p.id: p.name for p in agenda.practitioners()},
                {v.id: v.label for v in agenda.visit_reasons()},
            )
        return self._names_cache
