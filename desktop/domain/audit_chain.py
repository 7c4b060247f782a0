"""The audit trail's hash chain: canonical form of a record, its hash, and the verification.

Each audit record stores ``prev_hash`` (the hash of the record before it, ``GENESIS_HASH`` for the
first one) and ``hash`` = SHA-256 of a canonical JSON of its content and ``prev_hash``. Editing a
past record changes its hash; deleting one leaves the next record pointing to a hash that no longer
exists; deleting the last one leaves the chain head (a single row updated with every append)
pointing past the end.

The record's id is *not* hashed: ids are assigned while the chain head is locked, so that the
chain order is the id order, and the ``prev_hash`` links bind every record to its place. A record
moved to another id keeps a valid hash of its own but breaks the link of its new neighbours, which
``ChainVerifier`` reports as "reordered".

Pure Python: the repository reads the records in batches and feeds them to ``ChainVerifier``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from desktop.domain.model import AuditEntry

GENESIS_HASH = "0" * 64
FORMAT_VERSION = 1


def canonical_instant(at: datetime) -> str:
    """An aware instant in UTC ISO 8601 with microseconds: ``2027-03-15T09:00:00.000000Z``."""
    if at.tzinfo is None:
        raise ValueError("naive datetime in the audit chain")
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_json(value: object) -> str:
    """One text for one value: sorted keys, no spaces, UTF-8 kept, no NaN."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def chain_hash(
    *,
    prev_hash: str,
    at: datetime,
    actor: str,
    workstation: str,
    action: str,
    object_type: str,
    object_id: int | None,
    patient_id: int | None,
    practitioner_id: int | None,
    before: dict | None,
    after: dict | None,
) -> str:
    """The hex SHA-256 of a record's canonical JSON (everything but its id and its own hash)."""
    payload = {
        "v": FORMAT_VERSION,
        "prev_hash": prev_hash,
        "at": canonical_instant(at),
        "actor": actor,
        "workstation": workstation,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "patient_id": patient_id,
        "practitioner_id": practitioner_id,
        "before": before,
        "after": after,
    }
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()


def entry_hash(entry: AuditEntry) -> str:
    """The hash ``entry`` should carry, computed from its content and its ``prev_hash``."""
    return chain_hash(
        prev_hash=entry.prev_hash,
        at=entry.at,
        actor=entry.actor,
        workstation=entry.workstation,
        action=entry.action,
        object_type=entry.object_type,
        object_id=entry.object_id,
        patient_id=entry.patient_id,
        practitioner_id=entry.practitioner_id,
        before=entry.before,
        after=entry.after,
    )


def implied_links(
    object_type: str, object_id: int | None, before: dict | None, after: dict | None
) -> tuple[int | None, int | None]:
    """The (patient id, practitioner id) a record concerns, as far as its own content tells.

    A patient record names its patient, a practitioner record its practitioner; otherwise the
    ``patient_id``/``practitioner_id`` of the state after (or before) the change, when integers.
    Appointments are better read from the appointment itself (the repository does).
    """
    found: list[int | None] = [None, None]
    for i, key in enumerate(("patient_id", "practitioner_id")):
        if object_type == key.removesuffix("_id") and isinstance(object_id, int):
            found[i] = object_id
            continue
        for state in (after, before):
            value = state.get(key) if isinstance(state, dict) else None
            if isinstance(value, int) and not isinstance(value, bool):
                found[i] = value
                break
    return found[0], found[1]


@dataclass(frozen=True, slots=True)
class ChainHead:
    """The chain head: the last record appended and its hash. ``anchor_id``/``anchor_hash``:
    the last record a retention purge removed, whose hash the oldest record kept carries as
    ``prev_hash`` (0 and ``GENESIS_HASH`` until a purge)."""

    last_id: int = 0
    last_hash: str = GENESIS_HASH
    anchor_id: int = 0
    anchor_hash: str = GENESIS_HASH


class BreakKind(StrEnum):
    """Why the chain is broken."""

    EDITED = "edited"
    DELETED = "deleted"
    REORDERED = "reordered"
    HEAD = "head"


@dataclass(frozen=True, slots=True)
class ChainBreak:
    """The first place the chain is broken: the record named, why, and a French sentence."""

    record_id: int | None
    kind: BreakKind
    message: str


