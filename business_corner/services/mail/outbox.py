"""Put a message in the outbox, inside the caller's transaction."""

from __future__ import annotations

from datetime import datetime
from email import policy
from email.message import EmailMessage

from sqlalchemy.orm import Session

from business_corner.models import OutboxMessage


def queue_message(
    session: Session,
    message: EmailMessage,
    *,
    kind: str,
    now: datetime,
    event_session_id: int | None = None,
    registration_id: int | None = None,
) -> OutboxMessage:
    queued = OutboxMessage(
        kind=kind,
        recipient=message["To"].addresses[0].addr_spec,
        subject=str(message["Subject"]),
        # SMTP policy: CRLF line endings, as the message will travel.
        raw=message.as_bytes(policy=policy.SMTP),
        event_session_id=event_session_id,
        registration_id=registration_id,
        created_at=now,
        next_attempt_at=now,
    )
    session.add(queued)
    return queued
