"""``creneau report …`` and ``creneau export …`` on a known database: each command writes its
file (read back), bad input gets one French sentence and writes nothing."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest

from desktop.cli import main
from tests.reports.pdf_text import text
from tests.reports.scene import activity_month, named_monday
from tests.services.test_exports import events

NOW = "2027-03-15T09:00"


@pytest.fixture
def monday(sqlite_url):
    scene = named_monday(sqlite_url)
    scene.services.db.dispose()
    return sqlite_url, scene


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_every_report_command_writes_its_pdf(capsys, monday, tmp_path):
    url, scene = monday
    base = ("--db", url, "--now", NOW, "report")
    commands = {
        "day.pdf": ("day", "--practitioner", "DUPONT", "--date", "2027-03-22"),
        "minimal.pdf": ("day", "--practitioner", "DUPONT", "--date", "22/03/2027", "--minimal"),
        "week.pdf": ("week", "--practitioner", "DUPONT", "--week", "2027-W12"),
        "department.pdf": ("department", "--department", "CARDIO", "--date", "2027-03-22"),
        "activity.pdf": ("activity", "--month", "2027-03", "--department", "CARDIO"),
        "letter.pdf": ("letter", "--appointment", str(scene.appointments["orsted"].id)),
        "calls.pdf": ("calls", "--practitioner", "DUPONT", "--from", "2027-03-22T08:00",
                      "--to", "2027-03-22T13:00", "--reason", "Congrès"),
        "extract.pdf": ("extract", "--patient", str(scene.patients["nguyen"])),
    }  # fmt: skip
    for name, argv in commands.items():
        out = tmp_path / name
        code, stdout, err = run(capsys, *base, *argv, "--out", str(out))
        assert code == 0, err
        assert str(out) in stdout and err == ""
        assert out.read_bytes().startswith(b"%PDF")
    assert "WIŚNIEWSKI Łukasz" in text((tmp_path / "day.pdf").read_bytes())
    assert "W. Ł. — 1980" in text((tmp_path / "minimal.pdf").read_bytes())
    assert "ØRSTED H." in text((tmp_path / "week.pdf").read_bytes())
    assert "ZÉPHYRIN Octave" in text((tmp_path / "department.pdf").read_bytes())
    assert "Monsieur Hans Christian ØRSTED" in text((tmp_path / "letter.pdf").read_bytes())
    assert "3 patients à appeler" in text((tmp_path / "calls.pdf").read_bytes())
    assert "Trần" in text((tmp_path / "extract.pdf").read_bytes())
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file left behind


def test_the_activity_report_of_the_whole_hospital(capsys, sqlite_url, tmp_path):
    activity_month(sqlite_url).services.db.dispose()
    out = tmp_path / "activite.pdf"
    code, _, err = run(capsys, "--db", sqlite_url, "report", "activity", "--month", "2027-03",
                       "--out", str(out))  # fmt: skip
    assert code == 0, err
    assert "7,4" in text(out.read_bytes())  # occupancy, hand-computed in tests.reports.scene


def test_exports_write_csv_and_ics(capsys, monday, tmp_path):
    url, _ = monday
    out = tmp_path / "rdv.csv"
    code, stdout, err = run(capsys, "--db", url, "export", "csv", "--from", "2027-03-22",
                            "--to", "2027-03-22", "--columns", "date,start,family_name,phone",
                            "--out", str(out))  # fmt: skip
    assert code == 0, err
    assert stdout.startswith("4 rendez-vous")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == ["Date", "Début", "Nom", "Téléphone"]
    assert ["22/03/2027", "09:00", "Wiśniewski", "06 12 34 56 78"] in rows
    ics = tmp_path / "dupont.ics"
    argv = ("export", "ics", "--practitioner", "DUPONT", "--from", "2027-03-01", "--to",
            "2027-03-31", "--out", str(ics))  # fmt: skip
    code, stdout, err = run(capsys, "--db", url, *argv)
    assert code == 0, err
    assert stdout.startswith("3 événements")
    assert len(events(ics.read_bytes().decode("utf-8"))) == 3


def test_bad_input_is_one_french_sentence_and_writes_nothing(capsys, monday, tmp_path):
    url, _ = monday
    out = tmp_path / "x.pdf"
    cases = [
        (("report", "day", "--practitioner", "INCONNU", "--date", "2027-03-22"), "INCONNU"),
        (("report", "activity", "--month", "2027-03", "--department", "NEURO"), "NEURO"),
        (("report", "letter", "--appointment", "999"), "Rendez-vous inconnu"),
        (("report", "extract", "--patient", "999"), "Patient inconnu"),
        (("export", "csv", "--from", "2027-03-22", "--to", "2027-03-01"), "précède"),
        (("export", "csv", "--from", "2027-03-22", "--to", "2027-03-22", "--columns", "nom"),
         "Colonne inconnue"),
    ]  # fmt: skip
    for argv, words in cases:
        code, stdout, err = run(capsys, "--db", url, *argv, "--out", str(out))
        assert code == 1 and stdout == ""
        assert err.startswith("creneau : ") and words in err, err
        assert not out.exists()
    nowhere = str(tmp_path / "absent" / "x.pdf")
    argv = ("report", "day", "--practitioner", "DUPONT", "--date", "2027-03-22", "--out", nowhere)
    code, _, err = run(capsys, "--db", url, *argv)
    assert code == 1 and "Dossier introuvable" in err


def test_malformed_weeks_and_months_are_usage_errors(sqlite_url):
    for argv in (
        ["report", "week", "--practitioner", "DUPONT", "--week", "2027-12", "--out", "x.pdf"],
        ["report", "activity", "--month", "mars", "--out", "x.pdf"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "desktop", "--db", sqlite_url, *argv],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert result.returncode == 2
        assert "invalide" in result.stderr and "attendu" in result.stderr
