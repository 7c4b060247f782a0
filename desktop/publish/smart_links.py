"""FHIR R4 resources and the ``$bulk-publish`` manifest of SMART Scheduling Links.

The feed (https://github.com/smart-on-fhir/smart-scheduling-links, ``specification.md``):

- ``$bulk-publish``: the manifest — ``transactionTime``, ``request`` (its own URL), ``output``
  (``type`` Location / Schedule / Slot and ``url`` of each file, built from the public base URL),
  ``error: []``. Créneau adds, per the FHIR Bulk Data convention that ``extension`` is reserved
  for publishers, ``output[i].count`` (resources in the file), ``output[i].extension.sha256``
  (hex SHA-256 of the file's bytes) and a top-level ``extension.files``: ``[{path, sha256}]`` for
  every other file of the folder (free/busy calendars, booking page). ``creneau publish
  --verify`` checks them all (``desktop.publish.writer.verify``).
- ``locations.ndjson``: one ``Location`` per site; ``schedules.ndjson``: one ``Schedule`` per
  practitioner and online visit reason; ``slots-YYYY-Www.ndjson``: the free ``Slot`` of each
  ISO week (of the slot's local date), with the ``booking-deep-link`` (the hospital's own
  ``booking_url`` + ``slot=<id>``) and ``booking-phone`` (the secretariat) extensions.

Ids come from ``desktop.domain.slot_ids`` (stable from one publication to the next). Instants
carry the hospital's offset (``+01:00`` in winter, ``+02:00`` in summer in Paris). Codes are in
the hospital's own systems, under the public base URL. Nothing about a patient is ever an input.
Slot lines are written from pre-escaped JSON pieces (``SlotLines``); ``slot_resource`` builds the
same resource as a dict (the tests check both agree).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from desktop.domain.model import Department, Practitioner, Site, VisitReason
from desktop.domain.slot_ids import location_id, schedule_id, slot_id

DEEP_LINK_URL = "http://fhir-registry.smarthealthit.org/StructureDefinition/booking-deep-link"
BOOKING_PHONE_URL = "http://fhir-registry.smarthealthit.org/StructureDefinition/booking-phone"
MANIFEST_NAME = "$bulk-publish"
LOCATIONS_FILE = "locations.ndjson"
SCHEDULES_FILE = "schedules.ndjson"
FREEBUSY_DIR = "freebusy"
_POSTAL_CITY = re.compile(r"^(\d{4,5})\s+(.+)$")


@dataclass(frozen=True)
class FeedContext:
    """What every resource needs: public URLs, the booking phone, the hospital's zone."""

    base_url: str
    booking_url: str
    phone: str
    tz: ZoneInfo
    hospital_name: str = ""

    def __post_init__(self) -> None:
        if not self.base_url.endswith("/"):
            object.__setattr__(self, "base_url", self.base_url + "/")

    def system(self, name: str) -> str:
        """A code or identifier system of the hospital's own, under its public base URL."""
        return f"{self.base_url}fhir/{name}"

    def url(self, path: str) -> str:
        """The public URL of a file of the folder."""
        return self.base_url + path

    def deep_link(self, slot: str) -> str:
        """The booking page's link for one slot: ``booking_url`` + ``slot=<id>``."""
        joiner = "&" if "?" in self.booking_url else "?"
        return f"{self.booking_url}{joiner}slot={slot}"


def instant(moment: datetime, tz: ZoneInfo) -> str:
    """A FHIR ``instant`` with the hospital's offset: ``2027-03-15T09:00:00+01:00``."""
    return moment.astimezone(tz).isoformat()


def week_name(day: date) -> str:
    """The slot file of a local date's ISO week: ``slots-2027-W11.ndjson``."""
    year, week, _ = day.isocalendar()
    return f"slots-{year}-W{week:02d}.ndjson"


