"""The « Administration » menu of the main window, shared by every administration screen.

``admin_menu(window)`` returns the window's existing « &Administration » menu or creates it, so
that each ``install_*`` function (audit, structure, users, backups…) adds its entries to the same
menu whatever the order they are installed in. ``install_audit(window, services)`` adds the
« Journal d'audit… » entry (guarded by ``Action.SEE_AUDIT``). Texts in the ``AdminMenu``
translation context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from desktop.domain.permissions import Action
from desktop.ui.roles import can, guard

if TYPE_CHECKING:
    from desktop.services.container import Services
    from desktop.ui.main_window import MainWindow

ADMIN_MENU_NAME = "administrationMenu"
ADMIN_MENU_TITLE = QT_TRANSLATE_NOOP("AdminMenu", "&Administration")  # translated when shown


def admin_menu(window: QMainWindow) -> QMenu:
    """The window's « &Administration » menu, created (once) on first use."""
    menu = window.menuBar().findChild(QMenu, ADMIN_MENU_NAME)
    if menu is not None:
        return menu
    title = QCoreApplication.translate("AdminMenu", ADMIN_MENU_TITLE)
    for action in window.menuBar().actions():
        existing = action.menu()
        if isinstance(existing, QMenu) and existing.title() == title:
            existing.setObjectName(ADMIN_MENU_NAME)
            return existing
    menu = window.menuBar().addMenu(title)
    menu.setObjectName(ADMIN_MENU_NAME)
    menu.setAccessibleName(QCoreApplication.translate("AdminMenu", "Menu Administration"))
    return menu


def install_audit(window: MainWindow, services: Services) -> QAction:
    """Add « Journal d'audit… » to the Administration menu (enabled for the roles allowed to
    see the audit trail); it opens the audit screen, a window of its own."""
    action = QAction(QCoreApplication.translate("AdminMenu", "&Journal d'audit…"), window)
    action.setObjectName("auditAction")
    action.setStatusTip(
        QCoreApplication.translate(
            "AdminMenu", "Qui a fait quoi, quand et depuis quel poste ; export CSV"
        )
    )
    guard(action, window.actor, Action.SEE_AUDIT)
    dialogs: list = []

    def open_audit() -> None:
        from desktop.ui.views.audit_view import AuditDialog

        if not can(window.actor, Action.SEE_AUDIT):
            return
        if dialogs and dialogs[0].isVisible():
            dialogs[0].raise_()
            dialogs[0].activateWindow()
            return
        dialog = AuditDialog(services, lambda: window.actor, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_: dialogs.clear())
        dialogs[:] = [dialog]
        dialog.show()
        dialog.search()

    action.triggered.connect(open_audit)
    admin_menu(window).addAction(action)
    return action
