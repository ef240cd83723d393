"""What an attendee with a place is given: the video link, and their seat at each round.

One function per rule, used by the mail, the calendar invite and the attendee's own page.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from business_corner.models import Registration, TablePlan
from business_corner.services.tables.schedule import Seat, registration_key, seats_of
from business_corner.vocabulary import RegistrationStatus


def video_link_for(registration: Registration) -> str | None:
    """The link to join online: only for a confirmed place at a session that goes ahead
    online or hybrid (the waiting list and cancelled places never see it)."""
    event = registration.event_session
    if (
        registration.status is not RegistrationStatus.CONFIRMED
        or event.is_cancelled
        or not event.format.has_video_link
        or not event.video_url
    ):
        return None
    return event.video_url


def seats_for(session: Session, registration: Registration) -> list[Seat]:
    """Where the attendee sits, round by round, once the organisers have planned the tables
    (only a confirmed place has a seat)."""
    if registration.status is not RegistrationStatus.CONFIRMED:
        return []
    record = session.scalars(
        select(TablePlan).where(TablePlan.event_session_id == registration.event_session_id)
    ).one_or_none()
    return seats_of(record, registration_key(registration.id)) if record else []
