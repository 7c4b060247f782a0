"""The first administrator of an empty database: created once, audited, refused afterwards."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db.tables import AuditRow
from desktop.domain.errors import InvalidInput
from desktop.domain.model import Role
from desktop.services.clock import FixedClock
from desktop.services.container import Services
from tests.conftest import TEST_NOW

PASSWORD = "Tres-Solide-2027!"


@pytest.fixture
def services(any_url):
    s = Services.open(any_url, FixedClock(TEST_NOW))
    yield s
    s.db.dispose()


def test_bootstrap_creates_an_admin_once(services):
    users = services.administration.users
    assert not users.has_users()
    user = users.bootstrap_admin("chef", "Dr Chef", PASSWORD, "poste-1")
    assert (user.login, user.role) == ("chef", Role.ADMIN)
    assert users.has_users()
    assert services.auth.authenticate("chef", PASSWORD).role is Role.ADMIN
    with services.db.read() as s:
        first = s.scalars(select(AuditRow).order_by(AuditRow.id)).first()
        assert (first.action, first.actor, first.workstation) == (
            "user.bootstrap",
            "chef",
            "poste-1",
        )
    with pytest.raises(InvalidInput, match="Des comptes existent déjà"):
        users.bootstrap_admin("autre", "Autre", PASSWORD)
    assert [u.login for u in users.users()] == ["chef"]
    assert services.audit.verify().ok


def test_bootstrap_checks_the_password_and_the_login(services):
    users = services.administration.users
    with pytest.raises(InvalidInput, match="Mot de passe trop faible"):
        users.bootstrap_admin("chef", "Dr Chef", "court")
    with pytest.raises(InvalidInput, match="sans espace"):
        users.bootstrap_admin("mauvais login", "X", PASSWORD)
    assert not users.has_users()
