"""Every handler redacts secrets, whichever logger a record comes from."""

from __future__ import annotations

import io

from business_corner.extensions import db
from business_corner.services.registration import register
from tests.support.applicants import applicant
from tests.support.log_streams import flask_default_handler, root_stream
from tests.support.tokens import make_feed_token, make_manage_token


def _crash(monkeypatch, target: str) -> None:
    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the feed could not be built")

    monkeypatch.setattr(target, crash)


def test_an_exception_on_a_private_feed_logs_no_token(make_app, organiser, monkeypatch):
    with root_stream() as written:
        client = make_app(TESTING=False).test_client()
        token = make_feed_token(organiser.id, organiser.calendar_feed_version)
        _crash(monkeypatch, "business_corner.calendar.views.build_feed")
        assert client.get(f"/calendar/fr/private/{token}.ics").status_code == 500
    text = written.getvalue()
    assert "Exception on /calendar/fr/private/[redacted]" in text  # Flask's own line
    assert "RuntimeError" in text and token not in text


def test_flasks_default_handler_redacts_a_manage_token(
    make_app, marseille, make_session, now, monkeypatch
):
    event = make_session(marseille)
    token = make_manage_token(register(db.session, event.id, applicant(), now=now).registration_id)
    client = make_app(TESTING=False).test_client()
    _crash(monkeypatch, "business_corner.registration.views.personal_data")
    _crash(monkeypatch, "business_corner.registration.views.registration_for")
    errors = io.StringIO()
    with flask_default_handler():
        response = client.get(f"/manage/{token}", errors_stream=errors)
    assert response.status_code == 500
    text = errors.getvalue()
    assert "/manage/[redacted]" in text and token not in text
