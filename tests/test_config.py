"""Workstation configuration: precedence of the machine-wide and the user's files, the password
kept out of the user's file, French messages naming file and line, ``creneau config show``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from desktop.cli import main
from desktop.config import (
    ENV_MACHINE_CONFIG,
    ENV_USER_CONFIG,
    SOURCE_DEFAULT,
    SOURCE_ENV,
    SOURCE_MACHINE,
    SOURCE_OPTION,
    SOURCE_USER,
    ConfigurationError,
    database_url,
    default_sqlite_path,
    load_configuration,
    machine_config_path,
)

PG = "postgresql://creneau@db.hopital.local:5432/creneau"
posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX permissions")


@pytest.fixture
def files(tmp_path, monkeypatch):
    """The machine-wide and the user's files, both absent until a test writes them."""
    machine = tmp_path / "machine" / "creneau.toml"
    user = tmp_path / "user" / "creneau.toml"
    machine.parent.mkdir()
    user.parent.mkdir()
    monkeypatch.setenv(ENV_MACHINE_CONFIG, str(machine))
    monkeypatch.setenv(ENV_USER_CONFIG, str(user))
    return machine, user


def password_file(folder: Path, text: str = "S3cr@t:/p w\n", mode: int = 0o600) -> Path:
    path = folder / "db.password"
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def test_without_files_the_users_sqlite_file_is_the_default(files):
    config = load_configuration()
    url = config.settings["database.url"]
    assert url.source == SOURCE_DEFAULT
    assert url.value == f"sqlite:///{default_sqlite_path()}"
    assert config.files_read == ()
    assert config.get("publication.folder") is None
    assert database_url() == url.value
    assert default_sqlite_path().parent.is_dir()


def test_the_machine_file_is_read_and_the_users_file_wins_key_by_key(files):
    machine, user = files
    machine.write_text(
        f'[database]\nurl = "{PG}"\n\n[publication]\nfolder = "/srv/www/creneaux"\n'
        'base_url = "https://www.hopital.fr/creneaux/"\n\n[backup]\nfolder = "/srv/sauv"\n',
        encoding="utf-8",
    )
    user.write_text('[publication]\nfolder = "/home/moi/publication"\n', encoding="utf-8")
    config = load_configuration()
    assert config.files_read == (machine, user)
    assert config.settings["database.url"].source == SOURCE_MACHINE
    assert config.settings["database.url"].path == machine
    assert config.get("database.url") == PG
    assert config.settings["publication.folder"].source == SOURCE_USER
    assert config.get("publication.folder") == str(Path("/home/moi/publication"))
    assert config.get("publication.base_url") == "https://www.hopital.fr/creneaux/"
    assert config.settings["backup.folder"].source == SOURCE_MACHINE


def test_precedence_of_the_database_url(files, monkeypatch):
    machine, user = files
    machine.write_text(f'[database]\nurl = "{PG}"\n', encoding="utf-8")
    assert load_configuration().get("database.url") == PG
    user.write_text('[database]\nurl = "sqlite:///utilisateur.sqlite3"\n', encoding="utf-8")
    assert load_configuration().get("database.url") == "sqlite:///utilisateur.sqlite3"
    monkeypatch.setenv("CRENEAU_DB", "sqlite:///environnement.sqlite3")
    config = load_configuration()
    assert (config.get("database.url"), config.settings["database.url"].source) == (
        "sqlite:///environnement.sqlite3",
        SOURCE_ENV,
    )
    config = load_configuration("sqlite:///option.sqlite3")
    assert config.settings["database.url"].source == SOURCE_OPTION
    assert database_url("sqlite:///option.sqlite3") == "sqlite:///option.sqlite3"


