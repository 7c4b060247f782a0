"""Accounts through the administration window: a physician's account created and linked to their
agenda, the password rule told on screen, a disabled account refused at sign-in, a new password,
and the overbooking right."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.domain.model import Role
from desktop.services.auth import SignInRefused
from desktop.ui.admin.window import AdministrationDialog
from tests.fakes import ADMIN
from tests.ui.accounts import PASSWORD

NEW_PASSWORD = "Autre-Secret-2028?"


@pytest.fixture
def dialog(qtbot, hospital) -> AdministrationDialog:
    dlg = AdministrationDialog(hospital.services, lambda: ADMIN)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.show_tab(dlg.users)
    return dlg


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _new_physician(qtbot, tab, password: str, again: str | None = None) -> None:
    _click(qtbot, tab.new_button)
    qtbot.keyClicks(tab.login_edit, "mdupont")
    qtbot.keyClicks(tab.name_edit, "Dr Marie Dupont")
    tab.role_combo.setCurrentIndex(tab.role_combo.findData(Role.PHYSICIAN.value))
    tab.practitioner_combo.setCurrentIndex(tab.practitioner_combo.findText("Dr Marie Dupont"))
    qtbot.keyClicks(tab.password_edit, password)
    qtbot.keyClicks(tab.again_edit, password if again is None else again)
    _click(qtbot, tab.save_button)


def test_an_account_is_created_through_the_screen(qtbot, dialog, hospital):
    tab = dialog.users
    assert tab.rule_label.isVisible()
    _new_physician(qtbot, tab, "court", "court")
    assert tab.message_label.text().startswith("Mot de passe trop faible : 12 caractères")
    _new_physician(qtbot, tab, PASSWORD, "Autre-chose-2027!")
    assert tab.message_label.text() == "Les deux mots de passe diffèrent."
    assert hospital.services.administration.users.users() == []
    _new_physician(qtbot, tab, PASSWORD)
    assert tab.message_label.text() == "Enregistré."
    [user] = hospital.services.administration.users.users()
    assert (user.login, user.role) == ("mdupont", Role.PHYSICIAN)
    actor = hospital.services.auth.authenticate("mdupont", PASSWORD, "poste")
    assert actor.practitioner_id is not None
    # Editing: the login is fixed, the password fields give way to « Nouveau mot de passe… ».
    assert tab.current.login == "mdupont"
    assert tab.login_edit.isReadOnly()
    assert not tab.password_edit.isVisible()
    assert tab.model.index(0, 3).data() == "Dr Marie Dupont"


def test_linking_an_agenda_is_for_physicians_only(qtbot, dialog):
    tab = dialog.users
    tab.role_combo.setCurrentIndex(tab.role_combo.findData(Role.SECRETARY.value))
    assert not tab.practitioner_combo.isEnabled()
    tab.role_combo.setCurrentIndex(tab.role_combo.findData(Role.PHYSICIAN.value))
    assert tab.practitioner_combo.isEnabled()


def test_disabling_an_account_and_giving_it_a_new_password(qtbot, dialog, hospital):
    tab = dialog.users
    _new_physician(qtbot, tab, PASSWORD)
    _click(qtbot, tab.active_button)
    assert tab.message_label.text() == "Compte désactivé."
    assert tab.model.index(0, 4).data() == "désactivé"
    with pytest.raises(SignInRefused):
        hospital.services.auth.authenticate("mdupont", PASSWORD)
    _click(qtbot, tab.active_button)
    assert tab.message_label.text() == "Compte réactivé."

    _click(qtbot, tab.password_button)
    password_dialog = tab.password_dialog
    qtbot.waitUntil(password_dialog.isVisible, timeout=2000)
    qtbot.keyClicks(password_dialog.password_edit, "faible")
    qtbot.keyClicks(password_dialog.again_edit, "faible")
    password_dialog.buttons.accepted.emit()
    assert password_dialog.error_label.text().startswith("Mot de passe trop faible")
    assert password_dialog.isVisible()
    password_dialog.password_edit.setText(NEW_PASSWORD)
    password_dialog.again_edit.setText(NEW_PASSWORD)
    password_dialog.buttons.accepted.emit()
    assert not password_dialog.isVisible()
    assert tab.message_label.text() == "Mot de passe de mdupont changé."
    assert hospital.services.auth.authenticate("mdupont", NEW_PASSWORD).login == "mdupont"


def test_the_overbooking_right_is_chosen_on_screen(qtbot, dialog, hospital):
    tab = dialog.users
    assert all(check.isChecked() for check in tab.overbooking_checks.values())
    tab.overbooking_checks[Role.SECRETARY].setChecked(False)
    _click(qtbot, tab.overbooking_button)
    assert tab.message_label.text() == "Surbooking permis à : médecin, administrateur."
    settings = hospital.services.administration.settings
    assert settings.overbooking_roles() == {Role.PHYSICIAN, Role.ADMIN}
