"""Build a complete e-mail (text and HTML alternatives) ready to be stored and sent."""

from __future__ import annotations

import re
from collections.abc import Sequence
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
class InlineImage:
    """An image the HTML shows in place (``<img src="cid:…">``), sent inside the message:
    mail programs block images fetched from the web until asked, not these."""

    #: The Content-ID without its angle brackets, as the HTML names it after "cid:".
    content_id: str
    data: bytes
    filename: str
    subtype: str = "png"


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
    inline_images: Sequence[InlineImage] = (),
) -> EmailMessage:
    """Text and HTML alternatives, plus the invite if there is one, and images shown inside
    the HTML (the HTML then travels as multipart/related with them).

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
    if inline_images:
        html_part = next(
            part for part in message.iter_parts() if part.get_content_type() == "text/html"
        )
        for image in inline_images:
            html_part.add_related(
                image.data,
                maintype="image",
                subtype=image.subtype,
                cid=f"<{image.content_id}>",
                filename=image.filename,
                disposition="inline",
            )
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
