"""Statuses, cancelling and the move dialog, from the keyboard and the context menus, on a real
database. "Now" is Monday 10:00 in Paris.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu

from desktop.domain.cancellation import CANCEL_REASONS
from desktop.domain.model import Actor, CancelOrigin, Role, Status
from desktop.services.container import Services
from desktop.services.uow import Database
from desktop.ui import shortcuts
from desktop.ui.dialogs.move_dialog import MoveDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.message_bar import Level
from desktop.ui.models.appointment_table import COL_STATUS
from desktop.ui.views.agenda_panes import PAGE_LIST
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


def click_block(qtbot, window: MainWindow, appointment_id: int, button=Qt.MouseButton.LeftButton):
    grid = window.grid
    point = grid.viewport_point(grid.block_of(appointment_id).rect.center())
    qtbot.mouseClick(grid.viewport(), button, pos=point)
    return point


def status_of(hospital, key: str) -> Status:
    return hospital.services.booking.appointment(hospital.appointments[key].id).status


def test_shortcuts_are_registered_once_in_the_sheet():
    keys = {s.keys: s.description for s in shortcuts.SHORTCUTS.entries() if s.action}
    assert keys["A"].endswith("patient arrivé")
    assert keys["V"].endswith("patient vu")
    assert keys["L"].endswith("absent (lapin)")
    assert keys["C"].endswith("confirmé")
    assert keys["Ctrl+M"].startswith("Déplacer")
    assert keys["Del"].startswith("Annuler")


@pytest.mark.parametrize(
    ("key", "status"),
    [
        (Qt.Key.Key_A, Status.ARRIVED),
        (Qt.Key.Key_V, Status.SEEN),
        (Qt.Key.Key_L, Status.NO_SHOW),
        (Qt.Key.Key_C, Status.CONFIRMED),
    ],
)
def test_a_shortcut_changes_the_status_of_the_selected_appointment(
    qtbot, secretary_window, hospital, key, status
):
    window = secretary_window
    appointment = hospital.appointments["dupont-1030"]
    click_block(qtbot, window, appointment.id)
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        qtbot.keyClick(window.grid, key)
    assert status_of(hospital, "dupont-1030") is status
    assert window.grid.block_of(appointment.id).status == status.label
    assert window.grid.selected_id == appointment.id
    assert window.message_bar.plain_text() == f"BERNARD Lucie : état « {status.label} »."
    assert window.appointment_actions.status_actions[status].isChecked()
    qtbot.keyClick(window.grid, key)  # again: nothing to save
    assert window.message_bar.plain_text() == f"BERNARD Lucie : déjà « {status.label} »."
    assert hospital.services.booking.appointment(appointment.id).version == 2


def test_back_to_booked_and_the_list_follows(qtbot, secretary_window, hospital):
    window = secretary_window
    appointment = hospital.appointments["dupont-1030"]
    click_block(qtbot, window, appointment.id)
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        qtbot.keyClick(window.grid, Qt.Key.Key_A)
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        qtbot.keyClick(window.grid, Qt.Key.Key_R)
    assert status_of(hospital, "dupont-1030") is Status.BOOKED
    row = window.table_model.row_of(appointment.id)
    assert window.table_model.index(row, COL_STATUS).data() == "Réservé"


def test_shortcuts_work_in_the_list_too(qtbot, secretary_window, hospital):
    window = secretary_window
    window.show_page(PAGE_LIST)
    table = window.table_view
    row = window.table_model.row_of(hospital.appointments["martin-1115"].id)
    table.setFocus()
    table.setCurrentIndex(window.table_model.index(row, 0))
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        qtbot.keyClick(table, Qt.Key.Key_C)
    assert status_of(hospital, "martin-1115") is Status.CONFIRMED


def test_a_status_refused_by_the_rules_is_said(qtbot, secretary_window, hospital):
    """Next Monday's appointment cannot be marked seen yet."""
    window = secretary_window
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        window.set_day(window.day.replace(day=22))
    appointment = hospital.appointments["dupont-next"]
    click_block(qtbot, window, appointment.id)
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        qtbot.keyClick(window.grid, Qt.Key.Key_V)
    assert window.message_bar.plain_text() == (
        "Ce rendez-vous n'a pas encore eu lieu : il ne peut être marqué « Vu »."
    )
    assert window.message_bar.title == "Refusé"
    assert status_of(hospital, "dupont-next") is Status.BOOKED


