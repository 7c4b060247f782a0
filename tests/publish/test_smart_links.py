"""The FHIR resources and the manifest of the feed: valid FHIR R4, ids, offsets, fast lines."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fhir.resources.R4B.location import Location
from fhir.resources.R4B.schedule import Schedule
from fhir.resources.R4B.slot import Slot

from desktop.domain.model import Department, Practitioner, Site, VisitReason
from desktop.domain.slot_ids import parse_slot_id, slot_id
from desktop.publish.smart_links import (
    BOOKING_PHONE_URL,
    DEEP_LINK_URL,
    FeedContext,
    OutputFile,
    SlotLines,
    dumps,
    instant,
    location_resource,
    manifest,
    schedule_resource,
    slot_resource,
    week_name,
)

PARIS = ZoneInfo("Europe/Paris")
CONTEXT = FeedContext(
    "https://hopital.example/creneaux", "https://hopital.example/rdv", "+33149282000", PARIS
)
SITE = Site(3, "SAT", "Site Saint-Antoine", "184 rue du Faubourg Saint-Antoine, 75012 Paris")
DEPARTMENT = Department(2, "CARDIO", "Cardiologie", 3)
DUPONT = Practitioner(12, "DUPONT", "Dr Marie Dupont", 2)
REASON = VisitReason(345, "CARDIO-1", 2, "Première consultation", 30, online=True,
                     instructions="Apporter vos examens ; à jeun.")  # fmt: skip


def test_a_location_is_valid_fhir_with_address_phone_and_the_hospitals_identifier():
    resource = location_resource(SITE, CONTEXT, "+33 1 49 28 20 00")
    parsed = Location.model_validate(resource)
    assert parsed.id == "loc-3" and parsed.name == "Site Saint-Antoine"
    assert parsed.address.postalCode == "75012" and parsed.address.city == "Paris"
    assert parsed.address.line == ["184 rue du Faubourg Saint-Antoine"]
    assert parsed.telecom[0].system == "phone" and parsed.telecom[0].value == "+33 1 49 28 20 00"
    assert parsed.identifier[0].system == "https://hopital.example/creneaux/fhir/sid/site"
    assert parsed.identifier[0].value == "SAT"


def test_a_schedule_names_the_location_the_practitioner_the_reason_and_the_department():
    start = datetime(2027, 3, 14, 23, tzinfo=UTC)
    resource = schedule_resource(
        DUPONT, REASON, DEPARTMENT, [SITE], CONTEXT, (start, start + timedelta(weeks=4))
    )
    parsed = Schedule.model_validate(resource)
    assert parsed.id == "sch-12-345"
    assert parsed.actor[0].reference == "Location/loc-3"
    assert parsed.actor[1].display == "Dr Marie Dupont" and parsed.actor[1].type == "Practitioner"
    coding = parsed.serviceType[0].coding[0]
    assert (coding.code, coding.display) == ("CARDIO-1", "Première consultation")
    assert coding.system == "https://hopital.example/creneaux/fhir/CodeSystem/visit-reason"
    assert parsed.specialty[0].coding[0].display == "Cardiologie"
    assert parsed.comment == "Apporter vos examens ; à jeun."
    assert resource["planningHorizon"]["start"] == "2027-03-15T00:00:00+01:00"
    assert resource["planningHorizon"]["end"] == "2027-04-12T01:00:00+02:00"


@pytest.mark.parametrize(
    ("utc", "local"),
    [
        # The last Monday of winter time and the first of summer time (change on 28/03/2027).
        (datetime(2027, 3, 22, 8, 0, tzinfo=UTC), "2027-03-22T09:00:00+01:00"),
        (datetime(2027, 3, 29, 7, 0, tzinfo=UTC), "2027-03-29T09:00:00+02:00"),
        # Around the autumn change (31/10/2027): the repeated hour keeps two instants.
        (datetime(2027, 10, 31, 0, 30, tzinfo=UTC), "2027-10-31T02:30:00+02:00"),
        (datetime(2027, 10, 31, 1, 30, tzinfo=UTC), "2027-10-31T02:30:00+01:00"),
    ],
)
def test_instants_carry_the_hospitals_offset_on_both_sides_of_a_change(utc, local):
    assert instant(utc, PARIS) == local
    resource = slot_resource(12, 345, utc, utc + timedelta(minutes=30), CONTEXT)
    assert resource["start"] == local
    assert Slot.model_validate(resource).start == utc


def test_a_slot_is_valid_fhir_with_both_booking_extensions():
    start = datetime(2027, 3, 22, 8, 0, tzinfo=UTC)
    resource = slot_resource(12, 345, start, start + timedelta(minutes=30), CONTEXT)
    parsed = Slot.model_validate(resource)
    assert parsed.id == slot_id(12, 345, start) == "slot-12-345-20270322T0800Z"
    assert parse_slot_id(parsed.id) == (12, 345, start)
    assert parsed.schedule.reference == "Schedule/sch-12-345"
    assert resource["status"] == "free"
    links = {e.url: e for e in parsed.extension}
    assert links[DEEP_LINK_URL].valueUrl == "https://hopital.example/rdv?slot=" + parsed.id
    assert links[BOOKING_PHONE_URL].valueString == "+33149282000"


def test_a_booking_url_with_a_query_gets_the_slot_after_an_ampersand():
    context = FeedContext("https://h.example/", "https://h.example/rdv?lang=fr", "", PARIS)
    start = datetime(2027, 3, 22, 8, 0, tzinfo=UTC)
    resource = slot_resource(1, 2, start, start + timedelta(minutes=15), context)
    assert resource["extension"] == [
        {
            "url": DEEP_LINK_URL,
            "valueUrl": "https://h.example/rdv?lang=fr&slot=slot-1-2-20270322T0800Z",
        }
    ]  # no phone: no booking-phone extension


@pytest.mark.parametrize("phone", ["+33149282000", ""])
def test_the_fast_lines_are_exactly_the_resources_serialised(phone):
    context = FeedContext("https://h.example/c/", 'https://h.example/rdv?x="é"', phone, PARIS)
    lines = SlotLines(context)
    pieces = lines.prefix(7, 8)
    start = datetime(2027, 3, 26, 23, 15, tzinfo=UTC)
    for k in range(200):  # over the spring change and across weeks
        s = start + timedelta(minutes=45 * k)
        e = s + timedelta(minutes=30)
        week, text = lines.line(pieces, 7, 8, s, e)
        assert text == dumps(slot_resource(7, 8, s, e, context)) + "\n"
        assert json.loads(text)["id"] == slot_id(7, 8, s)
        assert week == week_name(s.astimezone(PARIS).date())


def test_slot_files_are_named_by_the_iso_week_of_the_local_date():
    assert week_name(datetime(2027, 1, 3).date()) == "slots-2026-W53.ndjson"
    assert week_name(datetime(2027, 3, 15).date()) == "slots-2027-W11.ndjson"


def test_the_manifest_lists_typed_files_with_urls_counts_and_digests():
    files = [
        OutputFile("slots-2027-W12.ndjson", "b" * 64, "Slot", 5),
        OutputFile("freebusy/practitioner-1.ics", "c" * 64),
        OutputFile("locations.ndjson", "a" * 64, "Location", 1),
        OutputFile("schedules.ndjson", "d" * 64, "Schedule", 2),
        OutputFile("slots-2027-W11.ndjson", "e" * 64, "Slot", 0),
    ]
    data = manifest(CONTEXT, datetime(2027, 3, 15, 9, 0, 0, 12, tzinfo=UTC), files)
    assert data["transactionTime"] == "2027-03-15T09:00:00Z"
    assert data["request"] == "https://hopital.example/creneaux/$bulk-publish"
    assert data["error"] == []
    assert [(o["type"], o["url"]) for o in data["output"]] == [
        ("Location", "https://hopital.example/creneaux/locations.ndjson"),
        ("Schedule", "https://hopital.example/creneaux/schedules.ndjson"),
        ("Slot", "https://hopital.example/creneaux/slots-2027-W11.ndjson"),
        ("Slot", "https://hopital.example/creneaux/slots-2027-W12.ndjson"),
    ]
    assert data["output"][3]["count"] == 5 and data["output"][3]["extension"] == {
        "sha256": "b" * 64
    }
    assert data["extension"] == {
        "files": [{"path": "freebusy/practitioner-1.ics", "sha256": "c" * 64}]
    }
    json.dumps(data)  # plain JSON
