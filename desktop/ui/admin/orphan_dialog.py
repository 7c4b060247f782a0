"""Asking before a change leaves booked appointments outside every opening.

The services refuse such a change with ``OrphanedAppointments`` (nothing saved); this dialog
shows the appointments concerned and lets the administrator confirm the change anyway (the
appointments stay where they are) or give it up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import CreneauError
from desktop.domain.orphans import OrphanedAppointments


class OrphanDialog(QDialog):
    """The appointments a change would strand; accepted: save anyway."""

    def __init__(self, refusal: OrphanedAppointments, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orphanDialog")
        self.setWindowTitle(self.tr("Rendez-vous hors des plages horaires"))
        self.setMinimumWidth(780)
        self.message_label = QLabel(refusal.message, objectName="orphanMessage")
        self.message_label.setWordWrap(True)
        self.list = QListWidget(objectName="orphanList")
        self.list.setAccessibleName(self.tr("Rendez-vous qui seraient hors des plages horaires"))
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.addItems(list(refusal.lines))
        self.list.setMinimumHeight(min(24 + 24 * len(refusal.lines), 320))
        self.buttons = QDialogButtonBox()
        self.confirm_button = self.buttons.addButton(
            self.tr("Enregistrer quand même"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.confirm_button.setObjectName("orphanConfirm")
        self.cancel_button = self.buttons.addButton(
            self.tr("Ne pas enregistrer"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.cancel_button.setObjectName("orphanCancel")
        self.cancel_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(self.message_label)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)


def confirm_then(tab, call: Callable[[bool], Any], done: Callable[[Any, bool], None]) -> None:
    """Run ``call(False)``; when appointments would be stranded, show them in an
    ``OrphanDialog`` (kept as ``tab.orphan_dialog``) and, once confirmed, run ``call(True)``.

    ``done(result, confirmed)`` follows a success; a refusal is said under ``tab``'s form.
    """
    try:
        result = call(False)
    except OrphanedAppointments as refusal:
        tab.say(refusal.message, error=True)
        tab.orphan_dialog = OrphanDialog(refusal, tab)

        def confirmed() -> None:
            try:
                again = call(True)
            except CreneauError as exc:
                tab.say(exc.message, error=True)
                return
            done(again, True)

        tab.orphan_dialog.accepted.connect(confirmed)
        tab.orphan_dialog.open()
        return
    except CreneauError as exc:
        tab.say(exc.message, error=True)
        return
    done(result, False)
