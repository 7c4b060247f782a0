"""The administration window: its menu entry (administrators only), every tab's table model,
accessible names, the structure tabs' forms, and the structure file imported and exported."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desktop.domain.model import Role
from desktop.domain.structure import parse_structure
from desktop.ui.admin.models import ColumnTableModel, sites_model
from desktop.ui.admin.preview import PreviewModel
from desktop.ui.admin.window import AdministrationDialog
from desktop.ui.admin_menu import admin_menu
from desktop.ui.main_window import MainWindow
from tests.fakes import ADMIN, SECRETARY
from tests.ui.test_accessibility import unnamed


@pytest.fixture
def dialog(qtbot, hospital) -> AdministrationDialog:
    dlg = AdministrationDialog(hospital.services, lambda: ADMIN)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize(("actor", "enabled"), [(ADMIN, True), (SECRETARY, False)])
def test_the_menu_entry_is_for_administrators(qtbot, hospital, actor, enabled):
    window = MainWindow(hospital.services, actor=actor)
    qtbot.addWidget(window)
    action = window.administration.action
    assert action.text() == "&Structure et utilisateurs…"
    assert action in admin_menu(window).actions()
    assert admin_menu(window).title() == "&Administration"
    assert action.isEnabled() is enabled
    action.trigger()
    dialog = window.administration.dialog
    assert (dialog is not None) is enabled
    if enabled:
        qtbot.waitExposed(dialog)
        assert dialog.windowTitle() == "Administration — structure et utilisateurs"
        assert [dialog.tabs.tabText(i).replace("&", "") for i in range(dialog.tabs.count())] == [
            "Hôpital",
            "Sites",
            "Services",
            "Praticiens",
            "Motifs",
            "Plages horaires",
            "Absences et fermetures",
            "Utilisateurs",
            "Publication",
            "Rappels",
        ]
        dialog.reject()
        assert window.administration.dialog is None


def _models(dialog: AdministrationDialog) -> list:
    tabs = (
        dialog.sites,
        dialog.departments,
        dialog.practitioners,
        dialog.reasons,
        dialog.openings,
        dialog.absences.closures,
        dialog.absences.absences,
        dialog.users,
    )
    return [tab.model for tab in tabs] + [dialog.openings.preview_model]


def test_every_model_passes_the_model_tester(qtmodeltester, dialog, hospital):
    hospital.services.administration.users.create_user(
        ADMIN, "accueil", "Accueil", Role.SECRETARY, "Motdepasse-Sur-2027!"
    )
    dialog.users.reload()
    for model in _models(dialog):
        qtmodeltester.check(model, force_py=True)
    assert dialog.reasons.model.rowCount() == 4
    assert dialog.openings.preview_model.rowCount() == 8
    assert dialog.users.model.rowCount() == 1
    qtmodeltester.check(sites_model(), force_py=True)
    qtmodeltester.check(ColumnTableModel([]), force_py=True)
    qtmodeltester.check(PreviewModel(), force_py=True)


def test_every_tab_names_its_interactive_widgets(qtbot, dialog):
    for i in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(i)
        assert unnamed(dialog.tabs.widget(i)) == [], dialog.tabs.tabText(i)
    assert unnamed(dialog) == []


def test_a_site_a_department_and_a_practitioner_are_created_through_the_screen(
    qtbot, dialog, hospital
):
    dialog.show_tab(dialog.sites)
    _click(qtbot, dialog.sites.new_button)
    qtbot.keyClicks(dialog.sites.code_edit, "NORD")
    qtbot.keyClicks(dialog.sites.name_edit, "Site nord")
    _click(qtbot, dialog.sites.save_button)
    assert dialog.sites.message_label.text() == "Enregistré."
    assert "NORD" in {s.code for s in hospital.services.administration.structure.sites()}

    dialog.show_tab(dialog.departments)
    departments = dialog.departments
    _click(qtbot, departments.new_button)
    qtbot.keyClicks(departments.code_edit, "DERMATO")
    qtbot.keyClicks(departments.name_edit, "Dermatologie")
    departments.site_combo.setCurrentIndex(departments.site_combo.findText("Site nord"))
    _click(qtbot, departments.save_button)
    assert departments.message_label.text() == "Enregistré."

    dialog.show_tab(dialog.practitioners)
    practitioners = dialog.practitioners
    _click(qtbot, practitioners.new_button)
    qtbot.keyClicks(practitioners.code_edit, "LEROY")
    qtbot.keyClicks(practitioners.name_edit, "Dr Anne Leroy")
    practitioners.department_combo.setCurrentIndex(
        practitioners.department_combo.findText("Dermatologie")
    )
    qtbot.keyClicks(practitioners.rpps_edit, "123")
    _click(qtbot, practitioners.save_button)
    assert practitioners.message_label.text().startswith("N° RPPS : numéro RPPS invalide")
    assert "LEROY" not in {
        p.code for p in hospital.services.administration.structure.practitioners()
    }
    practitioners.rpps_edit.clear()
    _click(qtbot, practitioners.save_button)
    assert practitioners.message_label.text() == "Enregistré."
    assert practitioners.current.code == "LEROY"
    _click(qtbot, practitioners.active_button)
    assert practitioners.message_label.text() == "Praticien désactivé."
    assert practitioners.active_button.text() == "Réactiver"


def test_the_structure_file_is_imported_and_exported_from_the_screen(
    qtbot, dialog, hospital, tmp_path
):
    tab = dialog.hospital
    bad = tmp_path / "faux.toml"
    bad.write_text("[[sites]]\ncode = 'NORD'\nname = 'Nord'\ncouleur = 'bleu'\n", "utf-8")
    assert not tab.import_file(bad)
    assert tab.file_label.text().startswith("faux.toml, ligne 4, [[sites]] n° 1, clé « couleur »")
    good = tmp_path / "nord.toml"
    good.write_text("[[sites]]\ncode = 'NORD'\nname = 'Nord'\n", "utf-8")
    assert tab.import_file(good)
    assert tab.file_label.text() == "« nord.toml » chargé : 1 sites."
    out = tmp_path / "export.toml"
    assert tab.export_file(out)
    spec = parse_structure(out.read_text("utf-8"))
    assert {s.code for s in spec.sites} == {"SAT", "NORD"}
    assert tab.export_file(tmp_path / "absent" / "x.toml") is False
    assert "Impossible d'écrire" in tab.file_label.text()


def test_the_hospital_form_turns_holidays_off(qtbot, dialog, hospital):
    tab = dialog.hospital
    assert tab.holidays_combo.currentData() == "FR"
    tab.holidays_combo.setCurrentIndex(0)
    tab.phone_edit.setText("12")
    _click(qtbot, tab.save_button)
    assert "Téléphone" in tab.message_label.text()
    assert hospital.services.structure.hospital().country_holidays == "FR"
    tab.phone_edit.setText("01 49 28 20 00")
    _click(qtbot, tab.save_button)
    assert tab.message_label.text() == "Hôpital enregistré."
    assert hospital.services.structure.hospital().country_holidays is None


def test_publication_and_reminder_settings_through_the_screen(qtbot, dialog, hospital):
    publication = dialog.publication
    publication.base_edit.setText("https://creneaux.hopital.example")
    publication.horizon_spin.setValue(0)
    _click(qtbot, publication.save_button)
    assert publication.message_label.text().startswith("Horizon de publication")
    publication.horizon_spin.setValue(12)
    _click(qtbot, publication.save_button)
    assert hospital.services.administration.settings.publication().horizon_weeks == 12
    reminders = dialog.reminders
    reminders.outbox_edit.setText("/srv/rappels")
    _click(qtbot, reminders.save_button)
    assert reminders.message_label.text() == "Réglages des rappels enregistrés."
    assert hospital.services.administration.settings.reminders().outbox_dir == "/srv/rappels"


def test_without_a_signed_in_actor_nothing_is_saved(qtbot, hospital):
    dlg = AdministrationDialog(hospital.services, lambda: None)
    qtbot.addWidget(dlg)
    dlg.sites.code_edit.setText("X")
    dlg.sites.name_edit.setText("X")
    dlg.sites.save()
    assert "Connectez-vous" in dlg.sites.message_label.text()
    assert isinstance(dlg.tabs.currentWidget(), QWidget)
