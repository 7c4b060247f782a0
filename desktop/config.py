"""Where the database is: ``--db``, else ``CRENEAU_DB``, else an SQLite file in the user's data."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "creneau"
ENV_DB = "CRENEAU_DB"


def default_sqlite_path() -> Path:
    """The embedded database of this user (created on first start)."""
    return user_data_path(APP_NAME, appauthor=False) / "creneau.sqlite3"


def database_url(explicit: str | None = None) -> str:
    """The SQLAlchemy URL to open, creating the folder of the default SQLite file."""
    if explicit:
        return explicit
    if os.environ.get(ENV_DB):
        return os.environ[ENV_DB]
    path = default_sqlite_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"
