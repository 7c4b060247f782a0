"""BookingService on both engines: the agenda rules, refusals that change nothing, overbooking,
move / cancel / status, optimistic locking and one audit record per change.

Times are written in the hospital's wall clock (Europe/Paris). "Now" is TEST_NOW, Monday
2027-03-15 10:00 local; the small hospital opens Monday 09:00–12:30, step 15 min.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from db.tables import AppointmentRow, AuditRow
from desktop.domain import permissions
from desktop.domain.errors import (
    BookingRefused,
    ClosedDay,
    CreneauError,
    InThePast,
    InvalidInput,
    OutsideOpening,
    PermissionDenied,
    SlotConflict,
    StaleEdit,
)
from desktop.domain.model import Actor, Appointment, AuditEntry, Channel, Role, Status
from desktop.domain.permissions import Action
from desktop.services.container import Services
from desktop.services.patients import PatientInput
from tests.conftest import TEST_NOW
from tests.fakes import ADMIN, PHYSICIAN, SECRETARY, small_hospital

PARIS = ZoneInfo("Europe/Paris")
TODAY = date(2027, 3, 15)  # TEST_NOW's day: 10:00 local
MONDAY = date(2027, 3, 22)  # winter time: 09:00 local is 08:00Z
WEDNESDAY = date(2027, 3, 24)
EASTER_MONDAY = date(2027, 3, 29)
CLOSED_MONDAY = date(2027, 4, 12)
AUTUMN_SUNDAY = date(2027, 10, 31)  # 03:00 CEST -> 02:00 CET: 02:00–03:00 happens twice
CANARY = ("Canarivert", "Zéphyrine")


def at(day: date, hhmm: str, fold: int = 0) -> datetime:
    """A local wall time of the hospital as an aware datetime (fold=1: the repeated hour)."""
    return datetime.combine(day, time.fromisoformat(hhmm), tzinfo=PARIS).replace(fold=fold)


@dataclass
class Hospital:
    services: Services
    dupont: int
    martin: int
    first: int  # CARDIO-1, 30 min
    followup: int  # CARDIO-SUIVI, 15 min
    patient: int
    other_patient: int

    @property
    def booking(self):
        return self.services.booking

    def book(self, start: datetime, *, actor: Actor = SECRETARY, **kwargs) -> Appointment:
        options = {"practitioner_id": self.dupont, "visit_reason_id": self.first}
        options.update(kwargs)
        return self.booking.book(
            actor,
            options.pop("practitioner_id"),
            options.pop("visit_reason_id"),
            options.pop("patient_id", self.patient),
            start,
            **options,
        )

    def load(self, text_: str) -> None:
        self.services.structure.import_text(ADMIN, text_, "test.toml")

    def counts(self) -> tuple[int, int]:
        """(appointments, audit records)."""
        with self.services.db.read() as s:
            return (
                s.scalar(select(func.count()).select_from(AppointmentRow)),
                s.scalar(select(func.count()).select_from(AuditRow)),
            )

    def audit(self, appointment_id: int | None = None) -> list[AuditEntry]:
        with self.services.db.read() as s:
            query = select(AuditRow).order_by(AuditRow.id)
            if appointment_id is not None:
                query = query.where(
                    AuditRow.object_type == "appointment", AuditRow.object_id == appointment_id
                )
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
                for r in s.scalars(query)
            ]

    def last_audit(self) -> AuditEntry:
        return self.audit()[-1]


@pytest.fixture
def h(any_url):
    services = small_hospital(any_url, TEST_NOW)
    practitioners = {p.code: p.id for p in services.agenda.practitioners()}
    reasons = {r.code: r.id for r in services.agenda.visit_reasons()}
    patient = services.patients.create(SECRETARY, PatientInput(*CANARY, date(1984, 2, 29)))
    other = services.patients.create(SECRETARY, PatientInput("Durand", "Alice", date(1990, 1, 1)))
    yield Hospital(
        services,
        practitioners["DUPONT"],
        practitioners["MARTIN"],
        reasons["CARDIO-1"],
        reasons["CARDIO-SUIVI"],
        patient.id,
        other.id,
    )
    services.db.dispose()


# --- booking inside the rules --------------------------------------------------------------------


def test_book_inside_an_opening(h):
    before = h.counts()
    appointment = h.book(at(MONDAY, "09:00"), channel=Channel.DESK, notes="  Apporter l'ECG  ")
    assert appointment.start == datetime(2027, 3, 22, 8, 0, tzinfo=UTC)
    assert appointment.end == datetime(2027, 3, 22, 8, 30, tzinfo=UTC)
    assert appointment.start.tzinfo is not None and appointment.start.utcoffset() == timedelta(0)
    assert (appointment.status, appointment.channel) == (Status.BOOKED, Channel.DESK)
    assert not appointment.overbooked and appointment.overbooking_reason == ""
    assert appointment.notes == "Apporter l'ECG"
    assert (appointment.created_by, appointment.created_at) == (SECRETARY.login, TEST_NOW)
    assert appointment.version == 1
    assert h.counts() == (before[0] + 1, before[1] + 1)
    assert h.booking.appointment(appointment.id) == appointment


def test_summer_time_opening_is_seven_utc(h):
    appointment = h.book(at(date(2027, 4, 5), "09:00"))  # after the spring change
    assert appointment.start == datetime(2027, 4, 5, 7, 0, tzinfo=UTC)


def test_half_open_intervals_adjacent_appointments_both_fit(h):
    first = h.book(at(MONDAY, "09:00"))
    second = h.book(at(MONDAY, "09:30"), patient_id=h.other_patient)
    assert first.end == second.start
    last = h.book(at(MONDAY, "12:00"))  # ends exactly at the opening's end, 12:30
    assert last.end == at(MONDAY, "12:30")
    assert not (first.overbooked or second.overbooked or last.overbooked)


# --- refusals: each changes nothing --------------------------------------------------------------


def _absence(h: Hospital) -> None:
    h.load(
        '[[absences]]\npractitioner = "DUPONT"\nstart = "2027-03-22T10:00"\n'
        'end = "2027-03-22T11:00"\nreason = "Réunion de service"\n'
    )


def _closure(h: Hospital) -> None:
    h.load(
        '[[closures]]\nsite = "SAT"\nfrom = "2027-04-12"\nto = "2027-04-12"\nreason = "Travaux"\n'
    )


def _taken(h: Hospital) -> None:
    h.book(at(MONDAY, "10:00"), patient_id=h.other_patient)


def _notice(h: Hospital) -> None:
    h.load(
        '[[visit_reasons]]\ncode = "CARDIO-1"\ndepartment = "CARDIO"\n'
        'label = "Première consultation de cardiologie"\nduration_min = 30\nmin_notice_hours = 48\n'
    )


def _nothing(_h: Hospital) -> None:
    pass


REFUSALS = {
    "before the opening": (_nothing, at(MONDAY, "08:30"), OutsideOpening, "en dehors des plages"),
    "runs past the end": (_nothing, at(MONDAY, "12:15"), OutsideOpening, "en dehors des plages"),
    "day without opening": (_nothing, at(WEDNESDAY, "10:00"), OutsideOpening, "en dehors"),
    "public holiday": (_nothing, at(EASTER_MONDAY, "10:00"), ClosedDay, "jour férié"),
    "site closure": (_closure, at(CLOSED_MONDAY, "10:00"), ClosedDay, "Travaux"),
    "in the past": (_nothing, at(TODAY, "09:00"), InThePast, "déjà passé"),
    "past week": (_nothing, at(date(2027, 3, 8), "10:00"), InThePast, "déjà passé"),
    "within the notice": (_notice, at(TODAY, "11:00"), InThePast, "délai de prévenance"),
    "same start": (_taken, at(MONDAY, "10:00"), SlotConflict, "chevauche"),
    "overlaps the end": (_taken, at(MONDAY, "10:15"), SlotConflict, "chevauche"),
    "overlaps the start": (_taken, at(MONDAY, "09:45"), SlotConflict, "chevauche"),
    "during an absence": (_absence, at(MONDAY, "10:30"), SlotConflict, "absent"),
    "overlaps an absence": (_absence, at(MONDAY, "09:45"), SlotConflict, "Réunion de service"),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_a_refused_booking_changes_nothing(h, case):
    prepare, start, error, words = REFUSALS[case]
    prepare(h)
    before = h.counts()
    with pytest.raises(error) as refused:
        h.book(start)
    assert type(refused.value) is error
    assert words in refused.value.message
    assert h.counts() == before


def test_other_refusals_change_nothing(h):
    h.load(
        '[[departments]]\ncode = "DERMA"\nname = "Dermatologie"\nsite = "SAT"\n'
        '[[visit_reasons]]\ncode = "DERMA-1"\ndepartment = "DERMA"\nlabel = "Dermatologie"\n'
        "duration_min = 20\n"
    )
    derma = next(r.id for r in h.services.agenda.visit_reasons() if r.code == "DERMA-1")
    before = h.counts()
    with pytest.raises(InvalidInput, match="n'est pas proposé"):
        h.book(at(MONDAY, "10:00"), visit_reason_id=derma)
    with pytest.raises(ValueError, match="naive"):
        h.book(datetime(2027, 3, 22, 10, 0))
    with pytest.raises(CreneauError):
        h.book(at(MONDAY, "10:00"), patient_id=999_999)
    assert h.counts() == before


# --- overbooking ---------------------------------------------------------------------------------


def test_forced_overbooking_carries_the_flag_and_the_reason(h):
    taken = h.book(at(MONDAY, "10:00"), patient_id=h.other_patient)
    forced = h.book(
        at(MONDAY, "10:15"), actor=PHYSICIAN, force=True, overbooking_reason="  Urgence   vitale "
    )
    assert forced.overbooked and forced.overbooking_reason == "Urgence vitale"
    outside = h.book(at(WEDNESDAY, "18:00"), force=True, overbooking_reason="Hors plage")
    assert outside.overbooked and outside.site_id == taken.site_id
    holiday = h.book(at(EASTER_MONDAY, "10:00"), force=True, overbooking_reason="Garde")
    assert holiday.overbooked
    _absence(h)
    absent = h.book(at(MONDAY, "10:30"), force=True, overbooking_reason="Avant la réunion")
    assert absent.overbooked
    # Forcing a time that breaks no rule books it plainly.
    plain = h.book(at(MONDAY, "11:30"), force=True, overbooking_reason="Par précaution")
    assert not plain.overbooked and plain.overbooking_reason == ""
    after = h.audit(forced.id)[-1].after
    assert after["overbooked"] is True and after["overbooking_reason"] == "Urgence vitale"
    with h.services.db.read() as s:
        stored = s.execute(
            select(AppointmentRow.overbooked, AppointmentRow.overbooking_reason).where(
                AppointmentRow.id == forced.id
            )
        ).one()
    assert tuple(stored) == (True, "Urgence vitale")


def test_forcing_cannot_book_in_the_past(h):
    before = h.counts()
    with pytest.raises(InThePast):
        h.book(at(TODAY, "09:00"), force=True, overbooking_reason="Rattrapage")
    assert h.counts() == before


@pytest.mark.parametrize("reason", ["", "   "])
def test_forced_overbooking_needs_a_reason(h, reason):
    h.book(at(MONDAY, "10:00"))
    before = h.counts()
    with pytest.raises(InvalidInput, match="exige un motif"):
        h.book(at(MONDAY, "10:15"), force=True, overbooking_reason=reason)
    assert h.counts() == before


def test_overbooking_reason_too_long_is_refused(h):
    before = h.counts()
    with pytest.raises(InvalidInput, match="500"):
        h.book(at(WEDNESDAY, "10:00"), force=True, overbooking_reason="x" * 501)
    assert h.counts() == before


@pytest.fixture
def no_overbooking_for_physicians(monkeypatch):
    """Every shipped role may overbook; this hospital withdraws the right from physicians.

    The real matrix and the real check are used; only the matrix's contents change.
    """
    reduced = permissions.MATRIX[Role.PHYSICIAN] - {Action.OVERBOOK}
    monkeypatch.setitem(permissions.MATRIX, Role.PHYSICIAN, reduced)


def test_overbooking_without_the_right_is_refused_audited_and_books_nothing(
    h, no_overbooking_for_physicians
):
    h.book(at(MONDAY, "10:00"))
    appointments, audits = h.counts()
    with pytest.raises(PermissionDenied, match="surbooking"):
        h.book(at(MONDAY, "10:15"), actor=PHYSICIAN, force=True, overbooking_reason="Urgence")
    assert h.counts() == (appointments, audits + 1)
    refusal = h.last_audit()
    assert (refusal.action, refusal.actor, refusal.workstation) == (
        "refused",
        PHYSICIAN.login,
        PHYSICIAN.workstation,
    )
    assert refusal.after == {"action": "overbook", "practitioner_id": PHYSICIAN.practitioner_id}
    # The same physician may still book a free slot without forcing.
    assert not h.book(at(MONDAY, "11:00"), actor=PHYSICIAN).overbooked


def test_moving_with_force_without_the_right_is_refused_and_audited(
    h, no_overbooking_for_physicians
):
    appointment = h.book(at(MONDAY, "10:00"))
    h.book(at(MONDAY, "11:00"), patient_id=h.other_patient)
    appointments, audits = h.counts()
    with pytest.raises(PermissionDenied):
        h.booking.move(
            PHYSICIAN, appointment.id, 1, at(MONDAY, "11:00"), force=True, overbooking_reason="x"
        )
    assert h.counts() == (appointments, audits + 1)
    assert h.last_audit().object_id == appointment.id
    assert h.booking.appointment(appointment.id) == appointment


# --- move, cancel, status ------------------------------------------------------------------------


def test_move_frees_the_old_time_and_takes_the_new(h):
    appointment = h.book(at(MONDAY, "09:00"))
    moved = h.booking.move(SECRETARY, appointment.id, 1, at(MONDAY, "11:00"))
    assert (moved.start, moved.end) == (at(MONDAY, "11:00"), at(MONDAY, "11:30"))
    assert moved.version == 2 and moved.updated_by == SECRETARY.login
    # The old time is free again, the new one is taken.
    assert h.book(at(MONDAY, "09:00"), patient_id=h.other_patient).start == at(MONDAY, "09:00")
    before = h.counts()
    with pytest.raises(SlotConflict):
        h.book(at(MONDAY, "11:15"), patient_id=h.other_patient)
    assert h.counts() == before


def test_move_to_another_practitioner_of_the_department(h):
    appointment = h.book(at(MONDAY, "09:00"))
    h.book(at(MONDAY, "10:00"), practitioner_id=h.martin, patient_id=h.other_patient)
    moved = h.booking.move(
        SECRETARY, appointment.id, 1, at(MONDAY, "09:00"), practitioner_id=h.martin
    )
    assert moved.practitioner_id == h.martin and moved.start == at(MONDAY, "09:00")
    before = h.counts()
    with pytest.raises(SlotConflict):  # Dr Martin's 10:00 is taken
        h.booking.move(SECRETARY, appointment.id, 2, at(MONDAY, "09:45"))
    assert h.counts() == before
    assert h.booking.appointment(appointment.id) == moved
    # Dr Dupont's 09:00 is free again.
    assert not h.book(at(MONDAY, "09:00"), patient_id=h.other_patient).overbooked


def test_move_to_a_practitioner_of_another_department_is_refused(h):
    h.load(
        '[[departments]]\ncode = "DERMA"\nname = "Dermatologie"\nsite = "SAT"\n'
        '[[practitioners]]\ncode = "LEROY"\nname = "Dr Léa Leroy"\ndepartment = "DERMA"\n'
    )
    leroy = next(p.id for p in h.services.agenda.practitioners() if p.code == "LEROY")
    appointment = h.book(at(MONDAY, "09:00"))
    before = h.counts()
    with pytest.raises(InvalidInput, match="ne propose pas ce motif"):
        h.booking.move(SECRETARY, appointment.id, 1, at(MONDAY, "09:00"), practitioner_id=leroy)
    assert h.counts() == before
    assert h.booking.appointment(appointment.id) == appointment


@pytest.mark.parametrize(
    ("start", "error"),
    [
        (at(MONDAY, "08:00"), OutsideOpening),
        (at(EASTER_MONDAY, "10:00"), ClosedDay),
        (at(TODAY, "09:00"), InThePast),
        (at(MONDAY, "10:15"), SlotConflict),
    ],
)
def test_a_refused_move_changes_nothing(h, start, error):
    appointment = h.book(at(MONDAY, "09:00"))
    h.book(at(MONDAY, "10:00"), patient_id=h.other_patient)
    before = h.counts()
    with pytest.raises(error):
        h.booking.move(SECRETARY, appointment.id, 1, start)
    assert h.counts() == before
    assert h.booking.appointment(appointment.id) == appointment


def test_move_onto_its_own_time_shifted_is_no_conflict_with_itself(h):
    appointment = h.book(at(MONDAY, "09:00"))
    moved = h.booking.move(SECRETARY, appointment.id, 1, at(MONDAY, "09:15"))
    assert moved.start == at(MONDAY, "09:15") and not moved.overbooked


def test_forced_move_records_the_overbooking(h):
    appointment = h.book(at(MONDAY, "09:00"))
    h.book(at(MONDAY, "10:00"), patient_id=h.other_patient)
    with pytest.raises(InvalidInput, match="exige un motif"):
        h.booking.move(SECRETARY, appointment.id, 1, at(MONDAY, "10:00"), force=True)
    moved = h.booking.move(
        SECRETARY, appointment.id, 1, at(MONDAY, "10:00"), force=True, overbooking_reason="Urgent"
    )
    assert moved.overbooked and moved.overbooking_reason == "Urgent"
    back = h.booking.move(SECRETARY, appointment.id, 2, at(MONDAY, "11:00"))
    assert not back.overbooked and back.overbooking_reason == ""


def test_cancel_with_a_reason_frees_the_time(h):
    appointment = h.book(at(MONDAY, "09:00"))
    before = h.counts()
    cancelled = h.booking.cancel(SECRETARY, appointment.id, 1, "  Patient  hospitalisé ")
    assert cancelled.status is Status.CANCELLED
    assert cancelled.cancel_reason == "Patient hospitalisé" and cancelled.version == 2
    assert h.counts() == (before[0], before[1] + 1)
    rebooked = h.book(at(MONDAY, "09:00"), patient_id=h.other_patient)
    assert not rebooked.overbooked
    # A cancelled appointment cannot be cancelled, moved or marked again.
    before = h.counts()
    with pytest.raises(BookingRefused, match="annulé"):
        h.booking.cancel(SECRETARY, appointment.id, 2, "encore")
    with pytest.raises(BookingRefused, match="annulé"):
        h.booking.move(SECRETARY, appointment.id, 2, at(MONDAY, "11:00"))
    with pytest.raises(BookingRefused, match="annulé"):
        h.booking.set_status(SECRETARY, appointment.id, 2, Status.CONFIRMED)
    assert h.counts() == before


def test_set_status(h):
    today = h.book(at(TODAY, "11:00"))  # an hour from now
    confirmed = h.booking.set_status(SECRETARY, today.id, 1, Status.CONFIRMED)
    arrived = h.booking.set_status(PHYSICIAN, today.id, 2, Status.ARRIVED)
    seen = h.booking.set_status(PHYSICIAN, today.id, 3, Status.SEEN)
    assert [a.status for a in (confirmed, arrived, seen)] == [
        Status.CONFIRMED,
        Status.ARRIVED,
        Status.SEEN,
    ]
    assert seen.version == 4 and seen.updated_by == PHYSICIAN.login
    # A seen appointment still holds its time.
    with pytest.raises(SlotConflict):
        h.book(at(TODAY, "11:15"), patient_id=h.other_patient)
    later = h.book(at(MONDAY, "09:00"))
    before = h.counts()
    with pytest.raises(BookingRefused, match="pas encore eu lieu"):
        h.booking.set_status(PHYSICIAN, later.id, 1, Status.NO_SHOW)
    with pytest.raises(InvalidInput, match="annulation"):
        h.booking.set_status(PHYSICIAN, later.id, 1, Status.CANCELLED)
    assert h.counts() == before
    assert h.booking.set_status(SECRETARY, later.id, 1, "confirmed").status is Status.CONFIRMED


# --- optimistic locking --------------------------------------------------------------------------


def test_second_edit_of_the_same_version_is_refused_naming_the_first_user(h):
    appointment = h.book(at(MONDAY, "09:00"))
    seen_by_physician = h.booking.appointment(appointment.id)
    seen_by_secretary = h.booking.appointment(appointment.id)
    assert seen_by_physician.version == seen_by_secretary.version == 1
    moved = h.booking.move(
        PHYSICIAN, appointment.id, seen_by_physician.version, at(MONDAY, "10:00")
    )
    before = h.counts()
    for attempt in (
        lambda: h.booking.move(
            SECRETARY, appointment.id, seen_by_secretary.version, at(MONDAY, "11:00")
        ),
        lambda: h.booking.cancel(SECRETARY, appointment.id, seen_by_secretary.version, "x"),
        lambda: h.booking.set_status(
            SECRETARY, appointment.id, seen_by_secretary.version, Status.CONFIRMED
        ),
        lambda: h.booking.set_notes(SECRETARY, appointment.id, seen_by_secretary.version, "x"),
    ):
        with pytest.raises(StaleEdit) as stale:
            attempt()
        assert PHYSICIAN.login in stale.value.message
        assert "15/03/2027 à 10:00" in stale.value.message  # when, in local time
        assert "rien n'a été enregistré" in stale.value.message
    assert h.counts() == before
    assert h.booking.appointment(appointment.id) == moved
    # Saved on top of the current version, the edit goes through.
    assert (
        h.booking.move(SECRETARY, appointment.id, moved.version, at(MONDAY, "11:00")).version == 3
    )


# --- audit ---------------------------------------------------------------------------------------


def test_every_change_writes_exactly_one_audit_record(h):
    steps = [
        ("appointment.book", lambda: h.book(at(TODAY, "11:00"))),
        ("appointment.move", lambda: h.booking.move(SECRETARY, 1, 1, at(TODAY, "11:30"))),
        ("appointment.status", lambda: h.booking.set_status(PHYSICIAN, 1, 2, Status.ARRIVED)),
        ("appointment.notes", lambda: h.booking.set_notes(PHYSICIAN, 1, 3, "Tension à revoir")),
        ("appointment.cancel", lambda: h.booking.cancel(SECRETARY, 1, 4, "Erreur de saisie")),
    ]
    previous_after = None
    for action, step in steps:
        before_count = h.counts()
        result = step()
        assert result.id == 1
        assert h.counts() == (
            before_count[0] if action != "appointment.book" else 1,
            before_count[1] + 1,
        )
        record = h.last_audit()
        assert (record.action, record.object_type, record.object_id) == (
            action,
            "appointment",
            result.id,
        )
        assert record.at == TEST_NOW
        assert record.actor in (SECRETARY.login, PHYSICIAN.login)
        assert record.workstation in (SECRETARY.workstation, PHYSICIAN.workstation)
        if action == "appointment.book":
            assert record.before is None
        elif action != "appointment.notes":
            assert record.before == previous_after | {"version": result.version - 1}
        if action != "appointment.notes":
            assert record.after["version"] == result.version
            assert record.after["patient_id"] == h.patient
            assert record.after["practitioner_id"] == h.dupont
            assert record.after["status"] == result.status.value
            assert record.after["start"] == result.start.isoformat()
            previous_after = record.after
    history = h.audit(1)
    assert [r.action for r in history] == [a for a, _ in steps]
    dumped = json.dumps([[r.before, r.after] for r in history], ensure_ascii=False).casefold()
    for name in (*CANARY, "Tension à revoir"):
        assert name.casefold() not in dumped


def test_audit_record_and_change_share_one_transaction(h):
    """When the audit record cannot be written, the appointment is not written either."""
    with h.services.db.engine.begin() as c:
        if h.services.db.sqlite:
            c.exec_driver_sql(
                "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit "
                "WHEN substr(NEW.action, 1, 12) = 'appointment.' "
                "BEGIN SELECT RAISE(ABORT, 'audit refused'); END"
            )
        else:
            c.exec_driver_sql(
                "CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'audit refused'; END $$"
            )
            c.exec_driver_sql(
                "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit FOR EACH ROW "
                "WHEN (substr(NEW.action, 1, 12) = 'appointment.') EXECUTE FUNCTION refuse_audit()"
            )
    before = h.counts()
    with pytest.raises((DBAPIError, CreneauError)):
        h.book(at(MONDAY, "09:00"))
    assert h.counts() == before
    with h.services.db.engine.begin() as c:
        c.execute(text("DROP TRIGGER refuse_audit" + ("" if h.services.db.sqlite else " ON audit")))
    appointment = h.book(at(MONDAY, "09:00"))
    with h.services.db.engine.begin() as c:
        if h.services.db.sqlite:
            c.exec_driver_sql(
                "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit "
                "BEGIN SELECT RAISE(ABORT, 'audit refused'); END"
            )
        else:
            c.exec_driver_sql(
                "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit FOR EACH ROW "
                "EXECUTE FUNCTION refuse_audit()"
            )
    with pytest.raises((DBAPIError, CreneauError)):
        h.booking.cancel(SECRETARY, appointment.id, 1, "Annulé")
    assert h.booking.appointment(appointment.id) == appointment


# --- the autumn repeated hour --------------------------------------------------------------------

NIGHT_OPENING = """
[[openings]]
practitioner = "DUPONT"
site = "SAT"
weekday = "monday"
start = "09:00"
end = "12:30"
step_min = 15
visit_reasons = ["CARDIO-1", "CARDIO-SUIVI"]
valid_from = "2026-01-05"

