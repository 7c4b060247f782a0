"""Loading the structure file: idempotent, all-or-nothing, every refusal names line and key.

Each test runs on SQLite and on PostgreSQL (``any_url``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import func, select

from db.tables import (
    AbsenceRow,
    AuditRow,
    ClosureRow,
    DepartmentRow,
    HospitalRow,
    OpeningRow,
    OpeningVisitReasonRow,
    PractitionerRow,
    SiteRow,
    VisitReasonRow,
)
from desktop.domain.errors import PermissionDenied, StructureError
from desktop.domain.model import Hospital
from desktop.services.clock import FixedClock
from desktop.services.container import Services
from tests.conftest import TEST_NOW, product_example_toml
from tests.fakes import ADMIN, PHYSICIAN, SECRETARY

SOURCE = "PRODUCT.md"
CARDIO_SUIVI = """
[[visit_reasons]]
code = "CARDIO-SUIVI"
department = "CARDIO"
label = "Consultation de suivi de cardiologie"
duration_min = 15
"""
TABLES = (
    HospitalRow,
    SiteRow,
    DepartmentRow,
    VisitReasonRow,
    PractitionerRow,
    OpeningRow,
    OpeningVisitReasonRow,
    AbsenceRow,
    ClosureRow,
    AuditRow,
)


def example() -> str:
    """PRODUCT.md's example with the CARDIO-SUIVI visit reason it refers to."""
    return product_example_toml() + CARDIO_SUIVI


@pytest.fixture
def services(any_url):
    services = Services.open(any_url, FixedClock(TEST_NOW))
    yield services
    services.db.dispose()


def row_counts(services: Services) -> dict[str, int]:
    with services.db.read() as s:
        return {t.__tablename__: s.scalar(select(func.count()).select_from(t)) for t in TABLES}


def codes(services: Services, table) -> dict[str, int]:
    with services.db.read() as s:
        return dict(s.execute(select(table.code, table.id)).all())


def refused(services: Services, text: str, source: str = SOURCE) -> str:
    """The text is refused and nothing at all was written."""
    before = row_counts(services)
    with pytest.raises(StructureError) as info:
        services.structure.import_text(ADMIN, text, source)
    assert row_counts(services) == before
    return info.value.message


# --- PRODUCT.md's example -------------------------------------------------------------------


def test_verbatim_product_example_is_refused_naming_cardio_suivi_and_its_line(services) -> None:
    message = refused(services, product_example_toml())
    assert message == (
        "PRODUCT.md, ligne 42, [[openings]] n° 1, clé « visit_reasons » : "
        "motif inconnu « CARDIO-SUIVI »."
    )
    # All or nothing: not even the hospital row of the first lines was kept.
    assert set(row_counts(services).values()) == {0}
    assert services.structure.is_empty()


