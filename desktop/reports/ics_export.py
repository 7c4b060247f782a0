"""An iCalendar (RFC 5545) writer for a practitioner's appointments: pure text, no I/O.

What the RFC asks and calendar programs check: CRLF line ends; content lines folded at 75
octets (never inside a UTF-8 character), continuation lines starting with a space; TEXT values
with backslash, semicolon, comma and newline escaped; instants in UTC with a final ``Z`` (no
time-zone definitions needed); a UID and a DTSTAMP on every event.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

PRODUCT_ID = "-//Créneau//Agenda du secrétariat médical//FR"
MAX_OCTETS = 75
STATUSES = ("TENTATIVE", "CONFIRMED", "CANCELLED")


@dataclass(frozen=True)
class IcsEvent:
    """One VEVENT; instants aware (written in UTC)."""

    uid: str
    start: datetime
    end: datetime
    summary: str
    location: str = ""
    description: str = ""
    status: str = "CONFIRMED"  # TENTATIVE, CONFIRMED or CANCELLED
    sequence: int = 0
    created: datetime | None = None
    last_modified: datetime | None = None


def utc_stamp(instant: datetime) -> str:
    """ "20270315T090000Z" """
    if instant.tzinfo is None:
        raise ValueError("naive datetime given to the iCalendar writer")
    return instant.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def escape_text(value: str) -> str:
    """A TEXT value: ``\\``, ``;``, ``,`` and line breaks escaped (RFC 5545, 3.3.11)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\n", "\\n")
    # Other control characters are not allowed in TEXT: drop them.
    return "".join(ch for ch in value if ch >= " " or ch == "\t")


def fold(line: str) -> str:
    """One content line cut into lines of at most 75 octets, joined by CRLF + space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= MAX_OCTETS:
        return line
    parts: list[str] = []
    current = ""
    size = 0
    limit = MAX_OCTETS
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
            limit = MAX_OCTETS - 1  # continuation lines start with one space
        current += ch
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def calendar_text(name: str, events: Iterable[IcsEvent], stamp: datetime) -> str:
    """The whole VCALENDAR; ``stamp`` (the export's time) is every event's DTSTAMP."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        if event.status not in STATUSES:
            raise ValueError(f"unknown VEVENT status {event.status!r}")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{utc_stamp(stamp)}",
            f"DTSTART:{utc_stamp(event.start)}",
            f"DTEND:{utc_stamp(event.end)}",
            f"SUMMARY:{escape_text(event.summary)}",
        ]
        if event.location:
            lines.append(f"LOCATION:{escape_text(event.location)}")
        if event.description:
            lines.append(f"DESCRIPTION:{escape_text(event.description)}")
        lines += [f"STATUS:{event.status}", f"SEQUENCE:{event.sequence}"]
        if event.created is not None:
            lines.append(f"CREATED:{utc_stamp(event.created)}")
        if event.last_modified is not None:
            lines.append(f"LAST-MODIFIED:{utc_stamp(event.last_modified)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
