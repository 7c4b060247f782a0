"""Visit reasons and weekly openings through the administration window: a new visit reason, a new
opening and its preview before it is saved, the warning listing the appointments a change would
leave outside every opening, and a closure over a booked day.

"Now" is TEST_NOW, Monday 15 March 2027 10:00 in Paris; Dupont has an appointment on Monday
22 March at 09:00 (``hospital.appointments["dupont-next"]``).
"""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt, QTime

from desktop.domain.model import Weeks
from desktop.ui.admin.window import AdministrationDialog
from tests.fakes import ADMIN


@pytest.fixture
def dialog(qtbot, hospital) -> AdministrationDialog:
    dlg = AdministrationDialog(hospital.services, lambda: ADMIN)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _check_reason(tab, label_start: str) -> None:
    for i in range(tab.reasons_list.count()):
        item = tab.reasons_list.item(i)
        if item.text().startswith(label_start):
            item.setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(f"no visit reason {label_start!r}")


def test_a_visit_reason_is_created_through_the_screen(qtbot, dialog, hospital):
    tab = dialog.reasons
    dialog.show_tab(tab)
    _click(qtbot, tab.new_button)
    qtbot.keyClicks(tab.label_edit, "Test d'effort")
    qtbot.keyClicks(tab.code_edit, "CARDIO-EFFORT")
    tab.department_combo.setCurrentIndex(tab.department_combo.findText("Cardiologie"))
    tab.duration_spin.setValue(0)
    _click(qtbot, tab.save_button)
    assert tab.message_label.text() == "Durée (min) : 0 hors des bornes (de 1 à 720)."
    codes = {v.code for v in hospital.services.administration.structure.visit_reasons()}
    assert "CARDIO-EFFORT" not in codes
    tab.duration_spin.setValue(40)
    tab.online_check.setChecked(True)
    tab.notice_spin.setValue(48)
    tab.color_edit.setText("#aa3377")
    tab.instructions_edit.setPlainText("Venir en tenue de sport.")
    _click(qtbot, tab.save_button)
    assert tab.message_label.text() == "Enregistré."
    saved = {v.code: v for v in hospital.services.administration.structure.visit_reasons()}
    effort = saved["CARDIO-EFFORT"]
    assert (effort.duration_min, effort.online, effort.min_notice_hours) == (40, True, 48)
    assert (effort.color, effort.instructions) == ("#aa3377", "Venir en tenue de sport.")
    assert tab.current.id == effort.id


def test_an_opening_is_previewed_before_saving_then_saved(qtbot, dialog, hospital):
    tab = dialog.openings
    dialog.show_tab(tab)
    tab.practitioner_combo.setCurrentIndex(tab.practitioner_combo.findText("Dr Sophie Blanc"))
    assert tab.model.rowCount() == 1
    before = tab.preview_model.weeks()
    assert all(not day.slots for week in before for day in week.days[1:])
    _click(qtbot, tab.new_button)
    tab.weekday_combo.setCurrentIndex(2)  # Wednesday
    tab.start_edit.setTime(QTime(14, 0))
    tab.end_edit.setTime(QTime(16, 0))
    tab.step_spin.setValue(30)
    tab.weeks_combo.setCurrentIndex(tab.weeks_combo.findData(Weeks.EVEN.value))
    _check_reason(tab, "Explorations fonctionnelles")
    # Not saved yet, already previewed: Wednesdays of even weeks, 14:00–16:00, four 30-min slots.
    weeks = tab.preview_model.weeks()
    wednesdays = {w.number: w.days[2] for w in weeks}
    assert [f"{s.start:%H:%M}" for s in wednesdays[12].slots] == [
        "14:00",
        "14:30",
        "15:00",
        "15:30",
    ]
    assert wednesdays[11].slots == ()
    assert wednesdays[11].notes == ("14:00–16:00 : semaines paires seulement",)
    index = tab.preview_model.index([w.number for w in weeks].index(12), 2)
    assert index.data() == "14:00–16:00\n4 créneaux"
    assert "14:00, 14:30, 15:00, 15:30" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert hospital.services.administration.openings.openings(tab.practitioner_id()) == [
        tab.model.row_at(0)
    ]
    _click(qtbot, tab.save_button)
    assert tab.message_label.text() == "Plage horaire enregistrée."
    saved = hospital.services.administration.openings.openings(tab.practitioner_id())
    assert [(o.weekday, o.start, o.end, o.weeks) for o in saved] == [
        (0, time(8, 30), time(12), Weeks.ALL),
        (2, time(14), time(16), Weeks.EVEN),
    ]
    assert tab.model.rowCount() == 2


