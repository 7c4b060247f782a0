"""ReportService on both engines: the activity figures against values computed by hand
(tests.reports.scene.activity_month), and who may print what."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from db.tables import AuditRow
from desktop.domain.activity import Tally
from desktop.domain.errors import InvalidInput, NotFound, PermissionDenied
from desktop.domain.model import Actor, Channel, Role
from tests.fakes import ADMIN, SECRETARY
from tests.reports.scene import MARCH, NAMED_MONDAY, activity_month, named_monday

TEN_HOURS_IN_DAYS = 10 / 24


@pytest.fixture
def month(any_url):
    scene = activity_month(any_url)
    yield scene
    scene.services.db.dispose()


def test_activity_figures_match_the_hand_computed_month(month):
    figures = month.services.reports.activity_figures(ADMIN, MARCH)
    assert figures.month == MARCH and figures.scope == "Tout l'hôpital"
    by_code = {line.code: line for line in figures.practitioners}
    assert by_code["DUPONT"].tally == Tally(
        appointments=5, booked_min=75, seen=1, arrived=0, pending=1, no_show=1,
        cancelled_patient=1, cancelled_hospital=1, cancelled_unknown=0, late_cancelled=1,
        offered_min=840,
    )  # fmt: skip
    assert by_code["MARTIN"].tally == Tally(
        appointments=2, booked_min=45, seen=1, pending=1, offered_min=780
    )
    assert by_code["DUPONT"].median_lead_days == pytest.approx(7)  # 14, 7, 5 days
    assert by_code["MARTIN"].median_lead_days == pytest.approx(8)  # 4 and 12 days
    assert by_code["DUPONT"].previous_appointments == 1
    assert by_code["MARTIN"].previous_appointments == 0
    assert {line.group for line in figures.practitioners} == {"Cardiologie"}

    total = figures.total.tally
    assert (total.appointments, total.booked_min, total.offered_min) == (7, 120, 1620)
    assert total.occupancy == pytest.approx(120 / 1620)
    assert total.no_show_rate == pytest.approx(1 / 5)
    assert total.late_cancel_rate == pytest.approx(1 / 7)
    assert figures.total.median_lead_days == pytest.approx(7)  # 4, 5, 7, 12, 14
    [cardio] = figures.departments
    assert cardio.label == "Cardiologie" and cardio.tally == total
    assert cardio.median_lead_days == pytest.approx(7)
    assert cardio.previous_appointments == 1

    assert figures.channels == {
        Channel.PHONE: 4,
        Channel.DESK: 1,
        Channel.ONLINE: 1,
        Channel.INTERNAL: 1,
    }
    assert [(w.label, w.appointments, w.booked_min, w.offered_min) for w in figures.weeks] == [
        ("1–7 mars", 2, 45, 360),
        ("8–14 mars", 1, 30, 420),
        ("15–21 mars", 1, 30, 420),
        ("22–28 mars", 1, 15, 420),
        ("29–31 mars", 0, 0, 0),  # Easter Monday: closed
    ]

    previous = figures.previous.tally
    assert (previous.appointments, previous.seen, previous.booked_min) == (1, 1, 30)
    assert previous.offered_min == 4 * 210 * 2
    assert figures.previous.median_lead_days == pytest.approx(21)
    assert figures.previous_channels == {Channel.PHONE: 1}

    # As the agenda stood on 1 March at midnight: DUPONT busy 09:00–09:45 (d4 was already
    # cancelled), MARTIN absent until 10:00: DUPONT 09:45, DUPONT 10:00, MARTIN 10:00.
    third = {t.code: t for t in figures.third_available}
    assert set(third) == {"CARDIO-1", "CARDIO-SUIVI"}
    for item in third.values():
        assert item.days == pytest.approx(TEN_HOURS_IN_DAYS)
        assert item.department == "Cardiologie"

    # No-shows among the 5 not cancelled (d2 the only one), and what each patient received.
    def rates(group):
        return {r.key: (r.appointments, r.no_shows) for r in group}

    no_shows = figures.no_shows
    assert rates(no_shows.by_practitioner) == {"DUPONT": (3, 1), "MARTIN": (2, 0)}
    assert rates(no_shows.by_visit_reason) == {"CARDIO-1": (3, 0), "CARDIO-SUIVI": (2, 1)}
    assert rates(no_shows.by_reminder) == {
        "none": (1, 0),  # m6: its messages were stale when the sender ran
        "confirmation": (2, 0),  # d5, m7
        "day_before": (2, 1),  # d1, d2
    }
    assert no_shows.by_practitioner[0].rate == pytest.approx(1 / 3)
    assert sum(r.no_shows for r in no_shows.by_reminder) == total.no_show


def test_activity_of_one_department_and_an_empty_month(month):
    services = month.services
    cardio = services.reports.department_by_code("CARDIO")
    figures = services.reports.activity_figures(SECRETARY, MARCH, cardio.id)
    assert figures.scope == "Cardiologie"
    assert figures.total.tally.appointments == 7
    other = services.reports.activity_figures(ADMIN, MARCH, cardio.id)
    assert other.no_shows == figures.no_shows  # one department: the whole hospital here
    empty = services.reports.activity_figures(ADMIN, date(2025, 6, 1))
    assert empty.total.tally == Tally()
    assert empty.no_shows.by_practitioner == () and empty.no_shows.by_reminder == ()
    assert empty.practitioners == () and empty.departments == ()
    assert empty.total.median_lead_days is None
    with pytest.raises(NotFound):
        services.reports.activity_figures(ADMIN, MARCH, 999)
    pdf = services.reports.activity(ADMIN, date(2025, 6, 1))
    assert pdf.startswith(b"%PDF")


def _refusals(services) -> int:
    with services.db.read() as s:
        return len(s.scalars(select(AuditRow).where(AuditRow.action == "refused")).all())


def test_physicians_print_their_own_agenda_only(sqlite_url):
    scene = named_monday(sqlite_url)
    services = scene.services
    dupont, martin = scene.practitioners["DUPONT"], scene.practitioners["MARTIN"]
    own = Actor("dr-dupont", Role.PHYSICIAN, "poste-consult", practitioner_id=dupont)
    assert services.reports.day_sheet(own, dupont, NAMED_MONDAY).startswith(b"%PDF")
    assert services.reports.week(own, dupont, NAMED_MONDAY).startswith(b"%PDF")
    before = _refusals(services)
    with pytest.raises(PermissionDenied, match="propre agenda"):
        services.reports.day_sheet(own, martin, NAMED_MONDAY)
    with pytest.raises(PermissionDenied):
        services.reports.week(Actor("dr-x", Role.PHYSICIAN, "poste"), dupont, NAMED_MONDAY)
    cardio = services.reports.department_by_code("CARDIO")
    with pytest.raises(PermissionDenied):
        services.reports.department_day(own, cardio.id, NAMED_MONDAY)
    with pytest.raises(PermissionDenied, match="exporter"):
        services.reports.activity(own, MARCH)
    with pytest.raises(PermissionDenied):
        services.reports.confirmation(own, scene.appointments["other"].id)
    assert _refusals(services) == before + 5  # every refusal is in the audit trail
    assert services.reports.confirmation(own, scene.appointments["lukasz"].id).startswith(b"%PDF")
    assert services.reports.department_day(SECRETARY, cardio.id, NAMED_MONDAY).startswith(b"%PDF")


def test_the_subject_access_extract_is_for_administrators_and_is_audited(sqlite_url):
    scene = named_monday(sqlite_url)
    services = scene.services
    patient = scene.patients["nguyen"]
    with pytest.raises(PermissionDenied):
        services.reports.subject_access(SECRETARY, patient)
    with pytest.raises(NotFound):
        services.reports.subject_access(ADMIN, 987654)
    pdf = services.reports.subject_access(ADMIN, patient)
    assert pdf.startswith(b"%PDF")
    with services.db.read() as s:
        rows = [
            (r.object_type, r.object_id, r.actor)
            for r in s.scalars(select(AuditRow).where(AuditRow.action == "export.subject_access"))
        ]
    assert rows == [("patient", patient, ADMIN.login)]


def test_unknown_codes_and_ids_are_named(sqlite_url):
    scene = named_monday(sqlite_url)
    reports = scene.services.reports
    with pytest.raises(NotFound, match="DUPOND"):
        reports.practitioner_by_code("DUPOND")
    with pytest.raises(NotFound, match="Service inconnu"):
        reports.department_by_code("NEURO")
    with pytest.raises(NotFound, match="Rendez-vous inconnu"):
        reports.confirmation(ADMIN, 424242)
    with pytest.raises(NotFound, match="Praticien inconnu"):
        reports.day_sheet(ADMIN, 424242, NAMED_MONDAY)


def test_month_text_is_checked():
    from desktop.domain.activity import parse_month

    assert parse_month("2027-03") == MARCH
    for bad in ("2027-13", "mars", "2027", ""):
        with pytest.raises(InvalidInput, match="Mois invalide"):
            parse_month(bad)
