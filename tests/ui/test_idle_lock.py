"""The idle lock: patient data hidden after a while without input, work kept, the password back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDockWidget,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model import Role
from desktop.services.auth import MAX_FAILURES
from desktop.ui.idle_lock import (
    DEFAULT_TIMEOUT_MS,
    ENV_IDLE_MINUTES,
    Curtain,
    IdleLock,
    timeout_from_environment,
)
from desktop.ui.main_window import MainWindow
from desktop.ui.models.appointment_table import COL_PATIENT
from tests.ui.accounts import PASSWORD, signed_in, when
from tests.ui.scenes import MONDAY

LOCKED_TITLE = "Créneau — session verrouillée"
PATIENT_NAMES = ("Bernard", "Moreau", "Nguyễn", "Roux")


@pytest.fixture
def window(qtbot, hospital):
    actor = signed_in(hospital.services, "mlefevre", Role.SECRETARY, "Mme Lefèvre")
    win = MainWindow(hospital.services, actor=actor)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    with qtbot.waitExposed(win):
        win.show()
    return win


def lock_now(qtbot, window: MainWindow) -> IdleLock:
    lock = window.idle_lock
    with qtbot.waitSignal(lock.locked_changed, timeout=2000):
        lock.lock()
    return lock


def type_password(qtbot, lock: IdleLock, password: str) -> None:
    """Type into the unlock form's field and press Enter, as the user does."""
    field = lock.form.password_edit
    qtbot.waitUntil(field.hasFocus, timeout=2000)  # window activation is asynchronous
    qtbot.keyClicks(field, password)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def unlock_with_keys(qtbot, lock: IdleLock, password: str = PASSWORD) -> None:
    with qtbot.waitSignal(lock.locked_changed, timeout=5000) as blocker:
        type_password(qtbot, lock, password)
    assert blocker.args == [False]


def refused_with_keys(qtbot, lock: IdleLock, password: str) -> str:
    with qtbot.waitSignal(lock.unlock_refused, timeout=5000) as blocker:
        type_password(qtbot, lock, password)
    return blocker.args[0]


