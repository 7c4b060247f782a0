"""The appointment and patient panel: identity, phones, appointments, no-shows, notes, history."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt

from desktop.domain.model import Status
from desktop.services.clock import FixedClock
from desktop.services.container import Services
from desktop.ui.main_window import MainWindow
from desktop.ui.views.appointment_panel import AppointmentPanel
from tests.conftest import TEST_NOW
from tests.fakes import ADMIN
from tests.ui.scenes import MONDAY, PARIS, book


def _items(view) -> list[str]:
    return [view.item(i).text() for i in range(view.count())]


def _window(qtbot, services) -> MainWindow:
    win = MainWindow(services, day=MONDAY, actor=ADMIN)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


def _select(win: MainWindow, appointment_id: int) -> None:
    win.table_view.selectRow(win.table_model.row_of(appointment_id))


def test_the_panel_follows_the_selection(qtbot, hospital):
    services, booked = hospital.services, hospital.appointments
    win = _window(qtbot, services)
    workspace = win.workspace
    assert workspace.panel_dock.isHidden()
    workspace.panel_action.trigger()  # F3
    assert workspace.panel_dock.isVisible()
    panel = workspace.panel
    assert panel.appointment is None
    assert panel.empty_label.isVisible()

    _select(win, booked["dupont-1030"].id)
    assert panel.appointment.id == booked["dupont-1030"].id
    assert panel.name_label.text() == "BERNARD Lucie"
    assert panel.birth_label.text() == "12/04/1958"
    assert panel.phones_label.text() == "06 12 34 56 78 (portable)"
    assert "10:30" in panel.appointment_label.text()
    assert "Première consultation de cardiologie" in panel.appointment_label.text()
    assert _items(panel.history_list) == ["15/03/2027 10:00 — Rendez-vous pris (admin-test)"]

    # A click on the planning: the grid selects, then says so.
    win.grid.select(booked["martin-1115"].id)
    win.grid.appointment_clicked.emit(booked["martin-1115"].id)
    assert panel.name_label.text() == "NGUYỄN Thị Mai"
    # Her other appointment, the next Monday with Dr Dupont, is in the future list.
    future = _items(panel.future_list)
    assert len(future) == 2
    assert future[0].startswith("▶ 15/03/2027 11:15")
    assert future[1].startswith("22/03/2027 09:00")
    assert panel.phones_label.text() == "aucun numéro"
    assert panel.no_shows_label.text() == "Absences non excusées sur 12 mois : aucune"


def test_no_shows_past_appointments_and_history_in_local_time(qtbot, sqlite_url):
    from tests.ui.scenes import patient, richer_hospital

    early = datetime(2027, 3, 8, 8, 0, tzinfo=PARIS)
    services = richer_hospital(sqlite_url, early)
    faure = patient(services, "Faure", "Michel", "1962-07-21", phones=("01 42 34 56 78",))
    missed = book(services, "DUPONT", "CARDIO-SUIVI", faure, MONDAY.replace(day=8), "09:45")
    today = book(services, "DUPONT", "CARDIO-SUIVI", faure, MONDAY, "11:00")
    assert isinstance(services.clock, FixedClock)
    services.clock.instant = datetime(2027, 3, 8, 11, 0, tzinfo=PARIS)
    services.booking.set_status(ADMIN, missed.id, missed.version, Status.NO_SHOW)
    services.clock.instant = TEST_NOW
    try:
        win = _window(qtbot, services)
        win.workspace.show_panel()
        _select(win, today.id)
        panel = win.workspace.panel
        assert panel.phones_label.text() == "01 42 34 56 78 (fixe)"
        assert panel.no_shows_label.text() == "Absences non excusées sur 12 mois : 1"
        past = _items(panel.past_list)
        assert len(past) == 1 and past[0].startswith("08/03/2027 09:45")
        assert past[0].startswith("08/03/2027 09:45 · Absent (lapin)\nConsultation de suivi")
        # Booked at 08:00 Paris time (07:00 UTC): the history says the local time.
        assert _items(panel.history_list) == ["08/03/2027 08:00 — Rendez-vous pris (admin-test)"]
    finally:
        services.db.dispose()


def test_notes_are_saved_with_the_version_and_kept_while_typed(qtbot, hospital):
    services, booked = hospital.services, hospital.appointments
    win = _window(qtbot, services)
    win.workspace.show_panel()
    panel = win.workspace.panel
    target = booked["dupont-1100"]
    _select(win, target.id)
    assert not panel.save_notes_button.isEnabled()

    panel.notes_edit.setFocus()
    qtbot.keyClicks(panel.notes_edit, "Vient avec sa fille")
    assert panel.save_notes_button.isEnabled()
    win.reload()  # a refresh (live or after a change) keeps what is being typed
    assert panel.notes_edit.toPlainText() == "Vient avec sa fille"

    qtbot.mouseClick(panel.save_notes_button, Qt.MouseButton.LeftButton)
    assert services.booking.appointment(target.id).notes == "Vient avec sa fille"
    assert not panel.save_notes_button.isEnabled()
    assert _items(panel.history_list)[-1].split(" — ")[1] == "Note modifiée (admin-test)"
    assert "Note du rendez-vous enregistrée" in win.message_bar.text()

    # Changed meanwhile on another workstation: the save is refused, the typed text stays.
    other = Services.open(services.db.url, FixedClock(TEST_NOW))
    try:
        saved = other.booking.appointment(target.id)
        other.booking.set_notes(ADMIN, target.id, saved.version, "Autre poste")
    finally:
        other.db.dispose()
    panel.notes_edit.setPlainText("Ma version")
    panel.notes_edit.document().setModified(True)
    assert panel.save_notes() is False
    assert win.message_bar.level == "error"
    assert panel.notes_edit.toPlainText() == "Ma version"
    assert services.booking.appointment(target.id).notes == "Autre poste"


def test_panel_alone_renders_in_french(qtbot, hospital, tmp_path):
    panel = AppointmentPanel(hospital.services, lambda: ADMIN)
    qtbot.addWidget(panel)
    panel.resize(380, 760)
    panel.show_appointment(hospital.appointments["dupont-1100"].id)
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.name_label.text() == "MOREAU Élodie (née GARNIER)"
    assert panel.grab().save(str(tmp_path / "panel.png"))
