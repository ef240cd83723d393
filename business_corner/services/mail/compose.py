"""Build a complete e-mail (text and HTML alternatives) ready to be stored and sent."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.charset import QP, Charset
from email.encoders import encode_base64
from email.headerregistry import Address
from email.message import Message
from email.mime.application import MIMEApplication
from email.mime.base import MIMEBase
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import SMTP, EmailPolicy, compat32
from email.utils import format_datetime, make_msgid, parseaddr
from typing import Any, Protocol

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
) -> Message:
    """Text and HTML alternatives, plus the invite if there is one, and images shown inside
    the HTML (the HTML then travels as multipart/related with them).

    With an invite the structure is what Outlook, Gmail and Apple Mail recognise:
    multipart/mixed › multipart/alternative (text/plain, text/html,
    text/calendar; method=…) and the same calendar attached as invite.ics. The calendar
    goes base64-encoded so that its CRLF line endings arrive exactly as written.

    Built with the email package's MIME classes and its ``compat32`` policy: the default
    policy parses every header it is given back into objects, which made composing a
    confirmation cost several times the sign-up itself. Serialise with ``message_bytes``.
    """
    body_html: Message = _text_part(html, "html")
    if inline_images:
        related = MIMEMultipart("related")
        related.attach(body_html)
        for image in inline_images:
            picture = MIMEImage(image.data, image.subtype)
            picture["Content-ID"] = f"<{image.content_id}>"
            picture.add_header("Content-Disposition", "inline", filename=image.filename)
            related.attach(picture)
        body_html = related
    alternatives = [_text_part(text, "plain"), body_html]
    if calendar is not None:
        invite = MIMEBase("text", "calendar", method=calendar.method, charset="UTF-8")
        invite.set_payload(calendar.data)
        encode_base64(invite)
        alternatives.append(invite)
    message: Message = MIMEMultipart("alternative", _subparts=alternatives)
    if calendar is not None:
        attachment = MIMEApplication(calendar.data, "ics", name="invite.ics")
        attachment.add_header("Content-Disposition", "attachment", filename="invite.ics")
        message = MIMEMultipart("mixed", _subparts=[message, attachment])
    message["Subject"] = _Folded("Subject", header_safe(subject))  # type: ignore[assignment]
    message["From"] = _Folded("From", sender)  # type: ignore[assignment]
    message["To"] = _Folded(  # type: ignore[assignment]
        "To", str(Address(display_name=header_safe(recipient_name), addr_spec=recipient))
    )
    if reply_to:
        message["Reply-To"] = reply_to
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=envelope_address(sender).rpartition("@")[2])
    # Tells auto-responders (out-of-office) not to answer.
    message["Auto-Submitted"] = "auto-generated"
    message["Content-Language"] = locale
    return message


def set_one_line_header(message: Message, name: str, value: str) -> None:
    """Set an ASCII header holding an address in angle brackets (``List-Unsubscribe``) on
    one line: ``compat32`` would fold a long one before its value, and the default policy
    would turn it into encoded words, which RFC 2369 readers do not decode. A line may be
    998 characters long (RFC 5322); a link is far shorter."""
    if not value.isascii() or "\n" in value or "\r" in value or len(name) + len(value) > 990:
        raise ValueError(f"not a one-line ASCII header: {name}")
    message[name] = _OneLine(value)  # type: ignore[assignment]


def message_bytes(message: Message) -> bytes:
    """The message as it travels: CRLF line endings, headers folded as written."""
    return message.as_bytes(policy=_SMTP)


def message_subject(message: Message) -> str:
    """The Subject as the recipient reads it."""
    return str(message["Subject"])


_SMTP = compat32.clone(linesep="\r\n")
#: UTF-8 bodies as quoted-printable: readable in the raw message, safe on 7-bit paths.
_UTF8_QP = Charset("utf-8")
_UTF8_QP.body_encoding = QP


def _text_part(content: str, subtype: str) -> MIMEText:
    if content.isascii():
        return MIMEText(content, subtype, "us-ascii")
    return MIMEText(content, subtype, _UTF8_QP)  # type: ignore[arg-type]  # a Charset works too


class _Folded:
    """A header the email package's default policy encodes and folds (RFC 2047 words kept
    whole, names quoted as needed); the ``compat32`` generator takes it as a header object.

    Only the three headers that carry people's words go through the (slower) default policy;
    the structural ones, most of a message's headers, stay plain strings.
    """

    def __init__(self, name: str, value: str) -> None:
        self.name, self.value = name, value

    def fold(self, *, policy: EmailPolicy[Any]) -> str:
        folded: str = policy.header_factory(self.name, self.value).fold(policy=policy)
        return folded

    def encode(self, linesep: str = "\n", maxlinelen: int | None = None, **_: object) -> str:
        """What comes after "Name: ", as ``email.header.Header.encode`` gives it."""
        folded = self.fold(policy=_FOLDING.clone(linesep=linesep))
        return folded[len(self.name) + 2 :].removesuffix(linesep)

    def __str__(self) -> str:
        return self.value


class _OneLine:
    """A header value the ``compat32`` generator writes as it is (see ``set_one_line_header``)."""

    def __init__(self, value: str) -> None:
        self.value = value

    def encode(self, linesep: str = "\n", maxlinelen: int | None = None, **_: object) -> str:
        return self.value

    def __str__(self) -> str:
        return self.value


_FOLDING = SMTP
