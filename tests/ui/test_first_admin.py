"""« Créer le premier compte administrateur »: an empty database gets its administrator."""

from __future__ import annotations

import pytest

from desktop.domain.model import Role
from desktop.services.clock import FixedClock
from desktop.services.container import Services
from desktop.ui.dialogs.first_admin import FirstAdminDialog
from tests.conftest import TEST_NOW

PASSWORD = "Tres-Solide-2027!"


@pytest.fixture
def empty(sqlite_url):
    services = Services.open(sqlite_url, FixedClock(TEST_NOW))
    yield services
    services.db.dispose()


@pytest.fixture
def dialog(qtbot, empty):
    found = FirstAdminDialog(empty, workstation="poste-1")
    qtbot.addWidget(found)
    found.show()
    qtbot.waitExposed(found)
    return found


def fill(qtbot, dialog, login, name, password, confirm) -> None:
    for edit, text in (
        (dialog.login_edit, login),
        (dialog.name_edit, name),
        (dialog.password_edit, password),
        (dialog.confirm_edit, confirm),
    ):
        edit.clear()
        qtbot.keyClicks(edit, text)


def test_creates_the_admin_and_signs_in(qtbot, dialog, empty):
    assert dialog.windowTitle() == "Créer le premier compte administrateur"
    dialog.grab().save("/tmp/first_admin.png")
    fill(qtbot, dialog, "chef", "Dr Chef", PASSWORD, PASSWORD)
    with qtbot.waitSignal(dialog.accepted):
        dialog.create_button.click()
    assert (dialog.actor.login, dialog.actor.role) == ("chef", Role.ADMIN)
    assert empty.administration.users.has_users()


def test_french_errors_and_nothing_created(qtbot, dialog, empty):
    fill(qtbot, dialog, "chef", "Dr Chef", PASSWORD, PASSWORD + "x")
    with qtbot.waitSignal(dialog.refused) as refused:
        dialog.create_button.click()
    assert refused.args == ["Les deux mots de passe diffèrent."]
    fill(qtbot, dialog, "chef", "Dr Chef", "court", "court")
    with qtbot.waitSignal(dialog.refused) as refused:
        dialog.create_button.click()
    assert refused.args[0].startswith("Mot de passe trop faible")
    assert dialog.error_label.isVisible() and dialog.isVisible()
    assert not empty.administration.users.has_users()


def test_refused_when_an_account_exists(qtbot, dialog, empty):
    empty.administration.users.bootstrap_admin("premier", "Premier", PASSWORD)
    fill(qtbot, dialog, "chef", "Dr Chef", PASSWORD, PASSWORD)
    with qtbot.waitSignal(dialog.refused) as refused:
        dialog.create_button.click()
    assert refused.args[0].startswith("Des comptes existent déjà")
    assert dialog.actor is None


def test_sign_in_on_an_empty_database_asks_for_the_first_admin(qtbot, empty):
    from PySide6.QtWidgets import QApplication

    from desktop.app import sign_in
    from tests.ui.accounts import when

    def shown():
        modal = QApplication.activeModalWidget()
        return modal if isinstance(modal, FirstAdminDialog) and modal.isVisible() else None

    def create(d: FirstAdminDialog) -> None:
        fill(qtbot, d, "chef", "Dr Chef", PASSWORD, PASSWORD)
        d.create_button.click()

    driver = when([(shown, create)])
    actor = sign_in(empty)
    assert not driver.isActive()
    assert (actor.login, actor.role) == ("chef", Role.ADMIN)
