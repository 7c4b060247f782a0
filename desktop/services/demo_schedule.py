"""Appointments of the small demonstration: placed on slots found by the real slot engine.

For each practitioner and day, the engine lists the free slots of every visit reason the day's
openings offer (absences, holidays, closures and DST already accounted for). A cursor then walks
the day: at the earliest candidate start it books one of the reasons offered there, about seven
times in ten, and moves past the appointment's end; otherwise it leaves the slot free (sometimes
with a cancelled appointment on it). Booked intervals therefore never overlap.
"""

from __future__ import annotations

import random
from bisect import bisect_left
from datetime import date, datetime, timedelta

from sqlalchemy import insert
from sqlalchemy.orm import Session

from db.repositories import agenda as agenda_repo
from db.repositories import structure as repo
from db.tables import AppointmentRow
from desktop.domain.model import PractitionerAgenda, Slot, VisitReason
from desktop.domain.scheduling import BusyIndex, day_slots
from desktop.services.structure import calendar_of

FILL = 0.72  # share of candidate starts that get an appointment
CANCELLED_ON_SKIP = 0.12
NOTES = (
    "Patient malentendant : parler face à lui.",
    "Besoin d'un interprète (arabe).",
    "Se déplace en fauteuil roulant.",
    "Apporter la radio du genou.",
    "Rappeler la veille pour confirmer.",
    "Adressé par le Dr Lemoine (médecin traitant).",
)
CANCEL_REASONS = ("Annulé par le patient", "Empêchement professionnel", "Patient hospitalisé")
OVERBOOKING_REASON = "Urgence : patient vu entre deux rendez-vous"


def fill_agendas(
    s: Session,
    rng: random.Random,
    now: datetime,
    first_day: date,
    last_day: date,
    patient_ids: list[int],
) -> int:
    """Book the practitioners' agendas between two local dates; returns the rows inserted."""
    calendar = calendar_of(s)
    practitioners = sorted(repo.practitioners(s), key=lambda p: p.code)
    reasons = {r.id: r for r in repo.visit_reasons(s)}
    ids = [p.id for p in practitioners]
    openings = repo.openings(s, ids)
    window_start = calendar.local_day_bounds(first_day)[0]
    window_end = calendar.local_day_bounds(last_day)[1]
    absences = agenda_repo.busy_intervals(s, ids, window_start, window_end)
    rows: list[dict] = []
    for p in practitioners:
        agenda = PractitionerAgenda(p.id, tuple(openings[p.id]), tuple(absences[p.id]))
        busy = BusyIndex(agenda.busy)
        day = first_day
        while day <= last_day:
            groups = _reason_groups(agenda, reasons, day)
            if groups:
                slots = {
                    tuple(ids): day_slots(
                        agenda, reasons[ids[0]], calendar, day, window_start, busy=busy
                    )
                    for ids in groups
                }
                rows += _walk_day(rng, slots, reasons, now, patient_ids)
            day += timedelta(days=1)
    rows += _overbookings(rng, rows, now, patient_ids)
    # Latest first: the SQLite overlap trigger looks at the practitioner's appointments that
    # start before the new one ends, which is then an index range of one or two rows.
    rows.sort(key=lambda r: (r["start_at"], r["practitioner_id"], r["overbooked"]), reverse=True)
    if rows:
        s.execute(insert(AppointmentRow.__table__), rows)
    return len(rows)


def _reason_groups(
    agenda: PractitionerAgenda, reasons: dict[int, VisitReason], day: date
) -> list[list[int]]:
    """The reasons offered on that weekday, grouped when the engine would give them the same
    slots (same duration, notice and openings): one engine call per group instead of per reason.
    """
    groups: dict[tuple, list[int]] = {}
    todays = [o for o in agenda.openings if o.weekday == day.weekday()]
    for rid in sorted({rid for o in todays for rid in o.visit_reason_ids}):
        reason = reasons[rid]
        where = frozenset(o.id for o in todays if rid in o.visit_reason_ids)
        groups.setdefault((reason.duration_min, reason.min_notice_hours, where), []).append(rid)
    return list(groups.values())


def _walk_day(
    rng: random.Random,
    slots: dict[tuple[int, ...], list[Slot]],
    reasons: dict[int, VisitReason],
    now: datetime,
    patient_ids: list[int],
) -> list[dict]:
    starts = {ids: [slot.start for slot in found] for ids, found in slots.items()}
    rows = []
    cursor: datetime | None = None
    while True:
        nexts = {}
        for ids, found in slots.items():
            i = 0 if cursor is None else bisect_left(starts[ids], cursor)
            if i < len(found):
                nexts[ids] = found[i]
        if not nexts:
            return rows
        t0 = min(slot.start for slot in nexts.values())
        ids = rng.choice(sorted(ids for ids, slot in nexts.items() if slot.start == t0))
        slot = nexts[ids]
        reason = reasons[rng.choice(ids)]
        if rng.random() < FILL:
            rows.append(_row(rng, slot, reason, now, patient_ids))
            cursor = slot.end
        else:
            if rng.random() < CANCELLED_ON_SKIP:
                row = _row(rng, slot, reason, now, patient_ids)
                row["status"], row["cancel_reason"] = "cancelled", rng.choice(CANCEL_REASONS)
                rows.append(row)
            cursor = t0 + timedelta(microseconds=1)


def _row(
    rng: random.Random, slot: Slot, reason: VisitReason, now: datetime, patient_ids: list[int]
) -> dict:
    if reason.online and rng.random() < 0.35:
        channel, author = "online", "portail-web"
    else:
        channel = rng.choices(("phone", "desk", "internal"), (65, 20, 15))[0]
        author = "medecin" if channel == "internal" else "secretaire"
    created = slot.start - timedelta(days=rng.randint(1, 60), minutes=rng.randrange(600))
    if created >= now:
        created = now - timedelta(hours=rng.randint(1, 72))
    updated = created
    if slot.end <= now:
        status = rng.choices(("seen", "no_show", "confirmed"), (90, 7, 3))[0]
        if status != "confirmed":
            updated = min(slot.end + timedelta(minutes=rng.randrange(5, 90)), now)
    elif slot.start <= now:
        status, updated = "arrived", slot.start
    else:
        status = rng.choice(("booked", "confirmed"))
    return {
        "practitioner_id": slot.practitioner_id,
        "visit_reason_id": reason.id,
        "patient_id": rng.choice(patient_ids),
        "site_id": slot.site_id,
        "start_at": slot.start,
        "end_at": slot.end,
        "status": status,
        "channel": channel,
        "overbooked": False,
        "overbooking_reason": "",
        "notes": rng.choice(NOTES) if rng.random() < 0.05 else "",
        "cancel_reason": "",
        "created_by": author,
        "created_at": created,
        "updated_by": author,
        "updated_at": updated,
        "version": 1,
    }


def _overbookings(
    rng: random.Random, rows: list[dict], now: datetime, patient_ids: list[int]
) -> list[dict]:
    """Two recorded overbookings in the coming days, on top of booked appointments."""
    future = [r for r in rows if r["start_at"] > now and r["status"] != "cancelled"]
    extra = []
    for base in future[:: max(1, len(future) // 2)][:2]:
        row = dict(base)
        row.update(
            patient_id=rng.choice(patient_ids),
            overbooked=True,
            overbooking_reason=OVERBOOKING_REASON,
            channel="internal",
            created_by="medecin",
            updated_by="medecin",
            notes="",
        )
        extra.append(row)
    return extra
