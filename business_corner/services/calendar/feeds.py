"""Subscribable feeds (METHOD:PUBLISH): every chapter, one chapter, an organiser's own.

Calendar servers poll feeds every hour or so. Answering "unchanged" must cost one small
query: ``feed_version`` fingerprints what a feed shows (sessions in its window and their
last change, chapters, seat counts for organisers) without building anything. Building
serialises each session once per version and language and keeps those bytes, so a change
to one session re-serialises one event, not a thousand.
"""

from __future__ import annotations

import hashlib
import logging
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from icalendar.enums import STATUS
from sqlalchemy import ColumnElement, Row, func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from business_corner.models import EventSession, Registration
from business_corner.services.calendar.documents import (
    Method,
    add_timezones,
    calendar_shell,
    serialise,
)
from business_corner.services.calendar.events import session_event
from business_corner.services.calendar.texts import session_texts
from business_corner.services.calendar.timezones import vtimezone
from business_corner.services.catalogue import SeatCount, all_cities, seat_counts
from business_corner.services.city_times import City
from business_corner.services.links import Links
from business_corner.vocabulary import SessionStatus

#: Raise when what a feed contains changes shape, so that every ETag changes with it.
FEED_FORMAT = 1
#: Feeds keep sessions that ended less than this long ago ("the recent past").
RECENT_PAST = timedelta(days=30)
_CACHED_EVENTS = 5000
_event_bytes: OrderedDict[tuple[object, ...], bytes] = OrderedDict()
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FeedScope:
    language: str
    #: None: every chapter.
    chapter_id: int | None = None
    #: One series' dates only.
    series_id: int | None = None
    #: An organiser's feed: drafts too, and seat counts (never attendees' details).
    private: bool = False


@dataclass(frozen=True)
class FeedVersion:
    etag: str
    last_modified: datetime | None


def window_start(now: datetime) -> datetime:
    """Midnight UTC, 30 days back: the window moves once a day, not at every request."""
    return (now - RECENT_PAST).astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def _in_feed(scope: FeedScope, now: datetime) -> list[ColumnElement[bool]]:
    conditions = [EventSession.ends_at >= window_start(now)]
    if scope.chapter_id is not None:
        # A joint session is in the feed of each chapter hosting it.
        conditions.append(EventSession.hosted_by(scope.chapter_id))
    if scope.series_id is not None:
        conditions.append(EventSession.series_id == scope.series_id)
    if not scope.private:
        conditions.append(EventSession.status != SessionStatus.DRAFT)
    return conditions


def feed_version(session: Session, scope: FeedScope, now: datetime, links: Links) -> FeedVersion:
    """The feed's ETag and Last-Modified, from aggregates only (nothing is built)."""
    # MAX() is NULL when no row matches.
    sessions: Row[int, datetime | None] = session.execute(
        select(func.count(), func.max(EventSession.updated_at)).where(*_in_feed(scope, now))
    ).one()
    count, last_change = sessions
    seats: tuple[object, ...] = ()
    if scope.private:
        attendees: Row[int, datetime | None] = session.execute(
            select(func.count(Registration.id), func.max(Registration.updated_at))
            .join(EventSession, Registration.event_session_id == EventSession.id)
            .where(*_in_feed(scope, now))
        ).one()
        registrations, last_registration = attendees
        seats = (registrations, last_registration)
        if last_registration is not None and (
            last_change is None or last_registration > last_change
        ):
            last_change = last_registration
    fingerprint = repr(
        (
            FEED_FORMAT,
            scope,
            window_start(now),
            count,
            last_change,
            seats,
            tuple(all_cities(session)),
            links.site,
        )
    )
    return FeedVersion(hashlib.sha256(fingerprint.encode()).hexdigest()[:32], last_change)


def build_feed(
    session: Session, scope: FeedScope, now: datetime, *, name: str, zone: str, links: Links
) -> bytes:
    events = session.scalars(
        select(EventSession)
        .options(joinedload(EventSession.chapter), selectinload(EventSession.hosts))
        .where(*_in_feed(scope, now))
        .order_by(EventSession.starts_at, EventSession.id)
    ).all()
    counts = seat_counts(session, [event.id for event in events]) if scope.private else {}
    cities = tuple(all_cities(session))
    with force_locale(scope.language):
        calendar = calendar_shell(Method.PUBLISH, name=name, zone=zone)
        shown, blocks = [], []
        for event in events:
            seats = counts.get(event.id, SeatCount()) if scope.private else None
            try:
                # Its zone's rules too: they are what fails for dates calendars cannot hold.
                vtimezone(event.timezone, (event.starts_at, event.ends_at))
                blocks.append(_event(event, scope, cities, seats, links))
            except Exception:  # one session must not take the feed down
                log.exception("session %s left out of a feed: it cannot be encoded", event.id)
                continue
            shown.append(event)
        add_timezones(calendar, shown)
    return serialise(calendar, blocks)


def _event(
    event: EventSession,
    scope: FeedScope,
    cities: tuple[City, ...],
    seats: SeatCount | None,
    links: Links,
) -> bytes:
    key = (
        event.id,
        event.calendar_sequence,
        event.updated_at,
        scope.language,
        scope.private,
        seats,
        cities,
        links.site,
    )
    cached = _event_bytes.get(key)
    if cached is not None:
        _event_bytes.move_to_end(key)
        return cached
    page = links.session_page(event.id)
    extra = []
    if seats is not None:
        extra.append(
            _(
                "Seats: %(confirmed)s out of %(capacity)s, %(waiting)s.",
                confirmed=ngettext("%(num)d confirmed", "%(num)d confirmed", seats.confirmed),
                capacity=ngettext("%(num)d seat", "%(num)d seats", event.capacity),
                waiting=ngettext("%(num)d waiting", "%(num)d waiting", seats.waitlisted),
            )
        )
    texts = session_texts(event, cities, page_url=page, extra_lines=extra)
    if event.is_cancelled:
        texts = replace(texts, summary=_("Cancelled: %(title)s", title=texts.summary))
    elif event.status is SessionStatus.DRAFT:
        texts = replace(texts, summary=_("Draft: %(title)s", title=texts.summary))
    status = {SessionStatus.CANCELLED: STATUS.CANCELLED, SessionStatus.DRAFT: STATUS.TENTATIVE}.get(
        event.status, STATUS.CONFIRMED
    )
    # DTSTAMP is the session's last change, so that an unchanged feed is byte-for-byte the
    # same (its ETag stays true) however often it is built.
    data: bytes = session_event(
        event, texts, url=page, stamp=event.updated_at, status=status
    ).to_ical()
    _event_bytes[key] = data
    if len(_event_bytes) > _CACHED_EVENTS:
        _event_bytes.popitem(last=False)
    return data