def test_a_password_in_the_users_file_is_refused_in_french(files):
    _, user = files
    user.write_text(
        '# mon poste\n[database]\nurl = "postgresql://creneau:secret@db/creneau"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigurationError) as refused:
        load_configuration()
    message = refused.value.message
    assert f"{user}, ligne 3" in message
    assert "en clair" in message and "password_file" in message and "PGPASSFILE" in message
    assert "secret" not in message


def test_the_machine_file_may_carry_the_password(files):
    machine, _ = files
    machine.write_text('[database]\nurl = "postgresql://c:pw@db/creneau"\n', encoding="utf-8")
    assert database_url() == "postgresql://c:pw@db/creneau"


@posix_only
def test_the_password_file_is_injected_into_the_url(files):
    machine, user = files
    secret = password_file(machine.parent)
    # A relative path is taken from the folder of the file that names it.
    machine.write_text(
        f'[database]\nurl = "{PG}"\npassword_file = "db.password"\n', encoding="utf-8"
    )
    url = make_url(database_url())
    assert url.password == "S3cr@t:/p w"
    assert (url.username, url.host, url.database) == ("creneau", "db.hopital.local", "creneau")
    # The user's file may name its own password file (never the password itself).
    mine = password_file(user.parent, "autre\n")
    user.write_text(f'[database]\npassword_file = "{mine}"\n', encoding="utf-8")
    assert make_url(database_url()).password == "autre"
    assert load_configuration().get("database.password_file") == str(mine)
    assert secret.exists()


@posix_only
def test_a_password_file_readable_by_everyone_is_refused(files):
    machine, _ = files
    secret = password_file(machine.parent, mode=0o644)
    machine.write_text(f'[database]\nurl = "{PG}"\npassword_file = "{secret}"\n')
    with pytest.raises(ConfigurationError, match="accessible à tous les utilisateurs"):
        database_url()


def test_a_missing_or_empty_password_file_is_named(files):
    machine, _ = files
    missing = machine.parent / "absent.password"
    machine.write_text(f'[database]\nurl = "{PG}"\npassword_file = "{missing.as_posix()}"\n')
    with pytest.raises(ConfigurationError, match="introuvable"):
        database_url()
    password_file(machine.parent, "\n\n")
    machine.write_text(f'[database]\nurl = "{PG}"\npassword_file = "db.password"\n')
    with pytest.raises(ConfigurationError, match="est vide"):
        database_url()


def test_sqlite_ignores_the_password_file(files):
    machine, _ = files
    machine.write_text('[database]\nurl = "sqlite:///x.sqlite3"\npassword_file = "absent"\n')
    assert database_url() == "sqlite:///x.sqlite3"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[database]\nurl = "sqlite:///a"\nurl "b"\n', "ligne 3 : « = » attendu après la clé"),
        ("[database]\n\nurl = sqlite\n", "ligne 3 : valeur invalide"),
        ('[database]\nurl = "a"\nurl = "b"\n', "ligne 3 : clé déclarée deux fois"),
        ('[database]\nurl = "non terminée\n', "ligne 2 : chaîne de caractères non terminée"),
    ],
)
def test_bad_toml_names_the_file_and_the_line(files, text, expected):
    machine, _ = files
    machine.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigurationError) as refused:
        load_configuration()
    assert refused.value.message.startswith(f"Fichier de configuration illisible : {machine}")
    assert expected in refused.value.message


def test_unknown_sections_keys_and_non_text_values_are_named(files):
    _, user = files
    user.write_text('[databse]\nurl = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigurationError, match=r"ligne 1 : section inconnue « databse »"):
        load_configuration()
    user.write_text('[backup]\n\nfolder = "x"\nevery = "24"\n', encoding="utf-8")
    with pytest.raises(ConfigurationError, match=r"ligne 4 : clé inconnue « every » dans"):
        load_configuration()
    user.write_text("[backup]\nfolder = 12\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match=r"ligne 2 : « folder » doit être un texte"):
        load_configuration()


def test_a_file_saved_with_a_bom_by_notepad_is_read(files):
    machine, _ = files
    machine.write_bytes(f'\ufeff[database]\nurl = "{PG}"\n'.encode())
    assert load_configuration().get("database.url") == PG


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux location")
def test_the_machine_file_is_under_etc_xdg_on_linux(monkeypatch):
    monkeypatch.delenv(ENV_MACHINE_CONFIG, raising=False)
    monkeypatch.delenv("XDG_CONFIG_DIRS", raising=False)
    assert machine_config_path() == Path("/etc/xdg/creneau/creneau.toml")


def test_config_show_prints_sources_and_masks_secrets(files, capsys):
    machine, user = files
    machine.write_text(
        '[database]\nurl = "postgresql://creneau:motdepasse@db/creneau?sslmode=require"\n'
        '[reminders]\ngateway = "http"\nurl = "https://sms.hopital.local/envoi?token=abc123&de=HOP"\n',
        encoding="utf-8",
    )
    user.write_text('[backup]\nfolder = "/srv/sauvegardes"\n', encoding="utf-8")
    code = main(["config", "show"])
    out = capsys.readouterr().out
    assert code == 0
    assert f"fichier machine     : {machine} (lu)" in out
    assert "postgresql://creneau:***@db/creneau?sslmode=require" in out
    assert "https://sms.hopital.local/envoi?token=***&de=HOP" in out
    assert "motdepasse" not in out and "abc123" not in out
    assert f"({SOURCE_MACHINE} {machine})" in out and f"({SOURCE_USER} {user})" in out
    assert "publication.folder     = (non réglé)" in out


@posix_only
def test_config_show_checks_the_password_file_without_printing_it(files, capsys):
    machine, _ = files
    password_file(machine.parent, "tres-secret\n")
    machine.write_text(f'[database]\nurl = "{PG}"\npassword_file = "db.password"\n')
    assert main(["config", "show"]) == 0
    out = capsys.readouterr().out
    assert "mot de passe de la base : *** (lu dans" in out and "tres-secret" not in out
    (machine.parent / "db.password").chmod(0o644)
    assert main(["--db", PG, "config", "show"]) == 0
    out = capsys.readouterr().out
    assert "attention : Le fichier de mot de passe" in out
    assert f"database.url           = {PG}    ({SOURCE_OPTION})" in out


def test_a_bad_file_is_a_french_error_of_the_command(files, capsys):
    machine, _ = files
    machine.write_text("[database\n", encoding="utf-8")
    assert main(["config", "show"]) == 1
    assert capsys.readouterr().err.startswith(
        f"creneau : Fichier de configuration illisible : {machine}, ligne 1"
    )
