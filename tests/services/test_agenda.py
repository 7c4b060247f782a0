"""The agenda read through the services, on PRODUCT.md's hospital, against hand-listed slots.

The expected slots are worked out from the rules of PRODUCT.md, not from the engine:

* Dr Dupont is open on Mondays 09:00–12:30 local, step 15, from 2026-01-05 to 2027-12-31.
  CARDIO-1 lasts 30 min with 24 h of notice: starts 09:00, 09:15 … 12:00 (13 a day).
  CARDIO-SUIVI (added to the example) lasts 15 min, no notice: 09:00 … 12:15 (14 a day).
* Paris is UTC+1 until Sunday 28 March 2027 and from Sunday 31 October 2027, UTC+2 between:
  09:00 local is 08:00Z on a winter Monday, 07:00Z on a summer Monday.
* "Now" is Monday 2027-03-15 09:00Z (10:00 in Paris).
* French public holidays on a Monday in 2027 (checked against the ``holidays`` package):
  Easter Monday 29 March, Whit Monday 17 May, All Saints' Day 1 November.
* The absence runs from 2 August 00:00 to 23 August 00:00 local (end excluded): the Mondays
  2, 9 and 16 August are lost, 23 August is open from 09:00.
* The closure 24–26 December 2027 is Friday to Sunday: no Monday in it; Monday 27 is open.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import update

from db.tables import SettingRow, VisitReasonRow
from desktop.domain.errors import InvalidInput, NotFound
from desktop.domain.model import Slot, Status
from desktop.domain.scheduling import AFTERNOON, MORNING
from desktop.services.clock import FixedClock
from desktop.services.container import Services
from desktop.services.patients import PatientInput
from tests.conftest import TEST_NOW, product_example_toml
from tests.fakes import ADMIN, SECRETARY

CARDIO_SUIVI = """
[[visit_reasons]]
code = "CARDIO-SUIVI"
department = "CARDIO"
label = "Consultation de suivi de cardiologie"
duration_min = 15
"""

# Two more practitioners of the department, loaded after Dr Dupont: by name, Dr Anne Abel
# comes first, Dr Paul Martin last.
COLLEAGUES = """
[[practitioners]]
code = "ABEL"
name = "Dr Anne Abel"
department = "CARDIO"

[[practitioners]]
code = "MARTIN"
name = "Dr Paul Martin"
department = "CARDIO"

[[openings]]
practitioner = "ABEL"
site = "SAT"
weekday = "monday"
start = "09:00"
end = "10:00"
step_min = 30
visit_reasons = ["CARDIO-1"]
valid_from = "2027-01-04"

[[openings]]
practitioner = "MARTIN"
site = "SAT"
weekday = "monday"
start = "09:30"
end = "11:00"
step_min = 30
visit_reasons = ["CARDIO-1"]
valid_from = "2027-01-04"
"""

MONDAY_HOLIDAYS_2027 = {date(2027, 3, 29), date(2027, 5, 17), date(2027, 11, 1)}
ABSENT_MONDAYS = {date(2027, 8, 2), date(2027, 8, 9), date(2027, 8, 16)}
SUMMER_TIME = (date(2027, 3, 28), date(2027, 10, 31))  # the Sundays of the changes


def z(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def utc_offset_hours(day: date) -> int:
    """Paris's offset on a Monday of 2027, from the dates of the changes."""
    return 2 if SUMMER_TIME[0] < day < SUMMER_TIME[1] else 1


def monday_starts(day: date, first: str, last: str) -> list[datetime]:
    """UTC starts every 15 min from ``first`` to ``last`` local time ("HH:MM") on ``day``."""
    offset = timedelta(hours=utc_offset_hours(day))
    start = datetime.combine(day, datetime.strptime(first, "%H:%M").time(), UTC) - offset
    end = datetime.combine(day, datetime.strptime(last, "%H:%M").time(), UTC) - offset
    starts = []
    while start <= end:
        starts.append(start)
        start += timedelta(minutes=15)
    return starts


