"""Database plumbing shared by every model and service.

- ``Base``: the declarative base, whose naming convention gives constraints stable names so
  that Alembic migrations are the same on SQLite and PostgreSQL.
- ``UTCDateTime``: instants are stored in UTC and always come back timezone-aware.
- ``write_transaction``: the one way services change data that other requests race for.
- ``prepare_engine``: SQLite's locking; on PostgreSQL, pooled connections checked before use
  and ``WaitLimit``, the bound on how long anything waits for the database.
- ``record_written``: what a transaction wrote that the web side acts on after the commit
  (see ``business_corner.after_commit``).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import DateTime, Enum, MetaData, event
from sqlalchemy.engine import Connection, Dialect, Engine
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import DeclarativeBase, Session, registry
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection
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
#: How a write transaction begins on SQLite: by taking the database's write lock, before its
#: first read. (The race test's control run swaps it for a plain BEGIN, from tests/support.)
BEGIN_WRITE = "BEGIN IMMEDIATE"


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


log = logging.getLogger(__name__)


def prepare_engine(engine: Engine, *, wait_seconds: float = 0) -> None:
    """Let SQLite behave like a database that several worker processes can share; on
    PostgreSQL, never let a silent server hold a worker longer than ``wait_seconds``."""
    if engine.dialect.name == "postgresql":
        _watch_postgresql(engine, WaitLimit(wait_seconds) if wait_seconds > 0 else None)
        return
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
        connection.exec_driver_sql(BEGIN_WRITE if immediate else "BEGIN")


class WaitLimit:
    """Gives up on a PostgreSQL connection that has waited too long for an answer.

    A server that has stopped answering while something still acknowledges the packets (a
    frozen host or proxy, a paused virtual machine) leaves libpq waiting for ever: TCP
    keepalives and ``tcp_user_timeout`` see a healthy peer, and a server-side
    ``statement_timeout`` needs the server. So the client bounds the wait itself: each
    statement, commit, rollback and pre-use check arms a deadline for its connection, and
    one thread per process shuts down the socket of any connection still busy (libpq's
    "active" state) past its deadline. libpq then sees the connection closed, psycopg raises
    ``OperationalError``, SQLAlchemy discards the connection and the request answers the
    translated 503 page.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._deadlines: dict[Any, float] = {}
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        # A forked worker inherits neither the thread nor a usable lock: start afresh.
        os.register_at_fork(after_in_child=self._forget)

    def arm(self, dbapi_connection: Any) -> None:
        with self._lock:
            idle = not self._deadlines
            self._deadlines[dbapi_connection] = time.monotonic() + self.seconds
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._watch, name="database-wait-limit", daemon=True
                )
                self._thread.start()
        if idle:
            self._wake.set()

    def disarm(self, dbapi_connection: Any) -> None:
        # Also called before a connection is closed: the watcher never touches a closed one
        # (or its file descriptor, which the system may already have given to another).
        with self._lock:
            self._deadlines.pop(dbapi_connection, None)

    def _forget(self) -> None:
        self._deadlines = {}
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread = None

    def _watch(self) -> None:
        while True:
            with self._lock:
                now = time.monotonic()
                for connection, deadline in list(self._deadlines.items()):
                    if deadline <= now:
                        del self._deadlines[connection]
                        self._give_up_if_still_waiting(connection)
                soonest = min(self._deadlines.values(), default=None)
                self._wake.clear()
            # Deadlines armed while others are pending are seen within half a second.
            self._wake.wait(None if soonest is None else min(max(soonest - now, 0.01), 0.5))

    def _give_up_if_still_waiting(self, connection: Any) -> None:
        from psycopg.pq import TransactionStatus

        try:
            if connection.closed or connection.info.transaction_status != TransactionStatus.ACTIVE:
                return  # the answer came; nothing is waiting on this connection any more
            with socket.socket(fileno=os.dup(connection.fileno())) as duplicate:
                duplicate.shutdown(socket.SHUT_RDWR)
        except (OSError, ValueError) as error:
            log.warning("could not cut a database connection off: %s", error)
            return
        except Exception as error:
            log.warning("could not cut a database connection off: %r", error)
            return
        log.warning("the database did not answer within %.1f s: connection cut off", self.seconds)


def _watch_postgresql(engine: Engine, limit: WaitLimit | None) -> None:
    """Check pooled connections before use (SQLAlchemy's ``pool_pre_ping``, here so that
    the check, too, is bounded) and arm ``limit`` around everything that waits."""
    fresh = "business_corner_fresh"

    @event.listens_for(engine, "connect")
    def _on_connect(_dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        record.info[fresh] = True  # just opened: no need to check it

    @event.listens_for(engine, "checkout")
    def _check_before_use(
        dbapi_connection: Any, record: ConnectionPoolEntry, _proxy: PoolProxiedConnection
    ) -> None:
        if record.info.pop(fresh, False):
            return
        if limit is not None:
            limit.arm(dbapi_connection)
        try:
            alive = engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            # The pool discards this connection and opens another (within the connect
            # timeout), as pool_pre_ping does.
            raise DisconnectionError("pooled connection lost") from error
        finally:
            if limit is not None:
                limit.disarm(dbapi_connection)
        if not alive:
            raise DisconnectionError("pooled connection lost")

    if limit is None:
        return

    def arm_cursor(_conn: Connection, cursor: Any, *_args: Any) -> None:
        limit.arm(cursor.connection)

    def disarm_cursor(_conn: Connection, cursor: Any, *_args: Any) -> None:
        limit.disarm(cursor.connection)

    def arm_connection(connection: Connection) -> None:
        if not (connection.closed or connection.invalidated):
            limit.arm(connection.connection.dbapi_connection)

    def arm_pooled(dbapi_connection: Any, *_args: Any) -> None:
        limit.arm(dbapi_connection)

    def disarm_pooled(dbapi_connection: Any, *_args: Any) -> None:
        limit.disarm(dbapi_connection)

    event.listen(engine, "before_cursor_execute", arm_cursor)
    event.listen(engine, "after_cursor_execute", disarm_cursor)
    # Commits and rollbacks have no "after" event: their deadline simply finds the
    # connection idle again (not "active") and lets it be.
    event.listen(engine, "commit", arm_connection)
    event.listen(engine, "rollback", arm_connection)
    event.listen(engine, "reset", arm_pooled)  # the rollback when a connection is returned
    event.listen(engine, "invalidate", disarm_pooled)
    event.listen(engine, "close", disarm_pooled)


@contextmanager
def write_transaction(session: Session) -> Iterator[Connection]:
    """Run a block in one fresh transaction that commits at the end or rolls back on error.

    Yields the transaction's connection, for statements that need no ORM objects.

    On SQLite the transaction takes the write lock before its first read (``BEGIN
    IMMEDIATE``), so two workers cannot both see "one seat left". On PostgreSQL the block
    takes row locks itself (``SELECT … FOR UPDATE``); see ``services.seats``.
    """
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("write_transaction() needs a session without pending changes")
    # End the read-only transaction a view may have opened: the block must start fresh.
    session.rollback()
    connection = session.connection(execution_options={_IMMEDIATE: True})
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
