"""Local users: argon2id hashes, the CNIL password rule, lockout, roles."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text

from db.tables import AuditRow, UserRow
from desktop.domain.errors import InvalidInput, PermissionDenied
from desktop.domain.model import Role
from desktop.domain.passwords import character_classes, check_password
from desktop.services.auth import MAX_FAILURES, SignInRefused
from desktop.services.clock import FixedClock
from desktop.services.container import Services
from tests.conftest import TEST_NOW
from tests.fakes import ADMIN, SECRETARY

GOOD = "Cardio-Lundi-2027"  # 17 characters, 4 classes


@pytest.fixture
def services(any_url):
    return Services.open(any_url, FixedClock(TEST_NOW))


@pytest.mark.parametrize(
    ("password", "ok"),
    [
        ("Abcdefgh1!xy", True),  # 12 characters, 4 classes
        ("Abcdefgh1xyz", False),  # 12 characters, 3 classes
        ("abcdefgh1xyzuv", False),  # 14 characters but only 2 classes
        ("Abcdefghijklm1", True),  # 14 characters, 3 classes
        ("abcdefghijklmn", False),  # 14 characters, 1 class
        ("Ab1!", False),
        ("", False),
    ],
)
def test_cnil_password_rule(password, ok):
    expected = (len(password) >= 12 and character_classes(password) == 4) or (
        len(password) >= 14 and character_classes(password) >= 3
    )
    assert expected is ok
    if expected:
        check_password(password)
    else:
        with pytest.raises(InvalidInput, match="Mot de passe trop faible"):
            check_password(password)


def test_users_are_created_with_an_argon2id_hash_and_sign_in(services):
    user = services.auth.create_user(ADMIN, "mlefevre", "Mme Lefèvre", Role.SECRETARY, GOOD)
    assert user.role is Role.SECRETARY
    with services.db.read() as s:
        row = s.scalar(select(UserRow).where(UserRow.login == "mlefevre"))
        assert row.password_hash.startswith("$argon2id$")
        assert GOOD not in row.password_hash
    actor = services.auth.authenticate("mlefevre", GOOD, "poste-12")
    assert actor.login == "mlefevre" and actor.role is Role.SECRETARY
    assert actor.workstation == "poste-12"


def test_the_clear_password_never_reaches_the_database(sqlite_url, tmp_path):
    services = Services.open(sqlite_url, FixedClock(TEST_NOW))
    services.auth.create_user(ADMIN, "drx", "Dr X", Role.PHYSICIAN, GOOD)
    services.auth.authenticate("drx", GOOD)
    with pytest.raises(SignInRefused):
        services.auth.authenticate("drx", GOOD + "x")
    services.db.dispose()
    for path in tmp_path.iterdir():
        assert GOOD.encode() not in path.read_bytes(), path.name


def test_weak_password_or_bad_login_is_refused_and_nothing_written(services):
    with pytest.raises(InvalidInput, match="trop faible"):
        services.auth.create_user(ADMIN, "x", "X", Role.ADMIN, "motdepasse")
    with pytest.raises(InvalidInput, match="sans espace"):
        services.auth.create_user(ADMIN, "a b", "X", Role.ADMIN, GOOD)
    services.auth.create_user(ADMIN, "dup", "X", Role.ADMIN, GOOD)
    with pytest.raises(InvalidInput, match="existe déjà"):
        services.auth.create_user(ADMIN, "dup", "Y", Role.ADMIN, GOOD)
    assert [u.login for u in services.auth.users()] == ["dup"]


def test_only_admins_manage_users(services):
    with pytest.raises(PermissionDenied, match="gérer les utilisateurs"):
        services.auth.create_user(SECRETARY, "y", "Y", Role.ADMIN, GOOD)
    assert services.auth.users() == []


def test_lockout_after_repeated_failures(services):
    services.auth.create_user(ADMIN, "lea", "Léa", Role.SECRETARY, GOOD)
    for _ in range(MAX_FAILURES):
        with pytest.raises(SignInRefused, match="incorrect"):
            services.auth.authenticate("lea", "wrong")
    with pytest.raises(SignInRefused, match="verrouillé"):
        services.auth.authenticate("lea", GOOD)
    # After the lockout period the right password works again and resets the counter.
    services.clock.instant = TEST_NOW + timedelta(minutes=16)
    assert services.auth.authenticate("lea", GOOD).login == "lea"
    with services.db.read() as s:
        row = s.scalar(select(UserRow).where(UserRow.login == "lea"))
        assert row.failed_attempts == 0 and row.locked_until is None
        actions = s.scalars(select(AuditRow.action).order_by(AuditRow.id)).all()
    assert actions.count("user.signin_failed") == MAX_FAILURES
    assert actions[-1] == "user.signin"


def test_unknown_and_disabled_users_get_the_same_answer(services):
    services.auth.create_user(ADMIN, "old", "Ancien", Role.SECRETARY, GOOD)
    with services.db.uow() as s:
        s.execute(text("UPDATE app_user SET active = false WHERE login = 'old'"))
    for login in ("old", "nobody"):
        with pytest.raises(SignInRefused, match="Identifiant ou mot de passe incorrect"):
            services.auth.authenticate(login, GOOD)


def test_outdated_hash_parameters_are_rehashed_on_sign_in(services):
    from argon2 import PasswordHasher

    services.auth.create_user(ADMIN, "rh", "R H", Role.SECRETARY, GOOD)
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(GOOD)
    with services.db.uow() as s:
        s.execute(text("UPDATE app_user SET password_hash = :h WHERE login = 'rh'"), {"h": weak})
    services.auth.authenticate("rh", GOOD)
    with services.db.read() as s:
        new = s.scalar(select(UserRow.password_hash).where(UserRow.login == "rh"))
    assert new != weak and new.startswith("$argon2id$")
