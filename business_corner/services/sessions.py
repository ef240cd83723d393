"""Organisers' side of a session: create, edit, publish, cancel, delete a draft."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from business_corner.database import write_transaction
from business_corner.models import EventSession, Organiser, Registration
from business_corner.services import seats
from business_corner.services.clocks import is_known_zone
from business_corner.services.errors import DomainError, NotFound
from business_corner.services.notifications import Change, Notice, queue_notices
from business_corner.vocabulary import Level, RegistrationStatus, SessionFormat, SessionStatus

MAX_CAPACITY = 1000


@dataclass(frozen=True)
class ChangeOutcome:
    """Who an organiser's change affected (each is told by e-mail)."""

    registration_ids: list[int]


@dataclass(frozen=True)
class SessionDetails:
    """Everything an organiser types about a session; times already resolved to UTC."""

    title_en: str
    title_fr: str
    description_en: str
    description_fr: str
    format: SessionFormat
    venue: str
    video_url: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    capacity: int
    levels: tuple[Level, ...]


def check_details(details: SessionDetails) -> None:
    """Refuse details that would make a session nobody can attend."""
    if not (details.title_en.strip() or details.title_fr.strip()):
        raise DomainError(_l("Give the session a title, in French or in English."))
    if details.ends_at <= details.starts_at:
        raise DomainError(_l("The session must end after it starts."))
    if not is_known_zone(details.timezone):
        raise DomainError(_l("Choose a time zone from the list."))
    if details.format.has_venue and not details.venue.strip():
        raise DomainError(_l("Give the address of the venue."))
    if details.format.has_video_link and not details.video_url.strip():
        raise DomainError(_l("Give the link of the online meeting."))
    if not 1 <= details.capacity <= MAX_CAPACITY:
        raise DomainError(_l("The capacity must be between 1 and %(most)s.", most=MAX_CAPACITY))
    if not details.levels:
        raise DomainError(_l("Choose at least one English level."))


def _apply(event: EventSession, details: SessionDetails) -> None:
    event.title_en = details.title_en.strip()
    event.title_fr = details.title_fr.strip()
    event.description_en = details.description_en.strip()
    event.description_fr = details.description_fr.strip()
    event.format = details.format
    event.venue = details.venue.strip() if details.format.has_venue else ""
    event.video_url = details.video_url.strip() if details.format.has_video_link else ""
    event.starts_at = details.starts_at
    event.ends_at = details.ends_at
    event.timezone = details.timezone
    event.capacity = details.capacity
    event.levels = details.levels


def get_own_session(session: Session, organiser: Organiser, event_id: int) -> EventSession:
    """The session if it belongs to the organiser's chapter; otherwise it does not exist."""
    event = session.get(EventSession, event_id)
    if event is None or event.chapter_id != organiser.chapter_id:
        raise NotFound(_l("This session does not exist."))
    return event


def create_session(
    session: Session, organiser: Organiser, details: SessionDetails, *, now: datetime
) -> int:
    check_details(details)
    with write_transaction(session):
        event = EventSession(chapter_id=organiser.chapter_id, created_at=now, updated_at=now)
        _apply(event, details)
        event.status = SessionStatus.DRAFT
        session.add(event)
        session.flush()
        return event.id


def update_session(
    session: Session,
    organiser: Organiser,
    event_id: int,
    details: SessionDetails,
    *,
    now: datetime,
) -> ChangeOutcome:
    """Save changes. Attendees hear of a new time, place, format or link (with an updated
    invite for those with a seat); a larger capacity moves the waiting list up."""
    check_details(details)
    with write_transaction(session):
        get_own_session(session, organiser, event_id)
        event = seats.load_session_for_update(session, event_id, seats.current_guard())
        assert event is not None
        if event.is_cancelled:
            raise DomainError(_l("A cancelled session can no longer be changed."))
        before = _plans_of(event)
        _apply(event, details)
        event.updated_at = now
        changes = [change for change, value in _plans_of(event).items() if before[change] != value]
        if changes and event.is_published:
            seats.raise_calendar_sequence(event, now)
            attendees = session.scalars(
                select(Registration)
                .where(
                    Registration.event_session_id == event_id,
                    Registration.status != RegistrationStatus.CANCELLED,
                )
                .order_by(Registration.id)
            ).all()
            session.flush()
            queue_notices(session, attendees, Notice.SESSION_UPDATED, now, changes=changes)
        promoted = seats.fill_free_seats(session, event, now)
        session.flush()
        queue_notices(session, promoted, Notice.PROMOTED, now)
        session.flush()
        return ChangeOutcome([r.id for r in promoted])


def _plans_of(event: EventSession) -> dict[Change, object]:
    """What attendees plan around, by kind of change."""
    return {
        Change.TIME: (event.starts_at, event.ends_at, event.timezone),
        Change.PLACE: " ".join(event.venue.split()),
        Change.FORMAT: event.format,
        Change.VIDEO_LINK: event.video_url.strip(),
    }


def publish_session(
    session: Session, organiser: Organiser, event_id: int, *, now: datetime
) -> None:
    with write_transaction(session):
        event = get_own_session(session, organiser, event_id)
        if event.status is not SessionStatus.DRAFT:
            raise DomainError(_l("Only a draft can be published."))
        if event.starts_at <= now:
            raise DomainError(_l("This session is in the past: change its date to publish it."))
        event.status = SessionStatus.PUBLISHED
        event.published_at = now
        event.updated_at = now


def cancel_session(
    session: Session, organiser: Organiser, event_id: int, *, now: datetime
) -> ChangeOutcome:
    """Cancel a published session and tell everyone registered or waiting."""
    with write_transaction(session):
        get_own_session(session, organiser, event_id)
        event = seats.load_session_for_update(session, event_id, seats.current_guard())
        assert event is not None
        if event.status is not SessionStatus.PUBLISHED:
            raise DomainError(_l("Only a published session can be cancelled."))
        event.status = SessionStatus.CANCELLED
        event.cancelled_at = now
        seats.raise_calendar_sequence(event, now)
        attendees = session.scalars(
            select(Registration).where(
                Registration.event_session_id == event_id,
                Registration.status != RegistrationStatus.CANCELLED,
            )
        ).all()
        session.flush()
        queue_notices(session, attendees, Notice.SESSION_CANCELLED, now)
        session.flush()
        return ChangeOutcome([r.id for r in attendees])


def delete_draft(session: Session, organiser: Organiser, event_id: int) -> None:
    with write_transaction(session):
        event = get_own_session(session, organiser, event_id)
        registrations = session.scalar(
            select(func.count())
            .select_from(Registration)
            .where(Registration.event_session_id == event_id)
        )
        if event.status is not SessionStatus.DRAFT or registrations:
            raise DomainError(_l("Only a draft without registrations can be deleted."))
        session.delete(event)
