"""Local users: argon2id password hashes, sign-in with lockout after repeated failures."""

from __future__ import annotations

from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.repositories import audit
from db.tables import UserRow
from desktop.domain.errors import CreneauError, InvalidInput
from desktop.domain.model import Actor, Role, User
from desktop.domain.passwords import check_password
from desktop.domain.permissions import Action
from desktop.services.clock import Clock
from desktop.services.guard import guarded
from desktop.services.uow import Database

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


class SignInRefused(CreneauError):
    """Wrong login or password, disabled or locked account (never says which, to outsiders)."""


def user_to_native(row: UserRow) -> User:
    return User(
        row.id, row.login, row.display_name, Role(row.role), row.active, row.practitioner_id
    )


class AuthService:
    """Creating users and signing them in."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def create_user(
        self,
        actor: Actor,
        login: str,
        display_name: str,
        role: Role,
        password: str,
        practitioner_id: int | None = None,
    ) -> User:
        """Create a local account; the password must follow the CNIL rules."""
        guarded(self._db, self._clock, actor, Action.MANAGE_USERS, "user")
        return self._db.run(
            lambda s: _create(
                s,
                actor,
                self._clock.now(),
                login,
                display_name,
                Role(role),
                password,
                practitioner_id,
            )
        )

    def authenticate(self, login: str, password: str, workstation: str = "") -> Actor:
        """The actor of a successful sign-in; ``SignInRefused`` otherwise (failures counted)."""

        def work(s: Session) -> Actor | None:
            now = self._clock.now()
            row = s.scalar(select(UserRow).where(UserRow.login == login.strip()))
            if row is None or not row.active:
                return None
            if row.locked_until is not None and row.locked_until > now:
                raise SignInRefused(
                    "Compte verrouillé après plusieurs échecs : réessayez plus tard ou "
                    "demandez à un administrateur."
                )
            try:
                _hasher.verify(row.password_hash, password)
            except (VerificationError, InvalidHashError):
                row.failed_attempts += 1
                if row.failed_attempts >= MAX_FAILURES:
                    row.locked_until = now + LOCKOUT
                actor = Actor(row.login, Role(row.role), workstation, row.practitioner_id, row.id)
                audit.record(s, actor, now, "user.signin_failed", "user", row.id)
                return None
            if _hasher.check_needs_rehash(row.password_hash):
                row.password_hash = _hasher.hash(password)
            row.failed_attempts, row.locked_until = 0, None
            actor = Actor(row.login, Role(row.role), workstation, row.practitioner_id, row.id)
            audit.record(s, actor, now, "user.signin", "user", row.id)
            return actor

        actor = self._db.run(work)
        if actor is None:
            raise SignInRefused("Identifiant ou mot de passe incorrect.")
        return actor

    def users(self) -> list[User]:
        with self._db.read() as s:
            return [user_to_native(r) for r in s.scalars(select(UserRow).order_by(UserRow.login))]


def _create(
    s: Session,
    actor: Actor,
    now,
    login: str,
    display_name: str,
    role: Role,
    password: str,
    practitioner_id: int | None,
    action: str = "user.create",
) -> User:
    login = login.strip()
    if not login or len(login) > 100 or any(c.isspace() for c in login):
        raise InvalidInput("L'identifiant doit être un mot sans espace de 100 caractères au plus.")
    if s.scalar(select(UserRow.id).where(UserRow.login == login)) is not None:
        raise InvalidInput(f"L'identifiant « {login} » existe déjà.")
    check_password(password)
    row = UserRow(
        login=login,
        display_name=display_name.strip() or login,
        role=role.value,
        password_hash=_hasher.hash(password),
        practitioner_id=practitioner_id,
        created_at=now,
    )
    s.add(row)
    s.flush()
    audit.record(s, actor, now, action, "user", row.id, None, {"login": login, "role": role.value})
    return user_to_native(row)
