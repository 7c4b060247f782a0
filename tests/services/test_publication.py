"""PublicationService on both engines: the feed is the slot engine's free slots for online
reasons within the horizon and policy, valid FHIR R4, stable, guarded, audited — and holds
nothing about any patient.

"Now" is TEST_NOW, Monday 2027-03-15 10:00 local. The small hospital opens Mondays
09:00–12:30 for DUPONT and MARTIN; CARDIO-1 (30 min) is online, CARDIO-SUIVI is not. Summer
time starts on 28/03/2027; Easter Monday (29/03) is a holiday.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from fhir.resources.R4B.location import Location
from fhir.resources.R4B.schedule import Schedule
from fhir.resources.R4B.slot import Slot
from sqlalchemy import select

from db.tables import AuditRow
from desktop.domain.errors import InvalidInput, PermissionDenied
from desktop.domain.publication_policy import Embargo, last_day
from desktop.domain.slot_ids import slot_id
from desktop.publish.smart_links import MANIFEST_NAME
from desktop.services.clock import FixedClock
from desktop.services.container import Services
from desktop.services.patients import PatientInput
from tests.conftest import TEST_NOW
from tests.fakes import ADMIN, SECRETARY, SMALL_TOML, small_hospital

TODAY = date(2027, 3, 15)
BASE = "https://hopital.example/creneaux/"
BOOKING = "https://hopital.example/rendez-vous"


@dataclass
class H:
    services: Services
    dupont: int
    martin: int
    first: int  # CARDIO-1, online
    followup: int  # CARDIO-SUIVI, not online

    @property
    def publication(self):
        return self.services.publication

    def engine_slots(self, weeks: int) -> dict[tuple[int, int], list]:
        """The slot engine's free slots of every practitioner for the online reason."""
        end = last_day(TODAY, weeks)
        return {
            (pid, self.first): [
                (s.start, s.end)
                for s in self.services.agenda.free_slots(self.first, TODAY, end, [pid])
            ]
            for pid in (self.dupont, self.martin)
        }


def configure(services: Services, horizon: int = 4) -> None:
    services.administration.settings.save_publication(
        ADMIN, BASE, BOOKING, horizon, "01 49 28 20 00"
    )


@pytest.fixture
def h(any_url) -> H:
    services = small_hospital(any_url, TEST_NOW)
    configure(services)
    practitioners = {p.code: p.id for p in services.agenda.practitioners()}
    reasons = {r.code: r.id for r in services.agenda.visit_reasons()}
    return H(
        services, practitioners["DUPONT"], practitioners["MARTIN"], reasons["CARDIO-1"],
        reasons["CARDIO-SUIVI"],
    )  # fmt: skip


