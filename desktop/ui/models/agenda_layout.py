"""What the agenda grid shows, computed from an ``AgendaPeriod`` without Qt.

The grid is a set of columns (one per practitioner for a day, one per day for a practitioner's
week); each appointment is placed by its local wall-clock minutes, side by side with the ones it
overlaps (overbookings), and absences and closures shade parts of the columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop.domain.model import Appointment, Practitioner, Status
from desktop.domain.phones import format_phone
from desktop.ui import texts

if TYPE_CHECKING:
    from desktop.services.agenda import AgendaPeriod

DAY_FIRST_MIN = 7 * 60
DAY_LAST_MIN = 20 * 60
MINUTES_PER_DAY = 24 * 60
SNAP_MIN = 5


@dataclass(frozen=True)
class AgendaEntry:
    """One appointment with everything a screen writes about it, in local time."""

    appointment: Appointment
    start: datetime
    end: datetime
    patient_name: str
    patient_phone: str
    reason_label: str
    color: str
    practitioner_name: str

    @property
    def id(self) -> int:
        return self.appointment.id

    @property
    def status(self) -> Status:
        return self.appointment.status

    @property
    def overbooked(self) -> bool:
        return self.appointment.overbooked

    @cached_property
    def time_range(self) -> str:
        # Cached: a department's day lays out hundreds of them on every reload.
        return f"{texts.clock(self.start)} – {texts.clock(self.end)}"

    @property
    def duration_min(self) -> int:
        """Real minutes (not wall-clock minutes: a DST night does not change a visit)."""
        return max(1, round((self.end - self.start).total_seconds() / 60))


@dataclass(frozen=True)
class GridColumn:
    """A column of the grid: one practitioner on one day."""

    title: str
    subtitle: str
    day: date
    practitioner_id: int
    closed_reason: str | None = None


@dataclass(frozen=True)
class Shade:
    """A hatched span of a column: an absence, or the whole day when the site is closed."""

    column: int
    start_min: int
    end_min: int
    label: str
    absence_id: int | None = None  # None: a closure or a public holiday


@dataclass(frozen=True)
class OpenSpan:
    """Opening hours of a column: bookable time, drawn lighter; ``step_min`` snaps a drag."""

    column: int
    start_min: int
    end_min: int
    step_min: int


@dataclass(frozen=True)
class Placed:
    """An appointment placed in a column; ``lane`` of ``lanes`` when it overlaps others."""

    column: int
    start_min: int
    end_min: int
    lane: int
    lanes: int
    entry: AgendaEntry


@dataclass(frozen=True)
class AgendaContent:
    """Everything the grid draws; minutes are local wall-clock minutes since midnight."""

    columns: tuple[GridColumn, ...] = ()
    items: tuple[Placed, ...] = ()
    shades: tuple[Shade, ...] = ()
    first_min: int = DAY_FIRST_MIN
    last_min: int = DAY_LAST_MIN
    open_spans: tuple[OpenSpan, ...] = ()
    openings_known: bool = False
    """Whether ``open_spans`` was computed (else nothing is known of the opening hours)."""

    def open_span_at(self, column: int, minute: float) -> OpenSpan | None:
        """The opening span of ``column`` holding ``minute`` (start included, end excluded)."""
        return next(
            (
                s
                for s in self.open_spans
                if s.column == column and s.start_min <= minute < s.end_min
            ),
            None,
        )


def entries_from_period(
    period: AgendaPeriod, practitioners: Iterable[Practitioner] = ()
) -> list[AgendaEntry]:
    """The period's appointments as screen entries, by start then practitioner name."""
    names = {p.id: p.name for p in (*period.practitioners, *practitioners)}
    entries = []
    for a in period.appointments:
        patient = period.patients.get(a.patient_id)
        reason = period.visit_reasons.get(a.visit_reason_id)
        entries.append(
            AgendaEntry(
                appointment=a,
                start=period.calendar.local(a.start),
                end=period.calendar.local(a.end),
                patient_name=patient.display_name
                if patient
                else QCoreApplication.translate("AgendaLayout", "Patient n° {id}").format(
                    id=a.patient_id
                ),
                patient_phone=format_phone(patient.phones[0].e164)
                if patient and patient.phones
                else "",
                reason_label=reason.label
                if reason
                else QCoreApplication.translate("AgendaLayout", "Motif inconnu"),
                color=reason.color if reason else "#8a94a6",
                practitioner_name=names.get(a.practitioner_id, ""),
            )
        )
    entries.sort(key=lambda e: (e.start, e.practitioner_name, e.id))
    return entries


def day_content(
    period: AgendaPeriod,
    practitioners: Sequence[Practitioner],
    day: date,
    site_id: int | None,
) -> AgendaContent:
    """One column per practitioner on ``day``."""
    closed = period.calendar.closure_reason(site_id, day) if site_id is not None else None
    columns = [GridColumn(p.name, "", day, p.id, closed) for p in practitioners]
    index = {p.id: i for i, p in enumerate(practitioners)}
    return _content(
        period, practitioners, columns, lambda pid, d: index.get(pid) if d == day else None
    )


def week_content(
    period: AgendaPeriod,
    practitioner: Practitioner,
    days: Sequence[date],
    site_id: int | None,
) -> AgendaContent:
    """One column per day of ``days`` for one practitioner."""
    columns = [
        GridColumn(
            texts.capitalised(texts.day_month(d)),
            "",
            d,
            practitioner.id,
            period.calendar.closure_reason(site_id, d) if site_id is not None else None,
        )
        for d in days
    ]
    index = {d: i for i, d in enumerate(days)}
    return _content(
        period,
        [practitioner],
        columns,
        lambda pid, d: index.get(d) if pid == practitioner.id else None,
    )


