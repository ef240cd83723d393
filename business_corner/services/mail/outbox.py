"""The outbox as organisers and operators see it: what waits, what failed, the senders."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import Row, delete, func, select
from sqlalchemy.orm import Session

from business_corner.database import write_transaction
from business_corner.models import EventSession, MailSender, Organiser, OutboxMessage, Registration
from business_corner.services import audit
from business_corner.services.errors import DomainError, NotFound
from business_corner.services.sessions import find_own_session
from business_corner.vocabulary import AuditAction, AuditSubject, Notice

#: A sender records that it is alive at most this often (one small write).
HEARTBEAT_EVERY = timedelta(seconds=30)
#: Without a heartbeat for this long, no sender is taken to be running.
SENDER_SILENT_AFTER = timedelta(minutes=2)


@dataclass(frozen=True)
class FailedMail:
    message_id: int
    kind: Notice
    event_id: int | None
    #: The attendee's name, or "" for a recipient without a registration.
    attendee: str
    reason: str
    failed_at: datetime


@dataclass(frozen=True)
class ChapterMail:
    pending: int
    failed: list[FailedMail]


def chapter_mail(session: Session, chapter_id: int, limit: int = 50) -> ChapterMail:
    """Mail still owed about the chapter's sessions, and what failed for good."""
    of_chapter = select(EventSession.id).where(EventSession.hosted_by(chapter_id)).scalar_subquery()
    pending = session.scalar(
        select(func.count())
        .select_from(OutboxMessage)
        .where(
            OutboxMessage.sent_at.is_(None),
            OutboxMessage.failed_at.is_(None),
            OutboxMessage.event_session_id.in_(of_chapter),
        )
    )
    # An outer join: a message to someone other than an attendee has no registration.
    rows: Sequence[Row[OutboxMessage, Registration | None]] = session.execute(
        select(OutboxMessage, Registration)
        .outerjoin(Registration, OutboxMessage.registration_id == Registration.id)
        .where(
            OutboxMessage.failed_at.is_not(None),
            OutboxMessage.sent_at.is_(None),
            OutboxMessage.event_session_id.in_(of_chapter),
        )
        .order_by(OutboxMessage.failed_at.desc(), OutboxMessage.id.desc())
        .limit(limit)
    ).all()
    failed = [
        FailedMail(
            message.id,
            message.kind,
            message.event_session_id,
            registration.full_name if registration is not None else "",
            message.last_error,
            message.failed_at,
        )
        for message, registration in rows
        if message.failed_at is not None
    ]
    return ChapterMail(pending or 0, failed)


class NothingToRetry(DomainError):
    def __init__(self) -> None:
        super().__init__(
            _l("This message has been sent or emptied since; there is nothing to retry.")
        )


def retry_failed(session: Session, organiser: Organiser, message_id: int, now: datetime) -> None:
    """Put a failed message back in line for a new round of attempts, now."""
    with write_transaction(session):
        message = session.get(OutboxMessage, message_id)
        event = (
            find_own_session(session, organiser, message.event_session_id)
            if message is not None and message.event_session_id is not None
            else None
        )
        if message is None or event is None:
            raise NotFound(_l("This message does not exist."))
        if message.failed_at is None or message.sent_at is not None or message.recipient == "":
            raise NothingToRetry()
        message.failed_at = None
        message.attempts = 0
        message.next_attempt_at = now
        message.claimed_until = None
        audit.record(
            session,
            organiser,
            AuditAction.MAIL_RETRIED,
            AuditSubject.OUTBOX_MESSAGE,
            message.id,
            {"session": event.id, "kind": message.kind},
            now,
        )


@dataclass(frozen=True)
class OutboxHealth:
    #: How long the oldest message that is due has waited (None: nothing due).
    oldest_due: timedelta | None
    #: Since a sender last said it was alive (None: never).
    sender_seen: timedelta | None
    failed: int

    @property
    def sender_running(self) -> bool:
        return self.sender_seen is not None and self.sender_seen < SENDER_SILENT_AFTER


def outbox_health(session: Session, now: datetime) -> OutboxHealth:
    oldest = session.scalar(
        select(func.min(OutboxMessage.next_attempt_at)).where(
            OutboxMessage.sent_at.is_(None),
            OutboxMessage.failed_at.is_(None),
            OutboxMessage.next_attempt_at <= now,
        )
    )
    seen = session.scalar(select(func.max(MailSender.seen_at)))
    failed = session.scalar(
        select(func.count())
        .select_from(OutboxMessage)
        .where(OutboxMessage.failed_at.is_not(None), OutboxMessage.sent_at.is_(None))
    )
    return OutboxHealth(
        now - oldest if oldest is not None else None,
        now - seen if seen is not None else None,
        failed or 0,
    )


def record_heartbeat(session: Session, name: str, now: datetime) -> None:
    """A sender is alive; senders silent for a day are forgotten."""
    with write_transaction(session):
        sender = session.get(MailSender, name)
        if sender is None:
            session.add(MailSender(name=name, seen_at=now))
        else:
            sender.seen_at = now
        session.execute(delete(MailSender).where(MailSender.seen_at < now - timedelta(days=1)))
