"""The outbox screen « Rappels SMS » : what is queued, sent, failed (with the reason and the
attempts) or cancelled, a filter by status, the text of the selected SMS with its length, a
retry of a failed one and « Envoyer maintenant ».

``install_outbox(window, services)`` adds « Rappels SMS… » to the « Secrétariat » menu and the
application's own sender (``desktop.ui.reminder_sender``). Reads go through the services, off
the GUI thread when the window reads in the background; no SQL here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import CreneauError
from desktop.domain.model import Actor
from desktop.domain.permissions import Action
from desktop.domain.reminders import ReminderStatus
from desktop.domain.sms_text import sms_length
from desktop.ui.models.outbox_table import (
    COL_REPLY,
    OutboxTableModel,
    length_text,
    report_summary,
)
from desktop.ui.reminder_sender import ReminderSender
from desktop.ui.roles import can, denied_message, guard
from desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from desktop.services.container import Services
    from desktop.ui.main_window import MainWindow

FILTERS = (
    (QT_TRANSLATE_NOOP("OutboxDialog", "Tous les SMS"), None),
    (QT_TRANSLATE_NOOP("OutboxDialog", "En attente"), ReminderStatus.QUEUED),
    (QT_TRANSLATE_NOOP("OutboxDialog", "Envoyés"), ReminderStatus.SENT),
    (QT_TRANSLATE_NOOP("OutboxDialog", "Échecs"), ReminderStatus.FAILED),
    (QT_TRANSLATE_NOOP("OutboxDialog", "Annulés"), ReminderStatus.CANCELLED),
)
RETRYABLE = (ReminderStatus.FAILED, ReminderStatus.QUEUED)
ERROR_STYLE = "color: #b42318;"
OK_STYLE = "color: #1e6b35;"


class OutboxDialog(QDialog):
    """The table of the reminder queue, its filter, the selected SMS and the actions."""

    loaded = Signal(int)

    def __init__(
        self,
        services: Services,
        actor: Callable[[], Actor | None],
        parent: QWidget | None = None,
        *,
        sender: ReminderSender | None = None,
        background: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("outboxDialog")
        self.setWindowTitle(self.tr("Rappels SMS"))
        self.setAccessibleName(self.tr("Rappels SMS"))
        self._services, self._actor, self._sender = services, actor, sender
        self._background = background
        self._tasks = TaskRunner(self)
        self.model = OutboxTableModel(services.structure.calendar(), self)
        self._build()
        if sender is not None:
            sender.report_ready.connect(self._on_sender_report_ready)
            sender.send_failed.connect(lambda text: self.say(text, error=True))
        self.resize(1300, 640)

    def _build(self) -> None:
        self.status_combo = QComboBox(objectName="outboxStatus")
        self.status_combo.setAccessibleName(self.tr("Filtrer par état"))
        for label, status in FILTERS:
            self.status_combo.addItem(_filter_label(label), status)
        self.status_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.counts_label = QLabel(objectName="outboxCounts")
        self.refresh_button = QPushButton(self.tr("Actualise&r"), objectName="outboxRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("&État :"), buddy=self.status_combo))
        top.addWidget(self.status_combo)
        top.addWidget(self.counts_label, 1)
        top.addWidget(self.refresh_button)

        self.table = QTableView(objectName="outboxTable")
        self.table.setAccessibleName(self.tr("SMS de la file d'envoi"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        # At least as wide as the header in the interface's language ("Attempts" > "Essais").
        for column, width in enumerate((130, 165, 175, 125, 170, 55, 300, 245)):
            self.table.setColumnWidth(column, max(width, header.sectionSizeHint(column)))
        header.setSectionResizeMode(COL_REPLY, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())

        self.text_view = QPlainTextEdit(objectName="outboxText")
        self.text_view.setAccessibleName(self.tr("Texte du SMS choisi"))
        self.text_view.setReadOnly(True)
        self.text_view.setMaximumHeight(70)
        self.length_label = QLabel(objectName="outboxLength")
        self.reply_label = QLabel(objectName="outboxReply", wordWrap=True)
        self.reply_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label = QLabel(objectName="outboxMessage", wordWrap=True)
        self.retry_button = QPushButton(self.tr("Ré&essayer"), objectName="outboxRetry")
        self.retry_button.setAccessibleName(self.tr("Réessayer l'envoi du SMS choisi"))
        self.retry_button.clicked.connect(self.retry_selected)
        guard(self.retry_button, self._actor(), Action.MANAGE_REMINDERS)
        self.send_button = QPushButton(self.tr("Envoyer &maintenant"), objectName="outboxSendNow")
        self.send_button.setAccessibleName(self.tr("Envoyer maintenant les SMS dus"))
        self.send_button.clicked.connect(self.send_now)
        guard(self.send_button, self._actor(), Action.MANAGE_REMINDERS)
        self.close_button = QPushButton(self.tr("Fermer"), objectName="outboxClose")
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message_label, 1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel(self.tr("Texte du SMS :"), buddy=self.text_view))
        layout.addWidget(self.text_view)
        layout.addWidget(self.length_label)
        layout.addWidget(self.reply_label)
        layout.addLayout(buttons)
        self._show_selected()

    # --- reading -------------------------------------------------------------------------------

    def status(self) -> ReminderStatus | None:
        return self.status_combo.currentData()

    def refresh(self) -> None:
        """Read the queue again (the filtered status) and the counts."""
        status = self.status()
        reminders = self._services.reminders

        def read():
            return reminders.outbox(None if status is None else [status]), reminders.counts()

        if self._background:
            self._tasks.run("outbox", read, self._show, self._on_read_failed)
            return
        try:
            self._show(read())
        except CreneauError as exc:
            self._on_read_failed(exc)

    def _show(self, result) -> None:
        rows, counts = result
        selected = self._selected_id()
        self.model.set_rows(rows)
        self.counts_label.setText(
            " · ".join(
                self.tr("{label} : {count}").format(
                    label=_filter_label(label), count=counts.get(status, 0)
                )
                for label, status in FILTERS[1:]
            )
        )
        row = self.model.row_of(selected) if selected is not None else None
        self.table.selectRow(row if row is not None else 0)
        self._show_selected()
        self.loaded.emit(len(rows))

    def _on_read_failed(self, error: Exception) -> None:
        self.say(error.message if isinstance(error, CreneauError) else str(error), error=True)

    def _selected_id(self) -> int | None:
        reminder = self.model.reminder(self.table.currentIndex().row())
        return reminder.id if reminder else None

    def _show_selected(self) -> None:
        reminder = self.model.reminder(self.table.currentIndex().row())
        self.text_view.setPlainText(reminder.text if reminder else "")
        self.length_label.setText(
            self.tr("Longueur : {length}").format(length=length_text(sms_length(reminder.text)))
            if reminder
            else ""
        )
        reply = reminder.reply if reminder else ""
        self.reply_label.setText(
            self.tr("Réponse ou raison : {reply}").format(reply=reply) if reply else ""
        )
        retryable = reminder is not None and reminder.status in RETRYABLE
        self.retry_button.setEnabled(retryable and can(self._actor(), Action.MANAGE_REMINDERS))

    # --- actions -------------------------------------------------------------------------------

    def retry_selected(self) -> bool:
        """Queue the selected failed SMS again now; the refusal is said otherwise."""
        actor = self._actor()
        reminder = self.model.reminder(self.table.currentIndex().row())
        if reminder is None:
            return False
        if actor is None or not can(actor, Action.MANAGE_REMINDERS):
            self.say(denied_message(Action.MANAGE_REMINDERS), error=True)
            return False
        try:
            self._services.reminders.retry(actor, reminder.id)
        except CreneauError as exc:
            self.say(exc.message, error=True)
            return False
        self.say(self.tr("SMS remis dans la file : il part au prochain envoi."))
        self.refresh()
        return True

    def send_now(self) -> None:
        """Run the sender now (the application's, off the GUI thread)."""
        if self._sender is None or not self._sender.run_now():
            self.say(self.tr("Un envoi est déjà en cours."))
            return
        self.say(self.tr("Envoi en cours…"))

    def _on_sender_report_ready(self, report) -> None:
        if report.handled:
            self.say(self.tr("Envoi terminé : {summary}.").format(summary=report_summary(report)))
        if self.isVisible():
            self.refresh()

    def say(self, text: str, *, error: bool = False) -> None:
        self.message_label.setText(text)
        self.message_label.setStyleSheet(ERROR_STYLE if error else OK_STYLE)


class OutboxInstall(QObject):
    """What ``install_outbox`` adds: ``action`` (menu entry), ``sender``, ``dialog``."""

    def __init__(self, window: MainWindow, services: Services) -> None:
        super().__init__(window)
        self._window, self._services = window, services
        self.dialog: OutboxDialog | None = None
        self.sender = ReminderSender(services, self)
        self.sender.send_failed.connect(self._on_sender_send_failed)
        self.action = QAction(self.tr("Rappels &SMS…"), window)
        self.action.setObjectName("outboxAction")
        self.action.setStatusTip(
            self.tr("Les SMS de rappel : en attente, envoyés, en échec ; renvoi")
        )
        guard(self.action, window.actor, Action.MANAGE_REMINDERS)
        self.action.triggered.connect(self.open_dialog)
        menu = getattr(getattr(window, "workspace", None), "menu", None)
        if menu is None:
            menu = window.menuBar().addMenu(QCoreApplication.translate("Workspace", "&Secrétariat"))
        menu.addAction(self.action)

    def open_dialog(self) -> OutboxDialog | None:
        """Open the outbox (not modal); None, with the reason said, for other roles."""
        window = self._window
        if not can(window.actor, Action.MANAGE_REMINDERS):
            window.statusBar().showMessage(denied_message(Action.MANAGE_REMINDERS), 10_000)
            return None
        if self.dialog is None or not self.dialog.isVisible():
            self.dialog = OutboxDialog(
                self._services,
                lambda: window.actor,
                window,
                sender=self.sender,
                background=getattr(window, "background_reads", False),
            )
            self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.dialog.destroyed.connect(lambda *_: setattr(self, "dialog", None))
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.refresh()
        return self.dialog

    def _on_sender_send_failed(self, message: str) -> None:
        bar = getattr(self._window, "message_bar", None)
        text = self.tr("Les rappels SMS n'ont pas pu partir : {reason}").format(reason=message)
        if bar is None:
            self._window.statusBar().showMessage(text, 10_000)
        else:
            bar.error(text, self.tr("Rappels SMS"))


def _filter_label(label: str) -> str:
    """One of ``FILTERS``' labels in the interface's language."""
    return QCoreApplication.translate("OutboxDialog", label)


def install_outbox(window: MainWindow, services: Services) -> OutboxInstall:
    """Add « Rappels SMS… » to the Secrétariat menu and start the application's sender."""
    return OutboxInstall(window, services)
