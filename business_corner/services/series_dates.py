"""Attendees' side of a series: its dates on offer, signing up for several at once, and
the other dates seen from one registration.

Each date is signed up for through ``registration.register``, exactly as a single session
is: its own seat lock, its own confirmation or waiting-list notice, its own invite (one UID
per iTIP message). The dates are taken one after the other in ascending session id, one
transaction (and so one seat lock) at a time: two multi-date sign-ups never hold one lock
while waiting for another, so they cannot deadlock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from business_corner.models import EventSession, Registration, Series
from business_corner.services import registration as registrations
from business_corner.services.catalogue import Listing, SeatCount, seat_counts
from business_corner.services.errors import DomainError, NotFound
from business_corner.services.registration import Applicant, Details, SignUpOutcome
from business_corner.vocabulary import RegistrationStatus, SessionStatus


def public_series(session: Session, series_id: int) -> Series:
    """A series with at least one date shown to the public (drafts are not)."""
    series = session.get(Series, series_id)
    if series is None or not any(
        event.status is not SessionStatus.DRAFT for event in series.sessions
    ):
        raise NotFound(_l("This series does not exist."))
    return series


def coming_dates(session: Session, series_id: int, now: datetime) -> list[Listing]:
    """The series' published or cancelled dates not over yet, soonest first, with seats."""
    events = session.scalars(
        select(EventSession)
        .where(
            EventSession.series_id == series_id,
            EventSession.status != SessionStatus.DRAFT,
            EventSession.ends_at > now,
        )
        .order_by(EventSession.starts_at, EventSession.id)
    ).all()
    counts = seat_counts(session, [event.id for event in events])
    return [Listing(event, counts.get(event.id, SeatCount())) for event in events]


def open_dates(session: Session, series_id: int, now: datetime) -> list[int]:
    """Ids of the dates one can still sign up for."""
    return [
        listing.event.id
        for listing in coming_dates(session, series_id, now)
        if listing.event.is_open_for_registration(now)
    ]


def register_for_dates(
    session: Session,
    series_id: int,
    event_ids: Iterable[int],
    applicant: Applicant,
    *,
    now: datetime,
) -> list[SignUpOutcome]:
    """One registration per chosen date, each confirmed or waitlisted by the single-session
    rules. Dates are taken in ascending id (see the module's note on locks)."""
    chosen = sorted(set(event_ids))
    if not chosen:
        raise DomainError(_l("Choose at least one date."))
    if not set(chosen) <= set(open_dates(session, series_id, now)):
        raise DomainError(_l("One of these dates is no longer open: choose again."))
    return [registrations.register(session, event_id, applicant, now=now) for event_id in chosen]


@dataclass(frozen=True)
class OtherDate:
    """Another date of the series, as one attendee sees it from their manage page."""

    listing: Listing
    #: Their registration for it (still active), if they have one.
    registration: Registration | None
    open: bool


def other_dates(session: Session, registration: Registration, now: datetime) -> list[OtherDate]:
    series_id = registration.event_session.series_id
    if series_id is None:
        return []
    mine = {
        r.event_session_id: r
        for r in session.scalars(
            select(Registration)
            .join(EventSession, Registration.event_session_id == EventSession.id)
            .where(
                EventSession.series_id == series_id,
                Registration.email == registration.email,
                Registration.status != RegistrationStatus.CANCELLED,
            )
        )
    }
    return [
        OtherDate(listing, mine.get(listing.event.id), listing.event.is_open_for_registration(now))
        for listing in coming_dates(session, series_id, now)
        if listing.event.id != registration.event_session_id
    ]


def _sibling(session: Session, registration: Registration, event_id: int) -> EventSession:
    event = session.get(EventSession, event_id)
    series_id = registration.event_session.series_id
    if event is None or series_id is None or event.series_id != series_id:
        raise NotFound(_l("This session does not exist."))
    return event


def join_other_date(
    session: Session, registration_id: int, event_id: int, *, now: datetime
) -> SignUpOutcome:
    """Sign the attendee of ``registration_id`` up for another date of the same series,
    with the details, language and consent they gave."""
    registration = session.get_one(Registration, registration_id)
    _sibling(session, registration, event_id)
    if registration.erased_at is not None:
        raise NotFound(_l("This session does not exist."))
    applicant = Applicant(
        details=Details(
            first_name=registration.first_name,
            last_name=registration.last_name,
            company=registration.company,
            sector=registration.sector,
            level=registration.level,
            job_title=registration.job_title,
            can_host=registration.can_host,
        ),
        email=registration.email,
        locale=registration.locale,
        consent=True,
    )
    return registrations.register(session, event_id, applicant, now=now)


def leave_other_date(
    session: Session, registration_id: int, event_id: int, *, now: datetime
) -> registrations.CancelOutcome:
    """Cancel the attendee's place at another date of the same series."""
    registration = session.get_one(Registration, registration_id)
    _sibling(session, registration, event_id)
    other = session.scalars(
        select(Registration).where(
            Registration.event_session_id == event_id, Registration.email == registration.email
        )
    ).one_or_none()
    if other is None:
        raise NotFound(_l("This session does not exist."))
    return registrations.cancel_registration(session, other.id, now=now)
