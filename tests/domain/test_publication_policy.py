"""The publication policy: horizon, embargoes, an even and deterministic share, precedence."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from desktop.domain.errors import InvalidInput
from desktop.domain.publication_policy import (
    EffectivePolicy,
    Embargo,
    PublicationPolicy,
    PublicationTarget,
    check_policy,
    check_target,
    expose,
    index_policies,
    last_day,
    resolve,
    target_from_json,
    target_to_json,
)

PARIS = ZoneInfo("Europe/Paris")
TODAY = date(2027, 3, 15)


def local_day(moment: datetime) -> date:
    return moment.astimezone(PARIS).date()


def week_of_slots(per_day: int = 8, days: int = 28) -> list[tuple[datetime, datetime]]:
    """``per_day`` 30-minute slots from 09:00 local each day."""
    spans = []
    for d in range(days):
        base = datetime(2027, 3, 15, 8, 0, tzinfo=UTC) + timedelta(days=d)
        for k in range(per_day):
            start = base + timedelta(minutes=30 * k)
            spans.append((start, start + timedelta(minutes=30)))
    return spans


def test_the_horizon_ends_on_the_last_day_of_the_last_week():
    assert last_day(TODAY, 1) == date(2027, 3, 21)
    spans = week_of_slots()
    kept = expose(spans, EffectivePolicy(2), TODAY, local_day)
    assert local_day(kept[-1][0]) == date(2027, 3, 28) and len(kept) == 14 * 8


def test_embargoed_days_publish_nothing():
    policy = EffectivePolicy(4, 100, (Embargo(date(2027, 3, 17), date(2027, 3, 18), "DU"),))
    kept = expose(week_of_slots(), policy, TODAY, local_day)
    days = {local_day(s) for s, _ in kept}
    assert date(2027, 3, 17) not in days and date(2027, 3, 18) not in days
    assert date(2027, 3, 16) in days and date(2027, 3, 19) in days


@pytest.mark.parametrize("percent", [10, 25, 50, 75, 90])
def test_the_share_is_spread_evenly_over_every_day_not_the_first_slots(percent):
    spans = week_of_slots()
    kept = expose(spans, EffectivePolicy(4, percent), TODAY, local_day)
    assert abs(len(kept) - len(spans) * percent / 100) <= 1
    per_day: dict[date, int] = {}
    for start, _ in kept:
        per_day[local_day(start)] = per_day.get(local_day(start), 0) + 1
    expected = 8 * percent / 100
    assert all(abs(n - expected) <= 1 for n in per_day.values())
    assert len(per_day) == 28 or percent < 13  # every day gets its share
    assert kept != spans[: len(kept)]  # not the first ones
    assert kept == expose(spans, EffectivePolicy(4, percent), TODAY, local_day)  # deterministic
    first_day = [s for s, _ in kept if local_day(s) == TODAY]
    if len(first_day) >= 2:  # spread through the day, not bunched in the morning
        assert first_day[-1] - first_day[0] >= timedelta(hours=2)


def test_a_reason_policy_wins_over_the_practitioners_which_wins_over_the_default():
    policies = index_policies(
        [
            PublicationPolicy(1, 12, None, 6, 50),
            PublicationPolicy(2, 12, 345, None, 30, (Embargo(TODAY, TODAY),)),
        ]
    )
    assert resolve(policies, 12, 345, 8) == EffectivePolicy(8, 30, (Embargo(TODAY, TODAY),))
    assert resolve(policies, 12, 999, 8) == EffectivePolicy(6, 50)
    assert resolve(policies, 13, 345, 8) == EffectivePolicy(8)
    # ``--weeks`` replaces the default and bounds the policies.
    assert resolve(policies, 12, 999, 8, cap_weeks=4) == EffectivePolicy(4, 50)
    assert resolve(policies, 13, 345, 8, cap_weeks=12) == EffectivePolicy(12)


@pytest.mark.parametrize(
    ("weeks", "share", "embargoes", "message"),
    [
        (0, 100, (), "Horizon"),
        (53, 100, (), "Horizon"),
        (4, 0, (), "Part des créneaux"),
        (4, 101, (), "Part des créneaux"),
        (4, True, (), "Part des créneaux"),
        (4, 50, (Embargo(date(2027, 3, 2), date(2027, 3, 1)),), "précède"),
        (4, 50, (Embargo(TODAY, TODAY, "x" * 201),), "200 caractères"),
    ],
)
def test_a_bad_policy_is_refused_in_french(weeks, share, embargoes, message):
    with pytest.raises(InvalidInput, match=message):
        check_policy(weeks, share, embargoes)


def test_a_good_policy_is_kept_with_its_embargoes_in_order():
    later, sooner = Embargo(date(2027, 5, 1), date(2027, 5, 2)), Embargo(TODAY, TODAY, "  Pont  ")
    assert check_policy(None, 40, [later, sooner]) == (
        None,
        40,
        (Embargo(TODAY, TODAY, "Pont"), later),
    )


def test_the_publication_target_round_trips_and_falls_back_to_defaults():
    target = check_target("  /srv/www/creneaux ", False)
    assert target == PublicationTarget("/srv/www/creneaux", False)
    assert target_from_json(target_to_json(target)) == target
    assert target_from_json(None) == PublicationTarget()
    assert target_from_json({"out_dir": 3, "auto_publish": "yes"}) == PublicationTarget("3", True)
    with pytest.raises(InvalidInput, match="trop long"):
        check_target("x" * 501, True)
