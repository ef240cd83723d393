"""Public pages remembered for a few seconds per worker: same page, each visitor's own token."""

from __future__ import annotations

import re

from sqlalchemy import event as sa_event

from business_corner.extensions import db
from business_corner.vocabulary import SessionStatus
from tests.support.applicants import registration_form
from tests.support.records import registrations

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def statements_during(action) -> int:
    count = 0

    def record(*args):
        nonlocal count
        count += 1

    sa_event.listen(db.engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", record)
    return count


def test_the_home_page_is_rendered_once_then_reused(make_app, marseille, make_session):
    make_session(marseille, title_fr="Première")
    client = make_app(PAGE_CACHE_SECONDS=60).test_client()
    first = client.get("/").get_data(as_text=True)
    make_session(marseille, title_fr="Seconde")
    assert statements_during(lambda: client.get("/")) == 0
    assert client.get("/").get_data(as_text=True) == first  # still the remembered page
    assert "Seconde" not in first
    english = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="en">' in english  # one page per language


def test_each_visitor_gets_their_own_token_in_a_remembered_page(make_app, marseille, make_session):
    event = make_session(marseille)
    app = make_app(PAGE_CACHE_SECONDS=60, WTF_CSRF_ENABLED=True)
    anna, ben = app.test_client(), app.test_client()
    anna_page = anna.get(f"/sessions/{event.id}").get_data(as_text=True)
    ben_page = ben.get(f"/sessions/{event.id}").get_data(as_text=True)
    anna_token, ben_token = TOKEN.search(anna_page).group(1), TOKEN.search(ben_page).group(1)
    assert anna_token != ben_token
    assert anna_page.replace(anna_token, "") == ben_page.replace(ben_token, "")
    for client, token, email in ((anna, anna_token, "anna@x.fr"), (ben, ben_token, "ben@x.fr")):
        response = client.post(
            f"/sessions/{event.id}/register",
            data={**registration_form(email=email), "csrf_token": token},
        )
        assert response.status_code == 302
    assert len(registrations()) == 2


def test_a_registration_refreshes_the_pages_of_its_worker(make_app, marseille, make_session):
    event = make_session(marseille, capacity=3)
    client = make_app(PAGE_CACHE_SECONDS=60).test_client()
    assert "3 places restantes" in client.get(f"/sessions/{event.id}").get_data(as_text=True)
    client.post(f"/sessions/{event.id}/register", data=registration_form())
    assert "2 places restantes" in client.get(f"/sessions/{event.id}").get_data(as_text=True)
    assert "2 places restantes" in client.get("/").get_data(as_text=True)


def test_flash_messages_are_never_served_from_memory(make_app, organiser, marseille, make_session):
    from tests.support.accounts import ORGANISER_PASSWORD

    make_session(marseille)
    client = make_app(PAGE_CACHE_SECONDS=60).test_client()
    client.get("/")
    client.post("/organiser/login", data={"email": organiser.email, "password": ORGANISER_PASSWORD})
    client.post("/organiser/logout")
    assert "Vous êtes déconnecté." in client.get("/").get_data(as_text=True)
    assert "Vous êtes déconnecté." not in client.get("/").get_data(as_text=True)


def test_an_unchanged_feed_costs_no_query_within_the_cache_time(make_app, marseille, make_session):
    make_session(marseille)
    client = make_app(PAGE_CACHE_SECONDS=60).test_client()
    etag = client.get("/calendar/fr/sessions.ics").headers["ETag"]
    assert (
        statements_during(
            lambda: client.get("/calendar/fr/sessions.ics", headers={"If-None-Match": etag})
        )
        == 0
    )


def test_drafts_stay_private_even_when_cached(make_app, marseille, make_session):
    draft = make_session(marseille, status=SessionStatus.DRAFT)
    client = make_app(PAGE_CACHE_SECONDS=60).test_client()
    assert client.get(f"/sessions/{draft.id}").status_code == 404
    assert client.get(f"/sessions/{draft.id}").status_code == 404
