"""« Sauvegarde… » in the Administration menu: back up now off the GUI thread, the schedule,
the archives of the folder, and the scheduled backups of the running window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.domain.backups import BackupSchedule
from desktop.services.restore import read_manifest
from desktop.ui.admin_menu import admin_menu
from desktop.ui.main_window import MainWindow
from desktop.ui.models.backup_list import COL_APPOINTMENTS, COL_FILE, COL_STATE, PATH_ROLE
from tests.fakes import ADMIN, SECRETARY
from tests.ui.scenes import MONDAY

WAIT_MS = 30_000


def _window(qtbot, hospital, actor) -> MainWindow:
    win = MainWindow(hospital.services, day=MONDAY, actor=actor)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def window(qtbot, hospital) -> MainWindow:
    return _window(qtbot, hospital, ADMIN)


@pytest.fixture
def dialog(qtbot, window):
    opened = window.backups.open_dialog()
    qtbot.waitExposed(opened)
    yield opened
    opened._tasks.wait(WAIT_MS)
    opened.close()


def test_the_administration_menu_opens_the_backup_screen(qtbot, window):
    action = window.backups.action
    assert action in admin_menu(window).actions()
    assert action.text() == "&Sauvegarde…" and action.isEnabled()
    action.trigger()
    opened = window.backups.dialog
    qtbot.waitExposed(opened)
    assert opened.windowTitle() == "Sauvegarde de la base"
    for widget in (
        opened.backup_button,
        opened.folder_edit,
        opened.interval_spin,
        opened.keep_spin,
        opened.table,
        opened.save_schedule_button,
    ):
        assert widget.accessibleName()
    assert opened.interval_spin.text() == "désactivées"
    opened.close()


def test_back_up_now_runs_off_the_gui_thread(qtbot, dialog, hospital, tmp_path):
    dialog.choose_backup_file = lambda suggested: str(tmp_path / "maintenant")
    with qtbot.waitSignal(dialog.backup_written, timeout=WAIT_MS) as written:
        qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    path = tmp_path / "maintenant.zip"
    assert written.args == [str(path)]
    assert dialog.status_label.text().startswith(f"Sauvegarde écrite : {path}")
    assert dialog.backup_button.isEnabled() and dialog.progress_bar.isHidden()
    manifest = read_manifest(path)
    assert manifest.row_counts["appointment"] == len(hospital.appointments)


def test_a_refused_backup_is_said_in_the_dialog(qtbot, dialog, tmp_path):
    dialog.backup_to(tmp_path / "absent" / "b.zip")
    qtbot.waitUntil(lambda: "n'existe pas" in dialog.status_label.text(), timeout=WAIT_MS)
    assert dialog.backup_button.isEnabled()


def test_the_schedule_is_saved_and_its_folder_listed(
    qtbot, qtmodeltester, window, dialog, hospital, tmp_path
):
    folder = tmp_path / "auto"
    dialog.choose_folder = lambda start: str(folder)
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert dialog.folder_edit.text() == str(folder)
    dialog.interval_spin.setValue(12)
    dialog.keep_spin.setValue(4)
    qtbot.mouseClick(dialog.save_schedule_button, Qt.MouseButton.LeftButton)
    assert hospital.services.backup.schedule() == BackupSchedule(str(folder), 12, 4)
    assert "enregistré" in dialog.status_label.text()
    assert "la première est due" in dialog.schedule_label.text()

    # The window's scheduler notices the backup is due and writes it off the GUI thread.
    scheduler = window.backups.scheduler
    with qtbot.waitSignal(scheduler.backup_written, timeout=WAIT_MS) as written:
        scheduler.check()
    assert written.args == [str(folder / "creneau-20270315-090000.zip")]
    assert "creneau-20270315-090000.zip" in window.statusBar().currentMessage()

    dialog.refresh_list()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=WAIT_MS)
    model = dialog.model
    assert model.index(0, COL_FILE).data() == "creneau-20270315-090000.zip"
    assert model.index(0, COL_APPOINTMENTS).data() == str(len(hospital.appointments))
    assert model.index(0, COL_STATE).data() == "lisible"
    assert model.index(0, 0).data(PATH_ROLE) == written.args[0]
    assert dialog.list_label.text() == "1 sauvegarde dans ce dossier."
    qtmodeltester.check(model, force_py=True)


def test_a_bad_schedule_changes_nothing(qtbot, dialog, hospital):
    dialog.folder_edit.setText("")
    dialog.interval_spin.setValue(6)
    qtbot.mouseClick(dialog.save_schedule_button, Qt.MouseButton.LeftButton)
    assert "Choisissez le dossier" in dialog.status_label.text()
    assert hospital.services.backup.schedule() == BackupSchedule()


def test_an_unreadable_archive_is_listed_with_its_reason(qtbot, dialog, tmp_path):
    (tmp_path / "abimee.zip").write_bytes(b"PK\x03\x04 pas fini")
    dialog.folder_edit.setText(str(tmp_path))
    dialog.refresh_list()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=WAIT_MS)
    index = dialog.model.index(0, COL_STATE)
    assert index.data() == "illisible"
    assert "n'est pas une archive de sauvegarde lisible" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_a_failing_scheduled_backup_is_said_in_the_message_bar(qtbot, window, hospital, tmp_path):
    blocker = tmp_path / "un-fichier"
    blocker.write_text("pas un dossier")
    hospital.services.backup.set_schedule(ADMIN, BackupSchedule(str(blocker / "sous"), 24, 3))
    scheduler = window.backups.scheduler
    with qtbot.waitSignal(scheduler.backup_failed, timeout=WAIT_MS):
        scheduler.check()
    assert "La sauvegarde programmée a échoué" in window.message_bar.plain_text()


def test_a_secretary_is_not_offered_the_backup_screen(qtbot, hospital):
    win = _window(qtbot, hospital, SECRETARY)
    assert not win.backups.action.isEnabled()
    assert win.backups.open_dialog() is None
    assert "sauvegarder ou restaurer la base" in win.message_bar.plain_text()