@dataclass(frozen=True, slots=True)
class ChainReport:
    """The result of a verification: ``checked`` records were found intact before ``broken``."""

    checked: int
    broken: ChainBreak | None = None
    # The last intact record and its hash (worth keeping apart: a chain rewritten whole
    # verifies against itself, not against a hash noted earlier).
    last_id: int = 0
    last_hash: str = GENESIS_HASH

    @property
    def ok(self) -> bool:
        return self.broken is None


class ChainVerifier:
    """Checks records fed in id order, in as many batches as wanted, then the head.

    ``locate(hash)`` (optional) returns the id of the record carrying that hash, or None; it is
    called once, at the first broken link, to tell a deleted record from a moved one.
    """

    def __init__(
        self, head: ChainHead | None, locate: Callable[[str], int | None] | None = None
    ) -> None:
        self._head = head
        self._locate = locate
        self._expected = head.anchor_hash if head else GENESIS_HASH
        self._previous_id: int | None = (head.anchor_id or None) if head else None
        self.checked = 0
        self.broken: ChainBreak | None = None

    def feed(self, entries: Iterable[AuditEntry]) -> bool:
        """Check the next records (ascending ids); False once the chain is found broken."""
        for entry in entries:
            if self.broken is not None:
                return False
            self.broken = self._check(entry)
            if self.broken is not None:
                return False
            self._expected = entry.hash
            self._previous_id = entry.id
            self.checked += 1
        return self.broken is None

    def finish(self) -> ChainReport:
        """The report, once every record has been fed (checks the head against the last one)."""
        if self.broken is None:
            self.broken = self._check_head()
        return ChainReport(self.checked, self.broken, self._previous_id or 0, self._expected)

    def _check(self, entry: AuditEntry) -> ChainBreak | None:
        head = self._head
        if head is None:
            return ChainBreak(
                entry.id,
                BreakKind.HEAD,
                f"La tête de chaîne est absente alors que l'enregistrement n° {entry.id} existe.",
            )
        if entry.id > head.last_id:
            return ChainBreak(
                entry.id,
                BreakKind.HEAD,
                f"L'enregistrement n° {entry.id} est au-delà de la tête de chaîne "
                f"(n° {head.last_id}) : il a été ajouté hors de Créneau.",
            )
        if entry_hash(entry) != entry.hash:
            return ChainBreak(
                entry.id,
                BreakKind.EDITED,
                f"L'enregistrement n° {entry.id} a été modifié : son contenu ne correspond plus "
                "à son empreinte.",
            )
        if entry.prev_hash == self._expected:
            return None
        found = self._locate(entry.prev_hash) if self._locate else None
        if found is not None and found != self._previous_id:
            return ChainBreak(
                entry.id,
                BreakKind.REORDERED,
                f"L'enregistrement n° {entry.id} n'est plus à sa place : il suivait "
                f"l'enregistrement n° {found}.",
            )
        where = (
            f"entre le n° {self._previous_id} et le n° {entry.id}"
            if self._previous_id is not None
            else f"avant le n° {entry.id}"
        )
        return ChainBreak(
            entry.id,
            BreakKind.DELETED,
            f"Un ou plusieurs enregistrements ont été supprimés {where} : le chaînage est rompu "
            f"à l'enregistrement n° {entry.id}.",
        )

    def _check_head(self) -> ChainBreak | None:
        head = self._head
        if head is None:
            return None  # no head and no record: an empty trail
        last_id = self._previous_id or 0
        if head.last_id == last_id and head.last_hash == self._expected:
            return None
        if head.last_id > last_id:
            return ChainBreak(
                head.last_id,
                BreakKind.DELETED,
                f"Le dernier enregistrement (n° {head.last_id}) a été supprimé : le journal "
                + (f"s'arrête au n° {last_id}." if last_id else "est vide."),
            )
        return ChainBreak(
            last_id,
            BreakKind.HEAD,
            f"La tête de chaîne ne correspond pas au dernier enregistrement (n° {last_id}).",
        )


def verify_chain(
    entries: Iterable[AuditEntry],
    head: ChainHead | None,
    locate: Callable[[str], int | None] | None = None,
) -> ChainReport:
    """Verify a whole chain at once (tests, small trails); see ``ChainVerifier``."""
    verifier = ChainVerifier(head, locate)
    verifier.feed(entries)
    return verifier.finish()
