"""Permission checks of the services: a refusal is audited in its own transaction, then raised."""

from __future__ import annotations

from db.repositories import admin as admin_repo
from db.repositories import audit
from desktop.domain.model import Actor
from desktop.domain.permissions import Action, allowed, owns_agenda, require, require_own_agenda
from desktop.services.clock import Clock
from desktop.services.uow import Database


def guarded(
    db: Database,
    clock: Clock,
    actor: Actor,
    action: Action,
    object_type: str,
    object_id: int | None = None,
    *,
    practitioner_id: int | None = None,
) -> None:
    """Refuse with ``PermissionDenied`` (a French message) when the actor may not act.

    The role must allow ``action``; with ``practitioner_id``, a physician must also be acting on
    their own agenda. A refusal changes nothing but the audit trail, which records it.
    """
    # Which roles may overbook is the hospital's setting (administration), read at each check.
    roles = None
    if action is Action.OVERBOOK:
        with db.read() as s:
            roles = admin_repo.overbooking_roles(s)
    role_ok = allowed(actor, action, roles)
    agenda_ok = practitioner_id is None or owns_agenda(actor, practitioner_id)
    if role_ok and agenda_ok:
        return
    now = clock.now()
    after = {"action": action.value}
    if practitioner_id is not None:
        after["practitioner_id"] = practitioner_id
    db.run(lambda s: audit.record(s, actor, now, "refused", object_type, object_id, None, after))
    if not role_ok:
        require(actor, action, roles)
    require_own_agenda(actor, practitioner_id)  # type: ignore[arg-type]  # not None here
