"""Managing a place through the link in the e-mail."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from business_corner.extensions import db
from business_corner.models import Registration
from business_corner.services.registration import register
from business_corner.vocabulary import Level, RegistrationStatus
from tests.support.applicants import applicant
from tests.support.records import outbox, registrations
from tests.support.tokens import make_manage_token


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def full_session(marseille, make_session, now):
    """Capacity 1: Ana has the seat, Ben waits."""
    event = make_session(marseille, capacity=1)
    ana = register(db.session, event.id, applicant("ana@x.fr", locale="en"), now=now)
    ben = register(
        db.session,
        event.id,
        applicant("ben@x.fr", first_name="Ben"),
        now=now + timedelta(seconds=1),
    )
    return event, ana.registration_id, ben.registration_id


def test_the_link_in_the_mail_opens_the_registration(client, full_session):
    mail = outbox("waitlisted")[0].raw.decode()
    link = re.search(r"https://business-corner\.test(/manage/[\w.\-]+)", mail).group(1)

    page = text(client.get(link))
    assert "Vous êtes en position 1 sur la liste d’attente." in page
    assert "ben@x.fr" in page


def test_opening_the_cancel_link_does_not_cancel(client, full_session):
    _, ana_id, _ = full_session
    token = make_manage_token(ana_id)
    page = text(client.get(f"/manage/{token}/cancel", headers={"Accept-Language": "en"}))
    assert "Cancel your registration?" in page
    assert db.session.get(Registration, ana_id).status is RegistrationStatus.CONFIRMED


def test_cancelling_frees_the_seat_for_the_first_waiting(client, full_session):
    _, ana_id, ben_id = full_session
    token = make_manage_token(ana_id)

    response = client.post(f"/manage/{token}/cancel")

    assert response.status_code == 302 and response.headers["Location"] == f"/manage/{token}"
    assert db.session.get(Registration, ana_id).status is RegistrationStatus.CANCELLED
    assert db.session.get(Registration, ben_id).status is RegistrationStatus.CONFIRMED
    assert [m.recipient for m in outbox("promoted")] == ["ben@x.fr"]
    page = text(client.get(f"/manage/{token}", headers={"Accept-Language": "en"}))
    assert "Your registration is cancelled" in page

    client.post(f"/manage/{token}/cancel")  # a second click changes nothing
    assert len(outbox("promoted")) == 1


def test_details_can_be_changed(client, full_session):
    _, ana_id, _ = full_session
    token = make_manage_token(ana_id)
    response = client.post(
        f"/manage/{token}",
        data={
            "first_name": "Ana",
            "last_name": "Martin-Lopez",
            "company": "New Co",
            "job_title": "",
            "sector": "health",
            "level": "C1",
            "can_host": "y",
        },
    )
    assert response.status_code == 302
    registration = db.session.get(Registration, ana_id)
    assert (
        registration.last_name,
        registration.company,
        registration.level,
        registration.can_host,
    ) == ("Martin-Lopez", "New Co", Level.C1, True)


def test_bad_details_are_refused_with_the_reason(client, full_session):
    _, ana_id, _ = full_session
    token = make_manage_token(ana_id)
    response = client.post(
        f"/manage/{token}",
        data={
            "first_name": "",
            "last_name": "M",
            "company": "C",
            "sector": "health",
            "level": "C1",
        },
    )
    # Ana signed up in English: her page speaks English whatever the browser says.
    assert response.status_code == 422 and "Please enter your first name." in text(response)
    assert db.session.get(Registration, ana_id).first_name == "Ana"


@pytest.mark.parametrize("token", ["garbage", "eyJhbGciOiJIUzI1NiJ9.e30.x"])
def test_a_forged_link_is_refused(client, full_session, token):
    for url in (f"/manage/{token}", f"/manage/{token}/cancel"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Ce lien n’est pas valide." in text(response)
    assert client.post(f"/manage/{token}/cancel").status_code == 404
    assert {r.status for r in registrations()} == {
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
    }


def test_a_personal_link_opens_in_the_language_of_the_registration(
    client, marseille, make_session, now
):
    event = make_session(marseille)
    outcome = register(db.session, event.id, applicant("fr@x.fr", locale="fr"), now=now)
    url = f"/manage/{make_manage_token(outcome.registration_id)}"

    english_browser = client.get(url, headers={"Accept-Language": "en-US,en"})
    assert '<html lang="fr">' in english_browser.get_data(as_text=True)

    client.set_cookie("lang", "en")  # the visitor chose English with the switch: it wins
    chosen = client.get(url, headers={"Accept-Language": "fr"})
    assert '<html lang="en">' in chosen.get_data(as_text=True)
