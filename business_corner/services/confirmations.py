"""Confirm-or-release: "still coming?" before the session, and the seats nobody confirmed
given to the waiting list.

A session's organisers switch it on (it is worth it when people are waiting). At the first
point (``ConfirmTiming.ask_before``, 48 hours by default) everyone with a seat then is asked,
once; they answer on a page that confirms with a POST (mail scanners follow links). At the
second point (26 hours), before the reminder, the seats of those who did not answer are
released under the seat lock, like every other seat change: the people waiting move up and
are told, the released people get a CANCEL for their calendar and a way back onto the
waiting list, and no reminder. People who get a seat after the question went out (new
sign-ups, promotions) are not asked: they have just said they are coming.

``run_confirmations`` does both for every session due; it is idempotent (the cron command
``confirm-or-release`` runs it every few minutes, like ``send-reminders``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from business_corner.database import write_transaction
from business_corner.models import EventSession, Organiser, Registration
from business_corner.services import audit, seats
from business_corner.services.errors import DomainError
from business_corner.services.notifications import Notice, queue_notice, queue_notices
from business_corner.services.registration import come_back, lock_registration
from business_corner.services.sessions import lock_own_session
from business_corner.vocabulary import AuditAction, AuditSubject, RegistrationStatus, SessionStatus


@dataclass(frozen=True)
class ConfirmTiming:
    """When attendees are asked, and when the seats nobody confirmed are released."""

    ask_before: timedelta = timedelta(hours=48)
    release_before: timedelta = timedelta(hours=26)

    def ask_at(self, event: EventSession) -> datetime:
        return event.starts_at - self.ask_before

    def release_at(self, event: EventSession) -> datetime:
        return event.starts_at - self.release_before


class TooLateToSwitch(DomainError):
    def __init__(self) -> None:
        super().__init__(
            _l(
                "It is too late to ask attendees to confirm: the seats of those who did not "
                "answer would already have been released."
            )
        )


def set_confirm_or_release(
    session: Session,
    organiser: Organiser,
    event_id: int,
    on: bool,
    *,
    now: datetime,
    timing: ConfirmTiming,
) -> None:
    """Switch confirm-or-release on or off for a session. Off stops any release to come;
    on is refused once the release point has passed."""
    with write_transaction(session):
        event = lock_own_session(session, organiser, event_id)
        if event.is_cancelled:
            raise DomainError(_l("A cancelled session can no longer be changed."))
        if on and not event.confirm_or_release and now >= timing.release_at(event):
            raise TooLateToSwitch()
        event.confirm_or_release = on
        event.updated_at = now
        audit.record(
            session,
            organiser,
            AuditAction.CONFIRM_OR_RELEASE_SWITCHED,
            AuditSubject.SESSION,
            event_id,
            {"on": on},
            now,
        )


@dataclass
class ConfirmationReport:
    #: Outbox messages "still coming?" queued.
    asked: list[int] = field(default_factory=list)
    #: Registrations whose seat was released, and those promoted in their place.
    released: list[int] = field(default_factory=list)
    promoted: list[int] = field(default_factory=list)


def run_confirmations(session: Session, now: datetime, timing: ConfirmTiming) -> ConfirmationReport:
    """Ask the sessions due for asking, then release the seats of those due for release."""
    report = ConfirmationReport()
    for event_id in _due(session, now, timing, asking=True):
        report.asked += ask_still_coming(session, event_id, now, timing)
    for event_id in _due(session, now, timing, asking=False):
        released, promoted = release_unconfirmed(session, event_id, now, timing)
        report.released += released
        report.promoted += promoted
    return report


def _due(session: Session, now: datetime, timing: ConfirmTiming, *, asking: bool) -> list[int]:
    """Sessions whose question (``asking``) or release is due and not done. Read without a
    lock: each is checked again under its lock before anything is written."""
    window = (
        (EventSession.starts_at <= now + timing.ask_before)
        & (EventSession.starts_at > now + timing.release_before)
        & EventSession.confirm_asked_at.is_(None)
        if asking
        else (EventSession.starts_at <= now + timing.release_before)
        & (EventSession.starts_at > now)
        & EventSession.confirm_asked_at.is_not(None)
        & EventSession.seats_released_at.is_(None)
    )
    return list(
        session.scalars(
            select(EventSession.id)
            .where(
                EventSession.confirm_or_release.is_(True),
                EventSession.status == SessionStatus.PUBLISHED,
                window,
            )
            .order_by(EventSession.starts_at)
        )
    )


def _asking_due(event: EventSession, now: datetime, timing: ConfirmTiming) -> bool:
    return (
        event.confirm_or_release
        and event.is_published
        and event.confirm_asked_at is None
        and timing.ask_at(event) <= now < timing.release_at(event)
    )


def _release_due(event: EventSession, now: datetime, timing: ConfirmTiming) -> bool:
    return (
        event.confirm_or_release
        and event.is_published
        and event.confirm_asked_at is not None
        and event.seats_released_at is None
        and timing.release_at(event) <= now < event.starts_at
    )


def ask_still_coming(
    session: Session, event_id: int, now: datetime, timing: ConfirmTiming
) -> list[int]:
    """Ask everyone with a seat at the session "still coming?", once; the message ids."""
    with write_transaction(session):
        event = seats.load_session_for_update(session, event_id)
        if event is None or not _asking_due(event, now, timing):
            return []
        event.confirm_asked_at = now
        attendees = session.scalars(
            select(Registration)
            .where(
                Registration.event_session_id == event_id,
                Registration.status == RegistrationStatus.CONFIRMED,
            )
            .order_by(Registration.id)
        ).all()
        for registration in attendees:
            registration.confirm_asked_at = now
        session.flush()
        messages = queue_notices(session, attendees, Notice.STILL_COMING, now)
        session.flush()
        return [message.id for message in messages]


def release_unconfirmed(
    session: Session, event_id: int, now: datetime, timing: ConfirmTiming
) -> tuple[list[int], list[int]]:
    """Give the seats of those asked who did not confirm to the people waiting, under the
    seat lock. Returns (released registration ids, promoted registration ids)."""
    with write_transaction(session):
        event = seats.load_session_for_update(session, event_id)
        if event is None or not _release_due(event, now, timing):
            return [], []
        event.seats_released_at = now
        silent = session.scalars(
            select(Registration)
            .where(
                Registration.event_session_id == event_id,
                Registration.status == RegistrationStatus.CONFIRMED,
                Registration.confirm_asked_at.is_not(None),
                Registration.still_coming_at.is_(None),
                # Someone already in the room is coming, whatever their mail says.
                Registration.checked_in_at.is_(None),
            )
            .order_by(Registration.id)
        ).all()
        if silent:
            # Their calendars get a CANCEL, which must outrank the invite they hold.
            seats.raise_calendar_sequence(event, now)
        for registration in silent:
            registration.status = RegistrationStatus.CANCELLED
            registration.cancelled_at = now
            registration.released_at = now
            registration.updated_at = now
        session.flush()
        for registration in silent:
            queue_notice(session, registration, Notice.SEAT_RELEASED, now, had_seat=True)
        promoted = seats.fill_free_seats(session, event, now)
        session.flush()
        queue_notices(session, promoted, Notice.PROMOTED, now)
        session.flush()
        return [r.id for r in silent], [r.id for r in promoted]


class SeatAlreadyReleased(DomainError):
    def __init__(self) -> None:
        super().__init__(
            _l(
                "Too late: without an answer in time, your seat went to someone on the "
                "waiting list. You can join the waiting list again below."
            )
        )


def confirm_still_coming(session: Session, registration_id: int, *, now: datetime) -> bool:
    """The attendee says they are coming. Takes the seat lock, as the release does: whichever
    comes first wins, and a seat is never both confirmed and released. True if this
    answer was recorded, False if they had already answered or were never asked."""
    with write_transaction(session):
        registration, _event = lock_registration(session, registration_id)
        if registration.released_at is not None:
            raise SeatAlreadyReleased()
        if registration.status is not RegistrationStatus.CONFIRMED:
            raise DomainError(_l("This registration has no confirmed place to keep."))
        if registration.confirm_asked_at is None or registration.still_coming_at is not None:
            return False  # not asked (nothing to keep), or already answered
        registration.still_coming_at = now
        registration.updated_at = now
        return True


def rejoin(session: Session, registration_id: int, *, now: datetime) -> RegistrationStatus:
    """Someone whose seat was released takes a place again: a seat if one is free, else the
    end of the waiting list. Returns the status they get."""
    with write_transaction(session):
        registration, event = lock_registration(session, registration_id)
        if registration.released_at is None or registration.is_active:
            raise DomainError(_l("This registration was not released."))
        if not event.is_open_for_registration(now):
            raise DomainError(_l("Registration for this session is closed."))
        return come_back(
            session,
            registration,
            confirmed=seats.confirmed_count(session, event.id),
            capacity=event.capacity,
            now=now,
        )
