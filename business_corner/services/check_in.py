"""Who came: check-in at the door, by scanning a ticket, online ("I'm here"), or afterwards
from the attendee list, and the no-shows recorded once a session is over.

Every change of whether a registered attendee is present goes through ``_change_attendance``:
one conditional UPDATE. Two organisers tapping the same person at two doors make one
check-in at one time, and only the tap that changed something is told so; that function
is where an audit entry of each change belongs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy import ColumnElement, Table, bindparam, exists, func, literal, select, update
from sqlalchemy.engine import Connection, CursorResult
from sqlalchemy.orm import QueryableAttribute, Session

from business_corner.database import write_transaction
from business_corner.models import EventSession, Organiser, Registration, WalkIn
from business_corner.services import audit
from business_corner.services.errors import DomainError, NotFound
from business_corner.services.search import search_key
from business_corner.services.sessions import get_own_session
from business_corner.vocabulary import AuditAction, AuditSubject, RegistrationStatus, SessionStatus

_REGISTRATION: Table = Registration.__table__  # type: ignore[assignment]  # typed FromClause; a Table


@dataclass(frozen=True)
class CheckInRules:
    """When check-in is possible (the app builds it from its settings)."""

    #: Organisers check people in from this long before the start: the door opens.
    door_opens_before: timedelta = timedelta(minutes=120)
    #: Online and hybrid attendees press "I'm here" from this long before the start.
    self_opens_before: timedelta = timedelta(minutes=15)
    #: Organisers may correct who came (present, no-show) this long after the end.
    editable_for: timedelta = timedelta(days=3)

    def door_opens_at(self, event: EventSession) -> datetime:
        return event.starts_at - self.door_opens_before

    def self_opens_at(self, event: EventSession) -> datetime:
        return event.starts_at - self.self_opens_before

    def editable_until(self, event: EventSession) -> datetime:
        return event.ends_at + self.editable_for


def door_refusal(event: EventSession, now: datetime, rules: CheckInRules) -> DomainError | None:
    """Why organisers cannot change who is present now, or None while they can: from the
    door's opening to a few days after the end (the one statement of that rule)."""
    if event.status is not SessionStatus.PUBLISHED:
        return DomainError(_l("Only a published session has a check-in."))
    if now < rules.door_opens_at(event):
        minutes = round(rules.door_opens_before.total_seconds() / 60)
        return DomainError(
            lazy_ngettext(
                "Check-in opens %(num)s minute before the session starts.",
                "Check-in opens %(num)s minutes before the session starts.",
                minutes,
            )
        )
    if now >= rules.editable_until(event):
        return DomainError(_l("Who came to this session can no longer be changed."))
    return None


def self_check_in_refusal(
    registration: Registration, now: datetime, rules: CheckInRules
) -> DomainError | None:
    """Why the attendee's own "I'm here" does not work now, or None while it does: a
    confirmed place at an online or hybrid session, from shortly before the start to the end."""
    event = registration.event_session
    if not event.format.has_video_link:
        return DomainError(_l("At the venue, show your ticket at the door to check in."))
    if registration.status is not RegistrationStatus.CONFIRMED or not event.is_published:
        return DomainError(_l("Only a confirmed place can be checked in."))
    if now < rules.self_opens_at(event):
        minutes = round(rules.self_opens_before.total_seconds() / 60)
        return DomainError(
            lazy_ngettext(
                "This button works from %(num)s minute before the start.",
                "This button works from %(num)s minutes before the start.",
                minutes,
            )
        )
    if now >= event.ends_at:
        return DomainError(_l("The session is over."))
    return None


def can_self_check_in(registration: Registration, now: datetime, rules: CheckInRules) -> bool:
    return self_check_in_refusal(registration, now, rules) is None


class NotConfirmed(DomainError):
    def __init__(self) -> None:
        super().__init__(
            _l(
                "This person has no confirmed place: they cannot be checked in. Add them as "
                "someone who came without registering if there is room."
            )
        )


# Built once; each change binds its values. (A test swaps CHECK_IN for one without its
# condition to show that the concurrency test catches a double check-in.)
#: Present: only a confirmed place not checked in yet, so the first tap wins and keeps its time.
CHECK_IN = (
    update(_REGISTRATION)
    .where(
        _REGISTRATION.c.id == bindparam("registration_id"),
        _REGISTRATION.c.event_session_id == bindparam("event_id"),
        _REGISTRATION.c.status == RegistrationStatus.CONFIRMED,
        _REGISTRATION.c.checked_in_at.is_(None),
    )
    .values(
        checked_in_at=bindparam("now"),
        checked_in_by_id=bindparam("actor_id"),
        no_show_at=None,
        updated_at=bindparam("now"),
    )
)
#: Not present after all: after the session's end, that makes a no-show.
UNDO_CHECK_IN = (
    update(_REGISTRATION)
    .where(
        _REGISTRATION.c.id == bindparam("registration_id"),
        _REGISTRATION.c.event_session_id == bindparam("event_id"),
        _REGISTRATION.c.checked_in_at.is_not(None),
    )
    .values(
        checked_in_at=None,
        checked_in_by_id=None,
        no_show_at=bindparam("no_show_at"),
        updated_at=bindparam("now"),
    )
)


