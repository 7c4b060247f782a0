"""Alembic environment: run with a connection given by ``db.migrate`` (or a URL for the CLI)."""

from __future__ import annotations

from alembic import context

from db import tables  # noqa: F401  (registers the tables on the metadata)
from db.base import Base

config = context.config
connection = config.attributes.get("connection")

if connection is None:
    from db.engine import make_engine

    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(
            connection=connection, target_metadata=Base.metadata, render_as_batch=True
        )
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
