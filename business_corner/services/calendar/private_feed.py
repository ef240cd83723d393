"""An organiser's private feed address, and the button that replaces it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from business_corner.database import write_transaction
from business_corner.models import Organiser
from business_corner.services import audit
from business_corner.services.tokens import LinkSigner
from business_corner.vocabulary import AuditAction, AuditSubject


def private_feed_token(organiser: Organiser, signer: LinkSigner) -> str:
    return signer.make_feed_token(organiser.id, organiser.calendar_feed_version)


def rotate_private_feed(session: Session, organiser_id: int, now: datetime) -> None:
    """Give the organiser a new feed address; the old one answers 404 from now on."""
    with write_transaction(session):
        organiser = session.get_one(Organiser, organiser_id)
        organiser.calendar_feed_version += 1
        audit.record(
            session,
            organiser,
            AuditAction.FEED_ROTATED,
            AuditSubject.ORGANISER,
            organiser.id,
            {"version": organiser.calendar_feed_version},
            now,
        )
