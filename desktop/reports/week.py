"""A practitioner's week: A4 landscape, one grid with a column per day, time running down.

Openings are tinted, absences and closed days greyed, each appointment a box at its time with
the patient's short name and the visit reason (initials and birth year in the minimal version).
Overlapping appointments (overbookings) share their column side by side.
"""

from __future__ import annotations

from datetime import datetime

from reportlab.lib import colors
from reportlab.platypus import Flowable

from desktop.reports import styles
from desktop.reports.agenda_data import Booking, PractitionerDay, PractitionerWeek
from desktop.reports.templates import Letterhead, frame_size, render
from desktop.reports.wording import WEEKDAYS, initials, short_name

TITLE = "Semaine du praticien"
AXIS = 30
DAY_HEAD = 26
DEFAULT_HOURS = (8, 18)


def week_pdf(
    week: PractitionerWeek, letterhead: Letterhead, *, minimal: bool = False, invariant=False
) -> bytes:
    """The week grid of one practitioner as PDF bytes."""
    iso = week.monday.isocalendar()
    last = week.days[-1].day if week.days else week.monday
    subtitle = (
        f"{week.practitioner} — semaine {iso.week} (du {week.monday:%d/%m} au {last:%d/%m/%Y})"
    )
    width, height = frame_size(wide=True)
    story = [WeekGrid(week, width, height - 4, minimal)]
    return render(story, letterhead, TITLE, subtitle, wide=True, invariant=invariant).pdf


def _minutes(moment: datetime) -> int:
    return moment.hour * 60 + moment.minute


