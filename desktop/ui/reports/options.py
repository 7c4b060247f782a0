"""What a report or an export is asked for: the widgets above a preview (practitioner, minimal
identity, month, department) and the CSV export dialog (period, department, columns)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.activity import previous_month
from desktop.domain.model import Department, Practitioner
from desktop.services.exports import CSV_COLUMNS, DEFAULT_COLUMNS
from desktop.ui.texts import MONTHS

MONTHS_OFFERED = 24
# The services' French headers of the CSV columns (``CSV_COLUMNS``) as the dialog names them;
# the file keeps the French headers.
COLUMN_LABELS = (
    QT_TRANSLATE_NOOP("CsvColumns", "N° rendez-vous"),
    QT_TRANSLATE_NOOP("CsvColumns", "Date"),
    QT_TRANSLATE_NOOP("CsvColumns", "Début"),
    QT_TRANSLATE_NOOP("CsvColumns", "Fin"),
    QT_TRANSLATE_NOOP("CsvColumns", "Praticien"),
    QT_TRANSLATE_NOOP("CsvColumns", "Service"),
    QT_TRANSLATE_NOOP("CsvColumns", "Site"),
    QT_TRANSLATE_NOOP("CsvColumns", "Motif"),
    QT_TRANSLATE_NOOP("CsvColumns", "N° patient"),
    QT_TRANSLATE_NOOP("CsvColumns", "Nom"),
    QT_TRANSLATE_NOOP("CsvColumns", "Nom de naissance"),
    QT_TRANSLATE_NOOP("CsvColumns", "Prénoms"),
    QT_TRANSLATE_NOOP("CsvColumns", "Date de naissance"),
    QT_TRANSLATE_NOOP("CsvColumns", "Téléphone"),
    QT_TRANSLATE_NOOP("CsvColumns", "État"),
    QT_TRANSLATE_NOOP("CsvColumns", "Canal"),
    QT_TRANSLATE_NOOP("CsvColumns", "Surbooking"),
    QT_TRANSLATE_NOOP("CsvColumns", "Motif d'annulation"),
    QT_TRANSLATE_NOOP("CsvColumns", "Annulé par"),
    QT_TRANSLATE_NOOP("CsvColumns", "Notes"),
    QT_TRANSLATE_NOOP("CsvColumns", "Pris par"),
    QT_TRANSLATE_NOOP("CsvColumns", "Pris le"),
)


def practitioner_combo(practitioners: list[Practitioner], current: int | None) -> QComboBox:
    combo = QComboBox(objectName="reportPractitioner")
    combo.setAccessibleName(QCoreApplication.translate("ReportOptions", "Praticien"))
    for p in practitioners:
        combo.addItem(p.name, p.id)
    index = combo.findData(current)
    combo.setCurrentIndex(max(0, index))
    return combo


def minimal_check() -> QCheckBox:
    check = QCheckBox(
        QCoreApplication.translate(
            "ReportOptions", "Identité réduite (initiales, année de naissance)"
        )
    )
    check.setObjectName("reportMinimal")
    check.setToolTip(
        QCoreApplication.translate("ReportOptions", "Pour une feuille laissée sur un bureau")
    )
    return check


def month_combo(today: date) -> QComboBox:
    """The last 24 months, the previous one chosen (a finished month)."""
    combo = QComboBox(objectName="reportMonth")
    combo.setAccessibleName(QCoreApplication.translate("ReportOptions", "Mois"))
    month = today.replace(day=1)
    for _ in range(MONTHS_OFFERED):
        combo.addItem(f"{MONTHS[month.month - 1]} {month.year}", month)
        month = previous_month(month)
    combo.setCurrentIndex(1)
    return combo


def department_combo(departments: list[Department], current: int | None = None) -> QComboBox:
    """ "Tout l'hôpital" first (data None), then each department."""
    combo = QComboBox(objectName="reportDepartment")
    combo.setAccessibleName(QCoreApplication.translate("ReportOptions", "Service"))
    combo.addItem(QCoreApplication.translate("ReportOptions", "Tout l'hôpital"), None)
    for d in departments:
        combo.addItem(d.name, d.id)
    index = combo.findData(current) if current is not None else 0
    combo.setCurrentIndex(max(0, index))
    return combo


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class CsvExportDialog(QDialog):
    """The period, the department and the columns of a CSV export."""

    def __init__(
        self, departments: list[Department], day: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("csvExportDialog")
        self.setWindowTitle(self.tr("Exporter les rendez-vous (CSV)"))
        self.start_edit = self._date_edit(day, self.tr("Du"))
        self.end_edit = self._date_edit(day, self.tr("Au"))
        self.department = department_combo(departments)
        form = QFormLayout()
        form.addRow(self.tr("&Du"), self.start_edit)
        form.addRow(self.tr("&Au"), self.end_edit)
        form.addRow(self.tr("&Service"), self.department)
        group = QGroupBox(self.tr("Colonnes"))
        grid = QGridLayout(group)
        self.column_checks: dict[str, QCheckBox] = {}
        for n, (code, header) in enumerate(CSV_COLUMNS.items()):
            check = QCheckBox(QCoreApplication.translate("CsvColumns", header))
            check.setObjectName(f"column_{code}")
            check.setChecked(code in DEFAULT_COLUMNS)
            self.column_checks[code] = check
            grid.addWidget(check, n // 3, n % 3)
        self.error_label = QLabel(objectName="errorLabel")
        self.error_label.setStyleSheet("color: #b03a2e")
        self.error_label.setWordWrap(True)
        note = QLabel(
            self.tr(
                "Fichier UTF-8 pour tableur : séparateur « ; », formules neutralisées. "
                "Un export qui contient des données de patients est tracé dans le journal d'audit."
            )
        )
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Exporter…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(group)
        layout.addWidget(note)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def _date_edit(self, day: date, name: str) -> QDateEdit:
        edit = QDateEdit(_qdate(day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setAccessibleName(name)
        return edit

    def period(self) -> tuple[date, date]:
        return self.start_edit.date().toPython(), self.end_edit.date().toPython()

    def columns(self) -> tuple[str, ...]:
        return tuple(code for code, check in self.column_checks.items() if check.isChecked())

    def department_id(self) -> int | None:
        return self.department.currentData()

    def _on_buttons_accepted(self) -> None:
        start, end = self.period()
        if end < start:
            self.error_label.setText(self.tr("La date de fin précède la date de début."))
        elif not self.columns():
            self.error_label.setText(self.tr("Choisissez au moins une colonne."))
        else:
            self.accept()


def labelled(text: str, widget: QWidget) -> QWidget:
    """A small "label: widget" pair for the options row of a preview."""
    box = QWidget()
    layout = QFormLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(text)
    label.setBuddy(widget)
    layout.addRow(label, widget)
    layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
    layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return box
