"""« Demandes en ligne »: the inbox of the booking requests sent from the booking page.

``RequestInbox`` lists the requests (those waiting for a decision by default: held, with the
time their hold has left, or with another slot proposed), the patient matched to an existing
record or new, and the patient's message and the visit reason's instructions. The secretary
accepts (the appointment is booked in the held slot), proposes another slot
(``ProposeSlotDialog``) or declines with a reason (``DeclineDialog``), all from the keyboard:
Entrée accepts, the buttons have mnemonics.

``install_request_inbox(window, services)`` puts it in a dock, adds « Demandes en ligne » to the
« Secrétariat » menu with the number waiting as a badge (also in the status bar), releases the
expired holds and refreshes on a timer. Guarded with ``Action.BOOK``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.booking_requests import HOLDING, RequestStatus
from desktop.domain.errors import CreneauError
from desktop.domain.model import Actor, Slot
from desktop.domain.permissions import Action
from desktop.ui import shortcuts, texts
from desktop.ui.dialogs.request_dialogs import DeclineDialog, ProposeSlotDialog
from desktop.ui.models.request_table import (
    COL_REASON,
    REQUEST_ROLE,
    RequestTableModel,
    inbox_rows,
)
from desktop.ui.roles import can, guard
from desktop.ui.views.request_details import details_html

if TYPE_CHECKING:
    from desktop.services.container import Services
    from desktop.services.requests import InboxEntry

log = logging.getLogger(__name__)

INBOX_SHORTCUT = shortcuts.register(
    "Ctrl+Shift+D",
    QT_TRANSLATE_NOOP("Shortcuts", "Afficher ou masquer les demandes de rendez-vous en ligne"),
    shortcuts.GROUP_APPOINTMENTS,
)
REFRESH_MS = 30_000
INBOX_WIDTH = 640
REASON_WIDTH = 190
FILTERS = (
    (QT_TRANSLATE_NOOP("RequestInbox", "À traiter"), HOLDING),
    (QT_TRANSLATE_NOOP("RequestInbox", "Rejetées (invalides ou créneau pris)"),
     (RequestStatus.REJECTED,)),
    (QT_TRANSLATE_NOOP("RequestInbox", "Traitées"),
     (RequestStatus.ACCEPTED, RequestStatus.DECLINED, RequestStatus.EXPIRED)),
    (QT_TRANSLATE_NOOP("RequestInbox", "Toutes"), None),
)  # fmt: skip


class RequestInbox(QWidget):
    """The list of requests, their details and the three decisions."""

    message = Signal(str, bool)  # text, is_error
    changed = Signal()  # a request was decided: counts and the agenda may differ
    booked = Signal(int)  # appointment id

    def __init__(self, services: Services, actor: Callable[[], Actor | None], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("requestInbox")
        self.setAccessibleName(self.tr("Demandes de rendez-vous en ligne"))
        self._services = services
        self._actor = actor
        self._calendar = services.structure.calendar()
        self.propose_dialog: ProposeSlotDialog | None = None
        self.decline_dialog: DeclineDialog | None = None

        self.filter_box = QComboBox(objectName="requestFilter")
        self.filter_box.setAccessibleName(self.tr("Demandes affichées"))
        for text, _statuses in FILTERS:
            self.filter_box.addItem(self.tr(text))
        self.filter_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.count_label = QLabel(objectName="requestCount")
        top = QHBoxLayout()
        shown = QLabel(self.tr("&Afficher :"), buddy=self.filter_box)
        top.addWidget(shown)
        top.addWidget(self.filter_box)
        top.addStretch(1)
        top.addWidget(self.count_label)

        self.model = RequestTableModel(self)
        self.table = QTableView(objectName="requestTable")
        self.table.setAccessibleName(self.tr("Demandes de rendez-vous"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_REASON, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_REASON, REASON_WIDTH)
        header.setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_details())
        self.table.activated.connect(lambda _index: self.accept_selected())

        self.details = QLabel(objectName="requestDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAccessibleName(self.tr("Détail de la demande"))
        self.details.setStyleSheet(
            "QLabel#requestDetails { background: #f6f7f9; border: 1px solid #dde1e7;"
            " border-radius: 4px; padding: 8px 10px; color: #1f2933; }"
        )

        self.accept_button = QPushButton(self.tr("&Accepter"), objectName="acceptRequest")
        self.accept_button.setAccessibleName(
            self.tr("Accepter la demande : réserver le rendez-vous dans le créneau retenu")
        )
        self.accept_button.clicked.connect(self.accept_selected)
        self.propose_button = QPushButton(
            self.tr("&Proposer un autre créneau…"), objectName="proposeRequest"
        )
        self.propose_button.setAccessibleName(self.tr("Proposer un autre créneau au patient"))
        self.propose_button.clicked.connect(self.open_propose_dialog)
        self.decline_button = QPushButton(self.tr("&Refuser…"), objectName="declineRequest")
        self.decline_button.setAccessibleName(self.tr("Refuser la demande avec un motif"))
        self.decline_button.clicked.connect(self.open_decline_dialog)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.decline_button)
        buttons.addWidget(self.propose_button)
        buttons.addWidget(self.accept_button)
        for button in (self.accept_button, self.propose_button, self.decline_button):
            guard(button, actor(), Action.BOOK)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        self._show_details()

    # --- the list ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the requests of the chosen filter again (the selection is kept)."""
        actor = self._actor()
        kept = self.selected_entry()
        if actor is None or not can(actor, Action.BOOK):
            self.model.set_rows([])
            self.count_label.setText(self.tr("Connectez-vous pour voir les demandes."))
            self._show_details()
            return
        statuses = FILTERS[max(self.filter_box.currentIndex(), 0)][1]
        try:
            entries = self._services.requests.inbox(actor, statuses)
        except CreneauError as exc:
            self.message.emit(exc.message, True)
            return
        self.model.set_rows(inbox_rows(entries, self._calendar, self._services.clock.now()))
        self.count_label.setText(
            texts.capitalised(texts.count(len(entries), self.tr("demande"), self.tr("demandes")))
        )
        row = self.model.row_of(kept.request.id) if kept else None
        if row is None and self.model.rowCount():
            row = 0
        if row is not None:
            self.table.selectRow(row)
        self._show_details()

    def selected_entry(self) -> InboxEntry | None:
        index = self.table.currentIndex()
        return self.model.data(index, REQUEST_ROLE) if index.isValid() else None

    def select_request(self, request_id: int) -> bool:
        row = self.model.row_of(request_id)
        if row is not None:
            self.table.selectRow(row)
        return row is not None

    def _show_details(self) -> None:
        entry = self.selected_entry()
        deciding = entry is not None and entry.request.holding
        allowed = can(self._actor(), Action.BOOK)
        for button in (self.accept_button, self.propose_button, self.decline_button):
            button.setEnabled(deciding and allowed)
        if entry is None:
            self.details.setText(self.tr("Aucune demande choisie."))
            return
        self.details.setText(details_html(entry, self._calendar))

    # --- decisions -----------------------------------------------------------------------------

    def _decide(
        self,
        work: Callable[[Actor, InboxEntry], object],
        done: str,
        entry: InboxEntry | None = None,
    ) -> object | None:
        entry, actor = entry or self.selected_entry(), self._actor()
        if entry is None or actor is None:
            return None
        try:
            result = work(actor, entry)
        except CreneauError as exc:
            self.message.emit(exc.message, True)
            self.refresh()
            return None
        self.message.emit(done, False)
        self.refresh()
        self.changed.emit()
        return result

    def accept_selected(self) -> int | None:
        """Accept the chosen request: the appointment's id, None when refused."""
        entry = self.selected_entry()
        if entry is None or not entry.request.holding:
            return None
        appointment = self._decide(
            lambda actor, e: self._services.requests.accept(actor, e.request.id, e.request.version),
            self.tr("Demande acceptée : rendez-vous réservé pour {patient}.").format(
                patient=f"{entry.request.family_name.upper()} {entry.request.given_names}"
            ),
        )
        if appointment is None:
            return None
        self.booked.emit(appointment.id)
        return appointment.id

    def propose(self, slot: Slot, entry: InboxEntry | None = None) -> bool:
        """Propose ``slot`` for ``entry`` (default: the chosen request)."""
        local = self._calendar.local(slot.start)
        done = self._decide(
            lambda actor, e: self._services.requests.propose(
                actor, e.request.id, slot.start, slot.practitioner_id, e.request.version
            ),
            self.tr("Créneau du {when} proposé au patient.").format(
                when=texts.at_time(local.date(), local)
            ),
            entry,
        )
        return done is not None

    def decline(self, reason: str, entry: InboxEntry | None = None) -> bool:
        """Decline ``entry`` (default: the chosen request) with ``reason``."""
        done = self._decide(
            lambda actor, e: self._services.requests.decline(
                actor, e.request.id, reason, e.request.version
            ),
            self.tr("Demande refusée : le créneau est de nouveau libre."),
            entry,
        )
        return done is not None

    def open_propose_dialog(self) -> ProposeSlotDialog | None:
        entry = self.selected_entry()
        if entry is None or not entry.request.holding:
            return None
        today = self._calendar.local(self._services.clock.now()).date()
        dialog = ProposeSlotDialog(self._services, entry, today, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # The request of the dialog, whatever the list shows when it closes.
        dialog.accepted.connect(lambda: self._on_propose_dialog_accepted(dialog, entry))
        dialog.finished.connect(lambda _r: setattr(self, "propose_dialog", None))
        self.propose_dialog = dialog
        dialog.open()
        return dialog

    def _on_propose_dialog_accepted(self, dialog: ProposeSlotDialog, entry: InboxEntry) -> None:
        slot = dialog.chosen_slot()
        if slot is not None:
            self.propose(slot, entry)

    def open_decline_dialog(self) -> DeclineDialog | None:
        entry = self.selected_entry()
        if entry is None or not entry.request.holding:
            return None
        dialog = DeclineDialog(self._services, entry, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.decline(dialog.reason(), entry))
        dialog.finished.connect(lambda _r: setattr(self, "decline_dialog", None))
        self.decline_dialog = dialog
        dialog.open()
        return dialog


class RequestInboxFeature(QObject):
    """What ``install_request_inbox`` adds: ``inbox``, ``dock``, ``action``, ``badge``."""

    def __init__(self, window, services: Services) -> None:
        super().__init__(window)
        self._window = window
        self._services = services
        self.inbox = RequestInbox(services, lambda: window.actor)
        self.dock = QDockWidget(self.tr("Demandes en ligne"), window)
        self.dock.setObjectName("requestInboxDock")
        self.dock.setWidget(self.inbox)
        self.dock.setMinimumWidth(INBOX_WIDTH)
        self.dock.setAllowedAreas(
            Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.LeftDockWidgetArea
        )
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.action: QAction = self.dock.toggleViewAction()
        self.action.setObjectName("requestInboxAction")
        self.action.setShortcut(INBOX_SHORTCUT.sequence)
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        guard(self.action, window.actor, Action.BOOK)
        window.addAction(self.action)
        workspace = getattr(window, "workspace", None)
        menu = getattr(workspace, "menu", None) or window.menuBar().addMenu(self.tr("&Demandes"))
        menu.addAction(self.action)
        self.badge = QPushButton(objectName="requestBadge")
        self.badge.setFlat(True)
        self.badge.setCursor(Qt.CursorShape.PointingHandCursor)
        self.badge.setStyleSheet(
            "QPushButton#requestBadge { color: #ffffff; background: #b3261e; border-radius: 9px;"
            " padding: 1px 10px; font-weight: 600; }"
        )
        self.badge.clicked.connect(self.show_inbox)
        self.badge.hide()
        window.statusBar().addPermanentWidget(self.badge)
        self.dock.visibilityChanged.connect(self._on_dock_visibility_changed)
        self.inbox.message.connect(self._say)
        self.inbox.changed.connect(self.update_count)
        self.inbox.booked.connect(lambda _id: window.reload())
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self.count = 0
        self.update_count()

    def show_inbox(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.inbox.table.setFocus()

    def tick(self) -> None:
        """Release expired holds, then refresh the count (and the list when shown)."""
        if self._window.actor is None:
            return
        try:
            if self._services.requests.release_expired():
                self._window.reload()
        except CreneauError as exc:
            log.warning("releasing expired holds failed: %s", exc.message)
        self.update_count()
        if self.dock.isVisible():
            self.inbox.refresh()

    def update_count(self) -> int:
        """The number of requests waiting, shown on the menu entry, the dock and the badge."""
        try:
            self.count = self._services.requests.pending_count() if self._window.actor else 0
        except CreneauError:
            return self.count
        label = self.tr("&Demandes en ligne")
        title = self.tr("Demandes en ligne")
        if self.count:
            label += f" ({self.count})"
            title += f" ({self.count})"
        self.dock.setWindowTitle(title)  # resets the toggle action's text: set it after
        self.action.setText(label)
        self.badge.setText(
            texts.count(self.count, self.tr("demande en ligne"), self.tr("demandes en ligne"))
        )
        self.badge.setAccessibleName(self.badge.text())
        self.badge.setVisible(self.count > 0 and can(self._window.actor, Action.BOOK))
        return self.count

    def _on_dock_visibility_changed(self, visible: bool) -> None:
        if visible:
            self.inbox.refresh()

    def _say(self, text: str, is_error: bool) -> None:
        bar = getattr(self._window, "message_bar", None)
        if bar is None:
            self._window.statusBar().showMessage(text)
        elif is_error:
            bar.error(text, self.tr("Refusé"))
        else:
            bar.success(text)


def install_request_inbox(window, services: Services) -> RequestInboxFeature:
    """Add the inbox of the online booking requests to the main window."""
    return RequestInboxFeature(window, services)
