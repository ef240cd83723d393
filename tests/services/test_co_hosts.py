"""Joint sessions: every host chapter manages the session; nobody else sees it.

One rule (``EventSession.hosted_by``) decides, for pages, feeds, the dashboard and mail.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from icalendar import Calendar

from business_corner.extensions import db
from business_corner.links import site_links
from business_corner.models import AuditEntry, EventSession, SessionHost
from business_corner.services import audit
from business_corner.services.calendar.feeds import FeedScope, build_feed
from business_corner.services.dashboard import chapter_overview, signups_per_day
from business_corner.services.errors import DomainError, NotFound
from business_corner.services.registration import register
from business_corner.services.sessions import (
    create_session,
    delete_draft,
    find_own_session,
    get_own_session,
    lock_own_session,
    update_session,
)
from business_corner.vocabulary import AuditAction, SessionFormat, SessionStatus
from tests.calendar.test_invites import invite_of
from tests.support.applicants import applicant
from tests.support.records import outbox
from tests.support.session_details import details_of, details_on


@pytest.fixture
def new_york(make_chapter):
    return make_chapter("New York", "America/New_York")


@pytest.fixture
def la_organiser(los_angeles, make_organiser):
    return make_organiser(los_angeles)


@pytest.fixture
def joint(marseille, los_angeles, make_session):
    return make_session(marseille, format=SessionFormat.ONLINE, co_hosts=(los_angeles,))


def host_ids(event_id: int) -> set[int]:
    return set(
        db.session.scalars(
            db.select(SessionHost.chapter_id).where(SessionHost.session_id == event_id)
        )
    )


def trail(chapter) -> list[AuditEntry]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            db.select(AuditEntry)
            .where(
                AuditEntry.chapter_id == chapter.id,
                AuditEntry.action == AuditAction.HOSTS_CHANGED,
            )
            .order_by(AuditEntry.id)
        )
    )


def test_the_creating_chapter_always_hosts_its_sessions(marseille, make_session):
    event = make_session(marseille)
    assert host_ids(event.id) == {marseille.id}
    assert event.co_hosts == []


def test_each_host_finds_and_locks_a_joint_session_and_no_one_else(
    joint, organiser, la_organiser, new_york, make_organiser
):
    assert get_own_session(db.session, organiser, joint.id) is joint
    assert get_own_session(db.session, la_organiser, joint.id) is joint
    assert lock_own_session(db.session, la_organiser, joint.id) is joint
    db.session.rollback()
    outsider = make_organiser(new_york)
    assert find_own_session(db.session, outsider, joint.id) is None
    with pytest.raises(NotFound):
        lock_own_session(db.session, outsider, joint.id)
    db.session.rollback()


def test_a_co_host_edits_the_session(joint, la_organiser, now):
    update_session(
        db.session, la_organiser, joint.id, details_of(joint, capacity=joint.capacity + 5), now=now
    )
    db.session.expire_all()
    assert db.session.get(EventSession, joint.id).capacity == 15


def test_creating_with_co_hosts_records_them_in_each_trail(organiser, marseille, los_angeles, now):
    event_id = create_session(
        db.session,
        organiser,
        details_on(now + timedelta(days=3)),
        now=now,
        co_hosts=[los_angeles.id],
    )
    assert host_ids(event_id) == {marseille.id, los_angeles.id}
    for chapter in (marseille, los_angeles):
        (entry,) = trail(chapter)
        assert entry.actor_id == organiser.id and entry.subject_id == event_id
        assert audit.details_of(entry) == {"added": "los-angeles", "removed": ""}


def test_dropping_a_co_host_closes_its_access_and_is_recorded(
    joint, organiser, la_organiser, marseille, los_angeles, now
):
    update_session(db.session, organiser, joint.id, details_of(joint), now=now, co_hosts=[])
    assert host_ids(joint.id) == {marseille.id}
    assert find_own_session(db.session, la_organiser, joint.id) is None
    assert [audit.details_of(e) for e in trail(los_angeles)] == [
        {"added": "", "removed": "los-angeles"}
    ]
    assert len(trail(marseille)) == 1


def test_saving_the_same_co_hosts_records_nothing(joint, organiser, los_angeles, marseille, now):
    update_session(
        db.session, organiser, joint.id, details_of(joint), now=now, co_hosts=[los_angeles.id]
    )
    assert trail(marseille) == []


def test_only_the_creating_chapter_chooses_co_hosts(
    joint, la_organiser, new_york, marseille, los_angeles, now
):
    with pytest.raises(DomainError):
        update_session(
            db.session, la_organiser, joint.id, details_of(joint), now=now, co_hosts=[new_york.id]
        )
    db.session.rollback()
    assert host_ids(joint.id) == {marseille.id, los_angeles.id}


def test_an_unknown_chapter_is_refused_and_nothing_changes(joint, organiser, now):
    with pytest.raises(DomainError):
        update_session(
            db.session,
            organiser,
            joint.id,
            details_of(joint, capacity=30),
            now=now,
            co_hosts=[999_999],
        )
    db.session.rollback()
    db.session.expire_all()
    assert db.session.get(EventSession, joint.id).capacity == 10


def test_each_hosts_dashboard_lists_a_joint_session(joint, marseille, los_angeles, new_york, now):
    register(db.session, joint.id, applicant("ana@x.fr"), now=now)
    for chapter in (marseille, los_angeles):
        assert [o.event.id for o in chapter_overview(db.session, chapter.id)] == [joint.id]
        counts = signups_per_day(db.session, chapter.id, chapter.timezone, now)
        assert sum(count for _, count in counts) == 1
    assert chapter_overview(db.session, new_york.id) == []


def test_a_joint_session_is_in_each_hosts_public_and_private_feed(
    app, joint, marseille, los_angeles, new_york, now
):
    def uids(chapter, private: bool) -> list[str]:
        with app.test_request_context():
            data = build_feed(
                db.session,
                FeedScope("en", chapter_id=chapter.id, private=private),
                now,
                name="feed",
                zone=chapter.timezone,
                links=site_links(),
            )
        return [str(e["UID"]) for e in Calendar.from_ical(data).walk("VEVENT")]

    for chapter in (marseille, los_angeles):
        assert uids(chapter, private=False) == [joint.calendar_uid]
        assert uids(chapter, private=True) == [joint.calendar_uid]
    assert uids(new_york, private=False) == []


def test_the_invite_has_one_organizer_and_names_the_co_hosts(joint, now):
    register(db.session, joint.id, applicant("ana@x.fr", locale="en"), now=now)
    _, _, _, calendar = invite_of(outbox("confirmed")[0])
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["ORGANIZER"]) == "mailto:marseille@business-corner.test"
    assert "A joint session of the Marseille chapter with: Los Angeles." in str(
        vevent["DESCRIPTION"]
    )


def test_a_deleted_draft_takes_its_host_rows_with_it(
    organiser, los_angeles, make_session, marseille, now
):
    draft = make_session(marseille, status=SessionStatus.DRAFT, co_hosts=(los_angeles,))
    delete_draft(db.session, organiser, draft.id, now=now)
    assert host_ids(draft.id) == set()
