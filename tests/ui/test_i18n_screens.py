"""The administration window, the backup and database screens, the SMS outbox, the inbox of
online requests and the audit screen in English: no French word of their own is left
(``tests.ui.test_i18n``'s walk), only the data (names, visit reasons, settings' values, the SMS
written in French)."""

from __future__ import annotations

import json
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QTableView

from desktop.domain.model import Role
from desktop.domain.settings import HTTP_BODY_FIELDS
from desktop.domain.sms_text import DEFAULT_TEMPLATES, TEMPLATE_FIELDS, ReminderKind, render
from desktop.ui import i18n
from desktop.ui.admin.reminder_fields import EXAMPLE
from desktop.ui.admin.window import AdministrationDialog
from desktop.ui.admin_menu import ADMIN_MENU_NAME
from desktop.ui.application import create_application
from desktop.ui.dialogs.database_problem import DatabaseProblemDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.views.audit_view import AuditDialog
from tests.conftest import TEST_NOW
from tests.e2e.hospital import booking_hospital
from tests.fakes import ADMIN, SECRETARY
from tests.services.request_helpers import NEXT_MONDAY, at, slot_of
from tests.ui.scenes import MONDAY
from tests.ui.test_i18n import _french_left, _screen_texts


@pytest.fixture
def english(qapp):
    app = create_application()
    assert i18n.apply_language(app, "en")
    yield app
    i18n.apply_language(app, "fr")


def _data_of(services) -> set[str]:
    """What the hospital's data and settings say, shown as they are in either language."""
    admin = services.administration
    structure = admin.structure
    data = {services.structure.hospital().name, "Urgence", "Créneau"}
    data |= {f"{{{name}}}" for name in (*TEMPLATE_FIELDS, *HTTP_BODY_FIELDS)}
    data |= {p.display_name for p in services.patients.search("", limit=1000)}
    for site in structure.sites():
        data |= {site.name, site.address, site.code}
    for item in (*structure.departments(), *structure.practitioners()):
        data |= {item.name, item.code}
    for reason in structure.visit_reasons():
        data |= {reason.label, reason.code, reason.instructions}
    for user in admin.users.users():
        data |= {user.login, user.display_name}
    data |= {c.reason for c in admin.openings.closures()}
    for reminder in services.reminders.outbox():  # the SMS are written in French
        data |= {reminder.text, reminder.reply}
    data.add(render(DEFAULT_TEMPLATES[ReminderKind.CONFIRMATION], EXAMPLE))
    return data


def test_the_administration_window_speaks_english(qtbot, hospital, english):
    hospital.services.administration.users.create_user(
        ADMIN, "accueil", "Accueil", Role.SECRETARY, "Motdepasse-Sur-2027!"
    )
    dialog = AdministrationDialog(hospital.services, lambda: ADMIN)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Administration — structure and users"
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "&Hospital", "&Sites", "&Departments", "&Practitioners", "&Visit reasons",
        "&Opening hours", "&Absences and closures", "&Users", "Pu&blication", "&Reminders",
    ]  # fmt: skip
    model = dialog.reasons.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
        "Label", "Code", "Department",
    ]  # fmt: skip
    assert dialog.openings.weekday_combo.itemText(0) == "Monday"
    assert dialog.openings.preview_model.headerData(0, Qt.Orientation.Horizontal) == "Monday"
    found: list[str] = []
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        for view in dialog.tabs.widget(index).findChildren(QTableView):
            if view.model().rowCount():
                view.selectRow(0)  # its form filled
        found += _screen_texts(dialog)
    users = dialog.users
    assert users.select_item(lambda u: u.login == "accueil")
    users.password_button.click()
    found += _screen_texts(users.password_dialog)
    users.password_dialog.reject()
    assert _french_left(found, _data_of(hospital.services)) == []


def test_the_backup_and_database_screens_speak_english(qtbot, hospital, english, tmp_path):
    window = MainWindow(hospital.services, day=MONDAY, actor=ADMIN)
    qtbot.addWidget(window)
    assert window.backups.action.text() == "&Backup…"
    dialog = window.backups.open_dialog()
    qtbot.waitExposed(dialog)
    dialog.folder_edit.setText(str(tmp_path))
    dialog.backup_to(tmp_path / "copy.zip")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=30_000)
    assert dialog.model.headerData(0, Qt.Orientation.Horizontal) == "Date"
    assert dialog.model.index(0, 5).data().endswith("B")  # "120 KB", not "120 Ko"
    found = _screen_texts(dialog)
    dialog._tasks.wait(30_000)
    dialog.close()
    problem = DatabaseProblemDialog(
        "Base introuvable.", "missing", "", list_backups=lambda _f: [], restore=lambda *_: None
    )
    qtbot.addWidget(problem)
    assert problem.quit_button.text() == "&Quit"
    found += [t for t in _screen_texts(problem) if t != "Base introuvable."]
    assert _french_left(found, _data_of(hospital.services) | {str(tmp_path)}) == []


