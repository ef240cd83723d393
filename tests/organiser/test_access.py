"""Who may open organiser pages: nobody anonymous, nobody from another chapter; for a
joint session, the organisers of every chapter hosting it and nobody else."""

from __future__ import annotations

from datetime import timedelta

import pytest

from business_corner.extensions import db
from business_corner.models import OutboxMessage, Registration
from business_corner.services.registration import register
from tests.organiser.test_failed_mail import _failed_message
from tests.support.applicants import applicant
from tests.support.tokens import make_check_in_token

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
    ("GET", "/organiser/series/new"),
    ("POST", "/organiser/series/new"),
    ("GET", "/organiser/series/{series}"),
    ("POST", "/organiser/series/{series}/publish"),
    ("POST", "/organiser/series/{series}/dates"),
    ("GET", "/organiser/series/{series}/rule"),
    ("POST", "/organiser/series/{series}/rule"),
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
    return url.format(id=event.id, registration=registration, series=1)


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


# Joint sessions -------------------------------------------------------------------------


@pytest.fixture
def joint_session(marseille, los_angeles, make_session, now):
    """Created by Marseille, co-hosted by Los Angeles."""
    event = make_session(marseille, starts_in=timedelta(minutes=30), co_hosts=(los_angeles,))
    register(db.session, event.id, applicant("private.person@example.com"), now=now)
    return event


@pytest.mark.parametrize(("method", "url"), SESSION_PAGES)
def test_a_co_hosts_organiser_opens_every_session_page(
    client, los_angeles, make_organiser, joint_session, login, method, url
):
    login(make_organiser(los_angeles))
    response = client.open(page(url, joint_session), method=method)
    assert response.status_code != 404
    assert response.status_code < 500


@pytest.mark.parametrize(("method", "url"), SESSION_PAGES)
def test_a_chapter_not_hosting_a_joint_session_finds_nothing(
    client, make_chapter, make_organiser, joint_session, login, method, url
):
    login(make_organiser(make_chapter("New York", "America/New_York")))
    response = client.open(
        page(url, joint_session),
        method=method,
        data={"present": "1", "on": "1", "name": "X", "level": "B1", "sector": "health"},
    )
    assert response.status_code == 404
    assert b"private.person" not in response.data
    db.session.expire_all()
    (person,) = db.session.scalars(db.select(Registration)).all()
    assert person.checked_in_at is None
    assert not db.session.get(type(joint_session), joint_session.id).confirm_or_release


def test_the_co_hosts_organiser_sees_the_attendee(
    client, los_angeles, make_organiser, joint_session, login
):
    login(make_organiser(los_angeles))
    response = client.get(f"/organiser/sessions/{joint_session.id}/attendees")
    assert response.status_code == 200
    assert b"private.person@example.com" in response.data
    dashboard = client.get("/organiser/").data
    assert f"/organiser/sessions/{joint_session.id}/attendees".encode() in dashboard


def test_a_co_host_checks_people_in(client, los_angeles, make_organiser, joint_session, login):
    login(make_organiser(los_angeles))
    registration = page("{registration}", joint_session)
    client.post(
        f"/organiser/sessions/{joint_session.id}/check-in/{registration}", data={"present": "1"}
    )
    db.session.expire_all()
    (person,) = db.session.scalars(db.select(Registration)).all()
    assert person.checked_in_at is not None


def test_a_co_host_sees_and_retries_failed_mail_a_non_host_cannot(
    client, los_angeles, make_chapter, make_organiser, joint_session, login, now
):
    message_id = _failed_message(joint_session.id, now)
    login(make_organiser(make_chapter("New York", "America/New_York")))
    assert "SMTPRecipientsRefused" not in client.get("/organiser/").get_data(as_text=True)
    assert client.post(f"/organiser/mail/{message_id}/retry").status_code == 404
    assert db.session.get_one(OutboxMessage, message_id).failed_at is not None

    client.post("/organiser/logout")
    login(make_organiser(los_angeles))
    assert "SMTPRecipientsRefused" in client.get("/organiser/").get_data(as_text=True)
    assert client.post(f"/organiser/mail/{message_id}/retry").status_code == 302
    db.session.expire_all()
    assert db.session.get_one(OutboxMessage, message_id).failed_at is None


def test_a_co_host_checks_in_a_scanned_ticket_a_non_host_sees_nothing(
    client, los_angeles, make_chapter, make_organiser, joint_session, login
):
    (person,) = db.session.scalars(db.select(Registration)).all()
    url = f"/organiser/check-in/{make_check_in_token(person.id)}"
    login(make_organiser(make_chapter("New York", "America/New_York")))
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 404
        assert b"private.person" not in response.data

    client.post("/organiser/logout")
    login(make_organiser(los_angeles))
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    db.session.expire_all()
    assert db.session.get_one(Registration, person.id).checked_in_at is not None
