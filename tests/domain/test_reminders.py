"""The reminder rules: who gets an SMS, when (quiet hours, the day before across DST changes),
what it says (no health information by default) and how many SMS it takes."""

from __future__ import annotations

import os
import time as clock
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from desktop.domain.errors import InvalidInput
from desktop.domain.model import Phone, PhoneKind
from desktop.domain.reminders import (
    INVALID_ONLY,
    LANDLINE_ONLY,
    MIN_GAP,
    NO_MOBILE,
    NO_PHONE,
    OPTED_OUT,
    Change,
    Policy,
    ReasonPolicy,
    ReminderKind,
    advance_due,
    check_reason_policy,
    choose_recipient,
    idempotency_key,
    in_quiet_hours,
    out_of_quiet,
    plan,
    policy_for,
    reason_policies_from_json,
    reason_policy_to_json,
    sms_decision,
)
from desktop.domain.settings import (
    ReminderSettings,
    check_http_body,
    check_reminders,
    masked,
    reminders_from_json,
    reminders_to_json,
)
from desktop.domain.sms_text import (
    DEFAULT_TEMPLATES,
    Disclosure,
    MessageFields,
    check_template,
    check_templates,
    clean,
    french_date,
    french_time,
    render,
    sms_length,
)

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2027, 3, 15, 9, 0, tzinfo=UTC)  # Monday 10:00 in Paris
QUIET = Policy()  # 21:00–08:00, day before at 10:00


def local(day: date, hhmm: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(hhmm), tzinfo=PARIS)


# --- who gets an SMS -----------------------------------------------------------------------------

FRENCH_MOBILE = "+33612345678"


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("06 12 34 56 78", FRENCH_MOBILE),
        ("0612345678", FRENCH_MOBILE),
        ("+33 6 12 34 56 78", FRENCH_MOBILE),
        ("+33612345678", FRENCH_MOBILE),
        ("0033 6 12 34 56 78", FRENCH_MOBILE),
        ("+33 (0)6 12 34 56 78", FRENCH_MOBILE),
        ("06.12.34.56.78", FRENCH_MOBILE),
        ("06-12-34-56-78", FRENCH_MOBILE),
        ("  06 12  34 56 78 ", FRENCH_MOBILE),
        ("０６ １２ ３４ ５６ ７８", FRENCH_MOBILE),  # full-width digits
        ("＋３３６１２３４５６７８", FRENCH_MOBILE),
        ("07 81 23 45 67", "+33781234567"),
        ("0692 12 34 56", "+262692123456"),  # Réunion, dialled nationally
        ("+262 692 12 34 56", "+262692123456"),
        ("0639 01 23 45", "+262639012345"),  # Mayotte
        ("0690 00 12 34", "+590690001234"),  # Guadeloupe
        ("0696 20 12 34", "+596696201234"),  # Martinique
        ("0694 20 12 34", "+594694201234"),  # Guyane
        ("+689 87 12 34 56", "+68987123456"),  # Polynésie française
        ("+687 75 12 34", "+687751234"),  # Nouvelle-Calédonie
        ("+32 470 12 34 56", "+32470123456"),  # Belgium
        ("0032 470 12 34 56", "+32470123456"),
        ("+44 7911 123456", "+447911123456"),  # United Kingdom
        ("0044 7911 123456", "+447911123456"),
    ],
)
def test_a_valid_mobile_in_any_notation_gets_the_sms(typed, e164):
    decision = sms_decision(typed)
    assert (decision.e164, decision.reason) == (e164, "")


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("01 49 28 20 00", LANDLINE_ONLY),  # Paris landline
        ("+33 1 49 28 20 00", LANDLINE_ONLY),
        ("02 71 12 34 56", LANDLINE_ONLY),
        ("0262 12 34 56", LANDLINE_ONLY),  # Réunion landline
        ("+44 20 7946 0958", LANDLINE_ONLY),  # London landline
        ("09 70 12 34 56", NO_MOBILE),  # a VoIP number: neither mobile nor landline
        ("06 12 34", INVALID_ONLY),  # too short
        ("06 12 34 56 78 90", INVALID_ONLY),  # too long
        ("06 12 34 56 7a", INVALID_ONLY),  # a letter
        ("06 12 34 56 78; DROP TABLE patient", INVALID_ONLY),
        ("", INVALID_ONLY),
    ],
)
def test_a_landline_or_an_invalid_number_gets_no_sms_and_a_french_reason(typed, reason):
    decision = sms_decision(typed)
    assert decision.e164 is None
    assert decision.reason == reason
    assert "SMS" in decision.reason


