"""Exports on both engines: the CSV read back with the csv module (BOM, ``;``, formulas
neutralised, chosen columns), the iCalendar file parsed back (CRLF, folded at 75 octets, escaped
text, UTC times), who may export, and the audit records of exports that carry patient data."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from db.tables import AuditRow
from desktop.domain.errors import InvalidInput, PermissionDenied
from desktop.domain.model import Actor, Role
from desktop.reports.ics_export import IcsEvent, calendar_text, escape_text, fold
from desktop.services.exports import DEFAULT_COLUMNS, parse_columns
from desktop.services.patients import PatientInput
from tests.fakes import ADMIN, PHYSICIAN, SECRETARY
from tests.reports.scene import NAMED_MONDAY, at, named_monday

FORMULAS = ('=HYPERLINK("http://x")', "+33 6 12", "-2+3", "@SUM(A1)")


@pytest.fixture
def scene(any_url):
    scene = named_monday(any_url)
    services = scene.services
    for n, family in enumerate(FORMULAS):
        patient = services.patients.create(
            ADMIN, PatientInput(family, "Formule", date(1970, 1, 1 + n))
        )
        services.booking.book(
            ADMIN, scene.practitioners["MARTIN"], scene.reasons["CARDIO-SUIVI"], patient.id,
            at(NAMED_MONDAY, f"{11 + n // 4}:{(n % 4) * 15:02d}"),
        )  # fmt: skip
    yield scene
    services.db.dispose()


def _read_csv(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    assert "\r\n" in text
    return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))


def _audits(services, action: str) -> list[dict]:
    with services.db.read() as s:
        return [r.after for r in s.scalars(select(AuditRow).where(AuditRow.action == action))]


def test_csv_reads_back_with_formulas_neutralised(scene):
    services = scene.services
    services.booking.cancel(ADMIN, scene.appointments["orsted"].id, None, "Hospitalisé", "patient")
    export = services.exports.appointments_csv(SECRETARY, NAMED_MONDAY, NAMED_MONDAY)
    rows = _read_csv(export.text)
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Date", "Début", "Fin"] and "Nom" in header and "Téléphone" in header
    assert export.count == len(body) == 8  # the cancelled one included
    names = [row[header.index("Nom")] for row in body]
    assert "Wiśniewski" in names and "Nguyễn" in names and "Ørsted" in names
    for formula in FORMULAS:
        assert "'" + formula in names  # text, never a formula
    assert not any(name.startswith(("=", "+", "-", "@")) for name in names)
    lukasz = body[names.index("Wiśniewski")]
    assert lukasz[header.index("Téléphone")] == "06 12 34 56 78"
    assert lukasz[header.index("Date")] == "22/03/2027" and lukasz[1] == "09:00"
    orsted = body[names.index("Ørsted")]
    assert orsted[header.index("État")] == "Annulé"
    [audit] = _audits(services, "export.csv")
    assert audit["rows"] == 8 and audit["from"] == "2027-03-22"


def test_csv_columns_are_chosen_and_checked(scene):
    exports = scene.services.exports
    export = exports.appointments_csv(ADMIN, NAMED_MONDAY, NAMED_MONDAY, ("date", "practitioner"))
    rows = _read_csv(export.text)
    assert rows[0] == ["Date", "Praticien"]
    assert {tuple(r) for r in rows[1:]} == {
        ("22/03/2027", "Dr Marie Dupont"),
        ("22/03/2027", "Dr Paul Martin"),
    }
    assert _audits(scene.services, "export.csv") == []  # no patient data: not audited
    assert parse_columns(None) == DEFAULT_COLUMNS
    with pytest.raises(InvalidInput, match="Colonne inconnue « nom »"):
        parse_columns("date,nom")
    with pytest.raises(InvalidInput, match="au moins une colonne"):
        parse_columns(" , ")
    with pytest.raises(InvalidInput, match="précède"):
        exports.appointments_csv(ADMIN, NAMED_MONDAY, date(2027, 3, 1))
    with pytest.raises(InvalidInput, match="366 jours"):
        exports.appointments_csv(ADMIN, date(2026, 1, 1), date(2027, 1, 2))
    with pytest.raises(PermissionDenied):
        exports.appointments_csv(PHYSICIAN, NAMED_MONDAY, NAMED_MONDAY)


def unfold(text: str) -> list[str]:
    """RFC 5545 content lines: every physical line ends with CRLF and is at most 75 octets;
    a line starting with a space continues the previous one."""
    assert text.endswith("\r\n")
    physical = text[:-2].split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in physical)
    lines: list[str] = []
    for line in physical:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def events(text: str) -> list[dict[str, str]]:
    found, current = [], None
    for line in unfold(text):
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            found.append(current)
            current = None
        elif current is not None:
            current[name] = value
    return found


def unescape(value: str) -> str:
    out, chars = [], iter(value)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars)
            out.append("\n" if nxt in "nN" else nxt)
        else:
            out.append(ch)
    return "".join(out)


def test_the_ics_export_parses_back(scene):
    services = scene.services
    dupont = scene.practitioners["DUPONT"]
    own = Actor("dr-dupont", Role.PHYSICIAN, "poste", practitioner_id=dupont)
    export = services.exports.practitioner_ics(own, dupont, NAMED_MONDAY, NAMED_MONDAY)
    lines = unfold(export.text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines
    found = {e["UID"]: e for e in events(export.text)}
    assert export.count == len(found) == 3  # Dupont's three: never Martin's patients
    lukasz = found[f"rdv-{scene.appointments['lukasz'].id}@hopital.example"]
    assert lukasz["DTSTART"] == "20270322T080000Z" and lukasz["DTEND"] == "20270322T083000Z"
    assert unescape(lukasz["SUMMARY"]) == "WIŚNIEWSKI Łukasz — Première consultation de cardiologie"
    assert unescape(lukasz["LOCATION"]) == (
        "Site Saint-Antoine, 184 rue du Faubourg Saint-Antoine, 75012 Paris"
    )
    assert "Téléphone : 06 12 34 56 78" in unescape(lukasz["DESCRIPTION"]).split("\n")
    assert lukasz["STATUS"] == "CONFIRMED"
    assert "ZÉPHYRIN" not in export.text and "Zéphyrin" not in export.text
    [audit] = _audits(services, "export.ics")
    assert audit["events"] == 3
    martin = scene.practitioners["MARTIN"]
    with pytest.raises(PermissionDenied):
        services.exports.practitioner_ics(own, martin, NAMED_MONDAY, NAMED_MONDAY)


def test_ics_text_escaping_and_folding():
    assert escape_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"
    long = "SUMMARY:" + "Nguyễn Thị " * 20
    folded = fold(long)
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == long  # never cut inside a character
    stamp = datetime(2027, 3, 15, 9, 0, tzinfo=UTC)
    event = IcsEvent("u1@x", stamp, stamp, "Ørsted; Łukasz, ok", status="TENTATIVE")
    text = calendar_text("Agenda", [event], stamp)
    [parsed] = events(text)
    assert unescape(parsed["SUMMARY"]) == "Ørsted; Łukasz, ok"
    assert parsed["DTSTAMP"] == "20270315T090000Z"
    with pytest.raises(ValueError):
        calendar_text("x", [IcsEvent("u", stamp, stamp, "s", status="MAYBE")], stamp)
    with pytest.raises(ValueError):
        calendar_text("x", [IcsEvent("u", stamp.replace(tzinfo=None), stamp, "s")], stamp)
