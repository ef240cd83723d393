"""Signing up through the form: wiring, errors, no enumeration, CSRF."""

from __future__ import annotations

import re

import pytest

from business_corner.vocabulary import Level, RegistrationStatus, Sector
from tests.support.applicants import registration_form
from tests.support.records import outbox, registrations


def text(response) -> str:
    return response.get_data(as_text=True)


def test_a_valid_registration_is_stored_and_the_confirmation_queued(
    client, marseille, make_session
):
    event = make_session(marseille)
    response = client.post(
        f"/sessions/{event.id}/register",
        data=registration_form(email="  Ana@Example.com ", can_host="y"),
        headers={"Accept-Language": "en"},
    )

    assert response.status_code == 302
    assert response.headers["Location"] == f"/sessions/{event.id}/registered#main"
    (registration,) = registrations()
    assert registration.email == "ana@example.com"
    assert (registration.sector, registration.level) == (Sector.DIGITAL, Level.B1)
    assert registration.can_host and registration.locale == "en"
    assert registration.status is RegistrationStatus.CONFIRMED
    assert [m.kind for m in outbox()] == ["confirmed"]

    page = text(client.get(response.headers["Location"], headers={"Accept-Language": "en"}))
    assert "Check your inbox" in page and "ana@example.com" in page


def test_the_page_is_the_same_whether_or_not_the_address_was_known(client, marseille, make_session):
    event = make_session(marseille)

    def register_and_read() -> str:
        response = client.post(f"/sessions/{event.id}/register", data=registration_form())
        page = text(client.get(response.headers["Location"]))
        return re.sub(r'value="[^"]*"', "", page)  # CSRF tokens differ

    first, second = register_and_read(), register_and_read()
    assert first == second
    assert len(registrations()) == 1
    # The repeat came within minutes: one mail is enough.
    assert [m.kind for m in outbox()] == ["confirmed"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-address", "Saisissez une adresse e-mail valide"),
        ("email", "zoé@example.fr", "accents ou d’autres caractères spéciaux avant le @"),
        ("first_name", "", "Indiquez votre prénom."),
        ("sector", "astrology", "Choisissez votre secteur d’activité."),
        ("level", "D9", "Choisissez votre niveau d’anglais."),
        ("consent", None, "Merci de donner votre accord"),
        ("last_name", "x" * 101, "100 caractères au maximum."),
        # (A NUL never gets this far: the request guards refuse it, tests/request_guards.)
        ("first_name", "Ana\x1b", "caractères visibles"),
        ("last_name", "Martin\u202egpj.exe", "caractères visibles"),
    ],
)
def test_bad_input_gets_a_translated_error_and_changes_nothing(
    client, marseille, make_session, field, value, message
):
    event = make_session(marseille)
    response = client.post(
        f"/sessions/{event.id}/register", data=registration_form(**{field: value})
    )

    assert response.status_code == 422
    page = text(response)
    assert message in page
    # The summary links to the field; a group of radio buttons, to its first option.
    anchor = f"{field}-0" if field == "level" else field
    assert 'class="error-summary"' in page and f'href="#{anchor}"' in page
    assert registrations() == [] and outbox() == []


def test_accents_cjk_and_emoji_survive(client, marseille, make_session):
    event = make_session(marseille)
    client.post(
        f"/sessions/{event.id}/register",
        data=registration_form(first_name="Zoë 🎉", last_name="山田", company="Ça'Va"),
    )
    (registration,) = registrations()
    assert (registration.first_name, registration.last_name, registration.company) == (
        "Zoë 🎉",
        "山田",
        "Ça'Va",
    )


def test_a_full_session_puts_people_on_the_waiting_list(client, marseille, make_session):
    event = make_session(marseille, capacity=1)
    client.post(f"/sessions/{event.id}/register", data=registration_form(email="a@x.fr"))
    client.post(f"/sessions/{event.id}/register", data=registration_form(email="b@x.fr"))
    assert [r.status for r in registrations()] == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
    ]


def test_registering_for_a_draft_is_not_found(client, marseille, make_session):
    from business_corner.vocabulary import SessionStatus

    event = make_session(marseille, status=SessionStatus.DRAFT)
    response = client.post(f"/sessions/{event.id}/register", data=registration_form())
    assert response.status_code == 404 and registrations() == []


def test_registering_for_a_cancelled_session_says_it_is_closed(client, marseille, make_session):
    from business_corner.vocabulary import SessionStatus

    event = make_session(marseille, status=SessionStatus.CANCELLED)
    response = client.post(f"/sessions/{event.id}/register", data=registration_form())
    assert response.status_code == 409
    assert "Les inscriptions à cette session sont closes." in text(response)
    assert registrations() == []


def test_a_post_without_csrf_token_is_refused(make_app, marseille, make_session):
    event = make_session(marseille)
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    response = client.post(f"/sessions/{event.id}/register", data=registration_form())
    assert response.status_code == 400
    assert "Le formulaire a expiré" in text(response)
    assert registrations() == []


def test_a_post_with_the_pages_csrf_token_is_accepted(make_app, marseille, make_session):
    event = make_session(marseille)
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    page = text(client.get(f"/sessions/{event.id}"))
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(
        f"/sessions/{event.id}/register", data={**registration_form(), "csrf_token": token}
    )
    assert response.status_code == 302 and len(registrations()) == 1
