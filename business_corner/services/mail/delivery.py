"""Deliver the outbox: claim a message, send it, record the outcome; retry with backoff.

Several senders may run at once (the after-response hook of every worker, one or more
``send-mail --loop`` processes, several machines). A message is claimed with a
conditional UPDATE before it is sent, so only one of them sends it. If a sender dies
between sending and recording, the claim expires and the message goes again: delivery is
at least once, never zero times.
"""

from __future__ import annotations

import smtplib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, func, or_, select, update
from sqlalchemy.orm import Session

from business_corner.database import write_transaction
from business_corner.models import OutboxMessage
from business_corner.services.mail.backends import MailBackend
from business_corner.services.notifications import OVERTAKEN, write_out
from business_corner.services.privacy import empty_if_erased

#: How long a claimed message belongs to its sender before another may retry it.
CLAIM_DURATION = timedelta(minutes=5)
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=1)


@dataclass(frozen=True)
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    #: Notices events had overtaken (see notifications.overtaken): done with, not sent.
    dropped: int = 0

    def __add__(self, other: DeliveryReport) -> DeliveryReport:
        return DeliveryReport(
            self.sent + other.sent, self.failed + other.failed, self.dropped + other.dropped
        )


def retry_delay(attempts: int) -> timedelta:
    """1 min, 2, 4, 8 … up to an hour between attempts; never give up."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_RETRY)


def describe_failure(error: BaseException) -> str:
    """The error's type and SMTP code only: server replies can quote the recipient."""
    code = getattr(error, "smtp_code", None)
    if code is None and isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = {reply[0] for reply in error.recipients.values()}
        code = min(codes) if codes else None
    return f"{type(error).__name__}" + (f" {code}" if code is not None else "")


def _unclaimed(now: datetime) -> tuple[ColumnElement[bool], ...]:
    return (
        OutboxMessage.sent_at.is_(None),
        or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now),
    )


def due_message_ids(
    session: Session, now: datetime, limit: int, only: Sequence[int] | None = None
) -> list[int]:
    statement = (
        select(OutboxMessage.id)
        .where(OutboxMessage.next_attempt_at <= now, *_unclaimed(now))
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(limit)
    )
    if only is not None:
        statement = statement.where(OutboxMessage.id.in_(list(only)))
    return list(session.scalars(statement))


def _claim(session: Session, message_id: int, now: datetime) -> bool:
    with write_transaction(session):
        result = session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id, *_unclaimed(now))
            .values(claimed_until=now + CLAIM_DURATION)
        )
    return result.rowcount == 1


def deliver_message(
    session: Session, message_id: int, backend: MailBackend, sender: str, now: datetime
) -> DeliveryReport:
    if not _claim(session, message_id, now):
        return DeliveryReport()
    with write_transaction(session):
        message = session.get_one(OutboxMessage, message_id)
        if not write_out(session, message, now):
            message.sent_at, message.last_error, message.claimed_until = now, OVERTAKEN, None
            return DeliveryReport(dropped=1)
    message = session.get_one(OutboxMessage, message_id)
    recipient, raw = message.recipient, message.raw or b""
    name = f"{now:%Y%m%d-%H%M%S}-{message.id:06d}-{message.kind}"
    session.rollback()  # hold no transaction (no lock) while talking to the mail server
    try:
        backend.send(sender, recipient, raw, name=name)
    except (OSError, smtplib.SMTPException) as error:
        failure = describe_failure(error)
        with write_transaction(session):
            message = session.get_one(OutboxMessage, message_id)
            message.attempts += 1
            message.last_error = failure
            message.next_attempt_at = now + retry_delay(message.attempts)
            message.claimed_until = None
        return DeliveryReport(failed=1)
    with write_transaction(session):
        message = session.get_one(OutboxMessage, message_id)
        message.attempts += 1
        message.sent_at = now
        message.last_error = ""
        message.claimed_until = None
        empty_if_erased(session, message_id)
    return DeliveryReport(sent=1)


def deliver_due(
    session: Session,
    backend: MailBackend,
    sender: str,
    now: datetime,
    *,
    limit: int = 100,
    only: Sequence[int] | None = None,
) -> DeliveryReport:
    """Send what is due (or just the messages ``only`` names, if due)."""
    report = DeliveryReport()
    for message_id in due_message_ids(session, now, limit, only):
        report += deliver_message(session, message_id, backend, sender, now)
    return report


def pending_count(session: Session) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(OutboxMessage).where(OutboxMessage.sent_at.is_(None))
        )
        or 0
    )
