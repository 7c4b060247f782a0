"""The inbox's two questions: which other slot to propose, and why a request is declined."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import CreneauError
from desktop.domain.model import Slot
from desktop.ui import texts
from desktop.ui.dialogs.cancel_dialog import DIALOG_STYLE, dialog_title

if TYPE_CHECKING:
    from desktop.services.container import Services
    from desktop.services.requests import InboxEntry

SEARCH_DAYS = 28
MAX_SLOTS = 80
SLOT_ROLE = Qt.ItemDataRole.UserRole + 1
# Suggested reasons, saved in the interface's language (the patient is told them as written).
DECLINE_REASONS = (
    QT_TRANSLATE_NOOP(
        "DeclineDialog", "Ce motif demande d'abord un avis de votre médecin traitant."
    ),
    QT_TRANSLATE_NOOP("DeclineDialog", "Le praticien n'est pas disponible à cette date."),
    QT_TRANSLATE_NOOP("DeclineDialog", "Demande en double : un rendez-vous existe déjà."),
    QT_TRANSLATE_NOOP("DeclineDialog", "Ce rendez-vous doit être pris par téléphone."),
)


def request_summary(entry: InboxEntry, services: Services) -> str:
    """Patient, visit reason, slot and practitioner: rich text for a dialog."""
    r = entry.request
    calendar = services.structure.calendar()
    when = ""
    if r.start is not None:
        local = calendar.local(r.start)
        when = texts.capitalised(texts.at_time(local.date(), local))
    return (
        f"<b>{escape(r.family_name.upper())} {escape(r.given_names)}</b><br>"
        f"{escape(entry.visit_reason_label)}<br>{escape(when)} · "
        f"{escape(entry.practitioner_name)}"
    )


def _summary(text: str) -> QLabel:
    label = QLabel(text, objectName="appointmentSummary")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    return label


class ProposeSlotDialog(QDialog):
    """The free slots of the same visit reason in the next weeks; ``chosen_slot()`` once OK."""

    def __init__(
        self, services: Services, entry: InboxEntry, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("proposeSlotDialog")
        self.setWindowTitle(self.tr("Proposer un autre créneau"))
        self.setStyleSheet(DIALOG_STYLE)
        self.setMinimumWidth(460)
        calendar = services.structure.calendar()
        reason_id = entry.request.visit_reason_id
        self.list = QListWidget(objectName="proposedSlots")
        self.list.setAccessibleName(self.tr("Créneaux libres à proposer"))
        self.list.setMinimumHeight(260)
        self.error = QLabel(objectName="dialogError")
        self.error.setWordWrap(True)
        slots: list[Slot] = []
        try:
            names = {p.id: p.name for p in services.agenda.practitioners()}
            if reason_id is not None:
                slots = services.agenda.free_slots(
                    reason_id, today, today + timedelta(days=SEARCH_DAYS), limit=MAX_SLOTS
                )
        except CreneauError as exc:
            names = {}
            self.error.setText(exc.message)
        for slot in slots:
            local = calendar.local(slot.start)
            item = QListWidgetItem(
                f"{texts.capitalised(texts.day_month(local.date()))}, {texts.clock(local)}"
                f" · {names.get(slot.practitioner_id, '')}"
            )
            item.setData(SLOT_ROLE, slot)
            self.list.addItem(item)
        if slots:
            self.list.setCurrentRow(0)
        elif not self.error.text():
            self.error.setText(
                self.tr(
                    "Aucun créneau libre pour ce motif dans les {days} prochains jours."
                ).format(days=SEARCH_DAYS)
            )
        self.error.setVisible(bool(self.error.text()))
        self.list.itemActivated.connect(lambda _item: self.accept())
        hint = QLabel(
            self.tr(
                "Le créneau choisi est retenu pour le patient, qui en est prévenu ; le premier "
                "créneau est libéré. Acceptez la demande quand le patient a confirmé."
            ),
            objectName="dialogHint",
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Proposer ce créneau"))
        self.ok_button.setEnabled(bool(slots))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(dialog_title(self.tr("Proposer un autre créneau")))
        layout.addWidget(_summary(request_summary(entry, services)))
        layout.addWidget(QLabel(self.tr("&Créneaux libres pour ce motif :"), buddy=self.list))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.error)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.list.setFocus()

    def chosen_slot(self) -> Slot | None:
        item = self.list.currentItem()
        return item.data(SLOT_ROLE) if item is not None else None


class DeclineDialog(QDialog):
    """Asks why the request is declined (a suggestion or a typed reason); ``reason()``."""

    def __init__(
        self, services: Services, entry: InboxEntry, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("declineDialog")
        self.setWindowTitle(self.tr("Refuser la demande"))
        self.setStyleSheet(DIALOG_STYLE)
        self.setMinimumWidth(460)
        self.reason_box = QComboBox(objectName="declineReason")
        self.reason_box.setEditable(True)
        self.reason_box.setAccessibleName(self.tr("Motif du refus"))
        self.reason_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for text in DECLINE_REASONS:
            self.reason_box.addItem(self.tr(text))
        self.reason_box.setCurrentIndex(-1)
        self.reason_box.lineEdit().setPlaceholderText(self.tr("Choisissez ou écrivez un motif"))
        self.reason_box.editTextChanged.connect(self._on_reason_box_edited)
        hint = QLabel(
            self.tr("Le patient est prévenu de ce motif ; le créneau redevient libre."),
            objectName="dialogHint",
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Refuser la demande"))
        self.ok_button.setEnabled(False)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(dialog_title(self.tr("Refuser la demande")))
        layout.addWidget(_summary(request_summary(entry, services)))
        layout.addWidget(QLabel(self.tr("&Motif du refus :"), buddy=self.reason_box))
        layout.addWidget(self.reason_box)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.reason_box.setFocus()

    def _on_reason_box_edited(self, text: str) -> None:
        self.ok_button.setEnabled(bool(text.strip()))

    def reason(self) -> str:
        return self.reason_box.currentText().strip()
