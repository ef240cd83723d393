"""Organisers' rules: valid sessions, publishing, cancelling, their own chapter only."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.models import EventSession, Registration
from business_corner.services.errors import DomainError, NotFound
from business_corner.services.registration import cancel_registration, register
from business_corner.services.sessions import (
    CapacityBelowConfirmed,
    SessionDetails,
    cancel_session,
    create_session,
    delete_draft,
    get_own_session,
    publish_session,
    update_session,
)
from business_corner.vocabulary import Level, RegistrationStatus, SessionFormat, SessionStatus
from tests.support.applicants import applicant
from tests.support.records import outbox


@pytest.fixture
def details(now):
    starts = (now + timedelta(days=10)).replace(microsecond=0)
    return SessionDetails(
        title_en="Networking breakfast",
        title_fr="Petit-déjeuner networking",
        description_en="",
        description_fr="",
        format=SessionFormat.HYBRID,
        venue="Palais de la Bourse",
        video_url="https://meet.test/x",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        timezone="Europe/Paris",
        capacity=12,
        levels=(Level.B1, Level.B2),
    )


def test_a_new_session_is_a_draft_of_the_organisers_chapter(organiser, details, now):
    event_id = create_session(db.session, organiser, details, now=now)
    event = db.session.get(EventSession, event_id)
    assert event.status is SessionStatus.DRAFT
    assert event.chapter_id == organiser.chapter_id
    assert event.levels == (Level.B1, Level.B2)
    assert event.starts_at == details.starts_at


@pytest.mark.parametrize(
    "change",
    [
        {"title_en": "", "title_fr": "  "},
        {"capacity": 0},
        {"capacity": 100_000},
        {"levels": ()},
        {"venue": ""},
        {"video_url": ""},
        {"timezone": "Mars/Olympus_Mons"},
    ],
)
def test_incomplete_sessions_are_refused(organiser, details, now, change):
    with pytest.raises(DomainError):
        create_session(db.session, organiser, replace(details, **change), now=now)
    assert db.session.scalars(db.select(EventSession)).all() == []


def test_a_session_must_end_after_it_starts(organiser, details, now):
    with pytest.raises(DomainError):
        create_session(db.session, organiser, replace(details, ends_at=details.starts_at), now=now)


def test_online_sessions_need_no_venue_and_keep_none(organiser, details, now):
    event_id = create_session(
        db.session,
        organiser,
        replace(details, format=SessionFormat.ONLINE, venue="ignored"),
        now=now,
    )
    assert db.session.get(EventSession, event_id).venue == ""


def test_publish_only_drafts_in_the_future(organiser, marseille, make_session, now):
    draft = make_session(marseille, status=SessionStatus.DRAFT)
    publish_session(db.session, organiser, draft.id, now=now)
    assert db.session.get(EventSession, draft.id).status is SessionStatus.PUBLISHED
    with pytest.raises(DomainError):
        publish_session(db.session, organiser, draft.id, now=now)

    past = make_session(marseille, status=SessionStatus.DRAFT, starts_in=timedelta(days=-1))
    with pytest.raises(DomainError):
        publish_session(db.session, organiser, past.id, now=now)


def test_another_chapters_session_does_not_exist_for_an_organiser(
    organiser, los_angeles, make_session, details, now
):
    theirs = make_session(los_angeles)
    for action in (
        lambda: get_own_session(db.session, organiser, theirs.id),
        lambda: publish_session(db.session, organiser, theirs.id, now=now),
        lambda: cancel_session(db.session, organiser, theirs.id, now=now),
        lambda: update_session(db.session, organiser, theirs.id, details, now=now),
        lambda: delete_draft(db.session, organiser, theirs.id, now=utcnow()),
    ):
        with pytest.raises(NotFound):
            action()
    assert db.session.get(EventSession, theirs.id).status is SessionStatus.PUBLISHED


def test_cancelling_a_session_tells_everyone_still_registered(
    organiser, marseille, make_session, now
):
    event = make_session(marseille, capacity=1)
    ids = [
        register(db.session, event.id, applicant(f"{n}@x.fr", locale=loc), now=now).registration_id
        for n, loc in (("a", "fr"), ("b", "en"), ("c", "fr"))
    ]
    cancel_registration(db.session, ids[2], now=now)

    outcome = cancel_session(db.session, organiser, event.id, now=now)

    assert sorted(outcome.registration_ids) == sorted(ids[:2])
    told = outbox("session_cancelled")
    assert sorted(m.recipient for m in told) == ["a@x.fr", "b@x.fr"]
    subjects = {m.recipient: m.subject for m in told}
    assert subjects["a@x.fr"].startswith("Session annulée")
    assert subjects["b@x.fr"].startswith("Session cancelled")
    assert db.session.get(EventSession, event.id).status is SessionStatus.CANCELLED
    with pytest.raises(DomainError):
        cancel_session(db.session, organiser, event.id, now=now)


def test_more_seats_move_the_waiting_list_up(organiser, marseille, make_session, details, now):
    event = make_session(marseille, capacity=1)
    for index, name in enumerate("abcd"):
        register(
            db.session, event.id, applicant(f"{name}@x.fr"), now=now + timedelta(seconds=index)
        )
    current = replace(details, starts_at=event.starts_at, ends_at=event.ends_at, capacity=3)

    outcome = update_session(db.session, organiser, event.id, current, now=now)

    statuses = {r.email: r.status for r in db.session.scalars(db.select(Registration))}
    assert statuses == {
        "a@x.fr": RegistrationStatus.CONFIRMED,
        "b@x.fr": RegistrationStatus.CONFIRMED,
        "c@x.fr": RegistrationStatus.CONFIRMED,
        "d@x.fr": RegistrationStatus.WAITLISTED,
    }
    assert len(outcome.registration_ids) == 2
    assert sorted(m.recipient for m in outbox("promoted")) == ["b@x.fr", "c@x.fr"]


def test_fewer_seats_never_take_a_place_away(organiser, marseille, make_session, details, now):
    event = make_session(marseille, capacity=3)
    for name in "abc":
        register(db.session, event.id, applicant(f"{name}@x.fr"), now=now)
    with pytest.raises(CapacityBelowConfirmed) as refused:
        update_session(
            db.session,
            organiser,
            event.id,
            replace(details, starts_at=event.starts_at, ends_at=event.ends_at, capacity=1),
            now=now,
        )
    assert refused.value.confirmed == 3
    db.session.refresh(event)
    assert event.capacity == 3
    statuses = {r.status for r in db.session.scalars(db.select(Registration))}
    assert statuses == {RegistrationStatus.CONFIRMED}
    # Down to the confirmed count itself is fine.
    update_session(
        db.session,
        organiser,
        event.id,
        replace(details, starts_at=event.starts_at, ends_at=event.ends_at, capacity=3),
        now=now,
    )


def test_only_empty_drafts_can_be_deleted(organiser, marseille, make_session, now):
    draft = make_session(marseille, status=SessionStatus.DRAFT)
    published = make_session(marseille)
    delete_draft(db.session, organiser, draft.id, now=utcnow())
    assert db.session.get(EventSession, draft.id) is None
    with pytest.raises(DomainError):
        delete_draft(db.session, organiser, published.id, now=utcnow())
