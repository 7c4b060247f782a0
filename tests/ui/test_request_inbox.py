"""« Demandes en ligne » in the window: the table, its badge, and accept / propose / decline from
the keyboard and the dialogs."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from desktop.domain.booking_requests import RequestStatus
from desktop.domain.model import Channel
from desktop.services.container import Services
from desktop.services.patients import PatientInput
from desktop.ui.main_window import MainWindow
from desktop.ui.models.request_table import (
    COL_PATIENT,
    COL_RECORD,
    COL_SLOT,
    COL_STATUS,
    RequestTableModel,
)
from tests.conftest import TEST_NOW
from tests.e2e.hospital import booking_hospital
from tests.fakes import PHYSICIAN, SECRETARY
from tests.services.request_helpers import NEXT_MONDAY, at, free_starts, slot_of


@dataclass
class Online:
    services: Services
    requests: dict[str, int]  # family name -> request id


def _send(services: Services, start: datetime, family: str, given: str, born: str, who: str):
    body = {
        "slot": slot_of(services, start, who),
        "family_name": family,
        "given_names": given,
        "birth_date": born,
        "phone": "06 12 34 56 78",
        "message": "Plutôt le matin" if family == "Durand" else "",
    }
    receipt = services.requests.receive(json.dumps(body).encode(), "203.0.113.7")
    assert receipt.held, receipt.message
    return receipt.request_id


@pytest.fixture
def online(sqlite_url):
    """Three held requests (one of a known patient) and a rejected one."""
    services = booking_hospital(sqlite_url, TEST_NOW)
    services.patients.create(SECRETARY, PatientInput("Bernard", "Lucie", date(1958, 4, 12)))
    found = {
        "Durand": _send(services, at(NEXT_MONDAY, "09:00"), "Durand", "Léa", "1990-05-04",
                        "DUPONT"),
        "Bernard": _send(
            services, at(NEXT_MONDAY, "10:00"), "Bernard", "Lucie", "1958-04-12", "DUPONT"
        ),
        "Roux": _send(services, at(date(2027, 3, 17), "08:30"), "Roux", "Gabriel", "1953-08-19",
                      "MARTIN"),
    }  # fmt: skip
    services.requests.receive(b'{"slot": "?"}', "198.51.100.1")
    yield Online(services, found)
    services.db.dispose()


@pytest.fixture
def window(qtbot, online) -> MainWindow:
    win = MainWindow(online.services, day=NEXT_MONDAY, actor=SECRETARY)
    qtbot.addWidget(win)
    win.resize(1500, 900)
    win.show()
    return win


def _choose(window: MainWindow, request_id: int):
    feature = window.request_inbox
    feature.show_inbox()
    assert feature.inbox.select_request(request_id)
    return feature.inbox


def test_the_menu_entry_carries_the_count_and_opens_the_dock(qtbot, window):
    feature = window.request_inbox
    assert feature.action in window.workspace.menu.actions()
    assert feature.action.text() == "&Demandes en ligne (3)"
    assert feature.action.shortcut().toString() == "Ctrl+Shift+D"
    assert feature.badge.isVisibleTo(window) and feature.badge.text() == "3 demandes en ligne"
    assert feature.dock.windowTitle() == "Demandes en ligne (3)"
    feature.action.trigger()
    assert feature.dock.isVisible()
    assert feature.inbox.model.rowCount() == 3


def test_the_table_model_passes_the_model_tester(qtmodeltester, window):
    inbox = window.request_inbox.inbox
    window.request_inbox.show_inbox()
    model = inbox.model
    by_name = {model.index(r, COL_PATIENT).data(): r for r in range(model.rowCount())}
    assert set(by_name) == {"DURAND Léa", "BERNARD Lucie", "ROUX Gabriel"}
    row = by_name["BERNARD Lucie"]
    assert model.index(row, COL_SLOT).data() == "lun. 22/03 10:00"
    assert model.index(row, COL_STATUS).data() == "Créneau retenu — reste 2 h 00"
    assert model.index(row, COL_RECORD).data().startswith("Dossier existant n°")
    assert model.index(by_name["DURAND Léa"], COL_RECORD).data() == "Nouveau patient"
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(RequestTableModel(), force_py=True)
    inbox.filter_box.setCurrentIndex(1)  # rejected
    assert model.rowCount() == 1 and model.index(0, COL_PATIENT).data() == "(demande illisible)"
    qtmodeltester.check(model, force_py=True)


def test_accept_books_the_appointment_and_updates_the_agenda(qtbot, window, online):
    inbox = _choose(window, online.requests["Durand"])
    assert "Plutôt le matin" in inbox.details.text()
    with qtbot.waitSignal(inbox.booked, timeout=2000) as booked:
        qtbot.mouseClick(inbox.accept_button, Qt.MouseButton.LeftButton)
    appointment = online.services.booking.appointment(booked.args[0])
    assert appointment.channel is Channel.ONLINE and appointment.start == at(NEXT_MONDAY, "09:00")
    assert window.table_model.row_of(appointment.id) is not None  # the agenda shows it
    assert inbox.model.rowCount() == 2
    assert window.request_inbox.action.text() == "&Demandes en ligne (2)"
    assert "rendez-vous réservé pour DURAND Léa" in window.message_bar.text()


def test_enter_in_the_table_accepts_the_chosen_request(qtbot, window, online):
    inbox = _choose(window, online.requests["Bernard"])
    inbox.table.setFocus()
    with qtbot.waitSignal(inbox.booked, timeout=2000):
        qtbot.keyClick(inbox.table, Qt.Key.Key_Return)
    request = online.services.requests.request(online.requests["Bernard"])
    assert request.status is RequestStatus.ACCEPTED


def test_propose_another_slot_through_the_dialog(qtbot, window, online):
    inbox = _choose(window, online.requests["Durand"])
    dialog = inbox.open_propose_dialog()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Proposer un autre créneau"
    assert dialog.list.count() > 3
    dialog.list.setCurrentRow(2)
    chosen = dialog.chosen_slot()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    request = online.services.requests.request(online.requests["Durand"])
    assert request.status is RequestStatus.PROPOSED
    assert (request.practitioner_id, request.start) == (chosen.practitioner_id, chosen.start)
    assert at(NEXT_MONDAY, "09:00") in free_starts(online.services)
    assert "proposé au patient" in window.message_bar.text()
    assert (
        "Autre créneau proposé"
        in inbox.model.index(inbox.model.row_of(request.id), COL_STATUS).data()
    )


def test_decline_with_a_reason_through_the_dialog(qtbot, window, online):
    inbox = _choose(window, online.requests["Roux"])
    dialog = inbox.open_decline_dialog()
    qtbot.waitExposed(dialog)
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.reason_box.lineEdit(), "Suivi par un autre centre")
    assert dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.reason_box.lineEdit(), Qt.Key.Key_Return)
    request = online.services.requests.request(online.requests["Roux"])
    assert request.status is RequestStatus.DECLINED
    assert request.decision_reason == "Suivi par un autre centre"
    assert inbox.model.row_of(request.id) is None
    assert window.request_inbox.count == 2


def test_a_refused_decision_is_said_and_the_list_refreshed(qtbot, window, online):
    inbox = _choose(window, online.requests["Durand"])
    online.services.requests.decline(SECRETARY, online.requests["Durand"], "Doublon")
    inbox.accept_selected()
    assert "n'attend plus de décision" in window.message_bar.text()
    assert inbox.model.row_of(online.requests["Durand"]) is None


def test_expired_holds_are_released_by_the_timer(qtbot, window, online):
    feature = window.request_inbox
    online.services.clock.instant = TEST_NOW.replace(hour=12)
    feature.tick()
    assert feature.count == 0 and not feature.badge.isVisibleTo(window)
    assert feature.action.text() == "&Demandes en ligne"


def test_without_a_signed_in_user_nothing_is_offered(qtbot, online):
    win = MainWindow(online.services, day=NEXT_MONDAY)
    qtbot.addWidget(win)
    feature = win.request_inbox
    assert not feature.action.isEnabled()
    assert not feature.badge.isVisibleTo(win)
    feature.inbox.refresh()
    assert feature.inbox.model.rowCount() == 0
    assert not feature.inbox.accept_button.isEnabled()


def test_a_physician_sees_the_inbox_but_cannot_create_a_patient(qtbot, online):
    dupont = next(p.id for p in online.services.agenda.practitioners() if p.code == "DUPONT")
    physician = replace(PHYSICIAN, practitioner_id=dupont)
    win = MainWindow(online.services, day=NEXT_MONDAY, actor=physician)
    qtbot.addWidget(win)
    win.show()
    inbox = _choose(win, online.requests["Durand"])
    assert inbox.accept_button.isEnabled()
    assert inbox.model.rowCount() == 2  # Dupont's requests only, not Martin's
    assert inbox.accept_selected() is None
    assert "créer ou modifier un patient" in win.message_bar.text()


def test_a_suggested_reason_is_completed_as_typed(qtbot, window, online):
    inbox = _choose(window, online.requests["Roux"])
    dialog = inbox.open_decline_dialog()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.reason_box.lineEdit(), "Demande en d")
    qtbot.keyClick(dialog.reason_box.lineEdit(), Qt.Key.Key_Return)  # takes the completion
    assert dialog.isVisible()
    assert dialog.reason() == "Demande en double : un rendez-vous existe déjà."
    qtbot.keyClick(dialog.reason_box.lineEdit(), Qt.Key.Key_Return)  # confirms
    assert not dialog.isVisible()
    request = online.services.requests.request(online.requests["Roux"])
    assert request.decision_reason == "Demande en double : un rendez-vous existe déjà."
