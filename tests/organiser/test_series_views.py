"""Organisers' series pages: create, see the season, publish, edit this and following,
change the rule, add a date; another chapter's series does not exist."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest

from business_corner.extensions import db
from business_corner.models import EventSession, Series
from business_corner.services.registration import register
from tests.organiser.test_sessions_views import session_form
from tests.support.applicants import applicant
from tests.support.records import outbox

PARIS = ZoneInfo("Europe/Paris")


def series_form(first: date, **overrides: object) -> dict[str, object]:
    form = session_form(
        first,
        recurrence="weekly",
        interval="1",
        nth="1",
        weekday="3",
        end="count",
        count="4",
        skipped_days="",
        listed_days="",
    )
    form.update(overrides)
    return form


@pytest.fixture
def first_day(now) -> date:
    return (now + timedelta(days=30)).date()


@pytest.fixture
def logged_in(client, organiser, login):
    login(organiser)
    return organiser


def dates() -> list[EventSession]:
    db.session.expire_all()
    return list(db.session.scalars(db.select(EventSession).order_by(EventSession.starts_at)))


def test_an_organiser_creates_a_weekly_series_and_publishes_it(client, logged_in, first_day):
    response = client.post(
        "/organiser/series/new",
        data=series_form(first_day, skipped_days=(first_day + timedelta(days=7)).isoformat()),
    )
    assert response.status_code == 302
    series = db.session.scalars(db.select(Series)).one()
    assert response.location.endswith(f"/organiser/series/{series.id}")
    days = [event.starts_at.astimezone(PARIS).date() for event in dates()]
    assert days == [first_day + timedelta(days=7 * n) for n in (0, 2, 3, 4)]
    assert {event.starts_at.astimezone(PARIS).strftime("%H:%M") for event in dates()} == {"18:30"}
    page = client.get(f"/organiser/series/{series.id}").get_data(as_text=True)
    assert page.count("/edit") == 4
    assert client.post(f"/organiser/series/{series.id}/publish").status_code == 302
    assert all(event.is_published for event in dates())
    dashboard = client.get("/organiser/").get_data(as_text=True)
    assert f"/organiser/series/{series.id}" in dashboard


def test_a_bad_rule_is_refused_with_nothing_saved(client, logged_in, first_day):
    response = client.post("/organiser/series/new", data=series_form(first_day, count="0"))
    assert response.status_code == 422
    assert "60 dates" in response.get_data(as_text=True)
    response = client.post(
        "/organiser/series/new", data=series_form(first_day, recurrence="nope", skipped_days="soon")
    )
    assert response.status_code == 422
    assert db.session.scalars(db.select(Series)).all() == []


@pytest.fixture
def published(client, logged_in, first_day) -> int:
    client.post("/organiser/series/new", data=series_form(first_day))
    series_id = db.session.scalars(db.select(Series.id)).one()
    client.post(f"/organiser/series/{series_id}/publish")
    return series_id


def test_edit_this_and_following_from_the_session_form(client, published, now):
    events = dates()
    register(db.session, events[3].id, applicant("ana@example.com"), now=now)
    outbox()
    second_day = events[1].starts_at.astimezone(PARIS).date()
    response = client.post(
        f"/organiser/sessions/{events[1].id}/edit",
        data=session_form(second_day, starts="19:00", ends="20:30", scope="following"),
    )
    assert response.status_code == 302
    assert [e.starts_at.astimezone(PARIS).strftime("%H:%M") for e in dates()] == [
        "18:30",
        "19:00",
        "19:00",
        "19:00",
    ]
    assert [m.event_session_id for m in outbox("session_updated")] == [events[3].id]


def test_edit_this_date_only(client, published):
    events = dates()
    day = events[1].starts_at.astimezone(PARIS).date()
    client.post(
        f"/organiser/sessions/{events[1].id}/edit",
        data=session_form(day, starts="19:00", ends="20:30", scope="this"),
    )
    assert [e.starts_at.astimezone(PARIS).strftime("%H:%M") for e in dates()] == [
        "18:30",
        "19:00",
        "18:30",
        "18:30",
    ]


def test_change_the_rule_and_add_a_date(client, published, first_day):
    page = client.get(f"/organiser/series/{published}/rule")
    assert page.status_code == 200
    response = client.post(
        f"/organiser/series/{published}/rule",
        data={
            "first_day": first_day.isoformat(),
            "recurrence": "weekly",
            "interval": "2",
            "end": "count",
            "count": "2",
            "nth": "1",
            "weekday": "3",
        },
    )
    assert response.status_code == 302
    assert [e.is_cancelled for e in dates()] == [False, True, False, True]
    new_day = first_day + timedelta(days=70)
    client.post(f"/organiser/series/{published}/dates", data={"day": new_day.isoformat()})
    assert dates()[-1].starts_at.astimezone(PARIS).date() == new_day
    assert dates()[-1].is_published


def test_another_chapters_series_does_not_exist(
    client, published, los_angeles, make_organiser, login
):
    client.post("/organiser/logout")
    login(make_organiser(los_angeles))
    for url in (f"/organiser/series/{published}", f"/organiser/series/{published}/rule"):
        assert client.get(url).status_code == 404
    assert client.post(f"/organiser/series/{published}/publish").status_code == 404
