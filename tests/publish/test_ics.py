"""The free/busy calendars: RFC 5545 lines (CRLF, 75 octets) read back by ``icalendar``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar

from desktop.publish.ics import clip, escape_text, fold, freebusy_calendar, merge

T0 = datetime(2027, 3, 22, 8, 0, tzinfo=UTC)


def q(n: int) -> datetime:
    return T0 + timedelta(minutes=15 * n)


def calendar(**overrides) -> bytes:
    options = dict(
        uid="creneau-freebusy-12@hopital.example",
        organizer_uri="https://hopital.example/creneaux/fhir/sid/practitioner/DUPONT",
        organizer_name="Dr Marie Dupont, cardiologue",
        start=q(-32),
        end=q(96),
        stamp=datetime(2027, 3, 15, 9, 0, tzinfo=UTC),
        free=[(q(0), q(2)), (q(1), q(3)), (q(3), q(4)), (q(8), q(9))],
        busy=[(q(4), q(6)), (q(-40), q(-31))],
        comment="Créneaux libres ; temps occupé, Hôpital d'essai",
    )
    options.update(overrides)
    return freebusy_calendar(**options)


def test_every_line_ends_with_crlf_and_holds_75_octets_at_most():
    data = calendar(organizer_name="Dr " + "Éloïse-Anaïs " * 12)
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert any(line.startswith(b" ") for line in lines)  # the long organizer was folded
    for line in lines:
        line.decode("utf-8")  # never a split UTF-8 character


def test_folding_keeps_the_text_and_never_splits_a_character():
    text = "COMMENT:" + "é" * 100
    folded = fold(text)
    assert folded.replace(b"\r\n ", b"").rstrip(b"\r\n").decode("utf-8") == text
    assert fold("DTSTAMP:20270315T090000Z") == b"DTSTAMP:20270315T090000Z\r\n"


def test_the_calendar_reads_back_with_its_free_and_busy_periods_in_utc():
    parsed = icalendar.Calendar.from_ical(calendar())
    assert str(parsed["VERSION"]) == "2.0"
    (component,) = parsed.walk("VFREEBUSY")
    assert str(component["UID"]) == "creneau-freebusy-12@hopital.example"
    assert component.decoded("DTSTAMP") == datetime(2027, 3, 15, 9, 0, tzinfo=UTC)
    assert component.decoded("DTSTART") == q(-32) and component.decoded("DTEND") == q(96)
    assert component["ORGANIZER"].params["CN"] == "Dr Marie Dupont, cardiologue"
    assert str(component["COMMENT"]) == "Créneaux libres ; temps occupé, Hôpital d'essai"
    periods: dict[str, list] = {}
    props = component["FREEBUSY"]
    for prop in props if isinstance(props, list) else [props]:
        kind = prop.params.get("FBTYPE", "BUSY")
        periods.setdefault(kind, []).append(tuple(prop.dt))  # one period per property
    # Overlapping and touching free slots are merged; busy time is clipped to the horizon.
    assert periods["FREE"] == [(q(0), q(4)), (q(8), q(9))]
    assert periods["BUSY"] == [(q(-32), q(-31)), (q(4), q(6))]


def test_merge_clip_and_escape():
    assert merge([(q(2), q(3)), (q(0), q(1)), (q(1), q(2))]) == [(q(0), q(3))]
    assert clip([(q(0), q(4))], q(1), q(2)) == [(q(1), q(2))]
    assert clip([(q(0), q(1))], q(1), q(2)) == []
    assert escape_text("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"
