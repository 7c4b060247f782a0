"""Which free slots leave the hospital: the publication policy, in pure Python.

Only active visit reasons marked online are published, and only free slots as the slot engine
computes them (``desktop.domain.scheduling``: openings, holidays, closures, busy time, the past
and each reason's minimum notice). A policy per practitioner (all their reasons, or one reason)
then narrows them:

- **horizon**: local dates from today to ``today + 7 × weeks − 1``;
- **embargoes**: local date ranges (both ends included) published as nothing;
- **share**: the percentage of the remaining free slots exposed, spread evenly over the
  time-ordered slots (an error-diffusion pick: of every 100 consecutive slots, ``share`` are
  kept, alternating through each day), never the first ones of the horizon. Deterministic: the
  same free slots and policy always expose the same subset.

A policy for one reason wins over the practitioner's policy for all reasons, which wins over the
hospital default (every slot, the settings' horizon). ``PublicationTarget`` is where the feed is
written and whether it is republished after each change (setting ``publication_target``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from desktop.domain.errors import InvalidInput
from desktop.domain.model import PractitionerAgenda, VisitReason
from desktop.domain.scheduling import AgendaCalendar, BusyIndex, day_slots

PUBLICATION_TARGET_KEY = "publication_target"
MAX_HORIZON_WEEKS = 52
MAX_EMBARGOES = 50
MAX_REASON = 200
MAX_PATH = 500

Times = list[tuple[datetime, datetime]]


@dataclass(frozen=True, slots=True)
class Embargo:
    """Local dates, both included, on which nothing of the schedule is published."""

    date_from: date
    date_to: date
    reason: str = ""

    def covers(self, day: date) -> bool:
        """Whether the local date lies in the embargo."""
        return self.date_from <= day <= self.date_to


@dataclass(frozen=True, slots=True)
class PublicationPolicy:
    """A stored policy: ``visit_reason_id`` None covers every reason of the practitioner;
    ``horizon_weeks`` None takes the hospital's default horizon."""

    id: int
    practitioner_id: int
    visit_reason_id: int | None = None
    horizon_weeks: int | None = None
    share_percent: int = 100
    embargoes: tuple[Embargo, ...] = ()


@dataclass(frozen=True, slots=True)
class EffectivePolicy:
    """What applies to one schedule (practitioner × visit reason)."""

    horizon_weeks: int
    share_percent: int = 100
    embargoes: tuple[Embargo, ...] = ()


@dataclass(frozen=True, slots=True)
class PublicationTarget:
    """Where the feed is written, and whether the application republishes it after changes."""

    out_dir: str = ""
    auto_publish: bool = True


def check_policy(
    horizon_weeks: int | None, share_percent: int, embargoes: Iterable[Embargo]
) -> tuple[int | None, int, tuple[Embargo, ...]]:
    """The policy's values checked (French message, nothing kept), embargoes sorted."""
    if horizon_weeks is not None and (
        isinstance(horizon_weeks, bool)
        or not isinstance(horizon_weeks, int)
        or not 1 <= horizon_weeks <= MAX_HORIZON_WEEKS
    ):
        raise InvalidInput(
            f"Horizon de publication : {horizon_weeks} semaines hors des bornes "
            f"(de 1 à {MAX_HORIZON_WEEKS})."
        )
    if (
        isinstance(share_percent, bool)
        or not isinstance(share_percent, int)
        or not 1 <= share_percent <= 100
    ):
        raise InvalidInput(
            f"Part des créneaux publiés : {share_percent} % hors des bornes (de 1 à 100 %)."
        )
    periods = sorted(embargoes, key=lambda e: (e.date_from, e.date_to))
    if len(periods) > MAX_EMBARGOES:
        raise InvalidInput(f"Périodes sans publication : {MAX_EMBARGOES} au plus.")
    checked = []
    for e in periods:
        if e.date_to < e.date_from:
            raise InvalidInput(
                f"Période sans publication : le {e.date_to:%d/%m/%Y} précède le "
                f"{e.date_from:%d/%m/%Y}."
            )
        reason = " ".join(e.reason.split())
        if len(reason) > MAX_REASON:
            raise InvalidInput(
                f"Motif d'une période sans publication : {MAX_REASON} caractères au plus."
            )
        checked.append(Embargo(e.date_from, e.date_to, reason))
    return horizon_weeks, share_percent, tuple(checked)


