"""Signing in with the keyboard: the French dialog, the remembered login, refusals, the role."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from desktop.app import run_gui, sign_in
from desktop.domain import permissions
from desktop.domain.model import Role
from desktop.domain.permissions import Action
from desktop.services.auth import MAX_FAILURES
from desktop.ui import roles
from desktop.ui.dialogs.signin import LAST_LOGIN_KEY, SignInDialog, user_settings
from desktop.ui.main_window import MainWindow
from desktop.ui.views.agenda_panes import PAGE_LIST
from tests.fakes import PHYSICIAN, SECRETARY
from tests.ui.accounts import PASSWORD, WORKSTATION, add_user, signed_in, when
from tests.ui.scenes import MONDAY


@pytest.fixture
def dialog(qtbot, hospital):
    add_user(hospital.services, "mlefevre", Role.SECRETARY, "Mme Lefèvre")
    found = SignInDialog(
        hospital.services.auth, workstation=WORKSTATION, hospital_name="Hôpital d'essai"
    )
    qtbot.addWidget(found)
    with qtbot.waitExposed(found):
        found.show()
    return found


def type_and_enter(qtbot, dialog: SignInDialog, login: str, password: str) -> None:
    """Login, Tab, password, Enter: what a user's fingers do."""
    dialog.login_edit.setFocus()
    qtbot.keyClicks(dialog.login_edit, login)
    qtbot.keyClick(dialog.login_edit, Qt.Key.Key_Tab)
    assert dialog.password_edit.hasFocus()
    qtbot.keyClicks(dialog.password_edit, password)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)


def test_the_dialog_speaks_french(dialog):
    assert dialog.windowTitle() == "Connexion — Créneau"
    texts = {w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QPushButton)}
    assert {"&Identifiant", "&Mot de passe", "Se connecter", "Annuler"} <= texts
    assert "Hôpital d'essai" in texts
    assert f"Poste : {WORKSTATION}" in texts
    assert dialog.password_edit.echoMode() == dialog.password_edit.EchoMode.Password
    assert dialog.focusWidget() is dialog.login_edit  # nothing remembered yet


def test_signs_in_with_the_keyboard_and_remembers_the_login(qtbot, dialog, hospital):
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        type_and_enter(qtbot, dialog, "mlefevre", PASSWORD)
    actor = dialog.actor
    assert (actor.login, actor.role, actor.workstation) == ("mlefevre", Role.SECRETARY, WORKSTATION)
    assert user_settings().value(LAST_LOGIN_KEY) == "mlefevre"

    again = SignInDialog(hospital.services.auth, workstation=WORKSTATION)
    qtbot.addWidget(again)
    with qtbot.waitExposed(again):
        again.show()
    assert again.login_edit.text() == "mlefevre"
    assert again.focusWidget() is again.password_edit and again.password_edit.text() == ""


def test_settings_stay_in_the_test_s_own_config_folder(tmp_path, monkeypatch):
    first = Path(user_settings().fileName())
    assert first.is_relative_to(os.environ["XDG_CONFIG_HOME"])
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "other"))
    # QSettings() alone would keep the first folder it saw for the whole process.
    assert Path(user_settings().fileName()).is_relative_to(tmp_path / "other")
    assert first.suffix == ".ini"


def test_a_wrong_password_is_refused_in_french_and_the_dialog_stays(qtbot, dialog):
    with qtbot.waitSignal(dialog.refused, timeout=5000):
        type_and_enter(qtbot, dialog, "mlefevre", "pas-le-bon")
    assert dialog.isVisible() and dialog.actor is None
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == "Identifiant ou mot de passe incorrect."
    assert dialog.password_edit.text() == "" and dialog.password_edit.hasFocus()
    assert user_settings().value(LAST_LOGIN_KEY) is None  # only a success is remembered
    # The same dialog then signs in.
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClicks(dialog.password_edit, PASSWORD)
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.actor.login == "mlefevre"


def test_an_unknown_login_gets_the_same_message(qtbot, dialog):
    with qtbot.waitSignal(dialog.refused, timeout=5000):
        type_and_enter(qtbot, dialog, "inconnu", PASSWORD)
    assert dialog.error_label.text() == "Identifiant ou mot de passe incorrect."


def test_empty_fields_are_asked_for_without_a_round_trip(qtbot, dialog):
    qtbot.keyClick(dialog.login_edit, Qt.Key.Key_Return)
    assert dialog.error_label.text() == "Saisissez votre identifiant."
    assert dialog.login_edit.hasFocus()
    qtbot.keyClicks(dialog.login_edit, "mlefevre")
    qtbot.keyClick(dialog.login_edit, Qt.Key.Key_Return)
    assert dialog.error_label.text() == "Saisissez votre mot de passe."
    assert dialog.password_edit.hasFocus()


