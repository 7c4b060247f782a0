"""The day sheet, the week and the department's list, built from a known database and read
back: exactly the expected appointments and names (Łukasz, Nguyễn Thị, Ørsted), no one else's,
"page x / y" and the print date on every page, one table per page, byte-stable builds."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.reports.day_sheet import day_sheets
from desktop.services.reports import practitioner_days
from desktop.services.structure import calendar_of
from tests.fakes import ADMIN
from tests.reports.pdf_text import page_sizes, pages, text
from tests.reports.scene import NAMED_MONDAY, at, named_monday

FULL_NAMES = ("WIŚNIEWSKI Łukasz", "NGUYỄN Thị Mai", "ØRSTED Hans Christian")


@pytest.fixture
def scene(sqlite_url):
    scene = named_monday(sqlite_url)
    yield scene
    scene.services.db.dispose()


def test_the_day_sheet_holds_exactly_the_practitioners_patients(scene):
    services = scene.services
    pdf = services.reports.day_sheet(ADMIN, scene.practitioners["DUPONT"], NAMED_MONDAY)
    [page] = pages(pdf)
    for name in FULL_NAMES:
        assert name in page
    assert "née TRẦN, le 08/02/1975" in page  # birth name and birth date
    assert "né le 12/03/1980" in page
    assert "06 12 34 56 78" in page and "01 45 67 89 01" in page
    assert "Apporter l'ECG" in page  # notes
    assert "ZÉPHYRIN" not in page.upper()  # Martin's patient
    assert "Dr Marie Dupont" in page and "lundi 22 mars 2027" in page
    assert "Hôpital d'essai" in page
    assert "Imprimé le 15/03/2027 à 08:00" in page
    assert "page 1 / 1" in page
    assert "3 rendez-vous" in page
    assert "Libre" in page  # free periods of the opening are visible
    for column in ("Heure", "Patient", "Motif", "Téléphone", "Arrivé", "Vu", "Absent", "Notes"):
        assert column in page


def test_the_minimal_sheet_shows_initials_and_birth_years_only(scene):
    services = scene.services
    pdf = services.reports.day_sheet(
        ADMIN, scene.practitioners["DUPONT"], NAMED_MONDAY, minimal=True
    )
    page = text(pdf)
    for initials in ("W. Ł. — 1980", "N. T. — 1975", "Ø. H. — 1953"):
        assert initials in page
    for secret in ("Łukasz", "WIŚNIEWSKI", "Wiśniewski", "Nguyễn", "NGUYỄN", "Ørsted", "ØRSTED",
                   "12/03/1980", "06 12 34 56 78", "Apporter l'ECG", "TRẦN"):  # fmt: skip
        assert secret not in page, secret
    assert "identité réduite" in page


def test_absences_and_closed_days_are_shown(scene):
    services = scene.services
    dupont = scene.practitioners["DUPONT"]
    services.absences.add(ADMIN, dupont, at(NAMED_MONDAY, "11:30"), at(NAMED_MONDAY, "12:30"),
                          "Réunion de service")  # fmt: skip
    page = text(services.reports.day_sheet(ADMIN, dupont, NAMED_MONDAY))
    assert "Absence — Réunion de service (jusqu'à 12:30)" in page
    easter = text(services.reports.day_sheet(ADMIN, dupont, date(2027, 3, 29)))
    assert "Site fermé : jour férié" in easter and "aucun rendez-vous" in easter


def test_a_long_sheet_has_one_table_per_page_and_page_numbers(sqlite_url):
    scene = named_monday(sqlite_url, extra_followups=60)
    services = scene.services
    with services.db.read() as s:
        calendar = calendar_of(s)
        from db.repositories import structure as repo

        dupont = repo.practitioner(s, scene.practitioners["DUPONT"])
        days = practitioner_days(s, calendar, [dupont], [NAMED_MONDAY])
    from desktop.reports.letterhead import Letterhead

    letterhead = Letterhead("Hôpital d'essai", at(NAMED_MONDAY, "07:00"))
    rendered = day_sheets(days, letterhead, invariant=True)
    assert rendered.pages >= 3
    assert rendered.tables_per_page == {n: 1 for n in range(1, rendered.pages + 1)}
    texts = pages(rendered.pdf)
    for n, page in enumerate(texts, start=1):
        assert f"page {n} / {rendered.pages}" in page
        assert "Heure" in page and "Patient" in page  # each table starts with its header
        assert "Imprimé le 22/03/2027 à 07:00" in page
    assert sum(page.count("Contrôle") for page in texts) == 0  # overbooking reasons stay out
    overbooked = sum(b.overbooked for day in days for b in day.bookings)
    assert overbooked >= 59  # the first one at 12:15 fitted the opening
    assert sum(page.count("Surbooking") for page in texts) == overbooked
    assert day_sheets(days, letterhead, invariant=True).pdf == rendered.pdf  # byte-stable


def test_the_week_is_a_landscape_grid_of_the_practitioners_days(scene):
    services = scene.services
    pdf = services.reports.week(ADMIN, scene.practitioners["DUPONT"], date(2027, 3, 24))
    [(width, height)] = page_sizes(pdf)
    assert width > height
    page = text(pdf)
    for short in ("WIŚNIEWSKI Ł.", "NGUYỄN T.", "ØRSTED H."):
        assert short in page
    assert "ZÉPHYRIN" not in page
    assert "semaine 12 (du 22/03 au 26/03/2027)" in page
    assert "lundi 22/03" in page and "vendredi 26/03" in page
    assert "samedi" not in page  # an empty weekend is left out
    assert "3 rendez-vous" in page
    minimal = text(services.reports.week(ADMIN, scene.practitioners["DUPONT"], NAMED_MONDAY,
                                         minimal=True))  # fmt: skip
    assert "W. Ł. — 1980" in minimal and "WIŚNIEWSKI" not in minimal


def test_the_department_list_holds_every_practitioner(scene):
    services = scene.services
    cardio = services.reports.department_by_code("CARDIO")
    page = text(services.reports.department_day(ADMIN, cardio.id, NAMED_MONDAY))
    for name in (*FULL_NAMES, "ZÉPHYRIN Octave"):
        assert name in page
    assert "Dr Marie Dupont — 3 rendez-vous" in page
    assert "Dr Paul Martin — 1 rendez-vous" in page
    assert "Liste du service" in page and "page 1 / 1" in page
    lines = page.splitlines()
    times = [line for line in lines if line in ("09:00", "09:30", "10:00", "11:00")]
    assert times == ["09:00", "09:30", "10:00", "11:00"]  # one list, in time order
