"""Entering an absence: the appointments it hits, their replacements, rebooking, the call list."""

from __future__ import annotations

from datetime import datetime

import pytest

from desktop.domain.model import Status
from desktop.ui.main_window import MainWindow
from tests.fakes import SECRETARY
from tests.ui.scenes import MONDAY, PARIS, ids_of


@pytest.fixture
def window(qtbot, hospital) -> MainWindow:
    win = MainWindow(hospital.services, day=MONDAY, actor=SECRETARY)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


def _morning_absence_of_dupont(qtbot, window):
    dialog = window.workspace.open_absence_dialog()
    qtbot.waitExposed(dialog)
    dialog.practitioner_combo.setCurrentIndex(dialog.practitioner_combo.findText("Dr Marie Dupont"))
    dialog.set_period(datetime(2027, 3, 15, 10, 15), datetime(2027, 3, 15, 12, 30))
    dialog.reason_edit.setText("Réunion de service")
    return dialog


def _cells(dialog, column):
    return [dialog.table.item(r, column).text() for r in range(dialog.table.rowCount())]


def test_the_impact_lists_hit_appointments_with_replacements(qtbot, window, hospital):
    dialog = _morning_absence_of_dupont(qtbot, window)
    assert dialog.windowTitle() == "Absence d'un praticien"
    assert dialog.preview()
    assert _cells(dialog, 0) == ["lun. 15/03 10:30", "lun. 15/03 11:00", "lun. 15/03 11:00"]
    assert _cells(dialog, 1) == [
        "BERNARD Lucie",
        "MOREAU Élodie (née GARNIER)",
        "ROUX Gabriel",
    ]
    # Dupont first, after the absence: his Monday afternoon; no two proposals share a time.
    replacements = _cells(dialog, 3)
    assert all(r.startswith("lun. 15/03 1") and "Dr Marie Dupont" in r for r in replacements)
    assert len(set(replacements)) == 3
    assert dialog.summary_label.text() == "3 rendez-vous touchés par cette absence."
    # Nothing is written by a preview.
    assert (
        hospital.services.absences.absences(
            [ids_of(hospital.services).practitioners["DUPONT"]], *dialog.period()[1:]
        )
        == []
    )
    calls = [dialog.call_list.item(i).text() for i in range(dialog.call_list.count())]
    assert calls[0].startswith("BERNARD Lucie — 06 12 34 56 78\nrendez-vous du lun. 15/03 10:30")
    assert "ROUX Gabriel — pas de téléphone" in calls[2]


def test_save_then_rebook_one_then_all(qtbot, window, hospital):
    services, booked = hospital.services, hospital.appointments
    dialog = _morning_absence_of_dupont(qtbot, window)
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        assert dialog.save()
    assert dialog.absence is not None and dialog.absence.reason == "Réunion de service"
    assert not dialog.save_button.isEnabled()
    assert dialog.table.rowCount() == 3
    first = dialog.items[0]
    target = first.replacement

    # One by one: the first row's button.
    dialog.table.cellWidget(0, 4).click()
    moved = services.booking.appointment(booked["dupont-1030"].id)
    assert moved.start == target.start and moved.practitioner_id == target.practitioner_id
    assert dialog.table.rowCount() == 2
    assert "BERNARD Lucie : rendez-vous replanifié" in window.message_bar.plain_text()

    # The rest in one go.
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        assert dialog.rebook_all() == 2
    assert dialog.table.rowCount() == 0
    assert dialog.summary_label.text().startswith("2 rendez-vous replanifiés.")
    assert [dialog.call_list.item(i).text() for i in range(dialog.call_list.count())] == [
        "Personne à appeler."
    ]
    for key in ("dupont-1030", "dupont-1100", "dupont-1100-overbooked"):
        a = services.booking.appointment(booked[key].id)
        assert a.status is Status.BOOKED
        assert a.start.astimezone(PARIS).hour >= 14
    # The window shows the new truth: the morning is empty, the afternoon holds them.
    rows = window.table_model.rows()
    assert all(e.start.hour >= 14 for e in rows if e.practitioner_name == "Dr Marie Dupont")


def test_a_refused_absence_is_said_in_the_dialog(qtbot, window):
    dialog = window.workspace.open_absence_dialog()
    dialog.set_period(datetime(2027, 3, 15, 12, 0), datetime(2027, 3, 15, 10, 0))
    assert dialog.save() is False
    assert dialog.error_label.isVisible()
    assert "doit être après son début" in dialog.error_label.text()
    assert dialog.save_button.isEnabled()


def test_the_action_has_its_shortcut_and_menu(window):
    action = window.workspace.absence_action
    assert action.shortcut().toString() == "Ctrl+Shift+A"
    assert action in window.workspace.menu.actions()
    assert action.isEnabled()