def shown_texts(root: QWidget) -> list[str]:
    """Every text a user can read in ``root``'s visible labels, buttons and fields."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            found.append(widget.text())
    return found


def test_the_window_locks_after_the_idle_time_and_hides_patient_data(qtbot, window):
    assert window.windowTitle() == "Créneau — Hôpital d'essai — Mme Lefèvre (secrétaire)"
    assert window.centralWidget().isVisible()
    model = window.table_model
    listed = " ".join(model.index(r, COL_PATIENT).data() for r in range(model.rowCount()))
    assert all(name.casefold() in listed.casefold() for name in PATIENT_NAMES)

    window.idle_lock.set_timeout_ms(200)
    qtbot.waitUntil(lambda: window.idle_lock.locked, timeout=5000)

    assert window.windowTitle() == LOCKED_TITLE
    assert not window.centralWidget().isVisible()
    curtain = window.findChild(Curtain)
    assert curtain.isVisible() and curtain.geometry() == window.rect()
    texts = " ".join(shown_texts(window))
    assert "Session verrouillée" in texts and "Mme Lefèvre (secrétaire)" in texts
    assert not any(name.casefold() in texts.casefold() for name in PATIENT_NAMES)
    assert window.idle_lock.form.password_edit.hasFocus()


def test_unlocking_takes_the_signed_in_user_s_password(qtbot, window):
    lock = lock_now(qtbot, window)
    message = refused_with_keys(qtbot, lock, "pas-le-bon")
    assert message == "Identifiant ou mot de passe incorrect."
    assert lock.locked and lock.form.error_label.isVisible()
    assert lock.form.error_label.text() == message
    assert lock.form.password_edit.text() == ""

    unlock_with_keys(qtbot, lock)
    assert not lock.locked
    assert window.windowTitle() == "Créneau — Hôpital d'essai — Mme Lefèvre (secrétaire)"
    assert window.centralWidget().isVisible()
    qtbot.waitUntil(lambda: window.findChild(Curtain) is None, timeout=2000)


def test_an_empty_password_is_asked_for(qtbot, window):
    lock = lock_now(qtbot, window)
    assert refused_with_keys(qtbot, lock, "") == "Saisissez votre mot de passe."
    assert lock.locked


def test_the_lockout_rule_applies_to_unlocking(qtbot, window):
    lock = lock_now(qtbot, window)
    for _ in range(MAX_FAILURES):
        refused_with_keys(qtbot, lock, "pas-le-bon")
    message = refused_with_keys(qtbot, lock, PASSWORD)
    assert message.startswith("Compte verrouillé après plusieurs échecs")
    assert lock.locked and not window.centralWidget().isVisible()


def test_input_postpones_the_lock(qtbot, window):
    lock = window.idle_lock
    lock.set_timeout_ms(1000)
    ticks = []

    def press_shift() -> None:
        ticks.append(lock.locked)
        qtbot.keyClick(window.toolbar.date_edit, Qt.Key.Key_Shift)

    typing = QTimer()
    typing.setInterval(100)
    typing.timeout.connect(press_shift)
    typing.start()
    qtbot.waitUntil(lambda: len(ticks) >= 15, timeout=10_000)  # 1.5 s of typing
    typing.stop()
    assert not any(ticks) and not lock.locked
    qtbot.waitUntil(lambda: lock.locked, timeout=5000)  # then silence locks it


def test_ctrl_l_locks_at_once(qtbot, window):
    with qtbot.waitSignal(window.idle_lock.locked_changed, timeout=2000):
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.windowTitle() == LOCKED_TITLE


def test_shortcuts_and_clicks_do_nothing_while_locked(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.day == MONDAY.replace(day=16)  # the shortcut works when unlocked
    lock_now(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.keyClick(window.toolbar.date_edit, Qt.Key.Key_Up)
    assert window.day == MONDAY.replace(day=16)
    assert not [w for w in QApplication.topLevelWidgets() if w.objectName() == "shortcutsSheet"]
    # Tab stays inside the unlock form.
    form = window.idle_lock.form
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert form.isAncestorOf(QApplication.focusWidget())


def test_an_open_dialog_is_hidden_then_comes_back_with_its_text(qtbot, window):
    dialog, note = _dialog_with_a_note(qtbot, window, "Rappeler Mme Bernard demain matin")
    with qtbot.waitExposed(dialog):
        dialog.show()
    finished = []
    dialog.finished.connect(finished.append)

    lock = lock_now(qtbot, window)
    assert not dialog.isVisible()
    assert window.idle_lock.form.window() is window  # the form is in the main window
    unlock_with_keys(qtbot, lock)

    assert dialog.isVisible() and note.text() == "Rappeler Mme Bernard demain matin"
    assert dialog.windowTitle() == "Note — Bernard"
    assert finished == []


def test_a_panel_of_the_window_keeps_its_text_and_the_focus(qtbot, window):
    dock = QDockWidget("Prise de rendez-vous", window)
    search = QLineEdit(dock)
    search.setAccessibleName("Patient")
    dock.setWidget(search)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.show()
    search.setFocus()
    qtbot.keyClicks(search, "bern 12/04")
    qtbot.waitUntil(search.hasFocus, timeout=2000)

    lock = lock_now(qtbot, window)
    assert not dock.isVisible() and not search.isVisible()
    unlock_with_keys(qtbot, lock)

    assert dock.isVisible() and search.text() == "bern 12/04"
    qtbot.waitUntil(search.hasFocus, timeout=2000)
    qtbot.keyClicks(search, "58")  # typing goes on where it stopped
    assert search.text() == "bern 12/0458"


def test_a_modal_dialog_is_covered_not_closed_and_holds_the_unlock_form(qtbot, window):
    dialog, note = _dialog_with_a_note(qtbot, window, "Annulation : patiente hospitalisée")
    with qtbot.waitExposed(dialog):
        dialog.open()  # modal: the main window cannot take the keyboard
    finished = []
    dialog.finished.connect(finished.append)
    size = dialog.size()

    lock = lock_now(qtbot, window)
    assert dialog.isVisible() and dialog.windowTitle() == LOCKED_TITLE
    assert lock.form.window() is dialog
    curtain = dialog.findChild(Curtain)
    assert curtain.isVisible() and curtain.geometry() == dialog.rect()
    assert "hospitalisée" not in " ".join(shown_texts(dialog))
    assert not window.centralWidget().isVisible()
    qtbot.waitUntil(lock.form.password_edit.hasFocus, timeout=2000)
    qtbot.keyClick(lock.form.password_edit, Qt.Key.Key_Escape)  # not the dialog's "cancel"
    assert dialog.isVisible() and finished == [] and lock.locked
    unlock_with_keys(qtbot, lock)

    assert dialog.isVisible() and finished == []
    assert note.text() == "Annulation : patiente hospitalisée"
    assert dialog.windowTitle() == "Note — Bernard" and dialog.size() == size
    assert window.centralWidget().isVisible()


def test_a_dialog_in_its_own_event_loop_survives_the_lock(qtbot, window):
    """``exec()``: hiding would end the dialog's loop; it is covered and unlocked in place."""
    dialog, note = _dialog_with_a_note(qtbot, window, "Surbooking : douleur thoracique")
    seen = {}

    def lock_it(_found) -> None:
        window.idle_lock.lock()

    def unlock_it(form) -> None:
        seen["form_window"] = form.window()
        qtbot.keyClicks(form.password_edit, PASSWORD)
        qtbot.keyClick(form.password_edit, Qt.Key.Key_Return)

    def look_and_accept(_found) -> None:
        seen["text"] = note.text()
        seen["visible"] = dialog.isVisible()
        dialog.accept()

    driver = when(
        [
            (lambda: QApplication.activeModalWidget() is dialog, lock_it),
            (lambda: window.idle_lock.form, unlock_it),
            (lambda: not window.idle_lock.locked, look_and_accept),
        ]
    )
    assert dialog.exec() == QDialog.DialogCode.Accepted
    assert not driver.isActive()
    assert seen == {
        "form_window": dialog,
        "text": "Surbooking : douleur thoracique",
        "visible": True,
    }


