"""F1: the sheet lists every shortcut, from the one registry the actions take their keys from."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication

from desktop.ui import shortcuts
from desktop.ui.application import create_application
from desktop.ui.dialogs.shortcuts import ShortcutsSheet, key_text
from desktop.ui.main_window import MainWindow
from desktop.ui.shortcuts import ShortcutConflict, ShortcutRegistry, portable_text
from tests.fakes import SECRETARY


@pytest.fixture
def window(qtbot, hospital):
    create_application()  # French locale and Qt's French key names ("Début"), as in the app
    # A signed-in secretary (no account needed: nothing here checks a password).
    win = MainWindow(hospital.services, actor=SECRETARY)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    with qtbot.waitExposed(win):
        win.show()
    return win


def open_sheet(qtbot, window: MainWindow) -> ShortcutsSheet:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, ShortcutsSheet)]
    sheet = next(w for w in found if w.isVisible() and w.parentWidget() is window)
    qtbot.addWidget(sheet)
    return sheet


def test_f1_opens_the_sheet_with_every_registered_shortcut(qtbot, window):
    sheet = open_sheet(qtbot, window)
    assert sheet.windowTitle() == "Raccourcis clavier — Créneau"
    rows = sheet.rows()
    groups = shortcuts.SHORTCUTS.groups()
    assert len(rows) == len(groups) + len(shortcuts.SHORTCUTS.entries())
    assert ("Général", "") in rows
    assert ("F1", "Afficher cette liste des raccourcis") in rows
    assert ("Ctrl+L", "Verrouiller la session maintenant") in rows
    assert ("Alt+←", "Jour précédent (semaine précédente en vue semaine)") in rows
    assert ("Alt+→", "Jour suivant (semaine suivante en vue semaine)") in rows
    assert ("Alt+Début", "Revenir à aujourd'hui") in rows
    headings = [group for group, action in rows if not action]
    assert headings[:2] == ["Général", "Se déplacer dans l'agenda"]


def test_esc_closes_the_sheet_and_f1_brings_the_same_one_back(qtbot, window):
    sheet = open_sheet(qtbot, window)
    with qtbot.waitSignal(sheet.finished, timeout=2000):
        qtbot.keyClick(sheet.tree, Qt.Key.Key_Escape)
    assert not sheet.isVisible()
    assert open_sheet(qtbot, window) is sheet


def _same_as_return(keys: str) -> str:
    """The keypad's Enter does what Return does: the sheet lists Return only."""
    return "+".join("Return" if part == "Enter" else part for part in keys.split("+"))


def test_every_shortcut_of_the_window_is_in_the_registry(window):
    """A shortcut missing from the sheet is a shortcut nobody finds: register it in
    ``desktop.ui.shortcuts`` and take its keys from there."""
    used = set()
    for action in window.findChildren(QAction):
        used.update(portable_text(k) for k in action.shortcuts() if not k.isEmpty())
    for shortcut in window.findChildren(QShortcut):
        keys = shortcut.keys()  # a list of QKeySequence (a QShortcut is no mapping)
        used.update(portable_text(k) for k in keys if not k.isEmpty())
    used = {_same_as_return(k) for k in used}
    registered = {e.keys for e in shortcuts.SHORTCUTS.entries()}
    assert used - registered == set()
    # The window's own shortcuts really are there.
    assert {"F1", "Ctrl+L", "Alt+Left", "Alt+Right", "Alt+Home"} <= used


def test_the_toolbar_takes_its_keys_from_the_registry(window):
    toolbar = window.toolbar
    assert toolbar.action_previous.shortcut() == shortcuts.PREVIOUS.sequence
    assert toolbar.action_next.shortcut() == shortcuts.NEXT.sequence
    assert toolbar.action_today.shortcut() == shortcuts.TODAY.sequence


def test_a_key_used_twice_is_refused_when_registered():
    registry = ShortcutRegistry()
    first = registry.register("Ctrl+K", "Chercher un patient", shortcuts.GROUP_GENERAL)
    assert registry.register("Ctrl+K", "Chercher un patient", shortcuts.GROUP_GENERAL) == first
    with pytest.raises(ShortcutConflict, match="Ctrl\\+K"):
        registry.register("ctrl+k", "Autre chose", shortcuts.GROUP_GENERAL)
    # Keys a widget handles in its own context may serve in several groups.
    registry.register("Return", "Valider", shortcuts.GROUP_DIALOGS, action=False)
    registry.register("Return", "Ouvrir", shortcuts.GROUP_LIST, action=False)
    assert [g for g, _ in registry.groups()] == [
        shortcuts.GROUP_GENERAL,
        shortcuts.GROUP_LIST,
        shortcuts.GROUP_DIALOGS,
    ]
    assert registry.find("Ctrl+K") == first and registry.find("Return") is None
    with pytest.raises(ValueError):
        registry.register("", "Rien", shortcuts.GROUP_GENERAL)


def test_keys_are_written_as_on_the_keyboard(qapp):
    create_application()
    assert key_text(QKeySequence("Alt+Left")) == "Alt+←"
    assert key_text(QKeySequence("Down")) == "↓"
    assert key_text(QKeySequence("Ctrl+L")) == "Ctrl+L"
    assert key_text(QKeySequence("F1")) == "F1"


def test_a_sheet_over_its_own_registry(qtbot):
    registry = ShortcutRegistry()
    registry.register("Ctrl+K", "Chercher un patient", shortcuts.GROUP_APPOINTMENTS)
    sheet = ShortcutsSheet(registry)
    qtbot.addWidget(sheet)
    assert sheet.rows() == [("Rendez-vous", ""), ("Ctrl+K", "Chercher un patient")]
