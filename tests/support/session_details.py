"""What an organiser types about a session, as the service receives it."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

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