[[openings]]
practitioner = "DUPONT"
site = "SAT"
weekday = "sunday"
start = "00:00"
end = "04:00"
step_min = 30
visit_reasons = ["CARDIO-1"]
valid_from = "2026-01-05"
"""


def test_the_repeated_autumn_hour_keeps_two_instants_and_no_false_conflict(h):
    h.load(NIGHT_OPENING)
    first = h.book(at(AUTUMN_SUNDAY, "02:30", fold=0))  # 02:30 CEST
    second = h.book(at(AUTUMN_SUNDAY, "02:30", fold=1), patient_id=h.other_patient)  # 02:30 CET
    assert first.start == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)
    assert second.start == datetime(2027, 10, 31, 1, 30, tzinfo=UTC)
    assert not first.overbooked and not second.overbooked
    # Between them, the first 03:00 is the second 02:00: free, and fits.
    between = h.book(datetime(2027, 10, 31, 1, 0, tzinfo=UTC))
    assert not between.overbooked
    # A real overlap in that night is still caught.
    before = h.counts()
    with pytest.raises(SlotConflict):
        h.book(at(AUTUMN_SUNDAY, "02:45", fold=1))
    with pytest.raises(SlotConflict):
        h.book(at(AUTUMN_SUNDAY, "02:45", fold=0))
    assert h.counts() == before
    # The opening ends at 04:00 CET (03:00Z): 03:30 CET fits, 03:45 does not.
    assert h.book(at(AUTUMN_SUNDAY, "03:30")).end == datetime(2027, 10, 31, 3, 0, tzinfo=UTC)
    with pytest.raises(OutsideOpening):
        h.book(at(AUTUMN_SUNDAY, "03:45"))