def test_repeated_failures_lock_the_account(qtbot, dialog):
    qtbot.keyClicks(dialog.login_edit, "mlefevre")
    for _ in range(MAX_FAILURES):
        with qtbot.waitSignal(dialog.refused, timeout=5000):
            qtbot.keyClicks(dialog.password_edit, "pas-le-bon")
            qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        assert dialog.error_label.text() == "Identifiant ou mot de passe incorrect."
    with qtbot.waitSignal(dialog.refused, timeout=5000):
        qtbot.keyClicks(dialog.password_edit, PASSWORD)
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.actor is None and dialog.isVisible()
    assert dialog.error_label.text().startswith("Compte verrouillé après plusieurs échecs")


def test_the_fields_wait_while_the_password_is_checked(qtbot, dialog):
    qtbot.keyClicks(dialog.login_edit, "mlefevre")
    qtbot.keyClicks(dialog.password_edit, "pas-le-bon")
    with qtbot.waitSignal(dialog.refused, timeout=5000):
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        # argon2 runs on a worker thread: the dialog still paints, and cannot be sent twice.
        assert not dialog.sign_in_button.isEnabled()
        assert dialog.sign_in_button.text() == "Vérification…"
    assert dialog.sign_in_button.isEnabled() and dialog.sign_in_button.text() == "Se connecter"


def test_escape_cancels(qtbot, dialog):
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.keyClick(dialog.login_edit, Qt.Key.Key_Escape)
    assert dialog.actor is None


# --- run_gui: the sign-in comes first ------------------------------------------------------------


def _sign_in_dialog():
    modal = QApplication.activeModalWidget()
    return modal if isinstance(modal, SignInDialog) and modal.isVisible() else None


def _main_window():
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    return next((w for w in found if w.isVisible()), None)


def test_run_gui_cancelled_sign_in_exits_0_without_a_window(qapp, qtbot, hospital, monkeypatch):
    monkeypatch.setenv("CRENEAU_LANG", "fr")  # whatever the machine's locale
    add_user(hospital.services, "mlefevre", Role.SECRETARY, "Mme Lefèvre")  # else: first admin
    driver = when([(_sign_in_dialog, lambda d: qtbot.keyClick(d, Qt.Key.Key_Escape))])
    assert run_gui(hospital.services, day=MONDAY) == 0
    assert not driver.isActive()
    assert _main_window() is None


def test_the_sign_in_of_run_gui_gives_the_window_its_user(qapp, qtbot, hospital):
    """``run_gui`` = ``sign_in`` + ``MainWindow(actor=…)`` + ``app.exec()``; the last one is not
    run here: a real application loop leaves the test process's QApplication changed."""
    add_user(hospital.services, "mlefevre", Role.SECRETARY, "Mme Lefèvre")

    def sign_in_with_keys(d: SignInDialog) -> None:
        assert d.findChild(QLabel, "signInPlace").text() == "Hôpital d'essai"
        qtbot.keyClicks(d.login_edit, "mlefevre")
        qtbot.keyClicks(d.password_edit, PASSWORD)
        qtbot.keyClick(d.password_edit, Qt.Key.Key_Return)

    driver = when([(_sign_in_dialog, sign_in_with_keys)])
    actor = sign_in(hospital.services)
    assert not driver.isActive()
    assert (actor.login, actor.role) == ("mlefevre", Role.SECRETARY)
    window = MainWindow(hospital.services, day=MONDAY, actor=actor)
    qtbot.addWidget(window)
    assert window.windowTitle() == "Créneau — Hôpital d'essai — Mme Lefèvre (secrétaire)"
    assert window.idle_lock is not None


# --- what the role changes ---------------------------------------------------------------------


def test_can_follows_the_roles_matrix_and_nobody_only_looks():
    assert roles.can(SECRETARY, Action.BOOK) and roles.can(SECRETARY, Action.EDIT_PATIENT)
    assert roles.can(PHYSICIAN, Action.BOOK) and not roles.can(PHYSICIAN, Action.EDIT_PATIENT)
    assert roles.can(None, Action.VIEW_AGENDA) and not roles.can(None, Action.BOOK)
    assert roles.allowed is permissions.allowed  # the domain's matrix, re-exported