def test_the_context_menu_of_a_block(qtbot, secretary_window, hospital):
    window = secretary_window
    appointment = hospital.appointments["martin-1115"]
    grid = window.grid
    point = grid.viewport_point(grid.block_of(appointment.id).rect.center())
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, grid.viewport().mapToGlobal(point)
    )
    with qtbot.waitSignal(grid.menu_requested, timeout=1000):
        QApplication.sendEvent(grid.viewport(), event)
    menu = window.appointment_actions.menu
    assert isinstance(menu, QMenu) and menu.isVisible()
    texts = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    assert texts == [
        "Arrivé",
        "Vu",
        "Absent (lapin)",
        "Confirmé",
        "Revenir à « Réservé »",
        "Déplacer…",
        "Annuler le rendez-vous…",
    ]
    assert grid.selected_id == appointment.id
    seen = next(a for a in menu.actions() if a.text() == "&Vu")
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        seen.trigger()
    assert status_of(hospital, "martin-1115") is Status.SEEN


def test_the_context_menu_of_a_list_row(qtbot, secretary_window, hospital):
    window = secretary_window
    window.show_page(PAGE_LIST)
    table = window.table_view
    row = window.table_model.row_of(hospital.appointments["dupont-1100"].id)
    pos = table.visualRect(window.table_model.index(row, 1)).center()
    table.customContextMenuRequested.emit(pos)
    menu = window.appointment_actions.menu
    assert menu is not None and menu.isVisible()
    assert window.grid.selected_id == hospital.appointments["dupont-1100"].id
    arrived = window.appointment_actions.status_actions[Status.ARRIVED]
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        arrived.trigger()
    assert status_of(hospital, "dupont-1100") is Status.ARRIVED


def test_the_menu_key_opens_the_menu_of_the_selected_block(qtbot, secretary_window, hospital):
    window = secretary_window
    click_block(qtbot, window, hospital.appointments["dupont-1030"].id)
    with qtbot.waitSignal(window.grid.menu_requested, timeout=1000) as signal:
        qtbot.keyClick(window.grid, Qt.Key.Key_Menu)
    assert signal.args[0] == hospital.appointments["dupont-1030"].id


def test_nothing_selected_then_a_shortcut_does_nothing(qtbot, secretary_window, hospital):
    window = secretary_window
    assert window.grid.selected_id is None
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_A)
    assert window.message_bar.plain_text().startswith("Choisissez d'abord un rendez-vous")


# --- cancelling --------------------------------------------------------------------------------


def test_cancel_with_a_reason_from_the_list(qtbot, secretary_window, hospital):
    window = secretary_window
    appointment = hospital.appointments["dupont-1030"]
    click_block(qtbot, window, appointment.id)
    qtbot.keyClick(window.grid, Qt.Key.Key_Delete)
    dialog = window.appointment_actions.dialog
    assert dialog is not None and dialog.objectName() == "cancelDialog"
    assert dialog.windowTitle() == "Annuler le rendez-vous"
    assert [dialog.reason_list.item(i).text() for i in range(dialog.reason_list.count())] == list(
        CANCEL_REASONS
    )
    assert not dialog.confirm_button.isEnabled()  # a reason is required
    assert dialog.focusWidget() is dialog.reason_list
    qtbot.keyClick(dialog.reason_list, Qt.Key.Key_Down)  # from the first (current) reason
    assert dialog.reason() == "Empêchement du patient"
    assert dialog.patient_radio.isChecked() and not dialog.patient_radio.isEnabled()
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        qtbot.keyClick(dialog.reason_list, Qt.Key.Key_Return)
    cancelled = hospital.services.booking.appointment(appointment.id)
    assert cancelled.status is Status.CANCELLED
    assert cancelled.cancel_reason == "Empêchement du patient"
    assert cancelled.cancel_origin is CancelOrigin.PATIENT
    assert window.grid.block_of(appointment.id) is None
    assert window.message_bar.plain_text() == (
        "Rendez-vous de BERNARD Lucie du lundi 15 mars 2027 à 10:30 annulé."
    )