def open_services(url: str, now: datetime = TEST_NOW) -> Services:
    return Services.open(url, FixedClock(now))


@pytest.fixture
def product(any_url):
    """PRODUCT.md's hospital (with CARDIO-SUIVI), "now" = Monday 2027-03-15 09:00Z."""
    services = open_services(any_url)
    services.structure.import_text(ADMIN, product_example_toml() + CARDIO_SUIVI, "PRODUCT.md")
    yield services
    services.db.dispose()


@pytest.fixture
def department(product):
    """The same hospital with two colleagues of Dr Dupont."""
    product.structure.import_text(ADMIN, COLLEAGUES, "collegues.toml")
    return product


def ids_of(services: Services) -> dict[str, int]:
    """Practitioner and visit reason ids by code."""
    ids = {p.code: p.id for p in services.agenda.practitioners()}
    ids.update({v.code: v.id for v in services.agenda.visit_reasons()})
    return ids


def starts(slots: list[Slot]) -> list[datetime]:
    return [s.start for s in slots]


def a_patient(services: Services, family: str = "Lambert", given: str = "Jeanne") -> int:
    data = PatientInput(family_name=family, given_names=given, birth_date=date(1960, 5, 4))
    return services.patients.create(SECRETARY, data, allow_duplicate=True).id


# --- the acceptance point: PRODUCT.md's example ---------------------------------------------


def test_cardio_1_slots_of_mondays_around_now_and_the_spring_change(product) -> None:
    ids = ids_of(product)
    slots = product.agenda.free_slots(ids["CARDIO-1"], date(2027, 3, 15), date(2027, 4, 5))
    # 15 March: within the 24 h notice. 22 March: 09:00–12:00 local = 08:00Z–11:00Z.
    # 29 March: Easter Monday. 5 April: summer time, 09:00 local = 07:00Z.
    assert starts(slots) == [
        z(2027, 3, 22, 8, 0),
        z(2027, 3, 22, 8, 15),
        z(2027, 3, 22, 8, 30),
        z(2027, 3, 22, 8, 45),
        z(2027, 3, 22, 9, 0),
        z(2027, 3, 22, 9, 15),
        z(2027, 3, 22, 9, 30),
        z(2027, 3, 22, 9, 45),
        z(2027, 3, 22, 10, 0),
        z(2027, 3, 22, 10, 15),
        z(2027, 3, 22, 10, 30),
        z(2027, 3, 22, 10, 45),
        z(2027, 3, 22, 11, 0),
        z(2027, 4, 5, 7, 0),
        z(2027, 4, 5, 7, 15),
        z(2027, 4, 5, 7, 30),
        z(2027, 4, 5, 7, 45),
        z(2027, 4, 5, 8, 0),
        z(2027, 4, 5, 8, 15),
        z(2027, 4, 5, 8, 30),
        z(2027, 4, 5, 8, 45),
        z(2027, 4, 5, 9, 0),
        z(2027, 4, 5, 9, 15),
        z(2027, 4, 5, 9, 30),
        z(2027, 4, 5, 9, 45),
        z(2027, 4, 5, 10, 0),
    ]
    site = {s.site_id for s in slots}
    assert len(site) == 1
    assert all(s.practitioner_id == ids["DUPONT"] for s in slots)
    assert all(s.visit_reason_id == ids["CARDIO-1"] for s in slots)
    assert all(s.end - s.start == timedelta(minutes=30) for s in slots)
    assert slots[-1].end == z(2027, 4, 5, 10, 30)  # 12:30 local, the opening's end