def _content(period, practitioners, columns, column_of) -> AgendaContent:
    calendar = period.calendar
    items_by_column: dict[int, list[tuple[int, int, AgendaEntry]]] = {}
    for entry in entries_from_period(period, practitioners):
        col = column_of(entry.appointment.practitioner_id, entry.start.date())
        if col is None:
            continue
        _ = entry.time_range  # formatted here, on the reading thread, not while laying out
        start_min = _minute(entry.start, columns[col].day)
        end_min = max(_minute(entry.end, columns[col].day), start_min + 5)
        items_by_column.setdefault(col, []).append((start_min, end_min, entry))

    shades = []
    for col, column in enumerate(columns):
        if column.closed_reason:
            label = QCoreApplication.translate("AgendaLayout", "Fermé : {reason}").format(
                reason=column.closed_reason
            )
            shades.append(Shade(col, 0, MINUTES_PER_DAY, label))
        for absence in period.absences:
            if absence.practitioner_id != column.practitioner_id:
                continue
            start, end = calendar.local(absence.start), calendar.local(absence.end)
            start_min, end_min = _minute(start, column.day), _minute(end, column.day)
            if end_min > start_min:
                label = (
                    QCoreApplication.translate("AgendaLayout", "Absence : {reason}").format(
                        reason=absence.reason
                    )
                    if absence.reason
                    else QCoreApplication.translate("AgendaLayout", "Absence")
                )
                shades.append(Shade(col, start_min, end_min, label, absence.id))

    items = []
    for col, spans in items_by_column.items():
        items.extend(_lanes(col, spans))
    items.sort(key=lambda p: (p.column, p.start_min, p.lane))

    open_spans, openings_known = _open_spans(period, columns)

    counts = {i: 0 for i in range(len(columns))}
    for placed in items:
        counts[placed.column] += 1
    columns = [_with_subtitle(c, counts[i]) for i, c in enumerate(columns)]

    first, last = DAY_FIRST_MIN, DAY_LAST_MIN
    if items:
        first = min(first, min(p.start_min for p in items) // 60 * 60)
        last = max(last, -(-max(p.end_min for p in items) // 60) * 60)
    return AgendaContent(
        tuple(columns),
        tuple(items),
        tuple(shades),
        first,
        min(last, 24 * 60),
        open_spans,
        openings_known,
    )


def _open_spans(period, columns) -> tuple[tuple[OpenSpan, ...], bool]:
    """The opening hours of each column, from the period's ``openings`` (UTC intervals by
    practitioner). Unknown (False) when the period carries none for the columns shown."""
    openings = getattr(period, "openings", None) or {}
    known = any(c.practitioner_id in openings for c in columns)
    spans = []
    for col, column in enumerate(columns):
        for start, end, _site in openings.get(column.practitioner_id, ()):
            start_min = _minute(period.calendar.local(start), column.day)
            end_min = _minute(period.calendar.local(end), column.day)
            if end_min > start_min:
                # The step of the opening is not in the period: drags snap to 5 minutes.
                spans.append(OpenSpan(col, start_min, end_min, SNAP_MIN))
    return tuple(spans), known


def _with_subtitle(column: GridColumn, n: int) -> GridColumn:
    subtitle = texts.count(
        n,
        QCoreApplication.translate("AgendaLayout", "rendez-vous", "one"),
        QCoreApplication.translate("AgendaLayout", "rendez-vous", "many"),
    )
    if column.closed_reason:
        subtitle = QCoreApplication.translate("AgendaLayout", "Fermé")
    return GridColumn(
        column.title, subtitle, column.day, column.practitioner_id, column.closed_reason
    )


def _minute(moment: datetime, day: date) -> int:
    """Wall-clock minutes since the local midnight of ``day``, clamped to the day."""
    if moment.date() < day:
        return 0
    if moment.date() > day:
        return MINUTES_PER_DAY
    return moment.hour * 60 + moment.minute


def _lanes(column: int, spans: list[tuple[int, int, AgendaEntry]]) -> list[Placed]:
    """Side-by-side lanes for overlapping appointments, one cluster of overlaps at a time."""
    spans = sorted(spans, key=lambda s: (s[0], -s[1], s[2].id))
    placed: list[Placed] = []
    cluster: list[tuple[int, int, int, AgendaEntry]] = []
    lane_ends: list[int] = []
    cluster_end = -1

    def flush() -> None:
        lanes = len(lane_ends)
        placed.extend(Placed(column, s, e, lane, lanes, entry) for s, e, lane, entry in cluster)

    for start, end, entry in spans:
        if cluster and start >= cluster_end:
            flush()
            cluster, lane_ends = [], []
        lane = next((i for i, e in enumerate(lane_ends) if e <= start), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(end)
        else:
            lane_ends[lane] = end
        cluster.append((start, end, lane, entry))
        cluster_end = max(cluster_end, end) if len(cluster) > 1 else end
    if cluster:
        flush()
    return placed


def week_days(day: date, include_weekend: bool = True) -> list[date]:
    """The days of the ISO week holding ``day`` (Monday to Sunday, or to Friday)."""
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=i) for i in range(7 if include_weekend else 5)]
