"""Organisers' side of a series: create its dates, publish them, edit from a date on,
change the rule, add a date.

Each date is a session of its own, and every change to a date goes through
``services.sessions`` (``update_session``, ``cancel_session``, ``publish_session``): its seat
lock, its SEQUENCE, its notices to attendees in their language, its audit entry. This module
only decides which dates a change touches and what each one becomes.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from business_corner.database import write_transaction
from business_corner.formatting import format_day
from business_corner.models import EventSession, Organiser, Series
from business_corner.models.series import days_from_text, days_to_text
from business_corner.services import audit, following, seats
from business_corner.services import sessions as session_admin
from business_corner.services.city_times import (
    AmbiguousLocalTime,
    NonexistentLocalTime,
    local_to_utc,
)
from business_corner.services.errors import DomainError, NotFound
from business_corner.services.notifications import CancelReason
from business_corner.services.recurrence import SeriesRule, series_days
from business_corner.services.sessions import SessionDetails
from business_corner.vocabulary import AuditAction, AuditSubject, SessionStatus


@dataclass(frozen=True)
class RuleOutcome:
    """What a change of rule did to the dates from the chosen one on (session ids)."""

    kept: list[int]
    moved: list[int]
    cancelled: list[int]
    added: list[int]


def local_start(event: EventSession) -> datetime:
    return event.starts_at.astimezone(event.zone)


def details_on(template: SessionDetails, day: date, clock: time) -> SessionDetails:
    """The template's details moved to ``day`` at the wall-clock time ``clock`` in its own
    zone: the UTC instant follows the clock changes, the local time does not.

    A time that does not exist that day, or happens twice, is refused with the day named:
    the organiser moves the time or skips the day."""
    duration = template.ends_at - template.starts_at
    try:
        starts_at = local_to_utc(day, clock, template.timezone)
    except NonexistentLocalTime:
        raise DomainError(
            _l(
                "On %(day)s this time does not exist (the clocks go forward). Choose another "
                "time or skip that day.",
                day=format_day(day),
            )
        ) from None
    except AmbiguousLocalTime:
        raise DomainError(
            _l(
                "On %(day)s this time happens twice (the clocks go back). Choose another "
                "time or skip that day.",
                day=format_day(day),
            )
        ) from None
    return replace(template, starts_at=starts_at, ends_at=starts_at + duration)


def _clock_of(details: SessionDetails) -> time:
    return details.starts_at.astimezone(ZoneInfo(details.timezone)).time()


def _checked_dates(
    template: SessionDetails, days: list[date], clock: time, now: datetime
) -> list[SessionDetails]:
    """Every date's details, each checked by the single-session rules before any is saved."""
    dated = [details_on(template, day, clock) for day in days]
    for details in dated:
        session_admin.check_details(replace(details, past_confirmed=False), now)
    return dated


def owns_series(organiser: Organiser, series: Series) -> bool:
    """A series is its chapter's, as its dates are (``sessions.owns``)."""
    return series.chapter_id == organiser.chapter_id


def get_own_series(session: Session, organiser: Organiser, series_id: int) -> Series:
    series = session.get(Series, series_id)
    if series is None or not owns_series(organiser, series):
        raise NotFound(_l("This series does not exist."))
    return series


def _store_rule(series: Series, rule: SeriesRule) -> None:
    series.recurrence = rule.recurrence
    series.first_day = rule.first_day
    series.interval = rule.interval
    series.weekday = rule.weekday
    series.nth = rule.nth
    series.count = rule.count
    series.until = rule.until
    series.listed_days = days_to_text(rule.listed)
    series.skipped_days = days_to_text(sorted(rule.skipped))


def rule_of(series: Series) -> SeriesRule:
    return SeriesRule(
        recurrence=series.recurrence,
        first_day=series.first_day,
        interval=series.interval,
        weekday=series.weekday,
        nth=series.nth,
        count=series.count,
        until=series.until,
        listed=days_from_text(series.listed_days),
        skipped=frozenset(days_from_text(series.skipped_days)),
    )


