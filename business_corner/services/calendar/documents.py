"""Whole calendars (VCALENDAR): the shell every invite, download and feed shares."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from enum import StrEnum
from functools import lru_cache

from icalendar import Calendar, Component, vCalAddress, vDuration

from business_corner.models import EventSession
from business_corner.services.calendar.timezones import (
    vtimezone,
    vtimezone_for_years,
    year_range,
)

PRODID = "-//Business corner//Sessions//EN"
#: Feeds ask to be polled hourly (RFC 7986 REFRESH-INTERVAL, and Outlook's X-PUBLISHED-TTL).
REFRESH = timedelta(hours=1)
_UNSAFE_IN_NAMES = re.compile(r'[\x00-\x1f\x7f"]+')
_CLOSING = b"END:VCALENDAR\r\n"


class Method(StrEnum):
    """iTIP methods (RFC 5546): REQUEST and CANCEL are mailed, PUBLISH is downloaded."""

    PUBLISH = "PUBLISH"
    REQUEST = "REQUEST"
    CANCEL = "CANCEL"


def calendar_shell(method: Method, *, name: str | None = None, zone: str | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method.value)
    if name:
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
    if zone:
        calendar.add("x-wr-timezone", zone)
    if method is Method.PUBLISH and name:
        calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(REFRESH))
    return calendar


def add_timezones(calendar: Calendar, events: Iterable[EventSession]) -> None:
    """One VTIMEZONE per zone used, covering the years of the events that use it."""
    moments: dict[str, list[datetime]] = {}
    for event in events:
        moments.setdefault(event.timezone, []).extend((event.starts_at, event.ends_at))
    for zone in sorted(moments):
        calendar.add_component(vtimezone(zone, moments[zone]))


def person(email: str, name: str, **parameters: object) -> vCalAddress:
    """A calendar address; a name can hold no quote or control character (it is a parameter)."""
    cn = " ".join(_UNSAFE_IN_NAMES.sub(" ", name).split())
    return vCalAddress.new(email, cn=cn or None, **parameters)  # type: ignore[arg-type]  # callers' RFC 5545 parameters


def serialise(calendar: Calendar, components: Iterable[Component | bytes] = ()) -> bytes:
    """The calendar's bytes (CRLF lines folded at 75 octets), with components appended.

    Components may be given as bytes that icalendar serialised earlier (the feeds cache
    each event's bytes); they are placed before END:VCALENDAR, where icalendar puts them.
    """
    return _assemble(_opening(calendar), components)


def serialise_one_session(method: Method, event: EventSession, component: Component) -> bytes:
    """``serialise`` of a calendar with ``event``'s zone and one component, for mail.

    Everything before the event (the shell and the VTIMEZONE, most of the bytes) is the
    same for every attendee of every session in that zone and years: it is serialised
    once per process, which is what makes an invite cheap during a rush.
    """
    first_year, last_year = year_range((event.starts_at, event.ends_at))
    return _assemble(_shell_with_zone(method, event.timezone, first_year, last_year), [component])


@lru_cache(maxsize=256)
def _shell_with_zone(method: Method, zone: str, first_year: int, last_year: int) -> bytes:
    calendar = calendar_shell(method)
    calendar.add_component(vtimezone_for_years(zone, first_year, last_year))
    return _opening(calendar)


def _opening(calendar: Calendar) -> bytes:
    body: bytes = calendar.to_ical()
    if not body.endswith(_CLOSING):
        raise ValueError("not a serialised VCALENDAR")
    return body[: -len(_CLOSING)]


def _assemble(opening: bytes, components: Iterable[Component | bytes]) -> bytes:
    parts = [opening]
    for component in components:
        parts.append(component if isinstance(component, bytes) else component.to_ical())
    parts.append(_CLOSING)
    return b"".join(parts)
