"""WaitlistService on both engines: adding with checked wishes, the order of the list, removal,
the slots a cancellation or a move frees and the patients they suit, and booking from the list
in one transaction. Every refusal is French and changes nothing (a refused right is audited).

"Now" is TEST_NOW, Monday 2027-03-15 10:00 in Paris; the small hospital opens on Mondays
09:00–12:30 (step 15) for Dr Dupont and Dr Martin (Cardiologie).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from db.tables import AppointmentRow, AuditRow, WaitingEntryRow
from desktop.domain import permissions
from desktop.domain.errors import (
    BookingRefused,
    CreneauError,
    InvalidInput,
    NotFound,
    PermissionDenied,
    SlotConflict,
    StaleEdit,
)
from desktop.domain.model import (
    Actor,
    Appointment,
    AuditEntry,
    Priority,
    Role,
    Slot,
    Status,
    TimeOfDay,
    WaitStatus,
)
from desktop.domain.permissions import Action
from desktop.services.clock import FixedClock
from desktop.services.container import Services
from desktop.services.patients import PatientInput
from desktop.services.waitlist import Proposal
from tests.conftest import TEST_NOW
from tests.fakes import ADMIN, SECRETARY, small_hospital

PARIS = ZoneInfo("Europe/Paris")
MONDAY = date(2027, 3, 22)
NEXT_MONDAY = date(2027, 4, 5)  # 29 March is Easter Monday

DERMA = """
[[departments]]
code = "DERMA"
name = "Dermatologie"
site = "SAT"

[[visit_reasons]]
code = "DERMA-1"
department = "DERMA"
label = "Consultation de dermatologie"
duration_min = 20