def test_cardio_1_slots_of_the_whole_validity_are_exactly_the_rules(product) -> None:
    ids = ids_of(product)
    slots = product.agenda.free_slots(ids["CARDIO-1"], date(2027, 3, 15), date(2028, 1, 31))
    expected = []
    day = date(2027, 3, 22)  # the first Monday past the notice
    while day <= date(2027, 12, 31):  # valid_to
        if day not in MONDAY_HOLIDAYS_2027 | ABSENT_MONDAYS:
            expected += monday_starts(day, "09:00", "12:00")
        day += timedelta(days=7)
    assert starts(slots) == expected
    assert len(expected) == (41 - 3 - 3) * 13  # 41 Mondays, 3 holidays, 3 absent
    assert len(slots) == 455


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2027, 3, 29), []),  # lundi de Pâques
        (date(2027, 5, 17), []),  # lundi de Pentecôte
        (date(2027, 11, 1), []),  # Toussaint
        (date(2027, 8, 2), []),  # absence
        (date(2027, 8, 9), []),
        (date(2027, 8, 16), []),
        (date(2027, 7, 26), "summer"),  # the Monday before the absence
        (date(2027, 8, 23), "summer"),  # the absence ended at 00:00: open from 09:00
        (date(2027, 10, 25), "summer"),  # the last summer Monday
        (date(2027, 11, 8), "winter"),  # the first winter Monday after the autumn change
        (date(2027, 12, 27), "winter"),  # after the closure of 24–26 December
    ],
)
def test_cardio_1_day_by_day(product, day: date, expected) -> None:
    ids = ids_of(product)
    slots = product.agenda.free_slots(ids["CARDIO-1"], day, day)
    if expected == []:
        assert slots == []
        return
    first_utc_hour = {"summer": 7, "winter": 8}[expected]
    first = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=first_utc_hour)
    assert starts(slots) == [first + timedelta(minutes=15 * k) for k in range(13)]


def test_nothing_after_the_validity_of_the_opening(product) -> None:
    ids = ids_of(product)
    slots = product.agenda.free_slots(ids["CARDIO-1"], date(2027, 12, 27), date(2028, 1, 10))
    assert {s.start.date() for s in slots} == {date(2027, 12, 27)}
    assert (
        product.agenda.first_free_slot(ids["CARDIO-1"], date(2027, 12, 28), date(2028, 3, 1))
        is None
    )


def test_cardio_suivi_has_no_notice_but_not_the_past(product) -> None:
    ids = ids_of(product)
    slots = product.agenda.free_slots(ids["CARDIO-SUIVI"], date(2027, 3, 15), date(2027, 3, 15))
    # Now is 10:00 local: 10:00 … 12:15 local, 09:00Z … 11:15Z (12:15 + 15 min = 12:30).
    assert starts(slots) == [z(2027, 3, 15, 9, 0) + timedelta(minutes=15 * k) for k in range(10)]
    assert slots[-1].end == z(2027, 3, 15, 11, 30)
    next_week = product.agenda.free_slots(ids["CARDIO-SUIVI"], date(2027, 3, 22), date(2027, 3, 22))
    assert len(next_week) == 14


def test_minimum_notice_boundary_is_inclusive(any_url, product) -> None:
    ids = ids_of(product)
    # 24 h before 2027-03-22 08:15Z: that slot is exactly at the notice and is offered.
    later = open_services(any_url, z(2027, 3, 21, 8, 15))
    slots = later.agenda.free_slots(ids["CARDIO-1"], date(2027, 3, 22), date(2027, 3, 22))
    assert starts(slots)[0] == z(2027, 3, 22, 8, 15)
    assert len(slots) == 12
    later.db.dispose()


# --- first free slot ------------------------------------------------------------------------


