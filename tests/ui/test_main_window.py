"""The main window driven as a user would: it opens on today, navigates, switches service."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, Qt

from desktop.domain.errors import InvalidInput, NotFound
from desktop.domain.model import Status
from desktop.services.container import Services
from desktop.ui.main_window import MainWindow, database_label
from desktop.ui.models.appointment_table import COL_PATIENT, COL_PRACTITIONER, COL_STATUS
from desktop.ui.views.agenda_panes import PAGE_LIST
from tests.ui.scenes import MONDAY


def click_action(qtbot, window: MainWindow, action) -> None:
    button = window.toolbar.widgetForAction(action)
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def patients_in_table(window: MainWindow) -> list[str]:
    model = window.table_model
    return [model.index(r, COL_PATIENT).data() for r in range(model.rowCount())]


def test_opens_on_today_with_one_column_per_practitioner(window, hospital):
    assert window.windowTitle() == "Créneau — Hôpital d'essai"
    assert window.day == MONDAY
    assert window.department.code == "CARDIO"
    assert [c.title for c in window.grid.content.columns] == ["Dr Marie Dupont", "Dr Paul Martin"]
    assert [c.subtitle for c in window.grid.content.columns] == ["3 rendez-vous", "1 rendez-vous"]
    assert window.title_label.text() == "Lundi 15 mars 2027 · aujourd'hui"
    assert window.count_label.text() == "4 rendez-vous"


def test_appointments_are_drawn_as_blocks_and_listed(window, hospital):
    blocks = {b.appointment_id: b for b in window.grid.blocks}
    first = blocks[hospital.appointments["dupont-1030"].id]
    assert first.texts == (
        "10:30 – 11:00",
        "BERNARD Lucie",
        "Première consultation de cardiologie",
        "Réservé",
    )
    assert first.column == 0
    assert first.color == "#d9534f"
    grid = window.grid
    assert first.rect.top() == pytest.approx(grid.y_of(10 * 60 + 30) + 1)
    assert first.rect.height() == pytest.approx(grid.HOUR_HEIGHT / 2 - 2)
    echo = blocks[hospital.appointments["martin-1115"].id]
    assert echo.column == 1
    assert echo.patient == "NGUYỄN Thị Mai"
    assert echo.rect.left() > grid.GUTTER_WIDTH + grid.column_width()
    assert patients_in_table(window) == [
        "BERNARD Lucie",
        "MOREAU Élodie (née GARNIER)",
        "ROUX Gabriel",
        "NGUYỄN Thị Mai",
    ]
    model = window.table_model
    assert model.index(0, COL_PRACTITIONER).data() == "Dr Marie Dupont"
    assert model.index(0, 0).data() == "10:30"


def test_an_overbooking_is_marked_and_drawn_beside_the_other(window, hospital):
    blocks = {b.appointment_id: b for b in window.grid.blocks}
    normal = blocks[hospital.appointments["dupont-1100"].id]
    forced = blocks[hospital.appointments["dupont-1100-overbooked"].id]
    assert forced.overbooked and not normal.overbooked
    assert forced.rect.top() == normal.rect.top()
    assert not forced.rect.intersects(normal.rect)
    assert normal.rect.width() < window.grid.column_width() / 2
    row = window.table_model.row_of(forced.appointment_id)
    assert window.table_model.index(row, COL_STATUS).data() == "Réservé · surbooking"


def test_absence_is_shaded_in_the_practitioner_column(window):
    [shade] = window.grid.content.shades
    assert (shade.column, shade.start_min, shade.end_min) == (1, 13 * 60 + 30, 18 * 60)
    assert shade.label == "Absence : Formation continue"


def test_current_time_line_only_on_today(qtbot, window):
    assert window.grid.now_minute == 10 * 60  # TEST_NOW: 09:00 UTC, 10:00 in Paris
    assert window.grid.now_columns == frozenset({0, 1})
    click_action(qtbot, window, window.toolbar.action_next)
    assert window.grid.now_minute is None


def test_previous_next_and_today_change_the_day_and_reload(qtbot, window):
    toolbar = window.toolbar
    click_action(qtbot, window, toolbar.action_next)
    assert window.day == MONDAY + timedelta(days=1)
    assert toolbar.date_edit.date().toPython() == window.day
    assert window.table_model.rowCount() == 0
    assert window.grid.blocks == []
    assert window.count_label.text() == "Aucun rendez-vous"
    assert window.title_label.text() == "Mardi 16 mars 2027"
    click_action(qtbot, window, toolbar.action_previous)
    click_action(qtbot, window, toolbar.action_previous)
    assert window.day == MONDAY - timedelta(days=1)
    click_action(qtbot, window, toolbar.action_today)
    assert window.day == MONDAY
    assert window.table_model.rowCount() == 4


def test_choosing_a_date_in_the_date_edit_reloads(qtbot, window, hospital):
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        window.toolbar.date_edit.setDate(MONDAY.replace(day=22))
    assert window.day == MONDAY.replace(day=22)
    assert [b.appointment_id for b in window.grid.blocks] == [
        hospital.appointments["dupont-next"].id
    ]


def test_switching_department(qtbot, window, hospital):
    combo = window.toolbar.department_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["Cardiologie", "Pneumologie"]
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        combo.setCurrentIndex(1)
    assert window.department.code == "PNEUMO"
    assert [c.title for c in window.grid.content.columns] == ["Dr Sophie Blanc"]
    assert patients_in_table(window) == ["ROUX Gabriel"]
    assert window.grid.blocks[0].reason == "Explorations fonctionnelles respiratoires"
    window.set_department("cardio")
    assert window.table_model.rowCount() == 4


def test_window_can_open_on_a_department_and_a_day(qtbot, hospital):
    window = MainWindow(hospital.services, day=MONDAY, department_code="PNEUMO")
    qtbot.addWidget(window)
    assert window.toolbar.department_combo.currentText() == "Pneumologie"
    with pytest.raises(NotFound, match="Service inconnu : « ORL »"):
        MainWindow(hospital.services, department_code="ORL")
    with pytest.raises(InvalidInput, match="Vue inconnue"):
        MainWindow(hospital.services, view="mois")


def test_week_view_shows_one_practitioner_day_by_day(qtbot, window, hospital):
    click_action(qtbot, window, window.toolbar.view_actions["week"])
    assert window.view == "week"
    qtbot.waitUntil(window.toolbar.practitioner_combo.isVisible, timeout=2000)
    columns = window.grid.content.columns
    assert [c.title for c in columns] == [
        "Lundi 15 mars",
        "Mardi 16 mars",
        "Mercredi 17 mars",
        "Jeudi 18 mars",
        "Vendredi 19 mars",
    ]
    assert window.title_label.text() == "Semaine 11 — du 15 au 21 mars 2027"
    assert window.table_model.rowCount() == 3
    assert window.table_model.index(0, 0).data() == "lun. 15/03 10:30"
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        window.toolbar.practitioner_combo.setCurrentIndex(1)
    assert patients_in_table(window) == ["NGUYỄN Thị Mai"]
    assert window.grid.content.shades[0].label == "Absence : Formation continue"
    click_action(qtbot, window, window.toolbar.action_next)
    assert window.day == MONDAY + timedelta(days=7)
    click_action(qtbot, window, window.toolbar.view_actions["day"])
    qtbot.waitUntil(lambda: not window.toolbar.practitioner_combo.isVisible(), timeout=2000)
    assert len(window.grid.content.columns) == 2


def test_clicking_a_block_selects_its_row(qtbot, window, hospital):
    grid = window.grid
    block = next(b for b in grid.blocks if b.patient == "NGUYỄN Thị Mai")
    center = block.rect.center().toPoint() - QPoint(
        grid.horizontalScrollBar().value(), grid.verticalScrollBar().value()
    )
    with qtbot.waitSignal(grid.appointment_clicked, timeout=2000) as signal:
        qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert signal.args == [block.appointment_id]
    assert grid.selected_id == block.appointment_id
    assert window.table_view.currentIndex().row() == 3


def test_activating_a_row_shows_it_on_the_planning(qtbot, window):
    window.show_page(PAGE_LIST)
    assert window.stack.currentWidget() is window.table_view
    index = window.table_model.index(1, 0)
    window.table_view.setCurrentIndex(index)
    window.table_view.activated.emit(index)
    assert window.stack.currentWidget() is window.grid
    assert window.grid.selected_id == window.table_model.rows()[1].id


def test_statuses_are_shown_in_french(qtbot, hospital):
    from tests.fakes import ADMIN

    appointment = hospital.appointments["dupont-1030"]
    hospital.services.booking.set_status(ADMIN, appointment.id, None, Status.ARRIVED)
    window = MainWindow(hospital.services)
    qtbot.addWidget(window)
    block = next(b for b in window.grid.blocks if b.appointment_id == appointment.id)
    assert block.status == "Arrivé"
    assert window.table_model.index(0, COL_STATUS).data() == "Arrivé"


def test_an_empty_database_says_what_to_do(qtbot, sqlite_url):
    services = Services.open(sqlite_url)
    try:
        window = MainWindow(services)
        qtbot.addWidget(window)
        assert window.grid.content.columns == ()
        assert "import-structure" in window.grid.empty_message
        assert window.table_model.rowCount() == 0
        assert window.windowTitle().startswith("Créneau — ")
    finally:
        services.db.dispose()


def test_status_bar_names_the_database_without_password(window, sqlite_url):
    path = sqlite_url.removeprefix("sqlite:///")
    assert window.database_label.text() == f"Base : {path}"
    assert (
        database_label("postgresql+psycopg://creneau:secret@db.hopital.local:5432/agenda")
        == "postgresql+psycopg://creneau@db.hopital.local:5432/agenda"
    )
    assert database_label("sqlite://") == "en mémoire"
