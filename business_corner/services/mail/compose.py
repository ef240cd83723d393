"""Build a complete e-mail (text and HTML alternatives) ready to be stored and sent."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from typing import Protocol

from sqlalchemy.orm import Session

from business_corner.models import OutboxMessage

_LINE_BREAKS = re.compile(r"[\r\n\t\x00-\x1f\x7f]+")


def header_safe(text: str) -> str:
    """Text fit for a header: line breaks and control characters become single spaces.

    The email package refuses CR/LF in headers; folding them here keeps a name like
    "Ana\\r\\nBcc: x" from crashing the sender or injecting a header.
    """
    return _LINE_BREAKS.sub(" ", text).strip()


def envelope_address(sender: str) -> str:
    """The bare address of a "Name <address>" sender, for the SMTP envelope."""
    return parseaddr(sender)[1]


class WriteOut(Protocol):
    """Writes out a message recorded as a notice; the mail side (``business_corner.mail``)
    supplies it. Returns False, composing nothing, when events made the message pointless."""

    def __call__(self, session: Session, message: OutboxMessage, now: datetime) -> bool: ...


@dataclass(frozen=True)
class CalendarPart:
    """An iCalendar object to send with a message (iMIP, RFC 6047)."""

    method: str
    data: bytes


def build_message(
    *,
    sender: str,
    recipient: str,
    recipient_name: str,
    reply_to: str | None,
    subject: str,
    text: str,
    html: str,
    locale: str,
    now: datetime,
    calendar: CalendarPart | None = None,
) -> EmailMessage:
    """Text and HTML alternatives, plus the invite if there is one.

    With an invite the structure is what Outlook, Gmail and Apple Mail recognise:
    multipart/mixed › multipart/alternative (text/plain, text/html,
    text/calendar; method=…) and the same calendar attached as invite.ics. The calendar
    goes base64-encoded so that its CRLF line endings arrive exactly as written.
    """
    message = EmailMessage()
    message["Subject"] = header_safe(subject)
    message["From"] = sender
    message["To"] = Address(display_name=header_safe(recipient_name), addr_spec=recipient)
    if reply_to:
        message["Reply-To"] = reply_to
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=envelope_address(sender).rpartition("@")[2])
    # Tells auto-responders (out-of-office) not to answer.
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    if calendar is not None:
        message.add_alternative(
            calendar.data,
            maintype="text",
            subtype="calendar",
            params={"method": calendar.method, "charset": "UTF-8"},
        )
        message.add_attachment(
            calendar.data,
            maintype="application",
            subtype="ics",
            filename="invite.ics",
            params={"name": "invite.ics"},
        )
    # After the content: set_content() clears every Content-* header.
    message["Content-Language"] = locale
    return message
