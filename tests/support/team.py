"""The team as tests set it up and read it back: links from the mails, logins, entries."""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from email.message import EmailMessage

from flask.testing import FlaskClient

from business_corner.extensions import db
from business_corner.models import AuditEntry, OutboxMessage
from business_corner.vocabulary import AuditAction, Notice
from tests.support.accounts import ORGANISER_PASSWORD
from tests.support.records import outbox

#: A password every rule accepts (long, not common, not easy to guess).
NEW_PASSWORD = "plum tractor origami"


def parsed(message: OutboxMessage) -> EmailMessage:
    assert message.raw is not None
    email = message_from_bytes(message.raw, policy=policy.default)
    assert isinstance(email, EmailMessage)
    return email


def text_of(message: OutboxMessage) -> str:
    body = parsed(message).get_body(preferencelist=("plain",))
    assert body is not None
    return str(body.get_content())


def link_in(text: str, path: str) -> str:
    """The path (from ``path`` on) of the first link in ``text`` that has it."""
    match = re.search(rf"https?://[^/\s]+({re.escape(path)}[^\s>\"]+)", text)
    assert match, f"no link to {path} in:\n{text}"
    return match.group(1)


def latest_link(kind: Notice, path: str) -> str:
    """The link in the newest message of ``kind``, written out as the sender would."""
    message = outbox(kind)[-1]
    return link_in(text_of(message), path)


def log_in(client: FlaskClient, email: str, password: str = ORGANISER_PASSWORD) -> None:
    response = client.post("/organiser/login", data={"email": email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)


def entries(action: AuditAction | None = None) -> list[AuditEntry]:
    db.session.expire_all()
    statement = db.select(AuditEntry).order_by(AuditEntry.id)
    if action is not None:
        statement = statement.where(AuditEntry.action == action)
    return list(db.session.scalars(statement))
