"""The « Rapports » menu: the preview dialog opens a real PDF (Qt's PDF viewer), prints it and
saves it; the build runs off the GUI thread with a progress bar after a second; the entries
follow the role; the CSV export writes its file."""

from __future__ import annotations

import csv
import io
import threading

import pytest
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QCheckBox

from desktop.domain.errors import InvalidInput
from desktop.domain.model import Actor, Role
from desktop.ui import reports as reports_ui
from desktop.ui.main_window import MainWindow
from desktop.ui.reports.preview import ReportPreviewDialog
from tests.fakes import ADMIN, PHYSICIAN, SECRETARY
from tests.reports.pdf_text import text
from tests.ui.scenes import MONDAY


def _window(qtbot, hospital, actor) -> MainWindow:
    win = MainWindow(hospital.services, day=MONDAY, actor=actor)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


def _wait_built(qtbot, dialog: ReportPreviewDialog) -> None:
    if dialog.pdf and not dialog.is_building():
        return
    with qtbot.waitSignal(dialog.built, timeout=20_000):
        pass


def test_the_menu_follows_the_role(qtbot, hospital):
    menus = {}
    for actor in (SECRETARY, PHYSICIAN, ADMIN):
        win = _window(qtbot, hospital, actor)
        menu = win.reports
        assert menu.menu.title() == "&Rapports"
        menus[actor.role] = {
            action.text(): action.isEnabled() for action in menu.menu.actions() if action.text()
        }
    assert menus[Role.SECRETARY]["Imprimer la &journée…"]
    assert menus[Role.SECRETARY]["Rapport d'&activité…"]
    assert not menus[Role.SECRETARY]["&Extrait des données du patient (RGPD)…"]
    assert menus[Role.PHYSICIAN]["Imprimer la &journée…"]
    assert not menus[Role.PHYSICIAN]["Rapport d'&activité…"]
    assert not menus[Role.PHYSICIAN]["Exporter les rendez-vous (&CSV)…"]
    assert all(menus[Role.ADMIN].values())


def test_the_day_sheet_preview_shows_prints_and_saves_a_real_pdf(qtbot, hospital, tmp_path):
    win = _window(qtbot, hospital, SECRETARY)
    win.grid.select(hospital.appointments["martin-1115"].id)
    dialog = win.reports.open_day_sheet()
    qtbot.waitExposed(dialog)
    _wait_built(qtbot, dialog)
    assert dialog.document.status() == QPdfDocument.Status.Ready
    assert dialog.document.pageCount() == 1
    assert dialog.status_label.text() == "1 page"
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    page = text(dialog.pdf)
    assert "Dr Paul Martin" in page and "NGUYỄN Thị Mai" in page  # the selected one's practitioner
    assert "BERNARD" not in page  # Dupont's patient

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert dialog.print_to(printer) == 1
    assert printed.read_bytes().startswith(b"%PDF")

    saved = tmp_path / "journee.pdf"
    assert dialog.save_to(saved) and saved.read_bytes() == dialog.pdf
    assert str(saved) in dialog.status_label.text()
    assert not dialog.save_to(tmp_path / "absent" / "x.pdf")
    assert "Enregistrement impossible" in dialog.status_label.text()

    dialog.findChild(QCheckBox, "reportMinimal").toggle()
    _wait_built(qtbot, dialog)
    minimal = text(dialog.pdf)
    assert "N. T. — 1975" in minimal and "Nguyễn" not in minimal
    dialog.close()


def test_a_slow_build_shows_progress_after_a_second_then_the_pdf(qtbot, hospital):
    win = _window(qtbot, hospital, SECRETARY)
    release = threading.Event()
    services = hospital.services
    dupont = hospital.appointments["dupont-1030"].practitioner_id

    def slow() -> bytes:
        release.wait(10)
        return services.reports.day_sheet(SECRETARY, dupont, MONDAY)

    dialog = ReportPreviewDialog("Essai", slow, "essai.pdf", win)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.rebuild()
    assert not dialog.progress.isVisible()  # not at once: most reports take less than a second
    assert not dialog.print_button.isEnabled()
    qtbot.waitUntil(dialog.progress.isVisible, timeout=3000)
    with qtbot.waitSignal(dialog.built, timeout=20_000):
        release.set()
    assert not dialog.progress.isVisible()
    assert "BERNARD Lucie" in text(dialog.pdf)


def test_a_refused_build_is_said_in_french(qtbot, hospital):
    win = _window(qtbot, hospital, SECRETARY)

    def refused() -> bytes:
        raise InvalidInput("Rien à imprimer ce jour-là.")

    dialog = ReportPreviewDialog("Essai", refused, "x.pdf", win)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=10_000) as signal:
        dialog.rebuild()
    assert signal.args == ["Rien à imprimer ce jour-là."]
    assert dialog.status_label.text() == "Rien à imprimer ce jour-là."
    assert not dialog.save_button.isEnabled()


def test_activity_department_list_and_letter_previews(qtbot, hospital):
    win = _window(qtbot, hospital, ADMIN)
    activity = win.reports.open_activity()
    _wait_built(qtbot, activity)
    assert "Rapport d'activité" in text(activity.pdf)
    activity.close()
    department = win.reports.open_department_day()
    _wait_built(qtbot, department)
    assert "Liste du service" in text(department.pdf)
    department.close()
    assert win.reports.open_confirmation() is None  # nothing selected: said, nothing opened
    win.grid.select(hospital.appointments["dupont-1030"].id)
    letter = win.reports.open_confirmation()
    _wait_built(qtbot, letter)
    assert "Madame" in text(letter.pdf) or "BERNARD" in text(letter.pdf).upper()
    letter.close()


def test_the_csv_export_writes_the_chosen_file(qtbot, hospital, tmp_path, monkeypatch):
    win = _window(qtbot, hospital, SECRETARY)
    target = tmp_path / "rdv.csv"
    monkeypatch.setattr(reports_ui, "ask_save_path", lambda *args: str(target))
    dialog = win.reports.open_csv_export()
    qtbot.waitExposed(dialog)
    for check in dialog.column_checks.values():
        check.setChecked(False)
    dialog.buttons.accepted.emit()
    assert "au moins une colonne" in dialog.error_label.text() and dialog.isVisible()
    dialog.column_checks["family_name"].setChecked(True)
    dialog.column_checks["start"].setChecked(True)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(target.exists, timeout=10_000)
    qtbot.waitUntil(lambda: win.reports._tasks.pending() == 0, timeout=10_000)
    rows = list(csv.reader(io.StringIO(target.read_text("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == ["Début", "Nom"]
    assert ["11:15", "Nguyễn"] in rows


@pytest.mark.parametrize("method", ["open_day_sheet", "open_csv_export", "open_activity"])
def test_without_anyone_signed_in_nothing_opens(qtbot, hospital, method):
    win = _window(qtbot, hospital, None)
    assert getattr(win.reports, method)() is None


def test_a_physician_prints_their_own_day_by_default(qtbot, hospital):
    dupont = hospital.appointments["dupont-1030"].practitioner_id
    own = Actor("dr-dupont", Role.PHYSICIAN, "poste", practitioner_id=dupont)
    win = _window(qtbot, hospital, own)
    assert win.reports.current_practitioner_id() == dupont
