"""Stable public ids of the published resources (FHIR ids: ``[A-Za-z0-9-.]{1,64}``).

A published slot's id names the practitioner, the visit reason and the UTC start, so the same
free slot keeps its id from one publication to the next, and a booking request that comes back
with it says exactly what it asks for. Ids are the database's ids, never a patient's anything.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import NamedTuple

from desktop.domain.errors import InvalidInput

_SLOT = re.compile(r"^slot-(\d{1,12})-(\d{1,12})-(\d{8}T\d{4})Z$")
_STAMP = "%Y%m%dT%H%M"


class SlotRef(NamedTuple):
    practitioner_id: int
    visit_reason_id: int
    start: datetime  # UTC


def location_id(site_id: int) -> str:
    return f"loc-{site_id}"


def schedule_id(practitioner_id: int, visit_reason_id: int) -> str:
    return f"sch-{practitioner_id}-{visit_reason_id}"


def slot_id(practitioner_id: int, visit_reason_id: int, start: datetime) -> str:
    """``slot-12-345-20270315T0800Z``: practitioner, visit reason, UTC start to the minute."""
    if start.tzinfo is None:
        raise ValueError("a slot's start must be an aware instant")
    return f"slot-{practitioner_id}-{visit_reason_id}-{start.astimezone(UTC):{_STAMP}}Z"


def parse_slot_id(text: str) -> SlotRef:
    """The slot an id names; ``InvalidInput`` (French) for anything else."""
    match = _SLOT.match(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise InvalidInput(f"Identifiant de créneau invalide : « {str(text)[:80]} ».")
    try:
        start = datetime.strptime(match.group(3), _STAMP).replace(tzinfo=UTC)
    except ValueError:
        raise InvalidInput(f"Identifiant de créneau invalide : « {text[:80]} ».") from None
    return SlotRef(int(match.group(1)), int(match.group(2)), start)
