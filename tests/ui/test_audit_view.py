"""The audit screen: its Administration menu entry (administrators only), the filters, the table
model, the CSV export through the file dialog, the integrity check, and a refusal said in French."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QFileDialog, QMenu

from desktop.domain.model import AuditEntry
from desktop.domain.spreadsheet import BOM
from desktop.services.audit import AuditFilter
from desktop.ui.admin_menu import ADMIN_MENU_NAME, admin_menu
from desktop.ui.main_window import MainWindow
from desktop.ui.models.audit_table import (
    COL_ACTION,
    COL_DETAILS,
    COL_OBJECT,
    COL_PATIENT,
    COL_PRACTITIONER,
    AuditTableModel,
    details_text,
)
from desktop.ui.views.audit_view import AuditDialog
from tests.conftest import TEST_NOW
from tests.fakes import ADMIN, SECRETARY
from tests.ui.scenes import MONDAY, book, ids_of, patient

ROGUE = replace(SECRETARY, workstation='=HYPERLINK("http://evil.example","x")')


@pytest.fixture
def dialog(qtbot, hospital):
    d = AuditDialog(hospital.services, lambda: ADMIN)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def load(qtbot, d: AuditDialog) -> int:
    with qtbot.waitSignal(d.loaded, timeout=10_000) as blocker:
        d.search()
    return blocker.args[0]


def shown(d: AuditDialog) -> list[AuditEntry]:
    return d.model.rows()


def test_menu_entry_is_offered_to_administrators_only(qtbot, hospital):
    admin = MainWindow(hospital.services, day=MONDAY, actor=ADMIN)
    qtbot.addWidget(admin)
    assert admin.audit_action.isEnabled()
    menu = admin.menuBar().findChild(QMenu, ADMIN_MENU_NAME)
    assert menu is admin_menu(admin) and menu.title() == "&Administration"
    assert admin.audit_action in menu.actions()
    assert admin.audit_action.text() == "&Journal d'audit…"
    admin.audit_action.trigger()
    opened = admin.findChild(AuditDialog)
    assert opened is not None and opened.isVisible()
    qtbot.waitUntil(lambda: opened.model.rowCount() > 0, timeout=10_000)
    opened.close()

    secretary = MainWindow(hospital.services, day=MONDAY, actor=SECRETARY)
    qtbot.addWidget(secretary)
    assert not secretary.audit_action.isEnabled()
    secretary.audit_action.trigger()
    assert secretary.findChild(AuditDialog) is None


def test_the_table_model_passes_the_model_tester(qtmodeltester, qtbot, dialog):
    assert load(qtbot, dialog) > 0
    qtmodeltester.check(dialog.model, force_py=True)
    qtmodeltester.check(AuditTableModel(dialog.model._calendar), force_py=True)
    first = shown(dialog)
    assert [e.id for e in first] == sorted((e.id for e in first), reverse=True)
    booked = next(i for i, e in enumerate(first) if e.action == "appointment.book")
    model = dialog.model
    assert model.index(booked, COL_ACTION).data() == "Rendez-vous pris"
    assert model.index(booked, COL_OBJECT).data().startswith("Rendez-vous n° ")
    assert model.index(booked, COL_PATIENT).data().startswith("n° ")
    assert model.index(booked, COL_PRACTITIONER).data().startswith("Dr ")
    assert "Après" in model.index(booked, COL_DETAILS).data(3)  # tooltip: both states


def test_filters_by_patient_user_practitioner_action_and_period(qtbot, dialog, hospital):
    services = hospital.services
    ids = ids_of(services)
    lucie = services.patients.search("Bernard")[0].id
    dialog.patient_edit.setText(str(lucie))
    load(qtbot, dialog)
    assert shown(dialog) and {e.patient_id for e in shown(dialog)} == {lucie}

    dialog.patient_edit.setText("bernard")  # a search by name, one match
    load(qtbot, dialog)
    assert {e.patient_id for e in shown(dialog)} == {lucie}
    dialog.patient_edit.clear()

    dialog.practitioner_combo.setCurrentIndex(
        dialog.practitioner_combo.findData(ids.practitioners["DUPONT"])
    )
    dialog.action_combo.setCurrentIndex(dialog.action_combo.findData("appointment."))
    load(qtbot, dialog)
    rows = shown(dialog)
    assert rows and all(e.action.startswith("appointment.") for e in rows)
    assert {e.practitioner_id for e in rows} == {ids.practitioners["DUPONT"]}

    dialog.practitioner_combo.setCurrentIndex(0)
    dialog.action_combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: dialog.user_combo.count() > 1, timeout=10_000)
    dialog.user_combo.setCurrentText(ADMIN.login)
    load(qtbot, dialog)
    assert shown(dialog) and {e.actor for e in shown(dialog)} == {ADMIN.login}

    tomorrow = (TEST_NOW + timedelta(days=1)).date()
    dialog.from_edit.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    dialog.to_edit.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    assert load(qtbot, dialog) == 0
    assert dialog.status.text() == "Aucun enregistrement ne correspond à ces filtres."
    dialog.all_dates.setChecked(True)
    assert not dialog.from_edit.isEnabled()
    assert load(qtbot, dialog) > 0


def test_several_patients_found_are_offered_to_choose(qtbot, dialog, hospital):
    services = hospital.services
    first = patient(services, "Homonyme", "Jean", "1950-01-01")
    second = patient(services, "Homonyme", "Jeanne", "1960-01-01")
    dialog.patient_edit.setText("homonyme")
    load(qtbot, dialog)
    assert dialog.patient_choice.isVisible() and dialog.patient_choice.count() == 2
    chosen = dialog.patient_choice.currentData()
    assert chosen in (first, second)
    assert {e.patient_id for e in shown(dialog)} == {chosen}
    dialog.patient_edit.setText("personne-de-ce-nom")
    dialog.patient_edit.textEdited.emit("personne-de-ce-nom")
    dialog.search()
    assert "Aucun patient ne correspond" in dialog.status.text()


def test_export_writes_a_csv_with_formulas_neutralised(
    qtbot, dialog, hospital, tmp_path, monkeypatch
):
    services = hospital.services
    who = patient(services, "Formule", "Eve", "1990-02-02")
    first = book(services, "MARTIN", "CARDIO-1", who, MONDAY + timedelta(days=7), "09:00")
    services.booking.book(
        ROGUE, first.practitioner_id, first.visit_reason_id, who, first.start + timedelta(hours=1)
    )
    target = tmp_path / "export"  # the extension is added
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Fichiers CSV (*.csv)")
    )
    dialog.patient_edit.setText(str(who))
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as blocker:
        dialog.export_button.click()
    path = blocker.args[0]
    assert path.endswith("export.csv")
    content = (tmp_path / "export.csv").read_bytes().decode("utf-8")
    assert content.startswith(BOM)
    rows = list(csv.reader(io.StringIO(content[len(BOM) :], newline=""), delimiter=";"))
    assert [r[5] for r in rows[1:]] == ["patient.create", "appointment.book", "appointment.book"]
    assert rows[-1][3] == "'" + ROGUE.workstation
    assert dialog.status.text() == f"Journal d'audit exporté dans {path}."
    exports = services.audit.search(ADMIN, AuditFilter(action="audit.export"))
    assert exports and exports[0].after["patient_id"] == who


def test_verify_button_reports_an_intact_trail(qtbot, dialog):
    with qtbot.waitSignal(dialog.verified, timeout=10_000) as blocker:
        dialog.verify_button.click()
    assert blocker.args == [True]
    assert dialog.status.text().startswith("Journal d'audit intègre : ")


def test_a_refused_search_is_said_in_french_and_audited(qtbot, hospital):
    d = AuditDialog(hospital.services, lambda: SECRETARY)
    qtbot.addWidget(d)
    d.search()
    qtbot.waitUntil(lambda: "Votre rôle ne permet pas" in d.status.text(), timeout=10_000)
    d.wait()
    assert d.model.rowCount() == 0
    refused = hospital.services.audit.search(ADMIN, AuditFilter(action="refused"))
    assert refused[0].actor == SECRETARY.login and refused[0].object_type == "audit"


def test_details_summarise_what_changed():
    entry = AuditEntry(
        1, TEST_NOW, "a", "w", "appointment.status", "appointment", 3,
        {"status": "booked", "version": 1, "overbooked": False},
        {"status": "arrived", "version": 2, "overbooked": False},
    )  # fmt: skip
    assert details_text(entry) == "état : réservé → arrivé ; version : 1 → 2"
    created = replace(entry, before=None, after={"phones": 2, "x": None, "overbooked": True})
    assert details_text(created) == "téléphones : 2 ; x : — ; surbooking : oui"
    assert details_text(replace(entry, after=entry.before)) == "aucun changement"
    refused = replace(entry, action="refused", before=None, after={"action": "see_audit"})
    assert details_text(refused) == "action refusée : consulter le journal d'audit"
    assert details_text(replace(entry, before=None, after={"t": "x" * 500})).endswith("…")