def test_cancel_with_a_typed_reason_and_who_asked(qtbot, secretary_window, hospital):
    window = secretary_window
    appointment = hospital.appointments["martin-1115"]
    click_block(qtbot, window, appointment.id)
    dialog = window.appointment_actions.open_cancel_dialog()
    dialog.reason_list.setCurrentRow(0)
    qtbot.keyClicks(dialog.other_edit, "Examen fait en ville")
    assert dialog.reason_list.currentItem() is None
    assert dialog.reason() == "Examen fait en ville"
    assert dialog.origin() is None  # the listed reason's origin is not kept for a typed one
    qtbot.mouseClick(dialog.hospital_radio, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    cancelled = hospital.services.booking.appointment(appointment.id)
    assert cancelled.status is Status.CANCELLED
    assert cancelled.cancel_reason == "Examen fait en ville"
    assert cancelled.cancel_origin is CancelOrigin.HOSPITAL


def test_closing_the_cancel_dialog_changes_nothing(qtbot, secretary_window, hospital):
    window = secretary_window
    appointment = hospital.appointments["martin-1115"]
    click_block(qtbot, window, appointment.id)
    dialog = window.appointment_actions.open_cancel_dialog()
    dialog.choose("Annulé par l'hôpital")
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    assert window.appointment_actions.dialog is None
    assert hospital.services.booking.appointment(appointment.id) == appointment


def test_cancelling_an_appointment_changed_meanwhile_names_who(qtbot, secretary_window, hospital):
    window = secretary_window
    appointment = hospital.appointments["martin-1115"]
    click_block(qtbot, window, appointment.id)
    other = Actor("secretaire-2", Role.SECRETARY, "poste-accueil-2")
    hospital.services.booking.set_status(other, appointment.id, None, Status.CONFIRMED)
    dialog = window.appointment_actions.open_cancel_dialog()
    dialog.choose("Erreur de saisie")
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        dialog.accept()
    assert "modifié entre-temps par secretaire-2" in window.message_bar.plain_text()
    now = hospital.services.booking.appointment(appointment.id)
    assert now.status is Status.CONFIRMED
    row = window.table_model.row_of(appointment.id)
    assert window.table_model.index(row, COL_STATUS).data() == "Confirmé"


# --- the move dialog ---------------------------------------------------------------------------


def test_the_move_dialog_proposes_free_slots_and_is_keyboard_usable(
    qtbot, secretary_window, hospital
):
    window = secretary_window
    appointment = hospital.appointments["dupont-1030"]
    click_block(qtbot, window, appointment.id)
    qtbot.keyClick(window.grid, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    dialog = window.appointment_actions.dialog
    assert isinstance(dialog, MoveDialog)
    starts = [s.start.astimezone(PARIS).strftime("%H:%M") for s in dialog.slots()]
    # The next free CARDIO-1 starts of Dr Dupont after 10:00 (her own 10:30 is busy).
    assert starts == ["10:00", "11:15", "11:30", "11:45", "12:00"]
    assert dialog.slots_list.item(0).text() == "Lun. 15/03  10:00 – 10:30"
    dialog.slots_list.setFocus()
    qtbot.keyClick(dialog.slots_list, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.slots_list, Qt.Key.Key_Down)
    assert dialog.time_edit.time().toString("HH:mm") == "11:15"
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        qtbot.keyClick(dialog.slots_list, Qt.Key.Key_Return)
    moved = hospital.services.booking.appointment(appointment.id)
    assert moved.start.astimezone(PARIS) == datetime(2027, 3, 15, 11, 15, tzinfo=PARIS)
    assert window.grid.selected_id == appointment.id


def test_the_move_dialog_searches_the_whole_department_and_changes_practitioner(
    qtbot, secretary_window, hospital
):
    window = secretary_window
    appointment = hospital.appointments["dupont-1030"]
    click_block(qtbot, window, appointment.id)
    dialog = window.appointment_actions.open_move_dialog()
    dialog.department_check.setChecked(True)
    assert "Dr Paul Martin" in [dialog.slots_list.item(i).text()[-14:] for i in range(5)]
    dialog.practitioner_combo.setCurrentIndex(1)
    dialog.time_edit.setFocus()
    dialog.time_edit.setTime(dialog.time_edit.time().fromString("10:30", "HH:mm"))
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        qtbot.keyClick(dialog.time_edit, Qt.Key.Key_Return)
    moved = hospital.services.booking.appointment(appointment.id)
    assert moved.practitioner_id == window.practitioners[1].id
    assert window.grid.block_of(appointment.id).column == 1


def test_the_move_dialog_to_another_day_shows_that_day(qtbot, secretary_window, hospital):
    window = secretary_window
    appointment = hospital.appointments["dupont-1030"]
    click_block(qtbot, window, appointment.id)
    dialog = window.appointment_actions.open_move_dialog()
    dialog.date_edit.setDate(dialog.date_edit.date().addDays(7))
    assert dialog.slots()[0].start.astimezone(PARIS).date().day == 22
    dialog.choose_slot(0)
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        qtbot.mouseClick(dialog.move_button, Qt.MouseButton.LeftButton)
    assert window.day.day == 22
    assert window.grid.selected_id == appointment.id


def test_the_move_dialog_refuses_the_same_time_and_a_missing_hour(
    qtbot, secretary_window, hospital
):
    window = secretary_window
    click_block(qtbot, window, hospital.appointments["dupont-1030"].id)
    dialog = window.appointment_actions.open_move_dialog()
    qtbot.mouseClick(dialog.move_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error_label.text().startswith("C'est déjà l'horaire de ce rendez-vous")
    # 28 March 2027, 02:30 does not exist in Paris (spring forward).
    dialog.date_edit.setDate(dialog.date_edit.date().fromString("28/03/2027", "dd/MM/yyyy"))
    dialog.time_edit.setTime(dialog.time_edit.time().fromString("02:30", "HH:mm"))
    qtbot.mouseClick(dialog.move_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "n'existe pas le 28/03/2027" in dialog.error_label.text()
    dialog.reject()


# --- the database is unavailable ---------------------------------------------------------------


def test_a_locked_database_is_said_in_french_and_the_window_stays_usable(
    qtbot, hospital, sqlite_url
):
    """Another connection holds the write lock: the change fails after its retries, the user is
    told in French, and the same change works once the lock is gone."""
    services = Services.create(Database(sqlite_url, busy_timeout_ms=20), hospital.services.clock)
    window = MainWindow(services, actor=SECRETARY)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)  # shortcuts reach the active window
    appointment = hospital.appointments["dupont-1030"]
    click_block(qtbot, window, appointment.id)
    blocker = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), timeout=0.1)
    try:
        blocker.execute("BEGIN EXCLUSIVE")
        with qtbot.waitSignal(window.agenda_loaded, timeout=10_000):
            qtbot.keyClick(window.grid, Qt.Key.Key_A)
        assert window.message_bar.level is Level.ERROR
        assert window.message_bar.title == "Base de données"
        assert window.message_bar.plain_text() == (
            "La base de données est occupée par un autre poste : rien n'a été enregistré, "
            "réessayez."
        )
    finally:
        blocker.rollback()
        blocker.close()
    assert status_of(hospital, "dupont-1030") is Status.BOOKED
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        qtbot.keyClick(window.grid, Qt.Key.Key_A)
    assert status_of(hospital, "dupont-1030") is Status.ARRIVED
    services.db.dispose()
