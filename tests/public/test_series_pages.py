"""A series' public page, its calendar feed, the multi-date sign-up and the other dates on
the manage page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from business_corner.extensions import db
from business_corner.models import EventSession, Registration
from business_corner.services import series as series_admin
from business_corner.services.registration import register
from business_corner.vocabulary import RegistrationStatus
from tests.calendar.support import both_parsers, calendar_of
from tests.support.applicants import applicant, registration_form
from tests.support.records import outbox
from tests.support.series import date_ids, published_series, series_template, weekly
from tests.support.tokens import make_manage_token


@pytest.fixture
def series_id(organiser, now) -> int:
    return published_series(organiser, now)


def test_the_series_page_lists_its_dates_and_offers_its_feed(client, series_id):
    page = client.get(f"/series/{series_id}").get_data(as_text=True)
    assert page.count('name="dates"') == 4
    (feed,) = re.findall(r'<link rel="alternate" type="text/calendar"[^>]*href="([^"]+)"', page)
    assert feed.endswith(f"/calendar/fr/series/{series_id}.ics")
    response = client.get(f"/calendar/fr/series/{series_id}.ics")
    assert response.status_code == 200
    assert response.content_type.startswith("text/calendar")
    events = both_parsers(response.data)
    assert sorted(e.uid for e in events) == sorted(
        db.session.scalars(
            db.select(EventSession.calendar_uid).where(EventSession.series_id == series_id)
        )
    )
    assert b"METHOD:PUBLISH" in response.data


def test_each_date_and_the_home_page_link_to_the_series(client, series_id):
    assert f"/series/{series_id}" in client.get(f"/sessions/{date_ids(series_id)[0]}").get_data(
        as_text=True
    )
    assert f"/series/{series_id}" in client.get("/").get_data(as_text=True)


def test_unknown_and_draft_series_do_not_exist(client, organiser, now):
    first = (now + timedelta(days=20)).date()
    draft = series_admin.create_series(
        db.session, organiser, series_template(first), weekly(first, count=2), now=now
    )
    for url in (f"/series/{draft}", "/series/999", f"/calendar/fr/series/{draft}.ics"):
        assert client.get(url).status_code == 404


def test_three_dates_in_one_form(client, series_id):
    ids = date_ids(series_id)
    form = registration_form(email="ana@example.com")
    form["dates"] = [str(i) for i in ids[:3]]
    response = client.post(f"/series/{series_id}/register", data=form)
    assert response.status_code == 302
    mine = db.session.scalars(
        db.select(Registration.event_session_id).where(Registration.email == "ana@example.com")
    ).all()
    assert sorted(mine) == ids[:3]
    confirmations = outbox("confirmed")
    assert len(confirmations) == 3
    # Each date's invite is its own iTIP message with its own UID, read alike by both parsers.
    uids = set()
    for message in confirmations:
        _mail, data, method = calendar_of(message.raw)
        assert method == "REQUEST"
        (event,) = both_parsers(data)
        uids.add(event.uid)
    assert uids == set(
        db.session.scalars(db.select(EventSession.calendar_uid).where(EventSession.id.in_(ids[:3])))
    )


def test_all_coming_dates(client, series_id):
    form = registration_form(email="ana@example.com", all_dates="y")
    client.post(f"/series/{series_id}/register", data=form)
    assert db.session.scalar(db.select(db.func.count()).select_from(Registration)) == 4


def test_no_date_chosen_or_a_missing_field_is_sent_back(client, series_id):
    response = client.post(f"/series/{series_id}/register", data=registration_form())
    assert response.status_code == 409
    form = registration_form(consent=None)
    form["dates"] = [str(date_ids(series_id)[0])]
    assert client.post(f"/series/{series_id}/register", data=form).status_code == 422
    assert db.session.scalars(db.select(Registration)).all() == []


def test_the_manage_page_adds_and_cancels_other_dates(client, series_id, now):
    ids = date_ids(series_id)
    mine = register(db.session, ids[0], applicant("ana@example.com"), now=now)
    token = make_manage_token(mine.registration_id)
    page = client.get(f"/manage/{token}").get_data(as_text=True)
    for other in ids[1:]:
        assert f"/manage/{token}/dates/{other}/join" in page
    assert client.post(f"/manage/{token}/dates/{ids[2]}/join").status_code == 302
    joined = db.session.scalars(
        db.select(Registration).where(Registration.event_session_id == ids[2])
    ).one()
    assert joined.status is RegistrationStatus.CONFIRMED
    assert f"/manage/{token}/dates/{ids[2]}/cancel" in client.get(f"/manage/{token}").get_data(
        as_text=True
    )
    client.post(f"/manage/{token}/dates/{ids[2]}/cancel")
    db.session.expire_all()
    assert db.session.get(Registration, joined.id).status is RegistrationStatus.CANCELLED
    assert client.post(f"/manage/{token}/dates/9999/join").status_code == 404
