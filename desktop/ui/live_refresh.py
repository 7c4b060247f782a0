"""Live refresh: show within a second what another workstation changed in the agenda.

A timer polls ``ChangeWatcher.changed()`` (non-blocking: ``PRAGMA data_version`` on SQLite,
pending ``LISTEN/NOTIFY`` notifications on PostgreSQL) every ``POLL_MS``; on a change the window
reads its agenda again. Only the agenda is read again: open panels and dialogs keep what the
user typed, and the selected appointment stays selected (on the planning and in the list) when
it still exists. A drag in progress is never interrupted: the refresh waits for the drop.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, QTimer, Signal

if TYPE_CHECKING:
    from desktop.services.changes import ChangeWatcher
    from desktop.services.container import Services
    from desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

POLL_MS = 500


class LiveRefresh(QObject):
    """Polls the database's change signal for a ``MainWindow`` and reloads it on a change.

    ``refreshed`` is emitted after each reload caused by another workstation (or by this one's
    own writes, which the watcher cannot tell apart: one extra read, harmless).
    """

    refreshed = Signal()

    def __init__(self, window: MainWindow, services: Services, poll_ms: int = POLL_MS) -> None:
        super().__init__(window)
        self._window = window
        self._services = services
        self._watcher: ChangeWatcher | None = None
        self._pending = False
        self._keep: int | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self.poll)
        window.agenda_loaded.connect(self._on_agenda_loaded)
        window.installEventFilter(self)
        self.start()

    @property
    def active(self) -> bool:
        return self._watcher is not None and self._timer.isActive()

    def start(self) -> None:
        if self._watcher is None:
            try:
                self._watcher = self._services.change_watcher()
            except Exception:  # no live refresh is better than no window
                log.exception("live refresh: the change watcher could not be opened")
                return
        self._timer.start()

    def stop(self) -> None:
        """Stop polling and release the watcher's connection."""
        self._timer.stop()
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None

    def poll(self) -> bool:
        """Ask the watcher; reload when something changed. True when a reload was started."""
        if self._watcher is None:
            return False
        try:
            changed = self._watcher.changed()
        except Exception:
            log.exception("live refresh: polling failed")
            return False
        self._pending = self._pending or changed
        if not self._pending or self._busy():
            return False
        self._pending = False
        self._reload()
        return True

    def _busy(self) -> bool:
        """A drag in progress: reading the agenda would cancel it; wait for the drop."""
        return getattr(self._window.grid, "dragged_id", None) is not None

    def _reload(self) -> None:
        window = self._window
        self._keep = window.grid.selected_id
        try:
            window.reload()
        except Exception:  # the window says what failed in its status bar; stay usable
            log.exception("live refresh: reloading the agenda failed")
            self._keep = None
            return
        self.refreshed.emit()

    def _on_agenda_loaded(self) -> None:
        """Put the selection back in the list (its model was reset) and on the planning."""
        keep, self._keep = self._keep, None
        if keep is None:
            return
        window = self._window
        row = window.table_model.row_of(keep)
        if row is None:
            return
        with QSignalBlocker(window.table_view.selectionModel()):
            window.table_view.selectRow(row)
        if window.grid.selected_id != keep:
            window.grid.select(keep)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window:
            if event.type() == QEvent.Type.Close:
                self.stop()
            elif event.type() == QEvent.Type.Show and self._watcher is None:
                self.start()
        return False


def install_live_refresh(window: MainWindow, services: Services) -> LiveRefresh:
    """Reload ``window``'s agenda when the database changes; stopped when the window closes."""
    return LiveRefresh(window, services)
