"""The published folder from domain objects: FHIR files, free/busy calendars, the manifest.

``write_feed(out, feed)`` takes what the publication service gathered and filtered (sites,
schedules with their exposed free slots, practitioners' busy time) and writes the folder
atomically (``desktop.publish.writer``). No query, no patient: only ids, names of the hospital's
structure, and times.

Layout of the folder (URLs are the public base URL + the path):

- ``$bulk-publish`` — the manifest (with every file's SHA-256);
- ``locations.ndjson``, ``schedules.ndjson``, ``slots-YYYY-Www.ndjson`` (one per ISO week of the
  horizon, written even when empty so that the URLs stay the same);
- ``freebusy/practitioner-<id>.ics`` — one ``VFREEBUSY`` per published practitioner;
- whatever ``extra_files(folder)`` adds (the booking page, ``desktop.publish.site``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote, urlsplit

from desktop.domain.model import Department, Practitioner, Site, VisitReason
from desktop.publish import ics
from desktop.publish.smart_links import (
    FREEBUSY_DIR,
    LOCATIONS_FILE,
    SCHEDULES_FILE,
    FeedContext,
    SlotLines,
    dumps,
    location_resource,
    manifest,
    schedule_resource,
)
from desktop.publish.writer import LineSink, PublishResult, Stage

Span = tuple[datetime, datetime]


@dataclass(frozen=True)
class ScheduleFeed:
    """One practitioner × online visit reason, with the free slots the policy exposes."""

    practitioner: Practitioner
    reason: VisitReason
    department: Department
    sites: tuple[Site, ...]
    horizon: Span
    slots: Sequence[Span]


@dataclass(frozen=True)
class Feed:
    """Everything a publication writes."""

    context: FeedContext
    transaction_time: datetime
    sites: Sequence[Site]
    location_phone: str
    schedules: Sequence[ScheduleFeed]
    busy: dict[int, Sequence[Span]]  # by practitioner id: appointments, absences, holds
    weeks: Sequence[str]  # the slot files of the horizon, in order


def freebusy_path(practitioner_id: int) -> str:
    """Where a practitioner's free/busy calendar is, inside the folder."""
    return f"{FREEBUSY_DIR}/practitioner-{practitioner_id}.ics"


def write_feed(
    out: Path, feed: Feed, extra_files: Callable[[Path], None] | None = None
) -> PublishResult:
    """Write the folder beside ``out`` and swap it in (``desktop.publish.writer``)."""
    context = feed.context
    with Stage(out) as stage:
        with stage.lines(LOCATIONS_FILE, "Location") as sink:
            for site in feed.sites:
                sink.write(dumps(location_resource(site, context, feed.location_phone)) + "\n")
        with stage.lines(SCHEDULES_FILE, "Schedule") as sink:
            for item in feed.schedules:
                resource = schedule_resource(
                    item.practitioner, item.reason, item.department, item.sites, context,
                    item.horizon,
                )  # fmt: skip
                sink.write(dumps(resource) + "\n")
        _write_slots(stage, feed)
        _write_calendars(stage, feed)
        return stage.commit(
            lambda files: manifest(context, feed.transaction_time, files), extra_files
        )


def _write_slots(stage: Stage, feed: Feed) -> None:
    sinks: dict[str, LineSink] = {week: stage.sink(week, "Slot") for week in feed.weeks}
    lines = SlotLines(feed.context)
    try:
        for item in feed.schedules:
            by_week = lines.lines_of(item.practitioner.id, item.reason.id, item.slots)
            for week, texts in by_week.items():
                sink = sinks.get(week)
                if sink is None:
                    sink = sinks[week] = stage.sink(week, "Slot")
                sink.write_many(texts)
    finally:
        for sink in sinks.values():
            stage.add(sink.close())


def _write_calendars(stage: Stage, feed: Feed) -> None:
    context = feed.context
    host = urlsplit(context.base_url).hostname or "creneau"
    by_practitioner: dict[int, list[ScheduleFeed]] = {}
    for item in feed.schedules:
        by_practitioner.setdefault(item.practitioner.id, []).append(item)
    for pid, items in sorted(by_practitioner.items()):
        practitioner = items[0].practitioner
        start = min(i.horizon[0] for i in items)
        end = max(i.horizon[1] for i in items)
        free = [span for i in items for span in i.slots]
        data = ics.freebusy_calendar(
            uid=f"creneau-freebusy-{pid}@{host}",
            organizer_uri=context.system(f"sid/practitioner/{quote(practitioner.code, safe='')}"),
            organizer_name=practitioner.name,
            start=start,
            end=end,
            stamp=feed.transaction_time,
            free=free,
            busy=feed.busy.get(pid, ()),
            comment=f"Créneaux libres publiés et temps occupé — {context.hospital_name}".rstrip(
                " —"
            ),
        )
        stage.write_bytes(freebusy_path(pid), data)
