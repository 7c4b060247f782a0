"""The ``creneau`` command, driven in-process and, for exit codes and stderr, as a real process."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from sqlalchemy import create_engine, func, select

from db.tables import AppointmentRow, AuditRow, PatientRow, SiteRow
from desktop.cli import main
from tests.conftest import product_example_toml

SUIVI = """
[[visit_reasons]]
code = "CARDIO-SUIVI"
department = "CARDIO"
label = "Consultation de suivi"
duration_min = 20
"""
NOW = "2027-03-15T10:00:00+01:00"


@pytest.fixture
def example(tmp_path, sqlite_url, capsys):
    """PRODUCT.md's example (completed with the visit reason it names) loaded by the CLI."""
    path = tmp_path / "structure.toml"
    path.write_text(product_example_toml() + SUIVI, encoding="utf-8")
    assert main(["--db", sqlite_url, "import-structure", str(path)]) == 0
    capsys.readouterr()
    return sqlite_url


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def count(url: str, table) -> int:
    engine = create_engine(url)
    with engine.connect() as c:
        n = c.scalar(select(func.count()).select_from(table))
    engine.dispose()
    return n


def test_init_creates_the_database(capsys, sqlite_url, tmp_path):
    code, out, _ = run(capsys, "--db", sqlite_url, "init")
    assert code == 0 and "Base prête" in out
    assert (tmp_path / "creneau.sqlite3").exists()


def test_the_verbatim_product_example_names_its_unknown_visit_reason(capsys, tmp_path, sqlite_url):
    path = tmp_path / "exemple.toml"
    path.write_text(product_example_toml(), encoding="utf-8")
    code, out, err = run(capsys, "--db", sqlite_url, "import-structure", str(path))
    assert code == 1 and out == ""
    assert "ligne 42" in err and "visit_reasons" in err and "CARDIO-SUIVI" in err
    assert count(sqlite_url, SiteRow) == 0  # nothing written


def test_import_is_idempotent(capsys, example, tmp_path):
    path = tmp_path / "structure.toml"
    assert run(capsys, "--db", example, "import-structure", str(path))[0] == 0
    assert count(example, SiteRow) == 1


def test_free_slots_json_gives_exactly_the_rule_slots(capsys, example):
    code, out, _ = run(
        capsys,
        "--db",
        example,
        "--now",
        NOW,
        "free-slots",
        "--visit-reason",
        "CARDIO-1",
        "--from",
        "2027-03-15",
        "--to",
        "2027-03-29",
        "--json",
    )
    assert code == 0
    slots = json.loads(out)
    # Monday 15: inside the 24-hour notice. Monday 22 (winter, +01:00): 09:00 … 12:00 every
    # 15 minutes. Monday 29 is Easter Monday, a public holiday in France.
    expected = [
        f"2027-03-22T{h:02d}:{m:02d}:00+01:00" for h in range(9, 12) for m in (0, 15, 30, 45)
    ]
    expected.append("2027-03-22T12:00:00+01:00")
    assert [s["start"] for s in slots] == expected
    assert slots[0] == {
        "practitioner": "DUPONT",
        "visit_reason": "CARDIO-1",
        "site": "SAT",
        "start": "2027-03-22T09:00:00+01:00",
        "end": "2027-03-22T09:30:00+01:00",
    }


def test_free_slots_after_the_spring_change_carry_the_summer_offset(capsys, example):
    code, out, _ = run(
        capsys,
        "--db",
        example,
        "--now",
        NOW,
        "free-slots",
        "--visit-reason",
        "CARDIO-1",
        "--from",
        "2027-04-05",
        "--to",
        "2027-04-05",
        "--json",
        "--window",
        "afternoon",
    )
    # "Afternoon" starts at 12:00: only the last start of the morning opening qualifies.
    assert code == 0 and [s["start"] for s in json.loads(out)] == ["2027-04-05T12:00:00+02:00"]
    code, out, _ = run(
        capsys,
        "--db",
        example,
        "--now",
        NOW,
        "free-slots",
        "--visit-reason",
        "CARDIO-1",
        "--from",
        "2027-04-05",
        "--to",
        "2027-04-05",
        "--json",
        "--window",
        "morning",
    )
    starts = [s["start"] for s in json.loads(out)]
    assert starts[0] == "2027-04-05T09:00:00+02:00" and starts[-1] == "2027-04-05T11:45:00+02:00"


