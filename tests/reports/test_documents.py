"""The activity report, the letters and the subject access extract, built from a known
database and read back: the hand-computed figures, the right names, no one else's."""

from __future__ import annotations

from datetime import date

from desktop.reports.subject_access import NO_REMINDERS, audit_details
from desktop.services.patients import PatientInput
from tests.fakes import ADMIN
from tests.reports.pdf_text import pages, text
from tests.reports.scene import MARCH, NAMED_MONDAY, activity_month, at, named_monday
from tests.services.request_helpers import request_body


def _normal(page: str) -> str:
    """Spaces, no-break spaces and line breaks (table cells wrap) all read as one space."""
    return " ".join(page.replace("\u00a0", " ").split())


def test_the_activity_report_prints_the_hand_computed_figures(sqlite_url):
    scene = activity_month(sqlite_url)
    pdf = scene.services.reports.activity(ADMIN, MARCH)
    first, *rest = (_normal(p) for p in pages(pdf))
    assert "Rapport d'activité — mars 2027" in first
    assert "comparaison avec février 2027" in first
    for figure in (
        "27,0 h",  # offered: 1 620 min
        "2,0 h",  # booked: 120 min
        "7,4 %",  # occupancy 120 / 1 620
        "20,0 %",  # no-shows: 1 of 5 not cancelled
        "14,3 %",  # late cancellations: 1 of 7
        "7,0 j",  # median lead time
        "28,0 h",  # February offered
        "21,0 j",  # February median lead time
        "Téléphone : 57 %",  # 4 of 7
        "Accueil : 14 %",
    ):
        assert figure in first, figure
    assert "Heures offertes et réservées, par semaine" in first
    assert "1–7 mars" in first and "29–31 mars" in first
    body = "\n".join(rest)
    assert "Activité par service" in body and "Activité par praticien" in body
    assert "Dr Marie Dupont" in body and "Dr Paul Martin" in body
    assert "Troisième créneau disponible au 1er mars 2027" in body
    assert "Première consultation de cardiologie" in body and "10 h" in body
    assert "page 2 / 2" in body
    assert "Łukasz" not in text(pdf)  # no patient in an activity report
    scene.services.db.dispose()


def test_the_activity_report_prints_the_month_s_no_shows(sqlite_url):
    """By hand (tests.reports.scene.activity_month): not cancelled in March, DUPONT d1 seen, d2
    no-show, d5 booked; MARTIN m6 seen, m7 booked. CARDIO-1: d1, d5, m6; CARDIO-SUIVI: d2, m7.
    SMS received: d1 and d2 their day-before reminder (28 February), d5 and m7 their
    confirmation alone (10 March), m6 nothing."""
    scene = activity_month(sqlite_url)
    pdf = scene.services.reports.activity(ADMIN, MARCH)
    body = _normal(text(pdf))
    assert body.count("Absences (lapins)") == 1
    section = body[body.rindex("Absences (lapins)") :]
    expected = (
        "Regroupement RDV non annulés Lapins Taux de lapins "
        "Par praticien Dr Marie Dupont 3 1 33,3 % Dr Paul Martin 2 0 0,0 % "
        "Par motif Consultation de suivi 2 1 50,0 % "
        "Première consultation de cardiologie 3 0 0,0 % "
        "Par SMS reçu avant le rendez-vous Aucun SMS reçu 1 0 0,0 % "
        "Confirmation seule 2 0 0,0 % Rappel la veille 2 1 50,0 %"
    )
    assert section.startswith(f"Absences (lapins) {expected}"), section
    # One table on one page: the section starts and ends on the same page.
    [page] = [p for p in pages(pdf) if "Par SMS reçu avant le rendez-vous" in p]
    assert "Par praticien" in page and "Rappel la veille" in page
    scene.services.db.dispose()


def test_the_confirmation_letter(sqlite_url):
    scene = named_monday(sqlite_url)
    page = _normal(
        text(scene.services.reports.confirmation(ADMIN, scene.appointments["lukasz"].id))
    )
    assert "Monsieur Łukasz WIŚNIEWSKI" in page
    assert "Confirmation de rendez-vous" in page
    assert "Lundi 22 mars 2027" in page and "09:00 (durée prévue : 30 min)" in page
    assert "Site Saint-Antoine, 184 rue du Faubourg Saint-Antoine, 75012 Paris" in page
    assert "Dr Marie Dupont" in page and "Cardiologie" in page
    assert "Apporter vos derniers examens." in page  # the visit reason's instructions
    assert "01 49 28 20 00" in page and "https://hopital.example/rendez-vous" in page
    assert "48 heures" in page
    assert "Nguyễn" not in page and "Ørsted" not in page
    scene.services.db.dispose()