def test_guard_disables_or_hides_what_the_role_may_not_do(qtbot):
    edit = QAction("Modifier le patient")
    users = QAction("Utilisateurs")
    roles.guard(edit, PHYSICIAN, Action.EDIT_PATIENT)
    roles.guard(users, PHYSICIAN, Action.MANAGE_USERS, hide=True)
    assert not edit.isEnabled() and edit.isVisible()
    assert edit.statusTip() == "Votre rôle ne permet pas de créer ou modifier un patient."
    assert not users.isEnabled() and not users.isVisible()
    roles.guard(edit, SECRETARY, Action.EDIT_PATIENT)
    assert edit.isEnabled()


@pytest.mark.parametrize(
    ("role", "label"),
    [(Role.SECRETARY, "secrétaire"), (Role.PHYSICIAN, "médecin"), (Role.ADMIN, "administrateur")],
)
def test_the_title_shows_who_is_signed_in(qtbot, hospital, role, label):
    actor = signed_in(hospital.services, "quelquun", role, "Camille Roche")
    window = MainWindow(hospital.services, actor=actor)
    qtbot.addWidget(window)
    assert window.windowTitle() == f"Créneau — Hôpital d'essai — Camille Roche ({label})"


def test_a_physician_starts_on_their_own_day_and_sees_only_their_agenda(qtbot, hospital):
    actor = signed_in(
        hospital.services, "mdupont", Role.PHYSICIAN, "Dr Marie Dupont", practitioner="DUPONT"
    )
    window = MainWindow(hospital.services, day=MONDAY, actor=actor)
    qtbot.addWidget(window)
    assert window.view == "day"
    assert [p.code for p in window.practitioners] == ["DUPONT"]
    assert [d.code for d in window.departments] == ["CARDIO"]
    assert window.toolbar.view_actions["day"].isChecked()
    assert window.stack.currentIndex() == PAGE_LIST  # « Ma journée »: the list of the day
    assert window.heading.title_label.text().startswith("Ma journée · Lundi 15 mars")
    rows = window.table_model.rows()
    assert rows and {r.appointment.practitioner_id for r in rows} == {actor.practitioner_id}
    assert window.table_view.currentIndex().row() == 0  # A / V / L act on it at once
    # The week of the same physician stays at hand.
    window.set_view("week")
    assert window.practitioner.code == "DUPONT"


def test_a_physician_of_another_department_gets_that_department(qtbot, hospital):
    actor = signed_in(
        hospital.services, "sblanc", Role.PHYSICIAN, "Dr Sophie Blanc", practitioner="BLANC"
    )
    window = MainWindow(hospital.services, actor=actor)
    qtbot.addWidget(window)
    assert (window.view, window.department.code) == ("day", "PNEUMO")
    assert [p.code for p in window.practitioners] == ["BLANC"]


def test_a_secretary_or_an_unlinked_physician_starts_on_the_department_day(qtbot, hospital):
    for login, role in (("secr", Role.SECRETARY), ("medx", Role.PHYSICIAN)):
        window = MainWindow(
            hospital.services, actor=signed_in(hospital.services, login, role, login)
        )
        qtbot.addWidget(window)
        assert (window.view, window.department.code) == ("day", "CARDIO")
        if role is Role.PHYSICIAN:  # sees no one's agenda, and is told why
            assert window.practitioners == []
            assert "relié à aucun agenda" in window.grid.empty_message


def test_settings_file_is_an_ini_under_the_application_names(qapp):
    path = Path(user_settings().fileName())
    assert path.parent.name == (qapp.organizationName() or "Créneau")
    assert path.name == f"{qapp.applicationName()}.ini"
    assert user_settings().format() == QSettings.Format.IniFormat


def test_a_physician_works_through_the_day_with_single_keys(qtbot, hospital):
    from desktop.domain.model import Status

    services = hospital.services
    actor = signed_in(services, "mdupont", Role.PHYSICIAN, "Dr Marie Dupont", practitioner="DUPONT")
    window = MainWindow(services, day=MONDAY, actor=actor)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    first = window.table_model.rows()[0].appointment
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        qtbot.keyClick(window.table_view, Qt.Key.Key_A)
    assert services.booking.appointment(first.id).status is Status.ARRIVED
    window.table_view.selectRow(0)
    with qtbot.waitSignal(window.agenda_loaded, timeout=2000):
        qtbot.keyClick(window.table_view, Qt.Key.Key_V)
    assert services.booking.appointment(first.id).status is Status.SEEN
    # Blocking time: the absence dialog offers only their own agenda.
    dialog = window.workspace.open_absence_dialog()
    assert [
        dialog.practitioner_combo.itemText(i) for i in range(dialog.practitioner_combo.count())
    ] == ["Dr Marie Dupont"]
    dialog.reject()
