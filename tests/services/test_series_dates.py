"""Attendees and a series: several dates in one sign-up (each under its own seat lock, each
confirmed or waitlisted by the single-session rules), the other dates seen from one."""

from __future__ import annotations

from datetime import timedelta

import pytest

from business_corner.extensions import db
from business_corner.models import Registration
from business_corner.services import series as series_admin
from business_corner.services import series_dates
from business_corner.services.errors import DomainError, NotFound
from business_corner.services.registration import register
from business_corner.services.sessions import cancel_session
from business_corner.vocabulary import RegistrationStatus
from tests.support.applicants import applicant
from tests.support.records import outbox
from tests.support.series import date_ids, published_series, series_template, weekly


@pytest.fixture
def series_id(organiser, now) -> int:
    return published_series(organiser, now)


def statuses(email: str) -> dict[int, RegistrationStatus]:
    db.session.expire_all()
    return {
        r.event_session_id: r.status
        for r in db.session.scalars(db.select(Registration).where(Registration.email == email))
    }


def test_three_dates_at_once_each_by_the_single_session_rules(series_id, now):
    ids = date_ids(series_id)
    register(db.session, ids[1], applicant("first@example.com"), now=now)  # the only seat
    outbox()
    outcomes = series_dates.register_for_dates(
        db.session, series_id, [ids[2], ids[1], ids[0]], applicant("ana@example.com"), now=now
    )
    assert len(outcomes) == 3
    assert statuses("ana@example.com") == {
        ids[0]: RegistrationStatus.CONFIRMED,
        ids[1]: RegistrationStatus.WAITLISTED,
        ids[2]: RegistrationStatus.CONFIRMED,
    }
    kinds = sorted(
        (m.event_session_id, m.kind) for m in outbox() if m.recipient == "ana@example.com"
    )
    assert kinds == [(ids[0], "confirmed"), (ids[1], "waitlisted"), (ids[2], "confirmed")]


def test_a_date_that_is_not_open_refuses_the_sign_up(series_id, organiser, now):
    ids = date_ids(series_id)
    cancel_session(db.session, organiser, ids[0], now=now)
    with pytest.raises(DomainError):
        series_dates.register_for_dates(
            db.session, series_id, [ids[0], ids[1]], applicant(), now=now
        )
    with pytest.raises(DomainError):
        series_dates.register_for_dates(db.session, series_id, [], applicant(), now=now)
    assert statuses("ana@example.com") == {}


def test_the_other_dates_from_one_registration_join_and_leave(series_id, now):
    ids = date_ids(series_id)
    mine = register(db.session, ids[0], applicant("ana@example.com", locale="en"), now=now)
    registration = db.session.get(Registration, mine.registration_id)
    others = series_dates.other_dates(db.session, registration, now)
    assert [o.listing.event.id for o in others] == ids[1:]
    assert all(o.registration is None and o.open for o in others)

    series_dates.join_other_date(db.session, registration.id, ids[2], now=now)
    joined = db.session.scalars(
        db.select(Registration).where(Registration.event_session_id == ids[2])
    ).one()
    assert (joined.email, joined.locale, joined.company) == (
        "ana@example.com",
        "en",
        "Calanques SAS",
    )
    registration = db.session.get(Registration, mine.registration_id)
    assert series_dates.other_dates(db.session, registration, now)[1].registration is not None

    series_dates.leave_other_date(db.session, registration.id, ids[2], now=now)
    assert statuses("ana@example.com")[ids[2]] is RegistrationStatus.CANCELLED


def test_no_date_outside_the_series_through_a_registration(series_id, marseille, make_session, now):
    elsewhere = make_session(marseille)
    mine = register(db.session, date_ids(series_id)[0], applicant(), now=now)
    with pytest.raises(NotFound):
        series_dates.join_other_date(db.session, mine.registration_id, elsewhere.id, now=now)
    with pytest.raises(NotFound):
        series_dates.leave_other_date(db.session, mine.registration_id, elsewhere.id, now=now)


def test_a_series_of_drafts_is_not_public(organiser, now):
    first = (now + timedelta(days=20)).date()
    draft = series_admin.create_series(
        db.session, organiser, series_template(first), weekly(first, count=2), now=now
    )
    with pytest.raises(NotFound):
        series_dates.public_series(db.session, draft)


def test_dates_are_locked_one_at_a_time_in_ascending_order(series_id, now, monkeypatch):
    """Two multi-date sign-ups cannot deadlock: each takes one seat lock at a time (each
    date is its own transaction), always in the same order."""
    ids = date_ids(series_id)
    taken: list[int] = []
    real = series_dates.registrations.register

    def spy(session, event_id, applicant_, *, now):
        taken.append(event_id)
        return real(session, event_id, applicant_, now=now)

    monkeypatch.setattr(series_dates.registrations, "register", spy)
    series_dates.register_for_dates(
        db.session, series_id, [ids[3], ids[0], ids[2]], applicant(), now=now
    )
    assert taken == sorted([ids[3], ids[0], ids[2]])
