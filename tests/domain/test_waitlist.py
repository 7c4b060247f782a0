"""The waiting list's pure rules: which entries a slot suits, their order, the checked wishes;
and the small tables around them (cancellation reasons, own-agenda permission, audit labels).

Europe/Paris: UTC+1 until 28 March 2027, UTC+2 after.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

import pytest

from desktop.domain.cancellation import CANCEL_REASONS, cancel_origin, origin_of
from desktop.domain.errors import InvalidInput, PermissionDenied
from desktop.domain.history import ACTION_LABELS, action_label
from desktop.domain.model import (
    Actor,
    CancelOrigin,
    Priority,
    Role,
    Slot,
    TimeOfDay,
    WaitingEntry,
    WaitStatus,
)
from desktop.domain.permissions import (
    MATRIX,
    Action,
    allowed,
    owns_agenda,
    require_own_agenda,
)
from desktop.domain.scheduling import AgendaCalendar
from desktop.domain.waitlist import (
    MAX_NOTES,
    check_wishes,
    describe_wishes,
    matches,
    ordered,
    sort_key,
    window_of,
)

PARIS = AgendaCalendar("Europe/Paris", "FR")
DEPT, OTHER_DEPT = 10, 20
DUPONT, MARTIN = 1, 2
REASON, OTHER_REASON = 100, 200
TODAY = date(2027, 3, 15)


def entry(**changes) -> WaitingEntry:
    base = WaitingEntry(
        id=1,
        patient_id=7,
        visit_reason_id=REASON,
        department_id=DEPT,
        created_at=datetime(2027, 3, 1, 9, tzinfo=UTC),
    )
    return dataclasses.replace(base, **changes)


def slot(local_day: date, hh: int, mm: int = 0, practitioner: int = DUPONT, reason: int = REASON):
    """A 30-minute slot at a Paris wall time."""
    start = PARIS.to_utc(datetime(local_day.year, local_day.month, local_day.day, hh, mm))
    return Slot(practitioner, reason, 1, start, start + timedelta(minutes=30))


MONDAY = date(2027, 3, 22)
THURSDAY = date(2027, 3, 25)
SUMMER_MONDAY = date(2027, 4, 5)


# --- matches --------------------------------------------------------------------------------


def test_a_bare_entry_matches_any_slot_of_its_reason_in_its_department() -> None:
    assert matches(entry(), slot(MONDAY, 9), PARIS, DEPT)
    assert matches(entry(), slot(THURSDAY, 17, practitioner=MARTIN), PARIS, DEPT)


def test_another_visit_reason_never_matches() -> None:
    assert not matches(entry(), slot(MONDAY, 9, reason=OTHER_REASON), PARIS, DEPT)


def test_without_practitioner_the_department_decides() -> None:
    assert not matches(entry(), slot(MONDAY, 9), PARIS, OTHER_DEPT)


def test_with_a_practitioner_only_theirs_match_whatever_the_department() -> None:
    wanted = entry(practitioner_id=DUPONT)
    assert matches(wanted, slot(MONDAY, 9), PARIS, DEPT)
    assert not matches(wanted, slot(MONDAY, 9, practitioner=MARTIN), PARIS, DEPT)


def test_only_waiting_entries_match() -> None:
    for status in (WaitStatus.BOOKED, WaitStatus.REMOVED):
        assert not matches(entry(status=status), slot(MONDAY, 9), PARIS, DEPT)


def test_wished_weekdays_are_local_days() -> None:
    mondays_and_thursdays = entry(weekdays=frozenset({0, 3}))
    assert matches(mondays_and_thursdays, slot(MONDAY, 9), PARIS, DEPT)
    assert matches(mondays_and_thursdays, slot(THURSDAY, 9), PARIS, DEPT)
    assert not matches(mondays_and_thursdays, slot(date(2027, 3, 23), 9), PARIS, DEPT)
    # 00:30 on Tuesday in Paris is still Monday in UTC: the local day counts.
    tuesday_night = slot(date(2027, 3, 23), 0, 30)
    assert tuesday_night.start.weekday() == 0
    assert not matches(entry(weekdays=frozenset({0})), tuesday_night, PARIS, DEPT)
    assert matches(entry(weekdays=frozenset({1})), tuesday_night, PARIS, DEPT)


@pytest.mark.parametrize(
    ("hh", "mm", "morning", "afternoon"),
    [(8, 0, True, False), (11, 45, True, False), (12, 0, False, True), (17, 30, False, True)],
)
def test_time_of_day_reads_the_local_start(hh: int, mm: int, morning: bool, afternoon: bool):
    for day in (MONDAY, SUMMER_MONDAY):  # both sides of the spring change
        s = slot(day, hh, mm)
        assert matches(entry(time_window=TimeOfDay.MORNING), s, PARIS, DEPT) is morning
        assert matches(entry(time_window=TimeOfDay.AFTERNOON), s, PARIS, DEPT) is afternoon
        assert matches(entry(time_window=TimeOfDay.ANY), s, PARIS, DEPT)


def test_not_before_and_deadline_are_inclusive_local_dates() -> None:
    bounded = entry(not_before=MONDAY, deadline=THURSDAY)
    assert not matches(bounded, slot(MONDAY - timedelta(days=1), 9), PARIS, DEPT)
    assert matches(bounded, slot(MONDAY, 0, 15), PARIS, DEPT)
    assert matches(bounded, slot(THURSDAY, 23, 0), PARIS, DEPT)
    assert not matches(bounded, slot(THURSDAY + timedelta(days=1), 0, 30), PARIS, DEPT)
    assert matches(entry(not_before=MONDAY), slot(SUMMER_MONDAY, 9), PARIS, DEPT)
    assert matches(entry(deadline=THURSDAY), slot(MONDAY, 9), PARIS, DEPT)


def test_window_of() -> None:
    assert window_of(TimeOfDay.ANY) is None
    assert window_of("morning").contains(datetime(2027, 1, 1, 11, 59).time())
    assert not window_of(TimeOfDay.AFTERNOON).contains(datetime(2027, 1, 1, 11, 59).time())


# --- order ----------------------------------------------------------------------------------


def test_priority_first_then_the_oldest_then_the_lowest_id() -> None:
    day = datetime(2027, 3, 1, tzinfo=UTC)
    old_normal = entry(id=1, created_at=day)
    new_urgent = entry(id=2, priority=Priority.URGENT, created_at=day + timedelta(days=9))
    old_high = entry(id=3, priority=Priority.HIGH, created_at=day)
    new_high = entry(id=4, priority=Priority.HIGH, created_at=day + timedelta(days=1))
    twin_high = entry(id=5, priority=Priority.HIGH, created_at=day)
    undated = entry(id=6, priority=Priority.HIGH, created_at=None)
    result = ordered([old_normal, undated, new_high, twin_high, new_urgent, old_high])
    assert [e.id for e in result] == [2, 3, 5, 4, 6, 1]
    assert sort_key(new_urgent) < sort_key(old_high)


# --- checked wishes -------------------------------------------------------------------------


def wishes(**changes):
    options = {
        "weekdays": frozenset(),
        "time_window": "any",
        "not_before": None,
        "deadline": None,
        "priority": 0,
        "notes": "",
        "today": TODAY,
    }
    options.update(changes)
    return check_wishes(**options)


def test_wishes_are_normalised() -> None:
    checked = wishes(
        weekdays={4, 0},
        time_window="afternoon",
        not_before=TODAY,
        deadline=TODAY,
        priority=2,
        notes="  rappeler après 17 h  ",
    )
    assert checked.weekdays == frozenset({0, 4})
    assert checked.time_window is TimeOfDay.AFTERNOON
    assert checked.priority is Priority.URGENT
    assert (checked.not_before, checked.deadline) == (TODAY, TODAY)
    assert checked.notes == "rappeler après 17 h"


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"weekdays": {7}}, "Jours souhaités invalides"),
        ({"weekdays": {-1}}, "Jours souhaités invalides"),
        ({"weekdays": {True}}, "Jours souhaités invalides"),
        ({"weekdays": {"lundi"}}, "Jours souhaités invalides"),
        ({"time_window": "soir"}, "Moment de la journée inconnu : « soir »"),
        ({"priority": 3}, "Priorité inconnue : « 3 »"),
        ({"priority": -1}, "Priorité inconnue"),
        ({"deadline": TODAY - timedelta(days=1)}, "La date limite (14/03/2027) est déjà passée"),
        (
            {"not_before": date(2027, 4, 2), "deadline": date(2027, 4, 1)},
            "« pas avant le » (02/04/2027) est après la date limite (01/04/2027)",
        ),
        ({"deadline": datetime(2027, 4, 1, 9)}, "La date limite doit être une date"),
        ({"not_before": "2027-04-01"}, "« pas avant le » doit être une date"),
        ({"notes": "x" * (MAX_NOTES + 1)}, f"ne peut dépasser {MAX_NOTES} caractères"),
    ],
)
def test_bad_wishes_are_refused_in_french(changes: dict, words: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        wishes(**changes)
    assert words in refused.value.message


def test_describe_wishes() -> None:
    assert describe_wishes(entry()) == "sans préférence"
    assert (
        describe_wishes(
            entry(
                weekdays=frozenset({3, 0}),
                time_window=TimeOfDay.MORNING,
                not_before=date(2027, 4, 1),
                deadline=date(2027, 4, 30),
            )
        )
        == "lundi, jeudi · matin · à partir du 01/04/2027 · au plus tard le 30/04/2027"
    )


def test_labels() -> None:
    assert [s.label for s in WaitStatus] == ["En attente", "Rendez-vous pris", "Retiré"]
    assert [t.label for t in TimeOfDay] == ["Indifférent", "Matin", "Après-midi"]
    assert [p.label for p in Priority] == ["Normale", "Haute", "Urgente"]
    assert CancelOrigin.PATIENT.label == "le patient"
    assert CancelOrigin.HOSPITAL.label == "l'hôpital"


# --- cancellation reasons -------------------------------------------------------------------


def test_every_listed_reason_has_an_origin() -> None:
    assert list(CANCEL_REASONS)[:2] == ["Annulé par le patient", "Empêchement du patient"]
    assert set(CANCEL_REASONS.values()) == set(CancelOrigin)
    for label, origin in CANCEL_REASONS.items():
        assert origin_of(label) is origin
    assert CANCEL_REASONS["Absence du praticien"] is CancelOrigin.HOSPITAL
    assert CANCEL_REASONS["Erreur de saisie"] is CancelOrigin.HOSPITAL


def test_origin_of_ignores_spacing_and_case_and_knows_no_typed_reason() -> None:
    assert origin_of("  annulé   PAR le patient ") is CancelOrigin.PATIENT
    assert origin_of("Le patient a déménagé") is None
    assert origin_of("") is None


def test_cancel_origin_prefers_the_given_origin() -> None:
    assert cancel_origin("Annulé par le patient", None) is CancelOrigin.PATIENT
    assert cancel_origin("Annulé par le patient", "") is CancelOrigin.PATIENT
    assert cancel_origin("Annulé par le patient", "hospital") is CancelOrigin.HOSPITAL
    assert cancel_origin("Texte libre", CancelOrigin.PATIENT) is CancelOrigin.PATIENT
    assert cancel_origin("Texte libre", None) is None
    with pytest.raises(InvalidInput, match="Origine d'annulation inconnue : « médecin »"):
        cancel_origin("Texte libre", "médecin")


# --- permissions ----------------------------------------------------------------------------


def test_every_role_manages_waiting_list_and_absences() -> None:
    for role in Role:
        for action in (Action.MANAGE_WAITLIST, Action.MANAGE_ABSENCES):
            assert action in MATRIX[role]
            assert allowed(Actor("x", role), action)


def test_a_physician_manages_only_their_own_agenda() -> None:
    physician = Actor("dr", Role.PHYSICIAN, practitioner_id=DUPONT)
    assert owns_agenda(physician, DUPONT)
    assert not owns_agenda(physician, MARTIN)
    assert not owns_agenda(Actor("dr", Role.PHYSICIAN), DUPONT)  # no agenda of their own
    for role in (Role.SECRETARY, Role.ADMIN):
        assert owns_agenda(Actor("x", role), MARTIN)
    require_own_agenda(physician, DUPONT)
    with pytest.raises(PermissionDenied, match="Un médecin ne peut gérer que son propre agenda"):
        require_own_agenda(physician, MARTIN)


def test_audit_actions_read_in_french() -> None:
    assert action_label("appointment.rebook").startswith("Rendez-vous reprogrammé")
    assert action_label("waitlist.book") == "Rendez-vous pris depuis la liste d'attente"
    assert action_label("something.new") == "something.new"
    assert all(label and label[0].isupper() for label in ACTION_LABELS.values())
