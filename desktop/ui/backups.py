"""Backups in the main window: « Sauvegarde… » in the Administration menu, and the scheduled
backups of the running application.

``install_backup(window, services)`` adds the menu entry (guarded by ``Action.BACKUP``) that
opens ``BackupDialog``, and a ``BackupScheduler``: every few minutes (``QTimer``) it asks the
services, off the GUI thread (``TaskRunner``), to run the scheduled backup if one is due — on
whichever workstation notices first; the services record when it was made. A scheduled backup
that fails is said in the message bar: a silent failing backup is worse than none.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction

from desktop.domain.errors import CreneauError
from desktop.domain.permissions import Action
from desktop.ui.admin_menu import admin_menu
from desktop.ui.dialogs.backup_dialog import BackupDialog
from desktop.ui.roles import can, denied_message, guard
from desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from desktop.services.container import Services
    from desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

CHECK_INTERVAL_MS = 5 * 60_000
FIRST_CHECK_MS = 60_000
_IN_MEMORY = ("sqlite://", "sqlite:///", "sqlite:///:memory:")


class BackupScheduler(QObject):
    """Runs the scheduled backup when due, checking every ``CHECK_INTERVAL_MS``."""

    backup_written = Signal(str)
    backup_failed = Signal(str)

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = TaskRunner(self, max_threads=1)
        self._running = False
        self.timer = QTimer(self)
        self.timer.setObjectName("backupScheduleTimer")
        self.timer.timeout.connect(self.check)
        # A worker thread's connection to an in-memory database would see another database.
        self.enabled = services.db.url.partition("?")[0] not in _IN_MEMORY
        if self.enabled:
            self.timer.start(FIRST_CHECK_MS)

    def check(self) -> None:
        """Run the scheduled backup off the GUI thread if it is due (one at a time)."""
        self.timer.start(CHECK_INTERVAL_MS)
        if self._running or not self.enabled:
            return
        self._running = True
        backup = self._services.backup
        self._tasks.run("scheduled", backup.run_scheduled, self._on_done, self._on_failed)

    def wait(self, msecs: int = -1) -> bool:
        return self._tasks.wait(msecs)

    def _on_done(self, report) -> None:
        self._running = False
        if report is not None:
            self.backup_written.emit(str(report.path))

    def _on_failed(self, error: Exception) -> None:
        self._running = False
        message = error.message if isinstance(error, CreneauError) else str(error)
        log.error("scheduled backup failed: %s", type(error).__name__)
        self.backup_failed.emit(message)


class BackupInstall(QObject):
    """What ``install_backup`` adds: ``action`` (the menu entry), ``scheduler``, ``dialog``."""

    def __init__(self, window: MainWindow, services: Services) -> None:
        super().__init__(window)
        self._window = window
        self._services = services
        self.dialog: BackupDialog | None = None
        self.action = QAction(self.tr("&Sauvegarde…"), window)
        self.action.setObjectName("backupAction")
        self.action.setStatusTip(self.tr("Sauvegarder la base, régler les sauvegardes programmées"))
        self.action.triggered.connect(self.open_dialog)
        guard(self.action, window.actor, Action.BACKUP)
        admin_menu(window).addAction(self.action)
        self.scheduler = BackupScheduler(services, self)
        self.scheduler.backup_written.connect(self._on_scheduler_backup_written)
        self.scheduler.backup_failed.connect(self._on_scheduler_backup_failed)

    def open_dialog(self) -> BackupDialog | None:
        """Open the backup dialog (not modal); None, with the reason said, for other roles."""
        window = self._window
        if not can(window.actor, Action.BACKUP):
            self._say(denied_message(Action.BACKUP), error=True)
            return None
        if self.dialog is None or not self.dialog.isVisible():
            self.dialog = BackupDialog(self._services, lambda: window.actor, window)
            self.dialog.setModal(False)
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    def _on_scheduler_backup_written(self, path: str) -> None:
        self._window.statusBar().showMessage(
            self.tr("Sauvegarde programmée écrite : {path}").format(path=path), 10_000
        )

    def _on_scheduler_backup_failed(self, message: str) -> None:
        self._say(
            self.tr("La sauvegarde programmée a échoué : {reason}").format(reason=message),
            error=True,
        )

    def _say(self, text: str, *, error: bool = False) -> None:
        bar = getattr(self._window, "message_bar", None)
        if bar is None:
            self._window.statusBar().showMessage(text, 10_000)
        elif error:
            bar.error(text, self.tr("Sauvegarde"))
        else:
            bar.info(text)


def install_backup(window: MainWindow, services: Services) -> BackupInstall:
    """Add « Sauvegarde… » to the Administration menu and start the scheduled-backup checks."""
    return BackupInstall(window, services)
