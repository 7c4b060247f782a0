"""Every interactive widget has a name a screen reader can say: its accessible name, or the text
written on it (buttons)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCalendarWidget,
    QComboBox,
    QDateEdit,
    QHeaderView,
    QLineEdit,
    QWidget,
)

from desktop.ui.dialogs.shortcuts import ShortcutsSheet
from desktop.ui.dialogs.signin import SignInDialog
from desktop.ui.main_window import MainWindow
from tests.fakes import SECRETARY

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QDateEdit, QAbstractItemView)
# Widgets made of Qt's own parts: the parts are announced through the whole.
COMPOSITES = (QComboBox, QAbstractSpinBox, QCalendarWidget, QLineEdit)


def _is_qt_part(widget: QWidget, root: QWidget) -> bool:
    """A piece of a Qt composite (the line edit inside a date edit, a combo's list…)."""
    if isinstance(widget, QHeaderView) or widget.objectName().startswith("qt_"):
        return True
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, COMPOSITES) or parent.objectName().startswith("qt_"):
            return True
        parent = parent.parentWidget()
    return False


def unnamed(root: QWidget) -> list[str]:
    """The interactive widgets under ``root`` that nothing names, as "Class#objectName"."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or _is_qt_part(widget, root):
            continue
        text = widget.text().replace("&", "").strip() if isinstance(widget, QAbstractButton) else ""
        if not widget.accessibleName().strip() and not text:
            found.append(f"{type(widget).__name__}#{widget.objectName()}")
    return found


@pytest.fixture
def window(qtbot, hospital):
    # A signed-in secretary (no account needed: nothing here checks a password).
    win = MainWindow(hospital.services, actor=SECRETARY)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    with qtbot.waitExposed(win):
        win.show()
    return win


def test_the_main_window_names_every_interactive_widget(window):
    assert len([w for w in window.findChildren(QWidget) if isinstance(w, INTERACTIVE)]) > 5
    assert unnamed(window) == []


def test_the_toolbar_widgets_have_french_names(window):
    toolbar = window.toolbar
    assert toolbar.date_edit.accessibleName() == "Date affichée"
    assert toolbar.department_combo.accessibleName() == "Service"
    assert toolbar.practitioner_combo.accessibleName() == "Praticien"
    assert toolbar.widgetForAction(toolbar.action_previous).accessibleName() == "Précédent"
    assert toolbar.widgetForAction(toolbar.view_actions["week"]).accessibleName() == "Vue semaine"
    assert window.table_view.accessibleName() == "Liste des rendez-vous"


def test_the_lock_screen_names_its_widgets(qtbot, window):
    with qtbot.waitSignal(window.idle_lock.locked_changed, timeout=2000):
        window.idle_lock.lock()
    form = window.idle_lock.form
    assert form.password_edit.accessibleName() == "Mot de passe pour déverrouiller"
    assert unnamed(window) == []


def test_the_sign_in_dialog_and_the_sheet_name_their_widgets(qtbot, hospital):
    dialog = SignInDialog(hospital.services.auth, workstation="poste")
    sheet = ShortcutsSheet()
    for widget in (dialog, sheet):
        qtbot.addWidget(widget)
        assert unnamed(widget) == []
    assert dialog.login_edit.accessibleName() == "Identifiant"
    assert dialog.password_edit.accessibleName() == "Mot de passe"
    assert sheet.tree.accessibleName() == "Liste des raccourcis clavier"


def test_labels_lead_to_their_fields_with_alt_keys(qtbot, hospital):
    dialog = SignInDialog(hospital.services.auth, workstation="poste")
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    qtbot.keyClick(dialog, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.password_edit.hasFocus, timeout=2000)
    qtbot.keyClick(dialog, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.login_edit.hasFocus, timeout=2000)
