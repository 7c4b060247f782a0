"""The idle lock of shared workstations: after a while without keyboard or mouse, every window of
Créneau is covered and patient data hidden; the signed-in user's password unlocks it.

Nothing is closed or reset while locked: the main window's central widget and docks are hidden,
other windows are hidden (or, for modal dialogs, whose hiding would end them, covered), and all
come back as they were, with whatever was typed in them. The unlock form sits in the window in
front: the main window, or the modal dialog that has the keyboard.

One application-wide event filter does the watching: any key, click, wheel or movement counts
as activity; while locked, input and shortcuts meant for anything but the unlock form are eaten.
"""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QPainter, QPainterPath, QPen, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model import Actor
from desktop.ui import shortcuts
from desktop.ui.dialogs.signin import failure_text
from desktop.ui.roles import display_name, role_label
from desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from desktop.services.auth import AuthService
    from desktop.services.container import Services

DEFAULT_TIMEOUT_MS = 10 * 60 * 1000
ENV_IDLE_MINUTES = "CRENEAU_IDLE_MINUTES"

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletMove,
        QEvent.Type.TabletRelease,
        QEvent.Type.ContextMenu,
        QEvent.Type.InputMethod,
    }
)
_SHORTCUT = QEvent.Type.Shortcut
_VISIBILITY = frozenset({QEvent.Type.Show, QEvent.Type.Hide})


def timeout_from_environment(environ=os.environ) -> int:
    """Milliseconds of idleness before locking: ``CRENEAU_IDLE_MINUTES`` (> 0), else 10 minutes."""
    text = environ.get(ENV_IDLE_MINUTES, "").strip().replace(",", ".")
    try:
        minutes = float(text)
    except ValueError:
        return DEFAULT_TIMEOUT_MS
    return int(minutes * 60_000) if minutes > 0 else DEFAULT_TIMEOUT_MS


