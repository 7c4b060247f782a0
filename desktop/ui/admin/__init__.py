"""The administration screens (structure, openings, users, settings) and their menu entry.

``install_administration(window, services)`` adds « Structure et utilisateurs… » to the main
window's « &Administration » menu (``desktop.ui.admin_menu``), guarded by
``Action.MANAGE_STRUCTURE``; it opens ``AdministrationDialog`` (non-modal, one at a time). The
agenda reloads when the window closes, since openings, practitioners or visit reasons may have
changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

from desktop.domain.permissions import Action
from desktop.ui.admin_menu import admin_menu
from desktop.ui.roles import can, guard

if TYPE_CHECKING:
    from desktop.services.container import Services
    from desktop.ui.admin.window import AdministrationDialog
    from desktop.ui.main_window import MainWindow


class AdministrationEntry:
    """The menu entry and the window it opens (``dialog``, None until first opened)."""

    def __init__(self, window: MainWindow, services: Services) -> None:
        self._window, self._services = window, services
        self.dialog: AdministrationDialog | None = None
        self.action = QAction(
            QCoreApplication.translate("AdministrationEntry", "&Structure et utilisateurs…"), window
        )
        self.action.setObjectName("administrationAction")
        self.action.setStatusTip(
            QCoreApplication.translate(
                "AdministrationEntry",
                "Sites, services, praticiens, motifs, plages horaires, fermetures, comptes, "
                "réglages",
            )
        )
        self.action.triggered.connect(self.open)
        guard(self.action, window.actor, Action.MANAGE_STRUCTURE)
        admin_menu(window).addAction(self.action)

    def open(self) -> AdministrationDialog | None:
        """Show the administration window (raised when already open)."""
        from desktop.ui.admin.window import AdministrationDialog

        if not can(self._window.actor, Action.MANAGE_STRUCTURE):
            return None
        if self.dialog is None:
            self.dialog = AdministrationDialog(
                self._services, lambda: self._window.actor, self._window
            )
            self.dialog.setModal(False)
            self.dialog.finished.connect(self._on_dialog_finished)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def _on_dialog_finished(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
        self._window.reload()


def install_administration(window: MainWindow, services: Services) -> AdministrationEntry:
    """Add « Structure et utilisateurs… » to the Administration menu (see the module)."""
    return AdministrationEntry(window, services)
