"""Public pages: the listing, a session's page, privacy, the language switch."""

from __future__ import annotations

from datetime import timedelta

import pytest

from business_corner.vocabulary import SessionFormat, SessionStatus


def text(response) -> str:
    return response.get_data(as_text=True)


def test_home_lists_upcoming_sessions_with_both_cities_clocks(
    client, marseille, los_angeles, make_session
):
    make_session(marseille, capacity=12, title_fr="Pitchez votre entreprise")
    make_session(marseille, status=SessionStatus.DRAFT, title_fr="Brouillon secret")

    page = text(client.get("/"))

    assert "Pitchez votre entreprise" in page
    assert "Brouillon secret" not in page
    assert "(heure de Marseille)" in page
    assert "à Los Angeles" in page
    assert "12 places restantes" in page
    assert "B1" in page


def test_a_full_session_shows_its_waiting_list(client, marseille, make_session, now):
    from business_corner.extensions import db
    from business_corner.services.registration import register
    from tests.support.applicants import applicant

    event = make_session(marseille, capacity=1)
    register(db.session, event.id, applicant(), now=now)
    page = text(client.get("/", headers={"Accept-Language": "en"}))
    assert "Full: waiting list open" in page
    assert "Join the waiting list" in page


def test_language_follows_the_browser_then_the_choice(client, marseille, make_session):
    make_session(marseille, title_en="Pitch your business", title_fr="Pitchez votre entreprise")

    french = client.get("/")
    english = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert '<html lang="fr">' in text(french) and "Prochaines sessions" in text(french)
    assert '<html lang="en">' in text(english) and "Upcoming sessions" in text(english)
    assert "Pitch your business" in text(english)

    switched = client.get("/language/en?next=/privacy")
    assert switched.status_code == 302 and switched.headers["Location"] == "/privacy"
    assert '<html lang="en">' in text(client.get("/"))  # remembered (cookie)


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)"]
)
def test_the_language_switch_only_redirects_within_the_site(client, target):
    response = client.get("/language/en", query_string={"next": target})
    assert response.headers["Location"] == "/"


def test_an_unknown_language_changes_nothing(client):
    response = client.get("/language/xx?next=/")
    assert "lang=" not in response.headers.get("Set-Cookie", "")


def test_a_missing_title_falls_back_to_the_other_language_marked_as_such(
    client, marseille, make_session
):
    event = make_session(marseille, title_en="Only in English", title_fr="")
    page = text(client.get(f"/sessions/{event.id}"))
    assert '<h1 lang="en">Only in English</h1>' in page


def test_session_page_shows_the_registration_form(client, marseille, los_angeles, make_session):
    event = make_session(marseille, format=SessionFormat.HYBRID)
    page = text(client.get(f"/sessions/{event.id}", headers={"Accept-Language": "en"}))
    for expected in (
        "First name",
        "I can deal with most work situations if people speak clearly.",
        "I can host a table",
        "/privacy",
        'name="consent"',
        "9 La Canebière",
        "The link to join is in your confirmation e-mail.",
    ):
        assert expected in page
    assert "https://meet.test/abc" not in page  # the video link is for registered attendees


def test_drafts_and_unknown_sessions_are_not_found(client, marseille, make_session):
    draft = make_session(marseille, status=SessionStatus.DRAFT)
    assert client.get(f"/sessions/{draft.id}").status_code == 404
    assert client.get("/sessions/999").status_code == 404


def test_a_past_session_page_says_registration_is_closed(client, marseille, make_session):
    event = make_session(marseille, starts_in=timedelta(days=-3))
    page = text(client.get(f"/sessions/{event.id}", headers={"Accept-Language": "en"}))
    assert "Registration is closed" in page and 'name="consent"' not in page


def test_privacy_page_in_both_languages(client):
    assert "Vos droits" in text(client.get("/privacy"))
    assert "Your rights" in text(client.get("/privacy", headers={"Accept-Language": "en"}))


def test_error_pages_are_translated(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404 and "Page introuvable" in text(response)


def test_pages_carry_security_headers(client):
    headers = client.get("/").headers
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