def _change_attendance(
    connection: Connection,
    event: EventSession,
    registration_id: int,
    *,
    present: bool,
    actor: Organiser | None,
    now: datetime,
) -> bool:
    """The one place where a registered attendee's presence changes. True when this call
    changed it (the audit entry goes with that), False when it already was so."""
    values: dict[str, Any] = {"registration_id": registration_id, "event_id": event.id, "now": now}
    if present:
        result = connection.execute(CHECK_IN, {**values, "actor_id": actor.id if actor else None})
    else:
        no_show_at = now if now >= event.ends_at else None
        result = connection.execute(UNDO_CHECK_IN, {**values, "no_show_at": no_show_at})
    return cast("CursorResult[Any]", result).rowcount == 1


@dataclass(frozen=True)
class CheckInOutcome:
    #: False when the attendee already was in that state (another organiser was quicker).
    changed: bool
    registration: Registration


def check_in(
    session: Session,
    organiser: Organiser,
    event_id: int,
    registration_id: int,
    *,
    now: datetime,
    rules: CheckInRules,
) -> CheckInOutcome:
    """An organiser checks an attendee in (a tap at the door, a scanned ticket, or "present"
    on the attendee list). Checking in someone already in changes nothing."""
    return _set_presence(session, organiser, event_id, registration_id, True, now, rules)


def undo_check_in(
    session: Session,
    organiser: Organiser,
    event_id: int,
    registration_id: int,
    *,
    now: datetime,
    rules: CheckInRules,
) -> CheckInOutcome:
    """Not present after all (a wrong tap); once the session is over, a no-show."""
    return _set_presence(session, organiser, event_id, registration_id, False, now, rules)


def _set_presence(
    session: Session,
    organiser: Organiser,
    event_id: int,
    registration_id: int,
    present: bool,
    now: datetime,
    rules: CheckInRules,
) -> CheckInOutcome:
    with write_transaction(session) as connection:
        event = get_own_session(session, organiser, event_id)
        refusal = door_refusal(event, now, rules)
        if refusal is not None:
            raise refusal
        changed = _change_attendance(
            connection, event, registration_id, present=present, actor=organiser, now=now
        )
        registration = session.get(Registration, registration_id, populate_existing=True)
        if registration is None or registration.event_session_id != event_id:
            raise NotFound(_l("This person is not registered for this session."))
        if present and not changed and registration.status is not RegistrationStatus.CONFIRMED:
            raise NotConfirmed()
        if changed:
            audit.record(
                session,
                organiser,
                AuditAction.CHECKED_IN if present else AuditAction.CHECK_IN_UNDONE,
                AuditSubject.REGISTRATION,
                registration_id,
                {"session": event_id},
                now,
            )
        return CheckInOutcome(changed, registration)


def self_check_in(
    session: Session, registration_id: int, *, now: datetime, rules: CheckInRules
) -> bool:
    """The attendee's own "I'm here" at an online or hybrid session; True if it checked
    them in, False if they already were."""
    with write_transaction(session) as connection:
        registration = session.get(Registration, registration_id, populate_existing=True)
        if registration is None:
            raise NotFound(_l("This registration no longer exists."))
        refusal = self_check_in_refusal(registration, now, rules)
        if refusal is not None:
            raise refusal
        return _change_attendance(
            connection,
            registration.event_session,
            registration_id,
            present=True,
            actor=None,
            now=now,
        )


def checked_in_exists(
    event_id: ColumnElement[int] | QueryableAttribute[int],
) -> ColumnElement[bool]:
    """Check-in has started at a session once someone registered is checked in (walk-ins
    alone do not count: they may be added ahead, to plan the tables)."""
    return exists().where(
        Registration.event_session_id == event_id, Registration.checked_in_at.is_not(None)
    )


def check_in_started(session: Session, event_id: int) -> bool:
    return bool(session.scalar(select(checked_in_exists(literal(event_id)))))


def _no_shows_due(now: datetime, rules: CheckInRules) -> Any:
    """Sessions whose no-shows are recorded now: over, still editable, and where check-in
    was used (otherwise everyone would be a no-show of a check-in nobody ran)."""
    return select(EventSession.id).where(
        EventSession.status == SessionStatus.PUBLISHED,
        EventSession.ends_at <= now,
        EventSession.ends_at > now - rules.editable_for,
        checked_in_exists(EventSession.id),
    )


