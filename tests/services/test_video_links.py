"""The meeting link is checked as it is stored: http(s), nothing hidden, no name before an @."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from business_corner.extensions import db
from business_corner.models import EventSession
from business_corner.services.errors import DomainError
from business_corner.services.sessions import create_session, video_link_problem
from tests.organiser.test_sessions_views import session_form
from tests.support.session_details import details_on

GOOD = [
    "https://meet.example/abc-def",
    "http://meet.example:8443/r/12?pwd=x#y",
    "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0",
    "HTTPS://Zoom.us/j/123",
]
BAD = [
    "https://meet.example/abc\r\nATTENDEE:mailto:x@evil.example",
    "https://meet.example/a\nb",
    "https://meet.example/a\tb",
    "https://meet.example/a b",
    "https://meet.example/\u202egpj.exe",
    "https://meet.example/\u200b",
    "https://meet.example/\x00",
    "http://our-site@evil.example/",
    "https://user:password@meet.example/",
    "javascript:alert(1)",
    "ftp://meet.example/",
    "https:/meet.example",
    "https://",
    "https://:443/",
    "https://meet.example:port/",
    "https://[::1/",
    "https://meet.example\\@evil.example/",
    "meet.example/abc",
]


@pytest.mark.parametrize("url", GOOD)
def test_ordinary_meeting_links_are_accepted(url):
    assert video_link_problem(url) is None


@pytest.mark.parametrize("url", BAD)
def test_hidden_or_misleading_links_are_refused(url):
    assert video_link_problem(url) is not None


@pytest.mark.parametrize("url", BAD[:2] + BAD[7:8])
def test_the_service_refuses_them_too(organiser, now, url):
    details = details_on(now + timedelta(days=9))
    details = replace(details, format=details.format.ONLINE, video_url=url, venue="")
    with pytest.raises(DomainError):
        create_session(db.session, organiser, details, now=now)
    assert db.session.scalars(db.select(EventSession)).all() == []


@pytest.mark.parametrize("url", BAD[:1] + BAD[7:8])
def test_the_form_refuses_them_on_the_field(client, organiser, login, now, url):
    login(organiser)
    form = session_form((now + timedelta(days=9)).date(), format="online", venue="", video_url=url)
    response = client.post("/organiser/sessions/new", data=form)
    assert response.status_code == 422
    assert 'id="video_url-error"' in response.get_data(as_text=True)
    assert db.session.scalars(db.select(EventSession)).all() == []