def test_first_free_slot_with_and_without_practitioner(product) -> None:
    ids = ids_of(product)
    expected = Slot(
        ids["DUPONT"],
        ids["CARDIO-1"],
        product.agenda.free_slots(ids["CARDIO-1"], date(2027, 3, 22), date(2027, 3, 22))[0].site_id,
        z(2027, 3, 22, 8, 0),
        z(2027, 3, 22, 8, 30),
    )
    reason = ids["CARDIO-1"]
    assert product.agenda.first_free_slot(reason, date(2027, 3, 15), date(2027, 6, 30)) == expected
    assert (
        product.agenda.first_free_slot(
            reason, date(2027, 3, 15), date(2027, 6, 30), [ids["DUPONT"]]
        )
        == expected
    )
    # Searching from Easter Monday: the next Monday, in summer time.
    assert product.agenda.first_free_slot(reason, date(2027, 3, 29), date(2027, 6, 30)).start == z(
        2027, 4, 5, 7, 0
    )
    assert product.agenda.first_free_slot(reason, date(2027, 8, 1), date(2027, 8, 31)).start == (
        z(2027, 8, 23, 7, 0)
    )
    assert product.agenda.first_free_slot(reason, date(2027, 3, 15), date(2027, 3, 21)) is None


def test_first_free_slot_with_time_of_day_windows(product) -> None:
    ids = ids_of(product)
    reason = ids["CARDIO-1"]
    morning = product.agenda.first_free_slot(
        reason, date(2027, 3, 15), date(2027, 6, 30), window=MORNING
    )
    assert morning.start == z(2027, 3, 22, 8, 0)
    # The only afternoon start: 12:00 local, which ends at 12:30, the opening's end.
    afternoon = product.agenda.first_free_slot(
        reason, date(2027, 3, 15), date(2027, 6, 30), window=AFTERNOON
    )
    assert (afternoon.start, afternoon.end) == (z(2027, 3, 22, 11, 0), z(2027, 3, 22, 11, 30))
    afternoons = product.agenda.free_slots(
        reason, date(2027, 3, 15), date(2027, 4, 5), window=AFTERNOON
    )
    assert starts(afternoons) == [z(2027, 3, 22, 11, 0), z(2027, 4, 5, 10, 0)]
    mornings = product.agenda.free_slots(
        reason, date(2027, 3, 22), date(2027, 3, 22), window=MORNING
    )
    assert starts(mornings) == monday_starts(date(2027, 3, 22), "09:00", "11:45")


def test_department_slots_are_ordered_by_start_then_practitioner_name(department) -> None:
    ids = ids_of(department)
    slots = department.agenda.free_slots(ids["CARDIO-1"], date(2027, 3, 22), date(2027, 3, 22))
    by_id = {p.id: p.code for p in department.agenda.practitioners()}
    assert [(s.start, by_id[s.practitioner_id]) for s in slots] == [
        (z(2027, 3, 22, 8, 0), "ABEL"),
        (z(2027, 3, 22, 8, 0), "DUPONT"),
        (z(2027, 3, 22, 8, 15), "DUPONT"),
        (z(2027, 3, 22, 8, 30), "ABEL"),
        (z(2027, 3, 22, 8, 30), "DUPONT"),
        (z(2027, 3, 22, 8, 30), "MARTIN"),
        (z(2027, 3, 22, 8, 45), "DUPONT"),
        (z(2027, 3, 22, 9, 0), "DUPONT"),
        (z(2027, 3, 22, 9, 0), "MARTIN"),
        (z(2027, 3, 22, 9, 15), "DUPONT"),
        (z(2027, 3, 22, 9, 30), "DUPONT"),
        (z(2027, 3, 22, 9, 30), "MARTIN"),
        (z(2027, 3, 22, 9, 45), "DUPONT"),
        (z(2027, 3, 22, 10, 0), "DUPONT"),
        (z(2027, 3, 22, 10, 15), "DUPONT"),
        (z(2027, 3, 22, 10, 30), "DUPONT"),
        (z(2027, 3, 22, 10, 45), "DUPONT"),
        (z(2027, 3, 22, 11, 0), "DUPONT"),
    ]
    # The same order whatever order (and repetitions) the caller gives the practitioners in.
    given = [ids["MARTIN"], ids["DUPONT"], ids["ABEL"], ids["DUPONT"]]
    assert (
        department.agenda.free_slots(ids["CARDIO-1"], date(2027, 3, 22), date(2027, 3, 22), given)
        == slots
    )
    assert (
        department.agenda.free_slots(ids["CARDIO-1"], date(2027, 3, 15), date(2027, 3, 31), limit=3)
        == slots[:3]
    )
    # CARDIO-SUIVI is only in Dr Dupont's opening.
    follow_ups = department.agenda.free_slots(
        ids["CARDIO-SUIVI"], date(2027, 3, 22), date(2027, 3, 22)
    )
    assert {s.practitioner_id for s in follow_ups} == {ids["DUPONT"]}


