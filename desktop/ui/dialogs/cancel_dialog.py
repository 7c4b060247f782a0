"""Cancelling an appointment: a reason chosen from the list, or typed.

A reason of the list (``desktop.domain.cancellation.CANCEL_REASONS``) tells by itself whether the
patient or the hospital called the appointment off; for a typed reason the secretary says who,
when she knows (the activity report counts both).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.cancellation import CANCEL_REASONS, origin_of
from desktop.domain.model import CancelOrigin
from desktop.ui import texts
from desktop.ui.models.agenda_layout import AgendaEntry

DIALOG_STYLE = """
QDialog { background: #ffffff; }
QLabel#dialogTitle { font-size: 13pt; font-weight: 600; color: #1f2933; }
QLabel#appointmentSummary {
    background: #f6f7f9; border: 1px solid #dde1e7; border-radius: 4px; padding: 8px 10px;
    color: #1f2933;
}
QLabel#dialogHint { color: #6b7280; }
QLabel#dialogError { color: #b42318; }
QListWidget { border: 1px solid #cfd5de; border-radius: 4px; }
QListWidget::item { padding: 4px 6px; }
QListWidget::item:selected { background: #dbe7ff; color: #102a66; }
"""
# The domain's reasons (``CANCEL_REASONS``) as the English interface shows them; the reason
# saved is the domain's French one.
REASON_TEXTS = (
    QT_TRANSLATE_NOOP("CancelReasons", "Annulé par le patient"),
    QT_TRANSLATE_NOOP("CancelReasons", "Empêchement du patient"),
    QT_TRANSLATE_NOOP("CancelReasons", "Patient hospitalisé"),
    QT_TRANSLATE_NOOP("CancelReasons", "Annulé par l'hôpital"),
    QT_TRANSLATE_NOOP("CancelReasons", "Absence du praticien"),
    QT_TRANSLATE_NOOP("CancelReasons", "Erreur de saisie"),
    QT_TRANSLATE_NOOP("CancelReasons", "Rendez-vous en double"),
)


def appointment_summary(entry: AgendaEntry) -> str:
    """Patient, visit reason, day and time, practitioner: rich text for a dialog's summary."""
    day = texts.capitalised(texts.long_date(entry.start.date()))
    who = f" · {_escape(entry.practitioner_name)}" if entry.practitioner_name else ""
    return (
        f"<b>{_escape(entry.patient_name)}</b><br>{_escape(entry.reason_label)}<br>"
        f"{day}, {entry.time_range}{who}"
    )


def dialog_title(text: str) -> QLabel:
    label = QLabel(text, objectName="dialogTitle")
    label.setAccessibleName(text)
    return label


def summary_label(entry: AgendaEntry) -> QLabel:
    label = QLabel(appointment_summary(entry), objectName="appointmentSummary")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    return label


class CancelDialog(QDialog):
    """Asks why the appointment is cancelled; ``reason()`` and ``origin()`` once accepted."""

    def __init__(self, entry: AgendaEntry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cancelDialog")
        self.setWindowTitle(self.tr("Annuler le rendez-vous"))
        self.setStyleSheet(DIALOG_STYLE)
        self.setMinimumWidth(460)
        self.entry = entry
        self._auto_origin = False

        self.reason_list = QListWidget(objectName="cancelReasonList")
        for reason in CANCEL_REASONS:
            item = QListWidgetItem(QCoreApplication.translate("CancelReasons", reason))
            item.setData(Qt.ItemDataRole.UserRole, reason)
            self.reason_list.addItem(item)
        self.reason_list.setAccessibleName(self.tr("Motifs d'annulation"))
        rows = min(max(1, self.reason_list.count()), 9)
        row_height = self.reason_list.fontMetrics().height() + 10
        self.reason_list.setFixedHeight(rows * row_height + 6)
        list_label = QLabel(self.tr("&Motif de l'annulation :"))
        list_label.setBuddy(self.reason_list)

        self.other_edit = QLineEdit(objectName="cancelReasonEdit")
        self.other_edit.setPlaceholderText(self.tr("Saisir un autre motif"))
        self.other_edit.setAccessibleName(self.tr("Autre motif d'annulation"))
        self.other_edit.setMaxLength(500)
        other_label = QLabel(self.tr("Ou un &autre motif :"))
        other_label.setBuddy(self.other_edit)

        self.patient_radio = QRadioButton(self.tr("le &patient"))
        self.hospital_radio = QRadioButton(self.tr("l'&hôpital"))
        self._origins = QButtonGroup(self)
        self._origins.addButton(self.patient_radio)
        self._origins.addButton(self.hospital_radio)
        origin_row = QHBoxLayout()
        origin_row.setSpacing(14)
        self.origin_label = QLabel(self.tr("Annulé à la demande de :"), objectName="dialogHint")
        origin_row.addWidget(self.origin_label)
        origin_row.addWidget(self.patient_radio)
        origin_row.addWidget(self.hospital_radio)
        origin_row.addStretch(1)

        hint = QLabel(
            self.tr(
                "Le créneau redevient libre aussitôt ; le motif est conservé dans l'historique."
            ),
            objectName="dialogHint",
        )
        hint.setWordWrap(True)

        self.buttons = QDialogButtonBox()
        self.confirm_button = self.buttons.addButton(
            self.tr("Annuler le rendez-vous"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.back_button = self.buttons.addButton(
            self.tr("Ne pas annuler"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.confirm_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(dialog_title(self.tr("Annuler le rendez-vous")))
        layout.addWidget(summary_label(entry))
        layout.addWidget(list_label)
        layout.addWidget(self.reason_list)
        layout.addWidget(other_label)
        layout.addWidget(self.other_edit)
        layout.addLayout(origin_row)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)

        self.reason_list.currentRowChanged.connect(self._on_reason_list_row_changed)
        self.other_edit.textEdited.connect(self._on_other_edit_edited)
        self._origins.buttonToggled.connect(lambda *_: self._update())
        self.reason_list.itemActivated.connect(lambda _item: self.accept())
        self.reason_list.setFocus()
        self._update()

    def reason(self) -> str:
        typed = " ".join(self.other_edit.text().split())
        if typed:
            return typed
        item = self.reason_list.currentItem()
        if item is None or not item.isSelected():
            return ""
        return item.data(Qt.ItemDataRole.UserRole) or item.text()

    def origin(self) -> CancelOrigin | None:
        """Who cancelled: implied by a listed reason, else as ticked (None: not said)."""
        implied = origin_of(self.reason())
        if implied is not None:
            return implied
        if self.patient_radio.isChecked():
            return CancelOrigin.PATIENT
        if self.hospital_radio.isChecked():
            return CancelOrigin.HOSPITAL
        return None

    def choose(self, reason: str) -> None:
        """Pick ``reason`` from the list, or type it when the list does not hold it."""
        found = self.reason_list.findItems(reason, Qt.MatchFlag.MatchFixedString) or [
            self.reason_list.item(i)
            for i in range(self.reason_list.count())
            if origin_of(reason) is not None
            and self.reason_list.item(i).data(Qt.ItemDataRole.UserRole).casefold()
            == reason.casefold()
        ]
        if found:
            self.other_edit.clear()
            self.reason_list.setCurrentItem(found[0])
        else:
            self.other_edit.setText(reason)
            self._on_other_edit_edited(reason)
        self._update()

    def accept(self) -> None:
        if not self.reason():
            return
        super().accept()

    def _on_reason_list_row_changed(self, _row: int) -> None:
        if self.reason_list.currentItem() is not None:
            self.other_edit.clear()
        self._update()

    def _on_other_edit_edited(self, text: str) -> None:
        if text.strip():
            self.reason_list.clearSelection()
            self.reason_list.setCurrentRow(-1)
            if self._auto_origin:  # ticked for the listed reason, not said for this one
                self._set_origin(None)
                self._auto_origin = False
        self._update()

    def _set_origin(self, origin: CancelOrigin | None) -> None:
        self._origins.setExclusive(False)
        self.patient_radio.setChecked(origin is CancelOrigin.PATIENT)
        self.hospital_radio.setChecked(origin is CancelOrigin.HOSPITAL)
        self._origins.setExclusive(True)

    def _update(self) -> None:
        reason = self.reason()
        implied = origin_of(reason)
        typed = bool(self.other_edit.text().strip())
        for widget in (self.origin_label, self.patient_radio, self.hospital_radio):
            widget.setEnabled(typed)
        if implied is not None:
            self._set_origin(implied)
            self._auto_origin = True
        self.confirm_button.setEnabled(bool(reason))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
