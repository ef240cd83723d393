"""Seats and the waiting list.

Every change that gives or frees a seat runs inside ``write_transaction`` and locks the
session first: ``SELECT … FOR UPDATE`` on PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite. The
count of confirmed places is read after the lock is held, so the last seat cannot be
given twice, whatever the number of worker processes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, bindparam, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from business_corner.models import EventSession, Registration
from business_corner.models.event_session import registration_open
from business_corner.vocabulary import RegistrationStatus, SessionStatus


def load_session_for_update(
    session: Session, event_id: int, *conditions: ColumnElement[bool]
) -> EventSession | None:
    """The session, locked until the transaction ends: every seat change takes this lock
    (or ``lock_for_sign_up``'s, on the same row) before it counts. ``conditions`` (who may
    change it) are checked in the same read: a session they refuse is not locked."""
    return session.execute(
        select(EventSession)
        .where(EventSession.id == event_id, *conditions)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one_or_none()


@dataclass(frozen=True)
class SessionForSignUp:
    """What deciding a sign-up needs to know of the session, read as its lock is taken.

    A sign-up reads these few values instead of loading the whole session: it is the
    request a newsletter rush sends thousands of times.
    """

    status: SessionStatus
    starts_at: datetime
    capacity: int

    def is_open_for_registration(self, now: datetime) -> bool:
        return registration_open(self.status, self.starts_at, now)


@dataclass(frozen=True)
class Standing:
    """Where a session stands for one address, read under the seat lock."""

    confirmed: int
    #: This address's registration for the session, if it ever had one (even cancelled).
    registration_id: int | None


# Built once: a sign-up runs these with new values only, so SQLAlchemy neither rebuilds nor
# recompiles them on every request.
#: What a sign-up reads of the session.
SESSION_FOR_SIGN_UP = select(
    EventSession.status, EventSession.starts_at, EventSession.capacity
).where(EventSession.id == bindparam("event_id"))
#: The statement that takes a sign-up's seat lock. (The race test's control run swaps it for
#: one that does not lock, from tests/support.)
SIGN_UP_LOCK = SESSION_FOR_SIGN_UP.with_for_update()
_STANDING = select(
    select(func.count())
    .select_from(Registration)
    .where(
        Registration.event_session_id == bindparam("event_id"),
        Registration.status == RegistrationStatus.CONFIRMED,
    )
    .scalar_subquery(),
    select(Registration.id)
    .where(
        Registration.event_session_id == bindparam("event_id"),
        Registration.email == bindparam("email"),
    )
    .scalar_subquery(),
)


def lock_for_sign_up(connection: Connection, event_id: int) -> SessionForSignUp | None:
    """Take the session's seat lock and read what a sign-up needs; None if there is no
    such session. Runs on the transaction's connection: nothing here becomes an object."""
    row = connection.execute(SIGN_UP_LOCK, {"event_id": event_id}).one_or_none()
    if row is None:
        return None
    return SessionForSignUp(status=row.status, starts_at=row.starts_at, capacity=row.capacity)


def standing(connection: Connection, event_id: int, email: str) -> Standing:
    """Confirmed places and this address's registration, in one statement.

    A separate statement from the lock's: on PostgreSQL a statement sees the data as it
    was when it started, so a count in the locking statement could predate the lock it
    waited for.
    """
    confirmed, registration_id = connection.execute(
        _STANDING, {"event_id": event_id, "email": email}
    ).one()
    return Standing(confirmed=confirmed or 0, registration_id=registration_id)


def confirmed_count(session: Session, event_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Registration)
            .where(
                Registration.event_session_id == event_id,
                Registration.status == RegistrationStatus.CONFIRMED,
            )
        )
        or 0
    )


def waitlist_position(session: Session, registration: Registration) -> int | None:
    """1 for the next person to get a seat; None for someone not on the waiting list."""
    if registration.status is not RegistrationStatus.WAITLISTED:
        return None
    ahead = (
        session.scalar(
            select(func.count())
            .select_from(Registration)
            .where(
                Registration.event_session_id == registration.event_session_id,
                Registration.status == RegistrationStatus.WAITLISTED,
                (Registration.queued_at < registration.queued_at)
                | (
                    (Registration.queued_at == registration.queued_at)
                    & (Registration.id < registration.id)
                ),
            )
        )
        or 0
    )
    return ahead + 1


def fill_free_seats(session: Session, event: EventSession, now: datetime) -> list[Registration]:
    """Promote waiting attendees, first come first served, while seats are free.

    Call with the session locked (``load_session_for_update``): each person is promoted
    exactly once because the status change and the count happen under the same lock.
    """
    if not event.is_open_for_registration(now):
        return []
    free = event.availability(confirmed_count(session, event.id)).seats_left
    if not free:
        return []
    waiting = session.scalars(
        select(Registration)
        .where(
            Registration.event_session_id == event.id,
            Registration.status == RegistrationStatus.WAITLISTED,
        )
        .order_by(Registration.queued_at, Registration.id)
        .limit(free)
    ).all()
    for registration in waiting:
        registration.status = RegistrationStatus.CONFIRMED
        registration.updated_at = now
    return list(waiting)


def raise_calendar_sequence(event: EventSession, now: datetime) -> None:
    """A change calendars must take in: a higher SEQUENCE, and feeds see a new version."""
    event.calendar_sequence += 1
    event.updated_at = now