def test_first_free_slot_of_a_department_and_per_practitioner(department) -> None:
    ids = ids_of(department)
    reason = ids["CARDIO-1"]
    first = department.agenda.first_free_slot(reason, date(2027, 3, 15), date(2027, 3, 31))
    assert (first.start, first.practitioner_id) == (z(2027, 3, 22, 8, 0), ids["ABEL"])
    each = department.agenda.first_free_per_practitioner(
        reason, date(2027, 3, 15), date(2027, 3, 31), [ids["MARTIN"], ids["DUPONT"]]
    )
    assert [(s.practitioner_id, s.start) for s in each] == [
        (ids["MARTIN"], z(2027, 3, 22, 8, 30)),
        (ids["DUPONT"], z(2027, 3, 22, 8, 0)),
    ]
    # A practitioner with nothing for the reason is left out.
    assert (
        department.agenda.first_free_per_practitioner(
            ids["CARDIO-SUIVI"], date(2027, 3, 15), date(2027, 3, 31), [ids["ABEL"]]
        )
        == []
    )
    afternoon = department.agenda.first_free_slot(
        reason, date(2027, 3, 15), date(2027, 3, 31), window=AFTERNOON
    )
    assert (afternoon.start, afternoon.practitioner_id) == (z(2027, 3, 22, 11, 0), ids["DUPONT"])


def test_lists_of_the_structure(department) -> None:
    assert [d.code for d in department.agenda.departments()] == ["CARDIO"]
    assert [p.code for p in department.agenda.practitioners()] == ["ABEL", "DUPONT", "MARTIN"]
    cardio = department.agenda.departments()[0].id
    assert [v.code for v in department.agenda.visit_reasons(cardio)] == ["CARDIO-SUIVI", "CARDIO-1"]
    assert len(department.agenda.practitioners(cardio)) == 3
    assert department.agenda.practitioners(cardio + 1000) == []


# --- bad requests ---------------------------------------------------------------------------


def test_end_before_start_is_refused(product) -> None:
    ids = ids_of(product)
    with pytest.raises(InvalidInput) as info:
        product.agenda.free_slots(ids["CARDIO-1"], date(2027, 3, 22), date(2027, 3, 21))
    assert info.value.message == (
        "La date de fin (21/03/2027) précède la date de début (22/03/2027)."
    )
    with pytest.raises(InvalidInput):
        product.agenda.first_free_slot(ids["CARDIO-1"], date(2027, 3, 22), date(2027, 3, 1))
    with pytest.raises(InvalidInput, match="deux ans"):
        product.agenda.free_slots(ids["CARDIO-1"], date(2027, 1, 1), date(2029, 1, 3))


def test_unknown_visit_reason_or_practitioner(product) -> None:
    ids = ids_of(product)
    with pytest.raises(NotFound, match="Motif inconnu"):
        product.agenda.free_slots(99999, date(2027, 3, 22), date(2027, 3, 22))
    with pytest.raises(NotFound, match="Praticien inconnu"):
        product.agenda.free_slots(ids["CARDIO-1"], date(2027, 3, 22), date(2027, 3, 22), [99999])


def test_an_empty_list_of_practitioners_has_no_slot(product) -> None:
    ids = ids_of(product)
    assert (
        product.agenda.free_slots(ids["CARDIO-1"], date(2027, 3, 22), date(2027, 3, 22), []) == []
    )


# --- booking and cancelling -----------------------------------------------------------------


