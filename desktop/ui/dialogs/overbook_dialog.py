"""Forcing an overbooking: the refusal, what forcing means, and the reason it requires."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.dialogs.cancel_dialog import DIALOG_STYLE, dialog_title, summary_label
from desktop.ui.models.agenda_layout import AgendaEntry

MAX_REASON = 500


class OverbookDialog(QDialog):
    """Asks whether to force a refused move as an overbooking; ``reason()`` once accepted."""

    def __init__(
        self,
        entry: AgendaEntry,
        refusal: str,
        target: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("overbookDialog")
        self.setWindowTitle(self.tr("Forcer en surbooking ?"))
        self.setStyleSheet(DIALOG_STYLE + "QLabel#refusal { color: #7f1d1d; }")
        self.setMinimumWidth(480)
        self.entry = entry

        refusal_label = QLabel(refusal, objectName="refusal")
        refusal_label.setWordWrap(True)
        explanation = QLabel(
            self.tr(
                "Le rendez-vous peut être déplacé quand même ({target}), en surbooking : "
                "il sera marqué comme tel dans l'agenda et tracé dans le journal, avec son motif."
            ).format(target=target),
            objectName="dialogHint",
        )
        explanation.setWordWrap(True)
        self.reason_edit = QLineEdit(objectName="overbookReasonEdit")
        self.reason_edit.setPlaceholderText(self.tr("Exemple : urgence, demande du praticien…"))
        self.reason_edit.setAccessibleName(self.tr("Motif du surbooking"))
        self.reason_edit.setMaxLength(MAX_REASON)
        reason_label = QLabel(self.tr("&Motif du surbooking (obligatoire) :"))
        reason_label.setBuddy(self.reason_edit)

        self.buttons = QDialogButtonBox()
        self.force_button = self.buttons.addButton(
            self.tr("Forcer le surbooking"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.back_button = self.buttons.addButton(
            self.tr("Ne pas forcer"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.force_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(dialog_title(self.tr("Forcer en surbooking ?")))
        layout.addWidget(summary_label(entry))
        layout.addWidget(refusal_label)
        layout.addWidget(explanation)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.buttons)

        self.reason_edit.textChanged.connect(self._update)
        self.reason_edit.setFocus()
        self._update()

    def reason(self) -> str:
        return " ".join(self.reason_edit.text().split())

    def accept(self) -> None:
        if not self.reason():  # Enter in an empty field: the reason is required
            self.reason_edit.setFocus()
            return
        super().accept()

    def _update(self) -> None:
        self.force_button.setEnabled(bool(self.reason()))
