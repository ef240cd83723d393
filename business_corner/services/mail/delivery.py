"""Deliver the outbox: claim a message, send it, record the outcome; retry on a schedule.

Several senders may run at once (one or more ``send-mail --loop`` processes, several
machines, the sender ``make run`` starts). Messages are claimed in small batches, with one
conditional UPDATE, before they are sent, so only one of them sends each. If a sender dies
between sending and recording, the claim expires and the message goes again: delivery is
at least once, never zero times.

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
from sqlalchemy.orm import Session, joinedload

from business_corner.database import write_transaction
from business_corner.models import EventSession, OutboxMessage, Registration
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


#: Messages one round claims at once. A claim lasts CLAIM_DURATION, so a batch must be
#: sent well within it even when every message waits for the SMTP timeout (10 s each).
CLAIM_BATCH = 20


def claim_due(
    session: Session, now: datetime, limit: int, only: Sequence[int] | None = None
) -> list[int]:
    """Claim up to ``limit`` due messages in one statement and return their ids, oldest first.

    One UPDATE for the batch, not one per message. On PostgreSQL, ``FOR UPDATE SKIP
    LOCKED`` lets several senders claim disjoint batches at once without waiting for one
    another; the conditions are checked again by the UPDATE itself, so a message another
    sender claimed meanwhile is never claimed twice. SQLite runs one writer at a time.
    """
    due = (
        select(OutboxMessage.id)
        .where(OutboxMessage.next_attempt_at <= now, *_unclaimed(now))
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(limit)
    )
    if only is not None:
        due = due.where(OutboxMessage.id.in_(list(only)))
    if session.get_bind().dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    # A CTE, evaluated once: PostgreSQL may run a LIMIT subquery inside IN more than once
    # and so claim more than the batch.
    batch = due.cte("due")
    with write_transaction(session) as connection:
        claimed = connection.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(select(batch.c.id)), *_unclaimed(now))
            .values(claimed_until=now + CLAIM_DURATION)
            .returning(OutboxMessage.id, OutboxMessage.next_attempt_at)
        ).all()
    return [row.id for row in sorted(claimed, key=lambda row: (row.next_attempt_at, row.id))]


@dataclass(frozen=True)
class _Written:
    """What composing a message produced, kept while no transaction is open."""

    recipient: str
    subject: str
    raw: bytes
    kind: str


def deliver_batch(
    session: Session,
    claimed: Sequence[int],
    backend: MailBackend,
    sender: str,
    now: datetime,
    write_out: WriteOut,
) -> DeliveryReport:
    """Compose the claimed messages, then send and record each; never raise for one's sake.

    Composing reads only, in one transaction for the whole batch, so what every message
    of a session shares (the session, its chapter, the cities) is loaded once. Nothing is
    written then (no autoflush, no lock); each message's text is stored with its outcome
    (sent, or the failure and its retry time), in one commit per message, and no
    transaction is open while the mail server is talking. If the sender dies after sending
    and before that commit, the claim expires and the message goes again: at least once,
    never zero times.
    """
    composed: dict[int, _Written | Exception | None] = {}
    with session.no_autoflush:
        batch = _load_batch(session, claimed)  # referenced until the batch is composed
        for message_id in claimed:
            try:
                message = session.get_one(OutboxMessage, message_id)
                if write_out(session, message, now):
                    composed[message_id] = _Written(
                        message.recipient, message.subject, message.raw or b"", message.kind
                    )
                else:
                    composed[message_id] = None
            # Anything at all: one message that cannot be composed must not stop the others.
            except Exception as error:
                composed[message_id] = error
    del batch
    session.rollback()
    report = DeliveryReport()
    for message_id, outcome in composed.items():
        if outcome is None:
            with write_transaction(session):
                session.get_one(OutboxMessage, message_id).drop_as_overtaken(now)
            report += DeliveryReport(dropped=1)
        elif isinstance(outcome, Exception):
            report += _record_failure(session, message_id, outcome, now)
        else:
            report += _send(session, message_id, outcome, backend, sender, now)
    return report


def _load_batch(session: Session, claimed: Sequence[int]) -> list[object]:
    """The claimed messages, their registrations, sessions and chapters, in three queries.

    The session's identity map holds objects only while something references them: the
    list returned keeps them there, so the composer finds each in memory instead of
    loading the same session and chapter again for every one of its attendees.
    """
    messages = session.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(claimed))).all()
    registration_ids = {m.registration_id for m in messages if m.registration_id is not None}
    registrations = (
        session.scalars(
            select(Registration)
            .where(Registration.id.in_(registration_ids))
            .options(joinedload(Registration.event_session).joinedload(EventSession.chapter))
        ).all()
        if registration_ids
        else []
    )
    return [*messages, *registrations]


def _send(
    session: Session,
    message_id: int,
    written: _Written,
    backend: MailBackend,
    sender: str,
    now: datetime,
) -> DeliveryReport:
    name = f"{now:%Y%m%d-%H%M%S}-{message_id:06d}-{written.kind}"
    try:
        backend.send(sender, written.recipient, written.raw, name=name)
    except Exception as error:
        return _record_failure(session, message_id, error, now, written)
    with write_transaction(session):
        message = session.get_one(OutboxMessage, message_id)
        _keep(message, written)
        message.attempts += 1
        message.sent_at = now
        message.last_error = ""
        message.claimed_until = None
        empty_if_erased(session, message_id)
    return DeliveryReport(sent=1)


def _keep(message: OutboxMessage, written: _Written | None) -> None:
    """Store what was composed: a retry sends exactly the same message."""
    if written is not None and message.raw is None:
        message.recipient, message.subject, message.raw = (
            written.recipient,
            written.subject,
            written.raw,
        )


def _record_failure(
    session: Session,
    message_id: int,
    error: Exception,
    now: datetime,
    written: _Written | None = None,
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
        _keep(message, written)
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
    while report.handled < limit:
        claimed = claim_due(session, now, min(CLAIM_BATCH, limit - report.handled), only)
        if not claimed:
            break
        report += deliver_batch(session, claimed, backend, sender, now, write_out)
    return report
