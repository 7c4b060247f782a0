"""AbsenceService on both engines: recording and removing absences, the appointments an absence
hits with a replacement for each, rebooking one by one or in one go, and the call list.

"Now" is TEST_NOW, Monday 2027-03-15 10:00 in Paris. Dr Dupont and Dr Martin (Cardiologie) open
on Mondays 09:00–12:30, step 15; 29 March 2027 is Easter Monday (closed).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from db.tables import AbsenceRow, AppointmentRow, AuditRow
from desktop.domain.errors import (
    CreneauError,
    InvalidInput,
    NotFound,
    PermissionDenied,
    SlotConflict,
    StaleEdit,
)
from desktop.domain.model import Actor, Appointment, AuditEntry, Role, Slot, Status
from desktop.services.absences import NO_REPLACEMENT, ImpactItem, RebookReport
from desktop.services.container import Services
from desktop.services.patients import PatientInput
from tests.conftest import TEST_NOW
from tests.fakes import ADMIN, SECRETARY, small_hospital

PARIS = ZoneInfo("Europe/Paris")
MONDAY = date(2027, 3, 22)
NEXT_OPEN_MONDAY = date(2027, 4, 5)


def at(day: date, hhmm: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(hhmm), tzinfo=PARIS)


def whole_day(day: date) -> tuple[datetime, datetime]:
    return at(day, "00:00"), at(day + timedelta(days=1), "00:00")


@dataclass
class World:
    services: Services
    dupont: int
    martin: int
    first: int  # CARDIO-1, 30 min
    followup: int  # CARDIO-SUIVI, 15 min
    patients: list[int]

    @property
    def absences(self):
        return self.services.absences

    def book(self, start: datetime, patient: int, practitioner: int | None = None, reason=None):
        return self.services.booking.book(
            SECRETARY, practitioner or self.dupont, reason or self.first, patient, start
        )

    def state(self) -> tuple:
        with self.services.db.read() as s:
            absences = s.execute(
                select(AbsenceRow.id, AbsenceRow.start_at, AbsenceRow.end_at, AbsenceRow.reason)
            ).all()
            appointments = s.execute(
                select(
                    AppointmentRow.id,
                    AppointmentRow.practitioner_id,
                    AppointmentRow.start_at,
                    AppointmentRow.version,
                )
            ).all()
            return tuple(sorted(absences)), tuple(sorted(appointments))

    def audits(self) -> list[AuditEntry]:
        with self.services.db.read() as s:
            return [
                AuditEntry(
                    r.id,
                    r.at,
                    r.actor,
                    r.workstation,
                    r.action,
                    r.object_type,
                    r.object_id,
                    r.before,
                    r.after,
                )
                for r in s.scalars(select(AuditRow).order_by(AuditRow.id))
            ]

    def audit_count(self) -> int:
        with self.services.db.read() as s:
            return s.scalar(select(func.count()).select_from(AuditRow))


@pytest.fixture
def w(any_url):
    services = small_hospital(any_url, TEST_NOW)
    practitioners = {p.code: p.id for p in services.agenda.practitioners()}
    reasons = {r.code: r.id for r in services.agenda.visit_reasons()}
    patients = [
        services.patients.create(
            SECRETARY,
            PatientInput(name, "Test", date(1975, 5, 1 + i), phones=(f"06123456{i:02d}",)),
        ).id
        for i, name in enumerate(("Alpha", "Bravo", "Charlie", "Delta"))
    ]
    yield World(
        services,
        practitioners["DUPONT"],
        practitioners["MARTIN"],
        reasons["CARDIO-1"],
        reasons["CARDIO-SUIVI"],
        patients,
    )
    services.db.dispose()


def refused(w: World, error: type[CreneauError], words: str, call, *, audited: bool = False):
    state, audits = w.state(), w.audit_count()
    with pytest.raises(error) as caught:
        call()
    assert words in caught.value.message
    assert w.state() == state
    assert w.audit_count() == audits + (1 if audited else 0)
    if audited:
        assert w.audits()[-1].action == "refused"


# --- recording absences ---------------------------------------------------------------------


def test_add_records_an_audited_absence_that_removes_the_time(w):
    start, end = at(MONDAY, "10:00"), at(MONDAY, "11:00")
    absence = w.absences.add(SECRETARY, w.dupont, start, end, "  Réunion   de service ")
    assert (absence.practitioner_id, absence.start, absence.end) == (w.dupont, start, end)
    assert absence.start.utcoffset() == timedelta(0)
    assert absence.reason == "Réunion de service"
    record = w.audits()[-1]
    assert (record.action, record.object_type, record.object_id) == (
        "absence.add",
        "absence",
        absence.id,
    )
    assert record.after["start"] == "2027-03-22T09:00:00+00:00"
    slots = w.services.agenda.free_slots(w.first, MONDAY, MONDAY, [w.dupont])
    assert all(s.end <= start or s.start >= end for s in slots)
    assert w.absences.absences([w.dupont, w.martin], *whole_day(MONDAY)) == [absence]
    assert w.absences.absences([w.martin], *whole_day(MONDAY)) == []


def test_add_refusals_change_nothing(w):
    start = at(MONDAY, "10:00")
    refused(
        w,
        InvalidInput,
        "La fin de l'absence (22/03/2027 09:00) doit être après son début (22/03/2027 10:00)",
        lambda: w.absences.add(SECRETARY, w.dupont, start, at(MONDAY, "09:00")),
    )
    refused(
        w,
        InvalidInput,
        "doit être après son début",
        lambda: w.absences.add(SECRETARY, w.dupont, start, start),
    )
    refused(
        w,
        InvalidInput,
        "Une absence ne peut dépasser deux ans.",
        lambda: w.absences.add(SECRETARY, w.dupont, start, start + timedelta(days=800)),
    )
    refused(
        w,
        InvalidInput,
        "ne peut dépasser 200 caractères",
        lambda: w.absences.add(SECRETARY, w.dupont, start, at(MONDAY, "11:00"), "x" * 201),
    )
    refused(
        w,
        NotFound,
        "Praticien inconnu",
        lambda: w.absences.add(SECRETARY, 999_999, start, at(MONDAY, "11:00")),
    )
    with pytest.raises(ValueError):
        w.absences.add(SECRETARY, w.dupont, datetime(2027, 3, 22, 10), at(MONDAY, "11:00"))


def test_a_physician_enters_only_their_own_absences(w):
    dupont = Actor("dr-dupont", Role.PHYSICIAN, "poste", practitioner_id=w.dupont)
    mine = w.absences.add(dupont, w.dupont, at(MONDAY, "10:00"), at(MONDAY, "11:00"), "Formation")
    refused(
        w,
        PermissionDenied,
        "Un médecin ne peut gérer que son propre agenda.",
        lambda: w.absences.add(dupont, w.martin, at(MONDAY, "10:00"), at(MONDAY, "11:00")),
        audited=True,
    )
    martin = Actor("dr-martin", Role.PHYSICIAN, "poste", practitioner_id=w.martin)
    refused(
        w,
        PermissionDenied,
        "son propre agenda",
        lambda: w.absences.remove(martin, mine.id),
        audited=True,
    )
    assert w.audits()[-1].after == {"action": "manage_absences", "practitioner_id": w.dupont}


def test_remove_frees_the_time_and_offers_it_to_the_waiting_list(w):
    absence = w.absences.add(SECRETARY, w.dupont, at(MONDAY, "10:00"), at(MONDAY, "11:00"))
    waiting = w.services.waitlist.add(SECRETARY, w.patients[0], w.first, practitioner_id=w.dupont)
    removed = w.absences.remove(SECRETARY, absence.id)
    assert removed == absence
    assert w.absences.absences([w.dupont], *whole_day(MONDAY)) == []
    record = w.audits()[-1]
    assert (record.action, record.object_id, record.after) == ("absence.remove", absence.id, None)
    assert record.before["end"] == "2027-03-22T10:00:00+00:00"
    proposals = w.absences.freed_proposals(removed)
    assert [p.slot.start for p in proposals] == [
        at(MONDAY, "09:45"),
        at(MONDAY, "10:00"),
        at(MONDAY, "10:15"),
        at(MONDAY, "10:30"),
        at(MONDAY, "10:45"),
    ]
    assert {tuple(e.id for e in p.entries) for p in proposals} == {(waiting.id,)}
    refused(w, NotFound, "Absence inconnue", lambda: w.absences.remove(SECRETARY, absence.id))


# --- impact ---------------------------------------------------------------------------------


def test_impact_lists_the_hit_appointments_with_patients_and_distinct_replacements(w):
    first = w.book(at(MONDAY, "09:00"), w.patients[0])
    second = w.book(at(MONDAY, "09:30"), w.patients[1])
    short = w.book(at(MONDAY, "11:00"), w.patients[2], reason=w.followup)
    w.book(at(MONDAY, "12:00"), w.patients[3])  # after the absence: not hit
    w.book(at(MONDAY, "09:00"), w.patients[3], practitioner=w.martin)  # another agenda
    start, end = at(MONDAY, "08:00"), at(MONDAY, "11:30")
    absence = w.absences.add(SECRETARY, w.dupont, start, end, "Congrès")
    items = w.absences.impact(w.dupont, absence.start, absence.end)
    assert [i.appointment.id for i in items] == [first.id, second.id, short.id]
    assert all(isinstance(i, ImpactItem) for i in items)
    assert [i.patient.id for i in items] == w.patients[:3]
    assert items[0].patient.phones[0].e164 == "+33612345600"
    replacements = [i.replacement for i in items]
    # Dupont first, after the absence: 11:30–12:00 fits before the 12:00 appointment, then the
    # next open Monday (29 March is Easter); the 15-minute follow-up could have had 11:30 or 11:45
    # but they are already proposed: proposals never share time.
    assert [(r.practitioner_id, r.start) for r in replacements] == [
        (w.dupont, at(MONDAY, "11:30")),
        (w.dupont, at(NEXT_OPEN_MONDAY, "09:00")),
        (w.dupont, at(NEXT_OPEN_MONDAY, "09:30")),
    ]
    assert replacements[2].visit_reason_id == w.followup
    assert replacements[2].end == at(NEXT_OPEN_MONDAY, "09:45")
    for a, b in itertools.combinations(replacements, 2):
        assert a.practitioner_id != b.practitioner_id or a.end <= b.start or b.end <= a.start


def test_impact_falls_back_to_the_department_from_the_absence_start(w):
    hit = w.book(at(MONDAY, "10:00"), w.patients[0])
    also = w.book(at(MONDAY, "10:30"), w.patients[1])
    w.book(at(MONDAY, "09:00"), w.patients[2], practitioner=w.martin)
    # Dupont is away for months: nothing of his within 90 days of the absence's end.
    w.absences.add(SECRETARY, w.dupont, at(MONDAY, "00:00"), at(date(2027, 9, 1), "00:00"))
    items = w.absences.impact(w.dupont, *whole_day(MONDAY))
    assert [i.appointment.id for i in items] == [hit.id, also.id]
    assert [(i.replacement.practitioner_id, i.replacement.start) for i in items] == [
        (w.martin, at(MONDAY, "09:30")),
        (w.martin, at(MONDAY, "10:00")),
    ]


def test_impact_proposes_nothing_when_no_one_has_time(w):
    hit = w.book(at(MONDAY, "10:00"), w.patients[0])
    long_absence = (at(MONDAY, "00:00"), at(date(2027, 9, 1), "00:00"))
    w.absences.add(SECRETARY, w.dupont, *long_absence)
    w.absences.add(SECRETARY, w.martin, *long_absence)
    [item] = w.absences.impact(w.dupont, *whole_day(MONDAY))
    assert item.appointment.id == hit.id and item.replacement is None
    report = w.absences.rebook_all(SECRETARY, [item])
    assert report == RebookReport([], [(item, NO_REPLACEMENT)])


def test_impact_leaves_out_what_is_not_to_be_rebooked(w):
    w.services.clock.instant = at(MONDAY, "08:00")
    seen = w.book(at(MONDAY, "09:00"), w.patients[0])
    cancelled = w.book(at(MONDAY, "10:00"), w.patients[1])
    w.services.booking.cancel(SECRETARY, cancelled.id, cancelled.version, "Erreur de saisie")
    w.services.clock.instant = at(MONDAY, "10:00")
    w.services.booking.set_status(SECRETARY, seen.id, seen.version, Status.SEEN)
    confirmed = w.book(at(MONDAY, "11:00"), w.patients[2])
    w.services.booking.set_status(SECRETARY, confirmed.id, confirmed.version, Status.CONFIRMED)
    items = w.absences.impact(w.dupont, *whole_day(MONDAY))  # before recording it: a preview
    assert [i.appointment.id for i in items] == [confirmed.id]
    assert items[0].replacement.start >= at(MONDAY + timedelta(days=1), "00:00")
    assert w.absences.impact(w.dupont, at(MONDAY, "12:00"), at(MONDAY, "11:00")) == []
    assert w.absences.impact(w.martin, *whole_day(MONDAY)) == []


# --- rebooking ------------------------------------------------------------------------------


def test_rebook_moves_to_the_proposed_slot_in_an_audited_transaction(w):
    hit = w.book(at(MONDAY, "10:00"), w.patients[0])
    w.absences.add(SECRETARY, w.dupont, *whole_day(MONDAY))
    martin_slot = w.services.agenda.first_free_slot(w.first, MONDAY, MONDAY, [w.martin])
    moved = w.absences.rebook(SECRETARY, hit.id, hit.version, martin_slot)
    assert (moved.practitioner_id, moved.start, moved.end) == (
        w.martin,
        martin_slot.start,
        martin_slot.end,
    )
    assert moved.version == hit.version + 1 and moved.patient_id == hit.patient_id
    record = w.audits()[-1]
    assert (record.action, record.before["practitioner_id"], record.after["practitioner_id"]) == (
        "appointment.rebook",
        w.dupont,
        w.martin,
    )
    assert w.absences.call_list(w.dupont, *whole_day(MONDAY)) == []


def test_rebook_refusals_change_nothing(w):
    hit = w.book(at(MONDAY, "10:00"), w.patients[0])
    w.absences.add(SECRETARY, w.dupont, *whole_day(MONDAY))
    slot = w.services.agenda.first_free_slot(w.first, MONDAY, MONDAY, [w.martin])
    other_reason = w.services.agenda.first_free_slot(w.followup, MONDAY, MONDAY, [w.martin])
    refused(
        w,
        InvalidInput,
        "autre motif que celui du rendez-vous",
        lambda: w.absences.rebook(SECRETARY, hit.id, hit.version, other_reason),
    )
    refused(
        w,
        StaleEdit,
        "modifié entre-temps",
        lambda: w.absences.rebook(SECRETARY, hit.id, hit.version + 1, slot),
    )
    refused(
        w, NotFound, "Rendez-vous inconnu", lambda: w.absences.rebook(SECRETARY, 999_999, 1, slot)
    )
    absent = Slot(w.dupont, w.first, slot.site_id, at(MONDAY, "11:00"), at(MONDAY, "11:30"))
    refused(
        w,
        SlotConflict,
        "Le praticien est absent",
        lambda: w.absences.rebook(SECRETARY, hit.id, hit.version, absent),
    )


def test_rebook_all_takes_each_item_in_its_own_transaction(w):
    hits = [w.book(at(MONDAY, hhmm), w.patients[i]) for i, hhmm in enumerate(("09:00", "10:00"))]
    w.absences.add(SECRETARY, w.dupont, *whole_day(MONDAY), "Maladie")
    items = w.absences.impact(w.dupont, *whole_day(MONDAY))
    assert [i.appointment.id for i in items] == [h.id for h in hits]
    # Another workstation takes the second proposal meanwhile.
    taken = items[1].replacement
    w.book(taken.start, w.patients[3], practitioner=taken.practitioner_id)
    report = w.absences.rebook_all(SECRETARY, items)
    assert [a.id for a in report.rebooked] == [hits[0].id]
    assert report.rebooked[0].start == items[0].replacement.start
    [(failed_item, reason)] = report.failed
    assert failed_item is items[1]
    assert "chevauche un autre rendez-vous" in reason
    # The call list is what is left: the second patient, with a new proposal and a phone.
    [to_call] = w.absences.call_list(w.dupont, *whole_day(MONDAY))
    assert to_call.appointment.id == hits[1].id
    assert to_call.patient.phones[0].e164 == "+33612345601"
    assert to_call.replacement is not None and to_call.replacement.start != taken.start


def test_rebook_all_needs_the_right_to_move(w, monkeypatch):
    from desktop.domain import permissions
    from desktop.domain.permissions import Action

    hit = w.book(at(MONDAY, "10:00"), w.patients[0])
    items = w.absences.impact(w.dupont, *whole_day(MONDAY))
    reduced = permissions.MATRIX[Role.SECRETARY] - {Action.MOVE}
    monkeypatch.setitem(permissions.MATRIX, Role.SECRETARY, reduced)
    refused(
        w,
        PermissionDenied,
        "Votre rôle ne permet pas de déplacer un rendez-vous.",
        lambda: w.absences.rebook_all(SECRETARY, items),
        audited=True,
    )
    assert w.services.booking.appointment(hit.id) == Appointment(**_fields(hit))


def _fields(appointment: Appointment) -> dict:
    return {f: getattr(appointment, f) for f in appointment.__dataclass_fields__}


def test_a_preview_in_the_middle_of_a_day_searches_after_its_end(w):
    hit = w.book(at(MONDAY, "10:00"), w.patients[0])
    # Not recorded: 09:00 is free that morning but before the absence ends, so not proposed.
    [item] = w.absences.impact(w.dupont, at(MONDAY, "10:00"), at(MONDAY, "10:30"))
    assert item.appointment.id == hit.id
    assert (item.replacement.practitioner_id, item.replacement.start) == (
        w.dupont,
        at(MONDAY, "10:30"),
    )


def test_a_visit_reason_no_opening_offers_gets_no_replacement(w):
    w.services.structure.import_text(
        ADMIN,
        '[[visit_reasons]]\ncode = "CARDIO-ECHO"\ndepartment = "CARDIO"\n'
        'label = "Échographie cardiaque"\nduration_min = 45\n',
        "echo.toml",
    )
    echo = next(r.id for r in w.services.agenda.visit_reasons() if r.code == "CARDIO-ECHO")
    forced = w.services.booking.book(
        SECRETARY,
        w.dupont,
        echo,
        w.patients[0],
        at(MONDAY, "14:00"),
        force=True,
        overbooking_reason="Créneau exceptionnel",
    )
    [item] = w.absences.impact(w.dupont, *whole_day(MONDAY))
    assert item.appointment.id == forced.id and item.replacement is None
