"""Organisers' side of a session: create, edit, publish, cancel, delete a draft."""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask_babel import LazyString, lazy_ngettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from business_corner.database import write_transaction
from business_corner.models import Chapter, EventSession, Organiser, Registration, SessionHost
from business_corner.services import audit, following, seats
from business_corner.services.city_times import is_known_zone
from business_corner.services.errors import DomainError, NotFound
from business_corner.services.notifications import (
    CancelReason,
    Change,
    Notice,
    queue_notices,
)
from business_corner.vocabulary import (
    AuditAction,
    AuditSubject,
    Level,
    RegistrationStatus,
    SessionFormat,
    SessionStatus,
)

MAX_CAPACITY = 1000
#: Sessions are planned from today up to this many years ahead.
YEARS_AHEAD = 5
#: A session that already took place may be recorded (the organiser confirms it) this far back.
PAST_LIMIT = timedelta(days=366)


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
    #: The organiser confirmed that the session's day is in the past.
    past_confirmed: bool = False


class DayOutsideWindow(DomainError):
    """The day is too far ahead or back, or in the past without the organiser saying so."""

    def __init__(self, message: LazyString, *, needs_confirmation: bool = False) -> None:
        super().__init__(message)
        #: True when ticking "yes, this session is in the past" would make the day acceptable.
        self.needs_confirmation = needs_confirmation


class CapacityBelowConfirmed(DomainError):
    """Confirmed places are never taken away by a capacity change."""

    def __init__(self, confirmed: int) -> None:
        super().__init__(
            lazy_ngettext(
                "%(num)s person already has a confirmed place: the capacity cannot go below "
                "%(num)s. Confirmed places are never taken away.",
                "%(num)s people already have a confirmed place: the capacity cannot go below "
                "%(num)s. Confirmed places are never taken away.",
                confirmed,
            )
        )
        self.confirmed = confirmed


def latest_day(today: date) -> date:
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def check_day(day: date, today: date, *, past_confirmed: bool) -> None:
    """The one rule for when a session may be: from today (``today`` in the session's own
    zone) to ``YEARS_AHEAD`` years ahead; a past day only confirmed and within ``PAST_LIMIT``.

    Beyond the window dates stop being plans, and near year 9999 no calendar can hold them.
    """
    if day > latest_day(today):
        raise DayOutsideWindow(
            _l("Sessions can be planned up to %(years)s years ahead.", years=YEARS_AHEAD)
        )
    if day < today - PAST_LIMIT:
        raise DayOutsideWindow(_l("A past session can be recorded up to a year back only."))
    if day < today and not past_confirmed:
        raise DayOutsideWindow(
            _l(
                "This day is in the past. If you are recording a session that already took "
                "place, tick the box below to confirm."
            ),
            needs_confirmation=True,
        )


#: Characters no link needs, which hide what a link really is or break the lines of an
#: invite: controls (CR, LF, NUL, tab), format characters (bidi overrides, zero-width
#: spaces) and separators (every kind of space).
_HIDDEN_CATEGORIES = {"Cc", "Cf", "Zs", "Zl", "Zp"}


def video_link_problem(url: str) -> LazyString | None:
    """Why ``url`` cannot be stored as a meeting link, or None if it can.

    The text itself is checked, as it is stored and later mailed: ``urlsplit`` silently
    drops CR, LF and tabs, so looking only at its parts would let them through.
    """
    if any(char.isspace() or unicodedata.category(char) in _HIDDEN_CATEGORIES for char in url):
        return _l("A link contains no spaces, line breaks or invisible characters.")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return _l("Give a full link starting with https://")
    if (
        parts.scheme not in {"https", "http"}
        or not url.lower().startswith(f"{parts.scheme}://")
        or not parts.hostname
        or "\\" in url
    ):
        return _l("Give a full link starting with https://")
    if "@" in parts.netloc:
        # http://our-site@evil.example/ opens evil.example.
        return _l("A link cannot hold a name or password before its address (no @ there).")
    return None


