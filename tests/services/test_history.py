"""What the appointment and patient panels read, on both engines: an appointment's change
history from the audit trail, a patient's past and future appointments with no-shows counted,
the opening periods of an agenda period, and the origin stored with a cancellation.

"Now" is TEST_NOW, Monday 2027-03-15 10:00 in Paris; the small hospital opens on Mondays
09:00–12:30 for Dr Dupont and Dr Martin.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import IntegrityError

from db.tables import AppointmentRow, AuditRow
from desktop.domain import permissions
from desktop.domain.cancellation import CANCEL_REASONS
from desktop.domain.errors import InvalidInput, NotFound, PermissionDenied
from desktop.domain.model import Appointment, CancelOrigin, Role, Status
from desktop.domain.permissions import Action
from desktop.services.agenda import AgendaPeriod
from desktop.services.container import Services
from desktop.services.patients import PatientInput
from tests.conftest import TEST_NOW
from tests.fakes import SECRETARY, small_hospital

PARIS = ZoneInfo("Europe/Paris")


def at(day: date, hhmm: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(hhmm), tzinfo=PARIS)


def monday(n: int) -> date:
    """The n-th Monday after TEST_NOW's (negative: before)."""
    return date(2027, 3, 15) + timedelta(weeks=n)


@dataclass
class World:
    services: Services
    dupont: int
    martin: int
    first: int
    patient: int
    other: int

    def book(self, start: datetime, patient: int | None = None) -> Appointment:
        return self.services.booking.book(
            SECRETARY, self.dupont, self.first, patient or self.patient, start
        )

    def booked_when(self, now: datetime, start: datetime, status: Status | None = None):
        """Book at another "now" (to make past appointments), optionally set a status later."""
        clock = self.services.clock
        clock.instant = now
        appointment = self.book(start)
        if status is not None:
            clock.instant = start + timedelta(hours=1)
            appointment = self.services.booking.set_status(
                SECRETARY, appointment.id, appointment.version, status
            )
        clock.instant = TEST_NOW
        return appointment


@pytest.fixture
def w(any_url):
    services = small_hospital(any_url, TEST_NOW)
    practitioners = {p.code: p.id for p in services.agenda.practitioners()}
    first = next(r.id for r in services.agenda.visit_reasons() if r.code == "CARDIO-1")
    patient = services.patients.create(
        SECRETARY, PatientInput("Histoire", "Anne", date(1960, 6, 6))
    )
    other = services.patients.create(SECRETARY, PatientInput("Autre", "Luc", date(1961, 6, 6)))
    yield World(
        services, practitioners["DUPONT"], practitioners["MARTIN"], first, patient.id, other.id
    )
    services.db.dispose()


# --- an appointment's history ---------------------------------------------------------------


def test_appointment_history_lists_its_changes_oldest_first(w):
    booked = w.book(at(monday(1), "09:00"))
    moved = w.services.booking.move(SECRETARY, booked.id, booked.version, at(monday(1), "10:00"))
    noted = w.services.booking.set_notes(SECRETARY, moved.id, moved.version, "Apporter l'ECG")
    w.services.booking.cancel(SECRETARY, noted.id, noted.version, "Annulé par le patient")
    other = w.book(at(monday(1), "11:00"), w.other)  # another appointment's records stay apart
    history = w.services.agenda.appointment_history(booked.id)
    assert [h.action for h in history] == [
        "appointment.book",
        "appointment.move",
        "appointment.notes",
        "appointment.cancel",
    ]
    assert all(h.object_id == booked.id and h.actor == SECRETARY.login for h in history)
    assert history[1].before["start"] == "2027-03-22T08:00:00+00:00"
    assert history[1].after["start"] == "2027-03-22T09:00:00+00:00"
    assert history[3].after["cancel_origin"] == "patient"
    assert [h.action for h in w.services.agenda.appointment_history(other.id)] == [
        "appointment.book"
    ]


def test_refusals_are_not_changes_of_the_appointment(w, monkeypatch):
    booked = w.book(at(monday(1), "09:00"))
    reduced = permissions.MATRIX[Role.SECRETARY] - {Action.CANCEL}
    monkeypatch.setitem(permissions.MATRIX, Role.SECRETARY, reduced)
    with pytest.raises(PermissionDenied, match="annuler un rendez-vous"):
        w.services.booking.cancel(SECRETARY, booked.id, booked.version, "Erreur de saisie")
    with w.services.db.read() as s:
        refused = s.scalar(
            select(func.count()).select_from(AuditRow).where(AuditRow.action == "refused")
        )
    assert refused == 1
    assert [h.action for h in w.services.agenda.appointment_history(booked.id)] == [
        "appointment.book"
    ]


def test_history_of_an_unknown_appointment(w):
    with pytest.raises(NotFound, match=r"Rendez-vous inconnu : n° 424242\."):
        w.services.agenda.appointment_history(424242)


# --- a patient's history --------------------------------------------------------------------


