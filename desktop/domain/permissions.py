"""Who may do what: the roles × actions matrix, enforced by the services."""

from __future__ import annotations

from enum import StrEnum

from desktop.domain.errors import PermissionDenied
from desktop.domain.model import Actor, Role


class Action(StrEnum):
    VIEW_AGENDA = "view_agenda"
    BOOK = "book"
    MOVE = "move"
    CANCEL = "cancel"
    CHANGE_STATUS = "change_status"
    OVERBOOK = "overbook"
    EDIT_PATIENT = "edit_patient"
    MANAGE_STRUCTURE = "manage_structure"
    MANAGE_USERS = "manage_users"
    SEE_AUDIT = "see_audit"
    EXPORT = "export"
    BACKUP = "backup"
    MANAGE_WAITLIST = "manage_waitlist"
    MANAGE_ABSENCES = "manage_absences"
    PUBLISH = "publish"
    MANAGE_REMINDERS = "manage_reminders"


ACTION_LABELS = {
    Action.VIEW_AGENDA: "consulter l'agenda",
    Action.BOOK: "prendre un rendez-vous",
    Action.MOVE: "déplacer un rendez-vous",
    Action.CANCEL: "annuler un rendez-vous",
    Action.CHANGE_STATUS: "changer l'état d'un rendez-vous",
    Action.OVERBOOK: "forcer un rendez-vous (surbooking)",
    Action.EDIT_PATIENT: "créer ou modifier un patient",
    Action.MANAGE_STRUCTURE: "modifier la structure de l'hôpital",
    Action.MANAGE_USERS: "gérer les utilisateurs",
    Action.SEE_AUDIT: "consulter le journal d'audit",
    Action.EXPORT: "exporter des données",
    Action.BACKUP: "sauvegarder ou restaurer la base",
    Action.MANAGE_WAITLIST: "gérer la liste d'attente",
    Action.MANAGE_ABSENCES: "gérer les absences des praticiens",
    Action.PUBLISH: "publier les créneaux libres",
    Action.MANAGE_REMINDERS: "gérer les rappels SMS",
}

_AGENDA = {
    Action.VIEW_AGENDA,
    Action.BOOK,
    Action.MOVE,
    Action.CANCEL,
    Action.CHANGE_STATUS,
    Action.MANAGE_WAITLIST,
    Action.MANAGE_ABSENCES,
}
MATRIX: dict[Role, frozenset[Action]] = {
    Role.SECRETARY: frozenset(
        _AGENDA | {Action.OVERBOOK, Action.EDIT_PATIENT, Action.EXPORT, Action.MANAGE_REMINDERS}
    ),
    Role.PHYSICIAN: frozenset(_AGENDA | {Action.OVERBOOK}),
    Role.ADMIN: frozenset(Action),
}


def allowed(actor: Actor, action: Action, overbooking_roles: frozenset[Role] | None = None) -> bool:
    """Whether the actor's role allows the action.

    ``overbooking_roles``: the roles the hospital lets overbook (an administrator's setting the
    services read and pass); None: the matrix alone decides.
    """
    if action is Action.OVERBOOK and overbooking_roles is not None:
        return actor.role in overbooking_roles and action in MATRIX[actor.role]
    return action in MATRIX[actor.role]


def require(actor: Actor, action: Action, overbooking_roles: frozenset[Role] | None = None) -> None:
    """Raise ``PermissionDenied`` with a French message when the role does not allow the action."""
    if not allowed(actor, action, overbooking_roles):
        raise PermissionDenied(f"Votre rôle ne permet pas de {ACTION_LABELS[action]}.")


def owns_agenda(actor: Actor, practitioner_id: int) -> bool:
    """Whether the actor may manage that practitioner's agenda: a physician only their own."""
    return actor.role is not Role.PHYSICIAN or actor.practitioner_id == practitioner_id


def require_own_agenda(actor: Actor, practitioner_id: int) -> None:
    """Raise ``PermissionDenied`` when a physician acts on another practitioner's agenda."""
    if not owns_agenda(actor, practitioner_id):
        raise PermissionDenied("Un médecin ne peut gérer que son propre agenda.")
