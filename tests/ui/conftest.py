"""A small hospital with a few appointments on the Monday of TEST_NOW, and windows over it."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from desktop.domain.model import Appointment
from desktop.services.clock import FixedClock
from desktop.services.container import Services
from tests.conftest import TEST_NOW
from tests.ui.scenes import MONDAY, book, patient, richer_hospital


@dataclass
class Hospital:
    services: Services
    appointments: dict[str, Appointment]


@pytest.fixture
def hospital(sqlite_url) -> Hospital:
    """TEST_NOW is Monday 10:00 in Paris: Dupont has three appointments (one overbooked),
    Martin one and an afternoon absence, Blanc (Pneumologie) one; Dupont one the next Monday."""
    services = richer_hospital(sqlite_url, TEST_NOW)
    bernard = patient(services, "Bernard", "Lucie", "1958-04-12", phones=("06 12 34 56 78",))
    moreau = patient(services, "Moreau", "Élodie", "1981-09-30", birth_name="Garnier")
    nguyen = patient(services, "Nguyễn", "Thị Mai", "1975-02-08")
    roux = patient(services, "Roux", "Gabriel", "1953-08-19")
    found = {
        "dupont-1030": book(services, "DUPONT", "CARDIO-1", bernard, MONDAY, "10:30"),
        "dupont-1100": book(services, "DUPONT", "CARDIO-SUIVI", moreau, MONDAY, "11:00"),
        "dupont-1100-overbooked": book(
            services,
            "DUPONT",
            "CARDIO-SUIVI",
            roux,
            MONDAY,
            "11:00",
            force=True,
            overbooking_reason="Urgence",
        ),
        "martin-1115": book(services, "MARTIN", "CARDIO-ECHO", nguyen, MONDAY, "11:15"),
        "blanc-1100": book(services, "BLANC", "PNEUMO-EFR", roux, MONDAY, "11:00"),
        "dupont-next": book(
            services, "DUPONT", "CARDIO-1", nguyen, MONDAY.replace(day=22), "09:00"
        ),
    }
    assert isinstance(services.clock, FixedClock)
    yield Hospital(services, found)
    services.db.dispose()


@pytest.fixture
def window(qtbot, hospital):
    """The main window on the Monday of TEST_NOW, shown offscreen at screenshot size."""
    from desktop.ui.main_window import MainWindow

    win = MainWindow(hospital.services)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win
