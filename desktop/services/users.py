"""Administration of the local accounts: create, edit, disable / enable, reset a password.

Guarded by ``Action.MANAGE_USERS``; each change is one transaction with its audit record, which
never holds a password or its hash. Passwords follow the CNIL rules
(``desktop.domain.passwords``); sign-in, its progressive refusal and lockout are
``desktop.services.auth``'s. The hospital always keeps one active administrator, and nobody can
disable their own account.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.repositories import admin as admin_repo
from db.tables import PractitionerRow, UserRow
from desktop.domain.errors import InvalidInput
from desktop.domain.model import Actor, Role, User
from desktop.domain.passwords import check_password
from desktop.domain.permissions import Action
from desktop.services.admin_base import AdminBase, Change
from desktop.services.auth import _create, _hasher

MAX_DISPLAY_NAME = 200
ALREADY_SET_UP = (
    "Des comptes existent déjà : connectez-vous, ou demandez à un administrateur de créer le vôtre."
)
LAST_ADMIN = "Il doit rester au moins un compte administrateur actif."


class UserAdminService(AdminBase):
    """Local accounts, from the administration screen."""

    object_action = Action.MANAGE_USERS

    def users(self) -> list[User]:
        """Every account, active or not, by login."""
        with self._db.read() as s:
            return admin_repo.users(s)

    def create_user(
        self,
        actor: Actor,
        login: str,
        display_name: str,
        role: Role | str,
        password: str,
        practitioner_id: int | None = None,
    ) -> User:
        """Create an account; a physician's may be linked to the practitioner whose agenda it is."""
        self._guard(actor, "user")
        role = _role(role)
        name = _display_name(display_name, login)
        check_password(password)
        now = self._clock.now()

        def work(s: Session) -> User:
            _check_link(s, role, practitioner_id)
            return _create(s, actor, now, login, name, role, password, practitioner_id)

        return self._db.run(work)

    def has_users(self) -> bool:
        """Whether the database holds any account at all (else the first one must be made)."""
        with self._db.read() as s:
            return s.scalar(select(UserRow.id).limit(1)) is not None

    def bootstrap_admin(
        self, login: str, display_name: str, password: str, workstation: str = ""
    ) -> User:
        """Create the first administrator of an empty database (no sign-in possible before).

        Refused when any account exists; one transaction, audited as ``user.bootstrap`` in
        the new administrator's name.
        """
        name = _display_name(display_name, login)
        check_password(password)
        now = self._clock.now()
        actor = Actor(login.strip(), Role.ADMIN, workstation)

        def work(s: Session) -> User:
            if s.scalar(select(UserRow.id).limit(1)) is not None:
                raise InvalidInput(ALREADY_SET_UP)
            return _create(s, actor, now, login, name, Role.ADMIN, password, None, "user.bootstrap")

        return self._db.run(work)

    def update_user(
        self,
        actor: Actor,
        user_id: int,
        display_name: str,
        role: Role | str,
        practitioner_id: int | None = None,
    ) -> User:
        """Change an account's display name, role and linked practitioner."""
        self._guard(actor, "user", user_id)
        role = _role(role)

        def work(s: Session) -> Change:
            row = admin_repo.row(s, UserRow, user_id)
            before = admin_repo.user_to_native(row)
            _check_link(s, role, practitioner_id)
            if before.role is Role.ADMIN and role is not Role.ADMIN and before.active:
                _keep_an_admin(s)
            row.display_name = _display_name(display_name, row.login)
            row.role, row.practitioner_id = role.value, practitioner_id
            s.flush()
            after = admin_repo.user_to_native(row)
            return Change(after, before, after, user_id)

        return self._write(actor, "user.update", "user", work)

    def set_active(self, actor: Actor, user_id: int, active: bool) -> User:
        """Disable an account (it can no longer sign in) or enable it again (failures reset)."""
        self._guard(actor, "user", user_id)

        def work(s: Session) -> Change:
            row = admin_repo.row(s, UserRow, user_id)
            before = admin_repo.user_to_native(row)
            if not active:
                if user_id == actor.user_id or row.login == actor.login:
                    raise InvalidInput("Vous ne pouvez pas désactiver votre propre compte.")
                if before.role is Role.ADMIN and before.active:
                    _keep_an_admin(s)
            else:
                row.failed_attempts, row.locked_until = 0, None
            row.active = active
            s.flush()
            after = admin_repo.user_to_native(row)
            return Change(after, before, after, user_id)

        return self._write(actor, "user.enable" if active else "user.disable", "user", work)

    def reset_password(self, actor: Actor, user_id: int, password: str) -> User:
        """Give an account a new password (CNIL rules); it also lifts a lockout."""
        self._guard(actor, "user", user_id)
        check_password(password)

        def work(s: Session) -> Change:
            row = admin_repo.row(s, UserRow, user_id)
            row.password_hash = _hasher.hash(password)
            row.failed_attempts, row.locked_until = 0, None
            s.flush()
            user = admin_repo.user_to_native(row)
            # Only who and when: never the password, nor its hash.
            return Change(user, None, None, user_id, {"login": row.login})

        return self._write(actor, "user.password_reset", "user", work)


def _role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError as exc:
        raise InvalidInput(f"Rôle : rôle inconnu « {role} ».") from exc


def _display_name(display_name: str, login: str) -> str:
    name = " ".join(display_name.split()) or login.strip()
    if len(name) > MAX_DISPLAY_NAME:
        raise InvalidInput(f"Nom affiché : {MAX_DISPLAY_NAME} caractères au plus.")
    return name


def _check_link(s: Session, role: Role, practitioner_id: int | None) -> None:
    if practitioner_id is None:
        return
    if role is not Role.PHYSICIAN:
        raise InvalidInput("Praticien : seul un compte médecin peut être lié à un agenda.")
    if s.get(PractitionerRow, practitioner_id) is None:
        raise InvalidInput(f"Praticien : praticien inconnu (n° {practitioner_id}).")


def _keep_an_admin(s: Session) -> None:
    if admin_repo.active_admins(s) <= 1:
        raise InvalidInput(LAST_ADMIN)
