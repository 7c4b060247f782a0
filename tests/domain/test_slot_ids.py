from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.errors import InvalidInput
from desktop.domain.slot_ids import parse_slot_id, schedule_id, slot_id

FHIR_ID = r"^[A-Za-z0-9\-.]{1,64}$"


def test_a_slot_id_names_practitioner_reason_and_utc_start():
    paris_summer = timezone(timedelta(hours=2))
    start = datetime(2027, 3, 29, 9, 0, tzinfo=paris_summer)
    assert slot_id(12, 345, start) == "slot-12-345-20270329T0700Z"
    ref = parse_slot_id("slot-12-345-20270329T0700Z")
    assert ref == (12, 345, datetime(2027, 3, 29, 7, 0, tzinfo=UTC))
    assert schedule_id(12, 345) == "sch-12-345"


@given(
    st.integers(1, 10**12 - 1),
    st.integers(1, 10**12 - 1),
    st.datetimes(datetime(2000, 1, 1), datetime(2099, 12, 31)).map(
        lambda d: d.replace(second=0, microsecond=0, tzinfo=UTC)
    ),
)
def test_ids_round_trip_and_are_valid_fhir_ids(practitioner, reason, start):
    import re

    text = slot_id(practitioner, reason, start)
    assert re.match(FHIR_ID, text)
    assert parse_slot_id(text) == (practitioner, reason, start)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "slot-1-2-20270230T0900Z",
        "slot-a-2-20270301T0900Z",
        "slot-1-2-20270301T0900",
        None,
        42,
        "slot-1-2-20270301T0900Z; DROP TABLE",
    ],
)
def test_anything_else_is_refused_in_french(text):
    with pytest.raises(InvalidInput, match="Identifiant de créneau invalide"):
        parse_slot_id(text)


def test_a_naive_start_is_a_programming_error():
    with pytest.raises(ValueError):
        slot_id(1, 2, datetime(2027, 1, 1, 9))