def resolve(
    policies: Mapping[tuple[int, int | None], PublicationPolicy],
    practitioner_id: int,
    visit_reason_id: int,
    default_weeks: int,
    cap_weeks: int | None = None,
) -> EffectivePolicy:
    """The policy of one schedule: its reason's, else the practitioner's, else the default.

    ``cap_weeks`` (``creneau publish --weeks``) replaces the default horizon and bounds the
    policies' own horizons.
    """
    default = cap_weeks or default_weeks
    policy = policies.get((practitioner_id, visit_reason_id)) or policies.get(
        (practitioner_id, None)
    )
    if policy is None:
        return EffectivePolicy(default)
    weeks = policy.horizon_weeks or default
    if cap_weeks is not None:
        weeks = min(weeks, cap_weeks)
    return EffectivePolicy(weeks, policy.share_percent, policy.embargoes)


def index_policies(
    policies: Iterable[PublicationPolicy],
) -> dict[tuple[int, int | None], PublicationPolicy]:
    """The policies keyed by ``(practitioner_id, visit_reason_id or None)``."""
    return {(p.practitioner_id, p.visit_reason_id): p for p in policies}


def last_day(today: date, weeks: int) -> date:
    """The last local date of a horizon of ``weeks`` weeks starting today."""
    return today + timedelta(days=7 * weeks - 1)


def publishable(reason: VisitReason) -> bool:
    """Whether a visit reason may appear in the feed: active and marked online."""
    return reason.active and reason.online


def expose(
    times: Sequence[tuple[datetime, datetime]],
    policy: EffectivePolicy,
    today: date,
    local_day: Callable[[datetime], date],
) -> Times:
    """The free slots of one schedule (ascending ``(start, end)``) that the policy publishes."""
    end_day = last_day(today, policy.horizon_weeks)
    embargoes = policy.embargoes
    kept: Times = []
    for span in times:
        day = local_day(span[0])
        if day > end_day:
            break
        if embargoes and any(e.covers(day) for e in embargoes):
            continue
        kept.append(span)
    percent = policy.share_percent
    if percent >= 100:
        return kept
    # Error diffusion: slot i is kept when the running count of kept slots, rounded, steps up.
    return [
        span
        for i, span in enumerate(kept)
        if ((i + 1) * percent + 50) // 100 > (i * percent + 50) // 100
    ]


def free_times(
    agenda: PractitionerAgenda,
    reasons: Sequence[VisitReason],
    calendar: AgendaCalendar,
    first_day: date,
    last_days: Mapping[int, date],
    now: datetime,
) -> dict[int, Times]:
    """The engine's free slots of one practitioner for each reason, ``(start, end)`` ascending.

    ``last_days`` gives each reason's last local date. Reasons with the same duration, minimum
    notice and openings have the same free slots: the engine runs once for them, and only on
    the weekdays of those openings (``day_slots`` of the other days is empty).
    """
    groups: dict[tuple, list[VisitReason]] = {}
    for reason in reasons:
        openings = frozenset(o.id for o in agenda.openings if reason.id in o.visit_reason_ids)
        if openings:
            key = (reason.duration_min, reason.min_notice_hours or 0, openings)
            groups.setdefault(key, []).append(reason)
    busy = BusyIndex(agenda.busy)
    result: dict[int, Times] = {}
    for (_, _, openings), members in groups.items():
        weekdays = {o.weekday for o in agenda.openings if o.id in openings}
        end = max(last_days[r.id] for r in members)
        times: Times = []
        day = first_day
        while day <= end:
            if day.weekday() in weekdays:
                times.extend(
                    (slot.start, slot.end)
                    for slot in day_slots(agenda, members[0], calendar, day, now, busy=busy)
                )
            day += timedelta(days=1)
        for reason in members:
            result[reason.id] = times
    return result


# --- the publication target (setting) -------------------------------------------------------


def check_target(out_dir: str, auto_publish: bool) -> PublicationTarget:
    """The publication folder and the automatic republication, checked."""
    folder = out_dir.strip()
    if len(folder) > MAX_PATH:
        raise InvalidInput(
            f"Dossier de publication : chemin trop long ({MAX_PATH} caractères au plus)."
        )
    if any(ch in folder for ch in "\0\n\r"):
        raise InvalidInput("Dossier de publication : caractères interdits dans le chemin.")
    return PublicationTarget(folder, bool(auto_publish))


def target_to_json(target: PublicationTarget) -> dict[str, Any]:
    """The stored form."""
    return {"out_dir": target.out_dir, "auto_publish": target.auto_publish}


def target_from_json(value: Any) -> PublicationTarget:
    """The stored target; defaults for what is missing or damaged."""
    data = value if isinstance(value, dict) else {}
    auto = data.get("auto_publish", True)
    return PublicationTarget(
        str(data.get("out_dir") or ""), auto if isinstance(auto, bool) else True
    )
