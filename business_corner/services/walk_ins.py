"""People who came without registering, added by an organiser at the door: present at once.

They may leave an e-mail address, with their consent, so that they receive the follow-up
too; it also counts in their attendance record. The table planner seats them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from business_corner.database import write_transaction
from business_corner.models import Organiser, WalkIn
from business_corner.services import audit
from business_corner.services.addresses import normalise_address
from business_corner.services.errors import DomainError
from business_corner.services.registration import PRIVACY_NOTICE_VERSION
from business_corner.services.sessions import get_own_session
from business_corner.vocabulary import AuditAction, AuditSubject, Level, Sector


@dataclass(frozen=True)
class Newcomer:
    """What the organiser types about someone at the door."""

    name: str
    level: Level
    sector: Sector
    can_host: bool = False
    company: str = ""
    #: Empty, or an address the person agreed to leave (``consent``).
    email: str = ""
    consent: bool = False


class ConsentForAddress(DomainError):
    def __init__(self) -> None:
        super().__init__(
            _l(
                "To keep their e-mail address, the person must agree to receive the "
                "follow-up: tick the box, or leave the address out."
            )
        )


def add_walk_in(
    session: Session, organiser: Organiser, event_id: int, newcomer: Newcomer, *, now: datetime
) -> int:
    """Add someone who came without registering; they are present from now on."""
    email = None
    if newcomer.email.strip():
        if not newcomer.consent:
            raise ConsentForAddress()
        email = str(normalise_address(newcomer.email))
    with write_transaction(session):
        get_own_session(session, organiser, event_id)
        walk_in = WalkIn(
            event_session_id=event_id,
            name=newcomer.name.strip(),
            company=newcomer.company.strip(),
            email=email,
            consent_at=now if email else None,
            consent_version=PRIVACY_NOTICE_VERSION if email else None,
            level=newcomer.level,
            sector=newcomer.sector,
            can_host=newcomer.can_host,
            created_at=now,
        )
        session.add(walk_in)
        session.flush()
        # The walk-in is named by its id only: the trail keeps no attendee's name.
        audit.record(
            session,
            organiser,
            AuditAction.WALK_IN_ADDED,
            AuditSubject.WALK_IN,
            walk_in.id,
            {"session": event_id},
            now,
        )
        return walk_in.id
