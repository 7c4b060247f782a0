"""Apply the Alembic migrations: ``creneau init`` and every start-up call ``upgrade``.

Alembic is imported only when a migration has to run: an up-to-date database (every start but the
first after an update) is recognised with one query, which keeps Alembic off the start-up path.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from db.engine import writer

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
# Revision ids are the four digits that start each migration's file name ("0003_….py").
_REVISION_FILE = re.compile(r"^(\d{4})_\w+\.py$")


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest migration shipped with this version, as Alembic computes it."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head()


def shipped_head() -> str:
    """The newest migration shipped, read from the file names (a test keeps it equal to
    ``head_revision``)."""
    found = (_REVISION_FILE.match(p.name) for p in (MIGRATIONS / "versions").iterdir())
    return max(m.group(1) for m in found if m)


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at (None: never initialised)."""
    with engine.connect() as connection:
        try:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except DBAPIError:
            return None  # no alembic_version table: a new database


def upgrade(engine: Engine) -> bool:
    """Bring the schema to the newest revision; True when something was applied."""
    if current_revision(engine) == shipped_head():
        return False
    from alembic import command

    config = _config()
    with writer(engine).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return True
