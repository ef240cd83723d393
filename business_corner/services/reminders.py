"""Reminders a set time before a session, with the invite attached, never twice."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from business_corner.database import write_transaction
from business_corner.models import EventSession, Registration
from business_corner.services import seats
from business_corner.services.notifications import Notice, queue_notice
from business_corner.vocabulary import RegistrationStatus, SessionStatus


def queue_reminders(session: Session, now: datetime, hours_before: float) -> list[int]:
    """Queue a reminder for every confirmed attendee of sessions starting within
    ``hours_before`` hours who has not had one. Returns the queued message ids.

    Each session is handled under its seat lock, and ``reminder_sent_at`` is written in the
    same transaction as the message: two runs at once, or a run after a crash, never send a
    reminder twice.
    """
    horizon = now + timedelta(hours=hours_before)
    due = session.scalars(
        select(EventSession.id)
        .where(
            EventSession.status == SessionStatus.PUBLISHED,
            EventSession.starts_at > now,
            EventSession.starts_at <= horizon,
        )
        .order_by(EventSession.starts_at)
    ).all()
    queued: list[int] = []
    for event_id in due:
        with write_transaction(session):
            seats.load_session_for_update(session, event_id)
            attendees = session.scalars(
                select(Registration)
                .where(
                    Registration.event_session_id == event_id,
                    Registration.status == RegistrationStatus.CONFIRMED,
                    Registration.reminder_sent_at.is_(None),
                )
                .order_by(Registration.id)
            ).all()
            for registration in attendees:
                registration.reminder_sent_at = now
                message = queue_notice(session, registration, Notice.REMINDER, now)
                session.flush()
                queued.append(message.id)
    return queued