def _address(text: str) -> dict:
    parts = [p.strip() for p in re.split(r"[,\n]", text) if p.strip()]
    address: dict = {"text": ", ".join(parts)}
    if parts:
        match = _POSTAL_CITY.match(parts[-1])
        if match:
            parts = parts[:-1]
            address["postalCode"], address["city"] = match.group(1), match.group(2)
        if parts:
            address["line"] = parts
    return address


def location_resource(site: Site, context: FeedContext, phone: str) -> dict:
    """A site as a FHIR ``Location``: name, address, the hospital's phone, its own identifier."""
    resource: dict = {
        "resourceType": "Location",
        "id": location_id(site.id),
        "identifier": [{"system": context.system("sid/site"), "value": site.code}],
        "status": "active",
        "name": site.name,
    }
    if phone:
        resource["telecom"] = [{"system": "phone", "value": phone, "use": "work"}]
    if site.address.strip():
        resource["address"] = _address(site.address)
    return resource


def _concept(system: str, code: str, label: str) -> dict:
    return {"coding": [{"system": system, "code": code, "display": label}], "text": label}


def schedule_resource(
    practitioner: Practitioner,
    reason: VisitReason,
    department: Department,
    sites: Sequence[Site],
    context: FeedContext,
    horizon: tuple[datetime, datetime],
) -> dict:
    """A practitioner's visit reason as a FHIR ``Schedule``.

    Actors: the Location of each site where the reason is offered, and the practitioner (a
    reference by the hospital's own identifier, with the public name). ``serviceType`` is the
    reason, ``specialty`` the department; ``comment`` holds the reason's instructions.
    """
    actors: list[dict] = [
        {"reference": f"Location/{location_id(s.id)}", "display": s.name} for s in sites
    ]
    actors.append(
        {
            "type": "Practitioner",
            "identifier": {
                "system": context.system("sid/practitioner"),
                "value": practitioner.code,
            },
            "display": practitioner.name,
        }
    )
    resource: dict = {
        "resourceType": "Schedule",
        "id": schedule_id(practitioner.id, reason.id),
        "active": True,
        "serviceType": [
            _concept(context.system("CodeSystem/visit-reason"), reason.code, reason.label)
        ],
        "specialty": [
            _concept(context.system("CodeSystem/department"), department.code, department.name)
        ],
        "actor": actors,
        "planningHorizon": {
            "start": instant(horizon[0], context.tz),
            "end": instant(horizon[1], context.tz),
        },
    }
    if reason.instructions.strip():
        resource["comment"] = reason.instructions.strip()
    return resource


def slot_resource(
    practitioner_id: int, reason_id: int, start: datetime, end: datetime, context: FeedContext
) -> dict:
    """One free slot as a FHIR ``Slot`` with its booking extensions."""
    sid = slot_id(practitioner_id, reason_id, start)
    extensions = [{"url": DEEP_LINK_URL, "valueUrl": context.deep_link(sid)}]
    if context.phone:
        extensions.append({"url": BOOKING_PHONE_URL, "valueString": context.phone})
    return {
        "resourceType": "Slot",
        "id": sid,
        "schedule": {"reference": f"Schedule/{schedule_id(practitioner_id, reason_id)}"},
        "status": "free",
        "start": instant(start, context.tz),
        "end": instant(end, context.tz),
        "extension": extensions,
    }


def dumps(resource: dict) -> str:
    """One NDJSON line: minified JSON, UTF-8 characters kept."""
    return json.dumps(resource, ensure_ascii=False, separators=(",", ":"))


def _inner(text: str) -> str:
    """A string's JSON-escaped content, without its quotes."""
    return json.dumps(text, ensure_ascii=False)[1:-1]


