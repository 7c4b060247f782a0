"""The reminder SMS in the window: « Rappels SMS… » (the outbox: filter, reasons, attempts,
retry, send now off the GUI thread), the appointment panel's SMS line and opt-out, and the
no-show warning when booking."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from desktop.domain.model import Status
from desktop.domain.reminders import NO_PHONE, ReminderStatus
from desktop.services.patients import PatientInput
from desktop.services.reminders import default_outbox
from desktop.ui.main_window import MainWindow
from desktop.ui.models.outbox_table import (
    COL_ATTEMPTS,
    COL_KIND,
    COL_NUMBER,
    COL_PATIENT,
    COL_REPLY,
    COL_STATUS,
    OutboxTableModel,
)
from tests.conftest import TEST_NOW
from tests.fakes import ADMIN, PHYSICIAN, SECRETARY
from tests.ui.scenes import MONDAY, book, patient


@pytest.fixture
def window(qtbot, hospital) -> MainWindow:
    win = MainWindow(hospital.services, day=MONDAY, actor=SECRETARY)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


def _rows(model) -> list[dict[int, str]]:
    return [
        {c: model.index(r, c).data() for c in range(model.columnCount())}
        for r in range(model.rowCount())
    ]


def test_the_table_model_passes_the_model_tester(qtmodeltester, hospital):
    services = hospital.services
    model = OutboxTableModel(services.structure.calendar())
    qtmodeltester.check(model, force_py=True)
    model.set_rows(services.reminders.outbox())
    assert model.rowCount() > 0
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole).endswith("caractères)")


def test_the_outbox_shows_queued_and_failed_with_the_reason(qtbot, window, hospital):
    action = window.outbox.action
    assert action.text() == "Rappels &SMS…"
    assert action in window.workspace.menu.actions()  # « Secrétariat »
    assert action.isEnabled()
    action.trigger()
    dialog = window.outbox.dialog
    qtbot.waitExposed(dialog)
    rows = _rows(dialog.model)
    bernard = [r for r in rows if r[COL_PATIENT] == "BERNARD Lucie"]
    assert [(r[COL_KIND], r[COL_STATUS], r[COL_NUMBER]) for r in bernard] == [
        ("Confirmation", "En attente", "06 12 34 56 78")
    ]
    failed = [r for r in rows if r[COL_STATUS] == "Échec"]
    assert failed and {r[COL_REPLY] for r in failed} == {NO_PHONE}
    assert {r[COL_ATTEMPTS] for r in rows} == {"0"}
    assert dialog.counts_label.text().startswith("En attente : 1 · Envoyés : 0 · Échecs : ")

    dialog.status_combo.setCurrentIndex(dialog.status_combo.findText("Échecs"))
    assert {r[COL_STATUS] for r in _rows(dialog.model)} == {"Échec"}
    assert dialog.reply_label.text() == f"Réponse ou raison : {NO_PHONE}"
    assert "le lundi 22/03 à 09h00, Site Saint-Antoine" in dialog.text_view.toPlainText()
    assert dialog.length_label.text().startswith("Longueur : 1 SMS (GSM-7")


def test_retry_says_why_then_works_once_the_patient_has_a_mobile(qtbot, window, hospital):
    services = hospital.services
    dialog = window.outbox.open_dialog()
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findText("Échecs"))
    row = next(i for i, r in enumerate(_rows(dialog.model)) if r[COL_PATIENT] == "ROUX Gabriel")
    dialog.table.selectRow(row)
    assert dialog.retry_button.isEnabled()
    assert not dialog.retry_selected()
    assert dialog.message_label.text() == NO_PHONE  # nothing changed, the reason said
    roux = dialog.model.reminder(row).patient_id
    services.patients.update(
        SECRETARY, roux, PatientInput("Roux", "Gabriel", date(1953, 8, 19), phones=("0692123456",))
    )
    dialog.table.selectRow(row)
    qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
    assert dialog.message_label.text() == "SMS remis dans la file : il part au prochain envoi."
    queued = services.reminders.outbox([ReminderStatus.QUEUED])
    assert "+262692123456" in {r.e164 for r in queued}


def test_send_now_runs_off_the_gui_thread_and_the_table_follows(qtbot, window, hospital):
    dialog = window.outbox.open_dialog()
    sender = window.outbox.sender
    with qtbot.waitSignal(sender.report_ready, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    report = blocker.args[0]
    assert len(report.sent) == 1
    assert dialog.message_label.text() == "Envoi terminé : 1 SMS envoyé."
    qtbot.waitUntil(
        lambda: any(r[COL_STATUS].startswith("Envoyé le 15/03") for r in _rows(dialog.model))
    )
    [written] = default_outbox().iterdir()
    assert json.loads(written.read_text(encoding="utf-8"))["to"] == "+33612345678"
    assert sender.wait(5000)


def test_the_outbox_is_not_for_physicians(qtbot, hospital):
    win = MainWindow(hospital.services, day=MONDAY, actor=PHYSICIAN)
    qtbot.addWidget(win)
    assert not win.outbox.action.isEnabled()
    assert win.outbox.open_dialog() is None
    assert "rappels SMS" in win.statusBar().currentMessage()


def test_the_panel_shows_the_sms_or_why_none_and_the_opt_out(qtbot, window, hospital):
    booked = hospital.appointments
    workspace = window.workspace
    workspace.panel_action.trigger()
    panel = workspace.panel
    window.table_view.selectRow(window.table_model.row_of(booked["dupont-1030"].id))
    assert panel.sms_label.text() == "Confirmation : prévu le 15/03 à 10:00"
    assert not panel.opt_out_check.isChecked() and panel.opt_out_check.isEnabled()
    panel.opt_out_check.click()
    assert panel.opt_out_check.isChecked()
    assert panel.sms_label.text().startswith("Confirmation : annulé — Le patient a refusé")
    services = hospital.services
    assert services.reminders.opted_out(booked["dupont-1030"].patient_id)
    window.table_view.selectRow(window.table_model.row_of(booked["dupont-1100"].id))
    assert panel.sms_label.text() == NO_PHONE


def test_booking_a_patient_who_often_misses_warns(qtbot, window, hospital, tmp_path):
    services = hospital.services
    services.clock.instant = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)
    faure = patient(services, "Faure", "Michel", "1962-07-21")
    missed = [
        book(services, "DUPONT", "CARDIO-SUIVI", faure, date(2027, 1, 11) + timedelta(weeks=w),
             "09:00")
        for w in range(2)
    ]  # fmt: skip
    services.clock.instant = datetime(2027, 2, 1, 9, 0, tzinfo=UTC)
    for appointment in missed:
        services.booking.set_status(SECRETARY, appointment.id, None, Status.NO_SHOW)
    services.clock.instant = TEST_NOW
    window.booking.open_action.trigger()  # Ctrl+N
    panel = window.booking.panel
    qtbot.waitUntil(panel.isVisible)
    panel.patients.choose(services.patients.get(faure))
    assert panel.no_show_label.isVisible()
    assert panel.no_show_label.text() == (
        "Attention : 2 absences non excusées sur les 12 derniers mois."
    )
    assert panel.no_show_label.property("error") is True
    panel.grab().save(str(tmp_path / "booking-no-shows.png"))
    # The threshold is the hospital's: from 3, two no-shows are said, not warned about.
    services.administration.settings.save_reminders(
        ADMIN, "file", "/srv/sms", "", "21:00", "08:00", True, no_show_warning=3
    )
    panel.patients.choose(services.patients.get(faure))
    assert panel.no_show_label.text() == "2 absences non excusées sur les 12 derniers mois."
    assert panel.no_show_label.property("error") is False
    lucie = services.patients.search("bernard")[0]
    panel.patients.choose(lucie)
    assert panel.no_show_label.isHidden()
