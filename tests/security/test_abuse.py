"""Abuse: rate limits (in memory, and in Redis shared by workers), the honeypot."""

from __future__ import annotations

import os
import socket
import uuid

import pytest

from business_corner.extensions import limiter
from tests.support.applicants import registration_form
from tests.support.records import outbox, registrations

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def redis_available() -> bool:
    host, port = "127.0.0.1", 6379
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def limited_app(make_app, **settings):
    return make_app(RATELIMIT_ENABLED=True, **settings)


def test_one_address_cannot_be_registered_over_and_over(make_app, marseille, make_session):
    sessions = [make_session(marseille) for _ in range(4)]
    client = limited_app(make_app, REGISTRATION_RATE_LIMIT_PER_ADDRESS="3 per hour").test_client()
    codes = [
        client.post(
            f"/sessions/{event.id}/register", data=registration_form(email="victim@x.fr")
        ).status_code
        for event in sessions
    ]
    assert codes == [302, 302, 302, 429]
    other = client.post(
        f"/sessions/{sessions[3].id}/register", data=registration_form(email="someone.else@x.fr")
    )
    assert other.status_code == 302  # another address is not blocked
    assert len(registrations()) == 4


def test_one_network_is_limited_too(make_app, marseille, make_session):
    event = make_session(marseille, capacity=50)
    client = limited_app(make_app, REGISTRATION_RATE_LIMIT_PER_IP="2 per hour").test_client()
    codes = [
        client.post(
            f"/sessions/{event.id}/register", data=registration_form(email=f"p{i}@x.fr")
        ).status_code
        for i in range(3)
    ]
    assert codes == [302, 302, 429]


def test_the_429_page_is_translated(make_app, marseille, make_session):
    event = make_session(marseille)
    client = limited_app(make_app, REGISTRATION_RATE_LIMIT_PER_IP="1 per hour").test_client()
    client.post(f"/sessions/{event.id}/register", data=registration_form())
    english = client.post(
        f"/sessions/{event.id}/register",
        data=registration_form(),
        headers={"Accept-Language": "en"},
    )
    assert english.status_code == 429
    assert "Too many attempts" in english.get_data(as_text=True)
    # The hourly window this request fell into ends within the hour.
    assert 1 <= int(english.headers["Retry-After"]) <= 3600


@pytest.mark.skipif(not redis_available(), reason="no Redis on 127.0.0.1:6379")
def test_workers_share_their_counters_through_redis(make_app, marseille, make_session):
    """Two app instances (two workers) count together when the storage is Redis."""
    event = make_session(marseille, capacity=50)
    settings = {
        "RATELIMIT_STORAGE_URI": REDIS_URL,
        "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        "REGISTRATION_RATE_LIMIT_PER_IP": "3 per hour",
    }
    first = limited_app(make_app, **settings).test_client()
    second = limited_app(make_app, **settings).test_client()
    # The limiter object is shared by every app this test process creates (one per process in
    # production), and Redis outlives a test: start from empty counters.
    limiter.reset()
    codes = [
        client.post(
            f"/sessions/{event.id}/register", data=registration_form(email=f"p{i}@x.fr")
        ).status_code
        for i, client in enumerate([first, second, first, second])
    ]
    assert codes == [302, 302, 302, 429]


def test_the_honeypot_catches_robots_without_telling_them(client, marseille, make_session):
    event = make_session(marseille)
    response = client.post(
        f"/sessions/{event.id}/register", data=registration_form(website="http://spam.example")
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/sessions/{event.id}/registered#main"
    assert registrations() == [] and outbox() == []
    page = client.get(f"/sessions/{event.id}").get_data(as_text=True)
    assert 'class="trap"' in page and 'name="website"' in page
