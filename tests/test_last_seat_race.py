"""The last seats under simultaneous registrations, against a real multi-process server.

Every client first loads the session page (cookie and CSRF token, as a browser would), then
all of them post at the same moment. With the seat lock exactly ``capacity`` are confirmed.
The control run takes the lock out (a fault injected from ``tests.support.seat_faults``) and
must overbook: proof that this test can see the failure it guards against.
"""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from business_corner.extensions import db
from business_corner.models import Registration
from business_corner.vocabulary import RegistrationStatus
from tests.support.applicants import registration_form
from tests.support.seat_faults import SeatFault
from tests.support.server import gunicorn

pytestmark = pytest.mark.concurrency

CAPACITY = 3
CLIENTS = 32
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def race(base_url: str, event_id: int) -> list[int]:
    barrier = threading.Barrier(CLIENTS)

    def one_attendee(index: int) -> int:
        with requests.Session() as browser:
            page = browser.get(f"{base_url}/sessions/{event_id}", timeout=30)
            token = TOKEN.search(page.text).group(1)
            barrier.wait(timeout=60)
            response = browser.post(
                f"{base_url}/sessions/{event_id}/register",
                data={
                    **registration_form(email=f"attendee{index}@example.com"),
                    "csrf_token": token,
                },
                allow_redirects=False,
                timeout=60,
            )
            return response.status_code

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        return list(pool.map(one_attendee, range(CLIENTS)))


def server_settings(app_settings):
    # Plain http on loopback: cookies must not be marked Secure or the clients drop them.
    return {
        **app_settings,
        "TESTING": False,
        "WTF_CSRF_ENABLED": True,
        "SESSION_COOKIE_SECURE": False,
    }


def confirmed_and_waiting(event_id: int) -> tuple[int, int]:
    db.session.commit()
    statuses = db.session.scalars(
        db.select(Registration.status).where(Registration.event_session_id == event_id)
    ).all()
    return (
        statuses.count(RegistrationStatus.CONFIRMED),
        statuses.count(RegistrationStatus.WAITLISTED),
    )


def test_the_last_seats_are_never_given_twice(app_settings, marseille, make_session):
    event = make_session(marseille, capacity=CAPACITY)
    # A pause inside the locked section widens the window the lock has to hold shut.
    pause = SeatFault(pause_seconds=0.05)
    with gunicorn(server_settings(app_settings), fault=pause) as base_url:
        codes = race(base_url, event.id)
    assert codes == [302] * CLIENTS  # nobody got an error
    assert confirmed_and_waiting(event.id) == (CAPACITY, CLIENTS - CAPACITY)


def test_control_run_without_the_lock_overbooks(app_settings, marseille, make_session):
    event = make_session(marseille, capacity=CAPACITY)
    no_lock = SeatFault(lock=False, pause_seconds=0.2)
    with gunicorn(server_settings(app_settings), fault=no_lock) as base_url:
        race(base_url, event.id)
    confirmed, _ = confirmed_and_waiting(event.id)
    assert confirmed > CAPACITY, "without the lock the race should overbook; the test is blind"
