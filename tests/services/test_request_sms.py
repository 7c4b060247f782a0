"""The SMS of online booking requests, through the real services on both engines: each change of
a request (held, proposed, declined, expired) gives its SMS once, accepting leaves the booking
confirmation alone; a landline gets none with the reason, an opt-out is respected, quiet hours
hold the message, the texts carry no health data, and a problem never fails the request.

"Now" is TEST_NOW, Monday 2027-03-15 10:00 in Paris; the hold lasts 120 minutes.
"""

from __future__ import annotations

import json
from datetime import UTC, date, timedelta

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import IntegrityError

from db.tables import BookingRequestRow, ReminderRow
from desktop.domain.booking_requests import RequestStatus
from desktop.domain.errors import BookingRefused, InvalidInput
from desktop.domain.reminders import (
    LANDLINE_ONLY,
    OPTED_OUT,
    REQUEST_DECIDED,
    ReminderKind,
    ReminderStatus,
    request_message_stale,
)
from desktop.domain.sms_text import sms_length
from desktop.services.gateways import FileOutbox
from desktop.services.patients import PatientInput
from desktop.services.request_sms import RequestSms
from desktop.services.requests import RequestEvent
from tests.conftest import TEST_NOW
from tests.fakes import ADMIN, SECRETARY, small_hospital
from tests.services.request_helpers import NEXT_MONDAY, at, request_body

NINE, TEN = at(NEXT_MONDAY, "09:00"), at(NEXT_MONDAY, "10:00")
HEALTH = ("Dupont", "Martin", "Cardiologie", "cardiologie", "consultation", "Consultation")
DECLINE_REASON = "Diabète déséquilibré : voir d'abord le Dr Martin en consultation de suivi"
REQUEST_KINDS = [k for k in ReminderKind if k.about_request]


@pytest.fixture
def services(any_url):
    services = small_hospital(any_url, TEST_NOW)
    yield services
    services.db.dispose()


@pytest.fixture
def outbox(tmp_path) -> FileOutbox:
    return FileOutbox(tmp_path / "sortants")


def receive(services, start=NINE, **identity) -> int:
    receipt = services.requests.receive(request_body(services, start, **identity), "203.0.113.7")
    assert receipt.held, receipt.message
    return receipt.request_id


def messages(services, request_id: int) -> list[tuple[str, str]]:
    """(kind, status) of the request's SMS, in the order they were queued."""
    found = [r for r in services.reminders.outbox() if r.request_id == request_id]
    return [(r.kind.value, r.status.value) for r in sorted(found, key=lambda r: r.id)]


def request_sms(services, request_id: int, kind: str):
    [found] = [
        r
        for r in services.reminders.outbox()
        if r.request_id == request_id and r.kind.value == kind
    ]
    return found


def assert_no_health_data(body: str) -> None:
    assert not any(word in body for word in HEALTH), body
    assert "Diabète" not in body and "déséquilibré" not in body


def test_a_held_request_gets_its_sms_once(services, outbox):
    request_id = receive(services)
    sms = request_sms(services, request_id, "request_held")
    assert (sms.status, sms.e164, sms.appointment_id) == (
        ReminderStatus.QUEUED,
        "+33612345678",
        None,
    )
    assert sms.due == TEST_NOW and sms.patient_name == "DURAND Léa"
    assert sms.appointment_start == NINE
    assert sms.key == f"r{request_id}-request_held-20270322T0800Z"
    assert sms.text == (
        "Demande enregistrée : rendez-vous le lundi 22/03 à 09h00, Site Saint-Antoine. "
        "Le secrétariat vous le confirmera par SMS. Contact : 01 49 28 20 00"
    )
    assert_no_health_data(sms.text)
    # The same event announced again (a second listener, a repeat): still one SMS.
    RequestSms(services.db, services.clock)(
        RequestEvent("held", services.requests.request(request_id))
    )
    assert messages(services, request_id) == [("request_held", "queued")]
    report = services.reminders.send_due(gateway=outbox)
    assert len(report.sent) == 1
    [file] = outbox.folder.iterdir()
    assert json.loads(file.read_text(encoding="utf-8"))["to"] == "+33612345678"
    assert services.reminders.send_due(gateway=outbox).handled == 0  # never twice


