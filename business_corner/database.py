"""Database plumbing shared by every model and service.

- ``Base``: the declarative base, whose naming convention gives constraints stable names so
  that Alembic migrations are the same on SQLite and PostgreSQL.
- ``UTCDateTime``: instants are stored in UTC and always come back timezone-aware.
- ``write_transaction``: the one way services change data that other requests race for.
- ``record_written``: what a transaction wrote that the web side acts on after the commit
  (see ``business_corner.after_commit``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import DateTime, Enum, MetaData, event
from sqlalchemy.engine import Connection, Dialect, Engine
from sqlalchemy.orm import DeclarativeBase, Session, registry
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: Execution option read by the SQLite BEGIN hook below.
_IMMEDIATE = "business_corner_begin_immediate"


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as UTC (``timestamptz`` on PostgreSQL, text on SQLite)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous; pass an aware datetime")
        value = value.astimezone(UTC)
        # SQLite has no time zone type: store the UTC wall clock.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    # Given as a registry (not class attributes) so that Flask-SQLAlchemy's subclass of
    # this base shares it.
    registry = registry(
        metadata=MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={
            datetime: UTCDateTime,
            # Enumerations are stored as their stable string codes in a plain VARCHAR: no
            # native ENUM type to migrate on PostgreSQL, the same schema on SQLite.
            StrEnum: Enum(
                StrEnum,
                native_enum=False,
                length=32,
                values_callable=lambda members: [member.value for member in members],
                validate_strings=True,
            ),
        },
    )


def prepare_engine(engine: Engine) -> None:
    """Let SQLite behave like a database that several worker processes can share."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite opens transactions lazily, and only before writes: a read followed by a
        # write then sees stale data. Turn that off and emit our own BEGIN (SQLAlchemy's
        # documented recipe), so that a write transaction can take the lock up front.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        # WAL lets readers go on while one writer works.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(_IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextmanager
def write_transaction(session: Session, *, lock: bool = True) -> Iterator[Connection]:
    """Run a block in one fresh transaction that commits at the end or rolls back on error.

    Yields the transaction's connection, for statements that need no ORM objects.

    With ``lock`` (always, outside the race test's control run) the transaction takes
    SQLite's write lock before its first read (``BEGIN IMMEDIATE``), so two workers cannot
    both see "one seat left". On PostgreSQL the block takes row locks itself
    (``SELECT … FOR UPDATE``); see ``services.seats``.
    """
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("write_transaction() needs a session without pending changes")
    # End the read-only transaction a view may have opened: the block must start fresh.
    session.rollback()
    connection = session.connection(execution_options={_IMMEDIATE: lock})
    try:
        yield connection
        session.commit()
    except BaseException:
        session.rollback()
        raise


#: ``Session.info`` key under which transactions collect what they wrote.
AFTER_COMMIT_KEY = "business_corner_after_commit"


@dataclass
class Written:
    """Outbox messages queued and sessions (events) touched."""

    message_ids: set[int] = field(default_factory=set)
    event_ids: set[int] = field(default_factory=set)


def written_in(session: Session, state: str) -> Written:
    """What the session collected: ``pending`` (this transaction) or ``committed``."""
    slots: dict[str, Written] = session.info.setdefault(AFTER_COMMIT_KEY, {})
    return slots.setdefault(state, Written())


def record_written(
    session: Session, *, message_ids: Iterable[int] = (), event_ids: Iterable[int] = ()
) -> None:
    """For writes the ORM does not see (Core statements): they belong to this transaction."""
    pending = written_in(session, "pending")
    pending.message_ids.update(message_ids)
    pending.event_ids.update(event_ids)
