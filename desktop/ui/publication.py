"""Publication of the free slots in the main window: « Publier les créneaux maintenant », the
policy and folder dialog, and the automatic republication after changes.

``install_publication(window, services)`` adds to the Administration menu (both guarded by
``Action.PUBLISH``):

- « Publier les créneaux maintenant »: publishes into the publication folder off the GUI thread
  (``TaskRunner``); the message bar says how many slots were published, or why not;
- « Publication des créneaux… »: the folder, the automatic republication and the policies
  (``desktop.ui.publication_policy_dialog``).

The automatic republication: each time the live refresh reloads the agenda after a change
(``LiveRefresh.refreshed``, this workstation's own changes included), a single-shot timer is
(re)started; ``AUTO_DELAY_MS`` after the last change, the services republish off the GUI thread
when a folder is set and automatic republication is on — and only when an audited change
happened since the last publication (``PublicationService.auto_republish``), so that a
publication never triggers the next one.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction

from desktop.domain.errors import CreneauError
from desktop.domain.permissions import Action
from desktop.ui.admin_menu import admin_menu
from desktop.ui.roles import can, denied_message, guard
from desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from desktop.services.container import Services
    from desktop.services.publication import PublicationReport
    from desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

AUTO_DELAY_MS = 30_000
_IN_MEMORY = ("sqlite://", "sqlite:///", "sqlite:///:memory:")


class PublicationInstall(QObject):
    """What ``install_publication`` adds: the two actions, the debounce timer, the worker."""

    published = Signal(object)  # PublicationReport, manual or automatic
    failed = Signal(str)

    def __init__(
        self, window: MainWindow, services: Services, delay_ms: int = AUTO_DELAY_MS
    ) -> None:
        super().__init__(window)
        self._window = window
        self._services = services
        self._tasks = TaskRunner(self, max_threads=1)
        self._running = False
        self._token: int | None = None
        self.dialog = None
        self.publish_action = QAction(self.tr("&Publier les créneaux maintenant"), window)
        self.publish_action.setObjectName("publishNowAction")
        self.publish_action.setStatusTip(
            self.tr("Écrire le flux des créneaux libres dans le dossier de publication")
        )
        self.publish_action.triggered.connect(self.publish_now)
        self.policy_action = QAction(self.tr("Publication des &créneaux…"), window)
        self.policy_action.setObjectName("publicationPolicyAction")
        self.policy_action.setStatusTip(
            self.tr("Dossier de publication, republication automatique, politiques")
        )
        self.policy_action.triggered.connect(self.open_dialog)
        for action in (self.publish_action, self.policy_action):
            guard(action, window.actor, Action.PUBLISH)
        menu = admin_menu(window)
        menu.addSeparator()
        menu.addAction(self.publish_action)
        menu.addAction(self.policy_action)
        self.timer = QTimer(self)
        self.timer.setObjectName("publicationDebounceTimer")
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.republish)
        # A worker thread's connection to an in-memory database would see another database.
        self.enabled = services.db.url.partition("?")[0] not in _IN_MEMORY
        refresh = getattr(window, "live_refresh", None)
        if refresh is not None:
            refresh.refreshed.connect(self._on_live_refresh_refreshed)

    @property
    def running(self) -> bool:
        return self._running

    def _on_live_refresh_refreshed(self) -> None:
        if self.enabled:
            self.timer.start()  # restarted by every change: the delay runs from the last one

    def publish_now(self) -> bool:
        """Publish into the publication folder off the GUI thread; False when refused."""
        actor = self._window.actor
        if not can(actor, Action.PUBLISH):
            self._say(denied_message(Action.PUBLISH), error=True)
            return False
        if self._running:
            self._say(self.tr("Une publication est déjà en cours."))
            return False
        self._running = True
        self.publish_action.setEnabled(False)
        self._window.statusBar().showMessage(self.tr("Publication des créneaux libres…"))
        publication = self._services.publication
        self._tasks.run(
            "publish", lambda: publication.publish(actor), self._on_done, self._on_failed
        )
        return True

    def republish(self) -> None:
        """The automatic republication (timer): off the GUI thread, one at a time."""
        if self._running or not self.enabled:
            return
        self._running = True
        publication, token = self._services.publication, self._token
        self._tasks.run(
            "auto", lambda: publication.auto_republish(token), self._on_auto_done, self._on_failed
        )

    def wait(self, msecs: int = -1) -> bool:
        return self._tasks.wait(msecs)

    def open_dialog(self):
        """The folder and policies dialog (not modal); None, with the reason said, when refused."""
        from desktop.ui.publication_policy_dialog import PublicationPolicyDialog

        window = self._window
        if not can(window.actor, Action.PUBLISH):
            self._say(denied_message(Action.PUBLISH), error=True)
            return None
        if self.dialog is None or not self.dialog.isVisible():
            self.dialog = PublicationPolicyDialog(self._services, lambda: window.actor, window)
            self.dialog.setModal(False)
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    def _on_done(self, report: PublicationReport) -> None:
        self._running = False
        self.publish_action.setEnabled(can(self._window.actor, Action.PUBLISH))
        self._window.statusBar().clearMessage()
        self._say(
            self.tr(
                "Créneaux publiés : {slots} créneaux libres de {schedules} agendas sur "
                "{weeks} semaines, dans {folder}."
            ).format(
                slots=report.slots,
                schedules=report.schedules,
                weeks=report.weeks,
                folder=report.folder,
            )
        )
        self.published.emit(report)

    def _on_auto_done(self, result) -> None:
        self._running = False
        report, self._token = result
        if report is not None:
            self._window.statusBar().showMessage(
                self.tr("Créneaux republiés : {slots} créneaux libres.").format(slots=report.slots),
                10_000,
            )
            self.published.emit(report)

    def _on_failed(self, error: Exception) -> None:
        self._running = False
        self.publish_action.setEnabled(can(self._window.actor, Action.PUBLISH))
        self._window.statusBar().clearMessage()
        message = error.message if isinstance(error, CreneauError) else str(error)
        log.error("publication failed: %s", type(error).__name__)
        self._say(self.tr("La publication a échoué : {reason}").format(reason=message), error=True)
        self.failed.emit(message)

    def _say(self, text: str, *, error: bool = False) -> None:
        bar = getattr(self._window, "message_bar", None)
        if bar is None:
            self._window.statusBar().showMessage(text, 10_000)
        elif error:
            bar.error(text, self.tr("Publication"))
        else:
            bar.info(text)


def install_publication(window: MainWindow, services: Services) -> PublicationInstall:
    """Add the publication entries to the Administration menu and the automatic republication."""
    return PublicationInstall(window, services)
