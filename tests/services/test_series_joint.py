"""Series and joint sessions together: a series' dates are sessions, so the one rule of
joint sessions (``EventSession.hosted_by``) decides who sees and edits each date, while the
series itself stays its chapter's."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from email import message_from_bytes, policy

import pytest

from business_corner.extensions import db
from business_corner.models import EventSession, Follower, OutboxMessage, SessionHost
from business_corner.services import following
from business_corner.services import series as series_admin
from business_corner.services.errors import NotFound
from business_corner.services.mail.outbox import owners
from business_corner.services.notifications import CancelReason
from business_corner.services.registration import register
from business_corner.services.sessions import (
    cancel_session,
    find_own_session,
    publish_session,
    update_session,
)
from business_corner.vocabulary import Notice, SessionStatus
from tests.support.applicants import applicant
from tests.support.records import outbox
from tests.support.series import date_ids, published_series
from tests.support.session_details import details_of


@pytest.fixture
def la_organiser(los_angeles, make_organiser):
    return make_organiser(los_angeles)


def hosts(event_id: int) -> set[int]:
    return set(
        db.session.scalars(
            db.select(SessionHost.chapter_id).where(SessionHost.session_id == event_id)
        )
    )


def co_host(organiser, event_id: int, chapter_id: int, now) -> None:
    event = db.session.get_one(EventSession, event_id)
    update_session(
        db.session, organiser, event_id, details_of(event), now=now, co_hosts=[chapter_id]
    )


def test_every_generated_date_is_hosted_by_the_series_chapter(organiser, marseille, now):
    series_id = published_series(organiser, now)
    dates = date_ids(series_id)
    assert len(dates) == 4
    assert all(hosts(event_id) == {marseille.id} for event_id in dates)
    added = series_admin.add_date(
        db.session,
        organiser,
        series_id,
        (now + timedelta(days=60)).date(),
        now=now,
    )
    assert hosts(added) == {marseille.id}
    assert find_own_session(db.session, organiser, added) is not None


def test_a_co_host_edits_the_dates_it_co_hosts_and_not_the_series(
    organiser, la_organiser, los_angeles, now
):
    series_id = published_series(organiser, now, capacity=3)
    first, second, third, fourth = date_ids(series_id)
    co_host(organiser, second, los_angeles.id, now)
    co_host(organiser, fourth, los_angeles.id, now)

    assert find_own_session(db.session, la_organiser, second) is not None
    assert find_own_session(db.session, la_organiser, third) is None
    with pytest.raises(NotFound):
        series_admin.get_own_series(db.session, la_organiser, series_id)

    event = db.session.get_one(EventSession, second)
    series_admin.edit_following(
        db.session, la_organiser, second, replace(details_of(event), capacity=9), now=now
    )
    db.session.expire_all()
    capacities = {
        event_id: db.session.get_one(EventSession, event_id).capacity
        for event_id in (first, second, third, fourth)
    }
    # Only the dates Los Angeles hosts changed; the third, Marseille's alone, did not.
    assert capacities == {first: 3, second: 9, third: 3, fourth: 9}


def test_followers_of_a_co_host_chapter_hear_of_a_joint_date(
    organiser, marseille, los_angeles, make_session, now
):
    following.ask_to_follow(
        db.session,
        following.FollowScope(chapter_id=los_angeles.id),
        "bob@example.com",
        "en",
        consent=True,
        consent_version="v1",
        now=now,
    )
    following.confirm(db.session, db.session.scalars(db.select(Follower.id)).one(), now=now)
    draft = make_session(marseille, status=SessionStatus.DRAFT, co_hosts=(los_angeles,))
    publish_session(db.session, organiser, draft.id, now=now)
    (announcement,) = outbox("new_dates")
    assert announcement.recipient == "bob@example.com"
    mail = message_from_bytes(announcement.raw, policy=policy.default)
    assert "Los Angeles" in str(mail["Subject"])


def test_a_date_left_out_of_its_series_keeps_the_organisers_reason_too(organiser, now):
    series_id = published_series(organiser, now, capacity=3)
    first = date_ids(series_id)[0]
    register(db.session, first, applicant("ana@example.com", locale="en"), now=now)
    outbox()
    cancel_session(
        db.session,
        organiser,
        first,
        now=now,
        reason=CancelReason.SERIES_CHANGED,
        reason_en="The hall is closed for works.",
        reason_fr="La salle est fermée pour travaux.",
    )
    (cancelled,) = outbox(Notice.SESSION_CANCELLED.value)
    assert json.loads(cancelled.details or "{}")["reason"] == "series_changed"
    text = message_from_bytes(cancelled.raw, policy=policy.default).get_body(("plain",))
    content = text.get_content()
    assert "no longer part of its series" in content
    assert "The hall is closed for works." in content


def test_failed_mail_to_a_follower_belongs_to_the_chapter_followed(
    organiser, marseille, los_angeles, now
):
    series_id = published_series(organiser, now)
    for scope, address in (
        (following.FollowScope(series_id=series_id), "ana@example.com"),
        (following.FollowScope(chapter_id=los_angeles.id), "bob@example.com"),
    ):
        following.ask_to_follow(
            db.session, scope, address, "fr", consent=True, consent_version="v1", now=now
        )
    messages = db.session.scalars(
        db.select(OutboxMessage)
        .where(OutboxMessage.kind == Notice.FOLLOW_CONFIRM.value)
        .order_by(OutboxMessage.id)
    ).all()
    found = owners(db.session, messages)
    ana, bob = messages
    assert (found[ana.id].chapter_id, found[ana.id].admins_only) == (marseille.id, False)
    assert (found[bob.id].chapter_id, found[bob.id].admins_only) == (los_angeles.id, False)
