"""Privacy: canary patients with unmistakable names and numbers book and send requests; every
byte of the published folder is then searched for anything of theirs."""

from __future__ import annotations

import json
import unicodedata
from datetime import UTC, date, datetime, timedelta

from desktop.services.patients import PatientInput
from tests.conftest import TEST_NOW
from tests.fakes import ADMIN, SECRETARY, small_hospital


def nir(body: str) -> str:
    return f"{body}{97 - int(body) % 97:02d}"


CANARIES = [
    PatientInput(
        "Quartzombre", "Zébulonette", date(1961, 7, 23), "F", "Vermillardière",
        ("06 98 76 54 32",), "zebulonette.quartzombre@canari.example", nir("2610775123456"),
    ),
    PatientInput(
        "Pélicandre", "Ignatius-Oscar", date(1947, 11, 2), "M", "",
        ("01 87 65 43 21",), "i.pelicandre@canari.example", nir("1471199004321"),
    ),
]  # fmt: skip
NOTE = "NOTE-CANARI-confidentielle-8841"
REQUEST = {"family_name": "Ornithorynquez", "given_names": "Bérénice", "birth_date": "1955-05-17",
           "phone": "07 55 44 33 22", "email": "berenice@canari.example",
           "message": "MESSAGE-CANARI-5520"}  # fmt: skip


def fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def forbidden() -> set[str]:
    """Every way a canary's data could be written."""
    words = {NOTE, REQUEST["message"], REQUEST["email"], REQUEST["family_name"], "Bérénice"}
    words |= {"1955-05-17", "17/05/1955", "19550517", "+33755443322", "0755443322"}
    for p in CANARIES:
        words |= {p.family_name, p.given_names, p.email, p.nir, p.birth_date.isoformat()}
        words |= {p.birth_date.strftime("%d/%m/%Y"), p.birth_date.strftime("%Y%m%d")}
        words |= {p.nir[:13], p.nir[:5] + " " + p.nir[5:7]}
        if p.birth_name:
            words.add(p.birth_name)
        for phone in p.phones:
            digits = phone.replace(" ", "")
            words |= {phone, digits, "+33" + digits[1:], "33" + digits[1:]}
    return {w for w in words if w}


def test_nothing_of_any_patient_is_in_any_published_byte(sqlite_url, tmp_path):
    services = small_hospital(sqlite_url, TEST_NOW)
    services.administration.settings.save_publication(
        ADMIN, "https://hopital.example/creneaux/", "https://hopital.example/rdv", 4, ""
    )
    practitioners = {p.code: p.id for p in services.agenda.practitioners()}
    reason = next(r.id for r in services.agenda.visit_reasons() if r.code == "CARDIO-1")
    starts = [datetime(2027, 3, 22, 8, 0, tzinfo=UTC), datetime(2027, 3, 22, 9, 0, tzinfo=UTC)]
    for canary, start in zip(CANARIES, starts, strict=True):
        patient = services.patients.create(SECRETARY, canary)
        services.booking.book(
            SECRETARY, practitioners["DUPONT"], reason, patient.id, start, notes=NOTE
        )
    free = datetime(2027, 3, 22, 8, 30, tzinfo=UTC)  # free for MARTIN, a week ahead
    assert (free, free + timedelta(minutes=30)) in services.publication.exposed_slots()[
        (practitioners["MARTIN"], reason)
    ]
    slot = f"slot-{practitioners['MARTIN']}-{reason}-{free:%Y%m%dT%H%M}Z"
    receipt = services.requests.receive(json.dumps({"slot": slot, **REQUEST}).encode(), "127.0.0.1")
    assert receipt.kind.value == "held", receipt.message  # the request holds a slot
    out = tmp_path / "out"
    services.publication.publish(ADMIN, out)
    services.publication.publish(ADMIN, out)  # the previous folder too (kept as out.old)
    files = [p for folder in (out, tmp_path / "out.old") for p in folder.rglob("*") if p.is_file()]
    assert len(files) > 10
    words = forbidden()
    folded = {fold(w) for w in words if len(fold(w)) >= 6}
    leaks = []
    for path in files:
        data = path.read_bytes()
        text = data.decode("utf-8")
        escaped = json.dumps(text)  # \u-escaped forms too
        plain = fold(text)
        for word in words:
            if word.encode() in data or json.dumps(word)[1:-1] in escaped:
                leaks.append((path.name, word))
        leaks += [(path.name, w) for w in folded if w in plain]
    assert leaks == []
    # The held slot and the booked ones are gone from the feed; the others are there.
    ids = {json.loads(line)["id"] for p in out.glob("slots-*.ndjson")
           for line in p.read_text().splitlines()}  # fmt: skip
    assert slot not in ids
    assert f"slot-{practitioners['DUPONT']}-{reason}-20270322T0800Z" not in ids
    assert f"slot-{practitioners['DUPONT']}-{reason}-20270322T1000Z" in ids
