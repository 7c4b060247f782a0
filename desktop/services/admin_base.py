"""Shared plumbing of the administration services: the guard, one transaction, its audit record.

Audit records hold ids and values (``snapshot`` of domain dataclasses), never a password nor a
patient's name or phone.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import Enum
from typing import Any

from sqlalchemy.orm import Session

from db.repositories import audit
from desktop.domain.model import Actor
from desktop.domain.permissions import Action
from desktop.services.clock import Clock
from desktop.services.guard import guarded
from desktop.services.uow import Database


def snapshot(obj) -> dict | None:
    """An audited state: the dataclass's fields as JSON values (dates ISO, sets sorted)."""
    if obj is None:
        return None

    def plain(value):
        if isinstance(value, Enum):
            return value.value
        if isinstance(value, datetime | date | time):
            return value.isoformat()
        if isinstance(value, frozenset | set):
            return sorted(value)
        if isinstance(value, tuple | list):
            return [plain(v) for v in value]
        return value

    return {f.name: plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}


class AdminBase:
    """Shared plumbing: the guard, the transaction and its audit record."""

    object_action = Action.MANAGE_STRUCTURE

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def _guard(self, actor: Actor, object_type: str, object_id: int | None = None) -> None:
        guarded(self._db, self._clock, actor, self.object_action, object_type, object_id)

    def _write(
        self,
        actor: Actor,
        action: str,
        object_type: str,
        work: Callable[[Session], Change],
    ) -> Any:
        """Run ``work`` and audit the change it reports, in one transaction."""
        now = self._clock.now()

        def unit(s: Session):
            change = work(s)
            after = snapshot(change.after)
            if change.extra:
                after = {**(after or {}), **change.extra}
            audit.record(
                s, actor, now, action, object_type, change.object_id, snapshot(change.before), after
            )
            return change.result

        return self._db.run(unit)


@dataclass
class Change:
    """What a write did: its result, the object before and after, and extra audited values."""

    result: Any
    before: Any
    after: Any
    object_id: int | None
    extra: dict = field(default_factory=dict)
