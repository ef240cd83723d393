"""An organiser's overview of their chapter: seats, waiting lists, who is coming."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from business_corner.models import EventSession, OutboxMessage, Registration
from business_corner.models.capacity import Availability
from business_corner.services.catalogue import SeatCount, seat_counts
from business_corner.vocabulary import Level, RegistrationStatus, Sector, SessionStatus


@dataclass
class SessionOverview:
    event: EventSession
    seats: SeatCount
    levels: Counter[Level] = field(default_factory=Counter)
    sectors: Counter[Sector] = field(default_factory=Counter)
    pending_mail: int = 0

    @property
    def availability(self) -> Availability:
        return self.event.availability(self.seats.confirmed)

    def is_past(self, now: datetime) -> bool:
        return self.event.ends_at <= now

    def is_coming(self, now: datetime) -> bool:
        """Not over, not cancelled, and someone has a seat: worth a look at who is coming."""
        return (
            not self.is_past(now)
            and self.event.status is not SessionStatus.CANCELLED
            and self.seats.confirmed > 0
        )


@dataclass(frozen=True)
class DashboardSections:
    """The order an organiser reads their sessions in: what comes next, what is still a
    draft, then what is over (most recent first)."""

    upcoming: list[SessionOverview]
    drafts: list[SessionOverview]
    past: list[SessionOverview]


@dataclass(frozen=True)
class SeriesSeason:
    """A series' dates still to come (drafts too), in order: its season at a glance."""

    series_id: int
    title: str
    dates: list[SessionOverview]
    #: The series is the chapter's own (its page is the chapter's); a co-host chapter sees
    #: only the dates it co-hosts, grouped under the series' name, without its page.
    own: bool = True


def _soonest(item: SessionOverview) -> tuple[datetime, int]:
    return item.event.starts_at, item.event.id


def series_seasons(
    overviews: list[SessionOverview], now: datetime, locale: str, chapter_id: int
) -> list[SeriesSeason]:
    """Coming dates grouped by series, the series with the soonest date first."""
    grouped: dict[int, list[SessionOverview]] = defaultdict(list)
    for item in overviews:
        if item.event.series is not None and not item.is_past(now):
            grouped[item.event.series.id].append(item)
    seasons = [
        SeriesSeason(
            series_id,
            items[0].event.series.title_in(locale),
            sorted(items, key=_soonest),
            own=items[0].event.series.chapter_id == chapter_id,
        )
        for series_id, items in grouped.items()
        if items[0].event.series is not None
    ]
    return sorted(seasons, key=lambda season: _soonest(season.dates[0]))


def dashboard_sections(overviews: list[SessionOverview], now: datetime) -> DashboardSections:
    """Coming dates of a series are shown with their series (``series_seasons``), not here."""
    soonest = _soonest
    current = [item for item in overviews if not item.is_past(now) and item.event.series_id is None]
    return DashboardSections(
        upcoming=sorted(
            (item for item in current if item.event.status is not SessionStatus.DRAFT),
            key=soonest,
        ),
        drafts=sorted(
            (item for item in current if item.event.status is SessionStatus.DRAFT), key=soonest
        ),
        past=sorted((item for item in overviews if item.is_past(now)), key=soonest, reverse=True),
    )


def chapter_overview(session: Session, chapter_id: int) -> list[SessionOverview]:
    """All the sessions a chapter hosts (its own and those it co-hosts), newest first, in a
    constant number of queries."""
    events = session.scalars(
        select(EventSession)
        .options(selectinload(EventSession.hosts))
        .where(EventSession.hosted_by(chapter_id))
        .order_by(EventSession.starts_at.desc(), EventSession.id.desc())
        # Series' titles for grouping, in one more query at most (none without series).
        .options(selectinload(EventSession.series))
    ).all()
    ids = [event.id for event in events]
    counts = seat_counts(session, ids)
    levels: dict[int, Counter[Level]] = defaultdict(Counter)
    sectors: dict[int, Counter[Sector]] = defaultdict(Counter)
    # Keyed as the column is typed (nullable); the query only returns the sessions in ids.
    pending: dict[int | None, int] = {}
    if ids:
        confirmed = (
            Registration.event_session_id.in_(ids),
            Registration.status == RegistrationStatus.CONFIRMED,
        )
        # Both mixes from one grouping: a few rows per session, one statement fewer.
        for event_id, level, sector, count in session.execute(
            select(
                Registration.event_session_id,
                Registration.level,
                Registration.sector,
                func.count(),
            )
            .where(*confirmed)
            .group_by(Registration.event_session_id, Registration.level, Registration.sector)
        ):
            levels[event_id][level] += count
            sectors[event_id][sector] += count
        pending = dict(
            session.execute(
                select(OutboxMessage.event_session_id, func.count())
                .where(
                    OutboxMessage.event_session_id.in_(ids),
                    OutboxMessage.sent_at.is_(None),
                    OutboxMessage.failed_at.is_(None),
                )
                .group_by(OutboxMessage.event_session_id)
            ).all()
        )
    return [
        SessionOverview(
            event,
            counts.get(event.id, SeatCount()),
            levels[event.id],
            sectors[event.id],
            pending.get(event.id, 0),
        )
        for event in events
    ]


def signups_per_day(
    session: Session, chapter_id: int, timezone: str, now: datetime, days: int = 28
) -> list[tuple[date, int]]:
    """Registrations made on each of the last ``days`` days, the chapter's local days, oldest
    first; those cancelled since still count, as they were made that day. One query.

    The instants are grouped here rather than in SQL: a day in Marseille is not a UTC day,
    and SQLite and PostgreSQL do not shift time zones the same way.
    """
    zone = ZoneInfo(timezone)
    today = now.astimezone(zone).date()
    first = today - timedelta(days=days - 1)
    since = datetime.combine(first, time(0), zone)
    made = session.scalars(
        select(Registration.created_at)
        .join(EventSession, Registration.event_session_id == EventSession.id)
        .where(EventSession.hosted_by(chapter_id), Registration.created_at >= since)
    )
    per_day = Counter(instant.astimezone(zone).date() for instant in made)
    return [
        (first + timedelta(days=offset), per_day[first + timedelta(days=offset)])
        for offset in range(days)
    ]
