"""Series: dates from a rule across clock changes in both cities, skipped days, editing
"this and following", changing the rule, adding and cancelling dates, promotion per date."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from business_corner.extensions import db
from business_corner.models import EventSession, Registration, Series
from business_corner.services import series as series_admin
from business_corner.services.errors import DomainError
from business_corner.services.recurrence import SeriesRule, series_days
from business_corner.services.registration import cancel_registration, register
from business_corner.services.sessions import cancel_session
from business_corner.vocabulary import Recurrence, RegistrationStatus
from tests.calendar.support import both_parsers, calendar_of
from tests.support.applicants import applicant
from tests.support.records import outbox
from tests.support.series import series_template, weekly

PARIS, LA = ZoneInfo("Europe/Paris"), ZoneInfo("America/Los_Angeles")
#: The organiser works in January 2027: every date below is ahead.
NOW = datetime(2027, 1, 10, 9, tzinfo=UTC)


def template(zone: str = "Europe/Paris", clock: time = time(18, 30), capacity: int = 2):
    return series_template(date(2027, 3, 4), zone, clock, capacity)


def dates_of(series_id: int) -> list[EventSession]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            db.select(EventSession)
            .where(EventSession.series_id == series_id)
            .order_by(EventSession.starts_at)
        )
    )


# Generation ---------------------------------------------------------------------------


def test_weekly_dates_keep_marseille_time_while_los_angeles_time_moves(organiser):
    """Thursdays at 18:30 in Marseille through March 2027: the US changes clocks on the
    14th, the EU on the 28th, so on the 18th and 25th the cities are 8 hours apart."""
    series_id = series_admin.create_series(db.session, organiser, template(), weekly(), now=NOW)
    starts = [event.starts_at for event in dates_of(series_id)]
    assert [s.astimezone(PARIS).strftime("%d %H:%M") for s in starts] == [
        "04 18:30",
        "11 18:30",
        "18 18:30",
        "25 18:30",
        "01 18:30",
    ]
    assert [s.astimezone(LA).strftime("%H:%M") for s in starts] == [
        "09:30",
        "09:30",
        "10:30",
        "10:30",
        "09:30",
    ]


def test_los_angeles_dates_keep_their_own_time(organiser):
    series_id = series_admin.create_series(
        db.session, organiser, template("America/Los_Angeles", time(9, 0)), weekly(), now=NOW
    )
    starts = [event.starts_at for event in dates_of(series_id)]
    assert {s.astimezone(LA).strftime("%H:%M") for s in starts} == {"09:00"}
    assert [s.astimezone(PARIS).strftime("%H:%M") for s in starts] == [
        "18:00",
        "18:00",
        "17:00",
        "17:00",
        "18:00",
    ]


def test_monthly_nth_weekday_with_skipped_days_counts_the_dates_held():
    rule = SeriesRule(
        Recurrence.MONTHLY_WEEKDAY,
        first_day=date(2027, 1, 1),
        weekday=3,  # Thursday
        nth=1,
        count=6,
        skipped=frozenset({date(2027, 5, 6)}),
    )
    assert series_days(rule) == [
        date(2027, 1, 7),
        date(2027, 2, 4),
        date(2027, 3, 4),
        date(2027, 4, 1),
        date(2027, 6, 3),
        date(2027, 7, 1),
    ]


def test_every_other_week_until_a_last_date_and_the_last_weekday_of_the_month():
    assert series_days(weekly(interval=2, count=None, until=date(2027, 4, 1))) == [
        date(2027, 3, 4),
        date(2027, 3, 18),
        date(2027, 4, 1),
    ]
    last_tuesday = SeriesRule(
        Recurrence.MONTHLY_WEEKDAY, first_day=date(2027, 1, 1), weekday=1, nth=-1, count=2
    )
    assert series_days(last_tuesday) == [date(2027, 1, 26), date(2027, 2, 23)]


def test_an_explicit_list_of_dates():
    rule = SeriesRule(
        Recurrence.DATES,
        first_day=date(2027, 3, 4),
        listed=(date(2027, 4, 8), date(2027, 3, 4), date(2027, 5, 1)),
        skipped=frozenset({date(2027, 5, 1)}),
    )
    assert series_days(rule) == [date(2027, 3, 4), date(2027, 4, 8)]


@pytest.mark.parametrize(
    "rule",
    [
        weekly(count=None),
        weekly(count=0),
        weekly(count=61),
        weekly(interval=0),
        weekly(count=None, until=date(2027, 1, 1)),
        SeriesRule(Recurrence.MONTHLY_WEEKDAY, first_day=date(2027, 1, 1), nth=5, count=2),
        SeriesRule(Recurrence.DATES, first_day=date(2027, 1, 1)),
    ],
)
def test_rules_that_make_no_sense_are_refused(rule):
    with pytest.raises(DomainError):
        series_days(rule)


def test_a_time_missing_on_one_date_refuses_the_series_and_names_the_day(organiser):
    """02:30 does not exist in Paris on 28 March 2027: nothing is created."""
    # The day is named (in the default language, French).
    with pytest.raises(DomainError, match="28 mars 2027"):
        series_admin.create_series(
            db.session,
            organiser,
            template(clock=time(2, 30)),
            weekly(first=date(2027, 3, 7)),
            now=NOW,
        )
    assert db.session.scalars(db.select(Series)).all() == []


def test_a_series_is_drafts_of_its_own_chapter_then_published_together(organiser):
    series_id = series_admin.create_series(db.session, organiser, template(), weekly(), now=NOW)
    events = dates_of(series_id)
    assert len(events) == 5
    assert len({event.calendar_uid for event in events}) == 5
    assert all(event.chapter_id == organiser.chapter_id for event in events)
    assert all(not event.is_published for event in events)
    assert series_admin.publish_series(db.session, organiser, series_id, now=NOW) == 5
    assert all(event.is_published for event in dates_of(series_id))


def test_another_chapters_series_does_not_exist(organiser, los_angeles, make_organiser):
    series_id = series_admin.create_series(db.session, organiser, template(), weekly(), now=NOW)
    other = make_organiser(los_angeles)
    with pytest.raises(DomainError):
        series_admin.publish_series(db.session, other, series_id, now=NOW)


# Changes ------------------------------------------------------------------------------


@pytest.fixture
def published_series(organiser) -> int:
    series_id = series_admin.create_series(db.session, organiser, template(), weekly(), now=NOW)
    series_admin.publish_series(db.session, organiser, series_id, now=NOW)
    return series_id


def notices(kind: str) -> list[tuple[str, int]]:
    return [(m.recipient, m.event_session_id) for m in outbox(kind)]


def test_this_and_following_moves_the_local_time_and_tells_their_attendees(
    organiser, published_series
):
    events = dates_of(published_series)
    for event in events:
        register(db.session, event.id, applicant("ana@example.com"), now=NOW)
    outbox()
    third = events[2]
    new = template(clock=time(19, 0))
    third_day = third.starts_at.astimezone(PARIS).date()
    details = series_admin.details_on(new, third_day, time(19, 0))
    series_admin.edit_following(db.session, organiser, third.id, details, now=NOW)

    after = dates_of(published_series)
    assert [e.starts_at.astimezone(PARIS).strftime("%H:%M") for e in after] == [
        "18:30",
        "18:30",
        "19:00",
        "19:00",
        "19:00",
    ]
    # Across the clock change the date kept 19:00 local, not a fixed UTC shift.
    assert after[4].starts_at.astimezone(PARIS).date() == date(2027, 4, 1)
    assert [e.calendar_sequence for e in after] == [0, 0, 1, 1, 1]
    updated = notices("session_updated")
    assert sorted(event_id for _, event_id in updated) == [e.id for e in after[2:]]


def test_a_refused_date_leaves_the_whole_series_unchanged(organiser, published_series):
    events = dates_of(published_series)
    for email in ("a@example.com", "b@example.com"):
        register(db.session, events[4].id, applicant(email), now=NOW)
    details = series_admin.details_on(
        template(capacity=1), events[1].starts_at.astimezone(PARIS).date(), time(18, 30)
    )
    with pytest.raises(DomainError):
        series_admin.edit_following(db.session, organiser, events[1].id, details, now=NOW)
    assert {event.capacity for event in dates_of(published_series)} == {2}


def test_a_new_rule_keeps_moves_cancels_and_adds(organiser, published_series):
    """Weekly from 4 March becomes every other week from 11 March, six dates: 11 and 25
    March stay with their attendees; 18 March and 1 April fall between, so 18 March moves
    to the first new day (8 April) and 1 April to the next (22 April); two new days are
    added; nothing before 11 March changes."""
    events = dates_of(published_series)
    for event in events:
        register(db.session, event.id, applicant("ana@example.com", locale="en"), now=NOW)
    outbox()
    new_rule = weekly(first=date(2027, 3, 11), interval=2, count=6)
    outcome = series_admin.change_rule(
        db.session, organiser, published_series, new_rule, date(2027, 3, 11), now=NOW
    )
    assert outcome.kept == [events[1].id, events[3].id]
    assert outcome.moved == [events[2].id, events[4].id]
    assert outcome.cancelled == []
    assert len(outcome.added) == 2
    after = {e.id: e for e in dates_of(published_series)}
    assert after[events[2].id].starts_at.astimezone(PARIS) == datetime(
        2027, 4, 8, 18, 30, tzinfo=PARIS
    )
    assert all(after[i].is_published for i in outcome.added)
    # Those kept hold their registrations and were not told anything.
    updates = outbox("session_updated")
    assert sorted(m.event_session_id for m in updates) == sorted(outcome.moved)
    for update in updates:
        _message, data, method = calendar_of(update.raw)
        (parsed,) = both_parsers(data)
        moved = after[update.event_session_id]
        assert method == "REQUEST"
        assert (parsed.uid, parsed.sequence, parsed.start) == (
            moved.calendar_uid,
            1,
            moved.starts_at,
        )
    kept = db.session.scalars(
        db.select(Registration).where(Registration.event_session_id == events[1].id)
    ).one()
    assert kept.status is RegistrationStatus.CONFIRMED


def test_dates_a_new_rule_drops_are_cancelled_with_the_reason(organiser, published_series):
    events = dates_of(published_series)
    register(db.session, events[4].id, applicant("ana@example.com", locale="fr"), now=NOW)
    outbox()
    shorter = weekly(count=3)
    outcome = series_admin.change_rule(
        db.session, organiser, published_series, shorter, date(2027, 3, 4), now=NOW
    )
    assert outcome.cancelled == [events[3].id, events[4].id]
    cancelled = outbox("session_cancelled")
    assert [m.event_session_id for m in cancelled] == [events[4].id]
    assert json.loads(cancelled[0].details)["reason"] == "series_changed"
    message, data, method = calendar_of(cancelled[0].raw)
    assert method == "CANCEL"
    (parsed,) = both_parsers(data)
    assert (parsed.uid, parsed.sequence) == (events[4].calendar_uid, 1)
    text = message.get_body(("plain",)).get_content()
    assert "ne fait plus partie de sa série" in text or "no longer part of its series" in text


def test_one_date_cancelled_alone_leaves_the_others(organiser, published_series):
    events = dates_of(published_series)
    cancel_session(db.session, organiser, events[1].id, now=NOW)
    assert [e.is_cancelled for e in dates_of(published_series)] == [
        False,
        True,
        False,
        False,
        False,
    ]


def test_a_date_added_later_is_published_like_the_others(organiser, published_series):
    event_id = series_admin.add_date(
        db.session, organiser, published_series, date(2027, 4, 15), now=NOW
    )
    event = db.session.get(EventSession, event_id)
    assert event.is_published
    assert event.starts_at.astimezone(PARIS).time() == time(18, 30)
    with pytest.raises(DomainError):
        series_admin.add_date(db.session, organiser, published_series, date(2027, 4, 15), now=NOW)


def test_the_waiting_list_moves_up_per_date(organiser, published_series):
    first, second = dates_of(published_series)[:2]
    for email in ("a@example.com", "b@example.com", "c@example.com"):
        register(db.session, first.id, applicant(email), now=NOW)
        register(db.session, second.id, applicant(email), now=NOW)
    seated = db.session.scalars(
        db.select(Registration).where(
            Registration.event_session_id == first.id, Registration.email == "a@example.com"
        )
    ).one()
    cancel_registration(db.session, seated.id, now=NOW)
    statuses = {
        (r.event_session_id, r.email): r.status for r in db.session.scalars(db.select(Registration))
    }
    assert statuses[(first.id, "c@example.com")] is RegistrationStatus.CONFIRMED
    assert statuses[(second.id, "c@example.com")] is RegistrationStatus.WAITLISTED


def test_the_demo_has_a_monthly_series_across_a_clock_change(app):
    from business_corner.clock import utcnow
    from business_corner.services.demo import load_demo

    load_demo(db.session, utcnow())
    (series,) = db.session.scalars(db.select(Series)).all()
    events = dates_of(series.id)
    assert len(events) >= 6
    assert all(event.is_published for event in events)
    assert {e.starts_at.astimezone(PARIS).strftime("%H:%M") for e in events} == {"18:30"}
    offsets = {e.starts_at.astimezone(PARIS).utcoffset() for e in events}
    assert len(offsets) == 2  # winter and summer time
    registered = db.session.scalars(
        db.select(Registration.event_session_id).where(
            Registration.event_session_id.in_([e.id for e in events])
        )
    ).all()
    assert 0 < len(set(registered)) < len(events)
