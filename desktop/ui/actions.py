"""Changing appointments from the agenda: statuses, move, cancel — by menu, keys or drag and drop.

``install_appointment_actions(window, services)`` adds to the main window:

- the actions on the selected appointment, with their shortcuts (registered in
  ``desktop.ui.shortcuts``) active where the appointments are (planning and list): A arrivé,
  V vu, L absent (lapin), C confirmé, R back to réservé, Ctrl+M déplacer…, Suppr annuler…;
- the context menu of a block or a row (right click, or the menu key);
- the drop of a dragged block (``AgendaGrid.move_requested``), which moves the appointment;
- a message bar above the agenda that says what happened.

Every change goes through ``BookingService`` with the version the screen shows, so a change made
meanwhile on another workstation is refused (naming who made it) rather than overwritten. After
any attempt, saved or refused, the agenda is read again: the screen shows the current truth.
A refused move that could be forced (outside the openings, or overlapping) is offered as an
overbooking, with a required reason, to the roles allowed to; the others are told why not.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QDialog, QMenu

from desktop.domain.errors import (
    ClosedDay,
    CreneauError,
    DatabaseUnavailable,
    OutsideOpening,
    SlotConflict,
    StaleEdit,
)
from desktop.domain.model import Actor, Status
from desktop.domain.permissions import Action
from desktop.ui import shortcuts, texts
from desktop.ui.dialogs.cancel_dialog import CancelDialog
from desktop.ui.dialogs.move_dialog import MoveDialog, search_days, wall
from desktop.ui.dialogs.overbook_dialog import OverbookDialog
from desktop.ui.message_bar import Level, MessageBar
from desktop.ui.models.agenda_layout import AgendaEntry
from desktop.ui.models.appointment_table import ID_ROLE
from desktop.ui.roles import can, guard

if TYPE_CHECKING:
    from desktop.services.container import Services
    from desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

_G = shortcuts.GROUP_APPOINTMENTS
STATUS_SHORTCUTS = {
    Status.ARRIVED: shortcuts.register(
        "A", QT_TRANSLATE_NOOP("Shortcuts", "Rendez-vous choisi : patient arrivé"), _G
    ),
    Status.SEEN: shortcuts.register(
        "V", QT_TRANSLATE_NOOP("Shortcuts", "Rendez-vous choisi : patient vu"), _G
    ),
    Status.NO_SHOW: shortcuts.register(
        "L", QT_TRANSLATE_NOOP("Shortcuts", "Rendez-vous choisi : patient absent (lapin)"), _G
    ),
    Status.CONFIRMED: shortcuts.register(
        "C", QT_TRANSLATE_NOOP("Shortcuts", "Rendez-vous choisi : confirmé"), _G
    ),
    Status.BOOKED: shortcuts.register(
        "R", QT_TRANSLATE_NOOP("Shortcuts", "Rendez-vous choisi : revenir à « Réservé »"), _G
    ),
}
MOVE_SHORTCUT = shortcuts.register(
    "Ctrl+M", QT_TRANSLATE_NOOP("Shortcuts", "Déplacer le rendez-vous choisi…"), _G
)
CANCEL_SHORTCUT = shortcuts.register(
    "Del", QT_TRANSLATE_NOOP("Shortcuts", "Annuler le rendez-vous choisi…"), _G
)
MENU_SHORTCUT = shortcuts.register(
    "Menu",
    QT_TRANSLATE_NOOP("Shortcuts", "Menu du rendez-vous choisi (ou Maj+F10, ou clic droit)"),
    _G,
    action=False,
)
ARROWS_SHORTCUT = shortcuts.register(
    "Down",
    QT_TRANSLATE_NOOP(
        "Shortcuts", "Planning : rendez-vous suivant (↑ précédent, ← → colonne voisine)"
    ),
    _G,
    action=False,
)
DRAG_CANCEL_SHORTCUT = shortcuts.register(
    "Esc",
    QT_TRANSLATE_NOOP("Shortcuts", "Planning : abandonner le glisser-déposer en cours"),
    _G,
    action=False,
)

# French source texts in the ``AppointmentActions`` context, translated when shown.
STATUS_MENU_TEXTS = {
    Status.ARRIVED: QT_TRANSLATE_NOOP("AppointmentActions", "&Arrivé"),
    Status.SEEN: QT_TRANSLATE_NOOP("AppointmentActions", "&Vu"),
    Status.NO_SHOW: QT_TRANSLATE_NOOP("AppointmentActions", "Absent (&lapin)"),
    Status.CONFIRMED: QT_TRANSLATE_NOOP("AppointmentActions", "&Confirmé"),
    Status.BOOKED: QT_TRANSLATE_NOOP("AppointmentActions", "Revenir à « &Réservé »"),
}
NO_RIGHT_TO_FORCE = QT_TRANSLATE_NOOP(
    "AppointmentActions", "Votre rôle ne permet pas de forcer un rendez-vous (surbooking)."
)
UNEXPECTED = QT_TRANSLATE_NOOP(
    "AppointmentActions",
    "Une erreur inattendue est survenue : rien n'a été enregistré. "
    "L'agenda affiché a été relu ; si l'erreur persiste, prévenez le support informatique.",
)


class AppointmentActions(QObject):
    """The actions on the selected appointment of a ``MainWindow`` and what they do.

    Signals: ``appointment_changed(id)`` after a change was saved; ``change_refused(id)``
    after a refusal (the message is in ``message_bar``). Dialogs open without blocking (window-
    modal); the one open is ``dialog``, the context menu shown is ``menu``.
    """

    appointment_changed = Signal(int)
    change_refused = Signal(int)
    # The appointment as it was before a cancellation or a move: its time is free again
    # (the waiting list offers it: desktop.ui.workspace).
    slot_freed = Signal(object)

    def __init__(self, window: MainWindow, services: Services) -> None:
        super().__init__(window)
        self._window = window
        self._services = services
        self._calendar = services.structure.calendar()
        self._pending_selection: int | None = None
        self.dialog: QDialog | None = None
        self.menu: QMenu | None = None
        self.message_bar = getattr(window, "message_bar", None) or _insert_message_bar(window)

        self.status_actions: dict[Status, QAction] = {}
        self._status_group = QActionGroup(self)  # one status at a time: radio marks in the menu
        self._status_group.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
        for status, shortcut in STATUS_SHORTCUTS.items():
            action = self._action(
                self.tr(STATUS_MENU_TEXTS[status]), shortcut, Action.CHANGE_STATUS
            )
            action.setCheckable(True)
            self._status_group.addAction(action)
            action.triggered.connect(lambda _checked=False, s=status: self.set_status(s))
            self.status_actions[status] = action
        self.move_action = self._action(self.tr("&Déplacer…"), MOVE_SHORTCUT, Action.MOVE)
        self.move_action.triggered.connect(self.open_move_dialog)
        self.cancel_action = self._action(
            self.tr("A&nnuler le rendez-vous…"), CANCEL_SHORTCUT, Action.CANCEL
        )
        self.cancel_action.triggered.connect(self.open_cancel_dialog)

        grid, table = window.grid, window.table_view
        grid.move_requested.connect(self.move_to)
        grid.menu_requested.connect(self.show_menu)
        grid.appointment_clicked.connect(lambda _id: self.update_actions())
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._on_table_context_menu_requested)
        table.selectionModel().currentRowChanged.connect(lambda *_: self.update_actions())
        window.agenda_loaded.connect(self._on_window_agenda_loaded)
        self.update_actions()

    # --- state ---------------------------------------------------------------------------------

    @property
    def actor(self) -> Actor | None:
        return self._window.actor

    def actions(self) -> list[QAction]:
        """In menu order: the statuses, then move and cancel."""
        return [*self.status_actions.values(), self.move_action, self.cancel_action]

    def entry_of(self, appointment_id: int | None) -> AgendaEntry | None:
        rows = self._window.table_model.rows()
        return next((e for e in rows if e.id == appointment_id), None)

    def current_entry(self) -> AgendaEntry | None:
        """The appointment selected on the planning (and in the list)."""
        return self.entry_of(self._window.grid.selected_id)

    def update_actions(self) -> None:
        """Enable what the role allows (``desktop.ui.roles`` does the same on a new sign-in);
        mark the selected appointment's status; drags follow the role too."""
        actor, entry = self.actor, self.current_entry()
        for status, action in self.status_actions.items():
            action.setEnabled(can(actor, Action.CHANGE_STATUS))
            action.setChecked(entry is not None and entry.status is status)
        self.move_action.setEnabled(can(actor, Action.MOVE))
        self.cancel_action.setEnabled(can(actor, Action.CANCEL))
        self._window.grid.set_movable(can(actor, Action.MOVE))

    # --- the context menu ----------------------------------------------------------------------

    def show_menu(self, appointment_id: int, global_pos: QPoint) -> QMenu | None:
        """The menu of an appointment (selected first); returned, shown without blocking."""
        if self.entry_of(appointment_id) is None:
            return None
        self._select(appointment_id)
        self.update_actions()
        if self.menu is not None:
            self.menu.close()
            self.menu.deleteLater()
        menu = QMenu(self._window)
        menu.setObjectName("appointmentMenu")
        menu.setAccessibleName(self.tr("Actions du rendez-vous"))
        for status in (Status.ARRIVED, Status.SEEN, Status.NO_SHOW, Status.CONFIRMED):
            menu.addAction(self.status_actions[status])
        menu.addAction(self.status_actions[Status.BOOKED])
        menu.addSeparator()
        menu.addAction(self.move_action)
        menu.addAction(self.cancel_action)
        self.menu = menu
        menu.popup(global_pos)
        return menu

    def _on_table_context_menu_requested(self, pos: QPoint) -> None:
        table = self._window.table_view
        index = table.indexAt(pos)
        if not index.isValid():
            return
        table.setCurrentIndex(index)
        self.show_menu(index.data(ID_ROLE), table.viewport().mapToGlobal(pos))

    # --- the changes ---------------------------------------------------------------------------

    def set_status(self, status: Status) -> bool:
        """Give the selected appointment ``status``; True when saved."""
        entry = self._selected_or_say()
        if entry is None:
            return False
        if entry.status is status:
            self.update_actions()
            self.message_bar.info(
                self.tr("{patient} : déjà « {status} ».").format(
                    patient=entry.patient_name, status=texts.status_label(status)
                )
            )
            return False
        saved = self._attempt(
            entry,
            lambda actor: self._services.booking.set_status(
                actor, entry.id, entry.appointment.version, status
            ),
        )
        if saved is not None:
            self._done(
                entry.id,
                self.tr("{patient} : état « {status} ».").format(
                    patient=entry.patient_name, status=texts.status_label(status)
                ),
            )
        return saved is not None

    def move_to(self, appointment_id: int, practitioner_id: int, day: date, minute: int) -> bool:
        """A drop on the planning: move to ``minute`` (local wall clock) of ``day``."""
        entry = self.entry_of(appointment_id)
        if entry is None:
            return False
        try:
            start = self._calendar.to_utc(wall(day, minute))
        except CreneauError as exc:
            self._refused(entry, exc)
            return False
        return self.move(entry, practitioner_id, start)

    def move(self, entry: AgendaEntry, practitioner_id: int, start: datetime) -> bool:
        """Move ``entry``; a refusal that may be forced is offered as an overbooking."""
        try:
            self._services.booking.move(
                self._actor_or_raise(),
                entry.id,
                entry.appointment.version,
                start,
                practitioner_id=practitioner_id,
            )
        except (SlotConflict, OutsideOpening) as exc:
            if isinstance(exc, ClosedDay):
                self._refused(entry, exc)
            elif can(self.actor, Action.OVERBOOK):
                self._refused(entry, exc, level=Level.WARNING)
                self._offer_overbooking(entry, practitioner_id, start, exc.message)
            else:
                self._refused(entry, exc, extra=self.tr(NO_RIGHT_TO_FORCE))
            return False
        except Exception as exc:  # every other refusal: said, and the view read again
            self._refused(entry, exc)
            return False
        self._moved(entry, practitioner_id, start, forced=False)
        return True

    def open_move_dialog(self) -> MoveDialog | None:
        entry = self._selected_or_say()
        if entry is None:
            return None
        window = self._window
        dialog = MoveDialog(
            entry,
            window.practitioners,
            self._calendar,
            window.today(),
            lambda ids, from_day: self._services.agenda.free_slots(
                entry.appointment.visit_reason_id, *search_days(from_day), ids, limit=5
            ),
            window,
        )
        dialog.accepted.connect(lambda: self.move(entry, *dialog.chosen()))
        return self._open(dialog)

    def open_cancel_dialog(self) -> CancelDialog | None:
        entry = self._selected_or_say()
        if entry is None:
            return None
        dialog = CancelDialog(entry, self._window)
        dialog.accepted.connect(lambda: self._cancel(entry, dialog.reason(), dialog.origin()))
        return self._open(dialog)

    def _cancel(self, entry: AgendaEntry, reason: str, origin) -> None:
        saved = self._attempt(
            entry,
            lambda actor: self._services.booking.cancel(
                actor, entry.id, entry.appointment.version, reason, origin
            ),
        )
        if saved is not None:
            self._done(
                None,
                self.tr("Rendez-vous de {patient} du {when} annulé.").format(
                    patient=entry.patient_name, when=_when(entry.start)
                ),
            )
            self.slot_freed.emit(entry.appointment)

    def _offer_overbooking(
        self, entry: AgendaEntry, practitioner_id: int, start: datetime, refusal: str
    ) -> None:
        local = self._calendar.local(start)
        target = _when(local)
        if practitioner_id != entry.appointment.practitioner_id:
            target += self.tr(" avec {practitioner}").format(
                practitioner=self._practitioner_name(practitioner_id)
            )
        dialog = OverbookDialog(entry, refusal, target, self._window)

        def force() -> None:
            saved = self._attempt(
                entry,
                lambda actor: self._services.booking.move(
                    actor,
                    entry.id,
                    entry.appointment.version,
                    start,
                    practitioner_id=practitioner_id,
                    force=True,
                    overbooking_reason=dialog.reason(),
                ),
            )
            if saved is not None:
                self._moved(entry, practitioner_id, start, forced=True)

        dialog.accepted.connect(force)
        dialog.rejected.connect(
            lambda: self.message_bar.info(
                self.tr("Rien n'a été changé : le rendez-vous reste à sa place.")
            )
        )
        self._open(dialog)

    def _moved(self, entry: AgendaEntry, practitioner_id: int, start: datetime, forced: bool):
        local = self._calendar.local(start)
        text = self.tr("{patient} : rendez-vous déplacé au {when}").format(
            patient=entry.patient_name, when=_when(local)
        )
        if practitioner_id != entry.appointment.practitioner_id:
            text += self.tr(" avec {practitioner}").format(
                practitioner=self._practitioner_name(practitioner_id)
            )
        text += self.tr(" (surbooking).") if forced else "."
        self._show_day_of(practitioner_id, local.date())
        self._done(entry.id, text)
        self.slot_freed.emit(entry.appointment)

    # --- plumbing ------------------------------------------------------------------------------

    def _action(self, text: str, shortcut: shortcuts.Shortcut, right: Action) -> QAction:
        action = QAction(text, self._window)
        action.setShortcut(shortcut.sequence)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{text.replace('&', '')} ({shortcut.sequence.toString()})")
        guard(action, self.actor, right)
        # Active where the appointments are: the planning and the list, not in a typed field.
        self._window.grid.addAction(action)
        self._window.table_view.addAction(action)
        return action

    def _actor_or_raise(self) -> Actor:
        actor = self.actor
        if actor is None:
            raise CreneauError(self.tr("Connectez-vous pour modifier l'agenda."))
        return actor

    def _selected_or_say(self) -> AgendaEntry | None:
        entry = self.current_entry()
        if entry is None:
            self.message_bar.info(
                self.tr("Choisissez d'abord un rendez-vous sur le planning ou la liste.")
            )
        return entry

    def _attempt(self, entry: AgendaEntry, change):
        """Run ``change(actor)``; on a refusal, say why, read the agenda again, return None."""
        try:
            return change(self._actor_or_raise())
        except Exception as exc:
            self._refused(entry, exc)
            return None

    def _refused(
        self, entry: AgendaEntry, exc: Exception, *, extra: str = "", level: Level = Level.ERROR
    ) -> None:
        if isinstance(exc, StaleEdit):
            self.message_bar.warning(exc.message, self.tr("Modifié sur un autre poste"))
        elif isinstance(exc, DatabaseUnavailable):
            self.message_bar.error(exc.message, self.tr("Base de données"))
        elif isinstance(exc, CreneauError):
            text = f"{exc.message} {extra}".strip()
            self.message_bar.show_message(text, level, self.tr("Refusé"))
        else:  # a bug or an unexpected failure: logged with its traceback, never shown
            log.error("appointment change failed", exc_info=exc)
            self.message_bar.error(self.tr(UNEXPECTED))
        self._pending_selection = entry.id
        self._reload()
        self.change_refused.emit(entry.id)

    def _done(self, appointment_id: int | None, text: str) -> None:
        self._pending_selection = appointment_id
        self._reload()
        self.message_bar.success(text)
        if appointment_id is not None:
            self.appointment_changed.emit(appointment_id)

    def _reload(self) -> None:
        try:
            self._window.reload()
        except Exception:  # the window says what failed in its status bar; stay usable
            log.exception("reloading the agenda failed")

    def _show_day_of(self, practitioner_id: int, day: date) -> None:
        """Bring the moved appointment into view (another day, or another practitioner's week)."""
        window = self._window
        if window.view == "week":
            ids = [p.id for p in window.practitioners]
            current = window.practitioner
            if practitioner_id in ids and (current is None or current.id != practitioner_id):
                window.toolbar.set_practitioner_index(ids.index(practitioner_id))
        shown = {c.day for c in window.grid.content.columns}
        if day not in shown:
            window.set_day(day)

    def _practitioner_name(self, practitioner_id: int) -> str:
        found = next((p for p in self._window.practitioners if p.id == practitioner_id), None)
        return found.name if found else self.tr("un autre praticien")

    def _select(self, appointment_id: int) -> None:
        window = self._window
        row = window.table_model.row_of(appointment_id)
        if row is not None:
            window.table_view.selectRow(row)
        window.grid.select(appointment_id)

    def _open(self, dialog: QDialog) -> QDialog:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._on_dialog_finished(dialog))
        dialog.open()
        return dialog

    def _on_dialog_finished(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        self._window.grid.setFocus()

    def _on_window_agenda_loaded(self) -> None:
        if self._pending_selection is not None and self.entry_of(self._pending_selection):
            self._select(self._pending_selection)
            self._pending_selection = None
        self.update_actions()


def _when(local: datetime) -> str:
    """ "lundi 15 mars 2027 à 11:30" """
    return texts.at_time(local.date(), local)


def _insert_message_bar(window: MainWindow) -> MessageBar:
    """The message bar, just under the agenda's heading (at the top when there is none)."""
    bar = MessageBar()
    central = window.centralWidget()
    layout = central.layout() if central is not None else None
    if layout is not None:
        heading = getattr(window, "heading", None)
        index = layout.indexOf(heading) if heading is not None else -1
        layout.insertWidget(index + 1, bar)
    window.message_bar = bar
    return bar


def install_appointment_actions(window: MainWindow, services: Services) -> AppointmentActions:
    """Add the appointment actions, their shortcuts, the context menus, the drop of a dragged
    block and the message bar to the window."""
    return AppointmentActions(window, services)
