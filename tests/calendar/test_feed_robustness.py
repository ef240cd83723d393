"""One session a calendar cannot hold never takes a feed down: it is left out and logged."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest

from business_corner.extensions import db
from business_corner.vocabulary import SessionStatus
from tests.calendar.support import both_parsers
from tests.support.tokens import make_feed_token


def feeds(organiser) -> list[str]:
    token = make_feed_token(organiser.id, organiser.calendar_feed_version)
    return [
        "/calendar/fr/sessions.ics",
        "/calendar/en/chapters/marseille.ics",
        f"/calendar/fr/private/{token}.ics",
    ]


def move(event, starts_at: datetime, zone: str | None = None) -> None:
    """Stored directly, as older data or another path could have stored it."""
    event.starts_at, event.ends_at = starts_at, starts_at + timedelta(hours=1)
    event.timezone = zone or event.timezone
    db.session.commit()


@pytest.mark.parametrize("year", [9998, 9999])
def test_sessions_in_the_last_years_a_date_can_hold_are_served(
    client, organiser, marseille, make_session, year
):
    event = make_session(marseille)
    move(event, datetime(year, 12, 31, 20, 0, tzinfo=UTC))
    for url in [*feeds(organiser), f"/sessions/{event.id}/calendar.ics"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert [e.start.year for e in both_parsers(response.data)] == [year]


@pytest.mark.parametrize(
    "starts_at, zone",
    [
        # Ends at 10000-01-01 local time in Kiritimati (UTC+14): no date can hold it.
        (datetime(9999, 12, 31, 20, 0, tzinfo=UTC), "Pacific/Kiritimati"),
        # A zone the time zone database no longer knows.
        (datetime.now(UTC) + timedelta(days=3), "Mars/Olympus_Mons"),
    ],
)
def test_a_session_that_cannot_be_encoded_is_left_out(
    client, organiser, marseille, make_session, caplog, starts_at, zone
):
    good = make_session(marseille, title_en="Good one", title_fr="La bonne")
    bad = make_session(marseille, starts_in=timedelta(days=2), status=SessionStatus.PUBLISHED)
    move(bad, starts_at, zone)
    for url in feeds(organiser):
        caplog.clear()
        with caplog.at_level(logging.ERROR, logger="business_corner.services.calendar.feeds"):
            response = client.get(url)
        assert response.status_code == 200, url
        events = both_parsers(response.data)
        assert [e.uid for e in events] == [good.calendar_uid], url
        assert f"session {bad.id} left out of a feed" in caplog.text
