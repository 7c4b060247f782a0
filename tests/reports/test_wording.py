"""French wording and text fitting of the reports."""

from __future__ import annotations

from datetime import date, datetime

from desktop.domain.model import Patient, Sex
from desktop.reports import styles, wording
from desktop.reports.templates import _logo_letters
from desktop.resources import ResourceMissing, resource_path


def test_french_numbers_dates_and_names():
    assert wording.number(1234567.891, 1) == "1\u00a0234\u00a0567,9"
    assert wording.percent(0.1234) == "12,3\u00a0%"
    assert wording.percent(None) == "—"
    assert wording.signed(-3.5, 1, " j") == "−3,5 j"
    assert wording.signed(0.01) == "="
    assert wording.delay(10 / 24) == "10\u00a0h" and wording.delay(4.25) == "4,2\u00a0j"
    assert wording.long_date(date(2027, 3, 1)) == "lundi 1er mars 2027"
    assert wording.month_title(date(2027, 8, 1)) == "août 2027"
    assert wording.printed_on(datetime(2027, 3, 15, 9, 5)) == "Imprimé le 15/03/2027 à 09:05"
    marie = Patient(1, "Dupont", "Marie-Claire Anne", date(1980, 3, 12), Sex.F, "Martin")
    assert wording.patient_name(marie) == "DUPONT Marie-Claire Anne"
    assert wording.birth_name_text(marie) == "née MARTIN"
    assert wording.birth_text(marie) == "née le 12/03/1980"
    assert wording.initials(marie) == "D. M.-C. — 1980"
    assert wording.short_name(marie) == "DUPONT M."
    orsted = Patient(2, "Ørsted", "", date(1953, 8, 19))
    assert wording.initials(orsted) == "Ø. — 1953"
    assert wording.birth_text(orsted) == "né(e) le 19/08/1953"


def test_text_is_cut_to_fit():
    long = "Explorations fonctionnelles respiratoires avec test de marche de six minutes"
    lines = styles.fit_lines(long, 100, 8, 2)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert all(styles.text_width(line, 8) <= 100 for line in lines)
    assert styles.fit_lines("", 100, 8, 2) == []
    word = styles.fit_lines("Anticonstitutionnellement" * 3, 60, 8, 3)
    assert all(styles.text_width(line, 8) <= 60 for line in word)
    assert styles.ellipsis("Court", 100, 8) == "Court"
    assert styles.text_width(styles.ellipsis(long, 50, 8), 8) <= 50


def test_logo_placeholder_and_resources():
    assert _logo_letters("Hôpital Saint-Antoine") == "HSA"
    assert _logo_letters("Centre hospitalier de la Côte-d'Or") == "CHC"
    assert resource_path("fonts", "DejaVuSans.ttf").is_file()
    assert resource_path("fonts", "LICENSE-DejaVu.txt").is_file()
    try:
        resource_path("fonts", "absent.ttf")
    except ResourceMissing as exc:
        assert "resources/fonts/absent.ttf" in exc.message
    else:
        raise AssertionError("a missing resource must be named")
