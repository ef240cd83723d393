"""The session form refuses days outside the window on the day field, and asks about the past."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from business_corner.extensions import db
from business_corner.models import EventSession
from tests.organiser.test_sessions_views import session_form, text

ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def logged_in(client, organiser, login):
    login(organiser)
    return organiser


def sessions() -> list[EventSession]:
    return list(db.session.scalars(db.select(EventSession)))


@pytest.mark.parametrize(
    "day, clock, zone",
    [
        ("9999-12-31", "23:00", "Pacific/Pago_Pago"),
        ("9999-12-31", "18:30", "Europe/Paris"),
        ("9998-06-01", "18:30", "Europe/Paris"),
        ("0001-01-01", "00:00", "Pacific/Kiritimati"),
    ],
)
def test_days_no_calendar_can_hold_are_refused_on_the_field(client, logged_in, day, clock, zone):
    form = session_form(date(2030, 1, 1), day=day, starts=clock, ends="23:30", timezone=zone)
    response = client.post("/organiser/sessions/new", data=form, headers=ENGLISH)
    assert response.status_code == 422
    page = text(response)
    assert 'id="day-error"' in page
    assert "years ahead" in page or "a year back" in page
    assert sessions() == []


def test_a_past_day_is_saved_only_once_confirmed(client, logged_in, now):
    yesterday = (now - timedelta(days=2)).date()
    first = client.post("/organiser/sessions/new", data=session_form(yesterday), headers=ENGLISH)
    assert first.status_code == 422
    page = text(first)
    assert "This day is in the past" in page
    assert 'name="past_confirmed"' in page
    assert sessions() == []

    confirmed = session_form(yesterday, past_confirmed="y")
    assert client.post("/organiser/sessions/new", data=confirmed).status_code == 302
    assert len(sessions()) == 1


def test_an_ordinary_day_shows_no_past_question(client, logged_in, now):
    page = text(client.get("/organiser/sessions/new"))
    assert 'name="past_confirmed"' not in page
    soon = (now + timedelta(days=20)).date()
    assert client.post("/organiser/sessions/new", data=session_form(soon)).status_code == 302


def test_the_warning_is_translated(client, logged_in, now):
    yesterday = (now - timedelta(days=2)).date()
    response = client.post(
        "/organiser/sessions/new", data=session_form(yesterday), headers={"Accept-Language": "fr"}
    )
    assert "Oui, cette session a eu lieu" in text(response)
