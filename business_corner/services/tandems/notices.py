"""Mail owed to tandem members, recorded in the outbox in the change's own transaction.

A member has no registration: the row carries their address, name and language, and
``details`` names the member and the tandem, which the mail side reads as they are when it
writes the message out.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from business_corner.models import OutboxMessage, Tandem, TandemMember
from business_corner.vocabulary import Notice


def queue_member_notice(
    session: Session,
    member: TandemMember,
    notice: Notice,
    now: datetime,
    *,
    tandem: Tandem | None = None,
    **details: Any,
) -> OutboxMessage:
    message = OutboxMessage(
        kind=notice,
        recipient=member.email,
        recipient_name=member.full_name,
        locale=member.locale,
        subject="",
        raw=None,
        details=json.dumps(
            {"member_id": member.id, "tandem_id": tandem.id if tandem else None, **details}
        ),
        created_at=now,
        next_attempt_at=now,
    )
    session.add(message)
    return message


def message_details(message: OutboxMessage) -> dict[str, Any]:
    details: dict[str, Any] = json.loads(message.details or "{}")
    return details
