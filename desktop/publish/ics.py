"""iCalendar free/busy (RFC 5545): one ``VFREEBUSY`` per practitioner, for the hospital's tools.

Each file covers the publication's horizon (``DTSTART``/``DTEND``) and lists, in UTC:

- ``FREEBUSY;FBTYPE=FREE``: the practitioner's published free slots (what the feed shows, all
  visit reasons merged into periods);
- ``FREEBUSY;FBTYPE=BUSY``: the time the practitioner is taken (appointments, absences, held
  requests), merged into periods — times only, never who or why.

Lines end with CRLF and are folded at 75 octets (a continuation line starts with one space,
never inside a UTF-8 character); ``UID`` is stable per practitioner, ``DTSTAMP`` is the
publication's time; the organizer is named by the hospital's own URI with the practitioner's
public name.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from functools import lru_cache

MAX_OCTETS = 75
PRODID = "-//Créneau//Publication des créneaux libres//FR"


@lru_cache(maxsize=1 << 16)
def utc_text(moment: datetime) -> str:
    """A UTC DATE-TIME: ``20270315T080000Z`` (cached: the hospital's instants are few)."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def fold(line: str) -> bytes:
    """One content line, folded at 75 octets, ending with CRLF."""
    if line.isascii() and len(line) <= MAX_OCTETS:  # most lines: nothing to fold
        return line.encode("ascii") + b"\r\n"
    data = line.encode("utf-8")
    if len(data) <= MAX_OCTETS:
        return data + b"\r\n"
    chunks: list[bytes] = []
    limit = MAX_OCTETS
    while data:
        cut = min(limit, len(data))
        # Never split a UTF-8 character: back off over continuation bytes (10xxxxxx).
        while cut < len(data) and data[cut] & 0xC0 == 0x80:
            cut -= 1
        chunks.append(data[:cut])
        data = data[cut:]
        limit = MAX_OCTETS - 1  # the leading space of a continuation line counts
    return b"\r\n ".join(chunks) + b"\r\n"


def escape_text(text: str) -> str:
    """A TEXT value: backslash, semicolon, comma and newline escaped."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def param_value(text: str) -> str:
    """A parameter value: quoted when it holds ``:;,``; double quotes and controls dropped."""
    clean = "".join(ch for ch in text if ch >= " " and ch != '"' and ch != "\x7f")
    return f'"{clean}"' if any(ch in clean for ch in ":;,") else clean


def merge(intervals: Iterable[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    """Overlapping or touching intervals joined, ascending."""
    merged: list[tuple[datetime, datetime]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def clip(
    intervals: Iterable[tuple[datetime, datetime]], start: datetime, end: datetime
) -> list[tuple[datetime, datetime]]:
    """The parts of the intervals within ``[start, end)``."""
    return [(max(s, start), min(e, end)) for s, e in intervals if s < end and e > start]


def freebusy_calendar(
    *,
    uid: str,
    organizer_uri: str,
    organizer_name: str,
    start: datetime,
    end: datetime,
    stamp: datetime,
    free: Iterable[tuple[datetime, datetime]],
    busy: Iterable[tuple[datetime, datetime]],
    comment: str = "",
) -> bytes:
    """A ``VCALENDAR`` holding one ``VFREEBUSY`` over ``[start, end)``."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "METHOD:PUBLISH",
        "BEGIN:VFREEBUSY",
        f"UID:{uid}",
        f"DTSTAMP:{utc_text(stamp)}",
        f"DTSTART:{utc_text(start)}",
        f"DTEND:{utc_text(end)}",
        f"ORGANIZER;CN={param_value(organizer_name)}:{organizer_uri}",
    ]
    if comment:
        lines.append(f"COMMENT:{escape_text(comment)}")
    for kind, periods in (("FREE", free), ("BUSY", busy)):
        for s, e in merge(clip(periods, start, end)):
            lines.append(f"FREEBUSY;FBTYPE={kind}:{utc_text(s)}/{utc_text(e)}")
    lines += ["END:VFREEBUSY", "END:VCALENDAR"]
    return b"".join([fold(line) for line in lines])
