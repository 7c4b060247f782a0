"""Where Créneau's workstation settings come from, first found wins:

1. the command line (``--db``), then the environment (``CRENEAU_DB``);
2. the user's file (``creneau.toml`` in the user's configuration folder: ``~/.config/creneau/``
   on Linux, ``%LOCALAPPDATA%\\creneau\\`` on Windows; ``CRENEAU_USER_CONFIG`` names another);
3. the machine-wide file the IT department pre-fills (``/etc/xdg/creneau/creneau.toml`` on
   Linux, ``%PROGRAMDATA%\\Créneau\\creneau.toml`` on Windows; ``CRENEAU_MACHINE_CONFIG`` names
   another);
4. the default: an SQLite file in the user's data folder.

Both files have the same keys (``KEYS``)::

    [database]
    url = "postgresql://creneau@db.hopital.local/creneau"
    password_file = "/etc/creneau/db.password"   # the password, alone, in a protected file

    [publication]
    folder = "/srv/www/creneaux"
    base_url = "https://www.hopital.fr/creneaux/"

    [reminders]
    gateway = "outbox"            # or "http"
    outbox = "/var/spool/creneau-sms"
    url = "https://sms.hopital.local/send"

    [backup]
    folder = "/srv/sauvegardes/creneau"

The database password is never written in clear in the user's file: a URL with a password there
is refused; it comes from ``password_file`` (injected into the URL when the database is opened)
or from libpq's own ``PGPASSFILE`` / ``~/.pgpass``. Settings shared by every workstation
(opening hours, publication policies…) live in the database, not here.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import site_config_path, user_config_path, user_data_path

from desktop.domain.errors import InvalidInput

APP_NAME = "creneau"
ENV_DB = "CRENEAU_DB"
ENV_MACHINE_CONFIG = "CRENEAU_MACHINE_CONFIG"
ENV_USER_CONFIG = "CRENEAU_USER_CONFIG"
CONFIG_FILE = "creneau.toml"
KEYS: dict[str, tuple[str, ...]] = {
    "database": ("url", "password_file"),
    "publication": ("folder", "base_url"),
    "reminders": ("gateway", "outbox", "url"),
    "backup": ("folder",),
}
PATH_KEYS = frozenset({"database.password_file", "publication.folder", "reminders.outbox",
                       "backup.folder"})  # fmt: skip
SOURCE_OPTION = "option --db"
SOURCE_ENV = f"variable {ENV_DB}"
SOURCE_USER = "fichier utilisateur"
SOURCE_MACHINE = "fichier machine"
SOURCE_DEFAULT = "défaut"


class ConfigurationError(InvalidInput):
    """A configuration file that cannot be used (the message names the file and the line)."""


@dataclass(frozen=True)
class Setting:
    """One effective value and where it comes from (``SOURCE_*``, with the file's path)."""

    value: str
    source: str
    path: Path | None = None


@dataclass(frozen=True)
class Configuration:
    """The effective settings (``"database.url"`` → ``Setting``) and the files looked at."""

    settings: dict[str, Setting]
    machine_file: Path
    user_file: Path
    files_read: tuple[Path, ...] = field(default=())

    def get(self, key: str) -> str | None:
        found = self.settings.get(key)
        return found.value if found else None


def default_sqlite_path() -> Path:
    """The embedded database of this user (created on first start)."""
    return user_data_path(APP_NAME, appauthor=False) / "creneau.sqlite3"


def machine_config_path(environ: dict[str, str] | None = None) -> Path:
    """The machine-wide file: ``CRENEAU_MACHINE_CONFIG``, else the platform's shared folder."""
    environ = os.environ if environ is None else environ
    if environ.get(ENV_MACHINE_CONFIG):
        return Path(environ[ENV_MACHINE_CONFIG])
    # %PROGRAMDATA%\Créneau on Windows (the installer's {commonappdata}\Créneau).
    name = "Créneau" if sys.platform == "win32" else APP_NAME
    return site_config_path(name, appauthor=False) / CONFIG_FILE


def user_config_file(environ: dict[str, str] | None = None) -> Path:
    """The user's own file: ``CRENEAU_USER_CONFIG``, else the user's configuration folder."""
    environ = os.environ if environ is None else environ
    if environ.get(ENV_USER_CONFIG):
        return Path(environ[ENV_USER_CONFIG])
    return user_config_path(APP_NAME, appauthor=False) / CONFIG_FILE


def load_configuration(
    explicit_db: str | None = None, environ: dict[str, str] | None = None
) -> Configuration:
    """Read the machine file, then the user's, and apply the precedence of this module.

    Raises ``ConfigurationError`` (French, naming file and line) for unreadable TOML, an
    unknown section or key, a value that is not text, or a password in the user's URL.
    """
    environ = os.environ if environ is None else environ
    machine, user = machine_config_path(environ), user_config_file(environ)
    settings: dict[str, Setting] = {}
    read = []
    for path, source in ((machine, SOURCE_MACHINE), (user, SOURCE_USER)):
        values = _read_file(path, users_file=source == SOURCE_USER)
        if values is None:
            continue
        read.append(path)
        settings |= {key: Setting(value, source, path) for key, value in values.items()}
    if explicit_db:
        settings["database.url"] = Setting(explicit_db, SOURCE_OPTION)
    elif environ.get(ENV_DB):
        settings["database.url"] = Setting(environ[ENV_DB], SOURCE_ENV)
    elif "database.url" not in settings:
        default = f"sqlite:///{default_sqlite_path()}"
        settings["database.url"] = Setting(default, SOURCE_DEFAULT)
    return Configuration(settings, machine, user, tuple(read))


def database_url(explicit: str | None = None) -> str:
    """The SQLAlchemy URL to open: ``--db``, ``CRENEAU_DB``, the user's file, the machine's
    file, else the default SQLite file (whose folder is created). The password of
    ``password_file`` is put into a URL that has none."""
    config = load_configuration(explicit)
    url = config.settings["database.url"]
    if url.source == SOURCE_DEFAULT:
        default_sqlite_path().parent.mkdir(parents=True, exist_ok=True)
    password_file = config.settings.get("database.password_file")
    if password_file is None or url.value.startswith("sqlite"):
        return url.value
    return with_password(url.value, Path(password_file.value))


def with_password(url: str, password_file: Path) -> str:
    """``url`` with the password read from ``password_file`` (a URL that carries one is kept)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.password is not None:
        return url
    return parsed.set(password=read_password(password_file)).render_as_string(hide_password=False)


def read_password(path: Path) -> str:
    """The password alone on the first line of ``path``; refused when others may read it."""
    try:
        info = path.stat()
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigurationError(f"Fichier de mot de passe introuvable : {path}.") from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or "pas un fichier texte UTF-8"
        raise ConfigurationError(
            f"Fichier de mot de passe illisible : {path} ({reason})."
        ) from None
    if os.name == "posix" and info.st_mode & (stat.S_IROTH | stat.S_IWOTH | stat.S_IWGRP):
        raise ConfigurationError(
            f"Le fichier de mot de passe {path} est accessible à tous les utilisateurs : "
            "réservez-le à son propriétaire (chmod 600) ou au groupe du service informatique "
            "(chmod 640)."
        )
    password = text.splitlines()[0].strip() if text.strip() else ""
    if not password:
        raise ConfigurationError(f"Le fichier de mot de passe {path} est vide.")
    return password


# --- reading a file ---------------------------------------------------------------------------

_TOML_MESSAGES = {
    "Invalid value": "valeur invalide",
    "Invalid statement": "instruction invalide",
    "Expected '=' after a key in a key/value pair": "« = » attendu après la clé",
    "Cannot overwrite a value": "clé déclarée deux fois",
    "Cannot declare": "table déclarée deux fois",
    "Unterminated string": "chaîne de caractères non terminée",
    "Illegal character '\\n'": "chaîne de caractères non terminée",
    "Illegal character": "caractère interdit",
    "Unclosed array": "tableau non fermé",
    "Expected newline or end of document after a statement": "fin de ligne attendue",
}
_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)|\s*\(at end of document\)")


def _read_file(path: Path, *, users_file: bool = False) -> dict[str, str] | None:
    """``{"section.key": value}`` of a configuration file; None when there is no such file.
    A user's file may not hold the database password."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (FileNotFoundError, NotADirectoryError):
        return None
    except UnicodeDecodeError:
        raise ConfigurationError(f"{path} n'est pas un fichier texte UTF-8.") from None
    except OSError as exc:
        raise ConfigurationError(f"Lecture impossible de {path} : {exc.strerror}.") from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigurationError(_toml_message(path, str(exc), text)) from None
    values = {}
    for section, table in document.items():
        if section not in KEYS or not isinstance(table, dict):
            raise ConfigurationError(
                f"{_where(path, text, section)} : section inconnue « {section} » "
                f"(attendu : {', '.join(f'[{s}]' for s in KEYS)})."
            )
        for key, value in table.items():
            if key not in KEYS[section]:
                raise ConfigurationError(
                    f"{_where(path, text, section, key)} : clé inconnue « {key} » dans "
                    f"[{section}] (attendu : {', '.join(KEYS[section])})."
                )
            if not isinstance(value, str):
                raise ConfigurationError(
                    f"{_where(path, text, section, key)} : « {key} » doit être un texte entre "
                    'guillemets (par exemple "…").'
                )
            name = f"{section}.{key}"
            values[name] = _expand_path(value, path) if name in PATH_KEYS and value else value
    if users_file and values.get("database.url"):
        _refuse_clear_password(_where(path, text, "database", "url"), values["database.url"])
    return values


def _expand_path(value: str, config_file: Path) -> str:
    """``~`` and variables expanded; a relative path is taken from the file's folder."""
    path = Path(os.path.expandvars(os.path.expanduser(value)))
    return str(path if path.is_absolute() else config_file.parent / path)


def _toml_message(path: Path, detail: str, text: str) -> str:
    position = _POSITION.search(detail)
    detail = _POSITION.sub("", detail).strip()
    french = next((fr for en, fr in _TOML_MESSAGES.items() if detail.startswith(en)), detail)
    if position and position.group(1):
        where = f"{path}, ligne {position.group(1)}"
    else:
        where = f"{path}, ligne {max(1, len(text.splitlines()))}"
    return f"Fichier de configuration illisible : {where} : {french}."


def _where(path: Path, text: str, section: str, key: str | None = None) -> str:
    """``path, ligne N`` of ``[section]`` (and of ``key =`` inside it), as best found."""
    current, found = None, None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = re.fullmatch(r"\[\s*([^\]]+?)\s*\]\s*(#.*)?", stripped)
        if header:
            current = header.group(1).strip("\"'")
            if key is None and current == section:
                found = number
                break
            continue
        if (
            key is not None
            and current == section
            and re.match(rf"[\"']?{re.escape(key)}\b", stripped)
        ):
            found = number
            break
    return f"{path}, ligne {found}" if found else str(path)


def _refuse_clear_password(where: str, url: str) -> None:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        password = make_url(url).password
    except ArgumentError:
        raise ConfigurationError(f"{where} : adresse de base de données invalide.") from None
    if password is not None:
        raise ConfigurationError(
            f"{where} : le mot de passe de la base ne doit pas être écrit en clair dans le "
            "fichier de l'utilisateur. Retirez-le de « url » et mettez-le seul dans un fichier "
            "lisible par vous seul (ou par le service informatique), nommé par "
            "« password_file » dans [database] — ou utilisez le fichier de mots de passe de "
            "PostgreSQL (PGPASSFILE, ~/.pgpass)."
        )
