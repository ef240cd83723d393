"""Subscribable feeds: content, names, refresh hints, caching headers and 304s."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from icalendar import Calendar

from business_corner.extensions import db
from business_corner.links import site_links
from business_corner.services.calendar import feeds
from business_corner.services.registration import register
from business_corner.vocabulary import SessionStatus
from tests.calendar.support import both_parsers
from tests.support.applicants import applicant
from tests.support.tokens import make_feed_token, make_manage_token


def test_the_public_feed_holds_published_and_cancelled_sessions(
    client, marseille, los_angeles, make_session
):
    upcoming = make_session(marseille, title_fr="À venir")
    recent = make_session(los_angeles, title_fr="Récente", starts_in=timedelta(days=-10))
    cancelled = make_session(marseille, title_fr="Annulée", status=SessionStatus.CANCELLED)
    make_session(marseille, title_fr="Brouillon", status=SessionStatus.DRAFT)
    make_session(marseille, title_fr="Ancienne", starts_in=timedelta(days=-90))

    response = client.get("/calendar/fr/sessions.ics")

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    data = response.data
    calendar = Calendar.from_ical(data)
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "Business corner\u00a0: toutes les sessions"
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Paris"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in data
    assert b"X-PUBLISHED-TTL:PT1H\r\n" in data
    events = {e.uid: e for e in both_parsers(data)}
    assert set(events) == {upcoming.calendar_uid, recent.calendar_uid, cancelled.calendar_uid}
    assert events[cancelled.calendar_uid].status == "CANCELLED"
    assert events[cancelled.calendar_uid].summary == "Annulée\u00a0: Annulée"
    assert {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")} == {
        "Europe/Paris",
        "America/Los_Angeles",
    }
    assert b"meet.test" not in data  # video links are for registered attendees only


def test_feeds_are_named_in_their_language_and_per_chapter(
    client, marseille, los_angeles, make_session
):
    make_session(marseille, title_en="Marseille session")
    make_session(los_angeles, title_en="LA session")
    english = Calendar.from_ical(client.get("/calendar/en/chapters/los-angeles.ics").data)
    assert str(english["X-WR-CALNAME"]) == "Business corner: Los Angeles"
    assert str(english["X-WR-TIMEZONE"]) == "America/Los_Angeles"
    assert [str(e["SUMMARY"]) for e in english.walk("VEVENT")] == ["LA session"]
    assert client.get("/calendar/de/sessions.ics").status_code == 404
    assert client.get("/calendar/fr/chapters/paris.ics").status_code == 404


def test_an_unchanged_feed_answers_304_without_being_built(
    client, marseille, make_session, monkeypatch
):
    make_session(marseille)
    first = client.get("/calendar/fr/sessions.ics")
    etag, last_modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert etag and last_modified
    assert "max-age=300" in first.headers["Cache-Control"]

    def must_not_build(*args, **kwargs):
        raise AssertionError("an unchanged feed was built")

    monkeypatch.setattr("business_corner.calendar.views.build_feed", must_not_build)
    by_etag = client.get("/calendar/fr/sessions.ics", headers={"If-None-Match": etag})
    by_date = client.get("/calendar/fr/sessions.ics", headers={"If-Modified-Since": last_modified})
    for response in (by_etag, by_date):
        assert response.status_code == 304 and response.data == b""
        assert response.headers["ETag"] == etag


def test_a_change_gives_a_new_etag_and_new_content(client, marseille, make_session, now):
    event = make_session(marseille, title_fr="Avant")
    first = client.get("/calendar/fr/sessions.ics")
    again = client.get("/calendar/fr/sessions.ics")
    assert again.data == first.data  # built twice, byte for byte the same

    event.title_fr = "Après"
    event.updated_at = now + timedelta(minutes=1)
    db.session.commit()
    changed = client.get(
        "/calendar/fr/sessions.ics", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert changed.status_code == 200 and changed.headers["ETag"] != first.headers["ETag"]
    assert b"SUMMARY;LANGUAGE=fr:Apr" in changed.data


def test_the_other_language_has_its_own_etag(client, marseille, make_session):
    make_session(marseille)
    french = client.get("/calendar/fr/sessions.ics").headers["ETag"]
    english = client.get("/calendar/en/sessions.ics").headers["ETag"]
    assert french != english


@pytest.fixture
def private_feed_url(organiser):
    def url(language="fr"):
        token = make_feed_token(organiser.id, organiser.calendar_feed_version)
        return f"/calendar/{language}/private/{token}.ics"

    return url


def test_the_private_feed_shows_drafts_and_seats_but_no_attendee(
    client, organiser, marseille, los_angeles, make_session, now, private_feed_url
):
    event = make_session(marseille, capacity=2, title_en="Pitch")
    make_session(marseille, status=SessionStatus.DRAFT, title_en="Planning")
    make_session(los_angeles, title_en="Not ours")
    for index in range(3):
        register(
            db.session,
            event.id,
            applicant(f"person{index}@secret.example", first_name="Privatename"),
            now=now,
        )

    response = client.get(private_feed_url("en"))

    assert response.status_code == 200
    assert "private" in response.headers["Cache-Control"]
    data = response.data
    summaries = {e.summary for e in both_parsers(data)}
    assert summaries == {"Pitch", "Draft: Planning"}
    descriptions = [str(e["DESCRIPTION"]) for e in Calendar.from_ical(data).walk("VEVENT")]
    assert any("Seats: 2 confirmed out of 2 seats, 1 waiting." in text for text in descriptions)
    assert b"secret.example" not in data and b"Privatename" not in data
    assert b"ATTENDEE" not in data


def test_seat_changes_refresh_the_private_feed(
    client, organiser, marseille, make_session, now, private_feed_url
):
    event = make_session(marseille)
    etag = client.get(private_feed_url()).headers["ETag"]
    register(db.session, event.id, applicant(), now=now + timedelta(seconds=1))
    assert client.get(private_feed_url(), headers={"If-None-Match": etag}).status_code == 200


def test_rotating_the_private_feed_kills_the_old_address(
    client, organiser, login, marseille, make_session, private_feed_url
):
    make_session(marseille)
    old = private_feed_url()
    assert client.get(old).status_code == 200
    login(organiser)
    page = client.get("/organiser/").get_data(as_text=True)
    assert old.removesuffix(".ics").split("/")[-1] in page

    confirm = client.get("/organiser/calendar/rotate", headers={"Accept-Language": "en"})
    assert "Replace your calendar feed address?" in confirm.get_data(as_text=True)
    assert client.get(old).status_code == 200  # asking changes nothing

    client.post("/organiser/calendar/rotate")

    db.session.refresh(organiser)
    assert client.get(old).status_code == 404
    assert client.get(private_feed_url()).status_code == 200


@pytest.mark.parametrize("kind", ["garbage", "manage token", "forged"])
def test_forged_or_foreign_tokens_open_no_private_feed(client, app, organiser, kind):
    from itsdangerous import URLSafeSerializer

    token = {
        "garbage": "not-a-token",
        "manage token": make_manage_token(organiser.id),
        "forged": URLSafeSerializer("wrong key", salt="business-corner/organiser-feed").dumps(
            [organiser.id, 0]
        ),
    }[kind]
    assert client.get(f"/calendar/fr/private/{token}.ics").status_code == 404


def test_the_session_download_is_a_publish_calendar(client, marseille, make_session):
    event = make_session(marseille)
    response = client.get(f"/sessions/{event.id}/calendar.ics")
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response.headers["Content-Disposition"]
    assert str(Calendar.from_ical(response.data)["METHOD"]) == "PUBLISH"
    (parsed,) = both_parsers(response.data)
    assert (parsed.uid, parsed.start) == (event.calendar_uid, event.starts_at)
    draft = make_session(marseille, status=SessionStatus.DRAFT)
    assert client.get(f"/sessions/{draft.id}/calendar.ics").status_code == 404


def test_the_home_page_offers_the_feeds(client, marseille, make_session):
    make_session(marseille)
    page = client.get("/").get_data(as_text=True)
    assert re.search(
        r'<link rel="alternate" type="text/calendar" title="[^"]+" '
        r'href="https://business-corner.test/calendar/fr/sessions.ics">',
        page,
    )
    assert "webcal://business-corner.test/calendar/fr/sessions.ics" in page
    assert "webcal://business-corner.test/calendar/fr/chapters/marseille.ics" in page
    assert "calendar.google.com/calendar/r?cid=webcal%3A%2F%2Fbusiness-corner.test" in page


def test_session_and_confirmation_pages_offer_add_to_calendar(client, marseille, make_session):
    from tests.support.applicants import registration_form

    event = make_session(marseille, title_en="Pitch night")
    page = client.get(f"/sessions/{event.id}", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )
    assert (
        "https://calendar.google.com/calendar/render?action=TEMPLATE&amp;text=Pitch%20night" in page
    )
    assert "https://outlook.live.com/calendar/0/action/compose?" in page
    assert "https://outlook.office.com/calendar/0/action/compose?" in page
    assert f"https://business-corner.test/sessions/{event.id}/calendar.ics" in page
    client.post(f"/sessions/{event.id}/register", data=registration_form())
    confirmation = client.get(f"/sessions/{event.id}/registered").get_data(as_text=True)
    assert "https://calendar.google.com/calendar/render?" in confirmation


def test_an_event_is_serialised_once_per_version(app, marseille, make_session, now):
    events = [make_session(marseille, starts_in=timedelta(days=i + 1)) for i in range(3)]
    scope = feeds.FeedScope("fr")
    feeds._event_bytes.clear()
    feeds.build_feed(db.session, scope, now, name="x", zone="Europe/Paris", links=site_links())
    assert len(feeds._event_bytes) == 3
    events[0].title_fr = "Changée"
    events[0].updated_at = now + timedelta(minutes=1)
    db.session.commit()
    data = feeds.build_feed(
        db.session, scope, now, name="x", zone="Europe/Paris", links=site_links()
    )
    assert len(feeds._event_bytes) == 4 and "Changée".encode() in data


MARKDOWN = (
    "**Bienvenue** à tous ! Apportez vos [cartes de visite](https://cci.test/cartes).\n\n"
    "- un\n- deux"
)


@pytest.mark.parametrize(
    "path",
    [
        "/calendar/fr/sessions.ics",
        "/calendar/fr/chapters/marseille.ics",
        "/sessions/{id}/calendar.ics",
    ],
)
def test_calendars_get_plain_text_with_links_written_out(client, marseille, make_session, path):
    event = make_session(marseille)
    event.description_fr = MARKDOWN
    db.session.commit()
    data = client.get(path.format(id=event.id)).data
    (description,) = [str(e["DESCRIPTION"]) for e in Calendar.from_ical(data).walk("VEVENT")]
    assert description.startswith(
        "Bienvenue à tous ! Apportez vos cartes de visite (https://cci.test/cartes).\n\n"
        "- un\n- deux\n"
    )
    assert "**" not in description and "](" not in description


@pytest.mark.parametrize(
    ("language", "name", "other"),
    [("fr", "Google Agenda", "Google Calendar"), ("en", "Google Calendar", "Google Agenda")],
)
def test_google_s_calendar_has_one_name_per_language(
    client, marseille, make_session, language, name, other
):
    event = make_session(marseille)
    for path in ("/", f"/sessions/{event.id}"):
        page = client.get(path, headers={"Accept-Language": language}).get_data(as_text=True)
        assert name in page and other not in page, path