def test_a_bad_opening_is_said_in_french_and_not_saved(qtbot, dialog, hospital):
    tab = dialog.openings
    dialog.show_tab(tab)
    _click(qtbot, tab.new_button)
    tab.start_edit.setTime(QTime(12, 0))
    tab.end_edit.setTime(QTime(9, 0))
    _check_reason(tab, "Consultation de suivi")
    _click(qtbot, tab.save_button)
    assert tab.message_label.text() == "Fin : la fin (09:00) doit suivre le début (12:00)."
    assert len(hospital.services.administration.openings.openings(tab.practitioner_id())) == 2


def _select_dupont_morning(tab) -> None:
    tab.practitioner_combo.setCurrentIndex(tab.practitioner_combo.findText("Dr Marie Dupont"))
    row = tab.model.row_of(lambda o: o.start == time(9))
    tab.view.selectRow(row)
    assert tab.current.start == time(9)


def test_narrowing_an_opening_lists_the_appointments_and_asks(qtbot, dialog, hospital):
    tab = dialog.openings
    dialog.show_tab(tab)
    _select_dupont_morning(tab)
    tab.start_edit.setTime(QTime(10, 0))
    _click(qtbot, tab.save_button)
    warning = tab.orphan_dialog
    qtbot.waitUntil(warning.isVisible, timeout=2000)
    assert warning.windowTitle() == "Rendez-vous hors des plages horaires"
    lines = [warning.list.item(i).text() for i in range(warning.list.count())]
    assert len(lines) == 1
    assert lines[0].startswith("lundi 22/03/2027 09:00 — NGUYỄN Thị Mai — Dr Marie Dupont")
    assert "1 rendez-vous à venir en dehors de toute plage horaire" in warning.message_label.text()
    _click(qtbot, warning.cancel_button)
    assert not warning.isVisible()
    opening = hospital.services.administration.openings.openings(tab.practitioner_id())[0]
    assert opening.start == time(9)

    _click(qtbot, tab.save_button)
    warning = tab.orphan_dialog
    qtbot.waitUntil(warning.isVisible, timeout=2000)
    _click(qtbot, warning.confirm_button)
    assert tab.message_label.text().startswith("Plage horaire enregistrée.")
    opening = hospital.services.administration.openings.openings(tab.practitioner_id())[0]
    assert opening.start == time(10)
    kept = hospital.appointments["dupont-next"]
    assert hospital.services.booking.appointment(kept.id).start == kept.start


def test_deleting_an_opening_asks_too(qtbot, dialog, hospital):
    tab = dialog.openings
    dialog.show_tab(tab)
    _select_dupont_morning(tab)
    _click(qtbot, tab.delete_button)
    qtbot.waitUntil(tab.orphan_dialog.isVisible, timeout=2000)
    _click(qtbot, tab.orphan_dialog.confirm_button)
    assert tab.message_label.text().startswith("Plage horaire supprimée.")
    assert tab.model.rowCount() == 1


def test_a_closure_over_a_booked_day_asks_first(qtbot, dialog, hospital):
    tab = dialog.absences.closures
    dialog.show_tab(dialog.absences)
    tab.from_edit.setDate(date(2027, 3, 22))
    tab.to_edit.setDate(date(2027, 3, 23))
    tab.reason_edit.setText("Travaux")
    _click(qtbot, tab.save_button)
    qtbot.waitUntil(tab.orphan_dialog.isVisible, timeout=2000)
    assert hospital.services.administration.openings.closures() == []
    _click(qtbot, tab.orphan_dialog.confirm_button)
    assert tab.model.rowCount() == 1
    assert tab.model.index(0, 1).data() == "du 22/03/2027 au 23/03/2027"
    tab.view.selectRow(0)
    _click(qtbot, tab.remove_button)
    assert hospital.services.administration.openings.closures() == []
