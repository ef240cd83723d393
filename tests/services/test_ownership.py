"""Ownership: one rule (``EventSession.hosted_by``, through services.sessions.owns and its
kin), checked on the row a change locks."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import event as sa_event

from business_corner.extensions import db
from business_corner.services.errors import NotFound
from business_corner.services.sessions import (
    SessionDetails,
    cancel_session,
    lock_own_session,
    owns,
    update_session,
)
from business_corner.vocabulary import Level, SessionFormat


@pytest.fixture
def session_reads(app):
    """Statements that read the event_session table, as they run."""
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and "FROM event_session" in statement:
            seen.append(statement)

    sa_event.listen(db.engine, "before_cursor_execute", record)
    yield seen
    sa_event.remove(db.engine, "before_cursor_execute", record)


def details_of(event) -> SessionDetails:
    return SessionDetails(
        title_en=event.title_en,
        title_fr=event.title_fr,
        description_en="",
        description_fr="",
        format=SessionFormat.IN_PERSON,
        venue="Palais de la Bourse",
        video_url="",
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        timezone=event.timezone,
        capacity=event.capacity,
        levels=(Level.B1,),
    )


def test_an_organiser_owns_their_chapters_sessions_only(
    organiser, marseille, los_angeles, make_session
):
    assert owns(db.session, organiser, make_session(marseille).id)
    assert not owns(db.session, organiser, make_session(los_angeles).id)


@pytest.mark.parametrize("change", ["update", "cancel"])
def test_a_change_reads_the_session_once_to_lock_and_check_it(
    organiser, marseille, make_session, now, session_reads, change
):
    event = make_session(marseille)
    details = replace(details_of(event), capacity=event.capacity + 1)
    session_reads.clear()
    if change == "update":
        update_session(db.session, organiser, event.id, details, now=now)
    else:
        cancel_session(db.session, organiser, event.id, now=now)
    assert len(session_reads) == 1, session_reads


def test_locking_another_chapters_session_finds_nothing(organiser, los_angeles, make_session):
    theirs = make_session(los_angeles)
    with pytest.raises(NotFound):
        lock_own_session(db.session, organiser, theirs.id)
    db.session.rollback()
