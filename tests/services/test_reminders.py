"""The reminder queue through the real services, on both engines: queued in the transaction of
the booking change (book, move, cancel, status, waiting list, absence rebooking), never failing
it; sent once by the file outbox or a real HTTP server, even by two senders racing; the outbox,
retries, opt-out, the policy of a visit reason, and the no-show figures.

"Now" is TEST_NOW, Monday 2027-03-15 10:00 in Paris; the small hospital opens on Mondays.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, text

from db.tables import AuditRow, ReminderRow
from desktop.domain.errors import (
    BookingRefused,
    InvalidInput,
    NotFound,
    PermissionDenied,
    SlotConflict,
)
from desktop.domain.model import Slot, Status
from desktop.domain.reminders import (
    LANDLINE_ONLY,
    NO_PHONE,
    OPTED_OUT,
    ReminderKind,
    ReminderStatus,
)
from desktop.services.audit import AuditFilter
from desktop.services.clock import FixedClock
from desktop.services.container import Services
from desktop.services.gateways import FileOutbox, HttpGateway
from desktop.services.patients import PatientInput
from desktop.services.reminder_sender import MAX_ATTEMPTS, SendReport, backoff
from tests.conftest import TEST_NOW
from tests.fakes import ADMIN, PHYSICIAN, SECRETARY, small_hospital
from tests.services.sms_server import OK, SmsServer

PARIS = ZoneInfo("Europe/Paris")
MONDAY = date(2027, 3, 22)
NEXT_MONDAY = date(2027, 4, 5)
HEALTH = ("Dupont", "Martin", "Cardiologie", "consultation", "suivi")


def at(day: date, hhmm: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(hhmm), tzinfo=PARIS)


@dataclass
class Hospital:
    services: Services
    clock: FixedClock
    dupont: int
    first: int
    followup: int

    @property
    def reminders(self):
        return self.services.reminders

    def patient(self, family: str, *phones: str) -> int:
        data = PatientInput(family, "Camille", date(1980, 5, 17), phones=phones)
        return self.services.patients.create(SECRETARY, data).id

    def book(self, patient: int, start: datetime, reason: int | None = None):
        return self.services.booking.book(
            SECRETARY, self.dupont, reason or self.first, patient, start
        )

    def rows(self, appointment_id: int | None = None) -> list:
        found = self.reminders.outbox()
        return sorted(
            (r for r in found if appointment_id in (None, r.appointment_id)),
            key=lambda r: (r.due, r.id),
        )

    def kinds(self, appointment_id: int) -> list[tuple[str, str]]:
        return [(r.kind.value, r.status.value) for r in self.rows(appointment_id)]


def open_hospital(url: str, now: datetime = TEST_NOW) -> Hospital:
    services = small_hospital(url, now)
    assert isinstance(services.clock, FixedClock)
    practitioners = {p.code: p.id for p in services.agenda.practitioners()}
    reasons = {r.code: r.id for r in services.agenda.visit_reasons()}
    return Hospital(
        services, services.clock, practitioners["DUPONT"], reasons["CARDIO-1"],
        reasons["CARDIO-SUIVI"],
    )  # fmt: skip


@pytest.fixture
def hospital(any_url):
    found = open_hospital(any_url)
    yield found
    found.services.db.dispose()


@pytest.fixture
def outbox(tmp_path) -> FileOutbox:
    """A file outbox in its own folder (the test's temporary folder also holds the database)."""
    return FileOutbox(tmp_path / "sortants")


@pytest.fixture
def lite(sqlite_url):
    found = open_hospital(sqlite_url)
    yield found
    found.services.db.dispose()


def count(services: Services, table) -> int:
    with services.db.read() as s:
        return s.scalar(select(func.count()).select_from(table))


# --- queueing with the booking change ------------------------------------------------------------


def test_booking_queues_a_confirmation_and_the_day_before_reminder(hospital):
    patient = hospital.patient("Bernard", "01 49 28 20 01", "06 12 34 56 78")
    appointment = hospital.book(patient, at(MONDAY, "09:00"))
    confirmation, reminder = hospital.rows(appointment.id)
    assert (confirmation.kind, confirmation.status) == (
        ReminderKind.CONFIRMATION,
        ReminderStatus.QUEUED,
    )
    assert confirmation.due == TEST_NOW and confirmation.e164 == "+33612345678"
    assert confirmation.text.startswith("Rendez-vous confirmé le lundi 22/03 à 09h00")
    assert "Site Saint-Antoine, 184 rue du Faubourg Saint-Antoine" in confirmation.text
    assert confirmation.text.endswith("01 49 28 20 00")  # the hospital's phone
    assert reminder.kind is ReminderKind.DAY_BEFORE
    assert reminder.due == at(date(2027, 3, 21), "10:00")
    assert reminder.key == f"{appointment.id}-day_before-20270321T0900Z"
    for row in (confirmation, reminder):
        assert not any(word.lower() in row.text.lower() for word in HEALTH), row.text
    assert hospital.reminders.for_appointment(appointment.id).why_none == ""


def test_a_refused_booking_leaves_no_reminder(hospital):
    patient = hospital.patient("Bernard", "06 12 34 56 78")
    hospital.book(patient, at(MONDAY, "09:00"))
    before = count(hospital.services, ReminderRow)
    with pytest.raises(SlotConflict):
        hospital.book(hospital.patient("Moreau", "07 81 23 45 67"), at(MONDAY, "09:15"))
    assert count(hospital.services, ReminderRow) == before


def test_a_patient_without_a_mobile_is_booked_and_the_reason_is_kept(hospital):
    landline = hospital.patient("Moreau", "01 49 28 20 02")
    nothing = hospital.patient("Petit")
    first = hospital.book(landline, at(MONDAY, "09:00"))
    second = hospital.book(nothing, at(MONDAY, "10:00"))
    assert hospital.kinds(first.id) == [("confirmation", "failed"), ("day_before", "failed")]
    assert {r.reply for r in hospital.rows(first.id)} == {LANDLINE_ONLY}
    assert {r.reply for r in hospital.rows(second.id)} == {NO_PHONE}
    assert {r.e164 for r in hospital.rows(second.id)} == {""}


def test_moving_replaces_the_pending_reminders(hospital, outbox):
    patient = hospital.patient("Bernard", "06 12 34 56 78")
    booked = hospital.book(patient, at(MONDAY, "09:00"))
    hospital.reminders.send_due(gateway=outbox)
    moved = hospital.services.booking.move(
        SECRETARY, booked.id, booked.version, at(NEXT_MONDAY, "10:30")
    )
    assert hospital.kinds(moved.id) == [
        ("confirmation", "sent"),
        ("moved", "queued"),
        ("day_before", "cancelled"),
        ("day_before", "queued"),
    ]
    new = hospital.rows(moved.id)[-1]
    assert new.due == at(date(2027, 4, 4), "10:00")  # summer time now: still 10:00 local
    assert hospital.rows(moved.id)[1].text.startswith(
        "Votre rendez-vous est déplacé au lundi 05/04"
    )
    # Moving back: the reminder of the first date comes back, never a second row for it.
    again = hospital.services.booking.move(SECRETARY, moved.id, moved.version, at(MONDAY, "09:00"))
    statuses = [(r.kind.value, r.status.value, r.due) for r in hospital.rows(again.id)]
    assert ("day_before", "queued", at(date(2027, 3, 21), "10:00")) in statuses
    assert len({r.key for r in hospital.rows(again.id)}) == len(statuses)


def test_a_move_before_anything_was_sent_confirms_the_new_time(hospital):
    patient = hospital.patient("Bernard", "06 12 34 56 78")
    booked = hospital.book(patient, at(MONDAY, "09:00"))
    hospital.clock.instant = TEST_NOW + timedelta(minutes=5)
    moved = hospital.services.booking.move(
        SECRETARY, booked.id, booked.version, at(MONDAY, "11:00")
    )
    queued = [r for r in hospital.rows(moved.id) if r.status is ReminderStatus.QUEUED]
    assert [r.kind for r in queued] == [ReminderKind.CONFIRMATION, ReminderKind.DAY_BEFORE]
    assert "à 11h00" in queued[0].text


def test_cancelling_drops_the_pending_and_queues_the_cancellation(hospital):
    patient = hospital.patient("Bernard", "06 12 34 56 78")
    booked = hospital.book(patient, at(MONDAY, "09:00"))
    cancelled = hospital.services.booking.cancel(SECRETARY, booked.id, booked.version, "patient")
    assert hospital.kinds(cancelled.id) == [
        ("confirmation", "cancelled"),
        ("cancelled", "queued"),
        ("day_before", "cancelled"),
    ]
    message = hospital.rows(cancelled.id)[1]
    assert message.text.startswith("Votre rendez-vous du lundi 22/03 à 09h00")
    assert "annulé" in message.text


def test_a_status_change_cancels_or_plans_again(lite):
    patient = lite.patient("Bernard", "06 12 34 56 78")
    booked = lite.book(patient, at(date(2027, 3, 15), "11:00"))  # today, in an hour
    lite.clock.instant = at(date(2027, 3, 15), "10:50").astimezone(UTC)
    confirmed = lite.services.booking.set_status(SECRETARY, booked.id, None, Status.ARRIVED)
    assert lite.kinds(confirmed.id) == [("confirmation", "cancelled")]
    later = lite.book(patient, at(MONDAY, "09:00"))
    seen = lite.services.booking.set_status(SECRETARY, later.id, None, Status.CONFIRMED)
    assert ("day_before", "queued") in lite.kinds(seen.id)


def test_the_waiting_list_and_the_absence_rebooking_queue_too(lite, outbox):
    services = lite.services
    patient = lite.patient("Lambert", "06 98 76 54 32")
    entry = services.waitlist.add(SECRETARY, patient, lite.first)
    site = services.structure.sites()[0].id
    start = at(MONDAY, "10:00")
    slot = Slot(lite.dupont, lite.first, site, start, start + timedelta(minutes=30))
    booked = services.waitlist.book_from_waitlist(SECRETARY, entry.id, slot, entry.version)
    assert lite.kinds(booked.id) == [("confirmation", "queued"), ("day_before", "queued")]
    lite.reminders.send_due(gateway=outbox)
    later = at(NEXT_MONDAY, "11:00")
    moved = services.absences.rebook(
        SECRETARY, booked.id, booked.version,
        Slot(lite.dupont, lite.first, site, later, later + timedelta(minutes=30)),
    )  # fmt: skip
    assert ("moved", "queued") in lite.kinds(moved.id)


def test_a_reminder_problem_never_fails_a_booking(hospital, caplog):
    patient = hospital.patient("Bernard", "06 12 34 56 78")
    with hospital.services.db.uow() as s:
        s.execute(text("ALTER TABLE reminder RENAME TO reminder_away"))
    appointment = hospital.book(patient, at(MONDAY, "09:00"))
    assert hospital.services.booking.appointment(appointment.id).status is Status.BOOKED
    assert "not queued" in caplog.text
    moved = hospital.services.booking.move(
        SECRETARY, appointment.id, appointment.version, at(MONDAY, "10:00")
    )
    hospital.services.booking.cancel(SECRETARY, moved.id, moved.version, "x")


# --- sending -------------------------------------------------------------------------------------


def test_the_file_outbox_gets_exactly_the_due_messages_once(lite, outbox):
    mobile = lite.patient("Bernard", "06 12 34 56 78")
    reunion = lite.patient("Payet", "0692 12 34 56")
    landline = lite.patient("Moreau", "01 49 28 20 02")
    for patient, hhmm in ((mobile, "09:00"), (reunion, "09:30"), (landline, "10:00")):
        lite.book(patient, at(MONDAY, hhmm))
    report = lite.reminders.send_due(gateway=outbox)
    assert (len(report.sent), report.failed, report.retried) == (2, (), ())
    files = sorted(outbox.folder.iterdir(), key=lambda f: f.name)
    assert [json.loads(f.read_text(encoding="utf-8"))["to"] for f in files] == [
        "+33612345678",
        "+262692123456",
    ]
    assert lite.reminders.send_due(gateway=outbox).handled == 0  # nothing twice
    day_before = at(date(2027, 3, 21), "10:00").astimezone(UTC)
    assert lite.reminders.send_due(day_before - timedelta(minutes=1), gateway=outbox).sent == ()
    assert len(lite.reminders.send_due(day_before, gateway=outbox).sent) == 2
    assert len(list(outbox.folder.iterdir())) == 4
    audit = lite.services.audit.search(ADMIN, AuditFilter(action="reminder.send"))
    assert [e.after["sent"] for e in audit] == [2, 2]


def test_the_day_before_reminder_across_both_dst_changes(sqlite_url, tmp_path):
    spring_now = datetime(2026, 3, 23, 9, 0, tzinfo=UTC)
    hospital = open_hospital(sqlite_url, spring_now)
    patient = hospital.patient("Bernard", "06 12 34 56 78")
    hospital.services.administration.settings.save_reminders(
        ADMIN, "file", str(tmp_path / "sortants"), "", "21:00", "08:00", True, days_before=2
    )
    spring = hospital.book(patient, at(date(2026, 3, 30), "09:00"))  # Monday, summer time
    hospital.clock.instant = datetime(2026, 10, 12, 9, 0, tzinfo=UTC)
    autumn = hospital.book(patient, at(date(2026, 10, 26), "09:00"))  # Monday, winter time
    [spring_reminder] = [r for r in hospital.rows(spring.id) if r.kind.value != "confirmation"]
    [autumn_reminder] = [r for r in hospital.rows(autumn.id) if r.kind.value != "confirmation"]
    # Two days before at 10:00 local, on the other side of each change.
    assert spring_reminder.due == datetime(2026, 3, 28, 9, 0, tzinfo=UTC)  # Saturday, CET
    assert autumn_reminder.due == datetime(2026, 10, 24, 8, 0, tzinfo=UTC)  # Saturday, CEST
    for reminder in (spring_reminder, autumn_reminder):
        assert reminder.due.astimezone(PARIS).time() == time(10)
        assert reminder.kind is ReminderKind.TWO_DAYS_BEFORE
    hospital.services.db.dispose()


def test_quiet_hours_hold_a_late_booking_until_the_morning(lite, outbox):
    lite.clock.instant = at(date(2027, 3, 15), "22:30").astimezone(UTC)
    patient = lite.patient("Bernard", "06 12 34 56 78")
    appointment = lite.book(patient, at(MONDAY, "09:00"))
    confirmation = lite.rows(appointment.id)[0]
    assert confirmation.due == at(date(2027, 3, 16), "08:00")
    assert lite.reminders.send_due(at(date(2027, 3, 16), "07:59"), gateway=outbox).sent == ()
    assert len(lite.reminders.send_due(at(date(2027, 3, 16), "08:00"), gateway=outbox).sent) == 1


def test_a_failing_http_gateway_keeps_the_message_queued_and_sends_it_once_later(lite):
    patient = lite.patient("Bernard", "06 12 34 56 78")
    appointment = lite.book(patient, at(MONDAY, "09:00"))
    with SmsServer([(503, {}, b"maintenance")] * 3 + [OK]) as server:
        http = HttpGateway(server.url, sleep=lambda _s: None, timeout=2.0)
        first = lite.reminders.send_due(gateway=http)
        [row] = [r for r in lite.rows(appointment.id) if r.kind is ReminderKind.CONFIRMATION]
        assert first.retried == (row.id,) and row.status is ReminderStatus.QUEUED
        assert row.attempts == 1 and row.next_attempt == TEST_NOW + timedelta(minutes=1)
        assert "HTTP 503" in row.reply
        assert lite.reminders.send_due(TEST_NOW + timedelta(seconds=30), gateway=http).handled == 0
        second = lite.reminders.send_due(TEST_NOW + timedelta(minutes=2), gateway=http)
        assert second.sent == (row.id,)
        assert lite.reminders.send_due(TEST_NOW + timedelta(hours=1), gateway=http).handled == 0
    assert server.delivered == {row.key: 1}
    sent = lite.rows(appointment.id)[0]
    assert (sent.status, sent.attempts) == (ReminderStatus.SENT, 2)


def test_a_refusing_gateway_fails_the_message_with_its_reason_and_gives_up_in_the_end(lite):
    lite.book(lite.patient("Bernard", "06 12 34 56 78"), at(MONDAY, "09:00"))
    lite.book(lite.patient("Payet", "07 81 23 45 67"), at(MONDAY, "10:00"))
    script = [(400, {}, b"numero bloque")] + [(500, {}, b"")] * (3 * MAX_ATTEMPTS)
    with SmsServer(script) as server:
        http = HttpGateway(server.url, sleep=lambda _s: None, timeout=2.0)
        now = TEST_NOW
        for _ in range(MAX_ATTEMPTS):
            lite.reminders.send_due(now, gateway=http)
            now += timedelta(hours=2)
    failed = lite.reminders.outbox([ReminderStatus.FAILED])
    replies = sorted(r.reply for r in failed)
    assert replies[0].startswith(f"Abandon après {MAX_ATTEMPTS} essais : HTTP 500")
    assert replies[1] == "Refusé par la passerelle (HTTP 400) numero bloque"


def test_two_senders_racing_send_each_message_once(any_url):
    hospital = open_hospital(any_url)
    for i in range(12):
        patient = hospital.patient(f"Patient{i}", f"06 12 34 56 {i:02d}")
        hospital.book(patient, at(MONDAY, "09:00") + timedelta(minutes=15 * i), hospital.followup)
    second = Services.open(any_url, FixedClock(TEST_NOW))
    barrier = threading.Barrier(2)
    reports, errors = [], []
    with SmsServer() as server:

        def run(services: Services) -> None:
            try:
                barrier.wait(timeout=30)
                gateway = HttpGateway(server.url, sleep=lambda _s: None, timeout=10.0)
                reports.append(services.reminders.send_due(gateway=gateway))
            except Exception as exc:  # reported to the test below
                errors.append(exc)

        threads = [threading.Thread(target=run, args=(s,)) for s in (hospital.services, second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    assert errors == []
    assert len(server.delivered) == 12 and set(server.delivered.values()) == {1}
    assert len(server.received) == 12
    assert sorted(i for r in reports for i in r.sent) == sorted(
        r.id for r in hospital.reminders.outbox([ReminderStatus.SENT])
    )
    second.db.dispose()
    hospital.services.db.dispose()


def test_at_sending_time_the_patient_s_current_choice_wins(lite, outbox):
    patient = lite.patient("Bernard", "06 12 34 56 78")
    appointment = lite.book(patient, at(MONDAY, "09:00"))
    data = PatientInput("Bernard", "Camille", date(1980, 5, 17), phones=("07 81 23 45 67",))
    lite.services.patients.update(SECRETARY, patient, data)
    lite.reminders.send_due(gateway=outbox)
    [path] = outbox.folder.iterdir()
    assert json.loads(path.read_text(encoding="utf-8"))["to"] == "+33781234567"
    assert lite.rows(appointment.id)[0].e164 == "+33781234567"


# --- the outbox, retries, opt-out, policies -------------------------------------------------------


def test_retry_after_the_patient_gave_a_mobile(lite, outbox):
    patient = lite.patient("Moreau", "01 49 28 20 02")
    appointment = lite.book(patient, at(MONDAY, "09:00"))
    confirmation = lite.rows(appointment.id)[0]
    with pytest.raises(InvalidInput, match="fixe"):
        lite.reminders.retry(SECRETARY, confirmation.id)  # still no mobile: said, nothing done
    assert lite.rows(appointment.id)[0].status is ReminderStatus.FAILED
    with pytest.raises(PermissionDenied):
        lite.reminders.retry(PHYSICIAN, confirmation.id)
    data = PatientInput("Moreau", "Camille", date(1980, 5, 17), phones=("06 11 22 33 44",))
    lite.services.patients.update(SECRETARY, patient, data)
    retried = lite.reminders.retry(SECRETARY, confirmation.id)
    assert (retried.status, retried.e164) == (ReminderStatus.QUEUED, "+33611223344")
    assert lite.reminders.send_due(gateway=outbox).sent == (confirmation.id,)
    with pytest.raises(BookingRefused, match="déjà envoyé"):
        lite.reminders.retry(SECRETARY, confirmation.id)
    actions = [e.action for e in lite.services.audit.search(ADMIN, AuditFilter())]
    assert "reminder.retry" in actions and "refused" in actions


def test_opting_out_cancels_and_opting_in_plans_again(lite):
    patient = lite.patient("Bernard", "06 12 34 56 78")
    appointment = lite.book(patient, at(MONDAY, "09:00"))
    with pytest.raises(PermissionDenied):
        lite.reminders.set_opt_out(PHYSICIAN, patient, True)
    assert lite.reminders.set_opt_out(SECRETARY, patient, True) is True
    assert lite.reminders.opted_out(patient)
    assert {r.status for r in lite.rows(appointment.id)} == {ReminderStatus.CANCELLED}
    assert lite.reminders.sms_decision(patient).reason == OPTED_OUT
    other = lite.book(patient, at(MONDAY, "10:00"))
    assert {(r.status, r.reply) for r in lite.rows(other.id)} == {
        (ReminderStatus.CANCELLED, OPTED_OUT)
    }
    assert lite.reminders.for_appointment(appointment.id).reminders  # kept, cancelled
    lite.reminders.set_opt_out(SECRETARY, patient, False)
    assert ("day_before", "queued") in lite.kinds(appointment.id)
    audit = lite.services.audit.search(ADMIN, AuditFilter(action="patient.sms_opt_out"))
    assert [e.after for e in audit] == [{"sms_opt_out": False}, {"sms_opt_out": True}]


def test_the_policy_of_a_visit_reason(lite):
    reminders = lite.reminders
    with pytest.raises(PermissionDenied):
        reminders.save_reason_policy(SECRETARY, lite.followup, 0)
    reminders.save_reason_policy(ADMIN, lite.followup, 0)
    reminders.save_reason_policy(ADMIN, lite.first, 2, time(18), {"two_days_before": "J-2 {heure}"})
    assert reminders.reason_policy(lite.followup).days_before == 0
    patient = lite.patient("Bernard", "06 12 34 56 78")
    quiet = lite.book(patient, at(MONDAY, "09:00"), lite.followup)
    early = lite.book(patient, at(MONDAY, "10:00"))
    assert [k for k, _ in lite.kinds(quiet.id)] == ["confirmation"]
    two_days = lite.rows(early.id)[1]
    assert (two_days.kind, two_days.due, two_days.text) == (
        ReminderKind.TWO_DAYS_BEFORE,
        at(date(2027, 3, 20), "18:00"),
        "J-2 10h00",
    )
    reminders.save_reason_policy(ADMIN, lite.followup, None)  # back to the hospital's
    assert reminders.reason_policy(lite.followup).days_before is None


def test_the_hospital_may_name_the_practitioner(lite):
    settings = lite.services.administration.settings
    settings.save_reminders(
        ADMIN, "file", "/srv/sms", "", "21:00", "08:00", True, show_practitioner=True
    )
    appointment = lite.book(lite.patient("Bernard", "06 12 34 56 78"), at(MONDAY, "09:00"))
    assert "(Dr Marie Dupont)" in lite.rows(appointment.id)[0].text


def test_the_gateway_follows_the_settings(lite, tmp_path):
    assert isinstance(lite.reminders.gateway(), FileOutbox)
    settings = lite.services.administration.settings
    settings.save_reminders(
        ADMIN, "http", "", "https://sms.example/send", "21:00", "08:00", True,
        auth_header="X-Api-Key", auth_value="cle-secrete",
    )  # fmt: skip
    http = lite.reminders.gateway()
    assert isinstance(http, HttpGateway) and http.url == "https://sms.example/send"
    assert isinstance(lite.reminders.gateway(tmp_path), FileOutbox)
    with lite.services.db.read() as s:
        stored = [r.after for r in s.scalars(select(AuditRow).order_by(AuditRow.id))]
    assert "cle-secrete" not in json.dumps(stored)


# --- no-shows ------------------------------------------------------------------------------------


def test_no_show_counts_and_rates(lite, outbox):
    lite.clock.instant = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    often = lite.patient("Absent", "06 12 34 56 78")
    never = lite.patient("Present", "01 49 28 20 02")
    booked = []
    for i, monday in enumerate((date(2026, 3, 9), date(2026, 3, 16), date(2026, 3, 23))):
        booked.append(lite.book(often, at(monday, "09:00")))
        booked.append(lite.book(never, at(monday, "10:00"), lite.followup if i else None))
    lite.clock.instant = datetime(2026, 3, 8, 9, 0, tzinfo=UTC)
    lite.reminders.send_due(gateway=outbox)
    lite.clock.instant = datetime(2026, 3, 30, 9, 0, tzinfo=UTC)
    for appointment in booked:
        status = Status.NO_SHOW if appointment.patient_id == often else Status.SEEN
        lite.services.booking.set_status(SECRETARY, appointment.id, None, status)
    lite.clock.instant = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
    assert lite.reminders.no_show_counts([often, never]) == {often: 3}
    lite.clock.instant = datetime(2027, 3, 15, 9, 0, tzinfo=UTC)  # 9 March 2026: a year ago
    assert lite.reminders.no_show_counts([often, never]) == {often: 2}
    assert lite.reminders.no_show_counts([]) == {}
    assert lite.reminders.no_show_threshold() == 2
    rates = lite.reminders.no_show_rates(
        datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC)
    )
    [dupont] = rates.by_practitioner
    assert (dupont.key, dupont.appointments, dupont.no_shows, dupont.rate) == ("DUPONT", 6, 3, 0.5)
    by_reason = {r.key: (r.appointments, r.no_shows) for r in rates.by_visit_reason}
    assert by_reason == {"CARDIO-1": (4, 3), "CARDIO-SUIVI": (2, 0)}
    by_reminder = {r.key: (r.appointments, r.no_shows) for r in rates.by_reminder}
    # Sent on 8 March: the mobile patient's confirmations, and the reminder of the 9th.
    assert by_reminder == {"none": (3, 0), "confirmation": (2, 2), "day_before": (1, 1)}
    assert [r.label for r in rates.by_reminder] == [
        "Aucun SMS reçu",
        "Confirmation seule",
        "Rappel la veille",
    ]
    with pytest.raises(ValueError):
        lite.reminders.no_show_rates(datetime(2026, 3, 1), datetime(2026, 4, 1))


# --- the sender's other paths --------------------------------------------------------------------


def test_at_sending_time_a_patient_without_a_mobile_or_opted_out_gets_nothing(lite, outbox):
    landline = lite.patient("Moreau", "06 12 34 56 78")
    refused = lite.patient("Roux", "07 81 23 45 67")
    first = lite.book(landline, at(MONDAY, "09:00"))
    second = lite.book(refused, at(MONDAY, "10:00"))
    data = PatientInput("Moreau", "Camille", date(1980, 5, 17), phones=("01 49 28 20 02",))
    lite.services.patients.update(SECRETARY, landline, data)
    with lite.services.db.uow() as s:  # another workstation's opt-out, its queue not yet seen
        s.execute(text("UPDATE patient SET sms_opt_out = :yes WHERE id = :id"),
                  {"yes": True, "id": refused})  # fmt: skip
    report = lite.reminders.send_due(gateway=outbox)
    assert (report.sent, len(report.skipped)) == ((), 2)
    assert report.summary() == "0 SMS envoyé, 2 sans destinataire"
    assert lite.rows(first.id)[0].status is ReminderStatus.FAILED
    assert lite.rows(first.id)[0].reply == LANDLINE_ONLY
    assert (lite.rows(second.id)[0].status, lite.rows(second.id)[0].reply) == (
        ReminderStatus.CANCELLED,
        OPTED_OUT,
    )
    assert not outbox.folder.exists() or not any(outbox.folder.iterdir())


def test_a_broken_gateway_keeps_the_messages_queued(lite):
    lite.book(lite.patient("Bernard", "06 12 34 56 78"), at(MONDAY, "09:00"))
    report = lite.reminders.send_due(gateway=HttpGateway("http://[adresse-invalide/sms"))
    [row] = lite.reminders.outbox([ReminderStatus.QUEUED, ReminderStatus.SENT])[-1:]
    assert report.retried == (row.id,) and row.status is ReminderStatus.QUEUED
    assert row.reply == "Erreur de la passerelle : ValueError"


def test_a_run_can_be_limited_or_stopped(lite, outbox):
    for i in range(3):
        start = at(MONDAY, "09:00") + timedelta(minutes=15 * i)
        lite.book(lite.patient(f"Patient{i}", f"06 12 34 56 7{i}"), start, lite.followup)
    assert lite.reminders.send_due(gateway=outbox, should_stop=lambda: True).handled == 0
    assert len(lite.reminders.send_due(gateway=outbox, limit=1).sent) == 1
    assert len(lite.reminders.send_due(gateway=outbox).sent) == 2


def test_backoff_and_the_report_s_words():
    assert backoff(1) == timedelta(minutes=1)
    assert backoff(3) == timedelta(minutes=4)
    assert backoff(20) == timedelta(hours=1)
    assert backoff(1, retry_after=600) == timedelta(minutes=10)
    assert backoff(1, retry_after=86_400) == timedelta(hours=1)
    report = SendReport(sent=(1, 2), failed=(3,), retried=(4,), skipped=(5,))
    assert report.summary() == "2 SMS envoyés, 1 en échec, 1 à réessayer, 1 sans destinataire"
    assert report.handled == 5


def test_retry_refuses_what_cannot_be_sent_again(lite):
    patient = lite.patient("Bernard", "06 12 34 56 78")
    booked = lite.book(patient, at(MONDAY, "09:00"))
    lite.services.booking.cancel(SECRETARY, booked.id, booked.version, "x")
    dropped = next(r for r in lite.rows(booked.id) if r.kind is ReminderKind.DAY_BEFORE)
    with pytest.raises(BookingRefused, match="annulé"):
        lite.reminders.retry(SECRETARY, dropped.id)
    with pytest.raises(NotFound):
        lite.reminders.retry(SECRETARY, 999_999)
    landline = lite.patient("Moreau", "01 49 28 20 02")
    past = lite.book(landline, at(MONDAY, "10:00"))
    lite.clock.instant = at(MONDAY, "11:00").astimezone(UTC)
    with pytest.raises(BookingRefused, match="passé"):
        lite.reminders.retry(SECRETARY, lite.rows(past.id)[0].id)


def test_why_an_appointment_has_no_sms(lite):
    lite.services.administration.settings.save_reminders(
        ADMIN, "file", "/srv/sms", "", "21:00", "08:00", False, confirmation=False
    )
    patient = lite.patient("Bernard", "06 12 34 56 78")
    appointment = lite.book(patient, at(MONDAY, "09:00"))
    found = lite.reminders.for_appointment(appointment.id)
    assert (found.reminders, found.why_none) == (
        (),
        "Aucun SMS prévu par les réglages des rappels.",
    )
    assert lite.reminders.sms_decision(patient).e164 == "+33612345678"
    lite.clock.instant = at(MONDAY, "10:00").astimezone(UTC)
    assert lite.reminders.for_appointment(appointment.id).why_none == (
        "Aucun SMS : rendez-vous passé ou annulé."
    )
