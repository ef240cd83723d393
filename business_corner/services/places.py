"""A first registration and the notice it owes: the statements a newsletter rush runs most.

On PostgreSQL one statement (a data-modifying ``WITH``) writes both rows. It also skips an
address already registered for the session and decides between a seat and the waiting
list from the confirmed places it counts. That is two round trips fewer per sign-up than
reading first, then inserting twice. It must run after the session's seat lock is held
(``seats.lock_for_sign_up``): a statement sees the data as of its start, so the count is
only current if the lock was taken by an earlier statement.

SQLite has no data-modifying ``WITH``. There, the caller reads the standing first
(``seats.standing``) and this module inserts the two rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, bindparam, case, exists, func, insert, literal, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.dml import ReturningInsert

from business_corner.models import OutboxMessage, Registration
from business_corner.models.capacity import place_status_in_sql
from business_corner.services.notifications import Notice, owed_row
from business_corner.vocabulary import RegistrationStatus

_REGISTRATION: Table = Registration.__table__  # type: ignore[assignment]  # typed FromClause; a Table
_MESSAGE: Table = OutboxMessage.__table__  # type: ignore[assignment]  # typed FromClause; a Table

#: What the caller gives for a new registration (besides its status, decided here).
PLACE_COLUMNS = (
    "event_session_id",
    "email",
    "first_name",
    "last_name",
    "company",
    "job_title",
    "sector",
    "level",
    "can_host",
    "locale",
    "consent_at",
    "consent_version",
    "queued_at",
    "created_at",
    "updated_at",
)
#: A new place owes the notice named after its status.
NOTICE_FOR = {
    RegistrationStatus.CONFIRMED: Notice.CONFIRMED,
    RegistrationStatus.WAITLISTED: Notice.WAITLISTED,
}


@dataclass(frozen=True)
class NewPlace:
    registration_id: int
    message_id: int
    status: RegistrationStatus


def in_one_statement(connection: Connection) -> bool:
    return connection.dialect.name == "postgresql"


def add_new_place(
    connection: Connection, values: dict[str, Any], *, capacity: int
) -> NewPlace | None:
    """PostgreSQL: insert the registration and its notice unless the address is already
    registered for the session (then None). Call with the session locked."""
    # The notice's row as notifications.owed_row has it; its kind is chosen in SQL.
    owed = owed_row(
        Notice.CONFIRMED, values["email"], values["event_session_id"], values["created_at"]
    )
    row = connection.execute(
        _ADD_NEW_PLACE,
        {
            **values,
            "capacity": capacity,
            "subject": owed["subject"],
            "details": owed["details"],
            "kind_confirmed": NOTICE_FOR[RegistrationStatus.CONFIRMED].value,
            "kind_waitlisted": NOTICE_FOR[RegistrationStatus.WAITLISTED].value,
        },
    ).one_or_none()
    if row is None:
        return None
    status = next(status for status, notice in NOTICE_FOR.items() if notice.value == row.kind)
    return NewPlace(row.registration_id, row.id, status)


def insert_new_place(
    connection: Connection, values: dict[str, Any], *, status: RegistrationStatus
) -> NewPlace:
    """SQLite: insert a registration the caller found to be new, and its notice; ``status``
    is ``capacity.place_status`` of the standing the caller read under the lock."""
    registration_id = connection.execute(
        _INSERT_REGISTRATION, {**values, "status": status}
    ).scalar_one()
    message_id = connection.execute(
        _INSERT_MESSAGE,
        {
            "registration_id": registration_id,
            **owed_row(
                NOTICE_FOR[status],
                values["email"],
                values["event_session_id"],
                values["created_at"],
            ),
        },
    ).scalar_one()
    return NewPlace(registration_id, message_id, status)


def _add_new_place_statement() -> ReturningInsert[int, int, str]:
    registrations = _REGISTRATION.alias("existing")
    confirmed_places = (
        select(func.count())
        .select_from(registrations)
        .where(
            registrations.c.event_session_id == bindparam("event_session_id"),
            registrations.c.status == RegistrationStatus.CONFIRMED,
        )
        .scalar_subquery()
    )
    # A seat or the waiting list, by the one capacity rule (models.capacity).
    status = place_status_in_sql(
        confirmed_places, bindparam("capacity"), _REGISTRATION.c.status.type
    )
    already_registered = exists().where(
        registrations.c.event_session_id == bindparam("event_session_id"),
        registrations.c.email == bindparam("email"),
    )
    new_registration = (
        insert(_REGISTRATION)
        .from_select(
            [*PLACE_COLUMNS, "status"],
            select(
                *(bindparam(name, type_=_REGISTRATION.c[name].type) for name in PLACE_COLUMNS),
                status,
            ).where(~already_registered),
            include_defaults=False,
        )
        .returning(_REGISTRATION.c.id, _REGISTRATION.c.status)
        .cte("new_registration")
    )
    kind = case(
        (new_registration.c.status == RegistrationStatus.CONFIRMED, bindparam("kind_confirmed")),
        else_=bindparam("kind_waitlisted"),
    )
    created_at = bindparam("created_at", type_=_MESSAGE.c.created_at.type)
    return (
        insert(_MESSAGE)
        .from_select(
            [
                "registration_id",
                "kind",
                "recipient",
                "subject",
                "details",
                "event_session_id",
                "created_at",
                "next_attempt_at",
                "attempts",
                "last_error",
            ],
            select(
                new_registration.c.id,
                kind,
                bindparam("email", type_=_MESSAGE.c.recipient.type),
                bindparam("subject", type_=_MESSAGE.c.subject.type),
                bindparam("details", type_=_MESSAGE.c.details.type),
                bindparam("event_session_id", type_=_MESSAGE.c.event_session_id.type),
                created_at,
                created_at,
                literal(0),
                literal(""),
            ),
            include_defaults=False,
        )
        .returning(_MESSAGE.c.registration_id, _MESSAGE.c.id, _MESSAGE.c.kind)
    )


# Built once: each sign-up only binds new values, so nothing is rebuilt or recompiled.
_ADD_NEW_PLACE = _add_new_place_statement()
_INSERT_REGISTRATION = insert(_REGISTRATION).returning(_REGISTRATION.c.id)
_INSERT_MESSAGE = insert(_MESSAGE).returning(_MESSAGE.c.id)
