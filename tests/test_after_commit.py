"""What a request's transactions wrote is collected on the database session, once."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from business_corner.after_commit import committed_work
from business_corner.extensions import db
from business_corner.models import OutboxMessage
from business_corner.services.errors import DomainError
from business_corner.services.registration import cancel_registration, register
from business_corner.vocabulary import SessionStatus
from tests.support.applicants import applicant


def test_a_sign_up_written_with_core_statements_is_collected(app, marseille, make_session, now):
    event = make_session(marseille)
    with app.test_request_context():
        outcome = register(db.session, event.id, applicant(), now=now)
        work = committed_work(db.session())
        message_id = db.session.scalar(
            select(OutboxMessage.id).where(OutboxMessage.registration_id == outcome.registration_id)
        )
        assert work.message_ids == {message_id} and work.event_ids == {event.id}
        assert committed_work(db.session()).message_ids == set()  # acted on once


def test_orm_changes_are_collected_too(app, marseille, make_session, now):
    event = make_session(marseille, capacity=1)
    first = register(db.session, event.id, applicant("a@example.com"), now=now)
    register(db.session, event.id, applicant("b@example.com"), now=now)
    committed_work(db.session())  # what the set-up wrote is not the request's
    with app.test_request_context():
        cancel_registration(db.session, first.registration_id, now=now)
        work = committed_work(db.session())
    assert len(work.message_ids) == 2  # the cancellation and the promotion
    assert work.event_ids == {event.id}


def test_a_transaction_that_rolled_back_leaves_nothing_to_do(app, marseille, make_session, now):
    event = make_session(marseille, status=SessionStatus.DRAFT)
    with app.test_request_context():
        with pytest.raises(DomainError):
            register(db.session, event.id, applicant(), now=now)
        work = committed_work(db.session())
    assert work.message_ids == set() and work.event_ids == set()


def test_a_change_forgets_the_cached_page_without_the_view_asking(
    make_app, marseille, make_session
):
    event = make_session(marseille, capacity=3)
    client = make_app(PAGE_CACHE_SECONDS=60).test_client()
    assert "3 places" in client.get(f"/sessions/{event.id}").get_data(as_text=True)
    client.post(
        f"/sessions/{event.id}/register",
        data={
            "first_name": "Ana",
            "last_name": "Martin",
            "email": "ana@example.com",
            "company": "Calanques SAS",
            "sector": "digital",
            "level": "B1",
            "consent": "y",
        },
    )
    assert "2 places" in client.get(f"/sessions/{event.id}").get_data(as_text=True)
