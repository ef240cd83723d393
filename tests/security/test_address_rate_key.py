"""The per-address limit counts inboxes, under a key only the site can compute."""

from __future__ import annotations

import hashlib

from business_corner.security import address_rate_limit_key
from tests.support.applicants import registration_form


def test_plus_tags_of_one_inbox_share_one_limit(make_app, marseille, make_session):
    event = make_session(marseille, capacity=20)
    client = make_app(
        RATELIMIT_ENABLED=True, REGISTRATION_RATE_LIMIT_PER_ADDRESS="1 per hour"
    ).test_client()

    def post(email: str) -> int:
        return client.post(
            f"/sessions/{event.id}/register", data=registration_form(email=email)
        ).status_code

    assert post("jane+1@x.fr") == 302
    assert post("Jane+2@X.fr") == 429
    assert post("jane@x.fr") == 429
    assert post("john@x.fr") == 302  # another inbox has its own limit


def test_the_key_is_an_hmac_of_the_site_secret():
    plain = "address:" + hashlib.sha256(b"jane@x.fr").hexdigest()[:32]
    key = address_rate_limit_key("jane@x.fr", "one secret")
    assert key.startswith("address:") and key != plain
    assert key != address_rate_limit_key("jane@x.fr", "another secret")
    assert key == address_rate_limit_key(" jane+news@x.fr ", b"one secret")
    assert address_rate_limit_key("+jane@x.fr", "k") != address_rate_limit_key("@x.fr", "k")
