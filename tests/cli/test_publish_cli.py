"""``creneau publish --out DIR [--weeks N]`` and ``creneau publish --verify DIR``."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from desktop.cli import main
from tests.conftest import TEST_NOW
from tests.fakes import ADMIN, small_hospital

NOW = "2027-03-15T10:00:00+01:00"


@pytest.fixture
def url(sqlite_url):
    services = small_hospital(sqlite_url, TEST_NOW)
    services.administration.settings.save_publication(
        ADMIN, "https://hopital.example/creneaux/", "https://hopital.example/rdv", 8, ""
    )
    services.db.dispose()
    return sqlite_url


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_publish_writes_the_folder_then_verify_says_it_is_intact(capsys, url, tmp_path):
    out = tmp_path / "www" / "creneaux"
    code, printed, err = run(capsys, "--db", url, "--now", NOW, "publish", "--out", str(out),
                             "--weeks", "2")  # fmt: skip
    assert (code, err) == (0, "")
    assert f"Publication écrite dans {out} :" in printed and "(2 semaines)" in printed
    assert "SHA-256" in printed
    manifest = json.loads((out / "$bulk-publish").read_text(encoding="utf-8"))
    assert [o["url"].rsplit("/", 1)[1] for o in manifest["output"] if o["type"] == "Slot"] == [
        "slots-2027-W11.ndjson",
        "slots-2027-W12.ndjson",
    ]
    code, printed, err = run(capsys, "publish", "--verify", str(out))
    assert (code, err) == (0, "")
    assert printed.startswith("Publication conforme :") and "fichiers vérifiés" in printed


def test_verify_fails_naming_the_first_modified_file(capsys, url, tmp_path):
    out = tmp_path / "creneaux"
    assert run(capsys, "--db", url, "--now", NOW, "publish", "--out", str(out))[0] == 0
    target = out / "slots-2027-W12.ndjson"
    target.write_text(target.read_text().replace("+01:00", "+02:00", 1))
    (out / "extra.js").write_text("tracker()")
    code, printed, err = run(capsys, "publish", "--verify", str(out))
    assert code == 1 and printed == ""
    first, *others = err.splitlines()
    assert first.startswith("creneau : publication non conforme : « slots-2027-W12.ndjson »")
    assert "empreinte SHA-256" in first and "(et 1 autre(s) problème(s))" in first
    assert others == ["  « extra.js » : fichier absent du manifeste"]


def test_a_missing_folder_and_missing_settings_are_said_in_french(capsys, sqlite_url, tmp_path):
    code, _, err = run(capsys, "publish", "--verify", str(tmp_path / "nowhere"))
    assert code == 1 and "« . » : dossier introuvable" in err
    small_hospital(sqlite_url, TEST_NOW).db.dispose()
    code, _, err = run(capsys, "--db", sqlite_url, "publish", "--out", str(tmp_path / "o"))
    assert code == 1 and err.startswith("creneau : Adresse publique du flux non renseignée")
    code, _, err = run(capsys, "--db", sqlite_url, "publish")
    assert code == 1 and "Aucun dossier de publication" in err


def test_the_exit_code_of_a_real_process(url, tmp_path):
    out = tmp_path / "creneaux"
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", url, "--now", NOW, "publish", "--out", str(out)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    (out / "locations.ndjson").write_text("{}\n")
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "publish", "--verify", str(out)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 1 and "locations.ndjson" in done.stderr
