"""The QApplication of Créneau: French locale and Qt translations, Fusion style, light palette,
and the style sheets of ``resources/qss`` (applied in file-name order, like ordered partials).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QColor, QFont, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from desktop.resources import ResourceMissing, resource_dirs, resource_path

APPLICATION_NAME = "Créneau"
# The reverse-DNS id of the .desktop file and AppStream metainfo (packaging/linux/).
DESKTOP_ID = "fr.hopital.creneau"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)
_CONFIGURED = "creneau_configured"


def resources_dir() -> Path:
    """``resources/`` of the source tree or of the frozen bundle, as ``desktop.resources``
    finds it (the checkout's path when none exists: callers check what they read)."""
    try:
        return resource_path()
    except ResourceMissing:
        return resource_dirs()[-1]


def application_icon() -> QIcon:
    """Créneau's icon at every size drawn (``resources/icons/hicolor``; empty if missing)."""
    icon = QIcon()
    folder = resources_dir() / "icons" / "hicolor"
    for size in ICON_SIZES:
        png = folder / f"{size}x{size}" / "apps" / f"{DESKTOP_ID}.png"
        if png.is_file():
            icon.addFile(str(png))
    return icon


def style_sheet(folder: Path | None = None) -> str:
    """Every ``*.qss`` file of the folder, in name order (missing folder: no style sheet)."""
    folder = folder or resources_dir() / "qss"
    if not folder.is_dir():
        return ""
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.qss")))


def light_palette() -> QPalette:
    """A light palette whatever the desktop theme: the agenda's colours are drawn for it."""
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#f3f4f6",
        QPalette.ColorRole.WindowText: "#1f2933",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#f7f8fa",
        QPalette.ColorRole.Text: "#1f2933",
        QPalette.ColorRole.Button: "#ffffff",
        QPalette.ColorRole.ButtonText: "#1f2933",
        QPalette.ColorRole.Highlight: "#dbe7ff",
        QPalette.ColorRole.HighlightedText: "#102a66",
        QPalette.ColorRole.ToolTipBase: "#ffffff",
        QPalette.ColorRole.ToolTipText: "#1f2933",
        QPalette.ColorRole.PlaceholderText: "#8a94a6",
        QPalette.ColorRole.Link: "#1d4ed8",
    }
    for role, value in colors.items():
        palette.setColor(role, QColor(value))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#9aa3b2"))
    return palette


def create_application(argv: list[str] | None = None) -> QApplication:
    """The running QApplication (created when there is none), set up for Créneau once."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else [sys.argv[0]])
    if app.property(_CONFIGURED):
        return app
    app.setApplicationName(APPLICATION_NAME)
    app.setOrganizationName(APPLICATION_NAME)
    app.setDesktopFileName(DESKTOP_ID)  # Wayland matches windows to the installed .desktop
    app.setWindowIcon(application_icon())
    QLocale.setDefault(FRENCH)
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(FRENCH, "qtbase", "_", path):
        app.installTranslator(translator)
    fusion = QStyleFactory.create("Fusion")
    if fusion is not None:
        app.setStyle(fusion)
    app.setPalette(light_palette())
    font = QFont(app.font())
    font.setPointSizeF(10)
    app.setFont(font)
    app.setStyleSheet(style_sheet())
    app.setProperty(_CONFIGURED, True)
    return app