class Padlock(QWidget):
    """A padlock drawn with vectors, sharp at any screen scale."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        side = self.fontMetrics().height() * 4
        self.setFixedSize(side, side)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height())
        x0, y0 = (self.width() - side) / 2, (self.height() - side) / 2
        colour = QColor("#2f5fb3")
        pen = QPen(colour, side * 0.09)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        shackle = QPainterPath()
        left, right = x0 + side * 0.3, x0 + side * 0.7
        shackle.moveTo(left, y0 + side * 0.48)
        shackle.lineTo(left, y0 + side * 0.32)
        shackle.arcTo(QRectF(left, y0 + side * 0.12, right - left, side * 0.4), 180, -180)
        shackle.lineTo(right, y0 + side * 0.48)
        painter.drawPath(shackle)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        body = QRectF(x0 + side * 0.2, y0 + side * 0.45, side * 0.6, side * 0.45)
        painter.drawRoundedRect(body, side * 0.07, side * 0.07)
        painter.setBrush(QColor("#ffffff"))
        painter.drawEllipse(QRectF(x0 + side * 0.455, y0 + side * 0.58, side * 0.09, side * 0.09))
        painter.drawRect(QRectF(x0 + side * 0.48, y0 + side * 0.64, side * 0.04, side * 0.12))


class UnlockForm(QFrame):
    """Who is signed in, the password field and the unlock button; emits
    ``unlock_requested(password)``."""

    unlock_requested = Signal(str)

    def __init__(self, user_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlockForm")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        title = QLabel(self.tr("Session verrouillée"), objectName="lockTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        message = QLabel(
            self.tr(
                "Les données des patients sont masquées. Votre travail en cours est conservé "
                "et réapparaîtra tel quel une fois la session déverrouillée."
            ),
            objectName="lockMessage",
        )
        message.setWordWrap(True)
        message.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.user_label = QLabel(user_text, objectName="lockUser")
        self.user_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.user_label.setWordWrap(True)
        self.password_edit = QLineEdit(objectName="unlockPasswordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("Mot de passe pour déverrouiller"))
        self.password_edit.setPlaceholderText(self.tr("Mot de passe"))
        # A context menu would be a window outside the form: paste with Ctrl+V instead.
        self.password_edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.password_edit.returnPressed.connect(self._on_unlock_clicked)
        self.error_label = QLabel(objectName="lockError")
        self.error_label.setWordWrap(True)
        self.error_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.error_label.setAccessibleName(self.tr("Message d'erreur"))
        self.error_label.hide()
        self.unlock_button = QPushButton(self.tr("&Déverrouiller"), objectName="unlockButton")
        self.unlock_button.setAccessibleName(self.tr("Déverrouiller"))
        self.unlock_button.setAutoDefault(False)
        self.unlock_button.clicked.connect(self._on_unlock_clicked)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.password_edit, 1)
        row.addWidget(self.unlock_button)

        icon = Padlock()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(12)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(title)
        layout.addWidget(message)
        layout.addSpacing(4)
        layout.addWidget(self.user_label)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        # A fixed width (in the font's units) so that the wrapped texts get the height they need.
        self.setFixedWidth(self.fontMetrics().horizontalAdvance("M") * 34)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

    def sizeHint(self) -> QSize:
        width = self.minimumWidth()
        return QSize(width, self.heightForWidth(width))

    def hasHeightForWidth(self) -> bool:
        # The width is fixed: the curtain must not ask the height for its own, larger width.
        return False

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        self.updateGeometry()
        self.password_edit.clear()
        self.password_edit.setFocus()

    def set_busy(self, busy: bool) -> None:
        """While the password is checked: nothing to type, nothing to press twice."""
        self.password_edit.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()
            self.password_edit.setFocus()

    def _on_unlock_clicked(self) -> None:
        self.unlock_requested.emit(self.password_edit.text())


class Curtain(QWidget):
    """An opaque sheet over the whole of one window, following its size; keyboard focus moves
    only among its own widgets."""

    def __init__(self, window: QWidget, form: QWidget | None = None) -> None:
        super().__init__(window)
        self.setObjectName("lockCurtain")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), QColor("#e8ecf2"))
        self.setPalette(palette)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addStretch(1)
        if form is not None:
            layout.addWidget(form, 0, Qt.AlignmentFlag.AlignHCenter)
            form.show()  # made without a parent: a layout would only show it later
        else:
            label = QLabel(self.tr("Session verrouillée"), objectName="lockTitle")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        layout.addStretch(1)
        self.form = form
        self._window = window
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._window.rect())
            self.raise_()
        return False

    def keyPressEvent(self, event) -> None:
        # Keys the form leaves (Esc, Enter) stop here: a covered dialog would take Esc as
        # "cancel" and Enter as its default button, and lose what was typed in it.
        event.accept()

    def focusNextPrevChild(self, forward: bool) -> bool:
        chain = [
            w
            for w in self.findChildren(QWidget)
            if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]
        if not chain:
            return False
        current = QApplication.focusWidget()
        index = chain.index(current) if current in chain else -1
        chain[(index + (1 if forward else -1)) % len(chain)].setFocus(
            Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
        )
        return True

    def remove(self) -> None:
        if shiboken6.isValid(self._window):
            self._window.removeEventFilter(self)
        self.hide()
        self.deleteLater()


class IdleLock(QObject):
    """Locks ``window`` (and every other window of the application) after ``timeout_ms`` without
    input; ``unlock`` checks the password of ``actor`` with ``auth`` (failures count towards the
    account's lockout). Ctrl+L locks at once. Emits ``locked_changed(bool)``."""

    locked_changed = Signal(bool)
    unlock_refused = Signal(str)

    def __init__(
        self,
        window: QWidget,
        auth: AuthService,
        actor: Actor,
        *,
        timeout_ms: int | None = None,
        user_text: str = "",
    ) -> None:
        super().__init__(window)
        self.setObjectName("idleLock")
        self._window = window
        self._auth = auth
        self._actor = actor
        self._timeout_ms = timeout_from_environment() if timeout_ms is None else timeout_ms
        self._user_text = user_text or actor.login
        self._locked = False
        self._checking = False
        self._tasks = TaskRunner(self, max_threads=1)
        self._last_input = time.monotonic()
        self._form: UnlockForm | None = None
        self._curtains: list[Curtain] = []
        self._hidden: list[QWidget] = []
        self._titles: list[tuple[QWidget, str]] = []
        self._resized: tuple[QWidget, QSize] | None = None
        self._focus: QWidget | None = None
        self._active: QWidget | None = None

        self.action = QAction(self.tr("Verrouiller la session"), window, objectName="lockAction")
        self.action.setShortcut(shortcuts.LOCK.sequence)
        self.action.triggered.connect(self.lock)
        window.addAction(self.action)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        QCoreApplication.instance().installEventFilter(self)
        self._timer.start(self._timeout_ms)

    # --- state ---------------------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        return self._locked

    @property
    def timeout_ms(self) -> int:
        return self._timeout_ms

    @property
    def form(self) -> UnlockForm | None:
        """The unlock form while locked."""
        return self._form

    def set_timeout_ms(self, timeout_ms: int) -> None:
        """Lock after ``timeout_ms`` of idleness from now on (counted from the last input)."""
        if timeout_ms <= 0:
            raise ValueError("the idle time must be positive")
        self._timeout_ms = timeout_ms
        if not self._locked:
            self._schedule()

    def _schedule(self) -> None:
        idle_ms = (time.monotonic() - self._last_input) * 1000
        self._timer.start(max(0, int(self._timeout_ms - idle_ms)) + 1)

    def _on_timer_timeout(self) -> None:
        if self._locked or not self._window.isVisible():
            return  # showing the window starts the count again
        if (time.monotonic() - self._last_input) * 1000 < self._timeout_ms:
            self._schedule()
            return
        self.lock()

    # --- watching ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _INPUT_EVENTS:
            if not self._locked:
                self._last_input = time.monotonic()
                return False
            return self._blocked(watched)
        if kind == _SHORTCUT and self._locked:
            return self._blocked(watched)
        if kind in _VISIBILITY and watched is self._window and not event.spontaneous():
            # Shown / hidden by the program (a minimised window goes on counting).
            if kind == QEvent.Type.Hide:
                self._timer.stop()
            elif not self._locked:
                self._last_input = time.monotonic()
                self._schedule()
        return False

    def _blocked(self, watched: QObject) -> bool:
        """While locked: only the unlock form (and the popups it opens) gets input."""
        if not self._window.isVisible():
            return False  # the window was closed: nothing left to protect
        if not isinstance(watched, QWidget):
            # Shortcuts go to QAction / QShortcut objects; input first reaches the QWindow and
            # is judged again at the widget it is meant for.
            return isinstance(watched, QAction | QShortcut)
        host = self._form.parentWidget() if self._form is not None else None
        if host is not None and (watched is host or host.isAncestorOf(watched)):
            return False
        return watched.window().windowType() != Qt.WindowType.Popup

    # --- locking -------------------------------------------------------------------------------

    def lock(self) -> None:
        """Cover every window now (nothing happens when already locked or not shown)."""
        if self._locked or not self._window.isVisible():
            return
        self._locked = True
        self._timer.stop()
        self._focus = QApplication.focusWidget()
        self._active = QApplication.activeWindow()
        _close_popups()
        QToolTip.hideText()
        modal = QApplication.activeModalWidget()
        host = modal if modal is not None and modal.isVisible() else self._window
        self._form = UnlockForm(self._user_text)
        self._form.unlock_requested.connect(self._on_form_unlock_requested)
        title = self.tr("Créneau — session verrouillée")
        for widget in QApplication.topLevelWidgets():
            if widget is self._window or not widget.isVisible():
                continue
            if widget.windowType() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip):
                continue
            modal = widget.isModal() or widget.windowModality() != Qt.WindowModality.NonModal
            if widget is host or modal:
                self._cover(widget, title, widget is host)
            else:
                widget.hide()  # hiding a modal dialog would end it: those are covered instead
                self._hidden.append(widget)
        self._cover(self._window, title, host is self._window)
        if host is not self._window:
            self._fit(host)
        host.activateWindow()
        self._form.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.locked_changed.emit(True)

    def _cover(self, window: QWidget, title: str, with_form: bool) -> None:
        self._hide_contents(window)
        self._titles.append((window, window.windowTitle()))
        window.setWindowTitle(title)
        self._curtains.append(Curtain(window, self._form if with_form else None))

    def _hide_contents(self, window: QWidget) -> None:
        """A covered window's contents are hidden too, not only covered: screen readers and
        window grabs see what is merely behind. Hidden widgets keep their state."""
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        for child in window.findChildren(QWidget, options=direct):
            if not child.isWindow() and not child.isHidden():
                child.hide()
                self._hidden.append(child)

    def _fit(self, host: QWidget) -> None:
        """Make a small dialog big enough for the unlock form (its size comes back after)."""
        needed = self._form.minimumSizeHint() + QSize(40, 40)
        size = host.size()
        wanted = size.expandedTo(needed)
        if wanted != size:
            self._resized = (host, size)
            host.resize(wanted)

    # --- unlocking -----------------------------------------------------------------------------

    def unlock(self, password: str) -> None:
        """Check the signed-in user's password off the GUI thread: unlocked
        (``locked_changed(False)``), or ``unlock_refused(message)`` with the French message in
        the form: wrong password, account locked after repeated failures…"""
        if not self._locked or self._checking:
            return
        self._set_checking(True)
        auth, actor = self._auth, self._actor
        self._tasks.run(
            "unlock",
            lambda: auth.authenticate(actor.login, password, actor.workstation),
            self._on_authenticated,
            self._on_authentication_failed,
        )

    def _on_authenticated(self, _actor: Actor) -> None:
        self._set_checking(False)
        if self._locked:
            self._restore()

    def _on_authentication_failed(self, error: Exception) -> None:
        self._set_checking(False)
        message = failure_text(error)
        if self._form is not None:
            self._form.show_error(message)
        self.unlock_refused.emit(message)

    def _set_checking(self, checking: bool) -> None:
        self._checking = checking
        if self._form is not None:
            self._form.set_busy(checking)

    def _on_form_unlock_requested(self, password: str) -> None:
        if not password:
            message = self.tr("Saisissez votre mot de passe.")
            if self._form is not None:
                self._form.show_error(message)
            self.unlock_refused.emit(message)
            return
        self.unlock(password)

    def _restore(self) -> None:
        for curtain in self._curtains:
            if shiboken6.isValid(curtain):
                curtain.remove()
        for widget, title in self._titles:
            if shiboken6.isValid(widget):
                widget.setWindowTitle(title)
        for widget in self._hidden:
            if shiboken6.isValid(widget):
                widget.show()
        if self._resized is not None and shiboken6.isValid(self._resized[0]):
            self._resized[0].resize(self._resized[1])
        if self._active is not None and shiboken6.isValid(self._active):
            self._active.activateWindow()
        if self._focus is not None and shiboken6.isValid(self._focus) and self._focus.isVisible():
            self._focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self._curtains, self._hidden, self._titles = [], [], []
        self._resized = self._focus = self._active = None
        self._form = None
        self._locked = False
        self._last_input = time.monotonic()
        self._schedule()
        self.locked_changed.emit(False)


def _close_popups() -> None:
    """Menus, combo lists and calendar pop-ups hold nothing unsaved: closed before locking."""
    for _ in range(10):
        popup = QApplication.activePopupWidget()
        if popup is None:
            return
        popup.close()


def install_idle_lock(
    window, services: Services, *, timeout_ms: int | None = None
) -> IdleLock | None:
    """The idle lock of a main window, for its signed-in actor (None without one)."""
    actor = window.actor
    if actor is None:
        return None
    who = QCoreApplication.translate("IdleLock", "Session de {name} ({role})").format(
        name=display_name(services, actor), role=role_label(actor.role)
    )
    return IdleLock(window, services.auth, actor, timeout_ms=timeout_ms, user_text=who)