def test_first_free_slot_and_booking_round_trip(capsys, example):
    base = ["--db", example, "--now", NOW]
    code, out, _ = run(
        capsys,
        *base,
        "patients",
        "add",
        "--family",
        "Dupont",
        "--given",
        "Élodie",
        "--birth-date",
        "1980-03-12",
        "--phone",
        "06 12 34 56 78",
    )
    assert code == 0
    patient = int(out)
    code, out, _ = run(
        capsys, *base, "free-slots", "--visit-reason", "CARDIO-1", "--first", "--json"
    )
    first = json.loads(out)
    assert [s["start"] for s in first] == ["2027-03-22T09:00:00+01:00"]
    code, out, _ = run(
        capsys,
        *base,
        "book",
        "--practitioner",
        "DUPONT",
        "--visit-reason",
        "CARDIO-1",
        "--start",
        "2027-03-22T09:00",
        "--patient",
        str(patient),
    )
    assert code == 0
    appointment = int(out)
    code, out, _ = run(
        capsys,
        *base,
        "free-slots",
        "--visit-reason",
        "CARDIO-1",
        "--first",
        "--practitioner",
        "DUPONT",
        "--json",
    )
    assert json.loads(out)[0]["start"] == "2027-03-22T09:30:00+01:00"
    # The same time again: refused, in French, nothing written.
    code, _, err = run(
        capsys,
        *base,
        "book",
        "--practitioner",
        "DUPONT",
        "--visit-reason",
        "CARDIO-1",
        "--start",
        "2027-03-22T09:15",
        "--patient",
        str(patient),
    )
    assert code == 1 and "chevauche" in err
    assert count(example, AppointmentRow) == 1
    code, out, _ = run(capsys, *base, "cancel", str(appointment), "--reason", "Patient")
    assert code == 0 and "annulé" in out
    code, out, _ = run(
        capsys, *base, "free-slots", "--visit-reason", "CARDIO-1", "--first", "--json"
    )
    assert json.loads(out)[0]["start"] == "2027-03-22T09:00:00+01:00"


@pytest.mark.parametrize(
    ("start", "message"),
    [
        ("2027-03-28T02:30", "n'existe pas"),  # spring-forward gap (and a Sunday)
        ("2027-03-29T09:00", "férié"),  # Easter Monday
        ("2027-03-23T09:00", "en dehors des plages"),  # a Tuesday
        ("2027-03-01T09:00", "déjà passé"),
        ("2027-08-09T09:00", "absent"),
    ],
)
def test_bad_bookings_are_refused_in_french(capsys, example, start, message):
    base = ["--db", example, "--now", NOW]
    _, out, _ = run(
        capsys,
        *base,
        "patients",
        "add",
        "--family",
        "Martin",
        "--given",
        "Paul",
        "--birth-date",
        "1970-01-01",
    )
    code, out, err = run(
        capsys,
        *base,
        "book",
        "--practitioner",
        "DUPONT",
        "--visit-reason",
        "CARDIO-1",
        "--start",
        start,
        "--patient",
        out.strip(),
    )
    assert code == 1 and out == ""
    assert message in err
    assert count(example, AppointmentRow) == 0


def test_overbooking_needs_a_reason_and_is_recorded(capsys, example):
    base = ["--db", example, "--now", NOW]
    patient = run(
        capsys,
        *base,
        "patients",
        "add",
        "--family",
        "Roy",
        "--given",
        "Lou",
        "--birth-date",
        "1990-05-05",
    )[1].strip()
    book = [
        *base,
        "book",
        "--practitioner",
        "DUPONT",
        "--visit-reason",
        "CARDIO-1",
        "--start",
        "2027-03-23T18:00",
        "--patient",
        patient,
        "--force",
    ]
    code, _, err = run(capsys, *book)
    assert code == 1 and "motif" in err
    code, out, _ = run(capsys, *book, "--reason", "Urgence vue avec le Dr Dupont")
    assert code == 0 and int(out) > 0
    assert count(example, AppointmentRow) == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--phone", "06 12 AB"], "n'est pas un numéro"),
        (["--phone", "0612"], "n'est pas un numéro de téléphone valide"),
        (["--birth-date", "2099-01-01"], "dans le futur"),
        (["--nir", "185057800608436"], "clé du NIR"),
    ],
)
def test_bad_patients_are_refused_and_nothing_is_written(capsys, example, argv, message):
    args = {"--family": "Durand", "--given": "Léa", "--birth-date": "1985-06-01"}
    for key, value in zip(argv[::2], argv[1::2], strict=True):
        args[key] = value
    flat = [item for pair in args.items() for item in pair]
    code, out, err = run(capsys, "--db", example, "--now", NOW, "patients", "add", *flat)
    assert code == 1 and out == "" and message in err
    assert count(example, PatientRow) == 0


