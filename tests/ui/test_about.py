"""« Aide › À propos de Créneau »: one version number (pyproject.toml), the licence, the
database, and the F1 sheet in the same menu."""

from __future__ import annotations

import tomllib

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu

from desktop.ui.dialogs.about import HELP_MENU_NAME, AboutDialog
from desktop.ui.main_window import database_label
from desktop.version import version
from tests.conftest import ROOT


def pyproject_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]


def test_the_version_is_the_one_of_pyproject():
    assert version() == pyproject_version()


def test_the_help_menu_is_last_and_holds_the_shortcuts_sheet_and_about(window):
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    assert menus[-1].objectName() == HELP_MENU_NAME
    help_menu = window.menuBar().findChild(QMenu, HELP_MENU_NAME)
    assert help_menu.title() == "&Aide"
    names = [a.objectName() for a in help_menu.actions() if not a.isSeparator()]
    assert names == ["shortcutsSheetAction", "aboutAction"]
    assert window.about_action.text() == "À &propos de Créneau…"


def test_about_shows_version_licence_database_and_platform(qtbot, window, hospital):
    window.about_action.trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "À propos de Créneau"
    assert dialog.version_label.text() == f"Version {pyproject_version()}"
    assert "EUPL-1.2" in dialog.license_label.text()
    assert "licence publique de l'Union européenne" in dialog.license_label.text()
    expected = database_label(hospital.services.db.url)
    assert dialog.database_label.text() == expected
    assert expected.endswith("creneau.sqlite3")
    assert f"Qt {qVersion()}" in dialog.platform_label.text()
    assert "Python 3." in dialog.platform_label.text()
    # The same dialog comes back the next time.
    window.about_action.trigger()
    assert window.findChildren(AboutDialog) == [dialog]


def test_copy_puts_what_a_help_desk_needs_on_the_clipboard(qtbot, window, hospital):
    window.about_action.trigger()
    dialog = window.findChild(AboutDialog)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(f"Créneau {pyproject_version()} (EUPL-1.2)")
    assert database_label(hospital.services.db.url) in copied


def test_a_postgresql_password_never_shows(qtbot):
    dialog = AboutDialog(database_label("postgresql+psycopg://creneau:secret@db.local/creneau"))
    qtbot.addWidget(dialog)
    assert dialog.database_label.text() == "postgresql+psycopg://creneau@db.local/creneau"
    assert "secret" not in dialog.details()


def test_escape_closes_the_dialog(qtbot):
    dialog = AboutDialog("/tmp/creneau.sqlite3")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