def test_the_call_list_of_an_absence(sqlite_url):
    scene = named_monday(sqlite_url)
    services = scene.services
    dupont = scene.practitioners["DUPONT"]
    start, end = at(NAMED_MONDAY, "08:00"), at(NAMED_MONDAY, "13:00")
    services.absences.add(ADMIN, dupont, start, end, "Congrès")
    page = _normal(text(services.reports.call_list(ADMIN, dupont, start, end, "Congrès")))
    assert "Absence de Dr Marie Dupont" in page and "3 patients à appeler" in page
    for name in ("WIŚNIEWSKI Łukasz", "NGUYỄN Thị Mai", "ØRSTED Hans Christian"):
        assert name in page
    assert "06 12 34 56 78" in page and "01 45 67 89 01" in page
    assert "aucun" in page  # Nguyễn has no phone: said
    assert "ZÉPHYRIN" not in page
    assert "29/03/2027" not in page  # Easter Monday is never offered
    services.db.dispose()


def test_the_subject_access_extract_holds_everything_about_one_patient(sqlite_url):
    scene = named_monday(sqlite_url)
    services = scene.services
    patient = scene.patients["nguyen"]
    services.booking.cancel(ADMIN, scene.appointments["nguyen"].id, None, "Déménagement",
                            "patient")  # fmt: skip
    doc = _normal(text(services.reports.subject_access(ADMIN, patient)))
    for expected in (
        "Extrait des données personnelles",
        "Droit d'accès (RGPD, article 15)",
        "Nguyễn", "Trần", "Thị Mai", "08/02/1975", "féminin",
        "Rendez-vous (1)", "Consultation de suivi", "Annulé par le patient : Déménagement",
        "Notes : Apporter l'ECG",
        # No phone: the confirmation, the day-before reminder and the cancellation SMS were
        # never sent, and the extract says why.
        "Rappels (3)", "Confirmation, rendez-vous n°", "Rappel la veille", "Annulation", "Échec",
        "Aucun numéro de téléphone : pas de rappel par SMS.",
        "Journal d'audit", "Patient créé", "Rendez-vous pris", "Rendez-vous annulé",
        "Extrait des données personnelles (droit d'accès)",
    ):  # fmt: skip
        assert expected in doc, expected
    for other in ("Łukasz", "Ørsted", "Zéphyrin", "Wiśniewski"):
        assert other not in doc
    services.db.dispose()


def test_the_subject_access_extract_lists_the_patient_s_sms(sqlite_url):
    scene = named_monday(sqlite_url)
    services = scene.services
    patient = scene.patients["lukasz"]
    identity = {"family_name": "Wiśniewski", "given_names": "Łukasz", "birth_date": "1980-03-12"}
    receipt = services.requests.receive(request_body(services, at(NAMED_MONDAY, "10:00"),
                                                     **identity), "203.0.113.7")  # fmt: skip
    assert receipt.held
    doc = _normal(text(services.reports.subject_access(ADMIN, patient)))
    appointment = scene.appointments["lukasz"].id
    for expected in (
        "Rappels (3)",
        f"Confirmation, rendez-vous n° {appointment}",
        f"Rappel la veille, rendez-vous n° {appointment}",
        f"Demande reçue, demande en ligne n° {receipt.request_id}",
        "15/03/2027 08:00",  # the confirmation and the request's SMS: due at once
        "21/03/2027 10:00",  # the day before, 10:00 local
        "06 12 34 56 78",  # the number in full: it is the patient's own
        "En attente",
        "Rendez-vous confirmé le lundi 22/03 à 09h00, Site Saint-Antoine",
        "Demande enregistrée : rendez-vous le lundi 22/03 à 10h00",
    ):
        assert expected in doc, expected
    assert "Ørsted" not in doc and "01 45 67 89 01" not in doc  # nobody else's SMS
    nobody = services.patients.create(ADMIN, PatientInput("Sans", "Rendez-vous", date(1990, 1, 2)))
    empty = _normal(text(services.reports.subject_access(ADMIN, nobody.id)))
    assert "Rappels" in empty and NO_REMINDERS in empty
    services.db.dispose()


def test_audit_details_say_what_changed():
    assert audit_details({"status": "booked", "version": 1}, {"status": "seen", "version": 2}) == (
        "status : booked → seen ; version : 1 → 2"
    )
    assert audit_details(None, {"notes": ""}) == "notes : «»"
    assert audit_details({"a": [1]}, {}) == "a : [1] (retiré)"
