"""The structure of the *hospital* demonstration set, planned in memory before the bulk load.

Practitioner ``PR0001`` (``FULL_PRACTITIONER``) works six days a week and is booked solid for its
15-minute follow-up reason during ``FULL_DAYS`` days; practitioners ``PR0002`` to ``PR0031`` form
``BENCH_DEPARTMENT``, booked solid during ``BENCH_DEPARTMENT_FULL_DAYS`` days. The others are
spread over the remaining departments with two or three half-days a week, some alternating even
and odd weeks, some arriving or leaving during the ten years.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from desktop.services.demo_names import (
    HOSPITAL_SITES,
    HOSPITAL_SPECIALTIES,
    PALETTE,
    REASON_PATTERNS,
)
from desktop.services.demo_people import practitioner_name

TIMEZONE = "Europe/Paris"
AHEAD_DAYS = 91  # the data set ends three months after today
FULL_PRACTITIONER = "PR0001"
FULL_VISIT_REASON = "DERMATO-NORD-02"  # 15 minutes
FULL_DAYS = 88
BENCH_DEPARTMENT = "CARDIO-NORD"
BENCH_DEPARTMENT_REASON = "CARDIO-NORD-01"  # 30 minutes, in every opening of the department
BENCH_DEPARTMENT_SIZE = 30
BENCH_DEPARTMENT_FULL_DAYS = 21
REASONS_PER_DEPARTMENT = 2 * len(REASON_PATTERNS)
MORNINGS = ((480, 720), (510, 750), (540, 720), (480, 750))  # minutes of the local day
AFTERNOONS = ((810, 1050), (840, 1080), (810, 1020))
_INSTRUCTIONS = {
    0: "Apportez votre carte Vitale, vos ordonnances et vos derniers examens.",
    4: "Venez avec votre bilan sanguin et la liste de vos traitements.",
    6: "Venez à jeun si un prélèvement est prévu.",
}


@dataclass(frozen=True, slots=True)
class PlannedOpening:
    """An opening row plus what the grid needs: the cell length and the reasons that fit it."""

    id: int
    practitioner_id: int
    site_id: int
    weekday: int
    start: int  # minutes since local midnight
    end: int
    weeks: str
    valid_from: date
    valid_to: date | None
    reason_ids: tuple[int, ...]
    cell: int  # minutes; a multiple of the step
    eligible: tuple[tuple[int, int], ...]  # (reason id, duration) with duration <= cell
    exact: tuple[tuple[int, int], ...]  # (reason id, duration) with duration == cell
    step: int = 15

    def row(self) -> tuple:
        return (
            self.id, self.practitioner_id, self.site_id, self.weekday, _hhmm(self.start),
            _hhmm(self.end), self.step, self.weeks, self.valid_from.isoformat(),
            self.valid_to.isoformat() if self.valid_to else None,
        )  # fmt: skip


@dataclass
class Plan:
    today: date
    first_day: date
    last_day: date
    sites: list[tuple] = field(default_factory=list)
    departments: list[tuple] = field(default_factory=list)
    reasons: list[tuple] = field(default_factory=list)
    practitioners: list[tuple] = field(default_factory=list)
    openings: list[PlannedOpening] = field(default_factory=list)
    absences: list[tuple[int, date, date, str]] = field(default_factory=list)
    closures: list[tuple[int, date, date, str]] = field(default_factory=list)
    full_id: int = 1
    bench_ids: frozenset[int] = frozenset()


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def plan_structure(rng: random.Random, practitioners: int, today: date, days: int) -> Plan:
    """Sites, departments, visit reasons, practitioners, openings, absences and closures."""
    plan = Plan(
        today, today + timedelta(days=AHEAD_DAYS - days), today + timedelta(days=AHEAD_DAYS)
    )
    plan.sites = [(i, code, name, addr) for i, (code, name, addr) in enumerate(HOSPITAL_SITES, 1)]
    count = min(60, max(4, practitioners // 16))
    reasons_of: dict[int, list[tuple[int, int]]] = {}
    for d in range(count):
        spec_code, spec_name = HOSPITAL_SPECIALTIES[d % len(HOSPITAL_SPECIALTIES)]
        site = d // len(HOSPITAL_SPECIALTIES) % len(HOSPITAL_SITES)
        code = f"{spec_code}-{HOSPITAL_SITES[site][0]}"
        plan.departments.append((d + 1, code, spec_name, site + 1))
        for k in range(REASONS_PER_DEPARTMENT):
            pattern, variant = k % len(REASON_PATTERNS), k // len(REASON_PATTERNS)
            label, minutes = REASON_PATTERNS[pattern]
            label = label.format(s=spec_name.lower())
            if variant:
                label, minutes = f"{label} (séance longue)", min(60, minutes + 15)
            rid = len(plan.reasons) + 1
            plan.reasons.append(
                (
                    rid, f"{code}-{k + 1:02d}", d + 1, label, minutes,
                    int(variant == 0 and pattern in (0, 1, 2, 7, 16)),
                    int(pattern not in (1, 5, 7, 16)),
                    {0: 24, 4: 48, 14: 48}.get(pattern), PALETTE[(k + d) % len(PALETTE)],
                    _INSTRUCTIONS.get(pattern, "") if variant == 0 else "",
                )
            )  # fmt: skip
            reasons_of.setdefault(d + 1, []).append((rid, minutes))
    bench = min(BENCH_DEPARTMENT_SIZE, practitioners // 3)
    plan.bench_ids = frozenset(range(2, bench + 2))
    for pid in range(1, practitioners + 1):
        if pid == plan.full_id:
            dep = 2
        elif pid in plan.bench_ids:
            dep = 1
        else:
            dep = 2 + (pid - bench - 2) % (count - 1)
        rpps = f"10{rng.randrange(10**9):09d}" if rng.random() < 0.9 else None
        plan.practitioners.append((pid, f"PR{pid:04d}", practitioner_name(rng), dep, rpps))
        site = plan.departments[dep - 1][3]
        _plan_openings(rng, plan, pid, site, reasons_of[dep], days)
    _plan_absences_and_closures(rng, plan)
    return plan


def _plan_openings(
    rng: random.Random, plan: Plan, pid: int, site: int, reasons: list[tuple[int, int]], days: int
) -> None:
    full, benched = pid == plan.full_id, pid in plan.bench_ids
    if full:
        half_days = [(w, h) for w in range(6) for h in (0, 1)]
    else:
        choices = [(w, h) for w in range(5) for h in (0, 1)]
        half_days = sorted(rng.sample(choices, 4 if benched else rng.choice((2, 2, 2, 3))))
    valid_from, valid_to = plan.first_day, None
    if not (full or benched):
        draw = rng.random()
        if draw < 0.25:  # arrived during the ten years
            valid_from = plan.first_day + timedelta(days=rng.randrange(days * 8 // 10))
        elif draw < 0.45:  # left during them
            valid_to = plan.first_day + timedelta(days=rng.randrange(days // 5, days * 9 // 10))
    rotate = not (full or benched) and rng.random() < 0.2
    for n, (weekday, half) in enumerate(half_days):
        start, end = (480, 720) if full else rng.choice(MORNINGS if half == 0 else AFTERNOONS)
        if full and half:
            start, end = 810, 1050
        cell = 15 if full else rng.choice((15, 30, 30, 45))
        end = start + (end - start) // cell * cell  # whole cells: no free tail when booked solid
        offered = reasons[:2] + rng.sample(reasons[2:], rng.randint(4, 8))
        if cell == 45 and not any(m == 45 for _, m in offered):
            offered.append(next(r for r in reasons if r[1] == 45))
        if full:
            offered = reasons[:2]
        # A rotation: even weeks on that day, odd weeks on a day the practitioner is free.
        free = [w for w in range(5) if (w, half) not in half_days]
        days_weeks = [(weekday, "even"), (free[0], "odd")] if rotate and n == 0 else []
        for day, parity in days_weeks or [(weekday, "all")]:
            plan.openings.append(
                PlannedOpening(
                    len(plan.openings) + 1, pid, site, day,
                    start, end, parity, valid_from, valid_to, tuple(r for r, _ in offered), cell,
                    tuple((r, m) for r, m in offered if m <= cell),
                    tuple((r, m) for r, m in offered if m == cell),
                )
            )  # fmt: skip


def _plan_absences_and_closures(rng: random.Random, plan: Plan) -> None:
    """A week of leave ahead for a quarter of the practitioners, training days in the past."""
    for pid, *_ in plan.practitioners:
        if pid == plan.full_id or pid in plan.bench_ids:
            continue
        if rng.random() < 0.25:
            first = plan.today + timedelta(days=rng.randrange(25, AHEAD_DAYS - 7))
            plan.absences.append((pid, first, first + timedelta(days=6), "Congés"))
        if rng.random() < 0.1:
            first = plan.today - timedelta(days=rng.randrange(30, 300))
            plan.absences.append((pid, first, first + timedelta(days=1), "Formation continue"))
    for site, *_ in plan.sites:
        day = plan.today - timedelta(days=rng.randrange(40, 360))
        plan.closures.append((site, day, day, "Travaux de maintenance"))
    day = plan.today + timedelta(days=60)
    plan.closures.append((len(plan.sites), day, day, "Fermeture exceptionnelle du site"))
