"""Links that open Google Calendar, Outlook.com or Microsoft 365 with a session or a feed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from business_corner.models import EventSession
from business_corner.services.calendar.texts import session_texts
from business_corner.services.city_times import City
from business_corner.services.links import Links

_OUTLOOK_COM = "https://outlook.live.com/calendar/0"
_MICROSOFT_365 = "https://outlook.office.com/calendar/0"


@dataclass(frozen=True)
class CalendarLinks:
    google: str
    outlook_com: str
    microsoft_365: str
    ics: str


def add_event_links(event: EventSession, cities: Sequence[City], links: Links) -> CalendarLinks:
    """ "Add to calendar" links for one session, in the current language."""
    page = links.session_page(event.id)
    texts = session_texts(event, cities, page_url=page)
    starts, ends = event.starts_at.astimezone(UTC), event.ends_at.astimezone(UTC)
    google = {
        "action": "TEMPLATE",
        "text": texts.summary,
        "dates": f"{starts:%Y%m%dT%H%M%SZ}/{ends:%Y%m%dT%H%M%SZ}",
        "details": texts.description,
        "location": texts.location,
        "ctz": event.timezone,
    }
    outlook = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": texts.summary,
        "startdt": starts.isoformat().replace("+00:00", "Z"),
        "enddt": ends.isoformat().replace("+00:00", "Z"),
        "body": texts.description,
        "location": texts.location,
    }
    return CalendarLinks(
        google="https://calendar.google.com/calendar/render?" + urlencode(google, quote_via=quote),
        outlook_com=f"{_OUTLOOK_COM}/action/compose?" + urlencode(outlook, quote_via=quote),
        microsoft_365=f"{_MICROSOFT_365}/action/compose?" + urlencode(outlook, quote_via=quote),
        ics=links.session_ics(event.id),
    )


@dataclass(frozen=True)
class SubscribeLinks:
    webcal: str
    https: str
    google: str
    outlook_com: str
    microsoft_365: str


def subscribe_links(feed_url: str, name: str) -> SubscribeLinks:
    """Ways to subscribe to a feed: webcal:// (Apple, Outlook desktop), Google, Outlook web."""
    parts = urlsplit(feed_url)
    webcal = urlunsplit(("webcal", *parts[1:]))
    web = urlencode({"url": feed_url, "name": name}, quote_via=quote)
    return SubscribeLinks(
        webcal=webcal,
        https=feed_url,
        google="https://calendar.google.com/calendar/r?"
        + urlencode({"cid": webcal}, quote_via=quote),
        outlook_com=f"{_OUTLOOK_COM}/addfromweb?{web}",
        microsoft_365=f"{_MICROSOFT_365}/addfromweb?{web}",
    )
