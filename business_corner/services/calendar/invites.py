"""Invitations mailed to one attendee (iTIP REQUEST / CANCEL), and the session download."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from icalendar.enums import STATUS

from business_corner.models import EventSession, Registration
from business_corner.services.attendance import video_link_for
from business_corner.services.calendar.documents import (
    Method,
    add_timezones,
    calendar_shell,
    person,
    serialise,
    serialise_one_session,
)
from business_corner.services.calendar.events import session_event
from business_corner.services.calendar.texts import session_texts
from business_corner.services.city_times import City
from business_corner.services.links import Links


def invitation(
    registration: Registration,
    method: Method,
    cities: Sequence[City],
    now: datetime,
    links: Links,
) -> bytes:
    """The attendee's copy of the session: REQUEST to add or update it, CANCEL to remove it.

    Call under ``force_locale(registration.locale)``: the texts are in the attendee's
    language. The attendee has accepted already (they registered), so PARTSTAT=ACCEPTED
    and RSVP=FALSE: calendars show the event as theirs and ask nothing.
    """
    event = registration.event_session
    seated = method is Method.REQUEST and not event.is_cancelled
    video_url = video_link_for(registration) if seated else None
    texts = session_texts(
        event,
        cities,
        page_url=links.session_page(event.id),
        manage_url=links.manage(registration.id),
        video_url=video_url,
    )
    attendee = person(
        registration.email,
        registration.full_name,
        partstat="ACCEPTED",
        rsvp=False,
        role="REQ-PARTICIPANT",
        cutype="INDIVIDUAL",
    )
    component = session_event(
        event,
        texts,
        url=links.session_page(event.id),
        stamp=now,
        status=STATUS.CONFIRMED if seated else STATUS.CANCELLED,
        attendee=attendee,
        conference_url=video_url,
    )
    return serialise_one_session(method, event, component)


def session_download(
    event: EventSession, cities: Sequence[City], now: datetime, links: Links
) -> bytes:
    """A single session to import by hand (METHOD:PUBLISH, no attendee, no video link)."""
    page = links.session_page(event.id)
    calendar = calendar_shell(Method.PUBLISH)
    add_timezones(calendar, [event])
    component = session_event(
        event,
        session_texts(event, cities, page_url=page),
        url=page,
        stamp=now,
        status=STATUS.CANCELLED if event.is_cancelled else STATUS.CONFIRMED,
    )
    return serialise(calendar, [component])
