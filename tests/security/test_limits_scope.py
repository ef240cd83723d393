"""Rate limits apply to the decorated routes only (login and registration attempts): every
other page is served without a trip to the counters' storage."""

from __future__ import annotations

import pytest

from tests.security.test_abuse import redis_available
from tests.support.applicants import registration_form
from tests.support.tcp import TCPProxy


@pytest.mark.skipif(not redis_available(), reason="no Redis on 127.0.0.1:6379")
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_only_limited_routes_ask_the_counters(make_app, marseille, make_session):
    event = make_session(marseille)
    with TCPProxy(6379) as redis:
        client = make_app(
            RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{redis.port}/0"
        ).test_client()
        for path in (
            "/",
            f"/sessions/{event.id}",
            "/calendar/fr/sessions.ics",
            "/organiser/login",  # the form itself; only attempts are limited
            "/healthz",
        ):
            assert client.get(path).status_code == 200, path
        assert redis.forwarded_bytes == 0
        # The control: a limited route does talk to Redis, so the count above can fail.
        client.post(f"/sessions/{event.id}/register", data=registration_form())
        assert redis.forwarded_bytes > 0
