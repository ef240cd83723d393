"""Who may open organiser pages: nobody anonymous, nobody from another chapter."""

from __future__ import annotations

from datetime import timedelta

import pytest

from business_corner.extensions import db
from business_corner.models import Registration
from business_corner.services.registration import register
from tests.support.applicants import applicant

ORGANISER_PAGES = [
    ("GET", "/organiser/"),
    ("GET", "/organiser/calendar/rotate"),
    ("GET", "/organiser/sessions/new"),
    ("GET", "/organiser/report"),
    ("GET", "/organiser/report.xlsx"),
    ("POST", "/organiser/sessions/new"),
    ("GET", "/organiser/sessions/{id}/edit"),
    ("POST", "/organiser/sessions/{id}/edit"),
    ("POST", "/organiser/sessions/{id}/publish"),
    ("GET", "/organiser/sessions/{id}/cancel"),
    ("POST", "/organiser/sessions/{id}/cancel"),
    ("POST", "/organiser/sessions/{id}/delete"),
    ("GET", "/organiser/sessions/{id}/attendees"),
    ("GET", "/organiser/sessions/{id}/attendees.csv"),
    ("GET", "/organiser/sessions/{id}/attendees.xlsx"),
    ("GET", "/organiser/sessions/{id}/tables"),
    ("POST", "/organiser/sessions/{id}/tables"),
    ("POST", "/organiser/sessions/{id}/walk-ins"),
    ("GET", "/organiser/sessions/{id}/tables/print"),
    ("GET", "/organiser/sessions/{id}/tables.csv"),
    ("GET", "/organiser/sessions/{id}/tables.xlsx"),
    ("POST", "/organiser/sessions/{id}/tables/send"),
    ("GET", "/organiser/sessions/{id}/check-in"),
    ("GET", "/organiser/sessions/{id}/check-in?q=private"),
    ("POST", "/organiser/sessions/{id}/check-in/{registration}"),
    ("POST", "/organiser/sessions/{id}/check-in/walk-ins"),
    ("POST", "/organiser/sessions/{id}/confirm-or-release"),
    ("GET", "/organiser/sessions/{id}/certificates.pdf"),
    ("GET", "/organiser/sessions/{id}/feedback"),
    ("POST", "/organiser/logout"),
]
SESSION_PAGES = [page for page in ORGANISER_PAGES if "{id}" in page[1]]


@pytest.fixture
def marseille_session(marseille, make_session, now):
    # Starting soon: the door is open, and a check-in would change something.
    event = make_session(marseille, starts_in=timedelta(minutes=30))
    register(db.session, event.id, applicant("private.person@example.com"), now=now)
    return event


def page(url: str, event) -> str:
    registration = db.session.scalars(
        db.select(Registration.id).where(Registration.event_session_id == event.id)
    ).first()
    return url.format(id=event.id, registration=registration)


@pytest.mark.parametrize(("method", "url"), ORGANISER_PAGES)
def test_anonymous_visitors_are_sent_to_the_login_page(client, marseille_session, method, url):
    response = client.open(page(url, marseille_session), method=method)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/organiser/login?next=")
    assert b"private.person" not in response.data


@pytest.mark.parametrize(("method", "url"), SESSION_PAGES)
def test_another_chapters_organiser_finds_nothing(
    client, los_angeles, make_organiser, marseille_session, login, method, url
):
    login(make_organiser(los_angeles))
    response = client.open(page(url, marseille_session), method=method)
    assert response.status_code == 404
    assert b"private.person" not in response.data


@pytest.mark.parametrize(("method", "url"), SESSION_PAGES)
def test_a_tampered_session_cookie_is_anonymous(client, marseille_session, method, url):
    client.set_cookie("session", "eyJfdXNlcl9pZCI6IjEifQ.forged.signature")
    response = client.open(page(url, marseille_session), method=method)
    assert response.status_code == 302
    assert b"private.person" not in response.data


@pytest.mark.parametrize(("method", "url"), SESSION_PAGES)
def test_nothing_changes_for_those_turned_away(
    client, los_angeles, make_organiser, marseille_session, login, method, url
):
    """Nobody is checked in, no walk-in added, no switch turned by a refused request."""
    login(make_organiser(los_angeles))
    client.open(
        page(url, marseille_session),
        method=method,
        data={"present": "1", "on": "1", "name": "X", "level": "B1", "sector": "health"},
    )
    db.session.expire_all()
    (person,) = db.session.scalars(db.select(Registration)).all()
    assert person.checked_in_at is None
    assert not db.session.get(type(marseille_session), marseille_session.id).confirm_or_release