def test_product_example_with_cardio_suivi_loads(services) -> None:
    counts = services.structure.import_text(ADMIN, example(), SOURCE)
    assert counts == {
        "sites": 1,
        "services": 1,
        "motifs": 2,
        "praticiens": 1,
        "plages": 1,
        "absences": 1,
        "fermetures": 1,
    }
    assert not services.structure.is_empty()
    assert services.structure.hospital() == Hospital(
        name="Hôpital Saint-Antoine",
        timezone="Europe/Paris",
        country_holidays="FR",
        booking_url="https://hopital.example/rendez-vous",
        phone="+33149282000",
    )
    with services.db.read() as s:
        site = s.scalar(select(SiteRow))
        site_id = site.id
        assert (site.code, site.address) == (
            "SAT",
            "184 rue du Faubourg Saint-Antoine, 75012 Paris",
        )
        department = s.scalar(select(DepartmentRow))
        assert (department.code, department.site_id) == ("CARDIO", site.id)
        first = s.scalar(select(VisitReasonRow).where(VisitReasonRow.code == "CARDIO-1"))
        assert (first.duration_min, first.online, first.new_patients) == (30, True, True)
        assert (first.min_notice_hours, first.color) == (24, "#d94f4f")
        assert first.instructions == "Apporter vos derniers examens."
        follow_up = s.scalar(select(VisitReasonRow).where(VisitReasonRow.code == "CARDIO-SUIVI"))
        assert (follow_up.online, follow_up.min_notice_hours) == (False, None)
        dupont = s.scalar(select(PractitionerRow))
        assert (dupont.code, dupont.rpps, dupont.department_id) == (
            "DUPONT",
            "10003456789",
            department.id,
        )
        opening = s.scalar(select(OpeningRow))
        assert opening.practitioner_id == dupont.id
        assert (opening.weekday, opening.start_time, opening.end_time) == (0, time(9), time(12, 30))
        assert (opening.step_min, opening.weeks) == (15, "all")
        assert (opening.valid_from, opening.valid_to) == (date(2026, 1, 5), date(2027, 12, 31))
        assert {link.visit_reason_id for link in opening.visit_reasons} == {
            first.id,
            follow_up.id,
        }
        absence = s.scalar(select(AbsenceRow))
        # Local midnights in summer (UTC+2) are 22:00Z the evening before.
        assert absence.start_at == datetime(2027, 8, 1, 22, 0, tzinfo=UTC)
        assert absence.end_at == datetime(2027, 8, 22, 22, 0, tzinfo=UTC)
        assert absence.reason == "Congés"
        closure = s.scalar(select(ClosureRow))
        assert (closure.date_from, closure.date_to, closure.reason) == (
            date(2027, 12, 24),
            date(2027, 12, 26),
            "Fermeture",
        )
        audit = s.scalar(select(AuditRow))
        assert (audit.actor, audit.workstation, audit.action) == (
            "admin-test",
            "poste-test",
            "structure.import",
        )
        assert audit.after == {"source": SOURCE, **counts}
        assert audit.at == TEST_NOW
    calendar = services.structure.calendar()
    assert calendar.holiday_name(date(2027, 3, 29)) == "Lundi de Pâques"
    assert calendar.closure_reason(site_id, date(2027, 12, 25)) == "jour férié (Noël)"
    assert calendar.closure_reason(site_id, date(2027, 12, 24)) == "fermeture du site (Fermeture)"
    assert calendar.closure_reason(site_id, date(2027, 12, 27)) is None


# --- idempotence ----------------------------------------------------------------------------


def test_loading_twice_updates_and_never_duplicates(services) -> None:
    services.structure.import_text(ADMIN, example(), SOURCE)
    counts = row_counts(services)
    ids = {t: codes(services, t) for t in (SiteRow, DepartmentRow, VisitReasonRow, PractitionerRow)}
    services.structure.import_text(ADMIN, example(), SOURCE)
    again = row_counts(services)
    assert again.pop("audit") == counts.pop("audit") + 1  # each import is audited
    assert again == counts
    assert {t: codes(services, t) for t in ids} == ids

    changed = (
        example()
        .replace(
            'label = "Première consultation de cardiologie"', 'label = "Nouvelle consultation"'
        )
        .replace("duration_min = 30", "duration_min = 45")
        .replace('name = "Dr Marie Dupont"', 'name = "Pr Marie Dupont"')
        .replace('reason = "Congés"', 'reason = "Congés d\'été"')
        .replace('reason = "Fermeture"', 'reason = "Fermeture de Noël"')
        .replace('start = "09:00"', 'start = "08:30"')
        .replace(
            'name = "Hôpital Saint-Antoine"\ntimezone', 'name = "Hôpital St-Antoine"\ntimezone'
        )
    )
    services.structure.import_text(ADMIN, changed, SOURCE)
    third = row_counts(services)
    third.pop("audit")
    assert third == counts
    assert {t: codes(services, t) for t in ids} == ids
    with services.db.read() as s:
        first = s.get(VisitReasonRow, ids[VisitReasonRow]["CARDIO-1"])
        assert (first.label, first.duration_min) == ("Nouvelle consultation", 45)
        assert s.get(PractitionerRow, ids[PractitionerRow]["DUPONT"]).name == "Pr Marie Dupont"
        assert s.scalar(select(AbsenceRow.reason)) == "Congés d'été"
        assert s.scalar(select(ClosureRow.reason)) == "Fermeture de Noël"
        assert s.scalar(select(OpeningRow.start_time)) == time(8, 30)
    assert services.structure.hospital().name == "Hôpital St-Antoine"


def test_a_later_file_without_hospital_keeps_the_settings(services) -> None:
    services.structure.import_text(ADMIN, example(), SOURCE)
    services.structure.import_text(
        ADMIN, '[[sites]]\ncode = "SAT2"\nname = "Annexe"\n', "annexe.toml"
    )
    assert services.structure.hospital().name == "Hôpital Saint-Antoine"
    assert set(codes(services, SiteRow)) == {"SAT", "SAT2"}


def test_first_import_needs_the_hospital_section(services) -> None:
    message = refused(services, '[[sites]]\ncode = "SAT"\nname = "Site"\n', "sites.toml")
    assert message == "sites.toml : la section [hospital] est obligatoire au premier import."
    assert services.structure.hospital().name == "Hôpital"  # the defaults of an empty base


