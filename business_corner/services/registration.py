"""Signing up, changing details and cancelling: the attendee's side of a session."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from business_corner.database import record_written, write_transaction
from business_corner.models import EventSession, OutboxMessage, Registration
from business_corner.models.capacity import place_status
from business_corner.services import places, seats
from business_corner.services.addresses import normalise_address
from business_corner.services.errors import DomainError, NotFound
from business_corner.services.notifications import Notice, queue_notice, queue_notices
from business_corner.vocabulary import Level, RegistrationStatus, Sector, SessionStatus

#: Version of the privacy notice an attendee agrees to; stored with their consent.
PRIVACY_NOTICE_VERSION = "2026-11-26"
#: Registering an address again within this time after a mail about it sends no new mail.
REPEAT_QUIET_PERIOD = timedelta(minutes=15)


class RegistrationClosed(DomainError):
    def __init__(self) -> None:
        super().__init__(_l("Registration for this session is closed."))


class ConsentRequired(DomainError):
    def __init__(self) -> None:
        super().__init__(
            _l("Please agree to the processing of your data so that we can register you.")
        )


@dataclass(frozen=True)
class Details:
    """Who the attendee is; all of it can be changed later through the manage link."""

    first_name: str
    last_name: str
    company: str
    sector: Sector
    level: Level
    job_title: str = ""
    can_host: bool = False


@dataclass(frozen=True)
class Applicant:
    """What an attendee sends with the registration form."""

    details: Details
    #: As typed, or an ``Address`` the form already normalised (then not validated again).
    email: str
    #: The language of the page they signed up on: every later message uses it.
    locale: str
    consent: bool


@dataclass(frozen=True)
class SignUpOutcome:
    registration_id: int
    #: For the caller's own bookkeeping only: showing it would reveal whether the address
    #: was already registered.
    created: bool


@dataclass(frozen=True)
class CancelOutcome:
    registration_id: int
    cancelled: bool
    promoted_ids: list[int] = field(default_factory=list)


def register(
    session: Session, event_id: int, applicant: Applicant, *, now: datetime
) -> SignUpOutcome:
    """Give the applicant a seat if one is free, else a place on the waiting list.

    The same address twice for one session keeps one registration and mails its details
    to that address again.
    """
    if not applicant.consent:
        raise ConsentRequired()
    email = normalise_address(applicant.email)
    # No retry on the unique (session, address) constraint: it is a backstop, never a path.
    # Every sign-up takes the session's seat lock before it looks for the address, so the
    # second of two simultaneous requests for one address waits for the first, then finds
    # its registration and is answered as a repeat (the race trials double-submit each time).
    with write_transaction(session) as connection:
        event = seats.lock_for_sign_up(connection, event_id)
        if event is None or event.status is SessionStatus.DRAFT:
            raise NotFound(_l("This session does not exist."))
        if not event.is_open_for_registration(now):
            raise RegistrationClosed()
        # A first sign-up, by far the most frequent, loads no objects.
        values = {
            "event_session_id": event_id,
            "email": email,
            **_place_details(applicant, now),
            "created_at": now,
        }
        if places.in_one_statement(connection):
            place = places.add_new_place(connection, values, capacity=event.capacity)
        else:
            standing = seats.standing(connection, event_id, email)
            place = None
            if standing.registration_id is None:
                place = places.insert_new_place(
                    connection, values, status=place_status(standing.confirmed, event.capacity)
                )
        if place is None:
            return _register_again(
                session, connection, event_id, email, event.capacity, applicant, now
            )
        # Core statements: tell the after-commit work what they wrote (the ORM did not see it).
        record_written(session, message_ids=[place.message_id], event_ids=[event_id])
        return SignUpOutcome(place.registration_id, created=True)


def _register_again(
    session: Session,
    connection: Connection,
    event_id: int,
    email: str,
    capacity: int,
    applicant: Applicant,
    now: datetime,
) -> SignUpOutcome:
    """The address already has a registration for this session (the session is locked)."""
    standing = seats.standing(connection, event_id, email)
    # Narrows the type for mypy: standing() found this address's row (the caller's conflict).
    assert standing.registration_id is not None  # noqa: S101
    registration = session.get_one(Registration, standing.registration_id, populate_existing=True)
    if registration.is_active:
        if _recently_told(session, registration.id, now):
            # A double click, or someone pressing the button again: one mail is enough
            # (and the form cannot be used to flood an inbox).
            return SignUpOutcome(registration.id, created=False)
        queue_notice(session, registration, Notice.ALREADY_REGISTERED, now)
        session.flush()
        return SignUpOutcome(registration.id, created=False)
    for name, value in _place_details(applicant, now).items():
        setattr(registration, name, value)
    come_back(session, registration, confirmed=standing.confirmed, capacity=capacity, now=now)
    return SignUpOutcome(registration.id, created=True)


def come_back(
    session: Session, registration: Registration, *, confirmed: int, capacity: int, now: datetime
) -> RegistrationStatus:
    """A cancelled (or released) registration takes a place again: a seat if one is free
    (``confirmed`` counted under the seat lock the caller holds), else the end of the queue."""
    # Their calendar last received a CANCEL, so the next invite must carry a higher
    # SEQUENCE to be taken in.
    status = place_status(confirmed, capacity)
    seats.raise_calendar_sequence(registration.event_session, now)
    registration.status = status
    registration.cancelled_at = None
    registration.queued_at = now
    registration.updated_at = now
    # A new place: whatever confirm-or-release asked about the old one no longer applies.
    registration.confirm_asked_at = None
    registration.still_coming_at = None
    registration.released_at = None
    queue_notice(session, registration, places.NOTICE_FOR[status], now)
    session.flush()
    return status


def _place_details(applicant: Applicant, now: datetime) -> dict[str, object]:
    """What a sign-up writes on the registration, new or coming back (its status apart)."""
    return {
        **_detail_values(applicant.details),
        "locale": applicant.locale,
        "consent_at": now,
        "consent_version": PRIVACY_NOTICE_VERSION,
        "queued_at": now,
        "updated_at": now,
    }


def _recently_told(session: Session, registration_id: int, now: datetime) -> bool:
    return bool(
        session.scalar(
            select(func.count())
            .select_from(OutboxMessage)
            .where(
                OutboxMessage.registration_id == registration_id,
                OutboxMessage.created_at > now - REPEAT_QUIET_PERIOD,
            )
        )
    )


def _apply(registration: Registration, details: Details) -> None:
    for name, value in _detail_values(details).items():
        setattr(registration, name, value)


def _detail_values(details: Details) -> dict[str, object]:
    return {
        "first_name": details.first_name.strip(),
        "last_name": details.last_name.strip(),
        "company": details.company.strip(),
        "job_title": details.job_title.strip(),
        "sector": details.sector,
        "level": details.level,
        "can_host": details.can_host,
    }


def get_registration(session: Session, registration_id: int) -> Registration:
    registration = session.get(Registration, registration_id)
    if registration is None:
        raise NotFound(_l("This registration no longer exists."))
    return registration


def change_refusal(registration: Registration, now: datetime) -> DomainError | None:
    """Why the attendee can no longer change their details, or None while they can: the
    one statement of that rule (the manage page asks ``can_change``)."""
    if not registration.is_active:
        return DomainError(_l("This registration is cancelled and can no longer be changed."))
    if now >= registration.event_session.starts_at:
        return DomainError(_l("This session has started: your details can no longer change."))
    return None


def can_change(registration: Registration, now: datetime) -> bool:
    return change_refusal(registration, now) is None


def update_details(
    session: Session, registration_id: int, details: Details, *, now: datetime
) -> None:
    with write_transaction(session):
        registration = get_registration(session, registration_id)
        refusal = change_refusal(registration, now)
        if refusal is not None:
            raise refusal
        _apply(registration, details)
        registration.updated_at = now


def cancel_registration(session: Session, registration_id: int, *, now: datetime) -> CancelOutcome:
    """Cancel a place; a freed seat goes to the first person waiting, exactly once."""
    with write_transaction(session):
        registration, event = lock_registration(session, registration_id)
        return cancel_locked(session, registration, event, now)


def lock_registration(session: Session, registration_id: int) -> tuple[Registration, EventSession]:
    """The registration and its session, the session locked first: every seat change takes
    the same lock in the same order."""
    event_id = get_registration(session, registration_id).event_session_id
    event = seats.load_session_for_update(session, event_id)
    # Narrows the type for mypy: a registration always belongs to a session.
    assert event is not None  # noqa: S101
    return session.get_one(Registration, registration_id, populate_existing=True), event


def cancel_locked(
    session: Session, registration: Registration, event: EventSession, now: datetime
) -> CancelOutcome:
    """Cancel inside the caller's transaction, with the session already locked."""
    if not registration.is_active:
        return CancelOutcome(registration.id, cancelled=False)
    had_seat = registration.status is RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = now
    registration.updated_at = now
    if had_seat:
        # The attendee's calendar gets a CANCEL, which must outrank the invite it holds.
        seats.raise_calendar_sequence(event, now)
    session.flush()
    queue_notice(session, registration, Notice.REGISTRATION_CANCELLED, now, had_seat=had_seat)
    promoted = seats.fill_free_seats(session, event, now)
    session.flush()
    queue_notices(session, promoted, Notice.PROMOTED, now)
    session.flush()
    return CancelOutcome(registration.id, cancelled=True, promoted_ids=[r.id for r in promoted])