def create_series(
    session: Session,
    organiser: Organiser,
    template: SessionDetails,
    rule: SeriesRule,
    *,
    now: datetime,
) -> int:
    """The series and one draft session per date, all or nothing. ``template`` holds the
    details of a date (its day is ignored; its local start time and length are kept)."""
    clock = _clock_of(template)
    dated = _checked_dates(template, series_days(rule), clock, now)
    with write_transaction(session):
        series = Series(
            chapter_id=organiser.chapter_id,
            title_en=template.title_en.strip(),
            title_fr=template.title_fr.strip(),
            timezone=template.timezone,
            starts_local=clock,
            duration_minutes=int((template.ends_at - template.starts_at) / timedelta(minutes=1)),
            created_at=now,
        )
        _store_rule(series, rule)
        session.add(series)
        session.flush()
        for details in dated:
            session_admin.add_draft(session, organiser, details, now=now, series_id=series.id)
        audit.record(
            session,
            organiser,
            AuditAction.SERIES_CREATED,
            AuditSubject.SERIES,
            series.id,
            {"dates": len(dated), "rule": rule.recurrence.value},
            now,
        )
        return series.id


def _dates(session: Session, organiser: Organiser, series_id: int) -> list[EventSession]:
    """The series' dates the organiser's chapter hosts, by the one rule of joint sessions
    (``EventSession.hosted_by``): all of them for the series' own chapter, only the dates it
    co-hosts for another chapter, which edits those as it edits any session it co-hosts."""
    return list(
        session.scalars(
            select(EventSession)
            .where(
                EventSession.series_id == series_id,
                EventSession.hosted_by(organiser.chapter_id),
            )
            .order_by(EventSession.starts_at, EventSession.id)
        )
    )


def publish_series(session: Session, organiser: Organiser, series_id: int, *, now: datetime) -> int:
    """Publish every coming draft date (each as a single session is); the number published."""
    get_own_series(session, organiser, series_id)
    drafts = [
        event.id
        for event in _dates(session, organiser, series_id)
        if event.status is SessionStatus.DRAFT and event.starts_at > now
    ]
    if not drafts:
        raise DomainError(_l("This series has no coming draft to publish."))
    for event_id in drafts:
        session_admin.publish_session(session, organiser, event_id, now=now, tell_followers=False)
    with write_transaction(session):
        # Followers hear of the whole season in one message.
        told = following.announce(session, drafts, now)
        audit.record(
            session,
            organiser,
            AuditAction.SERIES_PUBLISHED,
            AuditSubject.SERIES,
            series_id,
            {"dates": len(drafts), "followers_told": told},
            now,
        )
    return len(drafts)


def _following(
    session: Session, organiser: Organiser, series_id: int, event: EventSession
) -> list[EventSession]:
    """The date and the later ones of its series that can still change (those the
    organiser's chapter hosts)."""
    return [
        other
        for other in _dates(session, organiser, series_id)
        if other.starts_at >= event.starts_at and not other.is_cancelled
    ]


def edit_following(
    session: Session,
    organiser: Organiser,
    event_id: int,
    details: SessionDetails,
    *,
    now: datetime,
    co_hosts: Collection[int] | None = None,
) -> session_admin.ChangeOutcome:
    """Apply an edit to this date and the following ones of its series: the same texts,
    place, format, link, capacity and levels, and the same local start time and length,
    each date keeping its own day (this one takes the day given). Each date is then saved
    as a single session is, so its attendees hear of it exactly as they would then.

    Co-hosts are chosen per date (a joint session is one date): ``co_hosts`` applies to
    this date only; a co-host chapter edits the following dates it co-hosts."""
    event = session_admin.get_own_session(session, organiser, event_id)
    series_id = event.series_id
    if series_id is None:
        raise DomainError(_l("This session is not part of a series."))
    clock = _clock_of(details)
    plans: list[tuple[int, SessionDetails]] = [(event.id, details)]
    for other in _following(session, organiser, series_id, event):
        if other.id != event.id:
            plans.append((other.id, details_on(details, local_start(other).date(), clock)))
    # Every date is checked before any is saved: a refusal leaves the whole series as it was.
    for other_id, other_details in plans:
        session_admin.check_details(other_details, now)
        confirmed = seats.confirmed_count(session, other_id)
        if other_details.capacity < confirmed:
            raise session_admin.CapacityBelowConfirmed(confirmed)
    promoted: list[int] = []
    for other_id, other_details in plans:
        outcome = session_admin.update_session(
            session,
            organiser,
            other_id,
            other_details,
            now=now,
            co_hosts=co_hosts if other_id == event.id else None,
        )
        promoted.extend(outcome.registration_ids)
    with write_transaction(session):
        series = session.get_one(Series, series_id)
        series.title_en, series.title_fr = details.title_en.strip(), details.title_fr.strip()
        series.starts_local = clock
        series.duration_minutes = int((details.ends_at - details.starts_at) / timedelta(minutes=1))
        audit.record(
            session,
            organiser,
            AuditAction.SERIES_EDITED_FROM,
            AuditSubject.SERIES,
            series.id,
            {"from": event_id, "dates": len(plans)},
            now,
        )
    return session_admin.ChangeOutcome(promoted)