def test_the_opt_out_wins_over_a_valid_mobile():
    assert choose_recipient([Phone(FRENCH_MOBILE, PhoneKind.MOBILE)], opted_out=True).reason == (
        OPTED_OUT
    )
    assert sms_decision("06 12 34 56 78", opted_out=True).e164 is None


def test_several_phones_the_first_mobile_in_their_order_gets_it():
    landline = Phone("+33149282000", PhoneKind.LANDLINE)
    reunion = Phone("+262692123456", PhoneKind.MOBILE)
    chosen = choose_recipient([landline, reunion, Phone(FRENCH_MOBILE, PhoneKind.MOBILE)])
    assert chosen.e164 == "+262692123456"
    assert choose_recipient(["+33149282000", "+3361234", FRENCH_MOBILE]).e164 == FRENCH_MOBILE


def test_without_a_mobile_the_reason_names_what_there_is():
    assert choose_recipient([]).reason == NO_PHONE
    assert choose_recipient(["+33149282000", "+3361234"]).reason == LANDLINE_ONLY
    assert choose_recipient(["+3361234"]).reason == INVALID_ONLY  # stored, no longer valid
    assert choose_recipient(["not a number"]).reason == INVALID_ONLY
    # The stored kind is not trusted: the number is decided again.
    assert choose_recipient([Phone("+33149282000", PhoneKind.MOBILE)]).e164 is None


# --- when ----------------------------------------------------------------------------------------


def test_the_day_before_reminder_keeps_its_local_time_across_spring_forward():
    # Sunday 28 March 2027, clocks go 02:00 -> 03:00: CET (+01:00) before, CEST (+02:00) after.
    start = local(date(2027, 3, 28), "10:00")  # CEST: 08:00Z
    due = advance_due(start, PARIS, 1, time(10))
    assert due == datetime(2027, 3, 27, 9, 0, tzinfo=UTC)  # Saturday 10:00 CET
    assert due.astimezone(PARIS).time() == time(10)
    assert start - due == timedelta(hours=23)  # not "24 hours before"
    monday = advance_due(local(date(2027, 3, 29), "09:00"), PARIS, 1, time(18))
    assert monday == datetime(2027, 3, 28, 16, 0, tzinfo=UTC)  # Sunday 18:00 CEST
    two_days = advance_due(local(date(2027, 3, 29), "09:00"), PARIS, 2, time(10))
    assert two_days.astimezone(PARIS) == local(date(2027, 3, 27), "10:00")


def test_the_day_before_reminder_keeps_its_local_time_across_fall_back():
    # Sunday 31 October 2027, clocks go 03:00 -> 02:00: CEST before, CET after.
    start = local(date(2027, 10, 31), "10:00")  # CET: 09:00Z
    due = advance_due(start, PARIS, 1, time(10))
    assert due == datetime(2027, 10, 30, 8, 0, tzinfo=UTC)  # Saturday 10:00 CEST
    assert start - due == timedelta(hours=25)
    monday = advance_due(local(date(2027, 11, 1), "08:30"), PARIS, 1, time(10))
    assert monday == datetime(2027, 10, 31, 9, 0, tzinfo=UTC)  # Sunday 10:00 CET
    # A send time in the repeated hour takes its first occurrence.
    repeated = advance_due(local(date(2027, 11, 1), "09:00"), PARIS, 1, time(2, 30))
    assert repeated == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)


