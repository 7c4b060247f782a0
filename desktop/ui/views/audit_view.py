"""The audit screen (administrator): who did what, when, from which workstation, on what.

Filters by user, patient (number, or a search by name / birth date / phone), practitioner,
action and period; the records come from ``AuditService.search`` on a worker thread
(``TaskRunner``) into ``AuditTableModel``, a thin adapter over ``AuditEntry``. « Exporter en
CSV… » writes the filtered records for a spreadsheet; « Vérifier l'intégrité » checks the chain.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import CreneauError, InvalidInput
from desktop.domain.history import ACTION_LABELS
from desktop.domain.model import Actor, AuditEntry, Patient
from desktop.services.audit import AuditFilter
from desktop.ui.i18n import interface_locale
from desktop.ui.models.audit_table import AuditTableModel
from desktop.ui.tasks import TaskRunner
from desktop.ui.texts import history_label

if TYPE_CHECKING:
    from desktop.services.container import Services

DEFAULT_DAYS = 30
FAMILIES = (  # the action filter's first choices, translated when shown
    (QT_TRANSLATE_NOOP("AuditDialog", "Rendez-vous (toutes actions)"), "appointment."),
    (QT_TRANSLATE_NOOP("AuditDialog", "Patients (toutes actions)"), "patient."),
    (QT_TRANSLATE_NOOP("AuditDialog", "Liste d'attente (toutes actions)"), "waitlist."),
    (QT_TRANSLATE_NOOP("AuditDialog", "Absences (toutes actions)"), "absence."),
    (QT_TRANSLATE_NOOP("AuditDialog", "Utilisateurs et connexions"), "user."),
    (QT_TRANSLATE_NOOP("AuditDialog", "Structure (toutes actions)"), "structure."),
)


class AuditDialog(QDialog):
    """Filters, the table of records, export and verification."""

    loaded = Signal(int)  # number of records shown
    exported = Signal(str)  # path written
    verified = Signal(bool)

    def __init__(
        self, services: Services, actor: Callable[[], Actor | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("auditDialog")
        self.setWindowTitle(self.tr("Journal d'audit"))
        self.setAccessibleName(self.tr("Journal d'audit"))
        self._services = services
        self._actor = actor
        self._calendar = services.structure.calendar()
        self._tasks = TaskRunner(self)
        self._patients: list[Patient] = []
        self.model = AuditTableModel(self._calendar, self)
        self._build()
        self._fill_choices()
        self.resize(1180, 640)

    # --- layout ----------------------------------------------------------------------------------

    def _build(self) -> None:
        today = self._calendar.local(self._services.clock.now()).date()
        self.user_combo = _combo(
            "auditUser", self.tr("Filtrer par utilisateur"), self.tr("Tous les utilisateurs")
        )
        self.user_combo.setEditable(True)
        self.user_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.patient_edit = QLineEdit(objectName="auditPatient")
        self.patient_edit.setPlaceholderText(
            self.tr("N° du patient, ou nom, date de naissance, téléphone")
        )
        self.patient_edit.setAccessibleName(self.tr("Filtrer par patient"))
        self.patient_edit.setClearButtonEnabled(True)
        self.patient_edit.returnPressed.connect(self.search)
        self.patient_edit.textEdited.connect(lambda _t: self._forget_patients())
        self.patient_choice = _combo("auditPatientChoice", self.tr("Patient trouvé"), None)
        self.patient_choice.hide()
        self.practitioner_combo = _combo(
            "auditPractitioner", self.tr("Filtrer par praticien"), self.tr("Tous les praticiens")
        )
        self.action_combo = _combo(
            "auditAction", self.tr("Filtrer par action"), self.tr("Toutes les actions")
        )
        for label, code in FAMILIES:
            self.action_combo.addItem(self.tr(label), code)
        self.action_combo.insertSeparator(self.action_combo.count())
        labels = {code: history_label(code) for code in ACTION_LABELS}
        for code, label in sorted(labels.items(), key=lambda item: item[1].casefold()):
            self.action_combo.addItem(label, code)
        self.from_edit = _date_edit("auditFrom", self.tr("Premier jour de la période"))
        self.from_edit.setDate(_qdate(today - timedelta(days=DEFAULT_DAYS)))
        self.to_edit = _date_edit("auditTo", self.tr("Dernier jour de la période"))
        self.to_edit.setDate(_qdate(today))
        self.all_dates = QCheckBox(self.tr("Toutes les dates"), objectName="auditAllDates")
        self.all_dates.toggled.connect(self._on_all_dates_toggled)

        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("&Utilisateur :"), buddy=self.user_combo), 0, 0)
        grid.addWidget(self.user_combo, 0, 1)
        grid.addWidget(QLabel(self.tr("&Patient :"), buddy=self.patient_edit), 0, 2)
        patient_box = QHBoxLayout()
        patient_box.addWidget(self.patient_edit, 1)
        patient_box.addWidget(self.patient_choice, 1)
        grid.addLayout(patient_box, 0, 3)
        grid.addWidget(QLabel(self.tr("Pra&ticien :"), buddy=self.practitioner_combo), 1, 0)
        grid.addWidget(self.practitioner_combo, 1, 1)
        grid.addWidget(QLabel(self.tr("&Action :"), buddy=self.action_combo), 1, 2)
        grid.addWidget(self.action_combo, 1, 3)
        period = QHBoxLayout()
        period.addWidget(self.from_edit)
        period.addWidget(QLabel(self.tr("au")))
        period.addWidget(self.to_edit)
        period.addWidget(self.all_dates)
        period.addStretch(1)
        grid.addWidget(QLabel(self.tr("Péri&ode du :"), buddy=self.from_edit), 2, 0)
        grid.addLayout(period, 2, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 2)

        self.search_button = QPushButton(self.tr("&Rechercher"), objectName="auditSearch")
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.search)
        self.export_button = QPushButton(self.tr("&Exporter en CSV…"), objectName="auditExport")
        self.export_button.clicked.connect(self.export)
        self.verify_button = QPushButton(self.tr("&Vérifier l'intégrité"), objectName="auditVerify")
        self.verify_button.clicked.connect(self.verify)
        close = QPushButton(self.tr("Fermer"), objectName="auditClose")
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.search_button)
        buttons.addStretch(1)
        buttons.addWidget(self.verify_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)

        self.table = QTableView(objectName="auditTable")
        self.table.setAccessibleName(self.tr("Enregistrements du journal d'audit"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.status = QLabel(objectName="auditStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

    def _fill_choices(self) -> None:
        try:
            practitioners = self._services.agenda.practitioners()
        except CreneauError as exc:
            self._say(exc.message, error=True)
            practitioners = []
        for p in sorted(practitioners, key=lambda p: p.name):
            self.practitioner_combo.addItem(p.name, p.id)
        self.model.set_practitioner_names({p.id: p.name for p in practitioners})
        actor = self._actor()
        if actor is None:
            return
        self._tasks.run(
            "actors",
            lambda: self._services.audit.actors(actor),
            self._on_actors_loaded,
            lambda exc: self._say(_message(exc), error=True),
        )

    def _on_actors_loaded(self, logins: list[str]) -> None:
        for login in logins:
            self.user_combo.addItem(login, login)

    # --- filters ---------------------------------------------------------------------------------

    def filters(self) -> AuditFilter:
        """The filters as set on screen (``InvalidInput`` for an unknown patient)."""
        user = self.user_combo.currentText().strip()
        if self.user_combo.currentIndex() == 0 and user == self.user_combo.itemText(0):
            user = ""
        first = last = None
        if not self.all_dates.isChecked():
            first, last = self.from_edit.date().toPython(), self.to_edit.date().toPython()
        return AuditFilter(
            actor=user or None,
            patient_id=self._patient_id(),
            practitioner_id=self.practitioner_combo.currentData(),
            action=self.action_combo.currentData(),
            first_day=first,
            last_day=last,
        )

    def _patient_id(self) -> int | None:
        text = self.patient_edit.text().strip()
        for prefix in ("n°", "no."):  # as the patient column shows it, in either language
            text = text.removeprefix(prefix).strip()
        if not text:
            return None
        if text.isdigit():
            return int(text)
        if self.patient_choice.isVisible() and self.patient_choice.currentData() is not None:
            return self.patient_choice.currentData()
        found = self._services.patients.search(text, limit=20)
        if not found:
            raise InvalidInput(
                self.tr("Aucun patient ne correspond à « {text} ».").format(text=text)
            )
        if len(found) == 1:
            return found[0].id
        self._patients = found
        self.patient_choice.clear()
        for p in found:
            label = self.tr("{name}, né(e) le {birth} (n° {number})").format(
                name=p.display_name, birth=f"{p.birth_date:%d/%m/%Y}", number=p.id
            )
            self.patient_choice.addItem(label, p.id)
        self.patient_choice.show()
        return self.patient_choice.currentData()

    def _forget_patients(self) -> None:
        self._patients = []
        self.patient_choice.clear()
        self.patient_choice.hide()

    def _on_all_dates_toggled(self, checked: bool) -> None:
        self.from_edit.setEnabled(not checked)
        self.to_edit.setEnabled(not checked)

    # --- actions ---------------------------------------------------------------------------------

    def search(self) -> None:
        """Load the records matching the filters (off the GUI thread)."""
        actor = self._actor()
        if actor is None:
            self._say(self.tr("Connectez-vous pour consulter le journal d'audit."), error=True)
            return
        try:
            filters = self.filters()
        except CreneauError as exc:
            self._say(exc.message, error=True)
            return
        self._say(self.tr("Recherche en cours…"))
        self._tasks.run(
            "search",
            lambda: self._services.audit.search(actor, filters),
            lambda entries: self._on_search_done(entries, filters.limit),
            lambda exc: self._say(_message(exc), error=True),
        )

    def _on_search_done(self, entries: list[AuditEntry], limit: int) -> None:
        self.model.set_rows(entries)
        if self.model.rowCount():
            self.table.resizeColumnsToContents()
        n = len(entries)
        if n == 0:
            text = self.tr("Aucun enregistrement ne correspond à ces filtres.")
        elif n >= limit:
            text = self.tr(
                "Les {n} enregistrements les plus récents sont affichés : précisez les filtres."
            ).format(n=n)
        elif n == 1:
            text = self.tr("1 enregistrement, du plus récent au plus ancien.")
        else:
            text = self.tr("{n} enregistrements, du plus récent au plus ancien.").format(n=n)
        self._say(text)
        self.loaded.emit(n)

    def export(self) -> None:
        """Ask for a file, then write the filtered records there as CSV (off the GUI thread)."""
        actor = self._actor()
        if actor is None:
            self._say(self.tr("Connectez-vous pour exporter le journal d'audit."), error=True)
            return
        try:
            filters = self.filters()
        except CreneauError as exc:
            self._say(exc.message, error=True)
            return
        path, _selected = QFileDialog.getSaveFileName(
            self,
            self.tr("Exporter le journal d'audit"),
            str(Path.home() / self.tr("journal-audit.csv")),
            self.tr("Fichiers CSV (*.csv)"),
        )
        if not path:
            return
        target = Path(path if path.lower().endswith(".csv") else path + ".csv")

        unwritable = self.tr("Écriture impossible de {path} : {reason}.")

        def work() -> str:
            text = self._services.audit.export_csv(actor, filters)
            try:
                target.write_text(text, encoding="utf-8", newline="")
            except OSError as exc:
                raise InvalidInput(unwritable.format(path=target, reason=exc.strerror)) from None
            return str(target)

        self._say(self.tr("Export en cours…"))
        self._tasks.run("export", work, self._on_exported, lambda e: self._say(_message(e), True))

    def _on_exported(self, path: str) -> None:
        self._say(self.tr("Journal d'audit exporté dans {path}.").format(path=path))
        self.exported.emit(path)

    def verify(self) -> None:
        """Check the hash chain of the whole trail (off the GUI thread)."""
        self._say(self.tr("Vérification du journal d'audit…"))
        self._tasks.run(
            "verify",
            self._services.audit.verify,
            self._on_verified,
            lambda exc: self._say(_message(exc), error=True),
        )

    def _on_verified(self, report) -> None:
        if report.ok:
            n = report.checked
            if n == 1:
                text = self.tr("Journal d'audit intègre : 1 enregistrement vérifié.")
            else:
                text = self.tr("Journal d'audit intègre : {n} enregistrements vérifiés.")
            self._say(text.format(n=n))
        else:
            text = self.tr("Journal d'audit altéré : {reason}")
            self._say(text.format(reason=report.broken.message), error=True)
        self.verified.emit(report.ok)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #b00020; font-weight: bold;" if error else "")

    def wait(self, msecs: int = 10_000) -> bool:
        """Block until the background work has run (tests)."""
        return self._tasks.wait(msecs)

    def done(self, result: int) -> None:
        self._tasks.wait(5_000)
        super().done(result)


def _message(exc: Exception) -> str:
    if isinstance(exc, CreneauError):
        return exc.message
    return QCoreApplication.translate(
        "AuditDialog",
        "Le journal d'audit n'a pas pu être lu : réessayez ou prévenez l'administrateur.",
    )


def _combo(name: str, accessible: str, everything: str | None) -> QComboBox:
    combo = QComboBox(objectName=name)
    combo.setAccessibleName(accessible)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(18)
    if everything is not None:
        combo.addItem(everything, None)
    return combo


def _date_edit(name: str, accessible: str) -> QDateEdit:
    edit = QDateEdit(objectName=name)
    edit.setAccessibleName(accessible)
    edit.setLocale(interface_locale())
    edit.setCalendarPopup(True)
    edit.calendarWidget().setLocale(interface_locale())
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


def _qdate(day) -> QDate:
    return QDate(day.year, day.month, day.day)
