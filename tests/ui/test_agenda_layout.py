"""Placing appointments on the grid, without Qt: lanes, clamping, visible hours, French dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from desktop.domain.model import Absence, Appointment, Patient, Practitioner, VisitReason
from desktop.domain.scheduling import AgendaCalendar
from desktop.services.agenda import AgendaPeriod
from desktop.ui import texts
from desktop.ui.models.agenda_layout import day_content, week_content, week_days

DAY = date(2027, 3, 15)
DUPONT = Practitioner(1, "DUPONT", "Dr Marie Dupont", 1)
MARTIN = Practitioner(2, "MARTIN", "Dr Paul Martin", 1)
REASON = VisitReason(1, "R", 1, "Consultation", 30, color="#123456")
CALENDAR = AgendaCalendar("Europe/Paris", "FR")


def utc(day: date, hour: int, minute: int = 0) -> datetime:
    """Paris wall time (winter: UTC+1) as UTC."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC) - timedelta(hours=1)


def appointment(id_, practitioner, start, minutes=30, **extra) -> Appointment:
    return Appointment(
        id_, practitioner.id, 1, 1, 1, start, start + timedelta(minutes=minutes), **extra
    )


def period(appointments=(), absences=(), practitioners=(DUPONT, MARTIN)) -> AgendaPeriod:
    return AgendaPeriod(
        start=utc(DAY, 0),
        end=utc(DAY + timedelta(days=7), 0),
        practitioners=practitioners,
        appointments=tuple(appointments),
        absences=tuple(absences),
        patients={1: Patient(1, "Durand", "Jean", date(1970, 1, 1))},
        visit_reasons={1: REASON},
        calendar=CALENDAR,
    )


def test_overlapping_appointments_share_the_column_in_lanes():
    content = day_content(
        period(
            [
                appointment(1, DUPONT, utc(DAY, 9), 60),
                appointment(2, DUPONT, utc(DAY, 9, 30), 30, overbooked=True),
                appointment(3, DUPONT, utc(DAY, 10), 30),
                appointment(4, DUPONT, utc(DAY, 9, 45), 30, overbooked=True),
                appointment(5, MARTIN, utc(DAY, 9), 30),
            ]
        ),
        [DUPONT, MARTIN],
        DAY,
        1,
    )
    placed = {p.entry.id: (p.column, p.lane, p.lanes) for p in content.items}
    # 1 (9:00-10:00), 2 (9:30-10:00) and 4 (9:45-10:15) overlap; 3 (10:00) reuses a free lane.
    assert placed[1] == (0, 0, 3)
    assert placed[2] == (0, 1, 3)
    assert placed[4] == (0, 2, 3)
    assert placed[3][1] in (0, 1)
    assert placed[5] == (1, 0, 1)
    assert [c.subtitle for c in content.columns] == ["4 rendez-vous", "1 rendez-vous"]
    entry = next(p.entry for p in content.items if p.entry.id == 1)
    assert (entry.patient_name, entry.reason_label, entry.color) == (
        "DURAND Jean",
        "Consultation",
        "#123456",
    )
    assert entry.time_range == "09:00 – 10:00"


def test_visible_hours_grow_for_early_and_late_appointments():
    content = day_content(period([]), [DUPONT], DAY, 1)
    assert (content.first_min, content.last_min) == (7 * 60, 20 * 60)
    content = day_content(
        period([appointment(1, DUPONT, utc(DAY, 6, 15)), appointment(2, DUPONT, utc(DAY, 20, 30))]),
        [DUPONT],
        DAY,
        1,
    )
    assert (content.first_min, content.last_min) == (6 * 60, 21 * 60)


def test_absences_are_clamped_to_the_day_and_holidays_close_columns():
    absence = Absence(1, DUPONT.id, utc(DAY - timedelta(days=2), 0), utc(DAY, 12), "Congés")
    content = day_content(period(absences=[absence]), [DUPONT, MARTIN], DAY, 1)
    assert [(s.column, s.start_min, s.end_min, s.label) for s in content.shades] == [
        (0, 0, 12 * 60, "Absence : Congés")
    ]
    easter_monday = date(2027, 3, 29)
    content = day_content(period(), [DUPONT], easter_monday, 1)
    assert content.columns[0].subtitle == "Fermé"
    assert content.shades[0].label == "Fermé : jour férié (Lundi de Pâques)"


def test_week_content_has_a_column_per_day():
    days = week_days(DAY + timedelta(days=2), include_weekend=False)
    assert days[0] == DAY and len(days) == 5
    content = week_content(
        period([appointment(1, DUPONT, utc(DAY + timedelta(days=1), 14))]), DUPONT, days, None
    )
    assert [c.title for c in content.columns][:2] == ["Lundi 15 mars", "Mardi 16 mars"]
    assert [(p.column, p.start_min) for p in content.items] == [(1, 14 * 60)]


def test_french_dates():
    assert texts.long_date(date(2027, 4, 1)) == "jeudi 1er avril 2027"
    assert texts.short_day(DAY) == "lun. 15/03"
    assert texts.count(0, "praticien") == "aucun praticien"
    assert texts.count(2, "praticien") == "2 praticiens"
    assert texts.week_title(date(2027, 3, 29)) == "Semaine 13 — du 29 mars au 4 avril 2027"
    assert texts.week_title(date(2026, 12, 28)) == (
        "Semaine 53 — du 28 décembre 2026 au 3 janvier 2027"
    )