def test_a_booked_slot_disappears_and_reappears_after_cancel(product) -> None:
    ids = ids_of(product)
    reason, day = ids["CARDIO-1"], date(2027, 3, 22)
    all_slots = product.agenda.free_slots(reason, day, day)
    patient = a_patient(product)
    booked = product.booking.book(SECRETARY, ids["DUPONT"], reason, patient, z(2027, 3, 22, 8, 30))
    # [08:30Z, 09:00Z) is taken: the 30-minute starts 08:15, 08:30 and 08:45 overlap it;
    # 08:00 (ends at 08:30) and 09:00 (starts at its end) do not.
    assert starts(product.agenda.free_slots(reason, day, day)) == [
        s
        for s in starts(all_slots)
        if s not in {z(2027, 3, 22, 8, 15), z(2027, 3, 22, 8, 30), z(2027, 3, 22, 8, 45)}
    ]
    follow_ups = starts(product.agenda.free_slots(ids["CARDIO-SUIVI"], day, day))
    assert z(2027, 3, 22, 8, 30) not in follow_ups and z(2027, 3, 22, 8, 45) not in follow_ups
    assert z(2027, 3, 22, 8, 15) in follow_ups and z(2027, 3, 22, 9, 0) in follow_ups
    # Confirmed (like arrived, seen or no-show), the appointment still holds its time.
    product.booking.set_status(SECRETARY, booked.id, None, Status.CONFIRMED)
    assert len(product.agenda.free_slots(reason, day, day)) == 10
    product.booking.cancel(SECRETARY, booked.id, None, "Le patient a appelé")
    assert product.agenda.free_slots(reason, day, day) == all_slots


def test_first_free_slot_jumps_over_booked_time(product) -> None:
    ids = ids_of(product)
    reason = ids["CARDIO-1"]
    patient = a_patient(product)
    for hour, minute in ((8, 0), (8, 30), (9, 0)):
        product.booking.book(
            SECRETARY, ids["DUPONT"], reason, patient, z(2027, 3, 22, hour, minute)
        )
    first = product.agenda.first_free_slot(reason, date(2027, 3, 15), date(2027, 6, 30))
    assert first.start == z(2027, 3, 22, 9, 30)


# --- period ---------------------------------------------------------------------------------


def test_period_of_a_day_holds_its_appointments_with_patients_and_reasons(product) -> None:
    ids = ids_of(product)
    dupont = ids["DUPONT"]
    jeanne = a_patient(product, "Lambert", "Jeanne")
    paul = a_patient(product, "Roux", "Paul")
    book = product.booking.book
    late = book(SECRETARY, dupont, ids["CARDIO-SUIVI"], paul, z(2027, 3, 22, 11, 15))
    early = book(SECRETARY, dupont, ids["CARDIO-1"], jeanne, z(2027, 3, 22, 8, 0))
    cancelled = book(SECRETARY, dupont, ids["CARDIO-1"], paul, z(2027, 3, 22, 9, 0))
    product.booking.cancel(SECRETARY, cancelled.id, None, "")
    other_day = book(SECRETARY, dupont, ids["CARDIO-1"], paul, z(2027, 4, 5, 7, 0))

    period = product.agenda.period([dupont], date(2027, 3, 22), date(2027, 3, 22))
    # The local day: midnight to midnight in winter time.
    assert (period.start, period.end) == (z(2027, 3, 21, 23, 0), z(2027, 3, 22, 23, 0))
    assert [p.code for p in period.practitioners] == ["DUPONT"]
    assert [a.id for a in period.appointments] == [early.id, late.id]
    assert other_day.id not in [a.id for a in period.appointments]
    assert set(period.patients) == {jeanne, paul}
    assert period.patients[jeanne].display_name == "LAMBERT Jeanne"
    assert period.visit_reasons[early.visit_reason_id].code == "CARDIO-1"
    assert (
        period.visit_reasons[late.visit_reason_id].label == "Consultation de suivi de cardiologie"
    )
    assert period.absences == ()
    assert str(period.calendar.tz) == "Europe/Paris"


