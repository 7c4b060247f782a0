"""The start-up screen of a database that is missing, damaged or locked: the message, the
backups at hand, « Restaurer une sauvegarde… » and « Quitter » — and, through ``creneau gui``,
never a silent new empty database (but the very first start still gets the demo hospital)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from db.engine import sqlite_path
from desktop.cli import main
from desktop.config import default_sqlite_path
from desktop.domain.backups import BackupSchedule
from desktop.domain.errors import DatabaseProblem
from desktop.services.backup import BackupService
from desktop.services.startup import check_database, is_known, open_checked, recover
from desktop.ui.dialogs.database_problem import DatabaseProblemDialog
from tests.fakes import ADMIN, small_hospital

WAIT_MS = 30_000
NOW = "2027-03-15T10:00:00+01:00"


@pytest.fixture
def damaged(sqlite_url, tmp_path):
    """A known database with a scheduled backup in its folder, then overwritten with noise."""
    from tests.conftest import TEST_NOW

    small_hospital(sqlite_url, TEST_NOW).db.dispose()
    services = open_checked(sqlite_url)
    folder = tmp_path / "sauvegardes"
    services.backup.set_schedule(ADMIN, BackupSchedule(str(folder), 24, 3))
    archive = services.backup.run_scheduled().path
    services.db.dispose()
    sqlite_path(sqlite_url).write_bytes(os.urandom(4096))
    with pytest.raises(DatabaseProblem) as caught:
        check_database(sqlite_url)
    return caught.value, folder, archive


def _dialog(qtbot, problem, folder, retry=None) -> DatabaseProblemDialog:
    dialog = DatabaseProblemDialog(
        problem.message,
        problem.kind,
        str(folder),
        list_backups=BackupService.list_backups,
        restore=lambda archive, progress: recover(problem, archive, progress=progress),
        retry=retry,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_screen_says_what_is_wrong_and_restores_a_backup(qtbot, damaged, sqlite_url):
    problem, folder, archive = damaged
    dialog = _dialog(qtbot, problem, folder)
    assert dialog.message_label.text() == problem.message
    assert "n'est pas une base de données lisible" in dialog.message_label.text()
    assert dialog.restore_button.isVisible() and dialog.quit_button.isVisible()
    assert not dialog.retry_button.isVisible()
    assert dialog.restore_button.text() == "&Restaurer une sauvegarde…"
    assert dialog.backups.count() == 1 and archive.name in dialog.backups.item(0).text()
    for widget in (dialog.restore_button, dialog.quit_button, dialog.backups):
        assert widget.accessibleName()
    dialog.choose_archive = lambda: str(archive)
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.report.manifest.row_counts["practitioner"] == 2
    check_database(sqlite_url)  # healthy again
    path = sqlite_path(sqlite_url)
    assert [p.name for p in path.parent.iterdir() if ".endommagee-" in p.name]


def test_a_double_click_on_a_listed_backup_restores_it(qtbot, damaged, sqlite_url):
    problem, folder, _archive = damaged
    dialog = _dialog(qtbot, problem, folder)
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        dialog.backups.itemActivated.emit(dialog.backups.item(0))
    check_database(sqlite_url)


def test_a_refused_restore_is_said_and_the_screen_stays(qtbot, damaged, tmp_path):
    problem, folder, _archive = damaged
    bad = tmp_path / "abimee.zip"
    bad.write_bytes(b"PK\x03\x04 tronquee")
    dialog = _dialog(qtbot, problem, folder)
    dialog.choose_archive = lambda: str(bad)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "lisible" in dialog.status_label.text(), timeout=WAIT_MS)
    assert dialog.isVisible() and dialog.restore_button.isEnabled()
    dialog.choose_archive = lambda: ""  # cancelled file dialog: nothing happens
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.rejected, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)


def test_an_empty_backup_folder_says_to_choose_the_file(qtbot, damaged, tmp_path):
    problem, _folder, _archive = damaged
    dialog = _dialog(qtbot, problem, tmp_path / "vide")
    assert "Aucune sauvegarde trouvée" in dialog.list_label.text()
    assert not dialog.backups.isVisible()


def test_a_locked_database_offers_to_try_again(qtbot, sqlite_url, tmp_path):
    open_checked(sqlite_url).db.dispose()
    holder = sqlite3.connect(sqlite_path(sqlite_url), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    with pytest.raises(DatabaseProblem) as caught:
        check_database(sqlite_url, lock_timeout_s=0.1)
    dialog = _dialog(
        qtbot, caught.value, tmp_path, retry=lambda: check_database(sqlite_url, lock_timeout_s=0.1)
    )
    assert dialog.retry_button.isVisible() and not dialog.restore_button.isVisible()
    qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.retry_button.isEnabled(), timeout=WAIT_MS)
    assert "verrouillée" in dialog.message_label.text() and dialog.isVisible()
    holder.execute("ROLLBACK")
    holder.close()
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)


def _answer_dialogs(handler) -> QTimer:
    """Call ``handler(dialog)`` on each visible top-level dialog while a modal loop runs."""
    timer = QTimer()
    timer.setInterval(20)

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                handler(widget)

    timer.timeout.connect(look)
    timer.start()
    return timer


def test_the_gui_command_offers_the_restore_instead_of_an_empty_database(
    qtbot, capsys, damaged, sqlite_url
):
    problem, _folder, archive = damaged
    shown = []

    def quit_it(dialog) -> None:
        if isinstance(dialog, DatabaseProblemDialog):
            shown.append(dialog.message_label.text())
            dialog.quit_button.click()

    timer = _answer_dialogs(quit_it)
    assert main(["--db", sqlite_url, "gui", "--lang", "fr"]) == 1
    assert shown == [problem.message]
    assert "n'est pas une base de données lisible" in capsys.readouterr().err

    def restore_then_cancel_sign_in(dialog) -> None:
        if isinstance(dialog, DatabaseProblemDialog):
            if dialog.restore_button.isEnabled():
                dialog.choose_archive = lambda: str(archive)
                dialog.restore_button.click()
        else:  # the sign-in dialog of the restored database
            shown.append(dialog.objectName())
            dialog.reject()

    timer.stop()
    timer = _answer_dialogs(restore_then_cancel_sign_in)
    assert main(["--db", sqlite_url, "gui", "--lang", "fr"]) == 0
    timer.stop()
    assert len(shown) == 2
    check_database(sqlite_url)


def test_the_first_start_creates_the_default_database_with_the_demo(qtbot, capsys, tmp_path):
    path = default_sqlite_path()
    assert not path.exists()
    assert main(["--now", NOW, "gui", "--screenshot", str(tmp_path / "premier.png")]) == 0
    assert path.exists() and is_known(path)
    services = open_checked(f"sqlite:///{path}")
    assert not services.structure.is_empty()  # the demo hospital
    services.db.dispose()
    for side in ("", "-wal", "-shm"):
        Path(f"{path}{side}").unlink(missing_ok=True)
    assert main(["--now", NOW, "gui", "--screenshot", str(tmp_path / "second.png")]) == 1
    assert "a disparu" in capsys.readouterr().err
    assert not path.exists() and not (tmp_path / "second.png").exists()
