"""Each organiser login is a record on the server: logout, idleness, age and end-all end it."""

from __future__ import annotations

from datetime import timedelta

from flask.testing import FlaskClient

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.models import OrganiserLogin
from business_corner.services.organiser_logins import end_all_logins
from tests.support.accounts import ORGANISER_PASSWORD

DASHBOARD = "/organiser/"


def _log_in(client: FlaskClient, email: str) -> None:
    response = client.post(
        "/organiser/login", data={"email": email, "password": ORGANISER_PASSWORD}
    )
    assert response.status_code == 302


def _with_cookie_of(app, client: FlaskClient) -> FlaskClient:
    """Another browser holding a copy of ``client``'s session cookie."""
    cookie = client.get_cookie("session")
    assert cookie is not None
    thief = app.test_client()
    thief.set_cookie("session", cookie.value)
    return thief


def _logins() -> list[OrganiserLogin]:
    db.session.expire_all()
    return list(db.session.scalars(db.select(OrganiserLogin).order_by(OrganiserLogin.id)))


def test_a_cookie_copied_before_logout_opens_nothing_after_it(app, client, organiser):
    _log_in(client, organiser.email)
    copy = _with_cookie_of(app, client)
    assert copy.get(DASHBOARD).status_code == 200
    client.post("/organiser/logout")
    assert copy.get(DASHBOARD).status_code == 302
    assert _logins()[0].ended_at is not None


def test_logging_out_on_the_phone_leaves_the_laptop_logged_in(app, organiser):
    phone, laptop = app.test_client(), app.test_client()
    _log_in(phone, organiser.email)
    _log_in(laptop, organiser.email)
    phone.post("/organiser/logout")
    assert phone.get(DASHBOARD).status_code == 302
    assert laptop.get(DASHBOARD).status_code == 200


def test_the_server_keeps_only_a_hash_of_the_token(client, organiser):
    from business_corner.organiser.auth import LOGIN_TOKEN

    _log_in(client, organiser.email)
    with client.session_transaction() as browser:
        token = browser[LOGIN_TOKEN]
    (login,) = _logins()
    assert len(token) >= 40 and token not in (login.token_hash,)
    assert len(login.token_hash) == 64


def test_a_login_unused_for_the_idle_lifetime_is_over(make_app, organiser):
    client = make_app(ORGANISER_LOGIN_IDLE_HOURS=8).test_client()
    _log_in(client, organiser.email)
    (login,) = _logins()
    login.last_seen_at = utcnow() - timedelta(hours=7, minutes=55)
    db.session.commit()
    assert client.get(DASHBOARD).status_code == 200  # still in time, and seen again now
    assert utcnow() - _logins()[0].last_seen_at < timedelta(minutes=1)
    login = _logins()[0]
    login.last_seen_at = utcnow() - timedelta(hours=8, minutes=1)
    db.session.commit()
    assert client.get(DASHBOARD).status_code == 302


def test_a_login_older_than_the_absolute_lifetime_is_over_however_busy(make_app, organiser):
    client = make_app(ORGANISER_LOGIN_MAX_DAYS=30).test_client()
    _log_in(client, organiser.email)
    (login,) = _logins()
    login.created_at = utcnow() - timedelta(days=29, hours=23)
    db.session.commit()
    assert client.get(DASHBOARD).status_code == 200
    login = _logins()[0]
    login.created_at = utcnow() - timedelta(days=30, minutes=1)
    db.session.commit()
    assert client.get(DASHBOARD).status_code == 302


def test_last_seen_is_written_at_most_once_a_minute(client, organiser):
    _log_in(client, organiser.email)
    (login,) = _logins()
    recently = utcnow() - timedelta(seconds=30)
    login.last_seen_at = recently
    db.session.commit()
    assert client.get(DASHBOARD).status_code == 200
    assert _logins()[0].last_seen_at == recently


def test_ending_all_logins_of_an_organiser_ends_them_in_every_browser(
    app, organiser, marseille, make_organiser
):
    colleague = make_organiser(marseille, email="colleague@marseille.test")
    phone, laptop, other = app.test_client(), app.test_client(), app.test_client()
    _log_in(phone, organiser.email)
    _log_in(laptop, organiser.email)
    _log_in(other, colleague.email)
    assert end_all_logins(db.session, organiser.id, utcnow()) == 2
    assert phone.get(DASHBOARD).status_code == 302
    assert laptop.get(DASHBOARD).status_code == 302
    assert other.get(DASHBOARD).status_code == 200  # a colleague's login is theirs
    assert end_all_logins(db.session, organiser.id, utcnow()) == 0