def test_the_outbox_speaks_english(qtbot, hospital, english):
    window = MainWindow(hospital.services, day=MONDAY, actor=SECRETARY)
    qtbot.addWidget(window)
    assert window.outbox.action.text() == "&SMS reminders…"
    dialog = window.outbox.open_dialog()
    qtbot.waitExposed(dialog)
    model = dialog.model
    assert model.rowCount() > 0
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Due"
    assert dialog.status_combo.itemText(0) == "All SMS"
    assert dialog.length_label.text().startswith("Length: 1 SMS (GSM-7, ")
    tip = model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.endswith(" characters)")
    assert _french_left(_screen_texts(dialog), _data_of(hospital.services)) == []
    dialog.close()


@pytest.fixture
def online(sqlite_url):
    """A hospital with one request from the booking page, its slot held."""
    services = booking_hospital(sqlite_url, TEST_NOW)
    body = {
        "slot": slot_of(services, at(NEXT_MONDAY, "09:00"), "DUPONT"),
        "family_name": "Durand",
        "given_names": "Léa",
        "birth_date": "1990-05-04",
        "phone": "06 12 34 56 78",
        "message": "Plutôt le matin",
    }
    assert services.requests.receive(json.dumps(body).encode(), "203.0.113.7").held
    yield services
    services.db.dispose()


def test_the_request_inbox_speaks_english(qtbot, online, english):
    window = MainWindow(online, day=NEXT_MONDAY, actor=SECRETARY)
    qtbot.addWidget(window)
    feature = window.request_inbox
    assert feature.action.text() == "Online &requests (1)"
    window.show()
    feature.show_inbox()
    inbox = feature.inbox
    qtbot.waitUntil(lambda: inbox.model.rowCount() == 1)
    assert inbox.select_request(inbox.model.rows()[0].entry.request.id)
    assert inbox.model.headerData(1, Qt.Orientation.Horizontal) == "Slot"
    assert inbox.accept_button.text() == "&Accept"
    found = [*_screen_texts(feature.dock), feature.badge.text()]
    for dialog in (inbox.open_propose_dialog(), inbox.open_decline_dialog()):
        found += _screen_texts(dialog)
        dialog.reject()
    assert _french_left(found, _data_of(online) | {"Plutôt le matin"}) == []


# The audit screen's own French words that the general lists do not hold.
AUDIT_WORDS = re.compile(
    r"\b(Journal|Utilisateurs?|Poste|Objet|Détails|Rechercher|Vérifi\w*|intègre|intégrité|"
    r"Péri\w*ode|Filtrer|connexions?|Démonstration|heure|début|motif|canal|courriel|Avant|"
    r"Après|toutes actions|Connectez|plus récent|n°|fermetures|plages|praticiens|motifs)\b",
    re.IGNORECASE,
)


def test_the_audit_screen_and_the_administration_menu_speak_english(qtbot, hospital, english):
    services = hospital.services
    window = MainWindow(services, day=MONDAY, actor=ADMIN)
    qtbot.addWidget(window)
    menu = window.menuBar().findChild(QMenu, ADMIN_MENU_NAME)
    assert menu.title() == "&Administration"
    assert window.audit_action.text() == "&Audit trail…"
    entries = [t for a in menu.actions() for t in (a.text(), a.statusTip()) if t]
    assert "&Backup…" in entries and "&Structure and users…" in entries
    found = [*entries, menu.accessibleName()]
    window.audit_action.trigger()
    dialog = window.findChild(AuditDialog)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=10_000)
    dialog.wait()
    assert dialog.windowTitle() == "Audit trail"
    assert dialog.status.text().endswith(" records, newest first.")
    model = dialog.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
        "Date and time", "User", "Workstation",
    ]  # fmt: skip
    actions = [model.index(r, 3).data() for r in range(model.rowCount())]
    assert "Appointment booked" in actions
    assert dialog.action_combo.itemText(1) == "Appointments (all actions)"
    found += _screen_texts(dialog)
    with qtbot.waitSignal(dialog.verified, timeout=10_000):
        dialog.verify_button.click()
    assert dialog.status.text().startswith("Audit trail intact: ")
    found.append(dialog.status.text())
    dialog.patient_edit.setText("personne-de-ce-nom")
    dialog.search()
    assert dialog.status.text() == "No patient matches “personne-de-ce-nom”."
    data = _data_of(services) | {e.workstation for e in model.rows()}
    for entry in model.rows():  # the tooltips show the states as stored
        for state in (entry.before, entry.after):
            data.add(json.dumps(state, ensure_ascii=False, sort_keys=True))
    assert _french_left(found, data) == []
    for value in sorted((d for d in data if d), key=len, reverse=True):
        found = [t.replace(value, "") for t in found]
    assert [t for t in found if AUDIT_WORDS.search(t)] == []
    dialog.close()


def test_the_walk_sees_the_french_screens(qtbot, hospital):
    """The check above is not blind: in French, the same walk finds the screens' own words."""
    window = MainWindow(hospital.services, day=MONDAY, actor=SECRETARY)
    qtbot.addWidget(window)
    dialog = window.outbox.open_dialog()
    qtbot.waitExposed(dialog)
    left = _french_left(_screen_texts(dialog), _data_of(hospital.services))
    assert {"Échéance", "Essais", "Réessayer", "Tous les SMS"} <= set(left)
    dialog.close()
