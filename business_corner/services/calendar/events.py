"""One session as a VEVENT."""

from __future__ import annotations

from datetime import datetime

from icalendar import Conference, Event, vCalAddress
from icalendar.enums import STATUS, TRANSP

from business_corner.models import EventSession
from business_corner.services.calendar.texts import EventTexts


def organizer_of(event: EventSession) -> vCalAddress:
    """The chapter's mailbox: replies from calendars and e-mail land there."""
    chapter = event.chapter
    return vCalAddress.new(chapter.contact_email, cn=f"Business corner {chapter.name}")


def session_event(
    event: EventSession,
    texts: EventTexts,
    *,
    url: str,
    stamp: datetime,
    status: STATUS,
    attendee: vCalAddress | None = None,
    conference_url: str | None = None,
) -> Event:
    """A VEVENT with the session's stable UID and current SEQUENCE.

    Start and end carry the session's own TZID (a matching VTIMEZONE goes in the calendar),
    so each calendar shows them in its reader's zone.
    """
    component = Event.new(
        uid=event.calendar_uid,
        sequence=event.calendar_sequence,
        stamp=stamp,
        created=event.created_at,
        last_modified=event.updated_at,
        start=event.starts_at.astimezone(event.zone),
        end=event.ends_at.astimezone(event.zone),
        summary=texts.summary,
        description=texts.description,
        location=texts.location or None,
        url=url,
        status=status,
        transparency=TRANSP.OPAQUE,
        organizer=organizer_of(event),
        attendees=[attendee] if attendee is not None else None,
        conferences=(
            [Conference(conference_url, feature="VIDEO", label="Business corner")]
            if conference_url
            else None
        ),
    )
    for name in ("SUMMARY", "DESCRIPTION"):
        component[name].params["LANGUAGE"] = texts.language
    return component
