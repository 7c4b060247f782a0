"""« Conservation des données… »: settings saved, preview counts, purge after confirmation."""

from __future__ import annotations

from desktop.services.clock import FixedClock
from desktop.services.container import Services
from desktop.ui.dialogs.retention_dialog import RetentionDialog
from desktop.ui.main_window import MainWindow
from tests.conftest import TEST_NOW
from tests.fakes import ADMIN, SECRETARY


def later(hospital, years: int) -> Services:
    """The same database, seen ``years`` later (everything in it is then old)."""
    clock = FixedClock(TEST_NOW.replace(year=TEST_NOW.year + years))
    return Services.create(hospital.services.db, clock)


def test_preview_save_and_purge(qtbot, hospital):
    services = later(hospital, 2)
    dialog = RetentionDialog(services, ADMIN)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Conservation des données"
    assert dialog.audit_months.value() == 12 and dialog.appointment_years.value() == 20
    assert "Seraient supprimés" in dialog.preview_label.text()
    assert " 0 rendez-vous" in dialog.preview_label.text()
    assert dialog.purge_button.isEnabled()  # the audit trail of two years ago

    dialog.appointment_years.setValue(1)
    dialog.save_button.click()
    assert services.retention.settings().appointment_years == 1
    assert "6 rendez-vous" in dialog.preview_label.text()
    dialog.grab().save("/tmp/retention_dialog.png")

    dialog.confirm = lambda: False
    dialog.purge_button.click()
    assert services.retention.preview(ADMIN).appointments == 6  # nothing done

    dialog.confirm = lambda: True
    with qtbot.waitSignal(dialog.purged, timeout=10000) as done:
        dialog.purge_button.click()
    assert done.args[0].appointments == 6
    assert "Purge faite" in dialog.message_label.text()
    assert not dialog.purge_button.isEnabled()
    assert services.audit.verify().ok


def test_a_refusal_shows_a_french_message(qtbot, hospital):
    dialog = RetentionDialog(hospital.services, SECRETARY)
    qtbot.addWidget(dialog)
    assert dialog.message_label.text().startswith("Votre rôle ne permet pas")
    with qtbot.waitSignal(dialog.failed):
        dialog.save_button.click()
    assert hospital.services.retention.settings().audit_months == 12


def test_menu_entry_is_only_for_administrators(qtbot, hospital):
    for actor, enabled in ((ADMIN, True), (SECRETARY, False)):
        window = MainWindow(hospital.services, actor=actor)
        qtbot.addWidget(window)
        assert window.retention_action.text() == "&Conservation des données…"
        assert window.retention_action.isEnabled() is enabled
