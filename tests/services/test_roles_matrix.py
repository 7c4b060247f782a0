"""The roles × actions matrix, enforced by the services themselves (not only hidden in the UI).

For every ``Action``, one real service call that needs it, made by a secretary, a physician
(Dr Dupont, linked to the practitioner DUPONT: on their own agenda, and on Dr Martin's for the
agenda actions) and an administrator, each on a fresh SQLite file. The expected outcome is the
matrix (``MATRIX``), the physician's own-agenda rule and the default overbooking setting. A
refusal raises ``PermissionDenied`` with a French message, changes no table and writes exactly
one "refused" audit record naming the action; an allowed call succeeds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from desktop.domain.errors import PermissionDenied
from desktop.domain.model import Actor, Appointment, Role, Status
from desktop.domain.permissions import ACTION_LABELS, MATRIX, Action
from desktop.domain.settings import overbooking_roles_from_json
from desktop.services.container import Services
from desktop.services.patients import PatientInput
from tests.conftest import TEST_NOW
from tests.fakes import ADMIN, small_hospital
from tests.services.admin_helpers import NEXT_MONDAY, at, audit_trail, state

PASSWORD = "Motdepasse-Sur-2027!"
TUESDAY = date(2027, 3, 23)


@dataclass
class World:
    """A small hospital with one patient (a mobile: reminders are queued) and one appointment
    on each practitioner's agenda, Monday 09:00."""

    services: Services
    folder: Path
    dupont: int
    martin: int
    reason: int
    patient: int
    appointments: dict[int, Appointment]  # by practitioner
    reminders: dict[int, int]  # a queued reminder of that appointment, by practitioner

    def appointment(self, practitioner_id: int) -> Appointment:
        return self.appointments[practitioner_id]


Call = Callable[[World, Actor, int], object]


def _move(w: World, actor: Actor, pid: int):
    a = w.appointment(pid)
    return w.services.booking.move(actor, a.id, a.version, at(NEXT_MONDAY, "11:00"))


def _cancel(w: World, actor: Actor, pid: int):
    a = w.appointment(pid)
    return w.services.booking.cancel(actor, a.id, a.version, "Patient empêché")


def _status(w: World, actor: Actor, pid: int):
    a = w.appointment(pid)
    return w.services.booking.set_status(actor, a.id, a.version, Status.CONFIRMED)


# One real service call per action: (world, actor, practitioner whose agenda is acted on).
CALLS: dict[Action, Call] = {
    Action.VIEW_AGENDA: lambda w, actor, pid: w.services.agenda.period(
        [pid], NEXT_MONDAY, NEXT_MONDAY, actor=actor
    ),
    Action.BOOK: lambda w, actor, pid: w.services.booking.book(
        actor, pid, w.reason, w.patient, at(NEXT_MONDAY, "10:00")
    ),
    Action.MOVE: _move,
    Action.CANCEL: _cancel,
    Action.CHANGE_STATUS: _status,
    Action.OVERBOOK: lambda w, actor, pid: w.services.booking.book(
        actor,
        pid,
        w.reason,
        w.patient,
        at(NEXT_MONDAY, "09:00"),
        force=True,
        overbooking_reason="Urgence",
    ),
    Action.EDIT_PATIENT: lambda w, actor, pid: w.services.patients.create(
        actor, PatientInput("Nouveau", "Léa", date(1990, 1, 1))
    ),
    Action.MANAGE_STRUCTURE: lambda w, actor, pid: w.services.administration.structure.save_site(
        actor, "NEUF", "Site neuf"
    ),
    Action.MANAGE_USERS: lambda w, actor, pid: w.services.administration.users.create_user(
        actor, "nouveau", "Nouveau compte", Role.SECRETARY, PASSWORD
    ),
    Action.SEE_AUDIT: lambda w, actor, pid: w.services.audit.search(actor),
    Action.EXPORT: lambda w, actor, pid: w.services.exports.appointments_csv(
        actor, NEXT_MONDAY, NEXT_MONDAY
    ),
    Action.BACKUP: lambda w, actor, pid: w.services.backup.backup(actor, w.folder / "copie.zip"),
    Action.MANAGE_WAITLIST: lambda w, actor, pid: w.services.waitlist.add(
        actor, w.patient, w.reason, practitioner_id=pid
    ),
    Action.MANAGE_ABSENCES: lambda w, actor, pid: w.services.absences.add(
        actor, pid, at(TUESDAY, "09:00"), at(TUESDAY, "12:00"), "Réunion"
    ),
    Action.PUBLISH: lambda w, actor, pid: w.services.publication.publish(actor, w.folder / "flux"),
    Action.MANAGE_REMINDERS: lambda w, actor, pid: w.services.reminders.retry(
        actor, w.reminders[pid]
    ),
}

