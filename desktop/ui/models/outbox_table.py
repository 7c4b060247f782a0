"""The outbox screen's table: a thin Qt model over ``Reminder`` rows (latest due first).

Times are in the hospital's time zone; the number in national format when it is a French one;
the reason column holds the gateway's reply or why the SMS was not sent. The tooltip shows the
text of the SMS and its length in SMS.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from desktop.domain.phones import format_phone
from desktop.domain.reminders import Reminder, ReminderStatus
from desktop.domain.scheduling import AgendaCalendar
from desktop.domain.sms_text import ReminderKind, SmsLength, sms_length

COL_DUE, COL_PATIENT, COL_KIND, COL_NUMBER, COL_STATUS, COL_ATTEMPTS, COL_REPLY = range(7)
COL_APPOINTMENT = 7
CONTEXT = "OutboxTableModel"
HEADERS = (
    QT_TRANSLATE_NOOP("OutboxTableModel", "Échéance"),
    QT_TRANSLATE_NOOP("OutboxTableModel", "Patient"),
    QT_TRANSLATE_NOOP("OutboxTableModel", "Message"),
    QT_TRANSLATE_NOOP("OutboxTableModel", "Numéro"),
    QT_TRANSLATE_NOOP("OutboxTableModel", "État"),
    QT_TRANSLATE_NOOP("OutboxTableModel", "Essais"),
    QT_TRANSLATE_NOOP("OutboxTableModel", "Réponse ou raison"),
    QT_TRANSLATE_NOOP("OutboxTableModel", "Rendez-vous"),
)
# The domain's French labels (``ReminderKind.label``, ``ReminderStatus.label``) as the
# interface shows them, by context.
KIND_LABELS = (
    QT_TRANSLATE_NOOP("ReminderKind", "Confirmation"),
    QT_TRANSLATE_NOOP("ReminderKind", "Rappel la veille"),
    QT_TRANSLATE_NOOP("ReminderKind", "Rappel l'avant-veille"),
    QT_TRANSLATE_NOOP("ReminderKind", "Annulation"),
    QT_TRANSLATE_NOOP("ReminderKind", "Déplacement"),
    QT_TRANSLATE_NOOP("ReminderKind", "Demande reçue"),
    QT_TRANSLATE_NOOP("ReminderKind", "Autre créneau proposé"),
    QT_TRANSLATE_NOOP("ReminderKind", "Demande refusée"),
    QT_TRANSLATE_NOOP("ReminderKind", "Demande expirée"),
)
STATUS_LABELS = (
    QT_TRANSLATE_NOOP("ReminderStatus", "En attente"),
    QT_TRANSLATE_NOOP("ReminderStatus", "Envoyé"),
    QT_TRANSLATE_NOOP("ReminderStatus", "Échec"),
    QT_TRANSLATE_NOOP("ReminderStatus", "Annulé"),
)
REMINDER_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's ``Reminder``."""

STATUS_COLORS = {
    ReminderStatus.QUEUED: QColor("#8a5a00"),
    ReminderStatus.SENT: QColor("#1e6b35"),
    ReminderStatus.FAILED: QColor("#b42318"),
    ReminderStatus.CANCELLED: QColor("#5f6b7a"),
}

AnyIndex = QModelIndex | QPersistentModelIndex


class OutboxTableModel(QAbstractTableModel):
    """One row per SMS of the queue."""

    def __init__(self, calendar: AgendaCalendar, parent=None) -> None:
        super().__init__(parent)
        self._calendar = calendar
        self._rows: list[Reminder] = []

    def set_rows(self, rows: Sequence[Reminder]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def reminder(self, row: int) -> Reminder | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, reminder_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == reminder_id), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return QCoreApplication.translate(CONTEXT, HEADERS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.parent().isValid():
            return None
        reminder = self.reminder(index.row())
        if reminder is None or not 0 <= index.column() < len(HEADERS):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(reminder, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{reminder.text}\n\n{length_text(sms_length(reminder.text))}"
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_STATUS:
            return STATUS_COLORS[reminder.status]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_ATTEMPTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == REMINDER_ROLE:
            return reminder
        return None

    def _text(self, reminder: Reminder, column: int) -> str:
        if column == COL_DUE:
            return f"{self._calendar.local(reminder.due):%d/%m/%Y %H:%M}"
        if column == COL_PATIENT:
            return reminder.patient_name
        if column == COL_KIND:
            return kind_label(reminder.kind)
        if column == COL_NUMBER:
            return format_phone(reminder.e164) if reminder.e164 else "—"
        if column == COL_STATUS:
            return _status_text(self._calendar, reminder)
        if column == COL_ATTEMPTS:
            return str(reminder.attempts)
        if column == COL_REPLY:
            return reminder.reply
        start = reminder.appointment_start
        when = f"{self._calendar.local(start):%d/%m/%Y %H:%M}" if start else ""
        if reminder.about_request:  # an online request's slot: no appointment yet
            return QCoreApplication.translate(
                "OutboxTableModel", "Demande en ligne : {when}"
            ).format(when=when)
        return when


def kind_label(kind: ReminderKind) -> str:
    """ "Rappel la veille"… in the interface's language."""
    return QCoreApplication.translate("ReminderKind", kind.label)


def status_label(status: ReminderStatus) -> str:
    """ "En attente", "Envoyé"… in the interface's language."""
    return QCoreApplication.translate("ReminderStatus", status.label)


def length_text(length: SmsLength) -> str:
    """ "2 SMS (GSM-7, 190 caractères)" (``SmsLength.describe``) in the interface's language."""
    if length.encoding == "GSM-7":
        template = QCoreApplication.translate(
            "OutboxTableModel", "{segments} SMS ({encoding}, {units} caractères)"
        )
    else:
        template = QCoreApplication.translate(
            "OutboxTableModel", "{segments} SMS ({encoding}, {units} caractères Unicode)"
        )
    return template.format(segments=length.segments, encoding=length.encoding, units=length.units)


def report_summary(report) -> str:
    """ "3 SMS envoyés, 1 en échec, 2 à réessayer" (``SendReport.summary``), translated."""
    sent = len(report.sent)
    if sent > 1:
        parts = [QCoreApplication.translate("OutboxTableModel", "{n} SMS envoyés").format(n=sent)]
    else:
        parts = [QCoreApplication.translate("OutboxTableModel", "{n} SMS envoyé").format(n=sent)]
    for done, template in (
        (report.failed, QT_TRANSLATE_NOOP("OutboxTableModel", "{n} en échec")),
        (report.retried, QT_TRANSLATE_NOOP("OutboxTableModel", "{n} à réessayer")),
        (report.skipped, QT_TRANSLATE_NOOP("OutboxTableModel", "{n} sans destinataire")),
    ):
        if done:
            parts.append(QCoreApplication.translate(CONTEXT, template).format(n=len(done)))
    return ", ".join(parts)


def _status_text(calendar: AgendaCalendar, reminder: Reminder) -> str:
    if reminder.status is ReminderStatus.SENT and reminder.sent_at is not None:
        return QCoreApplication.translate("OutboxTableModel", "Envoyé le {day} à {time}").format(
            day=f"{calendar.local(reminder.sent_at):%d/%m}",
            time=f"{calendar.local(reminder.sent_at):%H:%M}",
        )
    if (
        reminder.status is ReminderStatus.QUEUED
        and reminder.next_attempt is not None
        and reminder.attempts
    ):
        return QCoreApplication.translate("OutboxTableModel", "Nouvel essai à {time}").format(
            time=f"{calendar.local(reminder.next_attempt):%H:%M}"
        )
    return status_label(reminder.status)
