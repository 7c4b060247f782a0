"""What the agenda reports (day sheet, week, department list) are given: plain data in the
hospital's local time, built by ``desktop.services.reports`` from the repositories.

``sheet_rows`` merges a practitioner's day into the rows of a day sheet: appointments, absences
and the free periods left in the openings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from desktop.domain.model import Patient, Status

MIN_FREE = timedelta(minutes=5)  # a gap shorter than this is not worth a line


@dataclass(frozen=True)
class Booking:
    """One appointment of the day, times local."""

    appointment_id: int
    start: datetime
    end: datetime
    patient: Patient
    visit_reason: str
    status: Status = Status.BOOKED
    notes: str = ""
    overbooked: bool = False
    colour: str = ""  # the visit reason's, "#rrggbb"


@dataclass(frozen=True)
class Span:
    """A period of the day, local: an opening, an absence (``label``: its reason)."""

    start: datetime
    end: datetime
    label: str = ""


@dataclass(frozen=True)
class PractitionerDay:
    """One practitioner's day: bookings (active ones, by start), openings, absences."""

    practitioner: str
    day: date
    bookings: tuple[Booking, ...] = ()
    open_spans: tuple[Span, ...] = ()
    absences: tuple[Span, ...] = ()
    closed: str | None = None  # "jour férié (Lundi de Pâques)" when the site is closed
    department: str = ""
    site: str = ""


@dataclass(frozen=True)
class PractitionerWeek:
    """A practitioner's week: one ``PractitionerDay`` per date shown, Monday first."""

    practitioner: str
    monday: date
    days: tuple[PractitionerDay, ...]
    department: str = ""
    site: str = ""


@dataclass(frozen=True)
class DepartmentDay:
    """Every practitioner of a department on one day (the reception desk's list)."""

    department: str
    day: date
    practitioners: tuple[PractitionerDay, ...]
    site: str = ""


@dataclass(frozen=True)
class SheetRow:
    """A row of the day sheet: ``kind`` is "appointment", "absence" or "free"."""

    kind: str
    start: datetime
    end: datetime
    booking: Booking | None = None
    label: str = ""


_ORDER = {"absence": 0, "appointment": 1, "free": 2}


def sheet_rows(day: PractitionerDay) -> list[SheetRow]:
    """Appointments, absences and the free periods of the openings, by start time.

    Free: inside an opening, outside every active appointment and absence, at least 5 minutes.
    """
    rows = [SheetRow("appointment", b.start, b.end, b) for b in day.bookings]
    rows += [SheetRow("absence", a.start, a.end, label=a.label) for a in day.absences]
    taken = sorted(
        [(b.start, b.end) for b in day.bookings] + [(a.start, a.end) for a in day.absences]
    )
    for span in day.open_spans:
        for start, end in _free_parts(span.start, span.end, taken):
            rows.append(SheetRow("free", start, end))
    rows.sort(key=lambda r: (r.start, _ORDER[r.kind], r.end))
    return rows


def _free_parts(start: datetime, end: datetime, taken: list[tuple[datetime, datetime]]):
    cursor = start
    for busy_start, busy_end in taken:
        if busy_end <= cursor or busy_start >= end:
            continue
        if busy_start - cursor >= MIN_FREE:
            yield cursor, busy_start
        cursor = max(cursor, busy_end)
        if cursor >= end:
            return
    if end - cursor >= MIN_FREE:
        yield cursor, end


def duration_text(delta: timedelta) -> str:
    """ "45 min", "1 h 30", "2 h" """
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"