def check_details(details: SessionDetails, now: datetime) -> None:
    """Refuse details that would make a session nobody can attend."""
    if not (details.title_en.strip() or details.title_fr.strip()):
        raise DomainError(_l("Give the session a title, in French or in English."))
    if details.ends_at <= details.starts_at:
        raise DomainError(_l("The session must end after it starts."))
    if not is_known_zone(details.timezone):
        raise DomainError(_l("Choose a time zone from the list."))
    zone = ZoneInfo(details.timezone)
    check_day(
        details.starts_at.astimezone(zone).date(),
        now.astimezone(zone).date(),
        past_confirmed=details.past_confirmed,
    )
    if details.format.has_venue and not details.venue.strip():
        raise DomainError(_l("Give the address of the venue."))
    if details.format.has_video_link:
        if not details.video_url.strip():
            raise DomainError(_l("Give the link of the online meeting."))
        if (problem := video_link_problem(details.video_url.strip())) is not None:
            raise DomainError(problem)
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


def _own(organiser: Organiser) -> ColumnElement[bool]:
    return EventSession.hosted_by(organiser.chapter_id)


def find_own_session(session: Session, organiser: Organiser, event_id: int) -> EventSession | None:
    """The session if the organiser's chapter hosts it (created or co-hosts it), else None.

    Organisers manage the sessions their chapter hosts; to them, no other session exists.
    Every check goes through this query or ``lock_own_session``, both built from
    ``EventSession.hosted_by``.
    """
    return session.scalars(
        select(EventSession).where(EventSession.id == event_id, _own(organiser))
    ).one_or_none()


def owns(session: Session, organiser: Organiser, event_id: int) -> bool:
    return find_own_session(session, organiser, event_id) is not None


def _owned(event: EventSession | None) -> EventSession:
    if event is None:
        raise NotFound(_l("This session does not exist."))
    return event


def get_own_session(session: Session, organiser: Organiser, event_id: int) -> EventSession:
    """The session if the organiser's chapter hosts it; otherwise it does not exist."""
    return _owned(find_own_session(session, organiser, event_id))


def lock_own_session(session: Session, organiser: Organiser, event_id: int) -> EventSession:
    """The organiser's own session with its seat lock taken: one read locks and checks."""
    return _owned(seats.load_session_for_update(session, event_id, _own(organiser)))


def may_choose_hosts(organiser: Organiser, event: EventSession) -> bool:
    """Only the chapter that created a session invites or drops co-hosts (a co-host edits
    the session, but cannot hand it on to a third chapter or drop its creator)."""
    return event.chapter_id == organiser.chapter_id


def _set_co_hosts(
    session: Session,
    organiser: Organiser,
    event: EventSession,
    co_host_ids: Collection[int],
    now: datetime,
) -> bool:
    """Make ``co_host_ids`` the session's co-hosts; True if that changed anything.

    The change is written to the audit trail of the acting chapter and of every chapter
    that gains or loses the session, so each knows who opened or closed its access.
    """
    if not may_choose_hosts(organiser, event):
        raise DomainError(_l("Only the chapter that created the session chooses its co-hosts."))
    wanted = set(co_host_ids) - {event.chapter_id}
    chapters = {
        chapter.id: chapter
        for chapter in session.scalars(select(Chapter).where(Chapter.id.in_(wanted))).all()
    }
    if set(chapters) != wanted:
        raise DomainError(_l("Choose the co-host chapters from the list."))
    current = {link.chapter_id: link for link in event.host_links}
    added = sorted(wanted - set(current))
    removed = sorted(set(current) - wanted - {event.chapter_id})
    if not added and not removed:
        return False
    for chapter_id in removed:
        event.host_links.remove(current[chapter_id])
    for chapter_id in added:
        event.host_links.append(SessionHost(chapter_id=chapter_id))
    event.updated_at = now
    session.flush()
    slugs = {
        chapter.id: chapter.slug
        for chapter in session.scalars(select(Chapter).where(Chapter.id.in_(added + removed)))
    }
    details = {
        "added": ",".join(slugs[chapter_id] for chapter_id in added),
        "removed": ",".join(slugs[chapter_id] for chapter_id in removed),
    }
    for chapter_id in sorted({organiser.chapter_id, *added, *removed}):
        audit.record_for(
            session,
            chapter_id,
            organiser,
            AuditAction.HOSTS_CHANGED,
            AuditSubject.SESSION,
            event.id,
            details,
            now,
        )
    return True


