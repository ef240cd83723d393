"""The attendee's side of the day: the ticket on their page, "I'm here" online, "still
coming?" answered by POST, the way back after a release, and their attendance record."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from business_corner.extensions import db
from business_corner.models import Registration
from business_corner.services import check_in as door
from business_corner.services.check_in import CheckInRules
from business_corner.services.confirmations import ConfirmTiming, run_confirmations
from business_corner.services.registration import register
from business_corner.services.walk_ins import Newcomer, add_walk_in
from business_corner.vocabulary import Level, RegistrationStatus, Sector, SessionFormat
from tests.support.applicants import applicant
from tests.support.language import visible_text
from tests.support.tokens import make_manage_token

TIMING = ConfirmTiming()


def person(registration_id: int) -> Registration:
    db.session.expire_all()
    return db.session.get_one(Registration, registration_id)


def test_a_confirmed_place_at_a_venue_has_its_ticket_on_the_page(
    client, marseille, make_session, now
):
    event = make_session(marseille, capacity=1)
    seated = register(db.session, event.id, applicant("ana@x.fr"), now=now).registration_id
    waiting = register(db.session, event.id, applicant("ben@x.fr"), now=now).registration_id
    token = make_manage_token(seated)

    page = client.get(f"/manage/{token}").get_data(as_text=True)
    assert f'src="/manage/{token}/ticket.svg"' in page
    image = client.get(f"/manage/{token}/ticket.svg")
    assert image.mimetype == "image/svg+xml" and b"viewBox" in image.data
    assert b"style=" not in image.data  # the CSP allows no inline styles

    waiting_token = make_manage_token(waiting)
    assert "ticket.svg" not in client.get(f"/manage/{waiting_token}").get_data(as_text=True)
    assert client.get(f"/manage/{waiting_token}/ticket.svg").status_code == 404


def test_an_online_attendee_says_i_am_here_with_a_post_in_the_window(
    client, marseille, make_session, now
):
    event = make_session(marseille, format=SessionFormat.ONLINE, starts_in=timedelta(minutes=10))
    ana = register(db.session, event.id, applicant(), now=now).registration_id
    token = make_manage_token(ana)

    page = client.get(f"/manage/{token}").get_data(as_text=True)
    assert f'action="/manage/{token}/here"' in page and "ticket.svg" not in page
    assert person(ana).checked_in_at is None

    response = client.post(f"/manage/{token}/here", follow_redirects=True)
    assert "Votre arrivée est enregistrée. Bonne session" in visible_text(response.get_data(True))
    assert person(ana).checked_in_by_id is None and person(ana).checked_in_at is not None
    assert "/here" not in client.get(f"/manage/{token}").get_data(as_text=True)


def test_no_i_am_here_button_days_before(client, marseille, make_session, now):
    event = make_session(marseille, format=SessionFormat.HYBRID, starts_in=timedelta(days=2))
    ana = register(db.session, event.id, applicant(), now=now).registration_id
    token = make_manage_token(ana)
    assert "/here" not in client.get(f"/manage/{token}").get_data(as_text=True)
    refused = client.post(f"/manage/{token}/here", follow_redirects=True)
    assert "Ce bouton fonctionne à partir de 15 minutes" in visible_text(refused.get_data(True))
    assert person(ana).checked_in_at is None


@pytest.fixture
def asked(marseille, make_session, organiser, now):
    """Two seats, both asked "still coming?" just now; one person waiting."""
    event = make_session(marseille, capacity=2, starts_in=timedelta(hours=40))
    event.confirm_or_release = True
    db.session.commit()
    ids = [
        register(db.session, event.id, applicant(f"{name}@x.fr"), now=now).registration_id
        for name in ("ana", "ben", "carl")
    ]
    assert run_confirmations(db.session, now, TIMING).asked
    return event, ids


def test_still_coming_is_asked_by_a_get_and_answered_by_a_post(client, asked):
    _event, (ana, *_) = asked
    url = f"/manage/{make_manage_token(ana)}/still-coming"

    page = client.get(url).get_data(as_text=True)  # what a mail scanner does
    assert "Oui, je viens" in page and 'method="post"' in page
    assert person(ana).still_coming_at is None

    client.post(url)
    assert person(ana).still_coming_at is not None
    manage = client.get(f"/manage/{make_manage_token(ana)}").get_data(as_text=True)
    assert "Vous avez confirmé votre venue" in visible_text(manage)


def test_the_manage_page_asks_too_until_the_answer(client, asked):
    _event, (ana, *_) = asked
    token = make_manage_token(ana)
    page = client.get(f"/manage/{token}").get_data(as_text=True)
    assert f'action="/manage/{token}/still-coming"' in page


def test_after_a_release_the_attendee_can_join_the_waiting_list_again(client, asked, now):
    event, (ana, ben, carl) = asked
    run_confirmations(db.session, event.starts_at - timedelta(hours=26), TIMING)
    assert person(ana).status is RegistrationStatus.CANCELLED
    token = make_manage_token(ana)

    late = client.post(f"/manage/{token}/still-coming", follow_redirects=True)
    assert "Trop tard" in visible_text(late.get_data(as_text=True))
    page = client.get(f"/manage/{token}").get_data(as_text=True)
    assert f'action="/manage/{token}/rejoin"' in page

    back = client.post(f"/manage/{token}/rejoin", follow_redirects=True)

    # Ana and Ben were both released and only Carl was waiting: a seat was free.
    assert "Une place était libre" in visible_text(back.get_data(as_text=True))
    assert person(ana).status is RegistrationStatus.CONFIRMED
    assert person(carl).status is RegistrationStatus.CONFIRMED
    assert person(ben).status is RegistrationStatus.CANCELLED


def test_the_attendee_sees_their_record_and_finds_it_in_their_data(
    client, organiser, marseille, make_session, now
):
    rules = CheckInRules()
    past = make_session(marseille, starts_in=timedelta(minutes=20), minutes=30)
    came = register(db.session, past.id, applicant("ana@x.fr"), now=now).registration_id
    door.check_in(db.session, organiser, past.id, came, now=now, rules=rules)
    other = make_session(marseille, starts_in=timedelta(minutes=25), minutes=30)
    register(db.session, other.id, applicant("ana@x.fr"), now=now)
    register(db.session, other.id, applicant("ben@x.fr"), now=now)
    ben = db.session.scalars(db.select(Registration).where(Registration.email == "ben@x.fr"))
    door.check_in(db.session, organiser, other.id, ben.one().id, now=now, rules=rules)
    walked = make_session(marseille, starts_in=timedelta(minutes=30))
    add_walk_in(
        db.session,
        organiser,
        walked.id,
        Newcomer("Ana", Level.B1, Sector.DIGITAL, email="ana@x.fr", consent=True),
        now=now,
    )
    door.record_no_shows(db.session, now + timedelta(hours=2), rules)
    upcoming = make_session(marseille)
    current = register(db.session, upcoming.id, applicant("ana@x.fr"), now=now).registration_id
    token = make_manage_token(current)

    text = visible_text(client.get(f"/manage/{token}").get_data(as_text=True))
    data = json.loads(client.get(f"/manage/{token}/data.json").get_data(as_text=True))

    assert "Vous êtes venu(e) 2 fois à Business corner · 1 session manquée" in text
    assert [entry["attendance"] for entry in data["attendance_record"]] == [
        "attended",
        "no_show",
        "attended",
    ]
    assert data["registration"]["checked_in_at"] is None
