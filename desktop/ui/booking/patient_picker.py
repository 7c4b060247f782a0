"""Finding the patient: a search as you type (name, birth date or phone; every keystroke, no
debounce), the arrows to move in the results, Enter to take one; or a new patient, inline.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.domain.errors import CreneauError
from desktop.domain.model import Actor, Patient
from desktop.domain.permissions import Action, allowed
from desktop.ui.booking import wording
from desktop.ui.booking.patient_form import NewPatientForm
from desktop.ui.booking.patient_model import PatientListModel
from desktop.ui.booking.widgets import label, list_height, list_view

if TYPE_CHECKING:
    from desktop.services.patients import PatientService

SEARCH_LIMIT = 20
VISIBLE_PATIENTS = 6
# French source texts of the PatientPicker context, translated when shown.
READ_ONLY = QT_TRANSLATE_NOOP(
    "PatientPicker", "Fenêtre en lecture seule : connectez-vous pour prendre un rendez-vous."
)
NOT_ALLOWED = QT_TRANSLATE_NOOP("PatientPicker", "Votre rôle ne permet pas de créer un patient.")

NoShowCounter = Callable[[Sequence[int]], Mapping[int, int]]


class PatientSearchEdit(QLineEdit):
    """The patient field: Up / Down / Page Up / Page Down move in the results below it."""

    moved = Signal(int)

    _STEPS: ClassVar[dict[Qt.Key, int]] = {
        Qt.Key.Key_Down: 1,
        Qt.Key.Key_Up: -1,
        Qt.Key.Key_PageDown: 5,
        Qt.Key.Key_PageUp: -5,
    }

    def keyPressEvent(self, event) -> None:
        step = self._STEPS.get(event.key())
        if step is not None and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.moved.emit(step)
            event.accept()
            return
        super().keyPressEvent(event)


class PatientPicker(QWidget):
    """Emits ``patient_chosen(Patient)`` (found or created) and ``patient_cleared()`` when the
    field is edited away from the chosen patient."""

    patient_chosen = Signal(object)
    patient_cleared = Signal()

    def __init__(
        self,
        patients: PatientService,
        actor: Callable[[], Actor | None],
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._patients = patients
        self._actor = actor
        self._today = today
        self._patient: Patient | None = None
        # The hook for the no-show counts of the patients found (patient ids → count).
        self.no_show_counter: NoShowCounter | None = None

        self.edit = PatientSearchEdit(objectName="patientEdit")
        self.edit.setPlaceholderText(self.tr("Nom, date de naissance ou téléphone"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName(self.tr("Rechercher un patient"))
        self.title_label = label("sectionLabel", self.tr("&Patient"), self.edit)
        self.model = PatientListModel(self)
        self.list = list_view("patientList", self.model, self.tr("Patients trouvés"))
        # The search field keeps the focus: the arrows move in this list from there.
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setVisible(False)
        self.hint_label = label("hintLabel")
        self.hint_label.setVisible(False)
        self.chosen_label = label("chosenPatient")
        self.chosen_label.setVisible(False)
        self.new_button = QPushButton(
            self.tr("Nouveau patient (Ctrl+Maj+N)"), objectName="newPatientButton"
        )
        self.new_button.setAutoDefault(False)
        self.form = NewPatientForm(self._create, today, self)
        self.form.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for widget in (self.title_label, self.edit, self.list, self.hint_label, self.chosen_label):
            layout.addWidget(widget)
        layout.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.form)
        QWidget.setTabOrder(self.edit, self.new_button)

        self.edit.textEdited.connect(self._on_edit_text_edited)
        self.edit.moved.connect(self._on_edit_moved)
        self.edit.returnPressed.connect(self._on_edit_return_pressed)
        self.list.clicked.connect(self._on_list_clicked)
        self.new_button.clicked.connect(self.open_form)
        self.form.patient_created.connect(self.choose)
        self.form.existing_chosen.connect(self._on_form_existing_chosen)
        self.form.cancelled.connect(self.close_form)

    @property
    def patient(self) -> Patient | None:
        return self._patient

    def reset(self) -> None:
        self._patient = None
        self.edit.clear()
        self.model.set_rows([], self._today())
        for widget in (self.list, self.hint_label, self.chosen_label, self.form):
            widget.setVisible(False)
        self.new_button.setVisible(True)

    def update_permissions(self, actor: Actor | None) -> None:
        can_create = actor is not None and allowed(actor, Action.EDIT_PATIENT)
        self.new_button.setEnabled(can_create)
        self.new_button.setToolTip("" if can_create else self.tr(NOT_ALLOWED))

    def search(self, text: str) -> None:
        """Run the patient search for the text now (each keystroke: no debounce)."""
        try:
            found = self._patients.search(text, limit=SEARCH_LIMIT) if text else []
        except CreneauError as exc:
            found = []
            self.show_hint(exc.message)
        self.model.set_rows(found, self._today())
        if found and self.no_show_counter is not None:
            self.model.set_no_shows(self.no_show_counter([p.id for p in found]))
        self.list.setVisible(bool(found))
        if found:
            height = list_height(self.list, min(len(found), VISIBLE_PATIENTS))
            if height != self.list.height():
                self.list.setFixedHeight(height)
            self._set_row(0)
            self.hint_label.setVisible(False)
        elif text.strip():
            self.show_hint(
                self.tr(
                    "Aucun patient ne correspond à « {text} ». Ctrl+Maj+N pour le créer."
                ).format(text=text.strip())
            )
        else:
            self.hint_label.setVisible(False)

    def choose(self, patient: Patient) -> None:
        """The patient of the booking, shown with what tells homonyms apart."""
        self._patient = patient
        self.edit.setText(patient.display_name)
        for widget in (self.list, self.hint_label, self.form):
            widget.setVisible(False)
        self.new_button.setVisible(True)
        details = wording.patient_details(patient, self._today())
        self.chosen_label.setText(f"✓ {patient.display_name}\n{details}")
        self.chosen_label.setVisible(True)
        self.patient_chosen.emit(patient)

    def open_form(self) -> None:
        """The new patient form, filled with what the search already tells."""
        actor = self._actor()
        if actor is None or not allowed(actor, Action.EDIT_PATIENT):
            self.show_hint(self.tr(READ_ONLY if actor is None else NOT_ALLOWED))
            return
        typed = "" if self._patient is not None else self.edit.text()
        for widget in (self.list, self.hint_label, self.new_button):
            widget.setVisible(False)
        self.form.setVisible(True)
        self.form.start(typed)

    def close_form(self) -> bool:
        """Leave the form without creating anything; False when it was not open."""
        if self.form.isHidden():
            return False
        self.form.setVisible(False)
        self.new_button.setVisible(True)
        self.list.setVisible(self.model.rowCount() > 0 and self._patient is None)
        self.edit.setFocus()
        return True

    def show_hint(self, text: str) -> None:
        self.hint_label.setText(text)
        self.hint_label.setVisible(True)

    def _create(self, data, allow_duplicate: bool) -> Patient:
        actor = self._actor()
        if actor is None:
            raise CreneauError(self.tr(READ_ONLY))
        return self._patients.create(actor, data, allow_duplicate=allow_duplicate)

    def _set_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.list.scrollTo(index)

    def _on_edit_text_edited(self, text: str) -> None:
        if self._patient is not None:
            self._patient = None
            self.chosen_label.setVisible(False)
            self.patient_cleared.emit()
        self.search(text)

    def _on_edit_moved(self, step: int) -> None:
        count = self.model.rowCount()
        if not count or self.list.isHidden():
            return
        current = self.list.currentIndex()
        row = current.row() + step if current.isValid() else 0
        self._set_row(min(max(row, 0), count - 1))

    def _on_edit_return_pressed(self) -> None:
        if self._patient is not None:
            self.choose(self._patient)
            return
        if self.list.isHidden():
            return
        current = self.list.currentIndex()
        patient = self.model.patient(current.row() if current.isValid() else 0)
        if patient is not None:
            self.choose(patient)

    def _on_list_clicked(self, index) -> None:
        patient = self.model.patient(index.row())
        if patient is not None:
            self.choose(patient)

    def _on_form_existing_chosen(self, patient_id: int) -> None:
        try:
            patient = self._patients.get(patient_id)
        except CreneauError as exc:
            self.show_hint(exc.message)
            return
        self.choose(patient)
