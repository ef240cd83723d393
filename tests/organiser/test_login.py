"""Logging in and out."""

from __future__ import annotations

import pytest

from tests.support.accounts import ORGANISER_PASSWORD


def test_login_with_the_right_password_opens_the_dashboard(client, organiser):
    response = client.post(
        "/organiser/login",
        data={"email": "  ORGANISER@marseille.test ", "password": ORGANISER_PASSWORD},
    )
    assert response.status_code == 302 and response.headers["Location"] == "/organiser/"
    page = client.get("/organiser/").get_data(as_text=True)
    assert "Sessions de l’antenne de Marseille" in page


@pytest.mark.parametrize("email", ["organiser@marseille.test", "nobody@marseille.test"])
def test_a_wrong_address_or_password_gets_the_same_answer(client, organiser, email):
    response = client.post("/organiser/login", data={"email": email, "password": "wrong password"})
    assert response.status_code == 401
    assert "Adresse e-mail ou mot de passe incorrect." in response.get_data(as_text=True)
    assert client.get("/organiser/").status_code == 302


def test_login_goes_back_to_the_page_asked_for_but_never_elsewhere(client, organiser):
    response = client.post(
        "/organiser/login?next=/organiser/sessions/new",
        data={"email": organiser.email, "password": ORGANISER_PASSWORD},
    )
    assert response.headers["Location"] == "/organiser/sessions/new"
    client.post("/organiser/logout")
    response = client.post(
        "/organiser/login?next=https://evil.example/",
        data={"email": organiser.email, "password": ORGANISER_PASSWORD},
    )
    assert response.headers["Location"] == "/organiser/"


def test_logout(client, organiser, login):
    login(organiser)
    assert client.post("/organiser/logout").status_code == 302
    assert client.get("/organiser/").status_code == 302


def test_an_inactive_organiser_cannot_log_in(client, organiser):
    from business_corner.extensions import db

    organiser.active = False
    db.session.commit()
    response = client.post(
        "/organiser/login", data={"email": organiser.email, "password": ORGANISER_PASSWORD}
    )
    assert response.status_code == 401


def test_login_attempts_are_rate_limited(make_app, organiser):
    client = make_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute").test_client()
    codes = [
        client.post(
            "/organiser/login", data={"email": organiser.email, "password": "nope"}
        ).status_code
        for _ in range(4)
    ]
    assert codes == [401, 401, 401, 429]
    blocked = client.post(
        "/organiser/login", data={"email": organiser.email, "password": ORGANISER_PASSWORD}
    )
    assert blocked.status_code == 429
    assert "Trop de tentatives" in blocked.get_data(as_text=True)
    assert client.get("/organiser/login").status_code == 200  # only attempts are limited


def test_an_overlong_password_gets_a_message_not_an_error(client, organiser):
    response = client.post(
        "/organiser/login", data={"email": organiser.email, "password": "0" * 201}
    )
    assert response.status_code == 200
    assert "200 caractères au maximum." in response.get_data(as_text=True)
