"""« Publier les créneaux maintenant », the automatic republication and the policy dialog."""

from __future__ import annotations

import json

import pytest

from desktop.domain.publication_policy import Embargo
from desktop.publish.writer import verify
from desktop.ui.main_window import MainWindow
from desktop.ui.publication_policy_dialog import PublicationPolicyDialog
from tests.fakes import ADMIN, SECRETARY
from tests.ui.scenes import MONDAY, book, patient


@pytest.fixture
def configured(hospital, tmp_path):
    services = hospital.services
    services.administration.settings.save_publication(
        ADMIN, "https://hopital.example/creneaux/", "https://hopital.example/rdv", 4, ""
    )
    services.publication.save_target(ADMIN, str(tmp_path / "www"), True)
    return hospital


def admin_window(qtbot, hospital, actor=ADMIN) -> MainWindow:
    window = MainWindow(hospital.services, actor=actor)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_publish_now_runs_off_the_gui_thread_and_says_what_it_published(
    qtbot, configured, tmp_path
):
    window = admin_window(qtbot, configured)
    install = window.publication
    titles = [a.text() for a in window.findChild(type(window.menuBar()), None).actions()]
    assert any("Administration" in t for t in titles)
    assert install.publish_action.isEnabled() and install.policy_action.isEnabled()
    with qtbot.waitSignal(install.published, timeout=20_000) as signal:
        assert install.publish_now()
        assert install.running  # the work is on a worker thread
    report = signal.args[0]
    assert report.slots > 0 and verify(tmp_path / "www").ok
    assert "Créneaux publiés" in window.message_bar.text() and str(report.slots) in (
        window.message_bar.text()
    )
    window.grab().save(str(tmp_path / "published.png"))


def test_a_secretary_cannot_publish(qtbot, configured, tmp_path):
    window = admin_window(qtbot, configured, SECRETARY)
    install = window.publication
    assert not install.publish_action.isEnabled() and not install.policy_action.isEnabled()
    assert not install.publish_now()
    assert "publier les créneaux libres" in window.message_bar.text()
    assert install.open_dialog() is None
    assert not (tmp_path / "www").exists()


def test_a_failed_publication_is_said(qtbot, configured):
    configured.services.publication.save_target(ADMIN, "", True)
    window = admin_window(qtbot, configured)
    with qtbot.waitSignal(window.publication.failed, timeout=20_000) as signal:
        window.publication.publish_now()
    assert "Aucun dossier de publication" in signal.args[0]
    assert "La publication a échoué" in window.message_bar.text()


def test_changes_are_republished_after_a_quiet_delay_and_only_once(qtbot, configured, tmp_path):
    window = admin_window(qtbot, configured)
    install = window.publication
    install.timer.setInterval(100)
    published: list = []
    install.published.connect(published.append)
    someone = patient(configured.services, "Lefèvre", "Hugo", "1970-01-01")
    with qtbot.waitSignal(install.published, timeout=20_000):
        book(configured.services, "MARTIN", "CARDIO-1", someone, MONDAY.replace(day=22), "10:00")
        window.live_refresh.poll()  # the change seen: the timer starts
        assert install.timer.isActive()
    manifest = json.loads((tmp_path / "www" / "$bulk-publish").read_text())
    assert manifest["transactionTime"] and verify(tmp_path / "www").ok
    # The publication's own audit record is a change for the live refresh, not for the feed.
    window.live_refresh.poll()
    qtbot.waitUntil(lambda: not install.timer.isActive() and not install.running, timeout=10_000)
    install.wait()
    qtbot.wait(50)
    assert len(published) == 1


def test_the_policy_dialog_edits_folder_and_policies(qtbot, qtmodeltester, configured, tmp_path):
    services = configured.services
    dialog = PublicationPolicyDialog(services, lambda: ADMIN)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtmodeltester.check(dialog.model)
    assert dialog.folder_edit.text() == str(tmp_path / "www") and dialog.auto_check.isChecked()
    dialog.practitioner_combo.setCurrentIndex(dialog.practitioner_combo.findText("Dr Marie Dupont"))
    dialog.horizon_spin.setValue(6)
    dialog.share_spin.setValue(60)
    dialog.from_edit.setDate(MONDAY.replace(day=22))
    dialog.to_edit.setDate(MONDAY.replace(day=23))
    dialog.embargo_reason_edit.setText("Congrès")
    dialog.add_embargo()
    assert dialog.embargo_list.count() == 1
    assert dialog.save_policy(), dialog.message.text()
    (policy,) = services.publication.policies()
    assert (policy.horizon_weeks, policy.share_percent) == (6, 60)
    assert policy.embargoes == (Embargo(MONDAY.replace(day=22), MONDAY.replace(day=23), "Congrès"),)
    assert dialog.model.rowCount() == 1 and "60 %" in dialog.model.index(0, 3).data()
    qtmodeltester.check(dialog.model)
    dialog.grab().save(str(tmp_path / "policy_dialog.png"))
    # A second policy for the same practitioner and reasons is refused, nothing changed.
    dialog.new_policy()
    dialog.practitioner_combo.setCurrentIndex(dialog.practitioner_combo.findText("Dr Marie Dupont"))
    assert not dialog.save_policy()
    assert "déjà une politique" in dialog.message.text()
    assert len(services.publication.policies()) == 1
    dialog.view.selectRow(0)
    assert dialog.delete_button.isEnabled() and dialog.delete_policy()
    assert services.publication.policies() == []
    dialog.folder_edit.setText(str(tmp_path / "ailleurs"))
    dialog.auto_check.setChecked(False)
    assert dialog.save_target()
    assert services.publication.target().out_dir == str(tmp_path / "ailleurs")
    assert not services.publication.target().auto_publish
    for widget in (dialog.folder_edit, dialog.share_spin, dialog.view, dialog.save_button):
        assert widget.accessibleName()
