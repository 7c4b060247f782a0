"""Live refresh: a booking made on another workstation shows within 2 seconds, selection kept."""

from __future__ import annotations

import pytest

from desktop.services.clock import FixedClock
from desktop.services.container import Services
from desktop.ui.main_window import MainWindow
from tests.conftest import TEST_NOW
from tests.fakes import ADMIN
from tests.ui.scenes import MONDAY, book, patient, richer_hospital


def _window(qtbot, services: Services) -> MainWindow:
    win = MainWindow(services, day=MONDAY, actor=ADMIN)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def _other_workstation_books_while_selected(qtbot, url: str) -> None:
    services = richer_hospital(url, TEST_NOW)
    bernard = patient(services, "Bernard", "Lucie", "1958-04-12")
    first = book(services, "DUPONT", "CARDIO-1", bernard, MONDAY, "10:30")
    other = Services.open(url, FixedClock(TEST_NOW))
    try:
        win = _window(qtbot, services)
        assert win.live_refresh.active
        row = win.table_model.row_of(first.id)
        win.table_view.selectRow(row)
        assert win.grid.selected_id == first.id
        win.table_view.setFocus()

        newcomer = patient(other, "Moreau", "Élodie", "1981-09-30")
        made = book(other, "MARTIN", "CARDIO-SUIVI", newcomer, MONDAY, "11:45")

        qtbot.waitUntil(lambda: win.table_model.row_of(made.id) is not None, timeout=2000)
        assert win.grid.block_of(made.id) is not None
        assert win.grid.selected_id == first.id
        selected = win.table_view.selectionModel().selectedRows()
        assert [win.table_model.row_of(first.id)] == [i.row() for i in selected]

        win.close()
        assert not win.live_refresh.active
    finally:
        other.db.dispose()
        services.db.dispose()


def test_sqlite_booking_from_another_connection_shows_within_two_seconds(qtbot, sqlite_url):
    _other_workstation_books_while_selected(qtbot, sqlite_url)


def test_postgresql_booking_from_another_connection_shows_within_two_seconds(qtbot, postgres_url):
    _other_workstation_books_while_selected(qtbot, postgres_url)


def test_half_typed_input_survives_a_refresh(qtbot, sqlite_url):
    """A refresh reads the agenda only: what is typed in the window's fields stays."""
    services = richer_hospital(sqlite_url, TEST_NOW)
    other = Services.open(sqlite_url, FixedClock(TEST_NOW))
    try:
        win = _window(qtbot, services)
        from PySide6.QtWidgets import QLineEdit

        field = QLineEdit(win)
        field.setText("Ngu")
        loads = []
        win.agenda_loaded.connect(lambda: loads.append(1))
        roux = patient(other, "Roux", "Gabriel", "1953-08-19")
        made = book(other, "DUPONT", "CARDIO-SUIVI", roux, MONDAY, "11:15")
        qtbot.waitUntil(lambda: win.table_model.row_of(made.id) is not None, timeout=2000)
        assert loads
        assert field.text() == "Ngu"
    finally:
        other.db.dispose()
        services.db.dispose()


@pytest.mark.parametrize("closed_twice", [False, True])
def test_closing_the_window_releases_the_watcher(qtbot, sqlite_url, closed_twice):
    services = richer_hospital(sqlite_url, TEST_NOW)
    try:
        win = _window(qtbot, services)
        win.close()
        if closed_twice:
            win.close()
        assert not win.live_refresh.active
        assert win.live_refresh.poll() is False
    finally:
        services.db.dispose()
