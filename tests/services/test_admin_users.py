"""Local accounts from the administration services: create, edit, disable / enable, reset a
password (CNIL rules), on both engines; the audit trail never holds a password."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from desktop.domain.errors import InvalidInput, NotFound, PermissionDenied
from desktop.domain.model import Role
from desktop.services.auth import MAX_FAILURES, SignInRefused
from desktop.services.clock import FixedClock
from tests.conftest import TEST_NOW
from tests.fakes import ADMIN, SECRETARY, small_hospital
from tests.services.admin_helpers import audit_count, audit_trail, ids_of, last_audit, state

PASSWORD = "Motdepasse-Sur-2027!"
NEW_PASSWORD = "Autre-Secret-2028?"


@pytest.fixture
def services(any_url):
    services = small_hospital(any_url, TEST_NOW)
    yield services
    services.db.dispose()


@pytest.fixture
def users(services):
    return services.administration.users


def test_an_account_is_created_edited_and_linked_to_an_agenda(services, users):
    ids = ids_of(services)
    user = users.create_user(ADMIN, "mdupont", "Marie Dupont", "physician", PASSWORD)
    assert (user.login, user.role, user.active) == ("mdupont", Role.PHYSICIAN, True)
    assert last_audit(services).after == {"login": "mdupont", "role": "physician"}
    edited = users.update_user(
        ADMIN, user.id, "Dr Marie  Dupont", Role.PHYSICIAN, ids.practitioners["DUPONT"]
    )
    assert (edited.display_name, edited.practitioner_id) == (
        "Dr Marie Dupont",
        ids.practitioners["DUPONT"],
    )
    entry = last_audit(services)
    assert (entry.action, entry.before["practitioner_id"]) == ("user.update", None)
    actor = services.auth.authenticate("mdupont", PASSWORD, "poste")
    assert actor.practitioner_id == ids.practitioners["DUPONT"]
    assert [u.login for u in users.users()] == ["mdupont"]


@pytest.mark.parametrize(
    ("password", "accepted"),
    [
        ("Court-1a", False),  # 8 characters
        ("Motdepasse123", False),  # 13 characters, 3 classes
        ("motdepassesur1!", True),  # 15 characters, 3 classes
        ("Motdepasse1!", True),  # 12 characters, 4 classes
        ("motdepasse-sur-2027", True),  # 19 characters, 3 classes
        ("motdepassesurtoutlong", False),  # 1 class
    ],
)
def test_the_cnil_password_rule(services, users, password, accepted):
    before = state(services)
    if accepted:
        users.create_user(ADMIN, "essai", "Essai", "secretary", password)
        assert services.auth.authenticate("essai", password).login == "essai"
        return
    with pytest.raises(InvalidInput, match="Mot de passe trop faible"):
        users.create_user(ADMIN, "essai", "Essai", "secretary", password)
    assert state(services) == before


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda u, i: u.create_user(ADMIN, "a b", "X", "admin", PASSWORD), "sans espace"),
        (lambda u, i: u.create_user(ADMIN, "x", "X", "chef", PASSWORD), "Rôle : rôle inconnu"),
        (
            lambda u, i: u.create_user(
                ADMIN, "x", "X", "secretary", PASSWORD, i.practitioners["DUPONT"]
            ),
            "seul un compte médecin",
        ),
        (lambda u, i: u.create_user(ADMIN, "x", "X", "physician", PASSWORD, 9999), "inconnu"),
        (lambda u, i: u.update_user(ADMIN, 9999, "X", "admin"), "Utilisateur inconnu : n° 9999"),
        (lambda u, i: u.reset_password(ADMIN, 9999, PASSWORD), "Utilisateur inconnu"),
    ],
)
def test_bad_account_input_changes_nothing(services, users, call, message):
    ids = ids_of(services)
    before, audits = state(services), audit_count(services)
    with pytest.raises((InvalidInput, NotFound)) as refused:
        call(users, ids)
    assert message in refused.value.message
    assert (state(services), audit_count(services)) == (before, audits)


def test_an_existing_login_is_refused(users):
    users.create_user(ADMIN, "accueil", "Accueil", "secretary", PASSWORD)
    with pytest.raises(InvalidInput, match="existe déjà"):
        users.create_user(ADMIN, "accueil", "Autre", "secretary", PASSWORD)


def test_a_disabled_account_cannot_sign_in_until_enabled(services, users):
    user = users.create_user(ADMIN, "accueil", "Accueil", "secretary", PASSWORD)
    users.set_active(ADMIN, user.id, False)
    assert last_audit(services).action == "user.disable"
    with pytest.raises(SignInRefused):
        services.auth.authenticate("accueil", PASSWORD)
    users.set_active(ADMIN, user.id, True)
    assert services.auth.authenticate("accueil", PASSWORD).login == "accueil"


def test_a_password_reset_follows_the_rule_and_lifts_a_lockout(services, users):
    user = users.create_user(ADMIN, "accueil", "Accueil", "secretary", PASSWORD)
    for _ in range(MAX_FAILURES):
        with pytest.raises(SignInRefused):
            services.auth.authenticate("accueil", "mauvais")
    with pytest.raises(SignInRefused, match="verrouillé"):
        services.auth.authenticate("accueil", PASSWORD)
    before = state(services)
    with pytest.raises(InvalidInput, match="Mot de passe trop faible"):
        users.reset_password(ADMIN, user.id, "faible")
    assert state(services) == before
    users.reset_password(ADMIN, user.id, NEW_PASSWORD)
    with pytest.raises(SignInRefused):
        services.auth.authenticate("accueil", PASSWORD)
    assert services.auth.authenticate("accueil", NEW_PASSWORD).login == "accueil"
    entry = last_audit(services)
    assert entry.action == "user.signin"
    reset = [e for e in audit_trail(services) if e.action == "user.password_reset"]
    assert [(e.before, e.after) for e in reset] == [(None, {"login": "accueil"})]


def test_the_audit_trail_never_holds_a_password(services, users):
    user = users.create_user(ADMIN, "accueil", "Accueil", "secretary", PASSWORD)
    users.reset_password(ADMIN, user.id, NEW_PASSWORD)
    users.update_user(ADMIN, user.id, "Accueil 2", "secretary")
    text = json.dumps([(e.before, e.after) for e in audit_trail(services)], ensure_ascii=False)
    assert PASSWORD not in text and NEW_PASSWORD not in text and "argon2" not in text


def test_the_last_administrator_and_one_s_own_account_stay_active(services, users):
    boss = users.create_user(ADMIN, "chef", "Chef", "admin", PASSWORD)
    me = services.auth.authenticate("chef", PASSWORD, "poste")
    with pytest.raises(InvalidInput, match="propre compte"):
        users.set_active(me, boss.id, False)
    with pytest.raises(InvalidInput, match="au moins un compte administrateur actif"):
        users.set_active(ADMIN, boss.id, False)
    with pytest.raises(InvalidInput, match="au moins un compte administrateur actif"):
        users.update_user(ADMIN, boss.id, "Chef", "secretary")
    second = users.create_user(ADMIN, "adjoint", "Adjoint", "admin", PASSWORD)
    users.set_active(me, second.id, False)
    users.update_user(me, second.id, "Adjoint", "secretary")
    assert {u.login: (u.role, u.active) for u in users.users()}["adjoint"] == (
        Role.SECRETARY,
        False,
    )


def test_a_secretary_cannot_manage_accounts_and_is_audited(services, users):
    user = users.create_user(ADMIN, "accueil", "Accueil", "secretary", PASSWORD)
    for call in (
        lambda: users.set_active(SECRETARY, user.id, False),
        lambda: users.reset_password(SECRETARY, user.id, NEW_PASSWORD),
        lambda: users.update_user(SECRETARY, user.id, "X", "admin"),
    ):
        before, audits = state(services), audit_count(services)
        with pytest.raises(PermissionDenied, match="gérer les utilisateurs"):
            call()
        assert (state(services), audit_count(services)) == (before, audits + 1)
        assert last_audit(services).action == "refused"


def test_an_enabled_account_starts_again_without_past_failures(services, users):
    user = users.create_user(ADMIN, "accueil", "Accueil", "secretary", PASSWORD)
    for _ in range(MAX_FAILURES):
        with pytest.raises(SignInRefused):
            services.auth.authenticate("accueil", "mauvais")
    users.set_active(ADMIN, user.id, False)
    users.set_active(ADMIN, user.id, True)
    assert isinstance(services.clock, FixedClock)
    services.clock.instant = TEST_NOW + timedelta(minutes=1)
    assert services.auth.authenticate("accueil", PASSWORD).login == "accueil"
