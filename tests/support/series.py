"""A series' details and rule, for tests that need one."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from business_corner.extensions import db
from business_corner.models import EventSession, Organiser
from business_corner.services import series as series_admin
from business_corner.services.recurrence import SeriesRule
from business_corner.services.sessions import SessionDetails
from business_corner.vocabulary import Level, Recurrence, SessionFormat


def series_template(
    first_day: date,
    zone: str = "Europe/Paris",
    clock: time = time(18, 30),
    capacity: int = 2,
) -> SessionDetails:
    starts = datetime.combine(first_day, clock, ZoneInfo(zone)).astimezone(UTC)
    return SessionDetails(
        title_en="Business corner",
        title_fr="Business corner",
        description_en="Practise.",
        description_fr="Pratiquez.",
        format=SessionFormat.HYBRID,
        venue="Palais de la Bourse",
        video_url="https://meet.test/x",
        starts_at=starts,
        ends_at=starts + timedelta(minutes=90),
        timezone=zone,
        capacity=capacity,
        levels=(Level.B1, Level.B2),
    )


def weekly(first: date = date(2027, 3, 4), **more: object) -> SeriesRule:
    options: dict = {"count": 5, **more}
    return SeriesRule(Recurrence.WEEKLY, first_day=first, **options)


def published_series(organiser: Organiser, now: datetime, capacity: int = 1) -> int:
    """Four weekly dates from three weeks ahead, published."""
    first = (now + timedelta(days=20)).date()
    made = series_admin.create_series(
        db.session,
        organiser,
        series_template(first, capacity=capacity),
        weekly(first, count=4),
        now=now,
    )
    series_admin.publish_series(db.session, organiser, made, now=now)
    return made


def date_ids(series_id: int) -> list[int]:
    """The series' sessions, soonest first."""
    return list(
        db.session.scalars(
            db.select(EventSession.id)
            .where(EventSession.series_id == series_id)
            .order_by(EventSession.starts_at)
        )
    )
