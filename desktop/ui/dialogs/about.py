"""« À propos de Créneau » and the « Aide » menu that opens it.

The dialog says what a help desk asks first: the version (``desktop.version``, the number of
pyproject.toml), the licence, where the data lives (the database, password hidden) and the
versions of Qt and Python; « Copier les informations » puts them on the clipboard for a ticket.
``install_about(window, services)`` adds the « &Aide » menu (or completes it): the F1 shortcuts
sheet when the window has it, then « À propos de Créneau ».
"""

from __future__ import annotations

import platform
from typing import TYPE_CHECKING

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.application import application_icon
from desktop.version import LICENSE, version

if TYPE_CHECKING:
    from desktop.services.container import Services

HELP_MENU_NAME = "helpMenu"
LICENSE_URL = "https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12"


class AboutDialog(QDialog):
    """Version, licence, database and platform of this Créneau; Esc or « Fermer » closes it."""

    def __init__(self, database: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("À propos de Créneau"))
        self.setAccessibleName(self.tr("À propos de Créneau"))
        self.database = database

        icon = QLabel(objectName="aboutIcon")
        icon.setPixmap(application_icon().pixmap(64, 64))
        icon.setAccessibleName(self.tr("Icône de Créneau"))
        title = QLabel("<b style='font-size:16pt'>Créneau</b>", objectName="aboutTitle")
        self.version_label = QLabel(self.tr("Version {version}").format(version=version()))
        self.version_label.setObjectName("aboutVersion")
        self.version_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        tagline = QLabel(self.tr("L'agenda du secrétariat médical de l'hôpital."))
        heading = QVBoxLayout()
        heading.addWidget(title)
        heading.addWidget(self.version_label)
        heading.addWidget(tagline)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)

        self.license_label = QLabel(
            self.tr(
                "Logiciel libre publié sous la licence publique de l'Union européenne "
                "(<a href=\"{url}\">{license}</a>) : chacun peut l'utiliser, l'étudier, le "
                "modifier et le redistribuer, sous cette même licence."
            ).format(url=LICENSE_URL, license=LICENSE),
            objectName="aboutLicense",
        )
        self.license_label.setWordWrap(True)
        self.license_label.setOpenExternalLinks(True)
        self.license_label.setAccessibleName(self.tr("Licence"))

        self.database_label = QLabel(database, objectName="aboutDatabase")
        self.database_label.setWordWrap(True)
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.database_label.setAccessibleName(self.tr("Base de données"))
        self.platform_label = QLabel(self.platform_text(), objectName="aboutPlatform")
        self.platform_label.setWordWrap(True)
        self.platform_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.tr("Base de données :"), self.database_label)
        form.addRow(self.tr("Plateforme :"), self.platform_label)

        self.copy_button = QPushButton(self.tr("&Copier les informations"))
        self.copy_button.setAccessibleName(self.tr("Copier les informations"))
        self.copy_button.clicked.connect(self.copy_details)
        close = QPushButton(self.tr("Fermer"))
        close.setAccessibleName(self.tr("Fermer"))
        close.setDefault(True)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self.license_label)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)

    @staticmethod
    def platform_text() -> str:
        return (
            f"Qt {qVersion()} · PySide6 {PYSIDE_VERSION} · Python {platform.python_version()} "
            f"· {platform.system()} {platform.release()}"
        )

    def details(self) -> str:
        """The text « Copier les informations » puts on the clipboard."""
        return "\n".join(
            (
                f"Créneau {version()} ({LICENSE})",
                self.tr("Base de données : {database}").format(database=self.database),
                self.platform_text(),
            )
        )

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details())


def help_menu(window: QMainWindow) -> QMenu:
    """The window's « &Aide » menu, created (once) on first use."""
    menu = window.menuBar().findChild(QMenu, HELP_MENU_NAME)
    if menu is None:
        menu = window.menuBar().addMenu(QCoreApplication.translate("AboutDialog", "&Aide"))
        menu.setObjectName(HELP_MENU_NAME)
        menu.setAccessibleName(QCoreApplication.translate("AboutDialog", "Menu Aide"))
    return menu


def install_about(window: QMainWindow, services: Services) -> QAction:
    """Add « À propos de Créneau » (and the F1 shortcuts sheet, when the window has it) to the
    « &Aide » menu of ``window``; returns the About action."""
    from desktop.ui.main_window import database_label

    menu = help_menu(window)
    sheet = window.findChild(QAction, "shortcutsSheetAction")
    if sheet is not None and sheet not in menu.actions():
        menu.addAction(sheet)
        menu.addSeparator()
    action = QAction(
        QCoreApplication.translate("AboutDialog", "À &propos de Créneau…"),
        window,
        objectName="aboutAction",
    )
    action.setMenuRole(QAction.MenuRole.AboutRole)
    dialogs: list[AboutDialog] = []

    def show_about() -> None:
        if not dialogs:
            dialogs.append(AboutDialog(database_label(services.db.url), parent=window))
        dialogs[0].show()
        dialogs[0].raise_()
        dialogs[0].activateWindow()

    action.triggered.connect(show_about)
    menu.addAction(action)
    return action
