"""The composition root of the desktop application: services → QApplication → MainWindow.

``desktop.cli`` builds the services (database, clock) and calls ``run_gui``; everything the
window needs is passed down explicitly, nothing is global.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.domain.errors import CreneauError, DatabaseProblem
from desktop.domain.model import Actor

if TYPE_CHECKING:
    from desktop.services.container import Services

SCREENSHOT_SIZE = (1400, 900)


class ScreenshotFailed(CreneauError):
    """The screenshot could not be written."""


def run_gui(
    services: Services,
    *,
    screenshot: Path | None = None,
    day: date | None = None,
    view: str = "day",
    department_code: str | None = None,
    actor: Actor | None = None,
    lang: str | None = None,
) -> int:
    """Start the desktop application on ``services``; returns the process exit code.

    Without ``actor``, the sign-in dialog comes first (cancelling it returns 0).
    With ``screenshot``, the main window is rendered offscreen at 1400×900 once the agenda is
    painted, saved as a PNG, and 0 is returned without entering the event loop (no sign-in).
    ``lang`` ("fr" / "en", else ``CRENEAU_LANG``, else the system's locale) is the interface's
    language; screenshots ignore the system's locale.
    Raises ``CreneauError`` (French message) for an unknown department or view, or an unwritable
    screenshot.
    """
    if screenshot is not None:
        # A screenshot needs no screen: render offscreen unless a platform was chosen.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Qt is imported here so that importing this module (and the CLI) never loads PySide6.
    from desktop.ui.application import FRENCH, create_application
    from desktop.ui.i18n import apply_language, requested_language
    from desktop.ui.main_window import MainWindow

    app = create_application()
    apply_language(app, requested_language(lang, system=FRENCH if screenshot else None))
    if actor is None and screenshot is None:
        actor = sign_in(services)
        if actor is None:
            return 0
    window = MainWindow(services, day=day, view=view, department_code=department_code, actor=actor)
    if screenshot is not None:
        try:
            save_screenshot(window, Path(screenshot))
        finally:
            window.close()
            window.deleteLater()
        return 0
    # Reads of the agenda off the GUI thread (P13); an in-memory database is one connection.
    window.background_reads = services.db.url.partition("?")[0] not in (
        "sqlite://",
        "sqlite:///",
        "sqlite:///:memory:",
    )
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    return app.exec()


def recover_database(problem: DatabaseProblem, *, lang: str | None = None) -> bool:
    """Show the start-up screen of a database that cannot be used as it is (missing, read-only,
    locked or damaged); True once a backup was restored in its place (or the lock went away),
    False when the user quits."""
    from PySide6.QtWidgets import QDialog

    from desktop.services.backup import BackupService
    from desktop.services.startup import backup_folder, check_database, recover
    from desktop.ui.application import create_application
    from desktop.ui.dialogs.database_problem import DatabaseProblemDialog
    from desktop.ui.i18n import apply_language, requested_language

    app = create_application()
    apply_language(app, requested_language(lang))
    path = Path(problem.path)
    dialog = DatabaseProblemDialog(
        problem.message,
        problem.kind,
        backup_folder(path) or str(path.parent),
        list_backups=BackupService.list_backups,
        restore=lambda archive, progress: recover(problem, archive, progress=progress),
        retry=lambda: check_database(f"sqlite:///{path}"),
    )
    return dialog.exec() == QDialog.DialogCode.Accepted


def sign_in(services: Services) -> Actor | None:
    """Ask who is there with the sign-in dialog; None when the user cancels. A database without
    any account first asks for its administrator (« Créer le premier compte administrateur »)."""
    from desktop.ui.dialogs.signin import ask_sign_in

    if not services.administration.users.has_users():
        from desktop.ui.dialogs.first_admin import ask_first_admin

        return ask_first_admin(services)
    try:
        hospital_name = services.structure.hospital().name
    except CreneauError:
        hospital_name = ""
    return ask_sign_in(services.auth, hospital_name=hospital_name)


def save_screenshot(window, path: Path, size: tuple[int, int] = SCREENSHOT_SIZE) -> None:
    """Lay the window out offscreen at ``size``, let the agenda paint, and write a PNG."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
    from PySide6.QtGui import QImage

    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    window.resize(*size)
    window.show()
    # Layouts, resize events and the grid's first paint all go through the event queue.
    for _ in range(3):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    image = QImage(size[0], size[1], QImage.Format.Format_ARGB32)
    image.fill(window.palette().window().color())
    window.render(image)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ScreenshotFailed(f"Impossible de créer le dossier « {path.parent} ».") from exc
    if not image.save(str(path), "PNG"):
        raise ScreenshotFailed(f"Impossible d'écrire la capture d'écran « {path} ».")
