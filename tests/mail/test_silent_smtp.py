"""A mail server that accepts and never answers holds no web worker."""

from __future__ import annotations

import time

import requests

from tests.support.applicants import registration_form
from tests.support.server import gunicorn, mail_sender
from tests.support.silent import SilentServer

TIMEOUT = 5


def test_registrations_stay_fast_while_the_mail_server_is_silent(
    app_settings, marseille, make_session
):
    event_id = make_session(marseille, capacity=50).id
    with SilentServer() as silent:
        settings = {
            **app_settings,
            "TESTING": False,
            "MAIL_BACKEND": "smtp",
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": silent.port,
            "MAIL_TIMEOUT_SECONDS": TIMEOUT,
        }
        # One worker: if it talked to the mail server after a response, the next request
        # would wait for it (TIMEOUT seconds per message).
        with gunicorn(settings, workers=1) as base, mail_sender(settings):
            started = time.monotonic()
            for number in range(3):
                response = requests.post(
                    f"{base}/sessions/{event_id}/register",
                    data=registration_form(email=f"guest{number}@example.com"),
                    allow_redirects=False,
                    timeout=30,
                )
                assert response.status_code == 302
            assert requests.get(f"{base}/sessions/{event_id}", timeout=30).status_code == 200
            elapsed = time.monotonic() - started
            deadline = time.monotonic() + 10
            while silent.connections == 0 and time.monotonic() < deadline:
                time.sleep(0.1)
    assert elapsed < TIMEOUT / 2, f"pages waited {elapsed:.1f} s for the mail server"
    assert silent.connections >= 1  # the sender did try: the fault was real