def create_session(
    session: Session,
    organiser: Organiser,
    details: SessionDetails,
    *,
    now: datetime,
    co_hosts: Collection[int] = (),
) -> int:
    """Create a draft hosted by the organiser's chapter and the ``co_hosts`` chosen."""
    check_details(details, now)
    with write_transaction(session):
        event = add_draft(session, organiser, details, now=now)
        _set_co_hosts(session, organiser, event, co_hosts, now)
        return event.id


def add_draft(
    session: Session,
    organiser: Organiser,
    details: SessionDetails,
    *,
    now: datetime,
    series_id: int | None = None,
) -> EventSession:
    """A new draft of the organiser's chapter, inside the caller's transaction (details
    already checked); a series' dates are made here too, one session each. Built with
    ``chapter_id``, so the creating chapter's host row comes with it (the model's rule):
    without it nobody, not even its creator, would see the session."""
    event = EventSession(
        chapter_id=organiser.chapter_id, series_id=series_id, created_at=now, updated_at=now
    )
    _apply(event, details)
    event.status = SessionStatus.DRAFT
    session.add(event)
    session.flush()
    audit.record(
        session,
        organiser,
        AuditAction.SESSION_CREATED,
        AuditSubject.SESSION,
        event.id,
        {"capacity": event.capacity},
        now,
    )
    return event


def update_session(
    session: Session,
    organiser: Organiser,
    event_id: int,
    details: SessionDetails,
    *,
    now: datetime,
    co_hosts: Collection[int] | None = None,
) -> ChangeOutcome:
    """Save changes. Attendees hear of a new time, place, format or link (with an updated
    invite for those with a seat); a larger capacity moves the waiting list up.

    ``co_hosts`` (the creating chapter only) replaces the co-hosts; None leaves them.
    """
    check_details(details, now)
    with write_transaction(session):
        event = lock_own_session(session, organiser, event_id)
        if event.is_cancelled:
            raise DomainError(_l("A cancelled session can no longer be changed."))
        # Counted under the seat lock: no sign-up can slip in between the check and the save.
        confirmed = seats.confirmed_count(session, event_id)
        if details.capacity < confirmed:
            raise CapacityBelowConfirmed(confirmed)
        before = _plans_of(event)
        before_values = _values_of(event)
        capacity_before = event.capacity
        _apply(event, details)
        event.updated_at = now
        changes = [change for change, value in _plans_of(event).items() if before[change] != value]
        was = {change.value: value for change, value in before_values.items() if change in changes}
        attendees_told: Sequence[Registration] = []
        if changes and event.is_published:
            seats.raise_calendar_sequence(event, now)
            attendees_told = session.scalars(
                select(Registration)
                .where(
                    Registration.event_session_id == event_id,
                    Registration.status != RegistrationStatus.CANCELLED,
                )
                .order_by(Registration.id)
            ).all()
            session.flush()
            queue_notices(
                session, attendees_told, Notice.SESSION_UPDATED, now, changes=changes, before=was
            )
        promoted = seats.fill_free_seats(session, event, now)
        session.flush()
        queue_notices(session, promoted, Notice.PROMOTED, now)
        session.flush()
        audit.record(
            session,
            organiser,
            AuditAction.SESSION_EDITED,
            AuditSubject.SESSION,
            event_id,
            {"changes": ",".join(sorted(changes)) or "text", "told": len(attendees_told)},
            now,
        )
        if co_hosts is not None:
            _set_co_hosts(session, organiser, event, co_hosts, now)
        if event.capacity != capacity_before:
            audit.record(
                session,
                organiser,
                AuditAction.CAPACITY_CHANGED,
                AuditSubject.SESSION,
                event_id,
                {"from": capacity_before, "to": event.capacity, "moved_up": len(promoted)},
                now,
            )
        return ChangeOutcome([r.id for r in promoted])