def test_period_keeps_the_visit_reasons_of_its_appointments_even_withdrawn(product) -> None:
    ids = ids_of(product)
    jeanne = a_patient(product)
    booked = product.booking.book(
        SECRETARY, ids["DUPONT"], ids["CARDIO-SUIVI"], jeanne, z(2027, 3, 22, 8, 0)
    )
    with product.db.uow() as s:
        s.execute(
            update(VisitReasonRow).where(VisitReasonRow.code == "CARDIO-SUIVI").values(active=False)
        )
    period = product.agenda.period([ids["DUPONT"]], date(2027, 3, 22), date(2027, 3, 22))
    assert period.visit_reasons[booked.visit_reason_id].code == "CARDIO-SUIVI"
    assert "CARDIO-SUIVI" not in [v.code for v in product.agenda.visit_reasons()]


def test_period_across_the_spring_change_and_with_an_absence(product) -> None:
    ids = ids_of(product)
    day = product.agenda.period([ids["DUPONT"]], date(2027, 3, 28), date(2027, 3, 28))
    assert (day.start, day.end) == (z(2027, 3, 27, 23, 0), z(2027, 3, 28, 22, 0))  # 23 hours
    assert day.appointments == () and day.patients == {}
    august = product.agenda.period([ids["DUPONT"]], date(2027, 8, 16), date(2027, 8, 29))
    assert [(a.start, a.end, a.reason) for a in august.absences] == [
        (z(2027, 8, 1, 22, 0), z(2027, 8, 22, 22, 0), "Congés")
    ]


def test_period_end_before_start_is_refused(product) -> None:
    ids = ids_of(product)
    with pytest.raises(InvalidInput, match="précède la date de début"):
        product.agenda.period([ids["DUPONT"]], date(2027, 3, 22), date(2027, 3, 21))


def test_a_physician_sees_their_own_agenda_unless_the_hospital_opens_the_department(department):
    from desktop.domain.errors import PermissionDenied
    from desktop.domain.model import Actor, Role
    from desktop.services.agenda import PHYSICIAN_SCOPE, SCOPE_DEPARTMENT

    services = department
    staff = {p.code: p for p in services.agenda.practitioners()}
    dupont, martin = staff["DUPONT"], staff["MARTIN"]
    physician = Actor("dr-dupont", Role.PHYSICIAN, "poste", practitioner_id=dupont.id)
    day = date(2027, 3, 15)

    own = services.agenda.period([dupont.id], day, day, actor=physician)
    assert [p.id for p in own.practitioners] == [dupont.id]
    assert services.agenda.visible_practitioners(physician, list(staff.values())) == [dupont]
    before = _audit_count(services)
    with pytest.raises(PermissionDenied, match="propre agenda"):
        services.agenda.period([dupont.id, martin.id], day, day, actor=physician)
    assert _audit_count(services) == before + 1  # the refusal is in the audit trail
    # A secretary sees everyone.
    assert (
        len(services.agenda.period([dupont.id, martin.id], day, day, actor=SECRETARY).practitioners)
        == 2
    )

    from desktop.services.agenda import SCOPE_OWN

    assert services.agenda.physician_scope() == SCOPE_OWN
    services.db.run(lambda s: s.add(SettingRow(key=PHYSICIAN_SCOPE, value=SCOPE_DEPARTMENT)))
    both = services.agenda.period([dupont.id, martin.id], day, day, actor=physician)
    assert {p.id for p in both.practitioners} == {dupont.id, martin.id}
    assert set(services.agenda.visible_practitioners(physician, list(staff.values()))) == set(
        staff.values()
    )


def _audit_count(services) -> int:
    from sqlalchemy import func, select

    from db.tables import AuditRow

    with services.db.read() as s:
        return s.scalar(select(func.count()).select_from(AuditRow))
