"""A first sign-up's two branches, each on its own database: one statement on PostgreSQL
(``places.add_new_place``), read then insert on SQLite (``seats.standing`` and
``places.insert_new_place``). Run the PostgreSQL ones with TEST_DATABASE_URL set."""

from __future__ import annotations

from datetime import datetime

import pytest

from business_corner.database import write_transaction
from business_corner.extensions import db
from business_corner.models import OutboxMessage, Registration
from business_corner.models.capacity import place_status
from business_corner.services import places, seats
from business_corner.services.notifications import Notice
from business_corner.vocabulary import Level, RegistrationStatus, Sector

on_postgresql = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
on_sqlite = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def values(event_id: int, email: str, now: datetime) -> dict[str, object]:
    return {
        "event_session_id": event_id,
        "email": email,
        "first_name": "Ana",
        "last_name": "Martin",
        "company": "Calanques SAS",
        "job_title": "",
        "sector": Sector.DIGITAL,
        "level": Level.B1,
        "can_host": False,
        "locale": "fr",
        "consent_at": now,
        "consent_version": "test",
        "queued_at": now,
        "created_at": now,
        "updated_at": now,
    }


def written() -> list[tuple[str, RegistrationStatus, str]]:
    """Each registration's address and status, with the kind of the notice it owes."""
    db.session.commit()
    rows = db.session.execute(
        db.select(Registration.email, Registration.status, OutboxMessage.kind)
        .join(OutboxMessage, OutboxMessage.registration_id == Registration.id)
        .order_by(Registration.id)
    )
    return [(email, status, kind) for email, status, kind in rows]


# PostgreSQL: one statement checks, decides and writes ------------------------------------


def add_on_postgresql(event_id: int, email: str, now: datetime) -> places.NewPlace | None:
    with write_transaction(db.session) as connection:
        assert places.in_one_statement(connection)
        event = seats.lock_for_sign_up(connection, event_id)
        assert event is not None
        return places.add_new_place(
            connection, values(event_id, email, now), capacity=event.capacity
        )


@on_postgresql
def test_postgresql_skips_an_address_already_registered(marseille, make_session, now):
    event = make_session(marseille, capacity=5)
    add_on_postgresql(event.id, "a@example.com", now)
    assert add_on_postgresql(event.id, "a@example.com", now) is None
    assert written() == [("a@example.com", RegistrationStatus.CONFIRMED, Notice.CONFIRMED.value)]


# SQLite: the standing is read, then the place inserted -----------------------------------


def add_on_sqlite(event_id: int, email: str, now: datetime) -> places.NewPlace | None:
    with write_transaction(db.session) as connection:
        assert not places.in_one_statement(connection)
        event = seats.lock_for_sign_up(connection, event_id)
        assert event is not None
        standing = seats.standing(connection, event_id, email)
        if standing.registration_id is not None:
            return None
        return places.insert_new_place(
            connection,
            values(event_id, email, now),
            status=place_status(standing.confirmed, event.capacity),
        )


@on_sqlite
def test_sqlite_standing_finds_an_address_already_registered(marseille, make_session, now):
    event = make_session(marseille, capacity=5)
    first = add_on_sqlite(event.id, "a@example.com", now)
    with write_transaction(db.session) as connection:
        standing = seats.standing(connection, event.id, "a@example.com")
    assert first is not None
    assert standing == seats.Standing(confirmed=1, registration_id=first.registration_id)
    assert add_on_sqlite(event.id, "a@example.com", now) is None
    assert len(written()) == 1


# Both: a seat while there is one, the waiting list after ---------------------------------

BRANCHES = {"postgresql": add_on_postgresql, "sqlite": add_on_sqlite}


@pytest.mark.parametrize("database_url", list(BRANCHES), indirect=True)
def test_each_branch_gives_seats_then_the_waiting_list(database_url, marseille, make_session, now):
    add = BRANCHES[db.engine.dialect.name]
    event = make_session(marseille, capacity=1)
    first = add(event.id, "a@example.com", now)
    second = add(event.id, "b@example.com", now)
    assert first is not None and first.status is RegistrationStatus.CONFIRMED
    assert second is not None and second.status is RegistrationStatus.WAITLISTED
    assert written() == [
        ("a@example.com", RegistrationStatus.CONFIRMED, Notice.CONFIRMED.value),
        ("b@example.com", RegistrationStatus.WAITLISTED, Notice.WAITLISTED.value),
    ]