def test_openings_of_a_listed_practitioner_are_replaced(services) -> None:
    two_practitioners = (
        example()
        + """
[[practitioners]]
code = "MARTIN"
name = "Dr Paul Martin"
department = "CARDIO"

[[openings]]
practitioner = "MARTIN"
site = "SAT"
weekday = "wednesday"
start = "14:00"
end = "17:00"
step_min = 20
visit_reasons = ["CARDIO-SUIVI"]

[[openings]]
practitioner = "DUPONT"
site = "SAT"
weekday = "tuesday"
start = "14:00"
end = "16:00"
step_min = 30
visit_reasons = ["CARDIO-1"]
"""
    )
    services.structure.import_text(ADMIN, two_practitioners, SOURCE)
    practitioners = codes(services, PractitionerRow)

    def weekly(code: str) -> list[tuple[int, time, time, int]]:
        with services.db.read() as s:
            rows = s.scalars(
                select(OpeningRow)
                .where(OpeningRow.practitioner_id == practitioners[code])
                .order_by(OpeningRow.weekday)
            )
            return [(o.weekday, o.start_time, o.end_time, o.step_min) for o in rows]

    assert weekly("DUPONT") == [(0, time(9), time(12, 30), 15), (1, time(14), time(16), 30)]
    assert weekly("MARTIN") == [(2, time(14), time(17), 20)]
    # A file listing only DUPONT's openings, now on Thursday: his template is the file's,
    # MARTIN (not in the file's openings) keeps his.
    thursday = """
[[openings]]
practitioner = "DUPONT"
site = "SAT"
weekday = "thursday"
start = "08:00"
end = "10:00"
step_min = 10
visit_reasons = ["CARDIO-SUIVI", "CARDIO-SUIVI"]
"""
    services.structure.import_text(ADMIN, thursday, "jeudi.toml")
    assert weekly("DUPONT") == [(3, time(8), time(10), 10)]
    assert weekly("MARTIN") == [(2, time(14), time(17), 20)]
    with services.db.read() as s:
        # The repeated code is one link, not two.
        assert s.scalar(select(func.count()).select_from(OpeningVisitReasonRow)) == 2


def test_an_absence_given_again_with_offsets_is_not_duplicated(services) -> None:
    services.structure.import_text(ADMIN, example(), SOURCE)
    offsets = """
[[absences]]
practitioner = "DUPONT"
start = "2027-08-02T00:00+02:00"
end = "2027-08-22T22:00Z"
reason = "Congés (mêmes instants écrits avec un décalage)"
"""
    services.structure.import_text(ADMIN, offsets, "absences.toml")
    with services.db.read() as s:
        assert s.scalars(select(AbsenceRow.reason)).all() == [
            "Congés (mêmes instants écrits avec un décalage)"
        ]


# --- all or nothing -------------------------------------------------------------------------


UNKNOWN_REFERENCES = [
    (
        'site = "SAT"\n\n[[visit_reasons]]',
        'site = "SATX"\n\n[[visit_reasons]]',
        16,
        "departments",
        "site",
        "site inconnu « SATX »",
    ),
    (
        'department = "CARDIO"\nlabel = "Première',
        'department = "NEURO"\nlabel = "Première',
        20,
        "visit_reasons",
        "department",
        "service inconnu « NEURO »",
    ),
    (
        'department = "CARDIO"\nrpps',
        'department = "CARDIOLOGIE"\nrpps',
        32,
        "practitioners",
        "department",
        "service inconnu « CARDIOLOGIE »",
    ),
    (
        'practitioner = "DUPONT"\nsite',
        'practitioner = "DURAND"\nsite',
        36,
        "openings",
        "practitioner",
        "praticien inconnu « DURAND »",
    ),
    (
        'site = "SAT"\nweekday',
        'site = "SBT"\nweekday',
        37,
        "openings",
        "site",
        "site inconnu « SBT »",
    ),
    (
        '"CARDIO-1", "CARDIO-SUIVI"',
        '"CARDIO-1", "CARDIO-2"',
        42,
        "openings",
        "visit_reasons",
        "motif inconnu « CARDIO-2 »",
    ),
    (
        'practitioner = "DUPONT"\nstart',
        'practitioner = "DUPONTT"\nstart',
        48,
        "absences",
        "practitioner",
        "praticien inconnu « DUPONTT »",
    ),
    (
        'site = "SAT"\nfrom',
        'site = "XYZ"\nfrom',
        54,
        "closures",
        "site",
        "site inconnu « XYZ »",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "line", "section", "key", "problem"),
    UNKNOWN_REFERENCES,
    ids=[f"{r[3]}.{r[4]}" for r in UNKNOWN_REFERENCES],
)
def test_unknown_reference_is_refused_with_line_and_key_and_nothing_written(
    services, old: str, new: str, line: int, section: str, key: str, problem: str
) -> None:
    text = example()
    assert text.count(old) == 1
    bad = text.replace(old, new)
    message = refused(services, bad)
    assert message == f"PRODUCT.md, ligne {line}, [[{section}]] n° 1, clé « {key} » : {problem}."
    assert set(row_counts(services).values()) == {0}  # not even the hospital row

    # On a loaded base too: the hospital's new name, written before the mistake, is not kept.
    services.structure.import_text(ADMIN, example(), SOURCE)
    before = row_counts(services)
    renamed = bad.replace('name = "Hôpital Saint-Antoine"\ntimezone', 'name = "Autre"\ntimezone')
    assert refused(services, renamed) == message
    assert row_counts(services) == before
    assert services.structure.hospital().name == "Hôpital Saint-Antoine"


