"""Multi-date sign-ups at the same moment, against a real multi-process server: every date
keeps its capacity, nobody gets an error, and no two sign-ups deadlock (each takes one seat
lock at a time, in ascending date order)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from business_corner.extensions import db
from tests.support.applicants import registration_form
from tests.support.seat_faults import SeatFault
from tests.support.series import date_ids, published_series
from tests.support.server import gunicorn
from tests.test_last_seat_race import TOKEN, confirmed_and_waiting, server_settings

pytestmark = pytest.mark.concurrency

CAPACITY = 2
CLIENTS = 12


def test_simultaneous_multi_date_sign_ups_keep_every_capacity(app_settings, organiser, now):
    series_id = published_series(organiser, now, capacity=CAPACITY)
    ids = date_ids(series_id)[:3]
    db.session.commit()
    barrier = threading.Barrier(CLIENTS)

    def one_attendee(index: int) -> int:
        # Half tick the dates in one order, half in the other: the server takes them in
        # its own fixed order whatever the form says.
        chosen = ids if index % 2 else list(reversed(ids))
        with requests.Session() as browser:
            page = browser.get(f"{base_url}/series/{series_id}", timeout=30)
            token = TOKEN.search(page.text).group(1)
            barrier.wait(timeout=60)
            response = browser.post(
                f"{base_url}/series/{series_id}/register",
                data={
                    **registration_form(email=f"attendee{index}@example.com"),
                    "dates": [str(i) for i in chosen],
                    "csrf_token": token,
                },
                allow_redirects=False,
                timeout=120,
            )
            return response.status_code

    pause = SeatFault(pause_seconds=0.05)
    with (
        gunicorn(server_settings(app_settings), fault=pause) as base_url,
        ThreadPoolExecutor(max_workers=CLIENTS) as pool,
    ):
        codes = list(pool.map(one_attendee, range(CLIENTS)))
    assert codes == [302] * CLIENTS
    for event_id in ids:
        assert confirmed_and_waiting(event_id) == (CAPACITY, CLIENTS - CAPACITY)
