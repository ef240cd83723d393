"""What an organiser types about a session, as the service receives it."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from business_corner.models import EventSession
from business_corner.services.sessions import SessionDetails
from business_corner.vocabulary import Level, SessionFormat


def details_on(starts: datetime, **changes: object) -> SessionDetails:
    """An in-person session of one hour in Paris starting at ``starts``."""
    details = SessionDetails(
        title_en="Breakfast",
        title_fr="Petit-déjeuner",
        description_en="",
        description_fr="",
        format=SessionFormat.IN_PERSON,
        venue="Palais de la Bourse",
        video_url="",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        timezone="Europe/Paris",
        capacity=12,
        levels=(Level.B1,),
    )
    return replace(details, **changes)


def details_of(event: EventSession, **changes: object) -> SessionDetails:
    """A saved session's details, as its edit form sends them back, with ``changes``."""
    details = SessionDetails(
        title_en=event.title_en,
        title_fr=event.title_fr,
        description_en=event.description_en,
        description_fr=event.description_fr,
        format=event.format,
        venue=event.venue,
        video_url=event.video_url,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        timezone=event.timezone,
        capacity=event.capacity,
        levels=event.levels,
    )
    return replace(details, **changes)