[[practitioners]]
code = "LEROY"
name = "Dr Anne Leroy"
department = "DERMA"
"""


def at(day: date, hhmm: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(hhmm), tzinfo=PARIS)


@dataclass
class World:
    services: Services
    clock: FixedClock
    dupont: int
    martin: int
    leroy: int
    first: int  # CARDIO-1, 30 min
    followup: int  # CARDIO-SUIVI, 15 min
    derma: int
    cardio: int  # department
    patients: list[int]

    @property
    def waitlist(self):
        return self.services.waitlist

    def book(self, start: datetime, patient: int | None = None, **kwargs) -> Appointment:
        options = {"practitioner_id": self.dupont, "visit_reason_id": self.first}
        options.update(kwargs)
        return self.services.booking.book(
            SECRETARY,
            options["practitioner_id"],
            options["visit_reason_id"],
            patient or self.patients[0],
            start,
        )

    def state(self) -> tuple:
        """Everything a refusal must leave untouched (audit rows counted apart)."""
        with self.services.db.read() as s:
            entries = s.execute(
                select(
                    WaitingEntryRow.id,
                    WaitingEntryRow.status,
                    WaitingEntryRow.version,
                    WaitingEntryRow.appointment_id,
                ).order_by(WaitingEntryRow.id)
            ).all()
            appointments = s.execute(
                select(AppointmentRow.id, AppointmentRow.status, AppointmentRow.version)
            ).all()
            return tuple(entries), tuple(sorted(appointments))

    def audit_count(self) -> int:
        with self.services.db.read() as s:
            return s.scalar(select(func.count()).select_from(AuditRow))

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

    def last_audit(self) -> AuditEntry:
        return self.audits()[-1]


@pytest.fixture
def w(any_url):
    services = small_hospital(any_url, TEST_NOW)
    services.structure.import_text(ADMIN, DERMA, "derma.toml")
    practitioners = {p.code: p.id for p in services.agenda.practitioners()}
    reasons = {r.code: r.id for r in services.agenda.visit_reasons()}
    cardio = next(d.id for d in services.agenda.departments() if d.code == "CARDIO")
    patients = [
        services.patients.create(
            SECRETARY, PatientInput(name, "Test", date(1980, 1, 1 + i), phones=("0612345678",))
        ).id
        for i, name in enumerate(("Alpha", "Bravo", "Charlie", "Delta"))
    ]
    yield World(
        services,
        services.clock,
        practitioners["DUPONT"],
        practitioners["MARTIN"],
        practitioners["LEROY"],
        reasons["CARDIO-1"],
        reasons["CARDIO-SUIVI"],
        reasons["DERMA-1"],
        cardio,
        patients,
    )
    services.db.dispose()


def refused(w: World, error: type[CreneauError], words: str, call, *, audited: bool = False):
    """Run ``call``; it must raise ``error`` naming ``words`` and change nothing."""
    state, audits = w.state(), w.audit_count()
    with pytest.raises(error) as caught:
        call()
    assert words in caught.value.message
    assert w.state() == state
    assert w.audit_count() == audits + (1 if audited else 0)
    if audited:
        assert w.last_audit().action == "refused"
    return caught.value


# --- add ------------------------------------------------------------------------------------


def test_add_stores_the_wishes_and_audits_without_names(w):
    entry = w.waitlist.add(
        SECRETARY,
        w.patients[0],
        w.first,
        practitioner_id=w.dupont,
        weekdays={0, 3},
        time_window="morning",
        not_before=date(2027, 3, 20),
        deadline=date(2027, 4, 30),
        priority=1,
        notes="  Rappeler après 17 h  ",
    )
    assert entry.patient_id == w.patients[0]
    assert (entry.visit_reason_id, entry.practitioner_id, entry.department_id) == (
        w.first,
        w.dupont,
        w.cardio,
    )
    assert entry.weekdays == frozenset({0, 3})
    assert entry.time_window is TimeOfDay.MORNING
    assert (entry.not_before, entry.deadline) == (date(2027, 3, 20), date(2027, 4, 30))
    assert entry.priority is Priority.HIGH
    assert entry.notes == "Rappeler après 17 h"
    assert entry.status is WaitStatus.WAITING and entry.appointment_id is None
    assert (entry.created_by, entry.created_at, entry.version) == (SECRETARY.login, TEST_NOW, 1)
    assert w.waitlist.entry(entry.id) == entry
    record = w.last_audit()
    assert (record.action, record.object_type, record.object_id) == (
        "waitlist.add",
        "waiting_entry",
        entry.id,
    )
    assert record.after["weekdays"] == "0,3" and record.after["notes_length"] == 19
    assert "Rappeler" not in str(record.after) and "Alpha" not in str(record.after)


def test_add_for_the_department_takes_the_department_of_the_reason(w):
    entry = w.waitlist.add(SECRETARY, w.patients[0], w.derma)
    assert entry.department_id != w.cardio and entry.practitioner_id is None
    assert entry.weekdays == frozenset() and entry.time_window is TimeOfDay.ANY


@pytest.mark.parametrize(
    ("options", "error", "words"),
    [
        ({"deadline": date(2027, 3, 14)}, InvalidInput, "La date limite (14/03/2027) est déjà"),
        (
            {"not_before": date(2027, 4, 2), "deadline": date(2027, 4, 1)},
            InvalidInput,
            "est après la date limite",
        ),
        ({"weekdays": {9}}, InvalidInput, "Jours souhaités invalides"),
        ({"time_window": "nuit"}, InvalidInput, "Moment de la journée inconnu"),
        ({"priority": 5}, InvalidInput, "Priorité inconnue"),
        ({"practitioner_id": "LEROY"}, InvalidInput, "n'est pas proposé par Dr Anne Leroy"),
        ({"practitioner_id": 999_999}, NotFound, "Praticien inconnu"),
        ({"patient_id": 999_999}, NotFound, "Patient inconnu"),
        ({"visit_reason_id": 999_999}, NotFound, "Motif inconnu"),
    ],
)
def test_add_refusals_change_nothing(w, options, error, words):
    options = dict(options)
    if options.get("practitioner_id") == "LEROY":
        options["practitioner_id"] = w.leroy
    patient = options.pop("patient_id", w.patients[0])
    reason = options.pop("visit_reason_id", w.first)
    refused(w, error, words, lambda: w.waitlist.add(SECRETARY, patient, reason, **options))


def test_the_same_wait_twice_is_refused_but_another_practitioner_is_not(w):
    first = w.waitlist.add(SECRETARY, w.patients[0], w.first, practitioner_id=w.dupont)
    refused(
        w,
        InvalidInput,
        f"attend déjà un créneau pour ce motif (demande n° {first.id})",
        lambda: w.waitlist.add(SECRETARY, w.patients[0], w.first, practitioner_id=w.dupont),
    )
    w.waitlist.add(SECRETARY, w.patients[0], w.first)  # the department: a wider wish
    refused(
        w,
        InvalidInput,
        "attend déjà",
        lambda: w.waitlist.add(SECRETARY, w.patients[0], w.first),
    )
    w.waitlist.add(SECRETARY, w.patients[0], w.first, practitioner_id=w.martin)
    w.waitlist.remove(SECRETARY, first.id, first.version, "Plus nécessaire")
    w.waitlist.add(SECRETARY, w.patients[0], w.first, practitioner_id=w.dupont)  # again allowed


def test_a_role_without_the_right_is_refused_and_audited(w, monkeypatch):
    reduced = permissions.MATRIX[Role.SECRETARY] - {Action.MANAGE_WAITLIST}
    monkeypatch.setitem(permissions.MATRIX, Role.SECRETARY, reduced)
    error = refused(
        w,
        PermissionDenied,
        "Votre rôle ne permet pas de gérer la liste d'attente.",
        lambda: w.waitlist.add(SECRETARY, w.patients[0], w.first),
        audited=True,
    )
    assert isinstance(error, PermissionDenied)
    assert w.last_audit().after == {"action": "manage_waitlist"}


def test_a_physician_manages_the_list_of_their_own_agenda_and_department(w):
    dupont = Actor("dr-dupont", Role.PHYSICIAN, "poste", practitioner_id=w.dupont)
    mine = w.waitlist.add(dupont, w.patients[0], w.first, practitioner_id=w.dupont)
    department = w.waitlist.add(dupont, w.patients[1], w.first)
    refused(
        w,
        PermissionDenied,
        "Un médecin ne peut gérer que son propre agenda.",
        lambda: w.waitlist.add(dupont, w.patients[2], w.first, practitioner_id=w.martin),
        audited=True,
    )
    refused(
        w,
        PermissionDenied,
        "Un médecin ne peut gérer que la liste d'attente de son service.",
        lambda: w.waitlist.add(dupont, w.patients[2], w.derma),
        audited=True,
    )
    nobody = Actor("dr-sans-agenda", Role.PHYSICIAN, "poste")
    refused(
        w,
        PermissionDenied,
        "liste d'attente de son service",
        lambda: w.waitlist.add(nobody, w.patients[2], w.first),
        audited=True,
    )
    martin = Actor("dr-martin", Role.PHYSICIAN, "poste", practitioner_id=w.martin)
    refused(
        w,
        PermissionDenied,
        "son propre agenda",
        lambda: w.waitlist.remove(martin, mine.id, mine.version, "Erreur"),
        audited=True,
    )
    w.waitlist.remove(martin, department.id, department.version, "Vu en urgence")


# --- the list -------------------------------------------------------------------------------


def test_entries_are_offered_by_priority_then_age(w):
    made = []
    for minutes, (patient, priority) in enumerate(
        [(0, 0), (1, 2), (2, 1), (3, 2)]
    ):  # created one minute apart
        w.clock.instant = TEST_NOW + timedelta(minutes=minutes)
        made.append(w.waitlist.add(SECRETARY, w.patients[patient], w.first, priority=priority))
    derma = w.waitlist.add(SECRETARY, w.patients[0], w.derma)
    assert [e.id for e in w.waitlist.entries(w.cardio)] == [
        made[1].id,
        made[3].id,
        made[2].id,
        made[0].id,
    ]
    assert {e.id for e in w.waitlist.entries()} == {e.id for e in made} | {derma.id}
    w.waitlist.remove(SECRETARY, made[1].id, made[1].version, "Rendez-vous pris ailleurs")
    assert made[1].id not in [e.id for e in w.waitlist.entries(w.cardio)]
    everything = w.waitlist.entries(w.cardio, include_done=True)
    assert [e.id for e in everything][-1] == made[1].id  # done ones come last
    assert [e.id for e in w.waitlist.entries_for_patient(w.patients[0])] == [
        made[0].id,
        derma.id,
    ]


def test_remove_keeps_the_entry_marked_with_its_reason(w):
    entry = w.waitlist.add(SECRETARY, w.patients[0], w.first)
    removed = w.waitlist.remove(
        SECRETARY, entry.id, entry.version, "  Rendez-vous   pris ailleurs "
    )
    assert removed.status is WaitStatus.REMOVED
    assert removed.removed_reason == "Rendez-vous pris ailleurs"
    assert removed.version == entry.version + 1
    record = w.last_audit()
    assert (record.action, record.before["status"], record.after["status"]) == (
        "waitlist.remove",
        "waiting",
        "removed",
    )


def test_remove_refusals_change_nothing(w):
    entry = w.waitlist.add(SECRETARY, w.patients[0], w.first)
    refused(
        w,
        InvalidInput,
        "Indiquez pourquoi",
        lambda: w.waitlist.remove(SECRETARY, entry.id, entry.version, "   "),
    )
    refused(
        w,
        InvalidInput,
        "ne peut dépasser 500 caractères",
        lambda: w.waitlist.remove(SECRETARY, entry.id, entry.version, "x" * 501),
    )
    refused(
        w,
        NotFound,
        "Demande de liste d'attente inconnue : n° 999999.",
        lambda: w.waitlist.remove(SECRETARY, 999_999, 1, "Erreur"),
    )
    w.waitlist.remove(SECRETARY, entry.id, entry.version, "Erreur")
    refused(
        w,
        StaleEdit,
        f"modifiée entre-temps par {SECRETARY.login}",
        lambda: w.waitlist.remove(SECRETARY, entry.id, entry.version, "Encore"),
    )
    refused(
        w,
        BookingRefused,
        "n'est plus en attente (retiré)",
        lambda: w.waitlist.remove(SECRETARY, entry.id, None, "Encore"),
    )


# --- which entries a slot suits -------------------------------------------------------------


def test_matches_for_slot_respects_wishes_and_order(w):
    slot = w.services.agenda.first_free_slot(w.first, MONDAY, MONDAY, [w.dupont])
    assert slot.start == at(MONDAY, "09:00")
    plain = w.waitlist.add(SECRETARY, w.patients[0], w.first)
    urgent = w.waitlist.add(SECRETARY, w.patients[1], w.first, practitioner_id=w.dupont, priority=2)
    w.waitlist.add(SECRETARY, w.patients[2], w.first, practitioner_id=w.martin)
    w.waitlist.add(SECRETARY, w.patients[3], w.first, time_window="afternoon")
    w.waitlist.add(SECRETARY, w.patients[3], w.followup)
    w.waitlist.add(SECRETARY, w.patients[2], w.first, weekdays={1, 2})
    assert [e.id for e in w.waitlist.matches_for_slot(slot)] == [urgent.id, plain.id]


def test_a_cancellation_proposes_the_freed_slots_to_matching_patients(w):
    booked = w.book(at(MONDAY, "10:00"), w.patients[0])
    w.book(at(MONDAY, "10:30"), w.patients[1])
    w.book(at(MONDAY, "09:30"), w.patients[1])
    any_time = w.waitlist.add(SECRETARY, w.patients[2], w.first)
    followup = w.waitlist.add(SECRETARY, w.patients[3], w.followup, practitioner_id=w.dupont)
    w.waitlist.add(SECRETARY, w.patients[3], w.first, practitioner_id=w.martin)  # not Dupont
    w.waitlist.add(SECRETARY, w.patients[1], w.first, time_window="afternoon")  # 10:00 is not
    w.waitlist.add(SECRETARY, w.patients[1], w.derma)  # another department

    assert w.waitlist.proposals_for_freed(booked) == []  # still booked: nothing is free
    cancelled = w.services.booking.cancel(SECRETARY, booked.id, booked.version, "Erreur de saisie")
    proposals = w.waitlist.proposals_for_freed(cancelled)
    assert all(isinstance(p, Proposal) for p in proposals)
    shown = [(p.slot.start, p.slot.visit_reason_id, [e.id for e in p.entries]) for p in proposals]
    assert shown == [
        (at(MONDAY, "10:00"), w.first, [any_time.id]),  # 30 min fit exactly between 09:30 and 10:30
        (at(MONDAY, "10:00"), w.followup, [followup.id]),
        (at(MONDAY, "10:15"), w.followup, [followup.id]),
    ]
    for p in proposals:
        assert p.slot.practitioner_id == w.dupont
        assert p.slot.start < cancelled.end and p.slot.end > cancelled.start


def test_a_move_frees_the_old_time(w):
    booked = w.book(at(MONDAY, "11:00"), w.patients[0])
    waiting = w.waitlist.add(SECRETARY, w.patients[1], w.first, weekdays={0})
    moved = w.services.booking.move(SECRETARY, booked.id, booked.version, at(NEXT_MONDAY, "09:00"))
    proposals = w.waitlist.proposals_for_freed(booked)  # as it was before the move
    assert [p.slot.start for p in proposals] == [  # the 30-minute slots overlapping 11:00–11:30
        at(MONDAY, "10:45"),
        at(MONDAY, "11:00"),
        at(MONDAY, "11:15"),
    ]
    assert all(p.entries == [w.waitlist.entry(waiting.id)] for p in proposals)
    assert w.waitlist.proposals_for_freed(moved) == []  # its new time is not free


def test_proposals_skip_the_past_and_hopeless_cases(w):
    def monday_morning():
        return w.waitlist.proposals_for_interval(w.dupont, at(MONDAY, "09:00"), at(MONDAY, "10:00"))

    assert monday_morning() == []  # nobody waits
    w.waitlist.add(SECRETARY, w.patients[1], w.followup, weekdays={2})
    assert monday_morning() == []  # free slots, but the only patient wants Wednesdays
    w.waitlist.add(SECRETARY, w.patients[0], w.first)
    past = w.waitlist.proposals_for_interval(
        w.dupont, at(date(2027, 3, 8), "09:00"), at(date(2027, 3, 8), "12:30")
    )
    assert past == []
    assert (
        w.waitlist.proposals_for_interval(w.dupont, at(MONDAY, "10:00"), at(MONDAY, "10:00")) == []
    )
    many = w.waitlist.proposals_for_interval(
        w.dupont, at(MONDAY, "00:00"), at(date(2027, 5, 31), "00:00"), limit=3
    )
    assert [p.slot.start for p in many] == [
        at(MONDAY, "09:00"),
        at(MONDAY, "09:15"),
        at(MONDAY, "09:30"),
    ]
    with pytest.raises(ValueError):
        w.waitlist.proposals_for_interval(w.dupont, datetime(2027, 3, 22, 9), at(MONDAY, "10:00"))


# --- booking from the list ------------------------------------------------------------------


def test_book_from_the_list_books_and_closes_the_entry_in_one_transaction(w):
    entry = w.waitlist.add(SECRETARY, w.patients[2], w.first, notes="Préfère le matin")
    slot = w.services.agenda.first_free_slot(w.first, MONDAY, MONDAY, [w.martin])
    audits = w.audit_count()
    appointment = w.waitlist.book_from_waitlist(SECRETARY, entry.id, slot, entry.version)
    assert (appointment.patient_id, appointment.practitioner_id) == (w.patients[2], w.martin)
    assert (appointment.start, appointment.end) == (slot.start, slot.end)
    assert appointment.status is Status.BOOKED
    done = w.waitlist.entry(entry.id)
    assert done.status is WaitStatus.BOOKED and done.appointment_id == appointment.id
    assert done.version == entry.version + 1
    records = w.audits()
    assert [r.action for r in records[audits:]] == ["appointment.book", "waitlist.book"]
    assert records[-1].after["appointment_id"] == appointment.id
    assert w.waitlist.entries(w.cardio) == []


def test_a_slot_taken_meanwhile_leaves_the_entry_waiting(w):
    entry = w.waitlist.add(SECRETARY, w.patients[2], w.first)
    slot = w.services.agenda.first_free_slot(w.first, MONDAY, MONDAY, [w.dupont])
    w.book(slot.start, w.patients[0])  # another workstation was quicker
    refused(
        w,
        SlotConflict,
        "chevauche un autre rendez-vous",
        lambda: w.waitlist.book_from_waitlist(SECRETARY, entry.id, slot, entry.version),
    )
    assert w.waitlist.entry(entry.id).status is WaitStatus.WAITING


def test_book_from_the_list_refusals_change_nothing(w):
    entry = w.waitlist.add(SECRETARY, w.patients[2], w.first, practitioner_id=w.dupont)
    dupont_slot = w.services.agenda.first_free_slot(w.first, MONDAY, MONDAY, [w.dupont])
    martin_slot = w.services.agenda.first_free_slot(w.first, MONDAY, MONDAY, [w.martin])
    followup_slot = w.services.agenda.first_free_slot(w.followup, MONDAY, MONDAY, [w.dupont])
    book = w.waitlist.book_from_waitlist
    refused(
        w,
        InvalidInput,
        "autre praticien que celui demandé",
        lambda: book(SECRETARY, entry.id, martin_slot, entry.version),
    )
    refused(
        w,
        InvalidInput,
        "autre motif que celui de la demande",
        lambda: book(SECRETARY, entry.id, followup_slot, entry.version),
    )
    refused(
        w,
        StaleEdit,
        "modifiée entre-temps",
        lambda: book(SECRETARY, entry.id, dupont_slot, entry.version - 1),
    )
    refused(w, NotFound, "inconnue", lambda: book(SECRETARY, 999_999, dupont_slot, 1))
    past = Slot(w.dupont, w.first, dupont_slot.site_id, at(date(2027, 3, 8), "09:00"), None)
    refused(w, CreneauError, "est déjà passé", lambda: book(SECRETARY, entry.id, past, None))
    book(SECRETARY, entry.id, dupont_slot, entry.version)
    refused(
        w,
        BookingRefused,
        "n'est plus en attente (rendez-vous pris)",
        lambda: book(SECRETARY, entry.id, dupont_slot, None),
    )


def test_book_from_the_list_needs_the_right_to_book(w, monkeypatch):
    entry = w.waitlist.add(SECRETARY, w.patients[2], w.first)
    slot = w.services.agenda.first_free_slot(w.first, MONDAY, MONDAY, [w.dupont])
    reduced = permissions.MATRIX[Role.SECRETARY] - {Action.BOOK}
    monkeypatch.setitem(permissions.MATRIX, Role.SECRETARY, reduced)
    refused(
        w,
        PermissionDenied,
        "Votre rôle ne permet pas de prendre un rendez-vous.",
        lambda: w.waitlist.book_from_waitlist(SECRETARY, entry.id, slot, entry.version),
        audited=True,
    )


def test_book_in_refuses_a_forced_booking_without_a_reason(w):
    from desktop.services.booking import book_in

    refused(
        w,
        InvalidInput,
        "Un surbooking exige un motif.",
        lambda: w.services.db.run(
            lambda s: book_in(
                s,
                SECRETARY,
                TEST_NOW,
                w.dupont,
                w.first,
                w.patients[0],
                at(MONDAY, "09:00"),
                force=True,
            )
        ),
    )