def test_patient_history_splits_past_and_future_and_counts_recent_no_shows(w):
    long_ago = datetime(2025, 1, 1, tzinfo=UTC)
    old_no_show = w.booked_when(long_ago, at(date(2026, 1, 5), "09:00"), Status.NO_SHOW)
    no_show = w.booked_when(long_ago, at(monday(-10), "09:00"), Status.NO_SHOW)
    seen = w.booked_when(long_ago, at(monday(-2), "09:00"), Status.SEEN)
    recent_no_show = w.booked_when(long_ago, at(monday(-1), "10:00"), Status.NO_SHOW)
    today_started = w.booked_when(long_ago, at(monday(0), "09:30"))  # began before 10:00
    cancelled = w.book(at(monday(1), "09:00"))
    w.services.booking.cancel(SECRETARY, cancelled.id, cancelled.version, "Erreur de saisie")
    soon = w.book(at(monday(1), "10:00"))
    later = w.book(at(monday(3), "09:00"))  # monday(2) is Easter Monday
    w.book(at(monday(1), "11:00"), w.other)

    history = w.services.patients.history(w.patient)
    assert [a.id for a in history.past] == [
        today_started.id,
        recent_no_show.id,
        seen.id,
        no_show.id,
        old_no_show.id,
    ]
    assert [a.id for a in history.future] == [cancelled.id, soon.id, later.id]
    assert history.future[0].status is Status.CANCELLED
    assert history.no_shows_12_months == 2  # January 2026 is more than a year ago

    a_year_later = w.services.patients.history(w.patient, TEST_NOW + timedelta(days=365))
    assert a_year_later.future == []
    assert a_year_later.no_shows_12_months == 0
    before_everything = w.services.patients.history(w.patient, long_ago)
    assert before_everything.past == [] and before_everything.no_shows_12_months == 0


def test_history_of_a_patient_without_appointments_and_of_an_unknown_one(w):
    empty = w.services.patients.history(w.other)
    assert (empty.past, empty.future, empty.no_shows_12_months) == ([], [], 0)
    with pytest.raises(NotFound, match="Patient inconnu"):
        w.services.patients.history(999_999)


# --- openings of an agenda period -----------------------------------------------------------


def test_period_carries_the_opening_periods_of_each_practitioner(w):
    period = w.services.agenda.period([w.dupont, w.martin], monday(1), monday(3) - timedelta(1))
    site = period.openings[w.dupont][0][2]
    expected = [
        (at(monday(1), "09:00"), at(monday(1), "12:30"), site),  # 08:00Z, winter
        # monday(2) is Easter Monday: closed
    ]
    assert period.openings[w.dupont] == expected
    assert period.openings[w.martin] == expected
    summer = w.services.agenda.period([w.dupont], monday(3), monday(3))
    assert summer.openings == {w.dupont: [(at(monday(3), "09:00"), at(monday(3), "12:30"), site)]}
    assert summer.openings[w.dupont][0][0] == datetime(2027, 4, 5, 7, 0, tzinfo=UTC)
    tuesday = w.services.agenda.period(
        [w.dupont], monday(1) + timedelta(1), monday(1) + timedelta(1)
    )
    assert tuesday.openings == {w.dupont: []}


def test_an_agenda_period_built_without_openings_still_works(w):
    period = w.services.agenda.period([w.dupont], monday(1), monday(1))
    bare = AgendaPeriod(
        period.start,
        period.end,
        period.practitioners,
        period.appointments,
        period.absences,
        period.patients,
        period.visit_reasons,
        period.calendar,
    )
    assert bare.openings == {}


# --- the origin of a cancellation -----------------------------------------------------------


@pytest.mark.parametrize(
    ("reason", "origin", "stored"),
    [
        ("Annulé par le patient", None, CancelOrigin.PATIENT),
        ("  absence du PRATICIEN ", None, CancelOrigin.HOSPITAL),
        ("Le patient a déménagé", None, None),
        ("Le patient a déménagé", "patient", CancelOrigin.PATIENT),
        ("Annulé par le patient", CancelOrigin.HOSPITAL, CancelOrigin.HOSPITAL),
        ("", None, None),
    ],
)
def test_cancel_stores_its_origin(w, reason, origin, stored):
    booked = w.book(at(monday(1), "09:00"))
    cancelled = w.services.booking.cancel(SECRETARY, booked.id, booked.version, reason, origin)
    assert cancelled.cancel_origin is stored
    assert w.services.booking.appointment(booked.id).cancel_origin is stored
    last = w.services.agenda.appointment_history(booked.id)[-1]
    assert last.after["cancel_origin"] == (stored.value if stored else None)


def test_every_listed_reason_cancels_with_its_origin(w):
    for n, (label, origin) in enumerate(CANCEL_REASONS.items()):
        booked = w.book(at(monday(1), "09:00") + timedelta(minutes=30 * n))
        cancelled = w.services.booking.cancel(SECRETARY, booked.id, booked.version, label)
        assert (cancelled.cancel_reason, cancelled.cancel_origin) == (label, origin)


def test_an_unknown_origin_is_refused_and_changes_nothing(w):
    booked = w.book(at(monday(1), "09:00"))
    with pytest.raises(InvalidInput, match="Origine d'annulation inconnue : « médecin »"):
        w.services.booking.cancel(SECRETARY, booked.id, booked.version, "Autre", "médecin")
    assert w.services.booking.appointment(booked.id) == booked


def test_the_database_refuses_an_unknown_origin(w):
    booked = w.book(at(monday(1), "09:00"))
    with pytest.raises(IntegrityError), w.services.db.uow() as s:
        s.execute(
            update(AppointmentRow)
            .where(AppointmentRow.id == booked.id)
            .values(cancel_origin="médecin")
        )
    with w.services.db.engine.connect() as c:
        stored = c.execute(
            text("SELECT cancel_origin FROM appointment WHERE id = :id"), {"id": booked.id}
        ).scalar()
    assert stored is None