def test_a_window_without_a_signed_in_user_has_no_lock(qtbot, hospital):
    window = MainWindow(hospital.services)
    qtbot.addWidget(window)
    assert window.idle_lock is None


def test_the_idle_time_is_ten_minutes_unless_configured(qtbot, window):
    assert DEFAULT_TIMEOUT_MS == 600_000
    assert timeout_from_environment({}) == DEFAULT_TIMEOUT_MS
    assert timeout_from_environment({ENV_IDLE_MINUTES: "2,5"}) == 150_000
    assert timeout_from_environment({ENV_IDLE_MINUTES: "0"}) == DEFAULT_TIMEOUT_MS
    assert timeout_from_environment({ENV_IDLE_MINUTES: "jamais"}) == DEFAULT_TIMEOUT_MS
    assert window.idle_lock.timeout_ms == DEFAULT_TIMEOUT_MS
    with pytest.raises(ValueError):
        window.idle_lock.set_timeout_ms(0)


def _dialog_with_a_note(qtbot, window: QWidget, text: str) -> tuple[QDialog, QLineEdit]:
    dialog = QDialog(window)
    qtbot.addWidget(dialog)
    dialog.setWindowTitle("Note — Bernard")
    note = QLineEdit(dialog)
    note.setAccessibleName("Note")
    save = QPushButton("Enregistrer", dialog)
    save.setDefault(True)  # Enter in the unlock form must not press it
    save.clicked.connect(dialog.accept)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel("Note pour Mme Bernard"))
    layout.addWidget(note)
    layout.addWidget(save)
    dialog.resize(320, 120)
    note.setText(text)
    QCoreApplication.processEvents()
    return dialog, note