def test_another_slot_proposed_names_its_date_and_time(services, outbox):
    request_id = receive(services)
    services.reminders.send_due(gateway=outbox)  # the "received" SMS left
    services.requests.propose(SECRETARY, request_id, TEN)
    proposed = request_sms(services, request_id, "request_proposed")
    assert proposed.status is ReminderStatus.QUEUED and proposed.appointment_start == TEN
    assert "lundi 22/03 à 10h00" in proposed.text and "01 49 28 20 00" in proposed.text
    assert "184 rue du Faubourg Saint-Antoine" in proposed.text
    assert_no_health_data(proposed.text)
    # A second proposal before the first left replaces it.
    services.requests.propose(SECRETARY, request_id, at(NEXT_MONDAY, "11:00"))
    assert messages(services, request_id) == [
        ("request_held", "sent"),
        ("request_proposed", "cancelled"),
        ("request_proposed", "queued"),
    ]
    report = services.reminders.send_due(gateway=outbox)
    assert len(report.sent) == 1
    bodies = [json.loads(f.read_text(encoding="utf-8"))["text"] for f in outbox.folder.iterdir()]
    assert sum("11h00" in b for b in bodies) == 1 and not any("10h00" in b for b in bodies)


def test_a_declined_request_is_told_without_the_reason(services):
    request_id = receive(services)
    services.requests.decline(SECRETARY, request_id, DECLINE_REASON)
    declined = request_sms(services, request_id, "request_declined")
    assert declined.status is ReminderStatus.QUEUED
    assert "demande de rendez-vous du lundi 22/03 à 09h00" in declined.text
    assert_no_health_data(declined.text)
    # The "received" SMS still waiting is superseded by the answer.
    assert messages(services, request_id) == [
        ("request_held", "cancelled"),
        ("request_declined", "queued"),
    ]


def test_an_expired_hold_is_told(services):
    request_id = receive(services)
    services.clock.instant = TEST_NOW + timedelta(hours=3)
    [released] = services.requests.release_expired()
    assert released.id == request_id
    expired = request_sms(services, request_id, "request_expired")
    assert expired.status is ReminderStatus.QUEUED and expired.due == services.clock.now()
    assert "n'a pas été confirmée à temps" in expired.text and "09h00" in expired.text
    assert services.requests.release_expired() == []
    assert [k for k, _ in messages(services, request_id)].count("request_expired") == 1


def test_accepting_leaves_the_booking_confirmation_alone(services, outbox):
    request_id = receive(services)
    appointment = services.requests.accept(SECRETARY, request_id)
    assert messages(services, request_id) == [("request_held", "cancelled")]
    kinds = [(r.kind.value, r.status.value) for r in services.reminders.outbox()
             if r.appointment_id == appointment.id]  # fmt: skip
    assert sorted(kinds) == [("confirmation", "queued"), ("day_before", "queued")]
    report = services.reminders.send_due(gateway=outbox)
    assert len(report.sent) == 1  # the confirmation; the day before waits for Sunday


def test_a_landline_gets_no_sms_and_the_reason_is_kept(services, outbox):
    request_id = receive(services, phone="01 45 67 89 01")
    services.requests.decline(SECRETARY, request_id, "Complet")
    assert messages(services, request_id) == [
        ("request_held", "failed"),
        ("request_declined", "failed"),
    ]
    sms = request_sms(services, request_id, "request_held")
    assert sms.reply == LANDLINE_ONLY and sms.e164 == ""
    assert services.reminders.send_due(gateway=outbox).handled == 0
    assert not outbox.folder.exists() or not any(outbox.folder.iterdir())
    declined = request_sms(services, request_id, "request_declined")
    with pytest.raises(InvalidInput, match="portable"):
        services.reminders.retry(ADMIN, declined.id)
    with pytest.raises(BookingRefused, match="traitée"):
        services.reminders.retry(ADMIN, sms.id)  # "received": the request is decided since


def test_a_patient_who_opted_out_gets_nothing(services, outbox):
    data = PatientInput("Durand", "Léa", date(1990, 5, 4), phones=("06 12 34 56 78",))
    patient = services.patients.create(SECRETARY, data).id
    services.reminders.set_opt_out(SECRETARY, patient, True)
    request_id = receive(services)
    assert services.requests.request(request_id).patient_id == patient
    sms = request_sms(services, request_id, "request_held")
    assert (sms.status, sms.reply) == (ReminderStatus.CANCELLED, OPTED_OUT)
    assert services.reminders.send_due(gateway=outbox).handled == 0


def test_opting_out_after_the_request_cancels_its_waiting_sms(services, outbox):
    data = PatientInput("Durand", "Léa", date(1990, 5, 4))
    patient = services.patients.create(SECRETARY, data).id
    request_id = receive(services)
    assert messages(services, request_id) == [("request_held", "queued")]
    services.reminders.set_opt_out(SECRETARY, patient, True)
    assert messages(services, request_id) == [("request_held", "cancelled")]
    assert services.reminders.send_due(gateway=outbox).handled == 0