def hour_range(days) -> tuple[int, int]:
    """First and last hour drawn: every opening, absence and appointment of the week fits."""
    starts, ends = [], []
    for day in days:
        for item in (*day.open_spans, *day.bookings):
            starts.append(_minutes(item.start))
            ends.append(_minutes(item.end) if item.end.date() == day.day else 24 * 60)
    if not starts:
        return DEFAULT_HOURS
    first = min(min(starts) // 60, DEFAULT_HOURS[0])
    last = max(-(-max(ends) // 60), DEFAULT_HOURS[1])
    return first, min(last, 24)


def lanes(bookings) -> list[tuple[Booking, int, int]]:
    """Each booking with its lane and the number of lanes of its group of overlaps."""
    placed: list[tuple[Booking, int, int]] = []
    group: list[tuple[Booking, int]] = []
    group_end: datetime | None = None
    for booking in sorted(bookings, key=lambda b: (b.start, b.end)):
        if group_end is not None and booking.start >= group_end:
            placed += _close(group)
            group, group_end = [], None
        taken = {lane for b, lane in group if b.end > booking.start}
        lane = next(n for n in range(len(group) + 1) if n not in taken)
        group.append((booking, lane))
        group_end = booking.end if group_end is None else max(group_end, booking.end)
    return placed + _close(group)


def _close(group):
    count = max((lane for _, lane in group), default=-1) + 1
    return [(b, lane, count) for b, lane in group]


class WeekGrid(Flowable):
    """The week drawn on the canvas: fast, and exactly where the times say."""

    def __init__(self, week: PractitionerWeek, width: float, height: float, minimal: bool):
        super().__init__()
        self.week, self.width, self.height, self.minimal = week, width, height, minimal
        self.first_hour, self.last_hour = hour_range(week.days)

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def _y(self, minute: float) -> float:
        span = (self.last_hour - self.first_hour) * 60
        body = self.height - DAY_HEAD
        return body - (minute - self.first_hour * 60) / span * body

    def draw(self) -> None:
        c = self.canv
        days = self.week.days or ()
        column = (self.width - AXIS) / max(1, len(days))
        c.setLineWidth(0.3)
        for hour in range(self.first_hour, self.last_hour + 1):
            y = self._y(hour * 60)
            c.setStrokeColor(styles.RULE)
            c.line(AXIS - 3, y, self.width, y)
            c.setFont(styles.FONT, 7)
            c.setFillColor(styles.MUTED)
            if hour < self.last_hour:
                c.drawRightString(AXIS - 5, y - 8, f"{hour:02d}:00")
        for n, day in enumerate(days):
            self._draw_day(day, AXIS + n * column, column)
        c.setStrokeColor(styles.ACCENT)
        c.setLineWidth(0.8)
        c.rect(AXIS, 0, self.width - AXIS, self.height, fill=0)
        c.line(AXIS, self.height - DAY_HEAD, self.width, self.height - DAY_HEAD)

    def _draw_day(self, day: PractitionerDay, x: float, width: float) -> None:
        c = self.canv
        top = self.height - DAY_HEAD
        c.setFillColor(styles.ACCENT_PALE)
        c.rect(x, top, width, DAY_HEAD, fill=1, stroke=0)
        c.setFillColor(styles.ACCENT)
        c.setFont(styles.FONT_BOLD, 8.5)
        c.drawCentredString(
            x + width / 2, top + 14, f"{WEEKDAYS[day.day.weekday()]} {day.day:%d/%m}"
        )
        c.setFont(styles.FONT, 7)
        c.setFillColor(styles.MUTED)
        count = len(day.bookings)
        c.drawCentredString(x + width / 2, top + 4, f"{count} rendez-vous" if count else "—")
        if day.closed:
            c.setFillColor(styles.ABSENT)
            c.rect(x, 0, width, top, fill=1, stroke=0)
            c.setFillColor(styles.MUTED)
            c.setFont(styles.FONT, 7.5)
            for i, line in enumerate(styles.fit_lines(f"Fermé : {day.closed}", width - 8, 7.5, 3)):
                c.drawCentredString(x + width / 2, top - 20 - i * 10, line)
        for span in day.open_spans:
            self._band(x, width, span.start, span.end, day, styles.FREE)
        for span in day.absences:
            self._band(x, width, span.start, span.end, day, styles.ABSENT)
            y = self._y(
                max(_minutes(span.start), self.first_hour * 60)
                if span.start.date() == day.day
                else self.first_hour * 60
            )
            c.setFillColor(styles.MUTED)
            c.setFont(styles.FONT_BOLD, 7)
            c.drawString(
                x + 4, y - 10, styles.ellipsis(f"Absence {span.label}".strip(), width - 8, 7, True)
            )
        for booking, lane, count in lanes(day.bookings):
            self._booking(booking, x + lane * width / count, width / count, day)
        c.setStrokeColor(styles.RULE)
        c.setLineWidth(0.5)
        c.line(x, 0, x, self.height)

    def _band(self, x, width, start, end, day, colour) -> None:
        top, bottom = self._bounds(start, end, day)
        self.canv.setFillColor(colour)
        self.canv.rect(x + 0.5, bottom, width - 1, top - bottom, fill=1, stroke=0)

    def _bounds(self, start, end, day) -> tuple[float, float]:
        first = _minutes(start) if start.date() == day.day else 0
        last = _minutes(end) if end.date() == day.day else 24 * 60
        first = max(first, self.first_hour * 60)
        last = min(last, self.last_hour * 60)
        return self._y(first), self._y(max(first, last))

    def _booking(self, booking: Booking, x: float, width: float, day: PractitionerDay) -> None:
        c = self.canv
        top, bottom = self._bounds(booking.start, booking.end, day)
        height = max(top - bottom - 1, 4)
        c.setFillColor(colors.white)
        c.setStrokeColor(styles.ALERT if booking.overbooked else styles.RULE)
        c.setLineWidth(0.5)
        c.rect(x + 1.5, top - height - 0.5, width - 3, height, fill=1, stroke=1)
        c.setFillColor(_colour(booking.colour))
        c.rect(x + 1.5, top - height - 0.5, 2.5, height, fill=1, stroke=0)
        who = initials(booking.patient) if self.minimal else short_name(booking.patient)
        room = width - 10
        size = 6.5 if height >= 8 else 5
        c.setFillColor(styles.INK)
        c.setFont(styles.FONT_BOLD, size)
        text = f"{booking.start:%H:%M} {who}"
        c.drawString(x + 6, top - size - 1, styles.ellipsis(text, room, size, True))
        if height >= 2 * size + 4:
            c.setFont(styles.FONT, size)
            c.setFillColor(styles.MUTED)
            c.drawString(
                x + 6, top - 2 * size - 3, styles.ellipsis(booking.visit_reason, room, size)
            )


def _colour(text: str):
    try:
        return colors.HexColor(text) if text else styles.ACCENT
    except ValueError:
        return styles.ACCENT