def _details_of(event: EventSession) -> SessionDetails:
    return SessionDetails(
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


def change_rule(
    session: Session,
    organiser: Organiser,
    series_id: int,
    rule: SeriesRule,
    from_day: date,
    *,
    now: datetime,
) -> RuleOutcome:
    """Give the series a new rule from ``from_day`` on (earlier dates are left alone).

    Dates on a day the new rule keeps stay as they are, registrations and all; the other
    old dates are paired in order with the new rule's other days and move there (their
    attendees get an update, SEQUENCE raised); old dates left over are cancelled (their
    attendees get a CANCEL and a mail saying the series changed; a draft is deleted), and
    new days left over become new dates, published if the series already is.
    """
    series = get_own_series(session, organiser, series_id)
    old = [
        event
        for event in _dates(session, organiser, series_id)
        if local_start(event).date() >= from_day and not event.is_cancelled
    ]
    if not old:
        raise DomainError(_l("The series has no date on or after this day to change."))
    new_days = [day for day in series_days(rule) if day >= from_day]
    by_day = {local_start(event).date(): event for event in old}
    kept = [by_day[day] for day in new_days if day in by_day]
    moving = [event for event in old if event not in kept]
    free_days = [day for day in new_days if day not in by_day]
    moves = list(zip(moving, free_days, strict=False))
    going = moving[len(moves) :]
    coming = free_days[len(moves) :]
    template = _details_of(old[-1])
    clock = series.starts_local
    # All checked before anything changes.
    move_plans = [
        (event.id, details_on(_details_of(event), day, local_start(event).time()))
        for event, day in moves
    ]
    new_plans = _checked_dates(template, coming, clock, now)
    for _event_id, details in move_plans:
        session_admin.check_details(details, now)
    published = any(event.is_published for event in old)

    for event_id, details in move_plans:
        session_admin.update_session(session, organiser, event_id, details, now=now)
    cancelled = []
    for event in going:
        if event.is_published:
            session_admin.cancel_session(
                session, organiser, event.id, now=now, reason=CancelReason.SERIES_CHANGED
            )
        else:
            session_admin.delete_draft(session, organiser, event.id, now=now)
        cancelled.append(event.id)
    added = []
    with write_transaction(session):
        for details in new_plans:
            added.append(
                session_admin.add_draft(
                    session, organiser, details, now=now, series_id=series_id
                ).id
            )
        stored = session.get_one(Series, series_id)
        _store_rule(stored, rule)
        audit.record(
            session,
            organiser,
            AuditAction.SERIES_RULE_CHANGED,
            AuditSubject.SERIES,
            series_id,
            {
                "from": from_day.isoformat(),
                "kept": len(kept),
                "moved": len(moves),
                "cancelled": len(cancelled),
                "added": len(added),
            },
            now,
        )
    if published and added:
        for event_id in added:
            session_admin.publish_session(
                session, organiser, event_id, now=now, tell_followers=False
            )
        with write_transaction(session):
            following.announce(session, added, now)
    return RuleOutcome(
        kept=[event.id for event in kept],
        moved=[event.id for event, _day in moves],
        cancelled=cancelled,
        added=added,
    )


def add_date(
    session: Session, organiser: Organiser, series_id: int, day: date, *, now: datetime
) -> int:
    """One more date, like the series' last one on ``day`` at the series' time; published
    at once if the series' dates are."""
    series = get_own_series(session, organiser, series_id)
    dates = _dates(session, organiser, series_id)
    if not dates:
        raise DomainError(_l("This series has no date to copy."))
    if any(local_start(event).date() == day and not event.is_cancelled for event in dates):
        raise DomainError(_l("The series already has a date on that day."))
    (details,) = _checked_dates(_details_of(dates[-1]), [day], series.starts_local, now)
    with write_transaction(session):
        event = session_admin.add_draft(session, organiser, details, now=now, series_id=series_id)
        event_id = event.id
        audit.record(
            session,
            organiser,
            AuditAction.SERIES_DATE_ADDED,
            AuditSubject.SERIES,
            series_id,
            {"session": event_id, "day": day.isoformat()},
            now,
        )
    if any(other.is_published for other in dates):
        session_admin.publish_session(session, organiser, event_id, now=now)
    return event_id
