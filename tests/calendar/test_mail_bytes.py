"""The whole message as bytes, the way a mail server and Outlook receive it."""

from __future__ import annotations

from email import message_from_bytes, policy

from business_corner.extensions import db
from business_corner.services.mail.backends import FileBackend
from business_corner.services.registration import cancel_registration, register
from tests.support.applicants import applicant
from tests.support.mail import deliver


def structure(message) -> list[str]:
    return [f"{'  ' * depth}{part.get_content_type()}" for part, depth in _walk(message, 0)]


def _walk(part, depth):
    yield part, depth
    if part.is_multipart():
        for sub in part.iter_parts():
            yield from _walk(sub, depth + 1)


def test_the_eml_has_the_imip_structure_outlook_expects(marseille, make_session, now, tmp_path):
    event = make_session(marseille)
    outcome = register(db.session, event.id, applicant("ana@x.fr", locale="en"), now=now)
    cancel_registration(db.session, outcome.registration_id, now=now)
    deliver(FileBackend(tmp_path), now)

    emls = sorted(tmp_path.glob("*.eml"))
    assert [p.name.split("-", 3)[-1] for p in emls] == [
        "confirmed.eml",
        "registration_cancelled.eml",
    ]
    for path, method in zip(emls, ("REQUEST", "CANCEL"), strict=True):
        raw = path.read_bytes()
        assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
        message = message_from_bytes(raw, policy=policy.default)
        assert structure(message) == [
            "multipart/mixed",
            "  multipart/alternative",
            "    text/plain",
            "    text/html",
            "    text/calendar",
            "  application/ics",
        ]
        assert message["To"].addresses[0].addr_spec == "ana@x.fr"
        calendar_part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
        assert calendar_part.get_param("method") == method
        assert calendar_part.get_param("charset").upper() == "UTF-8"
        data = calendar_part.get_payload(decode=True)
        assert f"METHOD:{method}\r\n".encode() in data
        attachment = next(p for p in message.walk() if p.get_content_type() == "application/ics")
        assert attachment.get_filename() == "invite.ics"
        assert attachment.get_content_disposition() == "attachment"
        assert attachment.get_payload(decode=True) == data
