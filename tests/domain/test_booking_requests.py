"""The booking request schema and its checks: every problem named in French, per field."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from desktop.domain import settings as rules
from desktop.domain.booking_requests import (
    FIELDS,
    MAX_BODY_BYTES,
    REQUEST_SCHEMA,
    BookingRequest,
    InvalidRequest,
    RateLimiter,
    RequestStatus,
    check_decision_reason,
    client_fingerprint,
    parse_request,
    time_left,
)
from desktop.domain.errors import InvalidInput

TODAY = date(2027, 3, 15)
SLOT = "slot-12-345-20270322T0800Z"


def body(**changes) -> bytes:
    data = {
        "slot": SLOT,
        "family_name": "Dupont",
        "given_names": "Élodie",
        "birth_date": "1980-02-29",
        "phone": "06 12 34 56 78",
        "email": "elodie@example.fr",
        "message": "Plutôt le matin",
    }
    data.update(changes)
    return json.dumps({k: v for k, v in data.items() if v is not ...}).encode()


def problems(raw: bytes) -> dict[str, str]:
    with pytest.raises(InvalidRequest) as caught:
        parse_request(raw, TODAY)
    assert caught.value.message.startswith(
        ("Demande invalide", "Demande illisible", "Demande trop")
    )
    return caught.value.errors


def test_a_valid_request_is_read_with_its_phone_in_e164():
    found = parse_request(body(), TODAY)
    assert found.slot_id == SLOT
    assert found.slot.practitioner_id == 12 and found.slot.visit_reason_id == 345
    assert found.slot.start == datetime(2027, 3, 22, 8, 0, tzinfo=UTC)
    assert (found.family_name, found.given_names) == ("Dupont", "Élodie")
    assert found.birth_date == date(1980, 2, 29)
    assert found.phone == "+33612345678"
    assert found.email == "elodie@example.fr"
    assert found.message == "Plutôt le matin"


def test_optional_fields_may_be_left_out_or_empty():
    found = parse_request(body(email=..., message=""), TODAY)
    assert (found.email, found.message) == ("", "")
    assert parse_request(body(email=None), TODAY).email == ""


@pytest.mark.parametrize(
    "phone, e164",
    [
        ("+33 (0)6 12 34 56 78", "+33612345678"),
        ("0033612345678", "+33612345678"),
        ("０６１２３４５６７８", "+33612345678"),
        ("+32 470 12 34 56", "+32470123456"),
        ("0692 12 34 56", "+262692123456"),
    ],
)
def test_french_and_international_phones_are_accepted(phone, e164):
    assert parse_request(body(phone=phone), TODAY).phone == e164


def test_every_missing_field_is_named():
    errors = problems(json.dumps({"slot": SLOT}).encode())
    assert set(errors) == {"family_name", "given_names", "birth_date", "phone"}
    assert errors["phone"] == "Le champ « téléphone » est obligatoire."


@pytest.mark.parametrize(
    "changes, field, words",
    [
        ({"family_name": 12}, "family_name", "doit être un texte"),
        ({"phone": ["06"]}, "phone", "doit être un texte"),
        ({"family_name": "x" * 101}, "family_name", "dépasse 100 caractères"),
        ({"message": "x" * 501}, "message", "dépasse 500 caractères"),
        ({"given_names": "   "}, "given_names", "obligatoire"),
        ({"slot": "slot-1-2-x"}, "slot", "Identifiant de créneau invalide"),
        ({"birth_date": "29/02/1980"}, "birth_date", "AAAA-MM-JJ"),
        ({"birth_date": "1981-02-29"}, "birth_date", "AAAA-MM-JJ"),
        ({"birth_date": "2027-03-16"}, "birth_date", "dans le futur"),
        ({"birth_date": "1899-12-31"}, "birth_date", "antérieure à 1900"),
        ({"phone": "06 12 34"}, "phone", ""),
        ({"phone": "06 12 34 56 78; DROP TABLE"}, "phone", ""),
        ({"email": "pas une adresse"}, "email", "Adresse électronique invalide"),
        ({"email": "a@b"}, "email", "Adresse électronique invalide"),
        ({"email": "a\x00@b.fr"}, "email", "Adresse électronique invalide"),
    ],
)
def test_wrong_values_are_refused_with_the_field_and_why(changes, field, words):
    errors = problems(body(**changes))
    assert list(errors) == [field]
    assert words in errors[field]


def test_unknown_fields_are_refused():
    errors = problems(body(ins="1 80 02 75 123 456 78"))
    assert errors == {"_": "Champ inconnu : « ins »."}


def test_the_message_names_the_first_problem_and_counts_the_others():
    with pytest.raises(InvalidRequest) as caught:
        parse_request(body(phone="", birth_date="demain"), TODAY)
    assert caught.value.message == (
        "Demande invalide : date de naissance invalide « demain » (AAAA-MM-JJ). "
        "(et 1 autre(s) problème(s))"
    )


@pytest.mark.parametrize(
    "raw, words",
    [
        (b"\xff\xfe{}", "UTF-8"),
        (b"{'slot': 1}", "pas du JSON valide"),
        (b"[1, 2]", "un objet JSON est attendu"),
        (b"", "pas du JSON valide"),
    ],
)
def test_unreadable_bodies_are_refused_without_field_errors(raw, words):
    assert problems(raw) == {}
    with pytest.raises(InvalidRequest, match=words):
        parse_request(raw, TODAY)


def test_a_body_over_the_limit_is_refused_before_reading_it():
    raw = body(message="x" * MAX_BODY_BYTES)
    with pytest.raises(InvalidRequest, match="trop volumineuse"):
        parse_request(raw, TODAY)


def test_names_are_cleaned_as_a_secretary_would_type_them():
    found = parse_request(body(family_name="  d'Arc\u202e-Ménard ", given_names="Jean\tLuc"), TODAY)
    assert found.family_name == "d'Arc-Ménard"
    assert found.given_names == "Jean Luc"


def test_the_schema_documents_exactly_the_fields_checked():
    assert set(REQUEST_SCHEMA["properties"]) == set(FIELDS)
    assert REQUEST_SCHEMA["required"] == [n for n, (_, required, _) in FIELDS.items() if required]
    assert REQUEST_SCHEMA["additionalProperties"] is False
    for name, (_, _, limit) in FIELDS.items():
        assert REQUEST_SCHEMA["properties"][name]["maxLength"] == limit
    json.dumps(REQUEST_SCHEMA)


def test_a_decline_needs_a_short_reason():
    assert check_decision_reason("  Demande en double\n") == "Demande en double"
    with pytest.raises(InvalidInput, match="motif du refus"):
        check_decision_reason(" ")
    with pytest.raises(InvalidInput, match="500"):
        check_decision_reason("x" * 501)


def test_the_sender_is_kept_as_a_salted_hash():
    one = client_fingerprint("203.0.113.7", "sel")
    assert one == client_fingerprint("203.0.113.7", "sel")
    assert one != client_fingerprint("203.0.113.7", "autre sel")
    assert "203.0.113.7" not in one and len(one) == 32


def test_time_left_of_a_hold():
    now = datetime(2027, 3, 15, 9, 0, tzinfo=UTC)
    assert time_left(None, now) == ""
    assert time_left(now + timedelta(minutes=65), now) == "reste 1 h 05"
    assert time_left(now + timedelta(minutes=12, seconds=30), now) == "reste 12 min"
    assert time_left(now + timedelta(seconds=20), now) == "reste 1 min"
    assert time_left(now, now) == "expirée"


def test_statuses_have_french_labels_and_holding_ones_hold():
    assert RequestStatus.HELD.label == "En attente (créneau retenu)"
    now = datetime(2027, 3, 15, 9, 0, tzinfo=UTC)
    assert BookingRequest(1, now, RequestStatus.PROPOSED).holding
    assert not BookingRequest(1, now, RequestStatus.EXPIRED).holding


def test_the_rate_limit_is_a_sliding_window_per_key():
    limiter = RateLimiter(2, window=60)
    assert limiter.allow("a", 0) and limiter.allow("a", 10)
    assert not limiter.allow("a", 20)
    assert limiter.retry_after("a", 20) == 41
    assert limiter.allow("b", 20)
    assert limiter.retry_after("b", 20) == 0
    assert limiter.allow("a", 61)
    with pytest.raises(ValueError):
        RateLimiter(0)


def test_the_rate_limit_forgets_old_senders_when_full():
    limiter = RateLimiter(1, window=10, max_keys=2)
    assert limiter.allow("a", 0) and limiter.allow("b", 0)
    assert limiter.allow("c", 20)  # a and b are forgotten, not refused
    assert not limiter.allow("c", 21)
    assert limiter.allow("d", 21) and limiter.allow("e", 22)  # full of recent ones: cleared


def test_request_settings_are_checked_and_read_back_with_defaults():
    kept = rules.check_publication(
        "", "", 8, "", request_url="https://hopital.example/demandes", hold_minutes=30,
        requests_per_hour=5,
    )  # fmt: skip
    back = rules.publication_from_json(rules.publication_to_json(kept))
    assert (back.request_url, back.hold_minutes, back.requests_per_hour) == (
        "https://hopital.example/demandes", 30, 5,
    )  # fmt: skip
    with pytest.raises(InvalidInput, match="Durée de réservation provisoire"):
        rules.check_publication("", "", 8, "", hold_minutes=2)
    with pytest.raises(InvalidInput, match="Demandes par heure"):
        rules.check_publication("", "", 8, "", requests_per_hour=0)
    with pytest.raises(InvalidInput, match="Adresse des demandes"):
        rules.check_publication("", "", 8, "", request_url="ftp://x")
    damaged = rules.publication_from_json({"hold_minutes": "long", "requests_per_hour": True})
    assert (damaged.hold_minutes, damaged.requests_per_hour) == (
        rules.DEFAULT_HOLD_MINUTES, rules.DEFAULT_REQUESTS_PER_HOUR,
    )  # fmt: skip


def test_the_schema_itself_accepts_a_valid_request_and_refuses_the_wrong_shapes():
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(REQUEST_SCHEMA)
    validator.check_schema(REQUEST_SCHEMA)
    assert validator.is_valid(json.loads(body()))
    for wrong in (body(family_name=12), body(ins="x"), body(phone=...), body(slot="slot-x")):
        assert not validator.is_valid(json.loads(wrong))
