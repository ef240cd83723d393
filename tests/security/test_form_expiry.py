"""A form left open past its token's hour comes back filled in, with a message to send it
again, and nothing is done with it; elsewhere an expired token is refused as before."""

from __future__ import annotations

import re
import time

import flask_wtf.csrf
import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from business_corner.extensions import db
from business_corner.models import EventSession, OutboxMessage, Registration
from business_corner.services.registration import register
from business_corner.vocabulary import SessionStatus
from tests.support.accounts import ORGANISER_PASSWORD
from tests.support.applicants import applicant, registration_form
from tests.support.tokens import make_manage_token

TYPED = "Zéphyrine"

#: endpoint: (page with the form, where it posts, what was typed)
FORMS = {
    "registration.register": (
        "/sessions/{published}",
        "/sessions/{published}/register",
        registration_form(email="new@x.fr", first_name=TYPED),
    ),
    "registration.manage": (
        "/manage/{token}",
        "/manage/{token}",
        {"first_name": TYPED, "last_name": "M", "company": "C", "sector": "health", "level": "C1"},
    ),
    "organiser.new_session": (
        "/organiser/sessions/new",
        "/organiser/sessions/new",
        {
            "title_fr": TYPED,
            "format": "online",
            "video_url": "https://m.x",
            "day": "2030-01-10",
            "starts": "18:00",
            "ends": "19:00",
            "timezone": "Europe/Paris",
            "capacity": "5",
            "levels": ["B1"],
        },
    ),
    "organiser.edit_session": (
        "/organiser/sessions/{published}/edit",
        "/organiser/sessions/{published}/edit",
        {
            "title_fr": TYPED,
            "format": "online",
            "video_url": "https://m.x",
            "day": "2030-01-10",
            "starts": "18:00",
            "ends": "19:00",
            "timezone": "Europe/Paris",
            "capacity": "5",
            "levels": ["B1"],
        },
    ),
    "organiser.cancel_session": (
        "/organiser/sessions/{published}/cancel",
        "/organiser/sessions/{published}/cancel",
        {"reason_fr": TYPED},
    ),
    "organiser.write_message": (
        "/organiser/sessions/{published}/messages/new",
        "/organiser/sessions/{published}/messages/new",
        {"audience": "all", "subject_fr": TYPED, "body_fr": "T", "subject_en": "S", "body_en": "T"},
    ),
}


def _state() -> tuple:
    db.session.expire_all()
    return (
        tuple((r.id, r.first_name, r.status) for r in db.session.scalars(db.select(Registration))),
        tuple((e.id, e.title_fr, e.status) for e in db.session.scalars(db.select(EventSession))),
        db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)),
    )


@pytest.fixture
def setting(make_app, organiser, marseille, make_session, now):
    """A client logged in with CSRF checks on, a published session and someone's link."""
    published = make_session(marseille, capacity=5, status=SessionStatus.PUBLISHED)
    registration = register(db.session, published.id, applicant(), now=now)
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    client.set_cookie("lang", "fr")
    login_page = client.get("/organiser/login").get_data(as_text=True)
    login_token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page)
    assert login_token
    answer = client.post(
        "/organiser/login",
        data={
            "email": organiser.email,
            "password": ORGANISER_PASSWORD,
            "csrf_token": login_token.group(1),
        },
    )
    assert answer.status_code == 302
    names = {"published": published.id, "token": make_manage_token(registration.registration_id)}
    return client, names


class _TwoHoursAgo(TimestampSigner):
    def get_timestamp(self) -> int:
        return int(time.time()) - 7200


class _OldTokens(URLSafeTimedSerializer):
    default_signer = _TwoHoursAgo


def _token_from_two_hours_ago(client, page: str, monkeypatch) -> str:
    """The token of a page opened two hours ago (the limit is one hour); only the CSRF
    tokens are dated back, not the personal links."""
    with monkeypatch.context() as patch:
        patch.setattr(flask_wtf.csrf, "URLSafeTimedSerializer", _OldTokens)
        html = client.get(page).get_data(as_text=True)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
    assert match, html
    return match.group(1)


@pytest.mark.parametrize("endpoint", FORMS)
def test_an_expired_form_comes_back_filled_in_and_changes_nothing(setting, monkeypatch, endpoint):
    client, names = setting
    page, action, typed = FORMS[endpoint]
    token = _token_from_two_hours_ago(client, page.format(**names), monkeypatch)
    before = _state()

    response = client.post(action.format(**names), data={**typed, "csrf_token": token})

    html = response.get_data(as_text=True)
    assert response.status_code in {200, 422}, html
    assert TYPED in html
    assert "Ce formulaire est resté ouvert longtemps et a expiré" in html
    assert _state() == before
    # The page carries a fresh token: sending it again works.
    fresh = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
    assert fresh and fresh.group(1) != token


def test_sending_it_again_saves_it(setting, monkeypatch):
    client, names = setting
    page, action, typed = FORMS["organiser.cancel_session"]
    token = _token_from_two_hours_ago(client, page.format(**names), monkeypatch)
    html = client.post(action.format(**names), data={**typed, "csrf_token": token}).get_data(
        as_text=True
    )
    fresh = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)

    client.post(action.format(**names), data={**typed, "csrf_token": fresh})

    event = db.session.get(EventSession, names["published"])
    db.session.refresh(event)
    assert event.status is SessionStatus.CANCELLED and event.cancel_reason_fr == TYPED


def test_an_expired_token_elsewhere_is_still_refused(setting, monkeypatch):
    client, names = setting
    token = _token_from_two_hours_ago(client, f"/manage/{names['token']}/cancel", monkeypatch)
    before = _state()
    response = client.post(f"/manage/{names['token']}/cancel", data={"csrf_token": token})
    assert response.status_code == 400
    assert _state() == before


def test_a_forged_token_on_a_kept_form_is_still_refused(setting):
    client, names = setting
    client.get(f"/organiser/sessions/{names['published']}/cancel")
    before = _state()
    response = client.post(
        f"/organiser/sessions/{names['published']}/cancel",
        data={"reason_fr": TYPED, "csrf_token": "forged"},
    )
    assert response.status_code == 400
    assert TYPED not in response.get_data(as_text=True)
    assert _state() == before
