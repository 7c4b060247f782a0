"""The compact "new patient" form of the booking panel, with live checks of the date and phone.

The form only gathers and checks what is typed; creating the patient is the service's job
(through the ``create`` callable the panel gives), and its refusals are shown under the form.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import CreneauError, InvalidPhone, PossibleDuplicate
from desktop.domain.model import Patient
from desktop.domain.phones import looks_like_phone, parse_phone
from desktop.services.patients import PatientInput
from desktop.ui.booking import wording

DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d %m %Y", "%d%m%Y")
SEXES = (
    (QT_TRANSLATE_NOOP("NewPatientForm", "Non renseigné"), "U"),
    (QT_TRANSLATE_NOOP("NewPatientForm", "Féminin"), "F"),
    (QT_TRANSLATE_NOOP("NewPatientForm", "Masculin"), "M"),
)

CreatePatient = Callable[[PatientInput, bool], Patient]


def parse_birth_date(text: str) -> date | None:
    """A date typed day first ("12/04/1958", "12041958"…), else None."""
    text = text.strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


class NewPatientForm(QFrame):
    """Emits ``patient_created(Patient)``, ``existing_chosen(patient_id)`` and ``cancelled()``."""

    patient_created = Signal(object)
    existing_chosen = Signal(int)
    cancelled = Signal()

    def __init__(self, create: CreatePatient, today: Callable[[], date], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("newPatientForm")
        self._create = create
        self._today = today
        self._duplicates: list[int] = []

        self.family_edit = _field("familyEdit", self.tr("Nom"), self.tr("Nom d'usage"))
        self.given_edit = _field("givenEdit", self.tr("Prénom"), self.tr("Prénom(s)"))
        self.birth_edit = _field("birthEdit", self.tr("jj/mm/aaaa"), self.tr("Date de naissance"))
        self.birth_edit.setMaxLength(10)
        self.sex_combo = QComboBox(objectName="sexCombo")
        self.sex_combo.setAccessibleName(self.tr("Sexe"))
        for label, code in SEXES:
            self.sex_combo.addItem(self.tr(label), code)
        self.phone_edit = _field("phoneEdit", "06 12 34 56 78", self.tr("Téléphone"))
        self.birth_name_edit = _field(
            "birthNameEdit", self.tr("Si différent du nom"), self.tr("Nom de naissance")
        )
        self.birth_feedback = _feedback("birthFeedback")
        self.phone_feedback = _feedback("phoneFeedback")
        self.message_label = QLabel(objectName="formMessage", wordWrap=True)
        self.message_label.setVisible(False)
        self.create_button = QPushButton(
            self.tr("Créer le patient (Entrée)"), objectName="createPatientButton"
        )
        self.cancel_button = QPushButton(
            self.tr("Annuler (Échap)"), objectName="cancelPatientButton"
        )
        self.existing_button = QPushButton(
            self.tr("Prendre le dossier existant"), objectName="existingButton"
        )
        self.existing_button.setVisible(False)
        for button in (self.create_button, self.cancel_button, self.existing_button):
            button.setAutoDefault(False)

        title = QLabel(self.tr("Nouveau patient"), objectName="formTitle")
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        _labelled(grid, 0, 0, self.tr("Nom *"), self.family_edit)
        _labelled(grid, 0, 1, self.tr("Prénom *"), self.given_edit)
        _labelled(grid, 2, 0, self.tr("Né(e) le *"), self.birth_edit)
        _labelled(grid, 2, 1, self.tr("Sexe"), self.sex_combo)
        grid.addWidget(self.birth_feedback, 4, 0, 1, 2)
        _labelled(grid, 5, 0, self.tr("Téléphone"), self.phone_edit, span=2)
        grid.addWidget(self.phone_feedback, 7, 0, 1, 2)
        _labelled(grid, 8, 0, self.tr("Nom de naissance"), self.birth_name_edit, span=2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 10)
        layout.setSpacing(6)
        layout.addWidget(title)
        layout.addLayout(grid)
        layout.addWidget(self.message_label)
        layout.addWidget(self.existing_button)
        layout.addLayout(buttons)

        self.birth_edit.textChanged.connect(self._on_birth_edit_text_changed)
        self.phone_edit.textChanged.connect(self._on_phone_edit_text_changed)
        for edit in (self.family_edit, self.given_edit, self.birth_edit, self.birth_name_edit):
            edit.textEdited.connect(self._forget_duplicates)
        self.sex_combo.currentIndexChanged.connect(self._forget_duplicates)
        self.create_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.cancelled)
        self.existing_button.clicked.connect(self._on_existing_button_clicked)

    # --- what the panel does -----------------------------------------------------------------

    def start(self, typed: str = "") -> None:
        """Empty the form and fill what the search text already tells (name, date or phone)."""
        for edit in (
            self.family_edit, self.given_edit, self.birth_edit, self.phone_edit,
            self.birth_name_edit,
        ):  # fmt: skip
            edit.clear()
        self.sex_combo.setCurrentIndex(0)
        self._forget_duplicates()
        typed = typed.strip()
        if looks_like_phone(typed):
            self.phone_edit.setText(typed)
        elif parse_birth_date(typed) is not None:
            self.birth_edit.setText(typed)
        elif typed:
            family, _, given = typed.partition(" ")
            self.family_edit.setText(family.upper())
            self.given_edit.setText(given.strip().title())
        first_empty = next(
            (e for e in (self.family_edit, self.given_edit, self.birth_edit) if not e.text()),
            self.family_edit,
        )
        first_empty.setFocus()

    def submit(self) -> None:
        """Check the fields and create the patient; a possible duplicate asks for confirmation."""
        birth = parse_birth_date(self.birth_edit.text())
        if birth is None:
            self._show_message(
                self.tr(
                    "La date de naissance est obligatoire, au format jj/mm/aaaa (par exemple "
                    "12/04/1958)."
                ),
                error=True,
            )
            self.birth_edit.setFocus()
            return
        data = PatientInput(
            family_name=self.family_edit.text(),
            given_names=self.given_edit.text(),
            birth_date=birth,
            sex=self.sex_combo.currentData(),
            birth_name=self.birth_name_edit.text(),
            phones=(self.phone_edit.text(),) if self.phone_edit.text().strip() else (),
        )
        try:
            patient = self._create(data, bool(self._duplicates))
        except PossibleDuplicate as exc:
            self._duplicates = list(exc.existing_ids)
            self._show_message(
                self.tr(
                    "{refusal}\nEntrée : créer quand même un nouveau dossier ; ou prenez le "
                    "dossier existant."
                ).format(refusal=exc.message),
                error=True,
            )
            self.create_button.setText(self.tr("Créer quand même (Entrée)"))
            self.existing_button.setVisible(bool(self._duplicates))
            return
        except CreneauError as exc:
            self._show_message(exc.message, error=True)
            self._focus_field_of(exc)
            return
        self._forget_duplicates()
        self.patient_created.emit(patient)

    # --- internals -----------------------------------------------------------------------------

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
            event.accept()
            return
        super().keyPressEvent(event)

    def _show_message(self, text: str, *, error: bool) -> None:
        self.message_label.setText(text)
        self.message_label.setProperty("error", error)
        self.message_label.style().unpolish(self.message_label)
        self.message_label.style().polish(self.message_label)
        self.message_label.setVisible(bool(text))

    def _forget_duplicates(self, *_args) -> None:
        self._duplicates = []
        self.create_button.setText(self.tr("Créer le patient (Entrée)"))
        self.existing_button.setVisible(False)
        self.message_label.setVisible(False)

    def _focus_field_of(self, error: CreneauError) -> None:
        text = error.message
        if isinstance(error, InvalidPhone):
            self.phone_edit.setFocus()
        elif "naissance" in text and "nom" in text:
            self.birth_name_edit.setFocus()
        elif "naissance" in text:
            self.birth_edit.setFocus()
        elif "prénom" in text:
            self.given_edit.setFocus()
        elif "nom" in text:
            self.family_edit.setFocus()

    def _on_existing_button_clicked(self) -> None:
        if self._duplicates:
            self.existing_chosen.emit(self._duplicates[0])

    def _on_birth_edit_text_changed(self, text: str) -> None:
        if not text.strip():
            _set_feedback(self.birth_feedback, "", ok=True)
            return
        birth = parse_birth_date(text)
        today = self._today()
        if birth is None:
            _set_feedback(self.birth_feedback, self.tr("Format attendu : jj/mm/aaaa."), ok=False)
        elif birth > today:
            _set_feedback(self.birth_feedback, self.tr("Cette date est dans le futur."), ok=False)
        else:
            _set_feedback(self.birth_feedback, f"✓ {wording.age(birth, today)}", ok=True)

    def _on_phone_edit_text_changed(self, text: str) -> None:
        if not text.strip():
            _set_feedback(self.phone_feedback, "", ok=True)
            return
        try:
            phone = parse_phone(text)
        except InvalidPhone as exc:
            _set_feedback(self.phone_feedback, exc.message, ok=False)
        else:
            _set_feedback(
                self.phone_feedback, wording.phone_feedback(phone.kind, phone.e164), ok=True
            )


def _field(name: str, placeholder: str, accessible: str) -> QLineEdit:
    edit = QLineEdit(objectName=name)
    edit.setPlaceholderText(placeholder)
    edit.setAccessibleName(accessible)
    return edit


def _feedback(name: str) -> QLabel:
    label = QLabel(objectName=name, wordWrap=True)
    label.setVisible(False)
    return label


def _set_feedback(label: QLabel, text: str, *, ok: bool) -> None:
    label.setText(text)
    label.setProperty("error", not ok)
    label.style().unpolish(label)
    label.style().polish(label)
    label.setVisible(bool(text))


def _labelled(grid: QGridLayout, row: int, column: int, text: str, field: QWidget, span: int = 1):
    label = QLabel(text, objectName="fieldLabel")
    label.setBuddy(field)
    grid.addWidget(label, row, column, 1, span)
    grid.addWidget(field, row + 1, column, 1, span)