@dataclass
class SlotLines:
    """Writes ``Slot`` lines fast: constant JSON pieces escaped once, instants formatted once.

    The hospital's slots fall on a few thousand distinct instants: each is converted to its
    local text, UTC id stamp and ISO week once. ``line`` gives exactly ``dumps(slot_resource)``.
    """

    context: FeedContext
    _instants: dict[datetime, tuple[str, str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        context = self.context
        self._link = _inner(context.deep_link("slot-"))
        self._tail = '"}]}\n'
        if context.phone:
            self._tail = (
                f'"}},{{"url":"{BOOKING_PHONE_URL}","valueString":"{_inner(context.phone)}"}}]}}\n'
            )

    def info(self, moment: datetime) -> tuple[str, str, str]:
        """``(local instant text, UTC id stamp, week file)`` of an instant, cached."""
        found = self._instants.get(moment)
        if found is None:
            local = moment.astimezone(self.context.tz)
            utc = moment.astimezone(UTC).isoformat()
            stamp = f"{utc[0:4]}{utc[5:7]}{utc[8:10]}T{utc[11:13]}{utc[14:16]}Z"
            found = (local.isoformat(), stamp, week_name(local.date()))
            self._instants[moment] = found
        return found

    def prefix(self, practitioner_id: int, reason_id: int) -> tuple[str, str]:
        """The constant pieces of one schedule's slot lines."""
        head = f'{{"resourceType":"Slot","id":"slot-{practitioner_id}-{reason_id}-'
        middle = (
            f'","schedule":{{"reference":"Schedule/{schedule_id(practitioner_id, reason_id)}"}},'
            '"status":"free","start":"'
        )
        return head, middle

    def lines_of(
        self, practitioner_id: int, reason_id: int, spans: Iterable[tuple[datetime, datetime]]
    ) -> dict[str, list[str]]:
        """The lines of one schedule's slots by week file: ``line`` for each, in one loop."""
        head, middle = self.prefix(practitioner_id, reason_id)
        link = (
            f'","extension":[{{"url":"{DEEP_LINK_URL}","valueUrl":"{self._link}'
            f"{practitioner_id}-{reason_id}-"
        )
        tail, known, info = self._tail, self._instants, self.info
        by_week: dict[str, list[str]] = {}
        for start, end in spans:
            first = known.get(start) or info(start)
            last = known.get(end) or info(end)
            stamp = first[1]
            text = f'{head}{stamp}{middle}{first[0]}","end":"{last[0]}{link}{stamp}{tail}'
            found = by_week.get(first[2])
            if found is None:
                by_week[first[2]] = [text]
            else:
                found.append(text)
        return by_week

    def line(self, pieces: tuple[str, str], practitioner_id: int, reason_id: int,
             start: datetime, end: datetime) -> tuple[str, str]:  # fmt: skip
        """``(week file, line)`` of one slot; ``pieces`` from ``prefix``."""
        local_start, stamp, week = self.info(start)
        local_end = self.info(end)[0]
        head, middle = pieces
        text = (
            f'{head}{stamp}{middle}{local_start}","end":"{local_end}","extension":[{{"url":"'
            f'{DEEP_LINK_URL}","valueUrl":"{self._link}{practitioner_id}-{reason_id}-{stamp}'
            f"{self._tail}"
        )
        return week, text


@dataclass(frozen=True)
class OutputFile:
    """A file of the folder: its path (``/`` separators), digest, and for the feed's files the
    FHIR type and resource count."""

    path: str
    sha256: str
    type: str = ""
    count: int = 0


def manifest(context: FeedContext, transaction_time: datetime, files: Sequence[OutputFile]) -> dict:
    """The ``$bulk-publish`` manifest of the folder's files (typed ones in ``output``)."""
    order = {"Location": 0, "Schedule": 1, "Slot": 2}
    typed = sorted((f for f in files if f.type), key=lambda f: (order[f.type], f.path))
    others = sorted((f for f in files if not f.type), key=lambda f: f.path)
    return {
        "transactionTime": transaction_time.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "request": context.url(MANIFEST_NAME),
        "requiresAccessToken": False,
        "output": [
            {
                "type": f.type,
                "url": context.url(f.path),
                "count": f.count,
                "extension": {"sha256": f.sha256},
            }
            for f in typed
        ],
        "error": [],
        "extension": {"files": [{"path": f.path, "sha256": f.sha256} for f in others]},
    }