def read_ndjson(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def slots_of(folder: Path) -> list[dict]:
    return [r for p in sorted(folder.glob("slots-*.ndjson")) for r in read_ndjson(p)]


def test_published_slots_are_the_engines_free_slots_for_online_reasons(h, tmp_path):
    patient = h.services.patients.create(
        SECRETARY, PatientInput("Durand", "Alice", date(1990, 1, 1))
    )
    start = datetime(2027, 3, 22, 9, 0, tzinfo=UTC)  # 10:00 local
    h.services.booking.book(SECRETARY, h.dupont, h.first, patient.id, start)
    exposed = h.publication.exposed_slots()
    assert exposed == h.engine_slots(4)  # CARDIO-SUIVI (not online) is absent
    assert all(s >= TEST_NOW for spans in exposed.values() for s, _ in spans)
    assert (start, start + timedelta(minutes=30)) not in exposed[(h.dupont, h.first)]
    report = h.publication.publish(ADMIN, tmp_path / "out")
    published = {(r["id"], r["start"], r["end"]) for r in slots_of(tmp_path / "out")}
    expected = {
        (slot_id(pid, rid, s), s.astimezone(h.services.structure.calendar().tz).isoformat(),
         e.astimezone(h.services.structure.calendar().tz).isoformat())
        for (pid, rid), spans in exposed.items() for s, e in spans
    }  # fmt: skip
    assert published == expected and report.slots == len(expected) > 0


def test_every_published_resource_is_valid_fhir_r4_and_the_manifest_lists_them(h, tmp_path):
    out = tmp_path / "out"
    h.publication.publish(ADMIN, out)
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["request"] == BASE + "$bulk-publish" and manifest["error"] == []
    assert manifest["transactionTime"] == "2027-03-15T09:00:00Z"
    types = [o["type"] for o in manifest["output"]]
    assert types[:2] == ["Location", "Schedule"] and set(types[2:]) == {"Slot"}
    assert [o["url"] for o in manifest["output"][2:]] == [
        BASE + f"slots-2027-W{w}.ndjson" for w in (11, 12, 13, 14)
    ]
    models = {"Location": Location, "Schedule": Schedule, "Slot": Slot}
    for item in manifest["output"]:
        resources = read_ndjson(out / item["url"].removeprefix(BASE))
        assert len(resources) == item["count"]
        for resource in resources:
            assert resource["resourceType"] == item["type"]
            models[item["type"]].model_validate(resource)
            if item["type"] == "Slot":
                assert resource["status"] == "free"
                assert resource["schedule"]["reference"] in {
                    f"Schedule/sch-{h.dupont}-{h.first}",
                    f"Schedule/sch-{h.martin}-{h.first}",
                }
    (location,) = read_ndjson(out / "locations.ndjson")
    assert location["telecom"][0]["value"] == "+33149282000"
    assert h.publication.verify(out).ok


def test_offsets_are_right_on_both_sides_of_the_spring_change(h, tmp_path):
    h.publication.publish(ADMIN, tmp_path / "out")
    starts = {r["start"] for r in slots_of(tmp_path / "out")}
    assert "2027-03-22T09:00:00+01:00" in starts  # winter: 09:00 local is 08:00Z
    assert "2027-04-05T09:00:00+02:00" in starts  # summer: 09:00 local is 07:00Z
    assert not any(s.startswith("2027-03-29") for s in starts)  # Easter Monday
    assert slot_id(h.dupont, h.first, datetime(2027, 4, 5, 7, tzinfo=UTC)) in {
        r["id"] for r in slots_of(tmp_path / "out")
    }


def test_ids_are_stable_from_one_publication_to_the_next(h, tmp_path):
    first = tmp_path / "out"
    h.publication.publish(ADMIN, first)
    before = {r["id"]: r for r in slots_of(first)}
    schedules = read_ndjson(first / "schedules.ndjson")
    later = Services.create(h.services.db, FixedClock(TEST_NOW + timedelta(hours=1)))
    later.publication.publish(ADMIN, first)
    after = {r["id"]: r for r in slots_of(first)}
    assert read_ndjson(first / "schedules.ndjson")[0]["id"] == schedules[0]["id"]
    common = before.keys() & after.keys()
    assert len(common) == len(after) > 10  # an hour later, only the first ones are gone
    assert all(before[k] == after[k] for k in common)
    assert json.loads((first / MANIFEST_NAME).read_text())["transactionTime"].startswith(
        "2027-03-15T10:00"
    )


def test_policies_narrow_the_feed_and_are_guarded_and_audited(h, tmp_path):
    everything = h.publication.exposed_slots()[(h.dupont, h.first)]
    policy = h.publication.save_policy(
        ADMIN, h.dupont, None, 2, 50, [Embargo(date(2027, 3, 22), date(2027, 3, 22), "Congrès")]
    )
    kept = h.publication.exposed_slots()[(h.dupont, h.first)]
    assert kept and all(s.date() < date(2027, 3, 29) for s, _ in kept)
    assert not any(s.date() == date(2027, 3, 22) for s, _ in kept)
    assert len(kept) < len(everything)
    assert (
        h.publication.exposed_slots()[(h.martin, h.first)] == h.engine_slots(4)[(h.martin, h.first)]
    )  # the other practitioner keeps the default
    reason_policy = h.publication.save_policy(ADMIN, h.dupont, h.first, None, 100)
    assert h.publication.exposed_slots()[(h.dupont, h.first)] == everything  # reason wins
    with pytest.raises(InvalidInput, match="déjà une politique"):
        h.publication.save_policy(ADMIN, h.dupont, None, 3, 100)
    with pytest.raises(InvalidInput, match="Part des créneaux"):
        h.publication.save_policy(ADMIN, h.martin, None, 3, 0)
    with pytest.raises(PermissionDenied):
        h.publication.save_policy(SECRETARY, h.martin, None, 3, 50)
    updated = h.publication.save_policy(ADMIN, h.dupont, None, 3, 40, [], policy_id=policy.id)
    assert updated.embargoes == () and updated.share_percent == 40
    h.publication.delete_policy(ADMIN, reason_policy.id)
    assert [p.id for p in h.publication.policies()] == [policy.id]
    with h.services.db.read() as s:
        actions = [r.action for r in s.scalars(select(AuditRow).order_by(AuditRow.id))]
    assert actions[-5:] == [
        "publication_policy.create", "publication_policy.create", "refused",
        "publication_policy.update", "publication_policy.delete",
    ]  # fmt: skip


def test_publishing_is_guarded_audited_and_needs_its_settings(h, tmp_path):
    with pytest.raises(PermissionDenied):
        h.publication.publish(SECRETARY, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    with pytest.raises(InvalidInput, match="Aucun dossier de publication"):
        h.publication.publish(ADMIN)
    with pytest.raises(InvalidInput, match="hors des bornes"):
        h.publication.publish(ADMIN, tmp_path / "out", weeks=60)
    report = h.publication.publish(ADMIN, tmp_path / "out", weeks=1)
    assert report.weeks == 1 and report.schedules == 2
    with h.services.db.read() as s:
        last = s.scalars(select(AuditRow).order_by(AuditRow.id.desc())).first()
        action, actor, after = last.action, last.actor, last.after
    assert action == "publication.publish" and actor == ADMIN.login
    assert after["slots"] == report.slots
    assert after["manifest_sha256"] == report.manifest_sha256


def test_the_publication_folder_setting_drives_the_automatic_republication(h, tmp_path):
    assert h.publication.republish_if_configured() is None  # no folder yet
    with pytest.raises(PermissionDenied):
        h.publication.save_target(SECRETARY, str(tmp_path / "auto"), True)
    h.publication.save_target(ADMIN, str(tmp_path / "auto"), True)
    report = h.publication.republish_if_configured()
    assert report is not None and h.publication.verify(tmp_path / "auto").ok
    h.publication.save_target(ADMIN, str(tmp_path / "auto"), False)
    assert h.publication.republish_if_configured() is None
    assert h.publication.target().out_dir == str(tmp_path / "auto")


def test_a_missing_public_address_is_said_in_french(sqlite_url, tmp_path):
    services = small_hospital(sqlite_url, TEST_NOW)
    with pytest.raises(InvalidInput, match="Adresse publique du flux"):
        services.publication.publish(ADMIN, tmp_path / "out")


def test_the_minimum_notice_of_an_online_reason_is_respected(sqlite_url, tmp_path):
    toml = SMALL_TOML.replace(
        'label = "Consultation de suivi"\nduration_min = 15\n',
        'label = "Consultation de suivi"\nduration_min = 15\nonline = true\n'
        "min_notice_hours = 170\n",
    )
    services = Services.open(sqlite_url, FixedClock(TEST_NOW))
    services.structure.import_text(ADMIN, toml, "essai.toml")
    configure(services)
    reasons = {r.code: r.id for r in services.agenda.visit_reasons()}
    exposed = services.publication.exposed_slots()
    followups = [s for (_, rid), spans in exposed.items() if rid == reasons["CARDIO-SUIVI"]
                 for s, _ in spans]  # fmt: skip
    firsts = [s for (_, rid), spans in exposed.items() if rid == reasons["CARDIO-1"]
              for s, _ in spans]  # fmt: skip
    assert min(firsts) < TEST_NOW + timedelta(hours=3)
    assert followups and min(followups) >= TEST_NOW + timedelta(hours=170)


def test_the_free_busy_calendars_read_back_with_the_published_free_time(h, tmp_path):
    patient = h.services.patients.create(
        SECRETARY, PatientInput("Durand", "Alice", date(1990, 1, 1))
    )
    booked = datetime(2027, 3, 22, 8, 0, tzinfo=UTC)
    h.services.booking.book(SECRETARY, h.dupont, h.first, patient.id, booked)
    h.publication.publish(ADMIN, tmp_path / "out")
    data = (tmp_path / "out" / "freebusy" / f"practitioner-{h.dupont}.ics").read_bytes()
    (component,) = icalendar.Calendar.from_ical(data).walk("VFREEBUSY")
    periods = {}
    for prop in component["FREEBUSY"]:
        periods.setdefault(prop.params["FBTYPE"], []).append(tuple(prop.dt))
    assert (booked, booked + timedelta(minutes=30)) in periods["BUSY"]
    assert periods["FREE"][0][0] == datetime(2027, 3, 15, 9, 0, tzinfo=UTC)  # 10:00 local
    assert component["ORGANIZER"].params["CN"] == "Dr Marie Dupont"