def test_plan_across_the_dst_changes_through_booking():
    spring = plan(Change.BOOKED, local(date(2027, 3, 29), "09:00"), NOW, PARIS, QUIET)
    assert [(p.kind, p.due) for p in spring] == [
        (ReminderKind.CONFIRMATION, NOW),
        (ReminderKind.DAY_BEFORE, datetime(2027, 3, 28, 8, 0, tzinfo=UTC)),  # 10:00 CEST
    ]
    autumn_now = datetime(2027, 10, 20, 9, 0, tzinfo=UTC)
    autumn = plan(Change.BOOKED, local(date(2027, 11, 1), "09:00"), autumn_now, PARIS, QUIET)
    assert autumn[1].due == datetime(2027, 10, 31, 9, 0, tzinfo=UTC)  # 10:00 CET


def test_the_rules_do_not_depend_on_the_machine_time_zone(monkeypatch):
    results = []
    for zone in ("UTC", "Pacific/Auckland", "America/Los_Angeles"):
        monkeypatch.setenv("TZ", zone)
        if hasattr(clock, "tzset"):
            clock.tzset()
        start = local(date(2027, 3, 28), "10:00")
        results.append(
            (advance_due(start, PARIS, 1, time(10)), out_of_quiet(NOW, PARIS, time(9), time(8)))
        )
    monkeypatch.delenv("TZ")
    if hasattr(clock, "tzset"):
        clock.tzset()
    assert len(set(results)) == 1, os.environ.get("TZ")


def test_quiet_hours_across_midnight_and_within_a_day():
    assert in_quiet_hours(time(21), time(21), time(8))
    assert in_quiet_hours(time(23, 59), time(21), time(8))
    assert in_quiet_hours(time(7, 59), time(21), time(8))
    assert not in_quiet_hours(time(8), time(21), time(8))
    assert not in_quiet_hours(time(20, 59), time(21), time(8))
    assert in_quiet_hours(time(13), time(12), time(14))
    assert not in_quiet_hours(time(14), time(12), time(14))


@pytest.mark.parametrize(
    ("when", "shifted"),
    [
        (local(date(2027, 3, 15), "22:30"), local(date(2027, 3, 16), "08:00")),
        (local(date(2027, 3, 16), "21:00"), local(date(2027, 3, 17), "08:00")),
        (local(date(2027, 3, 16), "06:10"), local(date(2027, 3, 16), "08:00")),
        (local(date(2027, 3, 16), "08:00"), local(date(2027, 3, 16), "08:00")),
        (local(date(2027, 3, 16), "12:00"), local(date(2027, 3, 16), "12:00")),
        # The night of the spring change: 22:00 CET, then 08:00 CEST (06:00Z).
        (local(date(2027, 3, 27), "22:00"), datetime(2027, 3, 28, 6, 0, tzinfo=UTC)),
    ],
)
def test_a_message_due_in_quiet_hours_waits_for_their_end(when, shifted):
    assert out_of_quiet(when, PARIS, time(21), time(8)) == shifted


def test_quiet_hours_within_a_day():
    noon = local(date(2027, 3, 16), "13:00")
    assert out_of_quiet(noon, PARIS, time(12), time(14)) == local(date(2027, 3, 16), "14:00")


def test_a_booking_late_in_the_evening_is_confirmed_the_next_morning():
    evening = local(date(2027, 3, 15), "22:30").astimezone(UTC)
    planned = plan(Change.BOOKED, local(date(2027, 3, 22), "09:00"), evening, PARIS, QUIET)
    assert planned[0].kind is ReminderKind.CONFIRMATION
    assert planned[0].due == local(date(2027, 3, 16), "08:00")
    # A reminder time inside the quiet hours moves out of them too.
    late = Policy(send_time=time(22, 0))
    planned = plan(Change.BOOKED, local(date(2027, 3, 24), "14:00"), NOW, PARIS, late)
    assert planned[1].due == local(date(2027, 3, 24), "08:00")