def test_duplicate_patient_warns_and_can_be_forced(capsys, example):
    base = ["--db", example, "--now", NOW, "patients", "add", "--birth-date", "1980-03-12"]
    assert run(capsys, *base, "--family", "DUPONT", "--given", "ÉLODIE")[0] == 0
    code, _, err = run(capsys, *base, "--family", "Dupont", "--given", "Elodie")
    assert code == 1 and "Doublon possible" in err
    assert (
        run(capsys, *base, "--family", "Dupont", "--given", "Elodie", "--allow-duplicate")[0] == 0
    )
    assert count(example, PatientRow) == 2


def test_patients_find_json(capsys, example):
    base = ["--db", example, "--now", NOW]
    run(
        capsys,
        *base,
        "patients",
        "add",
        "--family",
        "Dupont",
        "--given",
        "Élodie",
        "--birth-date",
        "1980-03-12",
        "--birth-name",
        "Martin",
        "--sex",
        "F",
        "--phone",
        "0692 12 34 56",
    )
    for text in ("elodie", "DUP", "martin", "12/03/1980", "+262 692 12 34 56"):
        code, out, _ = run(capsys, *base, "patients", "find", text, "--json")
        found = json.loads(out)
        assert code == 0 and [p["family_name"] for p in found] == ["Dupont"], text
    assert found[0]["phones"] == [{"e164": "+262692123456", "kind": "mobile"}]
    assert set(found[0]) == {
        "id",
        "family_name",
        "birth_name",
        "given_names",
        "birth_date",
        "sex",
        "phones",
        "email",
    }
    code, out, _ = run(capsys, *base, "patients", "find", "%", "--json")
    assert json.loads(out) == []


def test_unknown_codes_are_named(capsys, example):
    code, _, err = run(capsys, "--db", example, "free-slots", "--visit-reason", "NOPE")
    assert code == 1 and "Motif inconnu" in err and "NOPE" in err
    code, _, err = run(
        capsys,
        "--db",
        example,
        "free-slots",
        "--visit-reason",
        "CARDIO-1",
        "--practitioner",
        "NOBODY",
    )
    assert code == 1 and "Praticien inconnu" in err


def test_end_before_start_is_refused(capsys, example):
    code, _, err = run(
        capsys,
        "--db",
        example,
        "free-slots",
        "--visit-reason",
        "CARDIO-1",
        "--from",
        "2027-04-10",
        "--to",
        "2027-04-01",
    )
    assert code == 1 and "précède" in err


def test_every_change_is_audited(capsys, example):
    before = count(example, AuditRow)
    run(
        capsys,
        "--db",
        example,
        "--now",
        NOW,
        "patients",
        "add",
        "--family",
        "A",
        "--given",
        "B",
        "--birth-date",
        "1980-01-01",
    )
    assert count(example, AuditRow) == before + 1


def _process(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *argv], capture_output=True, text=True, timeout=120
    )


def test_user_errors_exit_non_zero_without_traceback(example, tmp_path):
    result = _process(
        "--db",
        example,
        "book",
        "--practitioner",
        "DUPONT",
        "--visit-reason",
        "CARDIO-1",
        "--start",
        "2027-03-28T02:30",
        "--patient",
        "1",
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stderr.startswith("creneau : ")
    bad = tmp_path / "bad.toml"
    bad.write_text('[hospital]\nname = "X"\n[[sites]]\ncode = "A"\nnom = "B"\n', "utf-8")
    result = _process("--db", example, "import-structure", str(bad))
    assert result.returncode == 1 and "ligne 5" in result.stderr and "nom" in result.stderr
    result = _process("--db", example, "import-structure", str(tmp_path / "absent.toml"))
    assert result.returncode == 1 and "introuvable" in result.stderr


def test_usage_errors_are_french(example):
    result = _process("--db", example, "book", "--patient", "x")
    assert result.returncode == 2 and "erreur" in result.stderr and "Traceback" not in result.stderr
    result = _process("--version")
    assert result.returncode == 0 and result.stdout.startswith("Créneau ")


def test_the_command_line_does_not_load_qt():
    code = "import sys, desktop.cli; sys.exit('PySide6' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0
