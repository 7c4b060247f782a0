"""``creneau audit verify`` and ``creneau audit export``: exit codes, French messages, the CSV."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import date

import pytest
from sqlalchemy import create_engine, text

from desktop.cli import main
from desktop.cli.audit import EXIT_TAMPERED
from desktop.domain.spreadsheet import BOM
from desktop.services.patients import PatientInput
from tests.conftest import TEST_NOW
from tests.fakes import SECRETARY, small_hospital


@pytest.fixture
def url(sqlite_url):
    """A small hospital with two patients created by the secretary: 3 audit records."""
    services = small_hospital(sqlite_url, TEST_NOW)
    services.patients.create(SECRETARY, PatientInput("Alpha", "Ana", date(1970, 1, 2)))
    services.patients.create(SECRETARY, PatientInput("Beta", "Bob", date(1971, 1, 2)))
    services.db.dispose()
    return sqlite_url


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def sql(url: str, *statements: str) -> None:
    engine = create_engine(url)
    with engine.begin() as c:
        for statement in statements:
            c.execute(text(statement))
    engine.dispose()


def test_verify_an_intact_trail(capsys, url):
    code, out, err = run(capsys, "--db", url, "audit", "verify")
    assert (code, err) == (0, "")
    first, second = out.splitlines()
    assert first == "Journal d'audit intègre : 3 enregistrements vérifiés."
    engine = create_engine(url)
    with engine.connect() as c:
        last_hash = c.execute(text("SELECT last_hash FROM audit_head")).scalar_one()
    engine.dispose()
    assert second == f"Dernier enregistrement : n° 3, empreinte {last_hash}."


def test_verify_names_the_edited_record_with_a_non_zero_exit(capsys, url):
    sql(url, "DROP TRIGGER tr_audit_no_update", "UPDATE audit SET actor = 'intrus' WHERE id = 2")
    code, out, err = run(capsys, "--db", url, "audit", "verify")
    assert code == EXIT_TAMPERED and out == ""
    assert "L'enregistrement n° 2 a été modifié" in err
    assert "1 enregistrement intègre avant l'enregistrement n° 2." in err


def test_verify_names_a_deleted_record(capsys, url):
    sql(url, "DROP TRIGGER tr_audit_no_delete", "DELETE FROM audit WHERE id = 2")
    code, _out, err = run(capsys, "--db", url, "audit", "verify")
    assert code == EXIT_TAMPERED
    assert "supprimés entre le n° 1 et le n° 3" in err


def test_verify_exit_code_as_a_real_process(url):
    sql(url, "DROP TRIGGER tr_audit_no_delete", "DELETE FROM audit WHERE id = 3")
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from desktop.cli import main; sys.exit(main())",
         "--db", url, "audit", "verify"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == EXIT_TAMPERED
    assert "Le dernier enregistrement (n° 3) a été supprimé" in done.stderr


def test_export_writes_the_filtered_csv(capsys, url, tmp_path):
    out_file = tmp_path / "audit.csv"
    code, out, err = run(
        capsys, "--db", url, "audit", "export", "--out", str(out_file),
        "--from", "2027-03-15", "--to", "15/03/2027", "--user", SECRETARY.login,
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out == f"2 enregistrements exportés dans {out_file}.\n"
    content = out_file.read_bytes().decode("utf-8")
    assert content.startswith(BOM) and "\r\n" in content
    rows = list(csv.reader(content[len(BOM) :].splitlines(), delimiter=";"))
    assert [r[2] for r in rows[1:]] == [SECRETARY.login] * 2
    assert [r[5] for r in rows[1:]] == ["patient.create"] * 2
    # Another day: nothing; the export is itself audited and the trail still verifies.
    code, out, _ = run(
        capsys, "--db", url, "audit", "export", "--out", str(out_file), "--from", "2027-03-16"
    )
    assert code == 0 and out.startswith("0 enregistrement exporté")
    code, out, _ = run(capsys, "--db", url, "audit", "verify")
    assert code == 0 and "5 enregistrements vérifiés" in out


def test_export_refuses_bad_input_in_french(capsys, url, tmp_path):
    code, _out, err = run(
        capsys, "--db", url, "audit", "export", "--out", str(tmp_path),
    )  # fmt: skip
    assert code == 1 and "est un dossier" in err
    code, _out, err = run(
        capsys, "--db", url, "audit", "export", "--out", str(tmp_path / "a.csv"),
        "--from", "2027-03-16", "--to", "2027-03-15",
    )  # fmt: skip
    assert code == 1 and "La période est inversée" in err
    code, _out, err = run(
        capsys, "--db", url, "audit", "export", "--out", str(tmp_path / "a.csv"),
        "--practitioner", "INCONNU",
    )  # fmt: skip
    assert code == 1 and "INCONNU" in err
    assert not (tmp_path / "a.csv").exists()
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", url, "audit", "export", "--out", "x.csv", "--from", "demain"])
    assert exit_info.value.code == 2
    assert "date invalide" in capsys.readouterr().err
