"""What the signed-in role changes in the window, in one place for every part of the interface.

- ``can(actor, Action.BOOK)``: the domain's roles × actions matrix, seen from the UI;
- ``guard(target, actor, Action.BOOK)``: marks a ``QAction`` or a widget with the action it
  performs, and disables (or hides) it when the role does not allow that action;
- ``role_features(window, services)``: applied once the main window is built: the title shows
  who is signed in, guarded actions follow the role, a physician linked to a practitioner
  starts on that practitioner's week.

The services check the role again on every call; this only keeps the window from offering
what would be refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QSignalBlocker
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from desktop.domain.errors import CreneauError
from desktop.domain.model import Actor, Role
from desktop.domain.permissions import ACTION_LABELS, Action, allowed

if TYPE_CHECKING:
    from desktop.services.container import Services

__all__ = [
    "Action",
    "allowed",
    "apply_permissions",
    "can",
    "guard",
    "role_features",
    "role_label",
    "signed_in_title",
]

ACTION_PROPERTY = "creneau_action"
HIDE_PROPERTY = "creneau_hide_when_denied"
_BASE_TITLE_PROPERTY = "creneau_base_title"


def can(actor: Actor | None, action: Action) -> bool:
    """Whether ``actor`` may do ``action``. Without an actor (a read-only window: screenshots,
    before sign-in) only looking at the agenda is allowed."""
    if actor is None:
        return action is Action.VIEW_AGENDA
    return allowed(actor, action)


def role_label(role: Role) -> str:
    """The role as the screen names it: "secrétaire", "médecin", "administrateur"."""
    if role is Role.SECRETARY:
        return QCoreApplication.translate("roles", "secrétaire")
    if role is Role.PHYSICIAN:
        return QCoreApplication.translate("roles", "médecin")
    return QCoreApplication.translate("roles", "administrateur")


# The domain's labels of the actions (``ACTION_LABELS``), for the English interface.
PERMISSION_LABELS = (
    QT_TRANSLATE_NOOP("Permissions", "consulter l'agenda"),
    QT_TRANSLATE_NOOP("Permissions", "prendre un rendez-vous"),
    QT_TRANSLATE_NOOP("Permissions", "déplacer un rendez-vous"),
    QT_TRANSLATE_NOOP("Permissions", "annuler un rendez-vous"),
    QT_TRANSLATE_NOOP("Permissions", "changer l'état d'un rendez-vous"),
    QT_TRANSLATE_NOOP("Permissions", "forcer un rendez-vous (surbooking)"),
    QT_TRANSLATE_NOOP("Permissions", "créer ou modifier un patient"),
    QT_TRANSLATE_NOOP("Permissions", "modifier la structure de l'hôpital"),
    QT_TRANSLATE_NOOP("Permissions", "gérer les utilisateurs"),
    QT_TRANSLATE_NOOP("Permissions", "consulter le journal d'audit"),
    QT_TRANSLATE_NOOP("Permissions", "exporter des données"),
    QT_TRANSLATE_NOOP("Permissions", "sauvegarder ou restaurer la base"),
    QT_TRANSLATE_NOOP("Permissions", "gérer la liste d'attente"),
    QT_TRANSLATE_NOOP("Permissions", "gérer les absences des praticiens"),
    QT_TRANSLATE_NOOP("Permissions", "publier les créneaux libres"),
    QT_TRANSLATE_NOOP("Permissions", "gérer les rappels SMS"),
)


def denied_message(action: Action) -> str:
    """ "Votre rôle ne permet pas de prendre un rendez-vous." (the services' wording)."""
    what = QCoreApplication.translate("Permissions", ACTION_LABELS[action])
    return QCoreApplication.translate("roles", "Votre rôle ne permet pas de {action}.").format(
        action=what
    )


def guard(
    target: QAction | QWidget, actor: Actor | None, action: Action, *, hide: bool = False
) -> None:
    """Tie ``target`` to ``action``: disabled (or hidden, with ``hide``) when ``actor`` may not.

    The mark stays on the object, so ``apply_permissions`` can apply a role again later.
    """
    target.setProperty(ACTION_PROPERTY, action.value)
    target.setProperty(HIDE_PROPERTY, hide)
    _apply(target, actor)


def apply_permissions(root: QObject, actor: Actor | None) -> None:
    """Apply ``actor``'s role to every guarded action and widget under ``root`` (included)."""
    for obj in (root, *root.findChildren(QObject)):
        if obj.property(ACTION_PROPERTY):
            _apply(obj, actor)


def _apply(target: QObject, actor: Actor | None) -> None:
    action = Action(target.property(ACTION_PROPERTY))
    permitted = can(actor, action)
    target.setEnabled(permitted)
    if not permitted and target.property(HIDE_PROPERTY):
        target.setVisible(False)
    if not permitted and isinstance(target, QWidget | QAction):
        target.setStatusTip(denied_message(action))


def signed_in_title(base: str, name: str, role: Role) -> str:
    """ "Créneau — Hôpital d'essai — Marie Dupont (médecin)" """
    return f"{base} — {name} ({role_label(role)})"


def display_name(services: Services, actor: Actor) -> str:
    """The user's display name from the accounts (the login when it cannot be read)."""
    try:
        users = services.auth.users()
    except CreneauError:
        return actor.login
    for user in users:
        if user.id == actor.user_id or (actor.user_id is None and user.login == actor.login):
            return user.display_name
    return actor.login


def role_features(window, services: Services) -> None:
    """What the signed-in role changes in ``window`` (a ``MainWindow``); nothing without actor."""
    actor = window.actor
    if actor is None:
        return
    base = window.property(_BASE_TITLE_PROPERTY) or window.windowTitle()
    window.setProperty(_BASE_TITLE_PROPERTY, base)
    window.setWindowTitle(signed_in_title(base, display_name(services, actor), actor.role))
    apply_permissions(window, actor)
    if actor.role is Role.PHYSICIAN and actor.practitioner_id is not None:
        show_own_day(window, services, actor.practitioner_id)


def show_own_day(window, services: Services, practitioner_id: int) -> bool:
    """« Ma journée »: the list of that practitioner's appointments of the day shown (time,
    patient, visit reason, status, notes), where A / V / L mark arrived, seen or no-show.
    False when the practitioner is not in the agenda."""
    if not show_own_week(window, services, practitioner_id):
        return False
    window.set_view("day")
    window.show_page(1)  # PAGE_LIST of desktop.ui.views.agenda_panes
    window.table_view.setFocus()
    if window.table_model.rowCount():
        window.table_view.selectRow(0)
    return True


def show_own_week(window, services: Services, practitioner_id: int) -> bool:
    """Switch ``window`` to the week of that practitioner; False when it is not in the agenda."""
    try:
        practitioner = next(
            (p for p in services.agenda.practitioners() if p.id == practitioner_id), None
        )
        departments = services.agenda.departments()
    except CreneauError:
        return False
    department = next(
        (d for d in departments if practitioner and d.id == practitioner.department_id), None
    )
    if practitioner is None or department is None or not practitioner.active:
        return False
    if window.department is None or window.department.id != department.id:
        window.set_department(department.code)
    index = next((i for i, p in enumerate(window.practitioners) if p.id == practitioner.id), -1)
    if index < 0:
        return False
    with QSignalBlocker(window.toolbar):
        window.toolbar.set_practitioner_index(index)
    window.set_view("week")
    return True