def _values_of(event: EventSession) -> dict[Change, object]:
    """What each kind of change was before it, as the update mail shows it (old → new)."""
    return {
        Change.TIME: {
            "starts_at": event.starts_at.isoformat(),
            "ends_at": event.ends_at.isoformat(),
            "timezone": event.timezone,
        },
        Change.PLACE: event.venue,
        Change.FORMAT: event.format.value,
        Change.VIDEO_LINK: event.video_url,
    }


def _plans_of(event: EventSession) -> dict[Change, object]:
    """What attendees plan around, by kind of change."""
    return {
        Change.TIME: (event.starts_at, event.ends_at, event.timezone),
        Change.PLACE: " ".join(event.venue.split()),
        Change.FORMAT: event.format,
        Change.VIDEO_LINK: event.video_url.strip(),
    }


def publish_session(
    session: Session,
    organiser: Organiser,
    event_id: int,
    *,
    now: datetime,
    tell_followers: bool = True,
) -> None:
    """Open a draft for registration; its chapter's and series' followers are told (a
    series publishing several dates at once tells them once, itself)."""
    with write_transaction(session):
        event = get_own_session(session, organiser, event_id)
        if event.status is not SessionStatus.DRAFT:
            raise DomainError(_l("Only a draft can be published."))
        if event.starts_at <= now:
            raise DomainError(_l("This session is in the past: change its date to publish it."))
        event.status = SessionStatus.PUBLISHED
        event.published_at = now
        event.updated_at = now
        audit.record(
            session,
            organiser,
            AuditAction.SESSION_PUBLISHED,
            AuditSubject.SESSION,
            event_id,
            {},
            now,
        )
        if tell_followers:
            session.flush()
            following.announce(session, [event_id], now)


#: A cancellation's reason is a sentence or two for a mail, not a letter.
MAX_CANCEL_REASON = 1000


def cancel_session(
    session: Session,
    organiser: Organiser,
    event_id: int,
    *,
    now: datetime,
    reason: CancelReason = CancelReason.ORGANISERS,
    reason_en: str = "",
    reason_fr: str = "",
) -> ChangeOutcome:
    """Cancel a published session and tell everyone registered or waiting: ``reason`` says
    why in their mail (the organisers' decision, or the date left its series' new rule),
    with the organisers' own words (in the attendee's language, else the other one) if
    they gave any."""
    reason_en, reason_fr = reason_en.strip(), reason_fr.strip()
    if max(len(reason_en), len(reason_fr)) > MAX_CANCEL_REASON:
        raise DomainError(_l("At most %(max)d characters.", max=MAX_CANCEL_REASON))
    with write_transaction(session):
        event = lock_own_session(session, organiser, event_id)
        if event.status is not SessionStatus.PUBLISHED:
            raise DomainError(_l("Only a published session can be cancelled."))
        event.status = SessionStatus.CANCELLED
        event.cancelled_at = now
        event.cancel_reason_en, event.cancel_reason_fr = reason_en, reason_fr
        seats.raise_calendar_sequence(event, now)
        attendees = session.scalars(
            select(Registration).where(
                Registration.event_session_id == event_id,
                Registration.status != RegistrationStatus.CANCELLED,
            )
        ).all()
        session.flush()
        queue_notices(session, attendees, Notice.SESSION_CANCELLED, now, reason=reason)
        session.flush()
        audit.record(
            session,
            organiser,
            AuditAction.SESSION_CANCELLED,
            AuditSubject.SESSION,
            event_id,
            {
                "told": len(attendees),
                "reason": reason.value,
                "reason_given": bool(reason_en or reason_fr),
            },
            now,
        )
        return ChangeOutcome([r.id for r in attendees])


def delete_draft(session: Session, organiser: Organiser, event_id: int, *, now: datetime) -> None:
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
        # The entry outlives the session: it names it by the id it had.
        audit.record(
            session, organiser, AuditAction.DRAFT_DELETED, AuditSubject.SESSION, event_id, {}, now
        )
