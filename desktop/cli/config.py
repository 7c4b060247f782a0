"""``creneau config show``: the effective workstation configuration, where each value comes from.

For the IT department checking a deployment: the machine-wide and the user's files (read or
absent), then every key of ``desktop.config.KEYS`` with its value and its source (option,
environment, user's file, machine file, default). Secrets never appear: the password of a URL,
the query parameters that look like tokens or keys, the content of ``password_file``.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote_plus, urlsplit

from desktop.config import (
    KEYS,
    SOURCE_DEFAULT,
    ConfigurationError,
    load_configuration,
    read_password,
)

MASK = "***"
URL_KEYS = frozenset({"database.url", "reminders.url", "publication.base_url"})
SECRET_PARAMETER = re.compile(
    r"(token|key|secret|pass|pwd|auth|signature|sig|credential)", re.IGNORECASE
)


def register(sub) -> dict:
    """Add the ``config`` sub-command to ``sub`` and return its handler."""
    config = sub.add_parser(
        "config",
        help="affiche la configuration du poste (fichiers machine et utilisateur)",
        description="Affiche la configuration effective du poste : chaque valeur et son "
        "origine (option --db, variable CRENEAU_DB, fichier de l'utilisateur, fichier "
        "machine préparé par le service informatique, défaut). Les secrets sont masqués.",
    )
    csub = config.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    csub.add_parser("show", help="affiche la configuration effective, secrets masqués")
    return {"config": cmd_config}


def mask_url(url: str) -> str:
    """``url`` with its password and its token-like query parameters replaced by ``***``
    (the rest of the text left exactly as written)."""
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:
        return MASK
    masked = url
    if password is not None:
        user_info = parts.netloc.rpartition("@")[0]
        user = user_info.partition(":")[0]
        masked = masked.replace(f"{user_info}@", f"{user}:{MASK}@", 1)
    if parts.query:
        pieces = []
        for piece in parts.query.split("&"):
            name, equals, _value = piece.partition("=")
            secret = equals and SECRET_PARAMETER.search(unquote_plus(name))
            pieces.append(f"{name}={MASK}" if secret else piece)
        masked = masked.replace(f"?{parts.query}", "?" + "&".join(pieces), 1)
    return masked


def shown(key: str, value: str) -> str:
    """What ``config show`` prints for ``value`` of ``key`` (secrets masked)."""
    return mask_url(value) if key in URL_KEYS else value


def _source(setting) -> str:
    if setting.path is not None:
        return f"{setting.source} {setting.path}"
    return setting.source


def cmd_config(args) -> int:
    config = load_configuration(args.db)
    print("Configuration de Créneau")
    for label, path in (("machine", config.machine_file), ("utilisateur", config.user_file)):
        state = "lu" if path in config.files_read else "absent"
        print(f"  fichier {label:<12}: {path} ({state})")
    print()
    names = [f"{section}.{key}" for section, keys in KEYS.items() for key in keys]
    width = max(len(n) for n in names)
    for name in names:
        setting = config.settings.get(name)
        if setting is None:
            print(f"  {name:<{width}} = (non réglé)")
            continue
        print(f"  {name:<{width}} = {shown(name, setting.value)}    ({_source(setting)})")
    password_file = config.settings.get("database.password_file")
    url = config.settings["database.url"]
    if password_file is not None and not url.value.startswith("sqlite"):
        print()
        try:
            read_password(Path(password_file.value))
        except ConfigurationError as exc:
            print(f"  attention : {exc.message}")
        else:
            print(f"  mot de passe de la base : {MASK} (lu dans {password_file.value})")
    if url.source == SOURCE_DEFAULT:
        print()
        print("  (base SQLite de l'utilisateur : aucune base partagée n'est configurée)")
    return 0