def test_what_would_arrive_too_late_or_twice_is_dropped():
    # Booked at 22:30 for 07:30 the next morning: the 08:00 confirmation would be late.
    evening = local(date(2027, 3, 15), "22:30").astimezone(UTC)
    assert plan(Change.BOOKED, local(date(2027, 3, 16), "07:30"), evening, PARIS, QUIET) == []
    # Booked this morning for tomorrow: the reminder at 10:00 today is the confirmation's twin.
    morning = local(date(2027, 3, 15), "09:50").astimezone(UTC)
    planned = plan(Change.BOOKED, local(date(2027, 3, 16), "14:00"), morning, PARIS, QUIET)
    assert [p.kind for p in planned] == [ReminderKind.CONFIRMATION]
    # Booked this afternoon for tomorrow: today's 10:00 has passed.
    afternoon = local(date(2027, 3, 15), "15:00").astimezone(UTC)
    planned = plan(Change.BOOKED, local(date(2027, 3, 16), "14:00"), afternoon, PARIS, QUIET)
    assert [p.kind for p in planned] == [ReminderKind.CONFIRMATION]
    # Far enough from the confirmation: both.
    planned = plan(Change.BOOKED, local(date(2027, 3, 17), "14:00"), morning, PARIS, QUIET)
    assert planned[1].due - planned[0].due >= MIN_GAP
    # An appointment already begun plans nothing.
    assert plan(Change.MOVED, NOW, NOW, PARIS, QUIET) == []


def test_each_change_plans_its_messages():
    start = local(date(2027, 3, 22), "09:00")
    kinds = {change: [p.kind for p in plan(change, start, NOW, PARIS, QUIET)] for change in Change}
    assert kinds == {
        Change.BOOKED: [ReminderKind.CONFIRMATION, ReminderKind.DAY_BEFORE],
        Change.MOVED: [ReminderKind.MOVED, ReminderKind.DAY_BEFORE],
        Change.CANCELLED: [ReminderKind.CANCELLED],
        Change.STATUS: [],
        Change.REPLAN: [ReminderKind.DAY_BEFORE],
    }
    silent = Policy(confirmation=False, on_cancel=False, on_move=False, days_before=0)
    assert all(plan(change, start, NOW, PARIS, silent) == [] for change in Change)


def test_the_policy_of_a_visit_reason_overrides_the_hospital():
    hospital = ReminderSettings()
    assert policy_for(hospital).days_before == 1
    assert policy_for(ReminderSettings(send_day_before=False)).days_before == 0
    assert policy_for(hospital, ReasonPolicy(days_before=2)).days_before == 2
    assert policy_for(hospital, ReasonPolicy(days_before=0)).days_before == 0
    mine = ReasonPolicy(send_time=time(18), templates=(("day_before", "Demain {heure}"),))
    policy = policy_for(ReminderSettings(days_before=2), mine)
    assert (policy.days_before, policy.send_time) == (2, time(18))
    assert policy.template(ReminderKind.DAY_BEFORE) == "Demain {heure}"
    assert (
        policy.template(ReminderKind.CONFIRMATION) == DEFAULT_TEMPLATES[ReminderKind.CONFIRMATION]
    )
    plans = plan(Change.BOOKED, local(date(2027, 3, 24), "09:00"), NOW, PARIS, policy)
    assert plans[1].kind is ReminderKind.TWO_DAYS_BEFORE
    assert plans[1].due == local(date(2027, 3, 22), "18:00")


def test_reason_policies_are_checked_and_survive_damage():
    with pytest.raises(InvalidInput, match="veille"):
        check_reason_policy(3, None)
    policy = check_reason_policy(2, time(18, 30), {"day_before": "Rappel {date}"})
    stored = {"7": reason_policy_to_json(policy), "x": {}, "8": {"days_before": 9}, "9": "?"}
    assert reason_policies_from_json(stored) == {7: policy}
    assert reason_policies_from_json(None) == {}


def test_the_idempotency_key_names_appointment_kind_and_due_time():
    due = local(date(2027, 3, 21), "10:00")
    assert idempotency_key(12, ReminderKind.DAY_BEFORE, due) == "12-day_before-20270321T0900Z"
    assert idempotency_key(12, "day_before", due.astimezone(UTC)) == (
        "12-day_before-20270321T0900Z"
    )


# --- what it says --------------------------------------------------------------------------------

