"""Booking requests from the hospital's booking page: received, held, then decided.

``receive`` checks a request (``desktop.domain.booking_requests``), checks that its slot is still
one the hospital publishes and still free, stores it and **holds** the slot until
``hold_until`` (the slot engine and the publication see it busy). A request that cannot be held
is stored too, as ``rejected`` with its reason (and its raw body when it was unreadable): never
silently dropped. The secretary then accepts (the appointment is booked in the held slot, the
patient matched to an existing record or created, in one transaction), proposes another slot
(held in turn), or declines with a reason; ``release_expired`` frees the holds that ran out.

The patient is told by SMS: every change is announced to the ``subscribe``\\d listeners after
its commit as a ``RequestEvent`` (the reminders queue plugs in there); a listener's failure is
logged and never undoes the change.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy.orm import Session

from db.repositories import audit
from db.repositories import patients as patients_repo
from db.repositories import requests as requests_repo
from db.repositories import structure as repo
from desktop.domain.booking_requests import (
    HOLDING,
    MAX_BODY_BYTES,
    BookingRequest,
    InvalidRequest,
    RequestStatus,
    check_decision_reason,
    parse_request,
)
from desktop.domain.errors import BookingRefused, InvalidInput
from desktop.domain.model import Actor, Appointment, Channel, Patient, Role
from desktop.domain.permissions import Action
from desktop.domain.settings import PublicationSettings
from desktop.services import request_checks as checks
from desktop.services import request_store as store
from desktop.services.booking import book_in
from desktop.services.clock import Clock
from desktop.services.guard import guarded
from desktop.services.structure import calendar_of
from desktop.services.uow import Database

log = logging.getLogger(__name__)

KEPT_BYTES = 2048  # of an oversized body, kept with the rejection
HELD_MESSAGE = (
    "Votre demande est enregistrée et ce créneau vous est réservé provisoirement. "
    "L'hôpital vous confirmera le rendez-vous par SMS."
)


class ReceiptKind(StrEnum):
    """What became of a received request (the receiver maps it to an HTTP status)."""

    HELD = "held"
    INVALID = "invalid"
    TOO_LARGE = "too_large"
    NOT_ONLINE = "not_online"
    SLOT_GONE = "slot_gone"


@dataclass(frozen=True)
class Receipt:
    """The answer to a sender: what happened, in French, and per-field problems."""

    kind: ReceiptKind
    message: str
    request_id: int
    errors: dict[str, str] = field(default_factory=dict)
    hold_until: datetime | None = None

    @property
    def held(self) -> bool:
        return self.kind is ReceiptKind.HELD


@dataclass(frozen=True)
class RequestEvent:
    """A change the patient is to be told about: ``held``, ``accepted``, ``proposed``,
    ``declined`` or ``expired`` (with the appointment when accepted)."""

    kind: str
    request: BookingRequest
    appointment: Appointment | None = None


@dataclass(frozen=True)
class InboxEntry:
    """A request with what the inbox shows next to it."""

    request: BookingRequest
    practitioner_name: str = ""
    visit_reason_label: str = ""
    instructions: str = ""
    patient: Patient | None = None  # the existing record it matches
    matches: int = 0  # how many records match (more than one: check before accepting)


class RequestService:
    """Use cases of the booking requests."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self._listeners: list[Callable[[RequestEvent], None]] = []

    # --- announcements ---------------------------------------------------------------------------

    def subscribe(self, listener: Callable[[RequestEvent], None]) -> None:
        """Call ``listener`` after each committed change of a request (e.g. to queue an SMS)."""
        self._listeners.append(listener)

    def _announce(self, events: Iterable[RequestEvent]) -> None:
        for event in events:
            for listener in self._listeners:
                try:
                    listener(event)
                except Exception:
                    log.exception("request listener failed on %s #%s", event.kind, event.request.id)

    # --- receiving -----------------------------------------------------------------------------

    def receive(self, body: bytes, client: str, source: str = "http") -> Receipt:
        """Check, store and hold a request; an unusable one is stored as rejected with why.

        ``client`` is the sender's address (kept only as a salted hash), ``source`` "http" or
        "file".
        """
        now = self._clock.now()
        if len(body) > MAX_BODY_BYTES:
            raw = body[:KEPT_BYTES].decode("utf-8", "replace") + "…"
            message = f"Demande trop volumineuse ({MAX_BODY_BYTES} octets au plus)."
            return self._reject(now, client, source, raw, message, ReceiptKind.TOO_LARGE)
        with self._db.read() as s:
            today = calendar_of(s).local(now).date()
        try:
            data = parse_request(body, today)
        except InvalidRequest as exc:
            raw = body.decode("utf-8", "replace")
            reason = " — ".join(
                [exc.message, "; ".join(exc.errors.values())][: 1 + bool(exc.errors)]
            )
            return self._reject(
                now, client, source, raw, exc.message, ReceiptKind.INVALID, exc.errors, reason
            )
        released: list[BookingRequest] = []

        def work(s: Session) -> tuple[Receipt, BookingRequest]:
            released.extend(store.release_in(s, now))
            calendar = calendar_of(s)
            problem, slot = checks.slot_problem(
                s, calendar, data.slot.practitioner_id, data.slot.visit_reason_id,
                data.slot.start, now,
            )  # fmt: skip
            row = store.new_row(s, now, client, source, data)
            if problem is not None:
                row.status = RequestStatus.REJECTED.value
                row.decision_reason = problem.message
                kind = ReceiptKind(
                    "not_online" if problem.kind == checks.NOT_ONLINE else "slot_gone"
                )
            else:
                assert slot is not None
                settings = checks.publication_settings(s)
                row.status = RequestStatus.HELD.value
                row.practitioner_id, row.visit_reason_id = (
                    slot.practitioner_id,
                    slot.visit_reason_id,
                )
                row.start_at, row.end_at = slot.start, slot.end
                row.hold_until = now + timedelta(minutes=settings.hold_minutes)
                kind = ReceiptKind.HELD
            row.patient_id = checks.matching_patient(
                s, data.family_name, data.given_names, data.birth_date, data.phone
            )[0]
            s.add(row)
            s.flush()
            action = "request.hold" if kind is ReceiptKind.HELD else "request.reject"
            audit.record(
                s, store.WEB_ACTOR, now, action, "booking_request", row.id, None,
                store.audited(row), patient_id=row.patient_id,
                practitioner_id=row.practitioner_id,
            )  # fmt: skip
            message = HELD_MESSAGE if kind is ReceiptKind.HELD else row.decision_reason
            stored = requests_repo.request_to_native(row)
            return Receipt(kind, message, row.id, hold_until=row.hold_until), stored

        receipt, stored = self._db.run(work)
        events = [RequestEvent("expired", r) for r in released]
        if receipt.held:
            events.append(RequestEvent("held", stored))
        self._announce(events)
        return receipt

    def _reject(
        self,
        now: datetime,
        client: str,
        source: str,
        raw: str,
        message: str,
        kind: ReceiptKind,
        errors: dict[str, str] | None = None,
        reason: str | None = None,
    ) -> Receipt:
        def work(s: Session) -> Receipt:
            row = store.new_row(s, now, client, source, None)
            row.status = RequestStatus.REJECTED.value
            row.decision_reason = (reason or message)[:500]
            row.raw_body = raw.replace("\x00", "\ufffd")  # PostgreSQL text holds no NUL
            s.add(row)
            s.flush()
            audit.record(
                s, store.WEB_ACTOR, now, "request.reject", "booking_request", row.id, None,
                store.audited(row),
            )  # fmt: skip
            return Receipt(kind, message, row.id, dict(errors or {}))

        return self._db.run(work)

    # --- deciding ------------------------------------------------------------------------------

    def _guard_request(self, actor: Actor, request_id: int) -> BookingRequest:
        """The request, once the actor may decide on it (a physician: on their own agenda)."""
        with self._db.read() as s:
            request = requests_repo.request_to_native(requests_repo.request_row(s, request_id))
        guarded(
            self._db, self._clock, actor, Action.BOOK, "booking_request", request_id,
            practitioner_id=request.practitioner_id,
        )  # fmt: skip
        return request

    def accept(
        self, actor: Actor, request_id: int, expected_version: int | None = None
    ) -> Appointment:
        """Book the appointment in the held slot (channel online) for the matching patient, or
        a new record; one transaction with the request's change and their audit records."""
        pending = self._guard_request(actor, request_id)
        with self._db.read() as s:
            store.check_holding(pending)
            known = (
                pending.patient_id
                or checks.matching_patient(
                    s, pending.family_name, pending.given_names, pending.birth_date, pending.phone
                )[0]
            )
        if known is None:
            guarded(self._db, self._clock, actor, Action.EDIT_PATIENT, "patient")

        def work(s: Session) -> tuple[Appointment, BookingRequest]:
            now = self._clock.now()
            row = store.decidable(s, request_id, expected_version)
            patient_id = (
                store.existing(s, row.patient_id)
                or checks.matching_patient(
                    s, row.family_name, row.given_names, row.birth_date, row.phone
                )[0]
            )
            if patient_id is None:
                assert row.birth_date is not None
                patient_id = checks.create_patient(
                    s, actor, now, row.family_name, row.given_names, row.birth_date,
                    row.phone, row.email,
                )  # fmt: skip
            before = store.audited(row)
            notes = f"Demande en ligne : {row.message}" if row.message else "Demande en ligne"
            appointment = book_in(
                s, actor, now, row.practitioner_id, row.visit_reason_id, patient_id,
                row.start_at, channel=Channel.ONLINE, notes=notes,
            )  # fmt: skip
            row.status = RequestStatus.ACCEPTED.value
            row.patient_id, row.appointment_id = patient_id, appointment.id
            store.decided(s, row, actor, now, "request.accept", before)
            return appointment, requests_repo.request_to_native(row)

        appointment, stored = self._db.run(work)
        self._announce([RequestEvent("accepted", stored, appointment)])
        return appointment

    def propose(
        self,
        actor: Actor,
        request_id: int,
        start: datetime,
        practitioner_id: int | None = None,
        expected_version: int | None = None,
    ) -> BookingRequest:
        """Hold another free slot (same visit reason; same or another practitioner of the
        department) for the patient, who is to confirm it; the first hold is released."""
        self._guard_request(actor, request_id)
        if practitioner_id is not None:
            guarded(self._db, self._clock, actor, Action.BOOK, "booking_request", request_id,
                    practitioner_id=practitioner_id)  # fmt: skip
        if start.tzinfo is None:
            raise ValueError("naive datetime given to propose")

        def work(s: Session) -> BookingRequest:
            now = self._clock.now()
            row = store.decidable(s, request_id, expected_version)
            target = practitioner_id or row.practitioner_id
            reason = repo.visit_reason(s, row.visit_reason_id)
            practitioner = repo.practitioner(s, target)
            if practitioner.department_id != reason.department_id or not practitioner.active:
                raise InvalidInput(f"{practitioner.name} ne propose pas ce motif.")
            own = (row.start_at, row.end_at) if row.practitioner_id == target else None
            slot = checks.free_slot(s, calendar_of(s), target, reason, start, now, ignore=own)
            if slot is None:
                local = calendar_of(s).local(start)
                raise BookingRefused(
                    f"Le {local:%d/%m/%Y} à {local:%H:%M} n'est pas un créneau libre pour ce motif."
                )
            before = store.audited(row)
            row.practitioner_id, row.start_at, row.end_at = target, slot.start, slot.end
            row.hold_until = now + timedelta(minutes=checks.publication_settings(s).hold_minutes)
            row.status = RequestStatus.PROPOSED.value
            store.decided(s, row, actor, now, "request.propose", before)
            return requests_repo.request_to_native(row)

        stored = self._db.run(work)
        self._announce([RequestEvent("proposed", stored)])
        return stored

    def decline(
        self, actor: Actor, request_id: int, reason: str, expected_version: int | None = None
    ) -> BookingRequest:
        """Decline with a reason (the patient is told); the held slot is free again."""
        self._guard_request(actor, request_id)
        cleaned = check_decision_reason(reason)

        def work(s: Session) -> BookingRequest:
            now = self._clock.now()
            row = store.decidable(s, request_id, expected_version)
            before = store.audited(row)
            row.status = RequestStatus.DECLINED.value
            row.decision_reason = cleaned
            store.decided(s, row, actor, now, "request.decline", before)
            return requests_repo.request_to_native(row)

        stored = self._db.run(work)
        self._announce([RequestEvent("declined", stored)])
        return stored

    def release_expired(self, now: datetime | None = None) -> list[BookingRequest]:
        """Free the slots of the holds that ran out (status ``expired``); returns them."""
        moment = now or self._clock.now()
        with self._db.read() as s:  # no write transaction every minute for nothing
            if not requests_repo.expired_holds(s, moment):
                return []
        released = self._db.run(lambda s: store.release_in(s, moment))
        self._announce(RequestEvent("expired", r) for r in released)
        return released

    # --- reading -------------------------------------------------------------------------------

    def inbox(
        self, actor: Actor, statuses: Iterable[RequestStatus] | None = HOLDING
    ) -> list[InboxEntry]:
        """The requests with these statuses (all with None), most recent first, with the
        practitioner, the visit reason and the matching patient record."""
        guarded(self._db, self._clock, actor, Action.BOOK, "booking_request")
        with self._db.read() as s:
            found = requests_repo.requests(s, None if statuses is None else list(statuses))
            if actor.role is Role.PHYSICIAN:  # their own agenda's requests only
                found = [r for r in found if r.practitioner_id == actor.practitioner_id]
            names = {p.id: p.name for p in repo.practitioners_by_id(s, _ids(found, "practitioner"))}
            reasons = {v.id: v for v in repo.visit_reasons_by_id(s, _ids(found, "visit_reason"))}
            entries = []
            for r in found:
                patient_id, count = checks.matching_patient(
                    s, r.family_name, r.given_names, r.birth_date, r.phone
                )
                patient_id = r.patient_id or patient_id
                reason = reasons.get(r.visit_reason_id or 0)
                entries.append(
                    InboxEntry(
                        request=r,
                        practitioner_name=names.get(r.practitioner_id or 0, ""),
                        visit_reason_label=reason.label if reason else "",
                        instructions=reason.instructions if reason else "",
                        patient=patients_repo.patient(s, patient_id) if patient_id else None,
                        matches=max(count, 1 if patient_id else 0),
                    )
                )
        return entries

    def pending_count(self) -> int:
        """How many requests wait for a decision (the inbox's badge)."""
        with self._db.read() as s:
            return requests_repo.holding_count(s)

    def settings(self) -> PublicationSettings:
        """The publication settings: request URL, hold time, rate limit."""
        with self._db.read() as s:
            return checks.publication_settings(s)

    def request(self, request_id: int) -> BookingRequest:
        with self._db.read() as s:
            return requests_repo.request_to_native(requests_repo.request_row(s, request_id))


def _ids(found: list[BookingRequest], what: str) -> set[int]:
    return {getattr(r, f"{what}_id") for r in found if getattr(r, f"{what}_id") is not None}
