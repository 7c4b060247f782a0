"""RequestService on both engines: a request holds its slot until accepted, moved, declined or
expired; anything unusable is kept aside with its reason; every change is audited and announced.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from db.repositories import agenda as agenda_repo
from db.tables import AppointmentRow, AuditRow, BookingRequestRow, PatientRow
from desktop.domain.booking_requests import MAX_BODY_BYTES, RequestStatus
from desktop.domain.errors import (
    BookingRefused,
    InvalidInput,
    PermissionDenied,
    SlotConflict,
    StaleEdit,
)
from desktop.domain.model import Channel
from desktop.services.patients import PatientInput
from desktop.services.requests import ReceiptKind, RequestEvent
from tests.conftest import TEST_NOW
from tests.e2e.hospital import set_request_settings
from tests.fakes import ADMIN, PHYSICIAN, SECRETARY, small_hospital
from tests.services.request_helpers import NEXT_MONDAY, at, free_starts, ids, request_body

NINE = at(NEXT_MONDAY, "09:00")


@pytest.fixture
def services(any_url):
    services = small_hospital(any_url, TEST_NOW)
    yield services
    services.db.dispose()


def count(services, table) -> int:
    with services.db.read() as s:
        return s.scalar(select(func.count()).select_from(table))


def stored(services, request_id):
    return services.requests.request(request_id)


def test_a_valid_request_holds_its_slot_which_leaves_the_free_slots(services):
    assert NINE in free_starts(services)
    receipt = services.requests.receive(request_body(services, NINE), "203.0.113.7")
    assert receipt.kind is ReceiptKind.HELD and receipt.held
    assert "L'hôpital vous confirmera le rendez-vous" in receipt.message
    assert receipt.hold_until == TEST_NOW + timedelta(minutes=120)
    assert NINE not in free_starts(services)
    # 08:45 would overlap the held 09:00–09:30 for a 30-minute visit; 09:30 is free.
    assert at(NEXT_MONDAY, "08:45") not in free_starts(services)
    assert at(NEXT_MONDAY, "09:30") in free_starts(services)
    request = stored(services, receipt.request_id)
    assert request.status is RequestStatus.HELD
    assert (request.start, request.end) == (NINE, NINE + timedelta(minutes=30))
    assert request.phone == "+33612345678" and request.family_name == "Durand"
    assert request.client_hash and "203.0.113.7" not in request.client_hash
    assert services.requests.pending_count() == 1


def test_the_hold_is_busy_time_for_the_repository_until_it_ends(services):
    receipt = services.requests.receive(request_body(services, NINE), "a")
    dupont = ids(services)[0]["DUPONT"]
    start, end = NINE, NINE + timedelta(hours=1)
    with services.db.read() as s:
        assert agenda_repo.busy_intervals(s, [dupont], start, end)[dupont] == [
            (NINE, NINE + timedelta(minutes=30))
        ]
        later = receipt.hold_until + timedelta(seconds=1)
        assert agenda_repo.busy_intervals(s, [dupont], start, end, now=later)[dupont] == []


def test_a_second_request_for_a_held_slot_is_refused_and_kept(services):
    services.requests.receive(request_body(services, NINE), "a")
    second = services.requests.receive(request_body(services, NINE, family_name="Roux"), "b")
    assert second.kind is ReceiptKind.SLOT_GONE
    assert second.message == "Ce créneau n'est plus disponible : choisissez-en un autre."
    kept = stored(services, second.request_id)
    assert kept.status is RequestStatus.REJECTED and kept.family_name == "Roux"
    assert kept.decision_reason == second.message
    assert services.requests.pending_count() == 1


def test_a_slot_booked_by_phone_meanwhile_is_refused_cleanly(services):
    patient = services.patients.create(
        SECRETARY, PatientInput("Roux", "Gabriel", date(1953, 8, 19))
    )
    practitioners, reasons = ids(services)
    services.booking.book(SECRETARY, practitioners["DUPONT"], reasons["CARDIO-1"], patient.id, NINE)
    receipt = services.requests.receive(request_body(services, NINE), "a")
    assert receipt.kind is ReceiptKind.SLOT_GONE
    assert count(services, AppointmentRow) == 1


@pytest.mark.parametrize(
    "start, who, reason, kind, words",
    [
        (NINE, "DUPONT", "CARDIO-SUIVI", ReceiptKind.NOT_ONLINE, "ne se réserve pas en ligne"),
        (at(NEXT_MONDAY, "09:05"), "DUPONT", "CARDIO-1", ReceiptKind.SLOT_GONE, "plus disponible"),
        (at(NEXT_MONDAY, "14:00"), "DUPONT", "CARDIO-1", ReceiptKind.SLOT_GONE, "plus disponible"),
        (at(date(2027, 3, 8), "09:00"), "DUPONT", "CARDIO-1", ReceiptKind.SLOT_GONE, "plus dispo"),
        (at(date(2027, 6, 7), "09:00"), "DUPONT", "CARDIO-1", ReceiptKind.SLOT_GONE, "plus dispo"),
    ],
)
def test_slots_the_hospital_does_not_publish_are_refused(services, start, who, reason, kind, words):
    receipt = services.requests.receive(request_body(services, start, who, reason), "a")
    assert receipt.kind is kind
    assert words in receipt.message
    assert stored(services, receipt.request_id).status is RequestStatus.REJECTED


def test_a_slot_of_an_unknown_practitioner_is_refused(services):
    body = request_body(services, NINE).replace(b'"slot-1-', b'"slot-999-')
    receipt = services.requests.receive(body, "a")
    assert receipt.kind is ReceiptKind.SLOT_GONE
    assert "n'existe pas ou plus" in receipt.message


def test_invalid_requests_are_kept_aside_with_the_raw_body_and_reason(services):
    receipt = services.requests.receive(request_body(services, NINE, phone="06 12"), "a")
    assert receipt.kind is ReceiptKind.INVALID and set(receipt.errors) == {"phone"}
    kept = stored(services, receipt.request_id)
    assert kept.status is RequestStatus.REJECTED
    assert '"phone": "06 12"' in kept.raw_body
    assert kept.decision_reason.startswith("Demande invalide")
    garbage = services.requests.receive(b"\x00not json", "a")
    assert garbage.kind is ReceiptKind.INVALID and garbage.errors == {}
    assert stored(services, garbage.request_id).raw_body == "\ufffdnot json"
    assert NINE in free_starts(services)


def test_an_oversized_request_keeps_only_its_beginning(services):
    receipt = services.requests.receive(b"{" + b" " * (MAX_BODY_BYTES * 4), "a")
    assert receipt.kind is ReceiptKind.TOO_LARGE
    kept = stored(services, receipt.request_id)
    assert kept.status is RequestStatus.REJECTED and len(kept.raw_body) <= 2049
    assert "trop volumineuse" in kept.decision_reason


def test_accept_books_the_held_slot_for_a_new_patient_in_one_transaction(services):
    receipt = services.requests.receive(
        request_body(services, NINE, message="Je viens avec ma fille"), "a"
    )
    appointment = services.requests.accept(SECRETARY, receipt.request_id)
    assert appointment.start == NINE and appointment.channel is Channel.ONLINE
    assert appointment.notes == "Demande en ligne : Je viens avec ma fille"
    patient = services.patients.get(appointment.patient_id)
    assert (patient.family_name, patient.given_names) == ("Durand", "Léa")
    assert patient.phones[0].e164 == "+33612345678" and patient.email == "lea.durand@example.org"
    request = stored(services, receipt.request_id)
    assert request.status is RequestStatus.ACCEPTED
    assert (request.appointment_id, request.patient_id) == (appointment.id, patient.id)
    assert NINE not in free_starts(services)
    assert services.requests.pending_count() == 0
    with services.db.read() as s:
        actions = s.scalars(select(AuditRow.action).order_by(AuditRow.id)).all()
        text = " ".join(str(r) for r in s.execute(select(AuditRow.before, AuditRow.after)).all())
    assert actions[-4:] == ["request.hold", "patient.create", "appointment.book", "request.accept"]
    assert "Durand" not in text and "612345678" not in text


def test_accept_matches_the_existing_record_whatever_the_accents_and_case(services):
    known = services.patients.create(
        SECRETARY, PatientInput("DURAND", "Lea", date(1990, 5, 4), phones=("06 98 76 54 32",))
    )
    receipt = services.requests.receive(request_body(services, NINE), "a")
    assert stored(services, receipt.request_id).patient_id == known.id
    appointment = services.requests.accept(SECRETARY, receipt.request_id)
    assert appointment.patient_id == known.id
    assert count(services, PatientRow) == 1


def test_among_several_records_the_one_with_the_same_phone_is_chosen(services):
    data = PatientInput("Durand", "Léa", date(1990, 5, 4))
    services.patients.create(SECRETARY, data)
    twin = services.patients.create(
        SECRETARY, replace(data, phones=("06 12 34 56 78",)), allow_duplicate=True
    )
    receipt = services.requests.receive(request_body(services, NINE), "a")
    entry = services.requests.inbox(SECRETARY)[0]
    assert entry.patient.id == twin.id and entry.matches == 2
    assert services.requests.accept(SECRETARY, receipt.request_id).patient_id == twin.id


def test_a_physician_decides_on_their_own_agenda_for_known_patients_only(services):
    practitioners = ids(services)[0]
    dupont = replace(PHYSICIAN, practitioner_id=practitioners["DUPONT"])
    martin = replace(PHYSICIAN, practitioner_id=practitioners["MARTIN"])
    receipt = services.requests.receive(request_body(services, NINE), "a")
    assert [e.request.id for e in services.requests.inbox(dupont)] == [receipt.request_id]
    assert services.requests.inbox(martin) == []
    with pytest.raises(PermissionDenied, match="propre agenda"):
        services.requests.decline(martin, receipt.request_id, "Non")
    with pytest.raises(PermissionDenied, match="créer ou modifier un patient"):
        services.requests.accept(dupont, receipt.request_id)
    assert stored(services, receipt.request_id).status is RequestStatus.HELD
    services.patients.create(SECRETARY, PatientInput("Durand", "Léa", date(1990, 5, 4)))
    assert services.requests.accept(dupont, receipt.request_id).start == NINE


def test_accept_refuses_when_the_slot_was_booked_meanwhile_and_changes_nothing(services):
    receipt = services.requests.receive(request_body(services, NINE), "a")
    other = services.patients.create(SECRETARY, PatientInput("Roux", "Gabriel", date(1953, 8, 19)))
    practitioners, reasons = ids(services)
    services.booking.book(SECRETARY, practitioners["DUPONT"], reasons["CARDIO-1"], other.id, NINE)
    patients = count(services, PatientRow)
    with pytest.raises(SlotConflict):
        services.requests.accept(SECRETARY, receipt.request_id)
    assert stored(services, receipt.request_id).status is RequestStatus.HELD
    assert count(services, PatientRow) == patients
    assert count(services, AppointmentRow) == 1


def test_decline_needs_a_reason_and_frees_the_slot(services):
    events: list[RequestEvent] = []
    services.requests.subscribe(events.append)
    receipt = services.requests.receive(request_body(services, NINE), "a")
    with pytest.raises(InvalidInput, match="motif du refus"):
        services.requests.decline(SECRETARY, receipt.request_id, "  ")
    declined = services.requests.decline(SECRETARY, receipt.request_id, "Demande en double")
    assert declined.status is RequestStatus.DECLINED
    assert declined.decision_reason == "Demande en double"
    assert NINE in free_starts(services)
    assert [e.kind for e in events] == ["held", "declined"]
    with pytest.raises(BookingRefused, match="n'attend plus de décision"):
        services.requests.accept(SECRETARY, receipt.request_id)


def test_propose_holds_another_slot_then_accept_books_it(services):
    receipt = services.requests.receive(request_body(services, NINE), "a")
    martin = ids(services)[0]["MARTIN"]
    eleven = at(NEXT_MONDAY, "11:00")
    proposed = services.requests.propose(SECRETARY, receipt.request_id, eleven, martin)
    assert proposed.status is RequestStatus.PROPOSED
    assert (proposed.practitioner_id, proposed.start) == (martin, eleven)
    assert proposed.hold_until == TEST_NOW + timedelta(minutes=120)
    assert NINE in free_starts(services)
    assert eleven not in free_starts(services, who="MARTIN")
    appointment = services.requests.accept(SECRETARY, receipt.request_id)
    assert (appointment.practitioner_id, appointment.start) == (martin, eleven)


def test_propose_may_overlap_the_request_s_own_hold_but_not_others(services):
    first = services.requests.receive(request_body(services, NINE), "a")
    services.requests.receive(request_body(services, at(NEXT_MONDAY, "10:00")), "b")
    moved = services.requests.propose(SECRETARY, first.request_id, at(NEXT_MONDAY, "09:15"))
    assert moved.start == at(NEXT_MONDAY, "09:15")
    with pytest.raises(BookingRefused, match="n'est pas un créneau libre"):
        services.requests.propose(SECRETARY, first.request_id, at(NEXT_MONDAY, "09:45"))
    with pytest.raises(BookingRefused, match="n'est pas un créneau libre"):
        services.requests.propose(SECRETARY, first.request_id, at(NEXT_MONDAY, "09:05"))
    assert stored(services, first.request_id).start == at(NEXT_MONDAY, "09:15")


def test_expired_holds_are_released_and_the_slot_can_be_requested_again(services):
    set_request_settings(services, hold_minutes=30)
    events: list[RequestEvent] = []
    services.requests.subscribe(events.append)
    receipt = services.requests.receive(request_body(services, NINE), "a")
    assert receipt.hold_until == TEST_NOW + timedelta(minutes=30)
    services.clock.instant = TEST_NOW + timedelta(minutes=29)
    assert services.requests.release_expired() == []
    services.clock.instant = TEST_NOW + timedelta(minutes=30)
    released = services.requests.release_expired()
    assert [r.id for r in released] == [receipt.request_id]
    assert stored(services, receipt.request_id).status is RequestStatus.EXPIRED
    assert NINE in free_starts(services)
    with pytest.raises(BookingRefused):
        services.requests.accept(SECRETARY, receipt.request_id)
    again = services.requests.receive(request_body(services, NINE, family_name="Roux"), "b")
    assert again.held
    assert [e.kind for e in events] == ["held", "expired", "held"]


def test_a_new_request_releases_expired_holds_first(services):
    first = services.requests.receive(request_body(services, NINE), "a")
    services.clock.instant = TEST_NOW + timedelta(hours=3)
    second = services.requests.receive(request_body(services, NINE, family_name="Roux"), "b")
    assert second.held
    assert stored(services, first.request_id).status is RequestStatus.EXPIRED


def test_a_failing_listener_never_undoes_the_change(services):
    def broken(_event):
        raise RuntimeError("passerelle SMS en panne")

    services.requests.subscribe(broken)
    receipt = services.requests.receive(request_body(services, NINE), "a")
    assert receipt.held
    assert services.requests.accept(SECRETARY, receipt.request_id).start == NINE


def test_a_stale_decision_is_refused(services):
    receipt = services.requests.receive(request_body(services, NINE), "a")
    version = stored(services, receipt.request_id).version
    services.requests.propose(SECRETARY, receipt.request_id, at(NEXT_MONDAY, "10:00"))
    with pytest.raises(StaleEdit, match="traitée entre-temps"):
        services.requests.decline(SECRETARY, receipt.request_id, "Doublon", version)


def test_the_inbox_lists_by_status_with_names(services):
    held = services.requests.receive(request_body(services, NINE), "a")
    services.requests.receive(b"{}", "b")
    waiting = services.requests.inbox(SECRETARY)
    assert [e.request.id for e in waiting] == [held.request_id]
    entry = waiting[0]
    assert entry.practitioner_name == "Dr Marie Dupont"
    assert entry.visit_reason_label == "Première consultation de cardiologie"
    assert entry.instructions == "Apporter vos derniers examens."
    assert entry.patient is None and entry.matches == 0
    everything = services.requests.inbox(ADMIN, None)
    assert len(everything) == 2
    rejected = services.requests.inbox(ADMIN, [RequestStatus.REJECTED])
    assert rejected[0].request.raw_body == "{}"


def test_nothing_is_stored_twice_and_every_request_is_counted(services):
    for n in range(3):
        services.requests.receive(request_body(services, at(NEXT_MONDAY, f"1{n}:00")), "a")
    services.requests.receive(b"[]", "a")
    assert count(services, BookingRequestRow) == 4


def test_a_day_the_publication_policy_keeps_back_is_refused(services):
    from desktop.domain.publication_policy import Embargo

    practitioners, reasons = ids(services)
    services.publication.save_policy(
        ADMIN, practitioners["DUPONT"], reasons["CARDIO-1"], 4, 100,
        [Embargo(NEXT_MONDAY, NEXT_MONDAY, "Congrès")],
    )  # fmt: skip
    assert services.requests.receive(request_body(services, NINE), "a").kind is (
        ReceiptKind.SLOT_GONE
    )
    beyond = at(date(2027, 4, 12), "09:00")  # the fifth week: past the policy's 4
    assert services.requests.receive(request_body(services, beyond), "a").kind is (
        ReceiptKind.SLOT_GONE
    )
    inside = at(date(2027, 4, 5), "09:00")
    assert services.requests.receive(request_body(services, inside), "a").held
