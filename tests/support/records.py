"""What the application stored, read back by a test (inside the test's app context)."""

from __future__ import annotations

from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.models import OutboxMessage, Registration
from tests.support.mail import write_out_pending


def outbox(kind: str | None = None) -> list[OutboxMessage]:
    """The outbox, with every message still recorded as a notice written out, as the sender
    would write it out now."""
    write_out_pending(utcnow())
    db.session.commit()
    messages = db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id)).all()
    return [m for m in messages if kind is None or m.kind == kind]


def registrations() -> list[Registration]:
    return list(db.session.scalars(db.select(Registration).order_by(Registration.id)))
