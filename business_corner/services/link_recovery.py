""" "I lost my link": one message listing an address's coming registrations, each with its
personal link.

The request is answered the same whether or not the address is known; the message is only
owed when there is something to list (an unknown address gets nothing, so the form cannot
be used to send mail to strangers). Which registrations it lists is decided when the sender
writes it out, so the list is the one of that moment.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from business_corner.database import write_transaction
from business_corner.models import EventSession, Registration
from business_corner.services.addresses import InvalidAddress, normalise_address
from business_corner.services.notifications import queue_account_mail
from business_corner.vocabulary import Notice, RegistrationStatus


def coming_registrations(session: Session, email: str, now: datetime) -> list[Registration]:
    """The address's registrations still held (seat or waiting list) for sessions not over,
    soonest first."""
    return list(
        session.scalars(
            select(Registration)
            .join(EventSession, Registration.event_session_id == EventSession.id)
            .where(
                Registration.email == email,
                Registration.status != RegistrationStatus.CANCELLED,
                Registration.erased_at.is_(None),
                EventSession.ends_at > now,
            )
            .order_by(EventSession.starts_at, Registration.id)
        )
    )


def send_my_links(session: Session, email: str, locale: str, *, now: datetime) -> bool:
    """Owe the address its links if it has a coming registration. The caller shows the same
    page either way; the result is for tests and logs only."""
    try:
        address = str(normalise_address(email))
    except InvalidAddress:
        return False
    with write_transaction(session):
        if not coming_registrations(session, address, now):
            return False
        queue_account_mail(session, Notice.MY_LINKS, address, "", locale, {}, now)
        return True