# The actions on one practitioner's agenda: a physician may take them on their own only.
AGENDA_SCOPED = frozenset(
    {
        Action.VIEW_AGENDA,
        Action.BOOK,
        Action.MOVE,
        Action.CANCEL,
        Action.CHANGE_STATUS,
        Action.MANAGE_WAITLIST,
        Action.MANAGE_ABSENCES,
    }
)

# Who acts, and on whose agenda ("dupont" or "martin").
WHO: dict[str, tuple[Role, str]] = {
    "secretary": (Role.SECRETARY, "martin"),
    "physician-own": (Role.PHYSICIAN, "dupont"),
    "physician-other": (Role.PHYSICIAN, "martin"),
    "admin": (Role.ADMIN, "martin"),
}


def expected_allowed(action: Action, who: str) -> bool:
    """The matrix, the own-agenda rule and the default overbooking setting (every role)."""
    role, _ = WHO[who]
    ok = action in MATRIX[role]
    if action is Action.OVERBOOK:
        ok = ok and role in overbooking_roles_from_json(None)
    if who == "physician-other" and action in AGENDA_SCOPED:
        ok = False
    return ok


def _cases():
    for action in Action:
        for who in WHO:
            if who == "physician-other" and action not in AGENDA_SCOPED:
                continue  # the same call as "physician-own": not agenda-scoped
            yield pytest.param(action, who, id=f"{action.value}-{who}")


CASES = list(_cases())


@pytest.fixture
def world(sqlite_url, tmp_path):
    services = small_hospital(sqlite_url, TEST_NOW)
    admin = services.administration.structure
    practitioners = {p.code: p.id for p in admin.practitioners()}
    reason = next(v.id for v in admin.visit_reasons() if v.code == "CARDIO-1")
    services.administration.settings.save_publication(
        ADMIN,
        "https://hopital.example/creneaux",
        "https://hopital.example/rdv",
        4,
        "01 49 28 20 00",
    )
    secretary = Actor("secretaire", Role.SECRETARY, "poste-accueil")
    data = PatientInput("Canarivert", "Zéphyrine", date(1984, 2, 29), phones=("06 12 34 56 78",))
    patient = services.patients.create(secretary, data).id
    appointments, reminders = {}, {}
    for pid in practitioners.values():
        booked = services.booking.book(secretary, pid, reason, patient, at(NEXT_MONDAY, "09:00"))
        appointments[pid] = booked
        reminders[pid] = services.reminders.for_appointment(booked.id).reminders[0].id
    folder = tmp_path / "sorties"
    folder.mkdir()
    yield World(
        services, folder, practitioners["DUPONT"], practitioners["MARTIN"], reason, patient,
        appointments, reminders,
    )  # fmt: skip
    services.db.dispose()


def actor_of(w: World, who: str) -> tuple[Actor, int]:
    """The actor and the practitioner whose agenda they act on."""
    role, target = WHO[who]
    linked = w.dupont if role is Role.PHYSICIAN else None
    actor = Actor(f"{who}-test", role, "poste-test", practitioner_id=linked)
    return actor, getattr(w, target)


def test_every_action_has_a_call_and_every_role_a_row():
    assert set(CALLS) == set(Action), "an action without a service call in this test"
    assert set(MATRIX) == set(Role), "a role missing from the matrix"
    assert set(ACTION_LABELS) == set(Action), "an action without its French label"
    assert set(Action) >= AGENDA_SCOPED
    covered = {(action, WHO[who][0]) for action, who in (c.values for c in CASES)}
    assert covered == {(action, role) for action in Action for role in Role}
    assert all(expected_allowed(action, "admin") for action in Action)


@pytest.mark.parametrize(("action", "who"), CASES)
def test_the_service_enforces_the_matrix(world: World, action: Action, who: str):
    actor, practitioner = actor_of(world, who)
    services = world.services
    before, trail = state(services), audit_trail(services)
    if expected_allowed(action, who):
        CALLS[action](world, actor, practitioner)  # no PermissionDenied, no other refusal
        assert "refused" not in {e.action for e in audit_trail(services)[len(trail) :]}
        return
    with pytest.raises(PermissionDenied) as refusal:
        CALLS[action](world, actor, practitioner)
    message = refusal.value.message
    if action in MATRIX[actor.role]:  # the role may, but not on another's agenda
        assert message == "Un médecin ne peut gérer que son propre agenda."
    else:
        assert message == f"Votre rôle ne permet pas de {ACTION_LABELS[action]}."
    assert state(services) == before, "a refused action changed a table"
    new = audit_trail(services)[len(trail) :]
    assert [(e.action, e.actor, e.workstation) for e in new] == [
        ("refused", actor.login, actor.workstation)
    ]
    assert new[0].after["action"] == action.value
    if action in MATRIX[actor.role]:
        assert new[0].after["practitioner_id"] == practitioner