def test_quiet_hours_hold_the_sms_until_the_morning(services, outbox):
    services.clock.instant = at(date(2027, 3, 15), "22:30").astimezone(UTC)
    request_id = receive(services)
    sms = request_sms(services, request_id, "request_held")
    assert sms.due == at(date(2027, 3, 16), "08:00")
    assert services.reminders.send_due(at(date(2027, 3, 16), "07:59"), gateway=outbox).sent == ()
    assert (
        len(services.reminders.send_due(at(date(2027, 3, 16), "08:00"), gateway=outbox).sent) == 1
    )


def test_at_sending_time_a_decided_request_s_waiting_sms_stays_home(services, outbox):
    request_id = receive(services)
    with services.db.uow() as s:  # decided while no listener ran (another version, a crash)
        s.execute(
            update(BookingRequestRow)
            .where(BookingRequestRow.id == request_id)
            .values(status=RequestStatus.DECLINED.value)
        )
    report = services.reminders.send_due(gateway=outbox)
    assert report.sent == () and len(report.skipped) == 1
    sms = request_sms(services, request_id, "request_held")
    assert (sms.status, sms.reply) == (ReminderStatus.CANCELLED, REQUEST_DECIDED)
    with pytest.raises(BookingRefused):
        services.reminders.retry(ADMIN, sms.id)


def test_the_hospital_may_name_the_practitioner(services):
    services.administration.settings.save_reminders(
        ADMIN, "file", "/srv/sms", "", "21:00", "08:00", True, show_practitioner=True
    )
    request_id = receive(services)
    services.requests.propose(SECRETARY, request_id, TEN)
    assert "(Dr Marie Dupont)" in request_sms(services, request_id, "request_proposed").text
    assert "(Dr Marie Dupont)" in request_sms(services, request_id, "request_held").text


def test_an_sms_problem_never_fails_the_request(services, caplog):
    with services.db.uow() as s:
        s.execute(text("ALTER TABLE reminder RENAME TO reminder_away"))
    request_id = receive(services)
    services.requests.propose(SECRETARY, request_id, TEN)
    assert services.requests.accept(SECRETARY, request_id).start == TEN
    assert "SMS of request" in caplog.text and "not queued" in caplog.text
    assert "+336" not in caplog.text and "Durand" not in caplog.text


def test_an_sms_names_an_appointment_or_a_request_never_both_nor_neither(services):
    request_id = receive(services)
    for subject in ({}, {"appointment_id": None, "request_id": None}):
        with pytest.raises(IntegrityError), services.db.uow() as s:
            s.add(
                ReminderRow(
                    kind="request_held", text="x", e164="", due_at=TEST_NOW, status="queued",
                    attempts=0, next_attempt_at=TEST_NOW, reply="", idempotency_key="k",
                    created_at=TEST_NOW, updated_at=TEST_NOW, **subject,
                )
            )  # fmt: skip
    with services.db.read() as s:
        count = len(
            s.scalars(select(ReminderRow).where(ReminderRow.request_id == request_id)).all()
        )
    assert count == 1


@pytest.mark.parametrize("kind", REQUEST_KINDS)
def test_request_texts_are_short_plain_gsm_and_free_of_health_data(services, kind):
    request_id = receive(services)
    if kind is ReminderKind.REQUEST_PROPOSED:
        services.requests.propose(SECRETARY, request_id, TEN)
    elif kind is ReminderKind.REQUEST_DECLINED:
        services.requests.decline(SECRETARY, request_id, DECLINE_REASON)
    elif kind is ReminderKind.REQUEST_EXPIRED:
        services.clock.instant = TEST_NOW + timedelta(hours=3)
        services.requests.release_expired()
    sms = request_sms(services, request_id, kind.value)
    length = sms_length(sms.text)
    assert length.encoding == "GSM-7" and length.segments <= 2, length
    assert_no_health_data(sms.text)
    assert "Durand" not in sms.text and "Léa" not in sms.text


def test_which_request_sms_may_still_leave():
    later = TEST_NOW + timedelta(days=1)
    assert request_message_stale("request_held", "held", later, TEST_NOW) == ""
    assert request_message_stale("request_held", "accepted", later, TEST_NOW) == REQUEST_DECIDED
    assert request_message_stale("request_proposed", "proposed", later, TEST_NOW) == ""
    assert request_message_stale("request_proposed", "held", later, TEST_NOW) == REQUEST_DECIDED
    assert request_message_stale("request_declined", "declined", later, TEST_NOW) == ""
    assert request_message_stale("request_expired", "held", TEST_NOW, TEST_NOW)  # slot begun
