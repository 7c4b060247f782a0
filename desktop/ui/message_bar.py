"""A message bar across the top of the agenda: says what happened without blocking the user.

Refusals ("Ce créneau est déjà pris…"), confirmations ("Rendez-vous déplacé…") and database
trouble are shown here rather than in a dialog, so that a secretary on the phone can go on.
A confirmation fades after a while; a warning or an error stays until closed or replaced.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget


class Level(StrEnum):
    INFO = "info"
    SUCCESS = "success"
    WARNING = "warning"
    ERROR = "error"


_COLORS = {  # background, border, text
    Level.INFO: ("#eef4ff", "#9db7e8", "#102a66"),
    Level.SUCCESS: ("#ecf8f1", "#8fcfab", "#14532d"),
    Level.WARNING: ("#fff7e6", "#f0c36d", "#6b4200"),
    Level.ERROR: ("#fdeeee", "#e8a0a0", "#7f1d1d"),
}
_TITLES = {  # French source texts of the MessageBar context, translated when shown
    Level.INFO: QT_TRANSLATE_NOOP("MessageBar", "Information"),
    Level.SUCCESS: QT_TRANSLATE_NOOP("MessageBar", "C'est fait"),
    Level.WARNING: QT_TRANSLATE_NOOP("MessageBar", "Attention"),
    Level.ERROR: QT_TRANSLATE_NOOP("MessageBar", "Erreur"),
}
SUCCESS_TIMEOUT_MS = 8_000


class MessageBar(QFrame):
    """One message at a time, with a level and a close button; hidden when there is none."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setAccessibleName(self.tr("Message"))
        self._level = Level.INFO
        self._title = ""
        self._label = QLabel(objectName="messageText")
        self._label.setWordWrap(True)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._close = QToolButton(objectName="messageClose", text="✕")
        self._close.setToolTip(self.tr("Fermer le message (Échap)"))
        self._close.setAccessibleName(self.tr("Fermer le message"))
        self._close.setAutoRaise(True)
        self._close.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 8, 8)
        layout.setSpacing(10)
        layout.addWidget(self._label, 1)
        layout.addWidget(self._close, 0, Qt.AlignmentFlag.AlignTop)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        self.hide()

    @property
    def level(self) -> Level:
        return self._level

    @property
    def title(self) -> str:
        """The bold lead of the message shown ("Refusé", "C'est fait"…)."""
        return self._title

    def text(self) -> str:
        """The message shown (empty when the bar is hidden)."""
        return self._label.text() if not self.isHidden() else ""

    def show_message(self, text: str, level: Level = Level.INFO, title: str = "") -> None:
        """Show ``text`` after a bold ``title`` (by default the level's: "Attention"…);
        a success goes away by itself after a few seconds."""
        self._level = Level(level)
        background, border, color = _COLORS[self._level]
        self.setStyleSheet(
            f"QFrame#messageBar {{ background: {background}; border: 1px solid {border};"
            f" border-left: 4px solid {border}; border-radius: 4px; margin: 0 16px 8px 16px; }}"
            f" QLabel#messageText {{ color: {color}; }}"
            f" QToolButton#messageClose {{ color: {color}; border: none; padding: 2px 6px; }}"
        )
        title = self._title = title or self.tr(_TITLES[self._level])
        self._label.setText(
            self.tr("<b>{title} :</b> {text}").format(title=_escaped(title), text=_escaped(text))
        )
        self._label.setAccessibleDescription(text)
        self.setAccessibleDescription(text)
        self.show()
        if self._level is Level.SUCCESS:
            self._timer.start(SUCCESS_TIMEOUT_MS)
        else:
            self._timer.stop()

    def info(self, text: str) -> None:
        self.show_message(text, Level.INFO)

    def success(self, text: str) -> None:
        self.show_message(text, Level.SUCCESS)

    def warning(self, text: str, title: str = "") -> None:
        self.show_message(text, Level.WARNING, title)

    def error(self, text: str, title: str = "") -> None:
        self.show_message(text, Level.ERROR, title)

    def plain_text(self) -> str:
        """The message without its title, as given (empty when hidden)."""
        return self._label.accessibleDescription() if not self.isHidden() else ""

    def dismiss(self) -> None:
        self._timer.stop()
        if not self.isHidden():
            self.hide()
            self.closed.emit()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.dismiss()
            event.accept()
            return
        super().keyPressEvent(event)


def _escaped(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
    )
