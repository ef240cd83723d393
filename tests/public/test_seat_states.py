"""Pages show each session's availability as models/capacity.py states it."""

from __future__ import annotations

import re

import pytest

from business_corner.extensions import db
from business_corner.services.registration import register
from business_corner.services.sessions import cancel_session
from tests.support.applicants import applicant

ENGLISH = {"Accept-Language": "en"}


def fill(event_id: int, people: int, now) -> None:
    for person in range(people):
        register(db.session, event_id, applicant(f"p{person}@example.com"), now=now)


@pytest.mark.parametrize(
    ("capacity", "people", "state", "says"),
    [
        (10, 6, "open", "4 seats left"),
        (10, 7, "few", "3 seats left"),
        (20, 16, "few", "4 seats left"),  # a fifth of the seats
        (2, 2, "full", "Full: waiting list open"),
    ],
)
def test_home_and_session_page_show_the_state(
    client, marseille, make_session, now, capacity, people, state, says
):
    event = make_session(marseille, capacity=capacity)
    fill(event.id, people, now)
    home = client.get("/", headers=ENGLISH).get_data(as_text=True)
    page = client.get(f"/sessions/{event.id}", headers=ENGLISH).get_data(as_text=True)
    assert f'class="card card-{state}"' in home
    for html in (home, page):
        assert f'<span class="seats seats-{state}">{says}</span>' in html
        assert f"seat-meter seat-meter-{state}" in html
    taken = round(100 * people / capacity, 1)
    assert re.search(rf'class="seat-meter-fill" width="{taken}"', page)
    waiting_list = "Join the waiting list" in page
    assert waiting_list is (state == "full")


def test_a_cancelled_session_shows_cancelled(client, organiser, marseille, make_session, now):
    event = make_session(marseille, capacity=10)
    cancel_session(db.session, organiser, event.id, now=now)
    page = client.get(f"/sessions/{event.id}", headers=ENGLISH).get_data(as_text=True)
    assert '<span class="seats seats-cancelled">Cancelled</span>' in page
    assert "seat-meter seat-meter-cancelled" in page
