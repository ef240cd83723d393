"""Reading calendars back: with icalendar, with vobject (an independent parser), and raw."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage

import vobject
import vobject.icalendar
from icalendar import Calendar


@dataclass(frozen=True)
class ParsedEvent:
    uid: str
    start: datetime  #: UTC
    end: datetime  #: UTC
    summary: str
    location: str
    sequence: int
    status: str


def check_wire_format(data: bytes) -> None:
    """RFC 5545 §3.1: CRLF line endings, lines folded at 75 octets."""
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert all(len(line) <= 75 for line in lines), max(lines, key=len)


def with_icalendar(data: bytes) -> list[ParsedEvent]:
    calendar = Calendar.from_ical(data)
    return [
        ParsedEvent(
            uid=str(event["UID"]),
            start=event.decoded("DTSTART").astimezone(UTC),
            end=event.decoded("DTEND").astimezone(UTC),
            summary=str(event["SUMMARY"]),
            location=str(event.get("LOCATION", "")),
            sequence=int(event.get("SEQUENCE", 0)),
            status=str(event.get("STATUS", "")),
        )
        for event in calendar.walk("VEVENT")
    ]


def with_vobject(data: bytes) -> list[ParsedEvent]:
    """vobject resolves TZID through the VTIMEZONE in the file itself, not the system's
    zone database: a wrong VTIMEZONE gives a wrong instant here."""
    # vobject remembers the first VTIMEZONE it met for each TZID, for the whole process;
    # forget them so that this file's own VTIMEZONE is the one read.
    registry = vars(vobject.icalendar)["__tzidMap"]
    for tzid in [tzid for tzid in registry if tzid != "UTC"]:
        del registry[tzid]
    calendar = vobject.readOne(data.decode("utf-8"))
    events = []
    for event in calendar.vevent_list:
        events.append(
            ParsedEvent(
                uid=event.uid.value,
                start=event.dtstart.value.astimezone(UTC),
                end=event.dtend.value.astimezone(UTC),
                summary=event.summary.value,
                location=event.location.value if hasattr(event, "location") else "",
                sequence=int(event.sequence.value) if hasattr(event, "sequence") else 0,
                status=event.status.value if hasattr(event, "status") else "",
            )
        )
    return events


def both_parsers(data: bytes) -> list[ParsedEvent]:
    """The events as both parsers read them, which must agree."""
    check_wire_format(data)
    first, second = with_icalendar(data), with_vobject(data)
    assert first == second, (first, second)
    return first


def calendar_of(raw_mail: bytes) -> tuple[EmailMessage, bytes, str]:
    """The message, its text/calendar part's bytes and that part's method parameter."""
    message = message_from_bytes(raw_mail, policy=policy.default)
    parts = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    return message, parts[0].get_payload(decode=True), parts[0].get_param("method")