def test_opening_with_a_visit_reason_of_another_department_is_refused(services) -> None:
    text = example().replace('"CARDIO-1", "CARDIO-SUIVI"', '"CARDIO-1", "NEURO-1"') + (
        """
[[departments]]
code = "NEURO"
name = "Neurologie"
site = "SAT"

[[visit_reasons]]
code = "NEURO-1"
department = "NEURO"
label = "Consultation de neurologie"
duration_min = 30
"""
    )
    message = refused(services, text)
    assert message == (
        "PRODUCT.md, ligne 42, [[openings]] n° 1, clé « visit_reasons » : "
        "le motif « NEURO-1 » n'appartient pas au service du praticien."
    )
    assert set(row_counts(services).values()) == {0}


@pytest.mark.parametrize(
    ("start", "end", "line", "key"),
    [
        ("2027-03-28T02:30", "2027-03-29T00:00", 49, "start"),
        ("2027-03-27T00:00", "2027-03-28T02:15", 50, "end"),
    ],
)
def test_absence_at_a_local_time_that_does_not_exist_is_refused(
    services, start: str, end: str, line: int, key: str
) -> None:
    text = (
        example()
        .replace('"2027-08-02T00:00"', f'"{start}"')
        .replace('"2027-08-23T00:00"', f'"{end}"')
    )
    message = refused(services, text)
    wall = (start if key == "start" else end)[-5:]
    assert message == (
        f"PRODUCT.md, ligne {line}, [[absences]] n° 1, clé « {key} » : "
        f"L'heure {wall} n'existe pas le 28/03/2027 (passage à l'heure d'été)."
    )
    assert set(row_counts(services).values()) == {0}


def test_absence_at_a_repeated_local_time_takes_the_first(services) -> None:
    text = (
        example()
        .replace('"2027-08-02T00:00"', '"2027-10-31T02:30"')
        .replace('"2027-08-23T00:00"', '"2027-10-31T02:45"')
    )
    services.structure.import_text(ADMIN, text, SOURCE)
    with services.db.read() as s:
        interval = s.execute(select(AbsenceRow.start_at, AbsenceRow.end_at)).one()
    # 02:30 exists twice on 31 October 2027: first in summer time (UTC+2).
    assert tuple(interval) == (
        datetime(2027, 10, 31, 0, 30, tzinfo=UTC),
        datetime(2027, 10, 31, 0, 45, tzinfo=UTC),
    )


def test_parse_errors_write_nothing(services) -> None:
    services.structure.import_text(ADMIN, example(), SOURCE)
    message = refused(services, example().replace("step_min = 15", "stepmin = 15"))
    assert message.startswith("PRODUCT.md, ligne 41, [[openings]] n° 1, clé « stepmin »")


@pytest.mark.parametrize("actor", [SECRETARY, PHYSICIAN], ids=["secretary", "physician"])
def test_only_an_administrator_may_load_the_structure(services, actor) -> None:
    with pytest.raises(PermissionDenied) as info:
        services.structure.import_text(actor, example(), SOURCE)
    assert info.value.message == "Votre rôle ne permet pas de modifier la structure de l'hôpital."
    counts = row_counts(services)
    assert counts.pop("audit", 1) == 1  # the refusal is audited
    assert set(counts.values()) == {0}
