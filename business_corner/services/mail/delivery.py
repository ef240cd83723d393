"""Deliver the outbox: claim a message, send it, record the outcome; retry on a schedule.

Several senders may run at once (one or more ``send-mail --loop`` processes, several
machines, the sender ``make run`` starts). A message is claimed with a conditional UPDATE
before it is sent, so only one of them sends it. If a sender dies between sending and
recording, the claim expires and the message goes again: delivery is at least once, never
zero times.

Whatever goes wrong with one message (the mail server refuses it, or it cannot even be
composed) is recorded on that message, and the sender goes on with the next one. Retries
follow ``retry_delay``: 1, 2, 4 … 128 minutes, then every 6 hours; the twelfth failed
attempt (about 22 hours after the first) marks the message failed for good, and the
organisers see it on their dashboard, where they can try it again.
"""

from __future__ import annotations

import logging
import smtplib
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.orm import Session

from business_corner.database import write_transaction
from business_corner.models import OutboxMessage
from business_corner.services.mail.backends import MailBackend
from business_corner.services.mail.compose import WriteOut
from business_corner.services.privacy import empty_if_erased

log = logging.getLogger(__name__)

#: How long a claimed message belongs to its sender before another may retry it.
CLAIM_DURATION = timedelta(minutes=5)
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=6)
#: Attempts before a message is marked failed: with the delays above, about 22 hours.
MAX_ATTEMPTS = 12


@dataclass(frozen=True)
class DeliveryReport:
    sent: int = 0
    #: Attempts that failed (to be retried, or given up: see ``gave_up``).
    failed: int = 0
    #: Notices events had overtaken (see notifications.overtaken): done with, not sent.
    dropped: int = 0
    #: Of the failures, messages that have now used their last attempt.
    gave_up: int = 0

    def __add__(self, other: DeliveryReport) -> DeliveryReport:
        return DeliveryReport(
            self.sent + other.sent,
            self.failed + other.failed,
            self.dropped + other.dropped,
            self.gave_up + other.gave_up,
        )

    @property
    def handled(self) -> int:
        return self.sent + self.failed + self.dropped


def retry_delay(attempts: int) -> timedelta:
    """After ``attempts`` failures: 1 min, 2, 4 … 128, then 6 hours between attempts."""
    doubling: int = 2 ** max(attempts - 1, 0)
    return min(FIRST_RETRY * doubling, LONGEST_RETRY)


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
        OutboxMessage.failed_at.is_(None),
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
    claimed: int = result.rowcount  # type: ignore[attr-defined]  # a CursorResult: UPDATE counts rows
    return claimed == 1


def deliver_message(
    session: Session,
    message_id: int,
    backend: MailBackend,
    sender: str,
    now: datetime,
    write_out: WriteOut,
) -> DeliveryReport:
    """Claim, compose if needed, send and record one message; never raise for its sake."""
    if not _claim(session, message_id, now):
        return DeliveryReport()
    try:
        with write_transaction(session):
            message = session.get_one(OutboxMessage, message_id)
            if not write_out(session, message, now):
                message.drop_as_overtaken(now)
                return DeliveryReport(dropped=1)
        message = session.get_one(OutboxMessage, message_id)
        recipient, raw = message.recipient, message.raw or b""
        name = f"{now:%Y%m%d-%H%M%S}-{message.id:06d}-{message.kind}"
        session.rollback()  # hold no transaction (no lock) while talking to the mail server
        backend.send(sender, recipient, raw, name=name)
    # Anything at all: one message that cannot be composed or sent must not stop the others.
    except Exception as error:
        session.rollback()
        return _record_failure(session, message_id, error, now)
    with write_transaction(session):
        message = session.get_one(OutboxMessage, message_id)
        message.attempts += 1
        message.sent_at = now
        message.last_error = ""
        message.claimed_until = None
        empty_if_erased(session, message_id)
    return DeliveryReport(sent=1)


def _record_failure(
    session: Session, message_id: int, error: Exception, now: datetime
) -> DeliveryReport:
    failure = describe_failure(error)
    if isinstance(error, (OSError, smtplib.SMTPException)):
        log.warning("message %d not sent: %s", message_id, failure)
    else:
        # A fault of ours (composition): where it happened is what a developer needs. The
        # frames only, not the exception's text, which may quote the recipient.
        log.error(
            "message %d could not be composed or sent: %s\n%s",
            message_id,
            failure,
            "".join(traceback.format_tb(error.__traceback__)),
        )
    with write_transaction(session):
        message = session.get_one(OutboxMessage, message_id)
        message.attempts += 1
        message.last_error = failure[:200]
        message.claimed_until = None
        if message.attempts >= MAX_ATTEMPTS:
            message.failed_at = now
        else:
            message.next_attempt_at = now + retry_delay(message.attempts)
        gave_up = message.failed_at is not None
    if gave_up:
        log.error("message %d failed for good after %d attempts", message_id, MAX_ATTEMPTS)
    return DeliveryReport(failed=1, gave_up=int(gave_up))


def deliver_due(
    session: Session,
    backend: MailBackend,
    sender: str,
    now: datetime,
    *,
    write_out: WriteOut,
    limit: int = 100,
    only: Sequence[int] | None = None,
) -> DeliveryReport:
    """Send what is due (or just the messages ``only`` names, if due)."""
    report = DeliveryReport()
    for message_id in due_message_ids(session, now, limit, only):
        report += deliver_message(session, message_id, backend, sender, now, write_out)
    return report