FIELDS = MessageFields(
    date=french_date(date(2027, 3, 16)),
    heure=french_time(time(9, 30)),
    site="Site Saint-Antoine",
    adresse="184 rue du Faubourg Saint-Antoine, 75012 Paris",
    telephone="01 49 28 20 00",
    praticien="Dr Marie Dupont",
    specialite="Cardiologie",
    motif="Consultation de suivi",
)
HEALTH = ("Dupont", "Cardiologie", "Consultation", "suivi")


@pytest.mark.parametrize("kind", list(ReminderKind))
def test_the_default_texts_carry_no_health_information(kind):
    text = render(DEFAULT_TEMPLATES[kind], FIELDS)
    assert not any(word in text for word in HEALTH), text
    assert "mardi 16/03" in text and "09h30" in text and "01 49 28 20 00" in text
    assert "Site Saint-Antoine" in text
    assert sms_length(text).encoding == "GSM-7"


def test_the_hospital_may_name_the_practitioner_specialty_or_reason():
    template = DEFAULT_TEMPLATES[ReminderKind.CONFIRMATION]
    shown = render(template, FIELDS, Disclosure(practitioner=True, specialty=True))
    assert "(Dr Marie Dupont, Cardiologie)" in shown
    assert "Consultation de suivi" not in shown
    explicit = "RDV {date} avec {praticien} pour {motif}."
    assert render(explicit, FIELDS) == "RDV mardi 16/03 avec pour."
    assert render(explicit, FIELDS, Disclosure(visit_reason=True)).endswith(
        "pour Consultation de suivi."
    )


def test_empty_values_leave_no_dangling_punctuation():
    bare = MessageFields("mardi 16/03", "09h30", "", "", "")
    text = render(DEFAULT_TEMPLATES[ReminderKind.CONFIRMATION], bare)
    assert text == "Rendez-vous confirmé le mardi 16/03 à 09h30. Pour le déplacer ou l'annuler"
    assert render(DEFAULT_TEMPLATES[ReminderKind.CANCELLED], bare).startswith(
        "Votre rendez-vous du mardi 16/03 à 09h30 est annulé."
    )
    assert render("Bonjour {date", FIELDS) == "Bonjour {date"  # damaged: sent as is


def test_templates_are_checked():
    assert check_template("confirmation", "  RDV\u00a0le {date} à {heure}  ") == (
        "RDV le {date} à {heure}"
    )
    for bad, message in (
        ("", "vide"),
        ("RDV {nom}", "champ inconnu"),
        ("RDV {date:>12}", "champ inconnu"),
        ("RDV {date", "accolade"),
        ("x" * 601, "600"),
    ):
        with pytest.raises(InvalidInput, match=message):
            check_template("day_before", bad)
    with pytest.raises(InvalidInput, match="inconnu"):
        check_templates({"birthday": "x"})
    with pytest.raises(InvalidInput, match="liste"):
        check_templates([1, 2])
    default = DEFAULT_TEMPLATES[ReminderKind.MOVED]
    assert check_templates({"moved": default, "cancelled": "Annulé {date}"}) == (
        ("cancelled", "Annulé {date}"),
    )


def test_clean_removes_what_would_cost_or_hide():
    assert clean("l\u2019hôpital\u202fà 9h") == "l'hôpital à 9h"
    assert clean("a\u202eb\x00c\r\nd") == "abc\nd"
    assert clean(None) == ""


