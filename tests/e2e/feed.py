"""A published folder for the booking page tests.

With the publisher (``desktop.services.publication``) present, the folder is the real
publication. Without it, the same files are written here from the real slot engine: FHIR
resources from ``desktop.publish.smart_links``, ids from ``desktop.domain.slot_ids``, the
booking page from ``desktop.publish.site``.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

from desktop.publish import smart_links as sl
from desktop.publish.site import write_site
from desktop.services.container import Services

BASE_URL = "https://hopital.example/creneaux/"


def has_publisher() -> bool:
    return importlib.util.find_spec("desktop.services.publication") is not None


def _write(folder: Path, rel: str, text: str, type_: str = "", count: int = 0) -> sl.OutputFile:
    data = text.encode("utf-8")
    (folder / rel).write_bytes(data)
    return sl.OutputFile(rel, hashlib.sha256(data).hexdigest(), type_, count)


def write_feed(services: Services, folder: Path, request_url: str, weeks: int = 3) -> Path:
    """Write the feed of the next ``weeks`` weeks and the booking page into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    hospital = services.structure.hospital()
    calendar = services.structure.calendar()
    context = sl.FeedContext(
        BASE_URL, hospital.booking_url, hospital.phone, calendar.tz, hospital.name
    )
    now = services.clock.now()
    today = calendar.local(now).date()
    last = today + timedelta(weeks=weeks)
    horizon = (now, calendar.local_day_bounds(last)[1])
    sites = {s.id: s for s in services.structure.sites()}
    departments = {d.id: d for d in services.agenda.departments()}
    reasons = [v for v in services.agenda.visit_reasons() if v.online and v.active]
    schedules, weeks_lines = [], defaultdict(list)
    for reason in reasons:
        department = departments[reason.department_id]
        for practitioner in services.agenda.practitioners(reason.department_id):
            slots = services.agenda.free_slots(reason.id, today, last, [practitioner.id])
            if not slots:
                continue
            site_list = [sites[department.site_id]]
            schedules.append(
                sl.schedule_resource(practitioner, reason, department, site_list, context, horizon)
            )
            for slot in slots:
                resource = sl.slot_resource(
                    practitioner.id, reason.id, slot.start, slot.end, context
                )
                weeks_lines[sl.week_name(calendar.local(slot.start).date())].append(resource)
    files = [
        _write(
            folder,
            sl.LOCATIONS_FILE,
            "".join(
                sl.dumps(sl.location_resource(s, context, hospital.phone)) + "\n"
                for s in sites.values()
            ),
            "Location",
            len(sites),
        ),
        _write(
            folder,
            sl.SCHEDULES_FILE,
            "".join(sl.dumps(r) + "\n" for r in schedules),
            "Schedule",
            len(schedules),
        ),
    ]
    for name, lines in sorted(weeks_lines.items()):
        text = "".join(sl.dumps(r) + "\n" for r in lines)
        files.append(_write(folder, name, text, "Slot", len(lines)))
    settings = services.requests.settings()
    written = write_site(
        folder,
        {
            "hospital": hospital,
            "settings": settings,
            "request_url": request_url,
            "departments": list(departments.values()),
            "visit_reasons": reasons,
        },
    )
    for path in written:
        files.append(sl.OutputFile(path.name, hashlib.sha256(path.read_bytes()).hexdigest()))
    manifest = sl.manifest(context, now, files)
    (folder / sl.MANIFEST_NAME).write_text(sl.dumps(manifest), encoding="utf-8")
    return folder


def published_slot_ids(folder: Path) -> set[str]:
    """The ids of every Slot of a published folder."""
    import json

    found = set()
    for path in folder.glob("slots-*.ndjson"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                found.add(json.loads(line)["id"])
    return found
