"""« Conservation des données… »: the retention settings, what a purge would remove, the purge.

``install_retention(window, services)`` adds the entry to the Administration menu (enabled for
the roles that manage the structure). The dialog saves the two windows (audit in months,
appointments in years) through ``SettingsService.save_retention``, shows the preview of
``RetentionService`` and purges after a confirmation, off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import CreneauError
from desktop.domain.model import Actor
from desktop.domain.permissions import Action
from desktop.domain.settings import MAX_APPOINTMENT_YEARS, MAX_AUDIT_MONTHS
from desktop.ui.admin_menu import admin_menu
from desktop.ui.roles import can, guard
from desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from desktop.services.container import Services
    from desktop.services.retention import PurgeReport
    from desktop.ui.main_window import MainWindow


class RetentionDialog(QDialog):
    """The retention settings (editable), the preview counts and the « Purger » button."""

    purged = Signal(object)  # PurgeReport
    failed = Signal(str)  # the French message shown

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("retentionDialog")
        self.setWindowTitle(self.tr("Conservation des données"))
        self._services = services
        self._actor = actor
        self._tasks = TaskRunner(self, max_threads=1)
        # Asks « are you sure? »; tests replace it.
        self.confirm: Callable[[], bool] = self._ask

        self.audit_months = QSpinBox(objectName="auditMonthsSpin")
        self.audit_months.setRange(1, MAX_AUDIT_MONTHS)
        self.audit_months.setSuffix(self.tr(" mois"))
        self.audit_months.setAccessibleName(self.tr("Conservation du journal d'audit, en mois"))
        self.appointment_years = QSpinBox(objectName="appointmentYearsSpin")
        self.appointment_years.setRange(1, MAX_APPOINTMENT_YEARS)
        self.appointment_years.setSuffix(self.tr(" ans"))
        self.appointment_years.setAccessibleName(self.tr("Conservation des rendez-vous, en années"))
        self.save_button = QPushButton(self.tr("&Enregistrer"), objectName="saveRetentionButton")
        self.save_button.setAccessibleName(self.tr("Enregistrer les durées de conservation"))
        self.save_button.clicked.connect(self.save)
        form = QFormLayout()
        form.addRow(self.tr("Journal d'audit :"), self.audit_months)
        form.addRow(self.tr("Rendez-vous terminés :"), self.appointment_years)
        form.addRow("", self.save_button)
        settings_box = QGroupBox(self.tr("Durées de conservation"))
        settings_box.setLayout(form)

        self.preview_label = QLabel(objectName="retentionPreview")
        self.preview_label.setWordWrap(True)
        self.preview_label.setAccessibleName(self.tr("Ce que la purge supprimerait"))
        self.message_label = QLabel(objectName="retentionMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setAccessibleName(self.tr("Message"))
        preview_box = QGroupBox(self.tr("Purge"))
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.addWidget(self.preview_label)
        preview_layout.addWidget(self.message_label)

        self.purge_button = QPushButton(self.tr("&Purger"), objectName="purgeButton")
        self.purge_button.setAccessibleName(self.tr("Purger les données anciennes"))
        self.purge_button.clicked.connect(self.purge)
        close = QPushButton(self.tr("Fermer"), objectName="closeButton")
        close.setAccessibleName(self.tr("Fermer"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.purge_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(settings_box)
        layout.addWidget(preview_box)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 34)

        current = services.retention.settings()
        self.audit_months.setValue(current.audit_months)
        self.appointment_years.setValue(current.appointment_years)
        self.refresh()

    def refresh(self) -> None:
        """Show what a purge now would remove."""
        try:
            report = self._services.retention.preview(self._actor)
        except CreneauError as exc:
            self._fail(exc.message)
            return
        self.preview_label.setText(
            self.tr(
                "Seraient supprimés : {audit} enregistrement(s) d'audit antérieurs au {audit_day}, "
                "{appointments} rendez-vous terminés avant le {appointment_day} "
                "(et {reminders} rappel(s) SMS)."
            ).format(
                audit=report.audit_records,
                audit_day=report.audit_cutoff.strftime("%d/%m/%Y"),
                appointments=report.appointments,
                appointment_day=report.appointment_cutoff.strftime("%d/%m/%Y"),
                reminders=report.reminders,
            )
        )
        self.purge_button.setEnabled(bool(report.audit_records or report.appointments))

    def save(self) -> None:
        """Store the two durations, then show the new preview."""
        try:
            self._services.administration.settings.save_retention(
                self._actor, self.audit_months.value(), self.appointment_years.value()
            )
        except CreneauError as exc:
            self._fail(exc.message)
            return
        self.message_label.setText(self.tr("Durées de conservation enregistrées."))
        self.refresh()

    def purge(self) -> None:
        """After a confirmation, purge off the GUI thread; ``purged(report)`` when done."""
        if not self.confirm():
            return
        self.purge_button.setEnabled(False)
        self.setCursor(Qt.CursorShape.BusyCursor)
        retention, actor = self._services.retention, self._actor
        self._tasks.run("purge", lambda: retention.purge(actor), self._done, self._failed)

    def _ask(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Purger les données anciennes"),
            self.tr(
                "Les données plus anciennes que les durées de conservation seront supprimées "
                "définitivement. La purge sera inscrite au journal d'audit. Continuer ?"
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _done(self, report: PurgeReport) -> None:
        self.unsetCursor()
        self.message_label.setText(
            self.tr(
                "Purge faite : {audit} enregistrement(s) d'audit et {appointments} rendez-vous "
                "supprimés."
            ).format(audit=report.audit_records, appointments=report.appointments)
        )
        self.refresh()
        self.purged.emit(report)

    def _failed(self, error: Exception) -> None:
        self.unsetCursor()
        self.purge_button.setEnabled(True)
        message = error.message if isinstance(error, CreneauError) else str(error)
        self._fail(message)

    def _fail(self, message: str) -> None:
        self.message_label.setText(message)
        self.failed.emit(message)


def install_retention(window: MainWindow, services: Services) -> QAction:
    """Add « Conservation des données… » to the Administration menu."""
    action = QAction(QCoreApplication.translate("AdminMenu", "&Conservation des données…"), window)
    action.setObjectName("retentionAction")
    action.setStatusTip(
        QCoreApplication.translate(
            "AdminMenu", "Durées de conservation et purge du journal d'audit et des rendez-vous"
        )
    )
    guard(action, window.actor, Action.MANAGE_STRUCTURE)

    def open_dialog() -> None:
        if not can(window.actor, Action.MANAGE_STRUCTURE) or window.actor is None:
            return
        dialog = RetentionDialog(services, window.actor, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    action.triggered.connect(open_dialog)
    admin_menu(window).addAction(action)
    return action
