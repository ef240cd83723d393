"""What the public listing and the organiser dashboard count, in a fixed number of queries."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import event as sa_event

from business_corner.extensions import db
from business_corner.services.catalogue import SeatCount, public_listing, upcoming
from business_corner.services.dashboard import chapter_overview, signups_per_day
from business_corner.services.registration import cancel_registration, register
from business_corner.vocabulary import Level, Sector, SessionStatus
from tests.support.applicants import applicant


def count_queries(action):
    statements = []

    def record(*args):
        statements.append(args[2])

    sa_event.listen(db.engine, "before_cursor_execute", record)
    try:
        db.session.expire_all()
        result = action()
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", record)
    return result, len([s for s in statements if s.lstrip().upper().startswith("SELECT")])


def test_upcoming_lists_published_sessions_that_have_not_ended(marseille, make_session, now):
    soon = make_session(marseille, starts_in=timedelta(days=1))
    later = make_session(marseille, starts_in=timedelta(days=5))
    running = make_session(marseille, starts_in=timedelta(minutes=-30), minutes=90)
    make_session(marseille, starts_in=timedelta(days=-2))  # over
    make_session(marseille, status=SessionStatus.DRAFT)
    make_session(marseille, status=SessionStatus.CANCELLED)

    listings = upcoming(db.session, now)

    assert [listing.event.id for listing in listings] == [running.id, soon.id, later.id]


def test_seats_left_and_waiting_list(marseille, make_session, now):
    event = make_session(marseille, capacity=2)
    for name in "abc":
        register(db.session, event.id, applicant(f"{name}@x.fr"), now=now)
    listing = public_listing(db.session, event.id)
    assert listing.seats == SeatCount(confirmed=2, waitlisted=1)
    assert listing.availability.seats_left == 0 and listing.availability.is_full


def test_drafts_have_no_public_listing(marseille, make_session):
    assert (
        public_listing(db.session, make_session(marseille, status=SessionStatus.DRAFT).id) is None
    )


def test_the_home_page_query_count_does_not_grow_with_sessions(marseille, make_session, now):
    def populate(count):
        for index in range(count):
            event = make_session(marseille, starts_in=timedelta(days=1 + index))
            register(db.session, event.id, applicant(f"p{index}@x.fr"), now=now)

    populate(2)
    _, few = count_queries(
        lambda: [(item.event.chapter.name, item.seats) for item in upcoming(db.session, now)]
    )
    populate(10)
    _, many = count_queries(
        lambda: [(item.event.chapter.name, item.seats) for item in upcoming(db.session, now)]
    )
    assert few == many <= 3  # the sessions, their host chapters, the seat counts


def test_the_dashboard_breaks_down_levels_and_sectors(marseille, los_angeles, make_session, now):
    event = make_session(marseille, capacity=3)
    make_session(los_angeles)  # another chapter: not on this dashboard
    register(
        db.session, event.id, applicant("a@x.fr", level=Level.B1, sector=Sector.HEALTH), now=now
    )
    register(
        db.session, event.id, applicant("b@x.fr", level=Level.B1, sector=Sector.DIGITAL), now=now
    )
    register(
        db.session, event.id, applicant("c@x.fr", level=Level.C2, sector=Sector.DIGITAL), now=now
    )
    register(
        db.session, event.id, applicant("d@x.fr", level=Level.A1, sector=Sector.TRADE), now=now
    )

    chapter_id = marseille.id
    (overview,), queries = count_queries(lambda: chapter_overview(db.session, chapter_id))

    assert overview.seats == SeatCount(confirmed=3, waitlisted=1)
    assert dict(overview.levels) == {Level.B1: 2, Level.C2: 1}  # confirmed attendees only
    assert dict(overview.sectors) == {Sector.DIGITAL: 2, Sector.HEALTH: 1}
    assert overview.pending_mail == 4
    assert queries <= 5


def test_signups_are_counted_per_local_day_of_the_chapter(marseille, los_angeles, make_session):
    now = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    event = make_session(marseille, capacity=1, starts_in=timedelta(days=30))
    elsewhere = make_session(los_angeles, starts_in=timedelta(days=30))

    def sign_up(email, at, event_id=event.id):
        return register(db.session, event_id, applicant(email), now=at)

    sign_up("old@x.fr", now - timedelta(days=28))  # before the four weeks
    sign_up("a@x.fr", datetime(2026, 10, 30, 0, 30, tzinfo=UTC))  # first day, 01:30 in Paris
    sign_up("b@x.fr", datetime(2026, 11, 20, 23, 30, tzinfo=UTC))  # 21 November in Paris
    cancelled = sign_up("c@x.fr", datetime(2026, 11, 21, 9, 0, tzinfo=UTC))  # waits, cancels
    cancel_registration(db.session, cancelled.registration_id, now=now)
    sign_up("d@x.fr", now, elsewhere.id)  # another chapter's session

    chapter_id = marseille.id
    days, queries = count_queries(
        lambda: signups_per_day(db.session, chapter_id, "Europe/Paris", now)
    )

    assert len(days) == 28 and queries == 1
    assert days[0] == (date(2026, 10, 30), 1) and days[-1] == (date(2026, 11, 26), 0)
    assert {day: count for day, count in days if count} == {
        date(2026, 10, 30): 1,
        date(2026, 11, 21): 2,
    }
