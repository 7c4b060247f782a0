"""What a booking request is checked against, inside the caller's transaction.

- ``slot_problem``: is the slot a request names still one the hospital publishes and still free
  (visit reason online and active, practitioner active in its department, in the future, within
  the horizon of its publication policy and outside its embargoes, a free slot of the slot
  engine — other holds count as busy)? The policy's share is not checked: a free slot kept back
  from the feed is still free, and only a hand-made request can name it.
- ``matching_patient``: the existing record of the patient (same identity key and birth date).
- ``create_patient``: the record a secretary would create from the request's identity.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from db.repositories import agenda as agenda_repo
from db.repositories import audit
from db.repositories import patients as patients_repo
from db.repositories import publication as publication_repo
from db.repositories import structure as repo
from db.tables import PatientRow, PractitionerRow
from desktop.domain import publication_policy as policy_rules
from desktop.domain import settings as rules
from desktop.domain.errors import NotFound
from desktop.domain.model import Actor, PractitionerAgenda, Slot, VisitReason
from desktop.domain.scheduling import AgendaCalendar, day_slots
from desktop.domain.settings import PublicationSettings

# The same record and search keys a secretary's « Nouveau patient » writes.
from desktop.services.patients import PatientInput, _fill, _identity_keys

GONE = "gone"
NOT_ONLINE = "not_online"


@dataclass(frozen=True)
class SlotProblem:
    """Why a slot cannot be held: ``kind`` is ``GONE`` or ``NOT_ONLINE``; a French message."""

    kind: str
    message: str


def publication_settings(s: Session) -> PublicationSettings:
    """The publication settings (hold time, rate limit, request URL, horizon)."""
    return rules.publication_from_json(
        repo.setting(s, rules.PUBLICATION_KEY), repo.hospital(s).booking_url
    )


def _call_us(s: Session) -> str:
    phone = publication_settings(s).secretariat_phone or repo.hospital(s).phone
    return f" Appelez le secrétariat au {phone}." if phone else ""


def free_slot(
    s: Session,
    calendar: AgendaCalendar,
    practitioner_id: int,
    reason: VisitReason,
    start: datetime,
    now: datetime,
    ignore: tuple[datetime, datetime] | None = None,
) -> Slot | None:
    """The engine's free slot of the practitioner for the reason starting at ``start``, or None.

    ``ignore``: one busy interval not to count (the request's own hold, when moving it).
    """
    # Serialise the holds of one practitioner (PostgreSQL; SQLite's BEGIN IMMEDIATE already does).
    s.get(PractitionerRow, practitioner_id, with_for_update=True)
    day = calendar.local(start).date()
    first, last = calendar.local_day_bounds(day)
    busy = agenda_repo.busy_intervals(s, [practitioner_id], first, last, now=now)[practitioner_id]
    if ignore is not None and ignore in busy:
        busy.remove(ignore)
    openings = repo.openings(s, [practitioner_id])[practitioner_id]
    agenda = PractitionerAgenda(practitioner_id, tuple(openings), tuple(busy))
    return next(
        (x for x in day_slots(agenda, reason, calendar, day, now) if x.start == start), None
    )


def slot_problem(
    s: Session,
    calendar: AgendaCalendar,
    practitioner_id: int,
    visit_reason_id: int,
    start: datetime,
    now: datetime,
) -> tuple[SlotProblem | None, Slot | None]:
    """``(None, slot)`` when the slot may be held, else ``(problem, None)``."""
    gone = SlotProblem(GONE, "Ce créneau n'est plus disponible : choisissez-en un autre.")
    try:
        reason = repo.visit_reason(s, visit_reason_id)
        practitioner = repo.practitioner(s, practitioner_id)
    except NotFound:
        return SlotProblem(GONE, "Ce créneau n'existe pas ou plus." + _call_us(s)), None
    if not reason.active or not reason.online:
        message = "Ce motif de consultation ne se réserve pas en ligne." + _call_us(s)
        return SlotProblem(NOT_ONLINE, message), None
    if not practitioner.active or practitioner.department_id != reason.department_id:
        return gone, None
    if start <= now or not _within_policy(
        s, calendar, practitioner_id, visit_reason_id, start, now
    ):
        return gone, None
    slot = free_slot(s, calendar, practitioner_id, reason, start, now)
    return (None, slot) if slot is not None else (gone, None)


def _within_policy(
    s: Session,
    calendar: AgendaCalendar,
    practitioner_id: int,
    visit_reason_id: int,
    start: datetime,
    now: datetime,
) -> bool:
    """Whether the publication policy of the schedule publishes that day (horizon, embargoes)."""
    policies = policy_rules.index_policies(publication_repo.policies(s))
    default = publication_settings(s).horizon_weeks
    policy = policy_rules.resolve(policies, practitioner_id, visit_reason_id, default)
    today, day = calendar.local(now).date(), calendar.local(start).date()
    if day > policy_rules.last_day(today, policy.horizon_weeks):
        return False
    return not any(e.covers(day) for e in policy.embargoes)


def matching_patient(
    s: Session, family_name: str, given_names: str, birth_date: date | None, phone: str
) -> tuple[int | None, int]:
    """``(patient id, how many records match)``: same name key (used or birth name) and birth
    date; among several, the one with the same phone, else the oldest record."""
    if birth_date is None or not family_name:
        return None, 0
    data = PatientInput(family_name=family_name, given_names=given_names, birth_date=birth_date)
    found = {
        twin.id: twin
        for key in _identity_keys(data)
        for twin in patients_repo.same_identity(s, key, birth_date)
    }
    if not found:
        return None, 0
    same_phone = [i for i, p in sorted(found.items()) if any(x.e164 == phone for x in p.phones)]
    return (same_phone or sorted(found))[0], len(found)


def create_patient(
    s: Session,
    actor: Actor,
    now: datetime,
    family_name: str,
    given_names: str,
    birth_date: date,
    phone: str,
    email: str,
) -> int:
    """A new patient record from a request's identity (already checked), audited."""
    data = PatientInput(
        family_name=family_name,
        given_names=given_names,
        birth_date=birth_date,
        phones=(phone,) if phone else (),
        email=email,
    )
    row = PatientRow(created_at=now, created_by=actor.login)
    _fill(row, data)
    s.add(row)
    s.flush()
    audit.record(
        s, actor, now, "patient.create", "patient", row.id, None,
        {"phones": len(row.phones), "source": "online"},
    )  # fmt: skip
    return row.id
