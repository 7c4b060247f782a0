"""The secretary's side tools of the main window: the appointment and patient panel, the waiting
list (with the proposals after a freed slot) and the absences with their impact.

``install_workspace(window, services)`` adds them, their actions and shortcuts (registered in
``desktop.ui.shortcuts``) and a « Secrétariat » menu.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMenu, QMessageBox, QScrollArea

from desktop.domain.errors import CreneauError
from desktop.domain.permissions import Action
from desktop.ui import shortcuts
from desktop.ui.dialogs.absence_dialog import AbsenceDialog
from desktop.ui.dialogs.waitlist_dialog import WaitlistDialog
from desktop.ui.roles import guard
from desktop.ui.views.appointment_panel import AppointmentPanel
from desktop.ui.views.waitlist_panel import WaitlistPanel

if TYPE_CHECKING:
    from desktop.services.container import Services
    from desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

PANEL_SHORTCUT = shortcuts.register(
    "F3",
    QT_TRANSLATE_NOOP("Shortcuts", "Afficher ou masquer la fiche du rendez-vous et du patient"),
    shortcuts.GROUP_APPOINTMENTS,
)
WAITLIST_SHORTCUT = shortcuts.register(
    "F4",
    QT_TRANSLATE_NOOP("Shortcuts", "Afficher ou masquer la liste d'attente"),
    shortcuts.GROUP_APPOINTMENTS,
)
ABSENCE_SHORTCUT = shortcuts.register(
    "Ctrl+Shift+A",
    QT_TRANSLATE_NOOP("Shortcuts", "Saisir une absence de praticien et replanifier"),
    shortcuts.GROUP_APPOINTMENTS,
)
PANEL_WIDTH = 360
WAITLIST_WIDTH = 520


class Workspace(QObject):
    """What ``install_workspace`` adds to the window (``panel``, ``panel_dock``, actions…)."""

    def __init__(self, window: MainWindow, services: Services) -> None:
        super().__init__(window)
        self._window = window
        self._services = services

        self.panel = AppointmentPanel(services, lambda: window.actor)
        self.panel_dock = _dock(
            window, self.tr("Fiche du rendez-vous"), "appointmentPanelDock", self.panel
        )
        self.panel_action = self.panel_dock.toggleViewAction()
        self.panel_action.setText(self.tr("&Fiche du rendez-vous et du patient"))
        self.panel_action.setShortcut(PANEL_SHORTCUT.sequence)
        self.panel_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        window.addAction(self.panel_action)
        self.panel_dock.visibilityChanged.connect(self._on_panel_visibility_changed)
        self.panel.message.connect(self._say)
        self.panel.notes_saved.connect(lambda _id: self._window.reload())

        window.grid.appointment_clicked.connect(lambda _id: self._follow_selection())
        window.table_view.selectionModel().currentRowChanged.connect(
            lambda *_: self._follow_selection()
        )
        window.agenda_loaded.connect(self._follow_selection)

        self.menu = window.menuBar().addMenu(self.tr("&Secrétariat"))
        self.menu.addAction(self.panel_action)
        self._install_waitlist()
        self._install_absences()

    # --- appointment panel ---------------------------------------------------------------------

    def show_panel(self) -> None:
        self.panel_dock.show()
        self.panel_dock.raise_()
        self._follow_selection()

    def _follow_selection(self) -> None:
        if self.panel_dock.isHidden():
            return
        self.panel.show_appointment(self._window.grid.selected_id)

    def _on_panel_visibility_changed(self, visible: bool) -> None:
        if visible:
            self._follow_selection()

    # --- waiting list and absences (filled in below) -------------------------------------------

    def _install_waitlist(self) -> None:
        window = self._window
        self.waitlist = WaitlistPanel(
            self._services,
            lambda: window.actor,
            lambda: window.department.id if window.department else None,
        )
        self.waitlist_dock = _dock(
            window, self.tr("Liste d'attente"), "waitlistDock", self.waitlist
        )
        self.waitlist_dock.setMinimumWidth(WAITLIST_WIDTH)
        self.waitlist_action = self.waitlist_dock.toggleViewAction()
        self.waitlist_action.setText(self.tr("&Liste d'attente"))
        self.waitlist_action.setShortcut(WAITLIST_SHORTCUT.sequence)
        self.waitlist_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        window.addAction(self.waitlist_action)
        self.menu.addAction(self.waitlist_action)
        self.waitlist_dock.visibilityChanged.connect(
            lambda visible: self.waitlist.refresh() if visible else None
        )
        self.waitlist.message.connect(self._say)
        self.waitlist.add_requested.connect(self.open_waitlist_dialog)
        self.waitlist.booked.connect(self._on_booked_from_waitlist)
        self.waitlist_dialog: WaitlistDialog | None = None
        self.waitlist_add_action = QAction(
            self.tr("&Ajouter un patient à la liste d'attente…"), window
        )
        guard(self.waitlist_add_action, window.actor, Action.MANAGE_WAITLIST)
        self.waitlist_add_action.triggered.connect(self.open_waitlist_dialog)
        self.menu.addAction(self.waitlist_add_action)
        guard(self.waitlist.add_button, window.actor, Action.MANAGE_WAITLIST)
        guard(self.waitlist.remove_button, window.actor, Action.MANAGE_WAITLIST)
        actions = getattr(window, "appointment_actions", None)
        if actions is not None and hasattr(actions, "slot_freed"):
            actions.slot_freed.connect(self.offer_freed)

    def offer_freed(self, appointment) -> int:
        """A slot freed in this window: propose it to the waiting list (shown when it suits
        someone)."""
        found = self.waitlist.offer_freed(appointment)
        if found:
            self.waitlist_dock.show()
            self.waitlist_dock.raise_()
            self.waitlist.refresh()
        return found

    def open_waitlist_dialog(self) -> WaitlistDialog:
        window = self._window
        department = window.department
        dialog = WaitlistDialog(
            self._services,
            lambda: window.actor,
            department.id if department else None,
            window.today(),
            window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._on_waitlist_added)
        dialog.finished.connect(lambda _r: setattr(self, "waitlist_dialog", None))
        self.waitlist_dialog = dialog
        dialog.open()
        return dialog

    def _on_waitlist_added(self) -> None:
        self.waitlist_dock.show()
        self.waitlist.refresh()
        self._say(self.tr("Patient ajouté à la liste d'attente."), False)

    def _on_booked_from_waitlist(self, appointment_id: int) -> None:
        window = self._window
        window.reload()
        row = window.table_model.row_of(appointment_id)
        if row is not None:
            window.table_view.selectRow(row)
            window.grid.select(appointment_id)

    def _install_absences(self) -> None:
        self.absence_action = self._action(
            self.tr("Saisir une &absence…"), ABSENCE_SHORTCUT, Action.MANAGE_ABSENCES
        )
        self.absence_action.triggered.connect(self.open_absence_dialog)
        self.absence_dialog: AbsenceDialog | None = None
        self._window.grid.absence_menu_requested.connect(self._on_grid_absence_menu_requested)

    def _on_grid_absence_menu_requested(self, absence_id: int, global_pos: QPoint) -> None:
        menu = QMenu(self._window)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        remove = menu.addAction(self.tr("&Supprimer cette absence et proposer le temps libéré…"))
        guard(remove, self._window.actor, Action.MANAGE_ABSENCES)
        remove.triggered.connect(lambda: self.remove_absence(absence_id))
        menu.popup(global_pos)

    def remove_absence(self, absence_id: int, *, confirm: bool = True) -> int | None:
        """Delete an absence (after asking), then offer the time it gives back to the waiting
        list. Returns the number of offers, None when nothing was removed."""
        window, actor = self._window, self._window.actor
        if actor is None:
            return None
        if confirm:
            answer = QMessageBox.question(
                window,
                self.tr("Supprimer l'absence"),
                self.tr(
                    "Supprimer cette absence ? Son temps redevient réservable et les patients "
                    "de la liste d'attente qui peuvent le prendre vous sont proposés."
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
        try:
            absence = self._services.absences.remove(actor, absence_id)
        except CreneauError as exc:
            self._say(exc.message, True)
            window.reload()
            return None
        window.reload()
        found = self.waitlist.offer_freed_time(absence)
        if found:
            self.waitlist_dock.show()
            self.waitlist_dock.raise_()
            self.waitlist.refresh()
        else:
            self._say(self.tr("Absence supprimée : ce temps est de nouveau réservable."), False)
        return found

    def open_absence_dialog(self) -> AbsenceDialog:
        window = self._window
        current = window.practitioner if window.view == "week" else None
        selected = (
            window.appointment_actions.current_entry()
            if hasattr(window, "appointment_actions")
            else None
        )
        practitioner_id = (
            current.id if current else selected.appointment.practitioner_id if selected else None
        )
        dialog = AbsenceDialog(
            self._services,
            lambda: window.actor,
            window.practitioners,
            window.day,
            practitioner_id,
            window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.agenda_changed.connect(window.reload)
        dialog.message.connect(self._say_absence)
        dialog.finished.connect(lambda _r: setattr(self, "absence_dialog", None))
        self.absence_dialog = dialog
        dialog.open()
        return dialog

    # --- plumbing ------------------------------------------------------------------------------

    def _say(self, text: str, is_error: bool) -> None:
        bar = getattr(self._window, "message_bar", None)
        if bar is None:
            self._window.statusBar().showMessage(text)
        elif is_error:
            bar.error(text, self.tr("Refusé"))
        else:
            bar.success(text)

    def _say_absence(self, text: str, to_call: bool) -> None:
        bar = getattr(self._window, "message_bar", None)
        if bar is not None and to_call:
            bar.warning(text, self.tr("Patients à appeler"))
        else:
            self._say(text, False)

    def _action(self, text: str, shortcut: shortcuts.Shortcut, right: Action | None) -> QAction:
        action = QAction(text, self._window)
        action.setShortcut(shortcut.sequence)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({shortcut.sequence.toString()})")
        if right is not None:
            guard(action, self._window.actor, right)
        self._window.addAction(action)
        self.menu.addAction(action)
        return action


def _dock(window: MainWindow, title: str, name: str, widget) -> QDockWidget:
    scroll = QScrollArea(objectName=f"{name}Scroll")
    scroll.setWidget(widget)
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setAllowedAreas(
        Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.LeftDockWidgetArea
    )
    dock.setWidget(scroll)
    dock.setMinimumWidth(PANEL_WIDTH)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.hide()
    return dock


def install_workspace(window: MainWindow, services: Services) -> Workspace:
    """Add the appointment panel, the waiting list and the absences to the window."""
    return Workspace(window, services)