# --- how many SMS --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "encoding", "units", "segments"),
    [
        ("", "GSM-7", 0, 0),
        ("a" * 160, "GSM-7", 160, 1),
        ("a" * 161, "GSM-7", 161, 2),
        ("a" * 306, "GSM-7", 306, 2),
        ("a" * 307, "GSM-7", 307, 3),
        ("é è à ù ì ò É Ç Ä Ö Ñ Ü ä ö ñ ü ß Ø å @ £ $ ¥ ¤ § ¿ ¡ Δ", "GSM-7", 55, 1),
        ("€" * 80, "GSM-7", 160, 1),  # extension characters count twice
        ("€" * 81, "GSM-7", 162, 2),
        ("{}[]~^|\\", "GSM-7", 16, 1),
        # An escaped pair never straddles two parts: 152 + (2) + 152 takes three SMS.
        ("a" * 152 + "€" + "a" * 152, "GSM-7", 306, 3),
        ("ô" * 70, "UCS-2", 70, 1),  # ô, ê, ç are not GSM-7
        ("ô" * 71, "UCS-2", 71, 2),
        ("ê" * 134, "UCS-2", 134, 2),
        ("ç" * 135, "UCS-2", 135, 3),
        ("Rendez-vous à l\u2019hôpital", "UCS-2", 23, 1),
        ("😀" * 35, "UCS-2", 70, 1),  # outside the BMP: two UTF-16 units
        # A surrogate pair never straddles two parts either.
        ("ô" * 66 + "😀" + "ô" * 66, "UCS-2", 134, 3),
    ],
)
def test_segment_counting(text, encoding, units, segments):
    length = sms_length(text)
    assert (length.encoding, length.units, length.segments) == (encoding, units, segments)


def test_the_length_reads_in_french():
    assert sms_length("a" * 170).describe() == "2 SMS (GSM-7, 170 caractères)"
    assert sms_length("ô").describe() == "1 SMS (UCS-2, 1 caractères Unicode)"


# --- the hospital's settings ---------------------------------------------------------------------


def test_reminder_settings_round_trip_and_hide_their_secret():
    settings = check_reminders(
        "http", "", "https://sms.example/send", "21:00", "08:00", True,
        days_before=2, send_time="18:15", on_move=False, show_practitioner=True,
        templates={"cancelled": "Annulé : {date}"}, http_method="put",
        auth_header="Authorization", auth_value="Bearer s3cret", no_show_warning=3,
    )  # fmt: skip
    assert (settings.days_before, settings.send_time, settings.http_method) == (
        2,
        time(18, 15),
        "PUT",
    )
    assert reminders_from_json(reminders_to_json(settings)) == settings
    assert "s3cret" not in repr(settings)
    assert masked(reminders_to_json(settings))["auth_value"] != "Bearer s3cret"
    assert masked(None) is None
    defaults = ReminderSettings()
    assert (defaults.quiet_start, defaults.quiet_end) == (time(21), time(8))
    assert not (defaults.show_practitioner or defaults.show_specialty)
    assert not defaults.show_visit_reason


def test_damaged_reminder_settings_fall_back_field_by_field():
    stored = reminders_to_json(ReminderSettings(days_before=2))
    damaged = {**stored, "send_time": 5, "http_method": "GET", "templates": [1], "foo": 1}
    found = reminders_from_json(damaged)
    assert found.days_before == 2
    assert (found.send_time, found.http_method, found.templates) == (time(10), "POST", ())


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"days_before": 3}, "veille"),
        ({"http_method": "GET"}, "Méthode"),
        ({"auth_header": "X Y"}, "En-tête"),
        ({"auth_header": "X-Key", "auth_value": "a\nb"}, "une seule ligne"),
        ({"no_show_warning": 100}, "Seuil"),
        ({"no_show_warning": "2"}, "Seuil"),
        ({"send_time": "25:00"}, "Heure d'envoi"),
        ({"colour": "red"}, "inconnu"),
    ],
)
def test_bad_reminder_settings_are_refused_in_french(options, message):
    with pytest.raises(InvalidInput, match=message):
        check_reminders("file", "/srv/sms", "", "21:00", "08:00", True, **options)


def test_the_http_body_template_is_checked():
    assert check_http_body(' {"msisdn": "{numero}", "body": "{texte}"} ') == (
        '{"msisdn": "{numero}", "body": "{texte}"}'
    )
    for bad, message in (
        ("{not json", "JSON invalide"),
        ('["{numero}", "{texte}"]', "objet JSON"),
        ('{"to": "{numero}", "text": "{texte}", "x": "{nom}"}', "champ inconnu"),
        ('{"to": "{numero}"}', "indispensables"),
    ):
        with pytest.raises(InvalidInput, match=message):
            check_http_body(bad)
