"""Redis away: rate limits fall back to each worker's memory, nothing answers 500 or hangs,
and counting goes back to Redis once it answers again."""

from __future__ import annotations

import time

import pytest

from business_corner.extensions import db
from tests.security.test_abuse import redis_available
from tests.support.applicants import registration_form
from tests.support.deadline import within
from tests.support.limits import fallback_warnings, forget_storage_failure
from tests.support.records import registrations
from tests.support.tcp import SilentServer, TCPProxy, free_port


@pytest.fixture(autouse=True)
def storage_revived():
    yield
    forget_storage_failure()


def limited_client(make_app, storage_uri, **settings):
    return make_app(
        RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=storage_uri, **settings
    ).test_client()


def wrong_logins(client, organiser, times):
    data = {"email": organiser.email, "password": "nope"}
    return [client.post("/organiser/login", data=data).status_code for _ in range(times)]


def test_with_redis_on_a_dead_port_limits_count_in_memory(
    make_app, organiser, marseille, make_session, caplog
):
    event = make_session(marseille)
    client = limited_client(
        make_app, f"redis://127.0.0.1:{free_port()}/0", LOGIN_RATE_LIMIT="3 per minute"
    )
    registered = client.post(f"/sessions/{event.id}/register", data=registration_form())
    assert registered.status_code == 302 and len(registrations()) == 1
    assert wrong_logins(client, organiser, 4) == [401, 401, 401, 429]  # still limited
    assert client.get("/").status_code == 200 and client.get("/organiser/login").status_code == 200
    assert len(fallback_warnings(caplog)) == 1  # said once, not on every request


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_redis_that_never_answers_costs_a_request_under_a_second_or_so(
    make_app, marseille, make_session
):
    path = f"/sessions/{make_session(marseille).id}/register"
    with SilentServer() as silent:
        client = limited_client(make_app, f"redis://127.0.0.1:{silent.port}/0")
        db.session.commit()  # the test's snapshot ends: the request's writes become visible
        response, seconds = within(30, lambda: client.post(path, data=registration_form()))
    assert response.status_code == 302 and len(registrations()) == 1
    assert seconds < 3  # RATELIMIT_STORAGE_TIMEOUT_SECONDS (0.5) and the page itself


@pytest.mark.skipif(not redis_available(), reason="no Redis on 127.0.0.1:6379")
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_counting_goes_back_to_redis_once_it_answers(make_app, organiser, caplog):
    with TCPProxy(6379) as redis:
        client = limited_client(
            make_app, f"redis://127.0.0.1:{redis.port}/0", LOGIN_RATE_LIMIT="1000 per minute"
        )
        assert wrong_logins(client, organiser, 1) == [401]
        assert redis.forwarded_bytes > 0  # counted in Redis

        redis.close()  # Redis restarts: refused connections
        assert wrong_logins(client, organiser, 3) == [401, 401, 401]
        assert len(fallback_warnings(caplog)) == 1

        redis.reopen()
        before = redis.forwarded_bytes
        deadline = time.monotonic() + 70  # Flask-Limiter re-checks after 1, 2, 4 … 32 s
        while redis.forwarded_bytes == before and time.monotonic() < deadline:
            assert wrong_logins(client, organiser, 1) == [401]
            time.sleep(0.3)
        assert redis.forwarded_bytes > before, "the limiter never went back to Redis"
        counted = redis.forwarded_bytes
        wrong_logins(client, organiser, 1)
        assert redis.forwarded_bytes > counted  # and keeps counting there