def record_no_shows(
    session: Session, now: datetime, rules: CheckInRules, *, event_id: int | None = None
) -> int:
    """Record as no-shows the confirmed attendees not checked in at sessions that are over
    (all of them, or ``event_id``). Idempotent: run it as often as you like. Returns how
    many were recorded."""
    sessions = _no_shows_due(now, rules)
    if event_id is not None:
        sessions = sessions.where(EventSession.id == event_id)
    with write_transaction(session) as connection:
        result = connection.execute(
            update(_REGISTRATION)
            .where(
                _REGISTRATION.c.event_session_id.in_(sessions),
                _REGISTRATION.c.status == RegistrationStatus.CONFIRMED,
                _REGISTRATION.c.checked_in_at.is_(None),
                _REGISTRATION.c.no_show_at.is_(None),
            )
            .values(no_show_at=now, updated_at=now)
        )
        return cast("CursorResult[Any]", result).rowcount


def record_no_shows_of(
    session: Session, event: EventSession, now: datetime, rules: CheckInRules
) -> int:
    """``record_no_shows`` for one session, as its attendee list opens: no write at all
    unless it is over and someone is still to be recorded."""
    if not (event.ends_at <= now < rules.editable_until(event)):
        return 0
    pending = session.scalar(
        select(
            exists().where(
                Registration.event_session_id == event.id,
                Registration.status == RegistrationStatus.CONFIRMED,
                Registration.checked_in_at.is_(None),
                Registration.no_show_at.is_(None),
            )
        )
    )
    if not pending:
        return 0
    return record_no_shows(session, now, rules, event_id=event.id)


@dataclass(frozen=True)
class DoorCounts:
    #: Confirmed places: the people expected.
    expected: int
    #: Of them, checked in.
    present: int
    walk_ins: int


def door_counts(session: Session, event_id: int) -> DoorCounts:
    expected, present = session.execute(
        select(func.count(), func.count(Registration.checked_in_at)).where(
            Registration.event_session_id == event_id,
            Registration.status == RegistrationStatus.CONFIRMED,
        )
    ).one()
    walk_ins = session.scalar(
        select(func.count()).select_from(WalkIn).where(WalkIn.event_session_id == event_id)
    )
    return DoorCounts(expected or 0, present or 0, walk_ins or 0)


@dataclass(frozen=True)
class DoorRow:
    registration: Registration
    #: Name and company as search compares them (lower case, no accents).
    search_key: str


def door_row(registration: Registration) -> DoorRow:
    return DoorRow(
        registration,
        search_key(registration.first_name, registration.last_name, registration.company),
    )


def door_list(session: Session, event_id: int) -> list[DoorRow]:
    """Everyone with a seat, by last name then first name, ready to be searched."""
    registrations = session.scalars(
        select(Registration).where(
            Registration.event_session_id == event_id,
            Registration.status == RegistrationStatus.CONFIRMED,
        )
    ).all()
    rows = [door_row(registration) for registration in registrations]
    rows.sort(
        key=lambda row: (
            search_key(row.registration.last_name),
            search_key(row.registration.first_name),
            row.registration.id,
        )
    )
    return rows


def walk_ins_of(session: Session, event_id: int) -> list[WalkIn]:
    return list(
        session.scalars(
            select(WalkIn).where(WalkIn.event_session_id == event_id).order_by(WalkIn.id)
        )
    )


@dataclass(frozen=True)
class AttendanceRecord:
    """How often an address came, and did not come, to sessions with a check-in."""

    attended: int = 0
    no_shows: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.attended or self.no_shows)


def attendance_records(
    session: Session, emails: Iterable[str], *, except_event_id: int | None = None
) -> dict[str, AttendanceRecord]:
    """Each address's record across sessions (by normalised address, as stored), walk-ins
    who left theirs included; ``except_event_id`` leaves out the session being looked at.
    Two queries whatever the number of addresses."""
    wanted = sorted(set(emails))
    if not wanted:
        return {}
    attended: dict[str, int] = dict.fromkeys(wanted, 0)
    no_shows: dict[str, int] = dict.fromkeys(wanted, 0)
    registrations = select(
        Registration.email,
        func.count(Registration.checked_in_at),
        func.count(Registration.no_show_at),
    ).where(Registration.email.in_(wanted))
    walk_ins = select(WalkIn.email, func.count()).where(WalkIn.email.in_(wanted))
    if except_event_id is not None:
        registrations = registrations.where(Registration.event_session_id != except_event_id)
        walk_ins = walk_ins.where(WalkIn.event_session_id != except_event_id)
    for email, came, missed in session.execute(registrations.group_by(Registration.email)):
        attended[email] += came
        no_shows[email] += missed
    for address, walked_in in session.execute(walk_ins.group_by(WalkIn.email)):
        if address is not None:
            attended[address] += walked_in
    return {
        email: AttendanceRecord(attended[email], no_shows[email])
        for email in wanted
        if attended[email] or no_shows[email]
    }
