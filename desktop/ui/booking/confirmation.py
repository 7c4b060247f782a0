"""The confirmation of a booking: when, with whom, and the instructions to read to the patient."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from desktop.ui.booking.widgets import label

# French source texts of the ConfirmationBox context, translated when shown.
NO_INSTRUCTIONS = QT_TRANSLATE_NOOP(
    "ConfirmationBox", "Pas de consigne particulière pour ce motif."
)
NEXT_STEPS = QT_TRANSLATE_NOOP(
    "ConfirmationBox", "Échap : fermer · Ctrl+N : rendez-vous suivant · Alt+M : autre motif"
)


class ConfirmationBox(QFrame):
    """The booking just saved, hard to miss; focusable, so a screen reader reads it out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confirmationBox")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.title_label = label("confirmationTitle")
        self.details_label = label("confirmationDetails")
        self.instructions_title = label("instructionsTitle", self.tr("À lire au patient"))
        self.instructions_label = label("instructionsText")
        self.instructions_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.setSpacing(4)
        layout.addWidget(self.title_label)
        layout.addWidget(self.details_label)
        layout.addSpacing(4)
        layout.addWidget(self.instructions_title)
        layout.addWidget(self.instructions_label)
        layout.addSpacing(2)
        layout.addWidget(label("hintLabel", self.tr(NEXT_STEPS)))

    def show_booking(self, title: str, details: str, instructions: str) -> None:
        """ "Rendez-vous confirmé : …", what and for whom, the instructions (or that there are
        none)."""
        self.title_label.setText(title)
        self.details_label.setText(details)
        self.instructions_label.setText(instructions.strip() or self.tr(NO_INSTRUCTIONS))
        self.setAccessibleName(
            self.tr("{title}. À lire au patient : {instructions}").format(
                title=title, instructions=self.instructions_label.text()
            )
        )
        self.setVisible(True)
