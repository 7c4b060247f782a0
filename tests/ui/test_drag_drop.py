"""Moving appointments by drag and drop on the planning, driven with real mouse events.

The grid handles press / move / release itself (no ``QDrag``), so these are the events a user's
mouse sends. The database is a real SQLite file; "now" is Monday 10:00 in Paris.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, Qt

from desktop.domain.model import Actor, Role, Status
from desktop.ui.main_window import MainWindow
from desktop.ui.message_bar import Level
from desktop.ui.views.agenda_grid import AgendaGrid
from tests.fakes import SECRETARY

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def secretary_window(qtbot, hospital) -> MainWindow:
    window = MainWindow(hospital.services, actor=SECRETARY)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)  # shortcuts reach the active window
    return window


def local(moment: datetime) -> datetime:
    return moment.astimezone(PARIS)


def block_point(grid: AgendaGrid, appointment_id: int) -> QPoint:
    block = grid.block_of(appointment_id)
    assert block is not None, "the appointment is not on the planning"
    return grid.viewport_point(block.rect.center())


def drag(qtbot, grid: AgendaGrid, start: QPoint, end: QPoint, *, release: bool = True) -> None:
    """Press on ``start``, move in steps to ``end`` (viewport points), release there."""
    viewport = grid.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for i in range(1, 9):
        qtbot.mouseMove(viewport, start + (end - start) * i / 8)
    if release:
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)


def minutes_down(grid: AgendaGrid, minutes: int) -> QPoint:
    return QPoint(0, round(minutes * grid.HOUR_HEIGHT / 60))


def test_dragging_a_block_down_its_column_moves_it_later(qtbot, secretary_window, hospital):
    window, grid = secretary_window, secretary_window.grid
    appointment = hospital.appointments["dupont-1030"]
    start = block_point(grid, appointment.id)
    drag(qtbot, grid, start, start + minutes_down(grid, 90), release=False)
    target = grid.drag_target
    assert (target.column, target.minute, target.duration_min) == (0, 12 * 60, 30)
    assert grid.dragged_id == appointment.id
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        qtbot.mouseRelease(
            grid.viewport(), Qt.MouseButton.LeftButton, pos=start + minutes_down(grid, 90)
        )
    moved = hospital.services.booking.appointment(appointment.id)
    assert local(moved.start) == datetime(2027, 3, 15, 12, 0, tzinfo=PARIS)
    assert moved.end - moved.start == timedelta(minutes=30)
    assert moved.version == appointment.version + 1
    assert not moved.overbooked
    assert grid.drag_target is None
    block = grid.block_of(appointment.id)
    assert block.time_range == "12:00 – 12:30"
    assert grid.selected_id == appointment.id
    assert window.message_bar.level is Level.SUCCESS
    assert window.message_bar.plain_text() == (
        "BERNARD Lucie : rendez-vous déplacé au lundi 15 mars 2027 à 12:00."
    )


def test_dragging_to_another_practitioner_column(qtbot, secretary_window, hospital):
    window, grid = secretary_window, secretary_window.grid
    appointment = hospital.appointments["dupont-1030"]
    start = block_point(grid, appointment.id)
    end = start + QPoint(round(grid.column_width()), 0)
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        drag(qtbot, grid, start, end)
    moved = hospital.services.booking.appointment(appointment.id)
    martin = window.practitioners[1]
    assert moved.practitioner_id == martin.id
    assert local(moved.start) == datetime(2027, 3, 15, 10, 30, tzinfo=PARIS)
    assert grid.block_of(appointment.id).column == 1
    assert window.message_bar.plain_text().endswith("à 10:30 avec Dr Paul Martin.")


def test_the_drop_snaps_to_five_minutes_outside_known_openings(qtbot, secretary_window, hospital):
    grid = secretary_window.grid
    appointment = hospital.appointments["dupont-1030"]
    start = block_point(grid, appointment.id)
    drag(qtbot, grid, start, start + minutes_down(grid, 67), release=False)
    assert grid.drag_target.minute == 10 * 60 + 30 + 65
    qtbot.keyClick(grid, Qt.Key.Key_Escape)
    assert grid.drag_target is None


def test_escape_cancels_the_drag_and_nothing_changes(qtbot, secretary_window, hospital):
    grid = secretary_window.grid
    appointment = hospital.appointments["dupont-1030"]
    start = block_point(grid, appointment.id)
    end = start + minutes_down(grid, 90)
    drag(qtbot, grid, start, end, release=False)
    assert grid.drag_target is not None
    qtbot.keyClick(grid, Qt.Key.Key_Escape)
    assert grid.drag_target is None
    with qtbot.assertNotEmitted(grid.move_requested):
        qtbot.mouseRelease(grid.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert hospital.services.booking.appointment(appointment.id) == appointment


def test_a_click_without_moving_only_selects(qtbot, secretary_window, hospital):
    grid = secretary_window.grid
    appointment = hospital.appointments["martin-1115"]
    with qtbot.assertNotEmitted(grid.move_requested):
        qtbot.mouseClick(
            grid.viewport(), Qt.MouseButton.LeftButton, pos=block_point(grid, appointment.id)
        )
    assert grid.selected_id == appointment.id
    assert hospital.services.booking.appointment(appointment.id) == appointment


def test_a_read_only_window_does_not_drag(qtbot, window, hospital):
    grid = window.grid
    assert not grid.movable
    start = block_point(grid, hospital.appointments["dupont-1030"].id)
    with qtbot.assertNotEmitted(grid.move_requested):
        drag(qtbot, grid, start, start + minutes_down(grid, 90))
    assert window.appointment_actions.move_action.isEnabled() is False


def test_a_drop_on_another_appointment_is_refused_in_french_and_nothing_changes(
    qtbot, secretary_window, hospital, monkeypatch
):
    """A role without the overbooking right: the refusal says so; the view is read again."""
    from desktop.domain import permissions

    monkeypatch.setitem(
        permissions.MATRIX,
        Role.SECRETARY,
        permissions.MATRIX[Role.SECRETARY] - {permissions.Action.OVERBOOK},
    )
    window, grid = secretary_window, secretary_window.grid
    appointment = hospital.appointments["dupont-1030"]
    martin = hospital.appointments["martin-1115"]
    start = block_point(grid, appointment.id)
    end = start + QPoint(round(grid.column_width()), 0) + minutes_down(grid, 45)
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        drag(qtbot, grid, start, end)
    assert hospital.services.booking.appointment(appointment.id) == appointment
    assert hospital.services.booking.appointment(martin.id) == martin
    assert window.appointment_actions.dialog is None
    assert window.message_bar.level is Level.ERROR
    assert window.message_bar.plain_text() == (
        "Le 15/03/2027 à 11:15 chevauche un autre rendez-vous (11:15–12:00). "
        "Votre rôle ne permet pas de forcer un rendez-vous (surbooking)."
    )
    assert window.message_bar.title == "Refusé"
    assert grid.block_of(appointment.id).column == 0
    assert grid.selected_id == appointment.id


def test_a_drop_in_the_past_is_refused(qtbot, secretary_window, hospital):
    window, grid = secretary_window, secretary_window.grid
    appointment = hospital.appointments["dupont-1030"]
    start = block_point(grid, appointment.id)
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        drag(qtbot, grid, start, start - minutes_down(grid, 60))
    assert window.message_bar.plain_text() == "Le 15/03/2027 à 09:30 est déjà passé."
    assert window.appointment_actions.dialog is None
    assert hospital.services.booking.appointment(appointment.id) == appointment


def test_a_stale_drop_names_who_changed_the_appointment(qtbot, secretary_window, hospital):
    window, grid = secretary_window, secretary_window.grid
    appointment = hospital.appointments["dupont-1030"]
    colleague = Actor(
        "dr.dupont", Role.PHYSICIAN, "poste-consult-2", practitioner_id=appointment.practitioner_id
    )
    hospital.services.booking.set_status(
        colleague, appointment.id, appointment.version, Status.ARRIVED
    )
    start = block_point(grid, appointment.id)
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        drag(qtbot, grid, start, start + minutes_down(grid, 90))
    now = hospital.services.booking.appointment(appointment.id)
    assert now.start == appointment.start and now.status is Status.ARRIVED
    text = window.message_bar.plain_text()
    assert text.startswith("Ce rendez-vous a été modifié entre-temps par dr.dupont le 15/03/2027")
    assert "rien n'a été enregistré" in text
    assert window.message_bar.level is Level.WARNING
    # The view now shows the current truth: the status the colleague gave.
    assert grid.block_of(appointment.id).status == "Arrivé"


def test_week_view_drag_to_another_day_offers_an_overbooking(qtbot, secretary_window, hospital):
    """Tuesday has no opening: the move is refused, the secretary forces it with a reason."""
    window, grid = secretary_window, secretary_window.grid
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        window.set_view("week")
    appointment = hospital.appointments["dupont-1030"]
    assert grid.block_of(appointment.id).column == 0
    start = block_point(grid, appointment.id)
    drag(qtbot, grid, start, start + QPoint(round(grid.column_width()), 0))
    dialog = window.appointment_actions.dialog
    assert dialog is not None and dialog.objectName() == "overbookDialog"
    assert "en dehors des plages horaires" in window.message_bar.plain_text()
    assert hospital.services.booking.appointment(appointment.id) == appointment
    qtbot.keyClicks(dialog.reason_edit, "Demande du Dr Dupont")
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        qtbot.mouseClick(dialog.force_button, Qt.MouseButton.LeftButton)
    moved = hospital.services.booking.appointment(appointment.id)
    assert local(moved.start) == datetime(2027, 3, 16, 10, 30, tzinfo=PARIS)
    assert moved.overbooked and moved.overbooking_reason == "Demande du Dr Dupont"
    assert grid.block_of(appointment.id).column == 1
    assert window.message_bar.plain_text() == (
        "BERNARD Lucie : rendez-vous déplacé au mardi 16 mars 2027 à 10:30 (surbooking)."
    )


def test_arrow_keys_move_the_selection_between_appointments(qtbot, secretary_window, hospital):
    grid = secretary_window.grid
    ids = {k: a.id for k, a in hospital.appointments.items()}
    grid.setFocus()
    grid.select(ids["dupont-1030"])
    with qtbot.waitSignal(grid.appointment_clicked, timeout=1000) as signal:
        qtbot.keyClick(grid, Qt.Key.Key_Down)
    assert signal.args == [ids["dupont-1100"]]
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    assert grid.selected_id == ids["dupont-1100-overbooked"]
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    assert grid.selected_id == ids["martin-1115"]
    qtbot.keyClick(grid, Qt.Key.Key_Right)  # no column further right: stays
    assert grid.selected_id == ids["martin-1115"]
    qtbot.keyClick(grid, Qt.Key.Key_Left)
    assert grid.selected_id in (ids["dupont-1100"], ids["dupont-1100-overbooked"])
    qtbot.keyClick(grid, Qt.Key.Key_Up)
    qtbot.keyClick(grid, Qt.Key.Key_Up)
    qtbot.keyClick(grid, Qt.Key.Key_Up)
    assert grid.selected_id == ids["dupont-1030"]
    # The list follows the planning's selection.
    row = secretary_window.table_view.currentIndex().row()
    assert secretary_window.table_model.rows()[row].id == ids["dupont-1030"]


def test_the_ghost_is_painted_during_the_drag(qtbot, secretary_window, hospital):
    grid = secretary_window.grid
    start = block_point(grid, hospital.appointments["dupont-1030"].id)
    drag(qtbot, grid, start, start + minutes_down(grid, 90), release=False)
    painted = grid.paint_count
    grid.viewport().repaint()
    assert grid.paint_count > painted
    assert grid.ghost_rect(grid.drag_target).top() == pytest.approx(grid.y_of(12 * 60) + 1)
    assert grid._ghost_lines(grid.drag_target) == ["12:00 – 12:30", "BERNARD Lucie"]
    qtbot.keyClick(grid, Qt.Key.Key_Escape)


def test_with_background_reads_the_newest_day_wins_and_a_drop_still_selects(
    qtbot, secretary_window, hospital
):
    """The running application reads the agenda on a worker thread (P13)."""
    window, grid = secretary_window, secretary_window.grid
    window.background_reads = True
    monday = window.day
    window.set_day(monday.replace(day=16))
    window.set_day(monday.replace(day=22))
    with qtbot.waitSignal(window.agenda_loaded, timeout=5000):
        window.set_day(monday)
    window._tasks.wait(5000)
    qtbot.waitUntil(lambda: window._tasks.pending() == 0, timeout=5000)
    assert window.day == monday
    assert {c.day for c in grid.content.columns} == {monday}
    appointment = hospital.appointments["dupont-1030"]
    start = block_point(grid, appointment.id)
    with qtbot.waitSignal(window.agenda_loaded, timeout=5000):
        drag(qtbot, grid, start, start + minutes_down(grid, 90))
    moved = hospital.services.booking.appointment(appointment.id)
    assert local(moved.start) == datetime(2027, 3, 15, 12, 0, tzinfo=PARIS)
    assert grid.block_of(appointment.id).time_range == "12:00 – 12:30"
    assert grid.selected_id == appointment.id
    row = window.table_view.currentIndex().row()
    assert window.table_model.rows()[row].id == appointment.id
