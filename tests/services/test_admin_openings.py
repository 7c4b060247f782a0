"""Weekly openings and site closures from the administration services, on both engines.

"Now" is TEST_NOW (Monday 2027-03-15, 10:00 in Paris). Dupont and Martin open on Mondays
09:00–12:30, step 15. A change that would leave future appointments outside every opening is
refused with their list (nothing changed) unless confirmed; then the audit names them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from desktop.domain.errors import InvalidInput, NotFound
from desktop.domain.model import Opening, Weeks
from desktop.domain.orphans import OrphanedAppointments
from tests.conftest import TEST_NOW
from tests.fakes import ADMIN, SECRETARY, small_hospital
from tests.services.admin_helpers import (
    NEXT_MONDAY,
    a_patient,
    at,
    audit_count,
    ids_of,
    last_audit,
    state,
)


@pytest.fixture
def services(any_url):
    services = small_hospital(any_url, TEST_NOW)
    yield services
    services.db.dispose()


def _dupont_opening(services) -> Opening:
    ids = ids_of(services)
    [opening] = services.administration.openings.openings(ids.practitioners["DUPONT"])
    return opening


def _book(services, hhmm: str, day: date = NEXT_MONDAY, practitioner: str = "DUPONT", **kw):
    ids = ids_of(services)
    return services.booking.book(
        SECRETARY,
        ids.practitioners[practitioner],
        ids.reasons["CARDIO-1"],
        a_patient(services),
        at(day, hhmm),
        **kw,
    )


def test_an_opening_is_created_changed_and_deleted(services):
    ids = ids_of(services)
    admin = services.administration.openings
    new = admin.save_opening(
        ADMIN,
        Opening(
            0, ids.practitioners["DUPONT"], ids.sites["SAT"], 2, time(14), time(16), 30,
            frozenset({ids.reasons["CARDIO-SUIVI"]}), Weeks.ODD, date(2027, 3, 1),
            date(2027, 6, 30),
        ),
    )  # fmt: skip
    assert last_audit(services).action == "opening.create"
    assert len(admin.openings(ids.practitioners["DUPONT"])) == 2
    changed = admin.save_opening(
        ADMIN,
        replace(
            new,
            end=time(17),
            visit_reason_ids=frozenset(ids.reasons.values()),
            weeks=Weeks.EVEN,
        ),
    )
    assert (changed.id, changed.end, changed.weeks) == (new.id, time(17), Weeks.EVEN)
    assert changed.visit_reason_ids == frozenset(ids.reasons.values())
    entry = last_audit(services)
    assert entry.action == "opening.update"
    assert (entry.before["end"], entry.after["end"]) == ("16:00:00", "17:00:00")
    admin.delete_opening(ADMIN, new.id)
    assert last_audit(services).action == "opening.delete"
    assert len(admin.openings(ids.practitioners["DUPONT"])) == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"end": time(8)}, "Fin : la fin (08:00) doit suivre le début (09:00)."),
        ({"step_min": 0}, "Pas (min) : 0 hors des bornes"),
        ({"visit_reason_ids": frozenset()}, "Motifs : cochez au moins un motif."),
        ({"visit_reason_ids": frozenset({9999})}, "Motifs : motif inconnu"),
        ({"valid_to": date(2025, 1, 1)}, "Valable jusqu'au : la fin de validité"),
        ({"weekday": 7}, "Jour : jour inconnu"),
        ({"site_id": 9999}, "Site inconnu"),
    ],
)
def test_a_bad_opening_is_refused_and_changes_nothing(services, change, message):
    before, audits = state(services), audit_count(services)
    with pytest.raises((InvalidInput, NotFound)) as refused:
        services.administration.openings.save_opening(
            ADMIN, replace(_dupont_opening(services), **change)
        )
    assert message in refused.value.message
    assert (state(services), audit_count(services)) == (before, audits)


def test_a_visit_reason_of_another_department_or_withdrawn_is_refused(services):
    ids = ids_of(services)
    structure = services.administration.structure
    other = structure.save_department(ADMIN, "PNEUMO", "Pneumologie", ids.sites["SAT"])
    efr = structure.save_visit_reason(ADMIN, "PNEUMO-EFR", other.id, "EFR", 30)
    opening = _dupont_opening(services)
    with pytest.raises(InvalidInput, match="n'appartient pas au service du praticien"):
        services.administration.openings.save_opening(
            ADMIN, replace(opening, visit_reason_ids=frozenset({efr.id}))
        )
    structure.set_visit_reason_active(ADMIN, ids.reasons["CARDIO-SUIVI"], False)
    with pytest.raises(InvalidInput, match="n'est plus proposé"):
        services.administration.openings.save_opening(ADMIN, replace(opening, end=time(13)))


def test_narrowing_an_opening_lists_the_appointments_left_outside(services):
    inside_kept = _book(services, "09:00")
    stranded = _book(services, "11:30")
    # Easter Monday is closed: forced there, it was outside every opening before the change.
    _book(services, "11:30", day=date(2027, 3, 29), force=True, overbooking_reason="Urgence")
    cancelled = _book(services, "12:00")
    services.booking.cancel(SECRETARY, cancelled.id, cancelled.version, reason="Empêchement")
    martin = _book(services, "11:30", practitioner="MARTIN")
    opening = _dupont_opening(services)
    before, audits = state(services), audit_count(services)

    with pytest.raises(OrphanedAppointments) as refused:
        services.administration.openings.save_opening(ADMIN, replace(opening, end=time(11)))
    assert [a.id for a in refused.value.appointments] == [stranded.id]
    [line] = refused.value.lines
    assert line == (
        "lundi 22/03/2027 11:30 — CANARIVERT Zéphyrine — Dr Marie Dupont — "
        "Première consultation de cardiologie"
    )
    assert "1 rendez-vous à venir en dehors de toute plage horaire" in refused.value.message
    assert (state(services), audit_count(services)) == (before, audits)

    saved = services.administration.openings.save_opening(
        ADMIN, replace(opening, end=time(11)), confirm_orphans=True
    )
    assert saved.end == time(11)
    entry = last_audit(services)
    assert entry.after["orphaned_appointment_ids"] == [stranded.id]
    # The appointments stay where they were: nothing is cancelled behind the secretary's back.
    assert services.booking.appointment(stranded.id).start == stranded.start
    assert services.booking.appointment(inside_kept.id).active
    assert services.booking.appointment(martin.id).active


def test_deleting_an_opening_lists_its_future_appointments(services):
    appointment = _book(services, "10:00")
    opening = _dupont_opening(services)
    with pytest.raises(OrphanedAppointments) as refused:
        services.administration.openings.delete_opening(ADMIN, opening.id)
    assert [a.id for a in refused.value.appointments] == [appointment.id]
    assert _dupont_opening(services) == opening
    services.administration.openings.delete_opening(ADMIN, opening.id, confirm_orphans=True)
    assert services.administration.openings.openings(opening.practitioner_id) == []


def test_already_outside_or_past_appointments_are_not_the_change_s_doing(services):
    overbooked = _book(services, "13:00", force=True, overbooking_reason="Urgence")
    assert overbooked.overbooked
    opening = _dupont_opening(services)
    moved = services.administration.openings.save_opening(ADMIN, replace(opening, end=time(12)))
    assert moved.end == time(12)
    assert "orphaned_appointment_ids" not in last_audit(services).after


def test_a_closure_over_booked_days_lists_them(services):
    ids = ids_of(services)
    appointment = _book(services, "10:00")
    closures = services.administration.openings
    before = state(services)
    with pytest.raises(OrphanedAppointments) as refused:
        closures.add_closure(ADMIN, ids.sites["SAT"], NEXT_MONDAY, NEXT_MONDAY, "Travaux")
    assert [a.id for a in refused.value.appointments] == [appointment.id]
    assert state(services) == before
    closure = closures.add_closure(
        ADMIN, ids.sites["SAT"], NEXT_MONDAY, NEXT_MONDAY, "Travaux", confirm_orphans=True
    )
    assert closures.closures() == [closure]
    assert last_audit(services).after["orphaned_appointment_ids"] == [appointment.id]
    assert services.structure.calendar().closure_reason(ids.sites["SAT"], NEXT_MONDAY)
    with pytest.raises(InvalidInput, match="déjà une fermeture"):
        closures.add_closure(ADMIN, ids.sites["SAT"], NEXT_MONDAY, date(2027, 3, 23))
    closures.remove_closure(ADMIN, closure.id)
    assert closures.closures() == []
    assert last_audit(services).action == "closure.delete"


def test_a_closure_with_its_dates_backwards_is_refused(services):
    ids = ids_of(services)
    with pytest.raises(InvalidInput, match="Au : la fin"):
        services.administration.openings.add_closure(
            ADMIN, ids.sites["SAT"], date(2027, 5, 2), date(2027, 5, 1)
        )


def test_the_preview_of_unsaved_openings(services):
    opening = _dupont_opening(services)
    unsaved = replace(opening, id=0, weekday=1, weeks=Weeks.EVEN, end=time(10))
    weeks = services.administration.openings.preview([opening, unsaved], weeks=3)
    assert [w.monday for w in weeks] == [date(2027, 3, 15), date(2027, 3, 22), date(2027, 3, 29)]
    monday, tuesday = weeks[0].days[0], weeks[0].days[1]
    # The shortest visit reason (15 min) sets the slot length: 09:00 … 12:15.
    assert len(monday.slots) == 14 and monday.slots[-1].start.time() == time(12, 15)
    assert tuesday.slots == () and tuesday.notes == ("09:00–10:00 : semaines paires seulement",)
    assert len(weeks[1].days[1].slots) == 4  # week 12 is even
    assert weeks[2].days[0].closed.startswith("jour férié")
