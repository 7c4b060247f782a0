"""The list model: a well-behaved Qt model over the day's appointments."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor

from desktop.ui.models.agenda_layout import entries_from_period
from desktop.ui.models.appointment_table import (
    COL_PATIENT,
    COL_PRACTITIONER,
    COL_REASON,
    COL_STATUS,
    COL_TIME,
    ENTRY_ROLE,
    HEADERS,
    ID_ROLE,
    AppointmentTableModel,
)
from tests.ui.scenes import MONDAY, ids_of


def day_entries(hospital, practitioners=("DUPONT", "MARTIN")):
    ids = ids_of(hospital.services)
    period = hospital.services.agenda.period(
        [ids.practitioners[p] for p in practitioners], MONDAY, MONDAY
    )
    return entries_from_period(period)


def test_model_passes_the_model_tester(qtmodeltester, hospital):
    model = AppointmentTableModel()
    qtmodeltester.check(model)
    model.set_rows(day_entries(hospital))
    qtmodeltester.check(model)
    model.set_rows(day_entries(hospital), with_date=True)
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


def test_columns_and_rows_in_french(qtbot, hospital):
    model = AppointmentTableModel()
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset], timeout=1000):
        model.set_rows(day_entries(hospital))
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == list(HEADERS) == ["Heure", "Patient", "Motif", "Praticien", "État", "Notes"]
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert model.rowCount() == 4
    assert model.rowCount(model.index(0, 0)) == 0
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert row == [
        "10:30",
        "BERNARD Lucie",
        "Première consultation de cardiologie",
        "Dr Marie Dupont",
        "Réservé",
        "",
    ]
    first = model.index(0, COL_TIME)
    assert first.data(ID_ROLE) == hospital.appointments["dupont-1030"].id
    assert first.data(ENTRY_ROLE).patient_phone == "06 12 34 56 78"
    assert model.index(0, COL_REASON).data(Qt.ItemDataRole.DecorationRole) == QColor("#d9534f")
    assert model.index(0, COL_PATIENT).data(Qt.ItemDataRole.FontRole).bold()
    tip = model.index(0, COL_PRACTITIONER).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines()[:3] == [
        "Lundi 15 mars 2027, 10:30 – 11:00",
        "BERNARD Lucie",
        "Tél. 06 12 34 56 78",
    ]
    overbooked = model.row_of(hospital.appointments["dupont-1100-overbooked"].id)
    assert model.index(overbooked, COL_STATUS).data() == "Réservé · surbooking"
    tip = model.index(overbooked, COL_STATUS).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.endswith("Surbooking : Urgence")
    assert model.row_of(-1) is None
    assert model.data(QModelIndex()) is None
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags


def test_week_rows_show_the_day(hospital):
    model = AppointmentTableModel()
    model.set_rows(day_entries(hospital, ("MARTIN",)), with_date=True)
    assert model.index(0, COL_TIME).data() == "lun. 15/03 11:15"
