""" "Can this registration still change?": one rule, asked by the manage page and the service."""

from __future__ import annotations

from datetime import timedelta

import pytest

from business_corner.extensions import db
from business_corner.models import Registration
from business_corner.registration import views
from business_corner.services.errors import DomainError
from business_corner.services.registration import (
    can_change,
    cancel_registration,
    change_refusal,
    register,
    update_details,
)
from tests.support.applicants import applicant
from tests.support.tokens import make_manage_token


@pytest.fixture
def place(marseille, make_session, now):
    event = make_session(marseille, starts_in=timedelta(hours=2))
    registration_id = register(db.session, event.id, applicant(), now=now).registration_id
    return db.session.get_one(Registration, registration_id)


def test_details_can_change_until_the_session_starts(place, now):
    starts = place.event_session.starts_at
    assert can_change(place, now) and can_change(place, starts - timedelta(seconds=1))
    assert not can_change(place, starts)
    assert "commencé" in str(change_refusal(place, starts).message)


def test_a_cancelled_registration_can_no_longer_change(place, now):
    cancel_registration(db.session, place.id, now=now)
    db.session.refresh(place)
    assert not can_change(place, now)
    assert "annulée" in str(change_refusal(place, now).message)


def test_the_service_refuses_exactly_what_the_rule_refuses(place, now):
    starts = place.event_session.starts_at
    details = applicant(first_name="Anaïs").details
    update_details(db.session, place.id, details, now=starts - timedelta(seconds=1))
    with pytest.raises(DomainError) as refused:
        update_details(db.session, place.id, details, now=starts)
    assert refused.value.message == change_refusal(place, starts).message


def test_the_manage_page_offers_the_form_only_while_the_rule_allows(
    client, place, now, monkeypatch
):
    token = make_manage_token(place.id)
    assert b'name="first_name"' in client.get(f"/manage/{token}").data
    monkeypatch.setattr(views, "utcnow", lambda: place.event_session.starts_at)
    assert b'name="first_name"' not in client.get(f"/manage/{token}").data
