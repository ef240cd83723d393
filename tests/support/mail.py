"""Mail helpers for tests: the app's composer, delivery with it, the outbox written out."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from flask import current_app

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.mail.composer import composer_for
from business_corner.models import OutboxMessage
from business_corner.services.mail.backends import MailBackend
from business_corner.services.mail.delivery import DeliveryReport, deliver_due

SENDER = "no-reply@business-corner.test"


def composer() -> Any:
    return composer_for(current_app._get_current_object())  # type: ignore[attr-defined]


def deliver(backend: MailBackend, now: datetime, **options: Any) -> DeliveryReport:
    """``deliver_due`` as the sender runs it, with this app's composer."""
    try:
        return deliver_due(db.session, backend, SENDER, now, write_out=composer(), **options)
    finally:
        backend.close()


def write_out_pending(now: datetime | None = None, ids: Sequence[int] | None = None) -> int:
    """Compose every message still recorded as a notice (or just ``ids``), as the sender
    would just before sending, without sending anything."""
    statement = db.select(OutboxMessage).where(
        OutboxMessage.raw.is_(None), OutboxMessage.sent_at.is_(None)
    )
    if ids is not None:
        statement = statement.where(OutboxMessage.id.in_(list(ids)))
    write_out = composer()
    moment = now or utcnow()
    return sum(write_out(db.session, m, moment) for m in db.session.scalars(statement).all())
