"""The sender inside the application: every minute (``QTimer``), the due reminder SMS are sent
off the GUI thread (``TaskRunner``) through ``ReminderService.send_due``.

Several workstations (and a scheduled ``creneau reminders run``) may all run it: the queue's
claims make each message leave once. A run that fails is said once per kind of failure, never
in a loop of pop-ups; the messages stay queued for the next run.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.domain.errors import CreneauError
from desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from desktop.services.container import Services

log = logging.getLogger(__name__)

INTERVAL_MS = 60_000
_IN_MEMORY = ("sqlite://", "sqlite:///", "sqlite:///:memory:")


class ReminderSender(QObject):
    """Runs ``send_due`` every ``INTERVAL_MS`` (one run at a time); ``run_now`` for a button.

    ``report_ready(SendReport)`` after each run, ``send_failed(message)`` when a run failed.
    """

    report_ready = Signal(object)
    send_failed = Signal(str)

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = TaskRunner(self, max_threads=1)
        self._running = False
        self._last_error = ""
        self.timer = QTimer(self)
        self.timer.setObjectName("reminderSenderTimer")
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.run_now)
        # A worker thread's connection to an in-memory database would see another database.
        self.enabled = services.db.url.partition("?")[0] not in _IN_MEMORY
        if self.enabled:
            self.timer.start()

    @property
    def running(self) -> bool:
        return self._running

    def run_now(self) -> bool:
        """Send what is due now, off the GUI thread; False when a run is already going."""
        if self._running or not self.enabled:
            return False
        self._running = True
        reminders = self._services.reminders
        self._tasks.run("send", reminders.send_due, self._on_done, self._on_failed)
        return True

    def wait(self, msecs: int = -1) -> bool:
        return self._tasks.wait(msecs)

    def stop(self) -> None:
        self.timer.stop()
        self.enabled = False

    def _on_done(self, report) -> None:
        self._running = False
        self._last_error = ""
        self.report_ready.emit(report)

    def _on_failed(self, error: Exception) -> None:
        self._running = False
        message = error.message if isinstance(error, CreneauError) else type(error).__name__
        log.error("reminder sending failed: %s", type(error).__name__)
        if message != self._last_error:
            self._last_error = message
            self.send_failed.emit(message)
