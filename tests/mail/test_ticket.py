"""The ticket in the reminder: a QR code inside the message, which a camera reads back as
the attendee's own signed check-in address; none in the confirmation (the hot path)."""

from __future__ import annotations

import io
from datetime import timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from urllib.parse import urlsplit

import zxingcpp
from PIL import Image

from business_corner.extensions import db
from business_corner.services.registration import register
from business_corner.services.reminders import queue_reminders
from business_corner.vocabulary import SessionFormat
from tests.support.applicants import applicant
from tests.support.records import outbox

SITE = "https://business-corner.test"


def parsed(raw: bytes) -> EmailMessage:
    return message_from_bytes(raw, policy=policy.default)  # type: ignore[return-value]


def images(message: EmailMessage) -> list[EmailMessage]:
    return [part for part in message.walk() if part.get_content_maintype() == "image"]


def read_qr_codes(png: bytes) -> list[str]:
    """What a phone camera would read in the image."""
    return [code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def test_each_reminder_carries_a_ticket_a_camera_reads_as_that_attendees_address(
    client, organiser, login, marseille, make_session, now
):
    event = make_session(marseille, starts_in=timedelta(hours=20))
    for name in ("ana", "ben"):
        register(db.session, event.id, applicant(f"{name}@x.fr", first_name=name), now=now)
    queue_reminders(db.session, now, hours_before=24)

    addresses = {}
    for message in outbox("reminder"):
        mail = parsed(message.raw)
        (ticket,) = images(mail)
        html = mail.get_body(("html",)).get_content()
        content_id = ticket["Content-ID"].strip("<>")
        assert f'src="cid:{content_id}"' in html
        assert ticket.get_content_type() == "image/png"
        # The HTML and its image travel together, inside the alternatives.
        assert any(part.get_content_type() == "multipart/related" for part in mail.walk())
        (address,) = read_qr_codes(ticket.get_content())
        addresses[message.recipient] = address

    assert set(addresses) == {"ana@x.fr", "ben@x.fr"}
    assert addresses["ana@x.fr"] != addresses["ben@x.fr"]
    assert all(a.startswith(f"{SITE}/organiser/check-in/") for a in addresses.values())
    # The address read from Ana's code opens Ana's ticket for the session's organiser.
    login(organiser)
    page = client.get(urlsplit(addresses["ana@x.fr"]).path).get_data(as_text=True)
    assert "ana Martin" in page and "ben Martin" not in page


def test_the_confirmation_carries_no_ticket(marseille, make_session, now):
    event = make_session(marseille, starts_in=timedelta(hours=20))
    register(db.session, event.id, applicant(), now=now)
    (confirmation,) = outbox("confirmed")
    assert images(parsed(confirmation.raw)) == []
    assert b"check-in" not in confirmation.raw


def test_an_online_session_has_no_door_and_no_ticket(marseille, make_session, now):
    event = make_session(marseille, format=SessionFormat.ONLINE, starts_in=timedelta(hours=20))
    register(db.session, event.id, applicant(), now=now)
    queue_reminders(db.session, now, hours_before=24)
    (reminder,) = outbox("reminder")
    assert images(parsed(reminder.raw)) == []
