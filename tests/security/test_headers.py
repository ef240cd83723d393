"""Response headers and cookie flags."""

from __future__ import annotations

import pytest

from tests.support.applicants import registration_form


def cookies(response) -> list[str]:
    return response.headers.getlist("Set-Cookie")


def test_every_page_has_the_protective_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Strict-Transport-Security" not in response.headers  # plain http


def test_hsts_over_https(client):
    response = client.get("/", base_url="https://business-corner.test")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_session_cookie_is_httponly_lax_and_secure_behind_https(client, marseille, make_session):
    event = make_session(marseille)
    response = client.post(
        f"/sessions/{event.id}/register",
        data=registration_form(),
        base_url="https://business-corner.test",
    )
    (session_cookie,) = [c for c in cookies(response) if c.startswith("session=")]
    assert "HttpOnly" in session_cookie and "SameSite=Lax" in session_cookie
    assert "Secure" in session_cookie


@pytest.mark.parametrize("public_url", ["http://127.0.0.1:5000"])
def test_cookies_are_not_secure_on_a_plain_http_site(make_app, marseille, make_session, public_url):
    event = make_session(marseille)
    client = make_app(PUBLIC_URL=public_url, SESSION_COOKIE_SECURE=None).test_client()
    response = client.post(f"/sessions/{event.id}/register", data=registration_form())
    (session_cookie,) = [c for c in cookies(response) if c.startswith("session=")]
    assert "Secure" not in session_cookie


def test_the_language_cookie_is_httponly_and_lax(client):
    (cookie,) = cookies(client.get("/language/en?next=/"))
    assert cookie.startswith("lang=en") and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_too_large_a_request_is_refused_politely(client, marseille, make_session):
    event = make_session(marseille)
    response = client.post(
        f"/sessions/{event.id}/register", data=registration_form(company="x" * (600 * 1024))
    )
    assert response.status_code == 413 and "Trop volumineux" in response.get_data(as_text=True)
