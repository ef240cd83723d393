"""Following a chapter or a series: double opt-in, one mail per publication in the
follower's language with a one-click unsubscribe, purge and erasure."""

from __future__ import annotations

import json
from datetime import timedelta
from email import message_from_bytes, policy

import pytest

from business_corner.extensions import db
from business_corner.mail.composer import composer_for
from business_corner.models import Follower
from business_corner.services import following
from business_corner.services import series as series_admin
from business_corner.services.privacy import erase_registration, personal_data, purge
from business_corner.services.registration import register
from business_corner.services.sessions import publish_session
from business_corner.vocabulary import SessionStatus
from tests.support.applicants import applicant
from tests.support.records import outbox
from tests.support.series import series_template, weekly


def ask(scope, email="ana@example.com", locale="fr", now=None):
    following.ask_to_follow(
        db.session, scope, email, locale, consent=True, consent_version="v1", now=now
    )


def only_follower() -> Follower:
    return db.session.scalars(db.select(Follower)).one()


def parsed(message):
    return message_from_bytes(message.raw, policy=policy.default)


def test_nothing_but_the_confirmation_before_the_address_is_confirmed(
    organiser, marseille, make_session, now
):
    ask(following.FollowScope(chapter_id=marseille.id), now=now)
    ask(following.FollowScope(chapter_id=marseille.id), now=now)  # twice: one follower
    draft = make_session(marseille, status=SessionStatus.DRAFT)
    publish_session(db.session, organiser, draft.id, now=now)
    assert [m.kind for m in outbox()] == ["follow_confirm", "follow_confirm"]
    assert db.session.scalar(db.select(db.func.count()).select_from(Follower)) == 1


def test_after_confirming_one_mail_per_publication_in_their_language(
    organiser, marseille, make_session, now
):
    ask(
        following.FollowScope(chapter_id=marseille.id),
        email="bob@example.com",
        locale="en",
        now=now,
    )
    following.confirm(db.session, only_follower().id, now=now)
    outbox()
    draft = make_session(marseille, status=SessionStatus.DRAFT)
    publish_session(db.session, organiser, draft.id, now=now)
    (announcement,) = outbox("new_dates")
    mail = parsed(announcement)
    assert mail["To"] == "bob@example.com"
    assert mail["Subject"].startswith("Business corner: new dates for the Marseille chapter")
    assert f"/sessions/{draft.id}" in mail.get_body(("plain",)).get_content()
    unsubscribe = mail["List-Unsubscribe"]
    assert unsubscribe.startswith("<https://business-corner.test/unsubscribe/")
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_whole_series_published_is_one_mail_listing_its_dates(organiser, now):
    first = (now + timedelta(days=20)).date()
    series_id = series_admin.create_series(
        db.session, organiser, series_template(first), weekly(first, count=4), now=now
    )
    ask(following.FollowScope(series_id=series_id), now=now)
    following.confirm(db.session, only_follower().id, now=now)
    ask(following.FollowScope(chapter_id=organiser.chapter_id), now=now)
    db.session.execute(db.update(Follower).values(confirmed_at=now))
    db.session.commit()
    outbox()
    series_admin.publish_series(db.session, organiser, series_id, now=now)
    (announcement,) = outbox("new_dates")  # following both the chapter and the series: one
    assert len(json.loads(announcement.details)["event_ids"]) == 4
    text = parsed(announcement).get_body(("plain",)).get_content()
    assert text.count("/sessions/") == 4
    assert "Bonjour" in text


def test_unsubscribing_forgets_the_follower_and_stops_mail(organiser, marseille, make_session, now):
    ask(following.FollowScope(chapter_id=marseille.id), now=now)
    follower_id = only_follower().id
    following.confirm(db.session, follower_id, now=now)
    following.unsubscribe(db.session, follower_id)
    following.unsubscribe(db.session, follower_id)
    publish_session(
        db.session, organiser, make_session(marseille, status=SessionStatus.DRAFT).id, now=now
    )
    assert outbox("new_dates") == []
    assert db.session.scalars(db.select(Follower)).all() == []


def test_purge_forgets_unconfirmed_requests_after_a_few_days(marseille, now):
    ask(
        following.FollowScope(chapter_id=marseille.id),
        email="old@example.com",
        now=now - timedelta(days=4),
    )
    ask(following.FollowScope(chapter_id=marseille.id), email="new@example.com", now=now)
    ask(
        following.FollowScope(chapter_id=marseille.id),
        email="kept@example.com",
        now=now - timedelta(days=30),
    )
    kept = db.session.scalars(db.select(Follower).where(Follower.email == "kept@example.com")).one()
    following.confirm(db.session, kept.id, now=now)
    report = purge(db.session, now)
    assert report.followers == 1
    assert sorted(db.session.scalars(db.select(Follower.email))) == [
        "kept@example.com",
        "new@example.com",
    ]


def test_the_personal_data_export_and_erasure_cover_following(app, marseille, make_session, now):
    event = make_session(marseille)
    mine = register(db.session, event.id, applicant("ana@example.com"), now=now)
    ask(following.FollowScope(chapter_id=marseille.id), now=now)
    data = personal_data(db.session, mine.registration_id)
    assert data["following"][0]["chapter"] == marseille.id
    assert data["following"][0]["consent_given_at"]
    erase_registration(db.session, mine.registration_id, now=now, write_out=composer_for(app))
    assert db.session.scalars(db.select(Follower)).all() == []


def test_consent_is_required(marseille, now):
    with pytest.raises(following.DomainError):
        following.ask_to_follow(
            db.session,
            following.FollowScope(chapter_id=marseille.id),
            "ana@example.com",
            "fr",
            consent=False,
            consent_version="v1",
            now=now,
        )
