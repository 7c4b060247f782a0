"""The audit trail seen by the administrator: verify the hash chain, search, export to CSV.

``verify`` walks the whole chain in batches inside one consistent snapshot (a REPEATABLE READ
transaction on PostgreSQL; on SQLite a read transaction is a snapshot already), so appends made
meanwhile by other workstations neither disturb it nor are seen half-done. ``search`` and
``export_csv`` check the role (a refusal is itself audited, by ``guarded``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date

from db.repositories import audit as repo
from desktop.domain.audit_chain import ChainReport, ChainVerifier
from desktop.domain.errors import InvalidInput
from desktop.domain.history import action_label
from desktop.domain.model import Actor, AuditEntry
from desktop.domain.permissions import Action
from desktop.domain.scheduling import AgendaCalendar
from desktop.domain.spreadsheet import csv_text
from desktop.services.clock import Clock
from desktop.services.guard import guarded
from desktop.services.structure import calendar_of
from desktop.services.uow import Database

VERIFY_BATCH = 5000
SEARCH_LIMIT = 1000
MAX_SEARCH_LIMIT = 100_000
CSV_HEADER = (
    "N°",
    "Date et heure",
    "Utilisateur",
    "Poste",
    "Action",
    "Code de l'action",
    "Objet",
    "N° de l'objet",
    "N° du patient",
    "N° du praticien",
    "Avant",
    "Après",
    "Empreinte",
)


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """What the audit screen and ``creneau audit export`` filter on; None: any.

    ``first_day``/``last_day`` are days of the hospital's calendar, both included. ``action``
    ending with a dot ("appointment.") selects a whole family of actions.
    """

    actor: str | None = None
    patient_id: int | None = None
    practitioner_id: int | None = None
    action: str | None = None
    first_day: date | None = None
    last_day: date | None = None
    limit: int = SEARCH_LIMIT


class AuditService:
    """Verification, search and export of the audit trail."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def verify(self, batch_size: int = VERIFY_BATCH) -> ChainReport:
        """Check every record's hash, every link and the chain head; the first break is named.

        Reads ``batch_size`` records at a time: memory stays flat whatever the trail's length.
        """
        with self._db.read() as s:
            if not self._db.sqlite:
                s.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            head = repo.head(s)
            verifier = ChainVerifier(head, lambda digest: repo.locate(s, digest))
            anchor = head.anchor_id if head else 0
            for batch in repo.chain_batches(s, anchor, batch_size):
                if not verifier.feed(batch):
                    break
            return verifier.finish()

    def search(self, actor: Actor, filters: AuditFilter | None = None) -> list[AuditEntry]:
        """The records matching ``filters``, newest first (at most ``filters.limit``).

        Needs the right to see the audit trail (``PermissionDenied`` otherwise, audited).
        """
        guarded(self._db, self._clock, actor, Action.SEE_AUDIT, "audit")
        filters = _checked(filters or AuditFilter())
        with self._db.read() as s:
            start, end = _bounds(calendar_of(s), filters)
            return repo.search(
                s,
                actor=filters.actor,
                patient_id=filters.patient_id,
                practitioner_id=filters.practitioner_id,
                action=filters.action,
                start=start,
                end=end,
                limit=filters.limit,
            )

    def actors(self, actor: Actor) -> list[str]:
        """The logins found in the trail (the screen's user filter)."""
        guarded(self._db, self._clock, actor, Action.SEE_AUDIT, "audit")
        with self._db.read() as s:
            return repo.actors(s)

    def export_csv(self, actor: Actor, filters: AuditFilter | None = None) -> str:
        """Every record matching ``filters`` (``limit`` aside) as a spreadsheet CSV, oldest
        first, times in the hospital's time zone, formulas neutralised. Needs the rights to see
        the audit trail and to export; the export is itself audited."""
        guarded(self._db, self._clock, actor, Action.SEE_AUDIT, "audit")
        guarded(self._db, self._clock, actor, Action.EXPORT, "audit")
        filters = _checked(filters or AuditFilter())
        counted = [0]

        def rows(entries: Iterator[AuditEntry], calendar: AgendaCalendar):
            for row in _csv_rows(entries, calendar):
                counted[0] += 1
                yield row

        with self._db.read() as s:
            calendar = calendar_of(s)
            start, end = _bounds(calendar, filters)
            entries = repo.stream(
                s,
                actor=filters.actor,
                patient_id=filters.patient_id,
                practitioner_id=filters.practitioner_id,
                action=filters.action,
                start=start,
                end=end,
            )
            text = csv_text(CSV_HEADER, rows(entries, calendar))
        now = self._clock.now()
        described = {k: v for k, v in _described(filters).items() if v is not None}
        self._db.run(
            lambda s: repo.record(
                s, actor, now, "audit.export", "audit", None, None,
                {"records": counted[0], **described},
            )
        )  # fmt: skip
        return text


def _checked(filters: AuditFilter) -> AuditFilter:
    if filters.limit <= 0 or filters.limit > MAX_SEARCH_LIMIT:
        raise InvalidInput(
            f"Le nombre d'enregistrements doit être compris entre 1 et {MAX_SEARCH_LIMIT}."
        )
    if filters.first_day and filters.last_day and filters.last_day < filters.first_day:
        raise InvalidInput(
            f"La période est inversée : le {filters.last_day:%d/%m/%Y} est avant le "
            f"{filters.first_day:%d/%m/%Y}."
        )
    actor = (filters.actor or "").strip() or None
    action = (filters.action or "").strip() or None
    return replace(filters, actor=actor, action=action)


def _bounds(calendar: AgendaCalendar, filters: AuditFilter):
    start = calendar.local_day_bounds(filters.first_day)[0] if filters.first_day else None
    end = calendar.local_day_bounds(filters.last_day)[1] if filters.last_day else None
    return start, end


def _described(filters: AuditFilter) -> dict:
    """The filters of an export, as its audit record keeps them (ids and dates only)."""
    return {
        "actor": filters.actor,
        "patient_id": filters.patient_id,
        "practitioner_id": filters.practitioner_id,
        "action": filters.action,
        "first_day": filters.first_day.isoformat() if filters.first_day else None,
        "last_day": filters.last_day.isoformat() if filters.last_day else None,
    }


def _state(state: dict | None) -> str:
    return "" if state is None else json.dumps(state, ensure_ascii=False, sort_keys=True)


def _csv_rows(entries, calendar: AgendaCalendar) -> Iterator[list[object]]:
    for e in entries:
        yield [
            e.id,
            calendar.local(e.at).strftime("%d/%m/%Y %H:%M:%S"),
            e.actor,
            e.workstation,
            action_label(e.action),
            e.action,
            e.object_type,
            e.object_id,
            e.patient_id,
            e.practitioner_id,
            _state(e.before),
            _state(e.after),
            e.hash,
        ]
