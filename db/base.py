"""Declarative base, naming convention and the column types that keep instants in UTC."""

from __future__ import annotations

from datetime import UTC, datetime, time

from sqlalchemy import DateTime, MetaData, String
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


UTC_TEXT_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def utc_text(instant: datetime) -> str:
    """How SQLite stores an instant: ISO 8601 in UTC with an explicit Z, sortable as text."""
    return instant.astimezone(UTC).strftime(UTC_TEXT_FORMAT)


def parse_utc_text(text: str) -> datetime:
    """The inverse of ``utc_text``."""
    return datetime.fromisoformat(text)


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC instant: ``timestamptz`` on PostgreSQL, ``…Z`` text on SQLite.

    Refuses naive datetimes so that no wall-clock time is ever stored as an instant.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(20))
        return dialect.type_descriptor(DateTime(timezone=True))

    def process_bind_param(self, value: datetime | None, dialect: Dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime bound to a UTC column")
        if dialect.name == "sqlite":
            return utc_text(value)
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            return parse_utc_text(value)
        return value.astimezone(UTC)


class WallTime(TypeDecorator[time]):
    """A local wall-clock time of day stored as ``HH:MM``."""

    impl = String(5)
    cache_ok = True

    def process_bind_param(self, value: time | None, dialect: Dialect):
        return None if value is None else value.strftime("%H:%M")

    def process_result_value(self, value, dialect: Dialect) -> time | None:
        return None if value is None else time.fromisoformat(value)
