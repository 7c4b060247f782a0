"""The waiting list in the window: its table, adding a patient, and the proposal after a
cancellation booked in one action."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from desktop.domain.model import Priority, Status, TimeOfDay, WaitStatus
from desktop.ui.main_window import MainWindow
from desktop.ui.views.waitlist_panel import COL_PATIENT, COL_PRIORITY, COL_WHO, WaitlistTableModel
from tests.fakes import SECRETARY
from tests.ui.scenes import MONDAY, ids_of, patient


@pytest.fixture
def window(qtbot, hospital) -> MainWindow:
    win = MainWindow(hospital.services, day=MONDAY, actor=SECRETARY)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=2000)
    return win


def _add_waiting(hospital, family="Petit", given="Camille", born="1995-06-11", **wishes):
    services = hospital.services
    ids = ids_of(services)
    who = patient(services, family, given, born)
    return services.waitlist.add(SECRETARY, who, ids.visit_reasons["CARDIO-1"], **wishes)


def test_the_table_model_passes_the_model_tester(qtmodeltester, qtbot, window, hospital):
    _add_waiting(hospital, priority=Priority.URGENT)
    _add_waiting(hospital, "Lambert", "Chloé", "1988-10-05",
                 practitioner_id=ids_of(hospital.services).practitioners["DUPONT"])  # fmt: skip
    panel = window.workspace.waitlist
    window.workspace.waitlist_action.trigger()  # F4
    assert window.workspace.waitlist_dock.isVisible()
    model = panel.model
    assert model.rowCount() == 2
    assert model.index(0, COL_PATIENT).data() == "PETIT Camille"  # the urgent one first
    assert model.index(0, COL_PRIORITY).data() == "Urgente"
    assert model.index(0, COL_WHO).data() == "Service Cardiologie"
    assert model.index(1, COL_WHO).data() == "Dr Marie Dupont"
    assert panel.count_label.text() == "2 patients en attente"
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(WaitlistTableModel(), force_py=True)


def test_adding_a_patient_through_the_dialog(qtbot, window, hospital):
    services = hospital.services
    dialog = window.workspace.open_waitlist_dialog()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Ajouter à la liste d'attente"
    dialog.buttons.accepted.emit()  # nothing chosen: said, the dialog stays
    assert "Choisissez le patient" in dialog.error_label.text()
    assert dialog.isVisible()

    qtbot.keyClicks(dialog.search_edit, "berna")
    assert dialog.results.count() == 1
    assert dialog.patient().family_name == "Bernard"
    dialog.reason_combo.setCurrentIndex(dialog.reason_combo.findText("Consultation de suivi"))
    dialog.who_combo.setCurrentIndex(dialog.who_combo.findText("Dr Paul Martin"))
    dialog.day_boxes[0].setChecked(True)
    dialog.day_boxes[3].setChecked(True)
    dialog.time_combo.setCurrentIndex(dialog.time_combo.findData(TimeOfDay.MORNING))
    dialog.deadline_check.setChecked(True)
    dialog.deadline_edit.setDate(dialog.deadline_edit.date().fromString("30/04/2027", "dd/MM/yyyy"))
    dialog.priority_combo.setCurrentIndex(dialog.priority_combo.findData(Priority.HIGH))
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    [entry] = services.waitlist.entries()
    ids = ids_of(services)
    assert entry.visit_reason_id == ids.visit_reasons["CARDIO-SUIVI"]
    assert entry.practitioner_id == ids.practitioners["MARTIN"]
    assert entry.weekdays == frozenset({0, 3})
    assert entry.time_window is TimeOfDay.MORNING
    assert entry.deadline == date(2027, 4, 30)
    assert entry.priority is Priority.HIGH
    panel = window.workspace.waitlist
    assert window.workspace.waitlist_dock.isVisible()
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 3).data() == "lun., jeu."

    # The same again is refused by the service, and said in the dialog.
    again = window.workspace.open_waitlist_dialog()
    qtbot.keyClicks(again.search_edit, "Bernard")
    again.reason_combo.setCurrentIndex(again.reason_combo.findText("Consultation de suivi"))
    again.who_combo.setCurrentIndex(again.who_combo.findText("Dr Paul Martin"))
    assert again.submit() is False
    assert "attend déjà" in again.error_label.text()
    again.reject()


def test_a_cancellation_proposes_the_slot_and_one_action_books_it(qtbot, window, hospital):
    services = hospital.services
    waiting = _add_waiting(hospital, priority=Priority.HIGH)
    appointment = hospital.appointments["dupont-1030"]  # Bernard, CARDIO-1, 10:30 with Dupont

    row = window.table_model.row_of(appointment.id)
    window.table_view.selectRow(row)
    window.table_view.setFocus()
    dialog = window.appointment_actions.open_cancel_dialog()
    dialog.choose("Empêchement du patient")
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        dialog.accept()
    assert services.booking.appointment(appointment.id).status is Status.CANCELLED

    panel = window.workspace.waitlist
    qtbot.waitUntil(lambda: panel.proposals_frame.isVisible(), timeout=2000)
    assert window.workspace.waitlist_dock.isVisible()
    offers = panel.offers
    assert offers and {o.entry.id for o in offers} == {waiting.id}
    # Every start overlapping the freed half-hour, soonest first; choose the one it held.
    starts = [o.slot.start for o in offers]
    assert starts == sorted(starts) and appointment.start in starts
    assert all("PETIT Camille" in panel.proposals_list.item(i).text() for i in range(len(offers)))
    assert "Créneau libéré" in panel.proposals_title.text()
    panel.proposals_list.setCurrentRow(starts.index(appointment.start))

    with qtbot.waitSignal(panel.booked, timeout=2000) as booked:
        qtbot.mouseClick(panel.book_button, Qt.MouseButton.LeftButton)
    made = services.booking.appointment(booked.args[0])
    assert made.patient_id == waiting.patient_id
    assert made.start == appointment.start
    assert made.status is Status.BOOKED
    entry = services.waitlist.entry(waiting.id)
    assert entry.status is WaitStatus.BOOKED and entry.appointment_id == made.id
    # The agenda shows it, selected; the offer is gone; the list is empty.
    assert window.table_model.row_of(made.id) is not None
    assert window.grid.selected_id == made.id
    assert not panel.proposals_frame.isVisible()
    assert panel.model.rowCount() == 0
    assert "liste d'attente" in window.message_bar.plain_text()


def test_a_move_proposes_the_old_time_and_nobody_waiting_shows_nothing(qtbot, window, hospital):
    actions, panel = window.appointment_actions, window.workspace.waitlist
    ids = ids_of(hospital.services)
    appointment = hospital.appointments["dupont-1030"]
    window.table_view.selectRow(window.table_model.row_of(appointment.id))
    later = appointment.start.replace(hour=appointment.start.hour + 1)  # 11:30 local
    assert actions.move(actions.current_entry(), ids.practitioners["DUPONT"], later)
    assert not panel.proposals_frame.isVisible()
    assert window.workspace.waitlist_dock.isHidden()

    waiting = _add_waiting(hospital)
    window.table_view.selectRow(window.table_model.row_of(appointment.id))
    assert actions.move(actions.current_entry(), ids.practitioners["DUPONT"], appointment.start)
    qtbot.waitUntil(panel.proposals_frame.isVisible, timeout=2000)
    assert {o.entry.id for o in panel.offers} == {waiting.id}
    assert later in {o.slot.start for o in panel.offers}
    panel.dismiss_proposals()
    assert not panel.proposals_frame.isVisible()


def test_removing_an_absence_from_the_grid_offers_its_time_to_the_waiting_list(
    qtbot, window, hospital
):
    from datetime import datetime

    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication

    services = hospital.services
    ids = ids_of(services)
    calendar = services.structure.calendar()
    start = calendar.to_utc(datetime(2027, 3, 15, 14, 0))
    absence = services.absences.add(
        SECRETARY, ids.practitioners["DUPONT"], start, start.replace(hour=start.hour + 2), "Staff"
    )
    waiting = _add_waiting(hospital, time_window=TimeOfDay.AFTERNOON)
    window.reload()
    grid = window.grid
    column = next(
        i
        for i, c in enumerate(grid.content.columns)
        if c.practitioner_id == absence.practitioner_id
    )
    x = (
        grid.GUTTER_WIDTH
        + (column + 0.5) * grid.column_width()
        - grid.horizontalScrollBar().value()
    )
    grid.verticalScrollBar().setValue(0)
    y = grid.y_of(14 * 60 + 30)
    grid.verticalScrollBar().setValue(int(y - 200))
    point = QPointF(x, y - grid.verticalScrollBar().value())
    assert grid.absence_at(point) == absence.id
    assert grid.block_at(point) is None

    # A right click on the hatched absence asks for its menu.
    with qtbot.waitSignal(grid.absence_menu_requested, timeout=2000) as asked:
        event = QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse,
            point.toPoint(),
            grid.viewport().mapToGlobal(point.toPoint()),
        )
        QApplication.sendEvent(grid.viewport(), event)
    assert asked.args[0] == absence.id
    for menu in QApplication.topLevelWidgets():
        if menu.isVisible() and menu.inherits("QMenu"):
            assert any("Supprimer cette absence" in a.text() for a in menu.actions())
            menu.close()

    found = window.workspace.remove_absence(absence.id, confirm=False)
    assert found
    assert services.absences.absences([absence.practitioner_id], start, absence.end) == []
    panel = window.workspace.waitlist
    assert panel.proposals_frame.isVisible() and window.workspace.waitlist_dock.isVisible()
    assert {o.entry.id for o in panel.offers} == {waiting.id}
    assert all(absence.start <= o.slot.start < absence.end for o in panel.offers)
    assert grid.absence_at(point) is None  # the agenda shows the truth: no more hatching
