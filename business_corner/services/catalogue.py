"""What the public sees: published sessions with their seat counts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from business_corner.models import Chapter, EventSession, Registration
from business_corner.models.capacity import Availability
from business_corner.services.city_times import City
from business_corner.vocabulary import RegistrationStatus, SessionStatus


@dataclass(frozen=True)
class SeatCount:
    confirmed: int = 0
    waitlisted: int = 0


@dataclass(frozen=True)
class Listing:
    event: EventSession
    seats: SeatCount

    @property
    def availability(self) -> Availability:
        return self.event.availability(self.seats.confirmed)


def seat_counts(session: Session, event_ids: Sequence[int]) -> dict[int, SeatCount]:
    """Confirmed and waitlisted counts for many sessions in one query."""
    if not event_ids:
        return {}
    rows = session.execute(
        select(
            Registration.event_session_id,
            func.count(case((Registration.status == RegistrationStatus.CONFIRMED, 1))),
            func.count(case((Registration.status == RegistrationStatus.WAITLISTED, 1))),
        )
        .where(Registration.event_session_id.in_(list(event_ids)))
        .group_by(Registration.event_session_id)
    )
    return {event_id: SeatCount(confirmed, waiting) for event_id, confirmed, waiting in rows}


def upcoming(session: Session, now: datetime, limit: int = 50) -> list[Listing]:
    """Published sessions that have not ended yet, soonest first."""
    events = session.scalars(
        select(EventSession)
        # The series too: a card links to its series' page.
        .options(
            joinedload(EventSession.chapter),
            joinedload(EventSession.series),
            selectinload(EventSession.hosts),
        )
        .where(EventSession.status == SessionStatus.PUBLISHED, EventSession.ends_at > now)
        .order_by(EventSession.starts_at, EventSession.id)
        .limit(limit)
    ).all()
    counts = seat_counts(session, [event.id for event in events])
    return [Listing(event, counts.get(event.id, SeatCount())) for event in events]


def public_listing(session: Session, event_id: int) -> Listing | None:
    """A published or cancelled session (drafts are not public)."""
    event = session.scalars(
        select(EventSession)
        .options(joinedload(EventSession.chapter), selectinload(EventSession.hosts))
        .where(EventSession.id == event_id, EventSession.status != SessionStatus.DRAFT)
    ).one_or_none()
    if event is None:
        return None
    return Listing(event, seat_counts(session, [event.id]).get(event.id, SeatCount()))


def all_cities(session: Session) -> list[City]:
    """Every chapter's city and clock, for showing a time in each of them."""
    chapters = session.execute(select(Chapter.name, Chapter.timezone).order_by(Chapter.id))
    return [City(name, zone) for name, zone in chapters]
