"""Forcing a refused move as an overbooking: a confirmation with a required reason, only for the
roles allowed to; the others are told why not. Real SQLite database, real mouse events.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, Qt

from desktop.domain import permissions
from desktop.domain.model import Actor, Role, Status
from desktop.ui.actions import NO_RIGHT_TO_FORCE
from desktop.ui.main_window import MainWindow
from desktop.ui.message_bar import Level
from desktop.ui.views.agenda_panes import PAGE_PLANNING
from tests.fakes import PHYSICIAN, SECRETARY

PARIS = ZoneInfo("Europe/Paris")


def open_window(qtbot, hospital, actor: Actor) -> MainWindow:
    if actor is PHYSICIAN:  # Dr Dupont herself: a physician sees only her own agenda
        dupont = next(p for p in hospital.services.agenda.practitioners() if p.code == "DUPONT")
        actor = Actor("dr-dupont", Role.PHYSICIAN, "poste", practitioner_id=dupont.id)
    window = MainWindow(hospital.services, actor=actor)
    qtbot.addWidget(window)
    window.show_page(PAGE_PLANNING)
    window.resize(1400, 900)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    return window


def drop_on(qtbot, window: MainWindow, appointment_id: int, minutes: int, columns: int = 0):
    """Drag the block ``minutes`` later and ``columns`` to the right, and drop it."""
    grid = window.grid
    start = grid.viewport_point(grid.block_of(appointment_id).rect.center())
    end = start + QPoint(
        round(columns * grid.column_width()), round(minutes * grid.HOUR_HEIGHT / 60)
    )
    viewport = grid.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for i in range(1, 7):
        qtbot.mouseMove(viewport, start + (end - start) * i / 6)
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)


@pytest.fixture
def without_overbooking(monkeypatch):
    """The physician's role without the overbooking right (every shipped role has it)."""
    monkeypatch.setitem(
        permissions.MATRIX,
        Role.PHYSICIAN,
        permissions.MATRIX[Role.PHYSICIAN] - {permissions.Action.OVERBOOK},
    )


def test_an_allowed_role_forces_a_conflicting_drop_with_a_reason(qtbot, hospital):
    window = open_window(qtbot, hospital, SECRETARY)
    appointment = hospital.appointments["dupont-1030"]
    drop_on(qtbot, window, appointment.id, 30)  # onto the two 11:00 appointments
    dialog = window.appointment_actions.dialog
    assert dialog is not None and dialog.windowTitle() == "Forcer en surbooking ?"
    assert window.message_bar.level is Level.WARNING
    assert "chevauche un autre rendez-vous" in window.message_bar.plain_text()
    assert hospital.services.booking.appointment(appointment.id) == appointment
    # The reason is required: the button waits for it, Enter on an empty field does nothing.
    assert not dialog.force_button.isEnabled()
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.reason_edit, "   ")
    assert not dialog.force_button.isEnabled()
    qtbot.keyClicks(dialog.reason_edit, "Patient fragile, vu avant midi")
    assert dialog.force_button.isEnabled()
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    moved = hospital.services.booking.appointment(appointment.id)
    assert moved.start.astimezone(PARIS) == datetime(2027, 3, 15, 11, 0, tzinfo=PARIS)
    assert moved.overbooked
    assert moved.overbooking_reason == "Patient fragile, vu avant midi"
    assert window.grid.block_of(appointment.id).overbooked
    assert window.message_bar.level is Level.SUCCESS
    assert window.message_bar.plain_text().endswith("à 11:00 (surbooking).")


def test_declining_to_force_changes_nothing(qtbot, hospital):
    window = open_window(qtbot, hospital, PHYSICIAN)
    appointment = hospital.appointments["dupont-1030"]
    drop_on(qtbot, window, appointment.id, 30)
    dialog = window.appointment_actions.dialog
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    assert window.appointment_actions.dialog is None
    assert hospital.services.booking.appointment(appointment.id) == appointment
    assert window.message_bar.plain_text() == (
        "Rien n'a été changé : le rendez-vous reste à sa place."
    )
    assert window.grid.block_of(appointment.id).time_range == "10:30 – 11:00"


def test_a_role_without_the_right_is_told_and_nothing_changes(qtbot, hospital, without_overbooking):
    window = open_window(qtbot, hospital, PHYSICIAN)
    appointment = hospital.appointments["dupont-1030"]
    drop_on(qtbot, window, appointment.id, 30)
    assert window.appointment_actions.dialog is None
    assert hospital.services.booking.appointment(appointment.id) == appointment
    assert window.message_bar.level is Level.ERROR
    assert window.message_bar.plain_text() == (
        "Le 15/03/2027 à 11:00 chevauche un autre rendez-vous (11:00–11:15). " + NO_RIGHT_TO_FORCE
    )


def test_outside_the_openings_through_the_move_dialog(qtbot, hospital, without_overbooking):
    """12:45 is between Dr Dupont's morning and afternoon openings."""
    window = open_window(qtbot, hospital, PHYSICIAN)
    appointment = hospital.appointments["dupont-1030"]
    window.grid.select(appointment.id)
    dialog = window.appointment_actions.open_move_dialog()
    dialog.time_edit.setTime(dialog.time_edit.time().fromString("12:45", "HH:mm"))
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        qtbot.mouseClick(dialog.move_button, Qt.MouseButton.LeftButton)
    assert window.appointment_actions.dialog is None
    assert window.message_bar.plain_text() == (
        "Le 15/03/2027 à 12:45 est en dehors des plages horaires du praticien pour ce motif. "
        + NO_RIGHT_TO_FORCE
    )
    assert hospital.services.booking.appointment(appointment.id) == appointment


def test_outside_the_openings_forced_by_an_allowed_role_through_the_move_dialog(qtbot, hospital):
    window = open_window(qtbot, hospital, SECRETARY)
    appointment = hospital.appointments["dupont-1030"]
    window.grid.select(appointment.id)
    move = window.appointment_actions.open_move_dialog()
    move.time_edit.setTime(move.time_edit.time().fromString("12:45", "HH:mm"))
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        qtbot.mouseClick(move.move_button, Qt.MouseButton.LeftButton)
    force = window.appointment_actions.dialog
    assert force is not None and force.objectName() == "overbookDialog"
    qtbot.keyClicks(force.reason_edit, "Seul moment possible pour le patient")
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        qtbot.mouseClick(force.force_button, Qt.MouseButton.LeftButton)
    moved = hospital.services.booking.appointment(appointment.id)
    assert moved.start.astimezone(PARIS).strftime("%H:%M") == "12:45"
    assert moved.overbooked


def test_a_change_made_while_the_dialog_was_open_wins(qtbot, hospital):
    window = open_window(qtbot, hospital, SECRETARY)
    appointment = hospital.appointments["dupont-1030"]
    drop_on(qtbot, window, appointment.id, 30)
    dialog = window.appointment_actions.dialog
    colleague = Actor(  # the appointment's own physician, at her desk
        "dr.dupont", Role.PHYSICIAN, "poste-consult-3", practitioner_id=appointment.practitioner_id
    )
    hospital.services.booking.set_status(
        colleague, appointment.id, appointment.version, Status.ARRIVED
    )
    qtbot.keyClicks(dialog.reason_edit, "Urgence")
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        qtbot.mouseClick(dialog.force_button, Qt.MouseButton.LeftButton)
    now = hospital.services.booking.appointment(appointment.id)
    assert now.start == appointment.start and not now.overbooked
    assert "modifié entre-temps par dr.dupont" in window.message_bar.plain_text()
    assert window.grid.block_of(appointment.id).status == "Arrivé"
