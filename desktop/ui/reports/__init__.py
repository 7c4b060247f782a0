"""The « Rapports » menu of the main window: print the day of the practitioner shown, the
department's list, a confirmation letter, the activity report, the CSV and iCalendar exports and
a patient's data extract — each previewed, printed or saved (``preview.ReportPreviewDialog``).

``install_reports(window, services)`` adds the menu; the role gates its entries
(``desktop.ui.roles.guard``), and the services check again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction

from desktop.domain.errors import InvalidInput
from desktop.domain.model import Role
from desktop.domain.permissions import Action
from desktop.ui import shortcuts
from desktop.ui.reports import options
from desktop.ui.reports.preview import ReportPreviewDialog, ask_save_path, failure_text
from desktop.ui.roles import guard
from desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from desktop.services.container import Services
    from desktop.ui.main_window import MainWindow

PRINT_DAY_SHORTCUT = shortcuts.register(
    "Ctrl+P",
    QT_TRANSLATE_NOOP("Shortcuts", "Imprimer la journée du praticien affiché"),
    shortcuts.GROUP_GENERAL,
)


class ReportsMenu(QObject):
    """What ``install_reports`` adds: ``menu``, its actions, and the dialog last opened."""

    def __init__(self, window: MainWindow, services: Services) -> None:
        super().__init__(window)
        self._window = window
        self._services = services
        self._tasks = TaskRunner(self, max_threads=1)
        self.dialog: ReportPreviewDialog | None = None
        self.menu = window.menuBar().addMenu(QCoreApplication.translate("Reports", "&Rapports"))
        self.menu.setObjectName("reportsMenu")
        self.day_action = self._action(
            QCoreApplication.translate("Reports", "Imprimer la &journée…"), self.open_day_sheet
        )
        self.day_action.setShortcut(PRINT_DAY_SHORTCUT.sequence)
        self.day_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.week_action = self._action(
            QCoreApplication.translate("Reports", "Imprimer la &semaine…"), self.open_week
        )
        self.department_action = self._action(
            QCoreApplication.translate("Reports", "&Liste du service…"), self.open_department_day
        )
        self.letter_action = self._action(
            QCoreApplication.translate("Reports", "Lettre de &confirmation du rendez-vous…"),
            self.open_confirmation,
        )
        self.menu.addSeparator()
        self.activity_action = self._action(
            QCoreApplication.translate("Reports", "Rapport d'&activité…"),
            self.open_activity,
            Action.EXPORT,
        )
        self.csv_action = self._action(
            QCoreApplication.translate("Reports", "Exporter les rendez-vous (&CSV)…"),
            self.open_csv_export,
            Action.EXPORT,
        )
        self.ics_action = self._action(
            QCoreApplication.translate("Reports", "Exporter l'agenda du praticien (&iCalendar)…"),
            self.export_ics,
        )
        self.extract_action = self._action(
            QCoreApplication.translate("Reports", "&Extrait des données du patient (RGPD)…"),
            self.open_extract,
            Action.SEE_AUDIT,
        )

    def _action(self, text: str, slot, right: Action = Action.VIEW_AGENDA) -> QAction:
        action = QAction(text, self._window)
        action.triggered.connect(slot)
        guard(action, self._window.actor, right)
        self._window.addAction(action)
        self.menu.addAction(action)
        return action

    # --- who and what is shown -----------------------------------------------------------------

    def current_practitioner_id(self) -> int | None:
        """The week's practitioner; else the selected appointment's; else a physician's own;
        else the first of the department."""
        window = self._window
        if window.view == "week" and window.practitioner is not None:
            return window.practitioner.id
        entry = (
            window.appointment_actions.current_entry()
            if hasattr(window, "appointment_actions")
            else None
        )
        if entry is not None:
            return entry.appointment.practitioner_id
        actor = window.actor
        ids = [p.id for p in window.practitioners]
        if actor is not None and actor.role is Role.PHYSICIAN and actor.practitioner_id in ids:
            return actor.practitioner_id
        return ids[0] if ids else None

    def _actor(self):
        actor = self._window.actor
        if actor is None:
            self._say(
                QCoreApplication.translate("Reports", "Connectez-vous pour imprimer ou exporter."),
                True,
            )
        return actor

    def _selected(self):
        actions = getattr(self._window, "appointment_actions", None)
        entry = actions.current_entry() if actions is not None else None
        if entry is None:
            self._say(
                QCoreApplication.translate(
                    "Reports", "Choisissez d'abord un rendez-vous dans l'agenda."
                ),
                True,
            )
        return entry

    # --- previews ------------------------------------------------------------------------------

    def _preview(self, title: str, build, file_name: str, widgets=()) -> ReportPreviewDialog:
        dialog = ReportPreviewDialog(title, build, file_name, self._window, list(widgets))
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        dialog.rebuild()
        return dialog

    def open_day_sheet(self) -> ReportPreviewDialog | None:
        actor, window = self._actor(), self._window
        if actor is None:
            return None
        reports, day = self._services.reports, window.day
        who = options.practitioner_combo(window.practitioners, self.current_practitioner_id())
        minimal = options.minimal_check()

        def build_for():
            pid, small = who.currentData(), minimal.isChecked()
            return lambda: reports.day_sheet(actor, pid, day, minimal=small)

        dialog = self._preview(
            QCoreApplication.translate("Reports", "Journée du praticien"),
            build_for(),
            f"journee-{day:%Y-%m-%d}.pdf",
            [who, minimal],
        )
        who.currentIndexChanged.connect(lambda _i: dialog.rebuild(build_for()))
        minimal.toggled.connect(lambda _c: dialog.rebuild(build_for()))
        return dialog

    def open_week(self) -> ReportPreviewDialog | None:
        actor, window = self._actor(), self._window
        if actor is None:
            return None
        reports, day = self._services.reports, window.day
        who = options.practitioner_combo(window.practitioners, self.current_practitioner_id())

        def build_for():
            pid = who.currentData()
            return lambda: reports.week(actor, pid, day)

        dialog = self._preview(
            QCoreApplication.translate("Reports", "Semaine du praticien"),
            build_for(),
            f"semaine-{day:%G-W%V}.pdf",
            [who],
        )
        who.currentIndexChanged.connect(lambda _i: dialog.rebuild(build_for()))
        return dialog

    def open_department_day(self) -> ReportPreviewDialog | None:
        actor, window = self._actor(), self._window
        department = window.department
        if actor is None or department is None:
            return None
        reports, day = self._services.reports, window.day
        return self._preview(
            QCoreApplication.translate("Reports", "Liste du service"),
            lambda: reports.department_day(actor, department.id, day),
            f"service-{department.code}-{day:%Y-%m-%d}.pdf",
        )

    def open_confirmation(self) -> ReportPreviewDialog | None:
        actor, entry = self._actor(), self._selected()
        if actor is None or entry is None:
            return None
        reports, appointment_id = self._services.reports, entry.id
        return self._preview(
            QCoreApplication.translate("Reports", "Lettre de confirmation"),
            lambda: reports.confirmation(actor, appointment_id),
            f"confirmation-rdv-{appointment_id}.pdf",
        )

    def open_activity(self) -> ReportPreviewDialog | None:
        actor, window = self._actor(), self._window
        if actor is None:
            return None
        reports = self._services.reports
        month = options.month_combo(window.today())
        department = options.department_combo(self._services.agenda.departments())

        def build_for():
            chosen, scope = month.currentData(), department.currentData()
            return lambda: reports.activity(actor, chosen, scope)

        def file_name() -> str:
            return f"activite-{month.currentData():%Y-%m}.pdf"

        dialog = self._preview(
            QCoreApplication.translate("Reports", "Rapport d'activité"),
            build_for(),
            file_name(),
            [
                options.labelled(QCoreApplication.translate("Reports", "Mois"), month),
                options.labelled(QCoreApplication.translate("Reports", "Service"), department),
            ],
        )

        def changed(_index: int) -> None:
            dialog.file_name = file_name()
            dialog.rebuild(build_for())

        month.currentIndexChanged.connect(changed)
        department.currentIndexChanged.connect(changed)
        return dialog

    def open_extract(self) -> ReportPreviewDialog | None:
        actor, entry = self._actor(), self._selected()
        if actor is None or entry is None:
            return None
        reports, patient_id = self._services.reports, entry.appointment.patient_id
        return self._preview(
            QCoreApplication.translate("Reports", "Extrait des données du patient"),
            lambda: reports.subject_access(actor, patient_id),
            f"extrait-patient-{patient_id}.pdf",
        )

    # --- exports -------------------------------------------------------------------------------

    def open_csv_export(self) -> options.CsvExportDialog | None:
        actor, window = self._actor(), self._window
        if actor is None:
            return None
        dialog = options.CsvExportDialog(self._services.agenda.departments(), window.day, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._export_csv(actor, dialog))
        dialog.open()
        return dialog

    def _export_csv(self, actor, dialog: options.CsvExportDialog) -> None:
        start, end = dialog.period()
        columns, department = dialog.columns(), dialog.department_id()
        path = ask_save_path(
            self._window,
            QCoreApplication.translate("Reports", "Exporter les rendez-vous"),
            f"rendez-vous-{start:%Y-%m-%d}.csv",
            QCoreApplication.translate("Reports", "Tableur CSV (*.csv)"),
        )
        if not path:
            return
        exports = self._services.exports
        self._run_export(
            lambda: exports.appointments_csv(actor, start, end, columns, department), Path(path)
        )

    def export_ics(self) -> None:
        actor, window = self._actor(), self._window
        pid = self.current_practitioner_id()
        if actor is None or pid is None:
            return
        monday = window.day
        path = ask_save_path(
            window,
            QCoreApplication.translate("Reports", "Exporter l'agenda"),
            f"agenda-{monday:%Y-%m-%d}.ics",
            QCoreApplication.translate("Reports", "Calendrier iCalendar (*.ics)"),
        )
        if not path:
            return
        from datetime import timedelta

        exports, last = self._services.exports, monday + timedelta(days=90)
        self._run_export(lambda: exports.practitioner_ics(actor, pid, monday, last), Path(path))

    def _run_export(self, work, path: Path) -> None:
        def run():
            export = work()
            try:
                path.write_text(export.text, encoding="utf-8", newline="")
            except OSError as exc:
                raise InvalidInput(
                    QCoreApplication.translate(
                        "Reports", "Écriture impossible de {path} : {reason}."
                    ).format(path=path, reason=exc.strerror)
                ) from None
            return export.count

        self._tasks.run(
            "export",
            run,
            lambda count: self._say(
                QCoreApplication.translate("Reports", "%1 rendez-vous exporté(s) : %2")
                .replace("%1", str(count))
                .replace("%2", str(path)),
                False,
            ),
            lambda exc: self._say(failure_text(exc), True),
        )

    def _say(self, text: str, is_error: bool) -> None:
        bar = getattr(self._window, "message_bar", None)
        if bar is None:
            self._window.statusBar().showMessage(text)
        elif is_error:
            bar.error(text, QCoreApplication.translate("Reports", "Rapports"))
        else:
            bar.success(text)


def install_reports(window: MainWindow, services: Services) -> ReportsMenu:
    """Add the « Rapports » menu to the main window."""
    return ReportsMenu(window, services)
