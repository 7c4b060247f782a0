"""The booking panel: a secretary on the phone books without touching the mouse.

Patient (search as you type, or a new patient inline) → visit reason (type-ahead) → the next
five free slots, at once → Enter books. Every step is a service call; the panel keeps nothing
beyond what is on screen, and Escape forgets it all: saving is one call to the booking service,
so nothing is ever half-saved.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from desktop.domain.errors import CreneauError
from desktop.domain.model import Actor, Appointment, Channel, Department, Patient, VisitReason
from desktop.domain.scheduling import AgendaCalendar
from desktop.ui.booking import wording
from desktop.ui.booking.confirmation import ConfirmationBox
from desktop.ui.booking.keys import BOOK_ANYWHERE, CLOSE
from desktop.ui.booking.patient_picker import READ_ONLY, NoShowCounter, PatientPicker
from desktop.ui.booking.proposals import SlotProposals
from desktop.ui.booking.reason_picker import ReasonPicker
from desktop.ui.booking.slot_model import ProposedSlot
from desktop.ui.booking.widgets import label, show_message

if TYPE_CHECKING:
    from desktop.services.container import Services

BACKGROUND = QColor("#ffffff")


class BookingPanel(QWidget):
    """The keyboard-first booking. Emits ``appointment_booked(Appointment)`` once an appointment
    is saved, ``slots_proposed()`` each time proposals are shown, ``close_requested()`` on Esc."""

    appointment_booked = Signal(object)
    slots_proposed = Signal()
    close_requested = Signal()

    def __init__(
        self,
        services: Services,
        actor: Callable[[], Actor | None],
        department: Callable[[], Department | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("bookingPanel")
        # Opaque (it paints its own background): a keystroke repaints the field and the list,
        # not the dock and the window behind them.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self._services = services
        self._actor = actor
        self._department = department
        self._calendar: AgendaCalendar = services.structure.calendar()
        self._focus_when_proposed = False
        self._keep_message = False

        self.read_only_label = label("readOnlyBanner", _read_only())
        self.read_only_label.setVisible(False)
        self.patients = PatientPicker(services.patients, actor, self.today)
        # No-shows over 12 months: badges in the results, a line (a warning from the hospital's
        # threshold) under the chosen patient (desktop.services.reminders).
        self.patients.no_show_counter = services.reminders.no_show_counts
        self.no_show_label = label("noShowWarning")
        self.no_show_label.setVisible(False)
        self.reason_edit = ReasonPicker()
        self.reason_edit.setAccessibleName(self.tr("Motif du rendez-vous"))
        self.reason_details = label("hintLabel")
        self.reason_details.setVisible(False)
        # Hidden until a reason is chosen, and once booked: the confirmation then stays in view
        # and a second Enter cannot book a second slot.
        self.proposals = SlotProposals(services.agenda)
        self.proposals.setVisible(False)
        self.slot_message = label("slotMessage")
        self.slot_message.setVisible(False)
        self.confirmation = ConfirmationBox()
        self.confirmation.setVisible(False)
        self._alias_parts()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(6)
        layout.addWidget(self.read_only_label)
        layout.addWidget(self.patients)
        layout.addWidget(self.no_show_label)
        layout.addSpacing(6)
        layout.addWidget(label("sectionLabel", self.tr("&Motif"), self.reason_edit))
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.reason_details)
        layout.addWidget(self.proposals)
        layout.addWidget(self.slot_message)
        layout.addWidget(self.confirmation)
        layout.addStretch(1)
        QWidget.setTabOrder(self.new_patient_button, self.reason_edit)
        QWidget.setTabOrder(self.reason_edit, self.practitioner_combo)

        self.patients.patient_chosen.connect(self._on_patients_patient_chosen)
        self.patients.patient_cleared.connect(self.confirmation.hide)
        self.patients.patient_cleared.connect(self.no_show_label.hide)
        self.reason_edit.reason_chosen.connect(self._on_reason_edit_reason_chosen)
        self.reason_edit.reason_cleared.connect(self._on_reason_edit_reason_cleared)
        self.reason_edit.no_match.connect(self._on_reason_edit_no_match)
        self.proposals.proposed.connect(self._on_proposals_proposed)
        self.proposals.book_requested.connect(self.book)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            (CLOSE.sequence, self._on_escape),
            (BOOK_ANYWHERE.sequence, self.book),
            (QKeySequence("Ctrl+Enter"), self.book),  # the keypad's Enter
        ):
            QShortcut(keys, self, context=context).activated.connect(slot)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), BACKGROUND)
        painter.end()

    def _alias_parts(self) -> None:
        """The parts' widgets under the panel's names (what tests and the window look at)."""
        patients, proposals = self.patients, self.proposals
        self.patient_edit, self.patient_model = patients.edit, patients.model
        self.patient_list, self.patient_hint = patients.list, patients.hint_label
        self.chosen_patient, self.patient_form = patients.chosen_label, patients.form
        self.new_patient_button = patients.new_button
        self.practitioner_combo, self.window_combo = (
            proposals.practitioner_combo,
            proposals.window_combo,
        )
        self.from_edit, self.book_button = proposals.from_edit, proposals.book_button
        self.slot_model, self.slot_list = proposals.model, proposals.list

    # --- state ---------------------------------------------------------------------------------

    @property
    def patient(self) -> Patient | None:
        return self.patients.patient

    @property
    def reason(self) -> VisitReason | None:
        return self.reason_edit.reason

    @property
    def calendar(self) -> AgendaCalendar:
        """The hospital's calendar (time zone), read when the panel starts."""
        return self._calendar

    @property
    def searching(self) -> bool:
        """Whether free slots are being searched (the proposals not shown yet)."""
        return self.proposals.searching

    @property
    def no_show_counter(self) -> NoShowCounter | None:
        """The hook for the no-show counts of the patients found (ids → count)."""
        return self.patients.no_show_counter

    @no_show_counter.setter
    def no_show_counter(self, counter: NoShowCounter | None) -> None:
        self.patients.no_show_counter = counter

    def today(self) -> date:
        return self._calendar.local(self._services.clock.now()).date()

    def current_slot(self) -> ProposedSlot | None:
        return self.proposals.current()

    # --- life cycle ----------------------------------------------------------------------------

    def start(self, *, new_patient: bool = False) -> None:
        """A fresh booking: everything emptied, the reference data read again, the focus on
        the patient (or in the new patient form)."""
        self.reset()
        try:
            self._load_reference_data()
        except CreneauError as exc:
            show_message(self.slot_message, exc.message, error=True)
        self.update_permissions()
        if new_patient:
            self.patients.open_form()
        else:
            self.patient_edit.setFocus()

    def resume(self) -> None:
        """Back to the patient field with its text selected: typing starts a new search."""
        self.update_permissions()
        self.patients.close_form()
        self.patient_edit.setFocus()
        self.patient_edit.selectAll()

    def reset(self) -> None:
        """Forget everything typed or chosen."""
        self.patients.reset()
        self.no_show_label.setVisible(False)
        self.reason_edit.set_reason(None)
        self.reason_details.setVisible(False)
        self.proposals.reset(self.today())
        self.proposals.setVisible(False)
        self.slot_message.setVisible(False)
        self.confirmation.setVisible(False)
        self._focus_when_proposed = self._keep_message = False

    def update_permissions(self) -> None:
        """Booking needs someone signed in; creating a patient needs the right to."""
        actor = self._actor()
        self.read_only_label.setVisible(actor is None)
        self.book_button.setEnabled(actor is not None)
        self.patients.update_permissions(actor)

    def _load_reference_data(self) -> None:
        self._calendar = self._services.structure.calendar()
        self.proposals.set_context(self._calendar, site_names(self._services))
        self.set_department(self._department())

    def set_department(self, department: Department | None) -> None:
        """Offer the visit reasons of the department the window shows (all when none)."""
        agenda = self._services.agenda
        self.reason_edit.set_reasons(agenda.visit_reasons(department.id if department else None))
        if self.reason is None:
            self.proposals.set_practitioners(
                agenda.practitioners(department.id) if department else []
            )

    # --- patient, reason, proposals ------------------------------------------------------------

    def _on_patients_patient_chosen(self, patient: Patient) -> None:
        self.show_no_shows(patient)
        if self.reason is None:
            self.reason_edit.setFocus()
        else:
            self.refresh_slots(focus=True)

    def show_no_shows(self, patient: Patient) -> int:
        """The patient's no-shows over 12 months under their name, as a warning from the
        hospital's threshold; returns the count."""
        reminders = self._services.reminders
        try:
            count = reminders.no_show_counts([patient.id]).get(patient.id, 0)
            threshold = reminders.no_show_threshold()
        except CreneauError:
            count, threshold = 0, 0
        warn = bool(threshold) and count >= threshold
        text = wording.no_shows(count)
        if warn:
            text = self.tr("Attention : {count} sur les 12 derniers mois.").format(count=text)
        elif text:
            text = self.tr("{count} sur les 12 derniers mois.").format(count=text)
        show_message(self.no_show_label, text, error=warn)
        return count

    def _on_reason_edit_reason_chosen(self, reason: VisitReason) -> None:
        agenda = self._services.agenda
        department = next(
            (d.name for d in agenda.departments() if d.id == reason.department_id), ""
        )
        details = [f"{reason.duration_min} min", department]
        if reason.instructions:
            details.append(self.tr("consignes à lire au patient"))
        self.reason_details.setText(" · ".join(x for x in details if x))
        self.reason_details.setVisible(True)
        self.proposals.set_practitioners(agenda.practitioners(reason.department_id))
        if self.patient is None:
            self.patient_edit.setFocus()
        self.refresh_slots(focus=self.patient is not None)

    def _on_reason_edit_reason_cleared(self) -> None:
        self.reason_details.setVisible(False)
        self.proposals.cancel()
        self.proposals.setVisible(False)
        self.slot_message.setVisible(False)

    def _on_reason_edit_no_match(self, text: str) -> None:
        self.reason_details.setText(
            self.tr("Aucun motif ne correspond à « {text} ».").format(text=text)
        )
        self.reason_details.setVisible(True)

    def refresh_slots(self, *, focus: bool = False, message: str = "") -> None:
        """Propose the next free slots for the reason and the filters, at once (on a worker:
        ``slots_proposed`` tells when they are shown). ``focus``: then move the focus to them,
        unless the user went elsewhere meanwhile; ``message``: a refusal to keep in view."""
        reason = self.reason
        if reason is None:
            self._on_reason_edit_reason_cleared()
            return
        self._focus_when_proposed = focus
        self._keep_message = bool(message)
        if message:
            show_message(self.slot_message, message, error=True)
        self.proposals.setVisible(True)
        self.proposals.search(reason)

    def _on_proposals_proposed(self, some: bool) -> None:
        if not self._keep_message:
            self.slot_message.setVisible(False)
        self._keep_message = False
        focus_now = QApplication.focusWidget()
        if (
            self._focus_when_proposed
            and some
            and focus_now in (None, self.reason_edit, self.patient_edit)
        ):
            self.slot_list.setFocus()
        self._focus_when_proposed = False
        self.slots_proposed.emit()

    # --- booking -------------------------------------------------------------------------------

    def book(self) -> Appointment | None:
        """Book the current slot (the first when none is current) for the chosen patient."""
        actor, patient, reason = self._actor(), self.patient, self.reason
        refusal, focus = self._why_not_book(actor, patient, reason)
        if refusal is not None:
            if refusal:
                show_message(self.slot_message, refusal, error=True)
            if focus is not None:
                focus.setFocus()
            return None
        proposed = self.proposals.current()
        slot = proposed.slot
        try:
            appointment = self._services.booking.book(
                actor, slot.practitioner_id, reason.id, patient.id, slot.start,
                channel=Channel.PHONE,
            )  # fmt: skip
        except CreneauError as exc:
            self.refresh_slots(
                message=self.tr(
                    "{refusal} Rien n'a été réservé ; les créneaux proposés sont à jour."
                ).format(refusal=exc.message)
            )
            return None
        where = f" · {proposed.site}" if proposed.site else ""
        self.confirmation.show_booking(
            wording.confirmation(self._calendar.local(appointment.start), proposed.practitioner),
            f"{patient.display_name} · {reason.label}{where}",
            reason.instructions,
        )
        self.proposals.cancel()
        self.proposals.setVisible(False)
        self.slot_message.setVisible(False)
        self.confirmation.setFocus()
        self.appointment_booked.emit(appointment)
        return appointment

    def _why_not_book(self, actor, patient, reason) -> tuple[str | None, QWidget | None]:
        """(None, None) when booking can go on, else the message to show ("" for none) and
        where the focus should go."""
        if actor is None:
            return _read_only(), None
        if patient is None:
            return self.tr("Choisissez d'abord le patient."), self.patient_edit
        if reason is None:
            return self.tr("Choisissez d'abord le motif du rendez-vous."), self.reason_edit
        if self.proposals.isHidden():
            return "", None  # already booked: the proposals gave way to the confirmation
        if self.proposals.searching:
            return (
                self.tr("Recherche des créneaux en cours : réservez quand ils sont affichés."),
                None,
            )
        if self.proposals.current() is None:
            return self.tr("Aucun créneau à réserver."), None
        return None, None

    def _on_escape(self) -> None:
        if not self.patients.close_form():
            self.close_requested.emit()


def _read_only() -> str:
    return QCoreApplication.translate("PatientPicker", READ_ONLY)


def site_names(services: Services) -> dict[int, str]:
    """Site ids to names, for the slots. The structure service is expected to offer
    ``sites()``; until it does, the slots name no site."""
    sites = getattr(services.structure, "sites", None)
    return {s.id: s.name for s in sites()} if callable(sites) else {}
