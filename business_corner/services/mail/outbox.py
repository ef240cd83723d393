"""The outbox as organisers and operators see it: what waits, what failed, the senders.

Organisers see the failed mail of their chapter: about its sessions (the row names the
session), and about no session, whose chapter is that of the record the row's details
name (``owners``): team mail for the admins, tandem mail and mail to a chapter's or a
series' followers for every organiser."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Row, Select, delete, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from business_corner.database import write_transaction
from business_corner.models import (
    EventSession,
    Follower,
    Invitation,
    MailSender,
    Organiser,
    OutboxMessage,
    Registration,
    Series,
    TandemMember,
)
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
    #: For mail about no registration (team, tandems): the recipient's name or address.
    recipient: str = ""


@dataclass(frozen=True)
class ChapterMail:
    pending: int
    failed: list[FailedMail]


#: Mail about the team: shown to and retried by the chapter's admins only, like the team page.
TEAM_MAIL = frozenset({Notice.INVITATION, Notice.PASSWORD_RESET})


@dataclass(frozen=True)
class Owner:
    """Whose a message about no session is: the chapter of the record it names."""

    chapter_id: int
    #: Only the chapter's admins see it (an invitation, a password reset).
    admins_only: bool

    def shown_to(self, organiser: Organiser) -> bool:
        return self.chapter_id == organiser.chapter_id and (
            organiser.is_admin or not self.admins_only
        )


#: Each kind of record a message about no session names: its id and its chapter's.
_CHAPTER_OF: dict[str, tuple[InstrumentedAttribute[int], InstrumentedAttribute[int]]] = {
    "invitation": (Invitation.id, Invitation.chapter_id),
    "organiser": (Organiser.id, Organiser.chapter_id),
    "member": (TandemMember.id, TandemMember.chapter_id),
}


#: Kinds of record whose mail every organiser of the chapter sees (not only its admins).
_SHOWN_TO_ALL = frozenset({"member", "follower"})


def _chapters_of(record: str, record_ids: list[int]) -> Select[int, int]:
    """Each named record's id with its chapter's; a series' follower is its series'
    chapter's."""
    if record == "follower":
        return (
            select(Follower.id, func.coalesce(Follower.chapter_id, Series.chapter_id))
            .outerjoin(Series, Follower.series_id == Series.id)
            .where(Follower.id.in_(record_ids))
        )
    id_column, chapter_column = _CHAPTER_OF[record]
    return select(id_column, chapter_column).where(id_column.in_(record_ids))


def owners(session: Session, messages: Sequence[OutboxMessage]) -> dict[int, Owner]:
    """The owner of each message about no session, by message id, found through the record
    its details name: an invitation (its chapter), a password reset (the organiser's
    chapter), tandem mail (the member's chapter), a follower's confirmation or news (the
    chapter followed, or the series' chapter). A message naming nothing (the mail check
    of ``send-test-mail``, the links an address asked for again, which may span chapters)
    or a record gone since belongs to no chapter: operators see it on ``/healthz``. At most
    four queries, whatever the number of messages."""
    # Which records the messages name, by kind of record: record id → message ids.
    named: dict[str, dict[int, list[int]]] = {
        "invitation": {},
        "organiser": {},
        "member": {},
        "follower": {},
    }
    for message in messages:
        details: dict[str, Any] = json.loads(message.details or "{}")
        if message.kind == Notice.INVITATION:
            record, record_id = "invitation", details.get("invitation_id")
        elif message.kind == Notice.PASSWORD_RESET:
            record, record_id = "organiser", details.get("organiser_id")
        elif Notice(message.kind).about_a_tandem:
            record, record_id = "member", details.get("member_id")
        elif message.kind in {Notice.FOLLOW_CONFIRM, Notice.NEW_DATES}:
            record, record_id = "follower", details.get("follower_id")
        else:
            continue
        if isinstance(record_id, int):
            named[record].setdefault(record_id, []).append(message.id)
    found: dict[int, Owner] = {}
    for record, by_record in named.items():
        if not by_record:
            continue
        rows = session.execute(_chapters_of(record, list(by_record))).all()
        for record_id, chapter_id in rows:
            for message_id in by_record[record_id]:
                found[message_id] = Owner(chapter_id, admins_only=record not in _SHOWN_TO_ALL)
    return found


def chapter_mail(session: Session, organiser: Organiser, limit: int = 50) -> ChapterMail:
    """Mail still owed about the organiser's chapter's sessions, and what failed for good:
    about its sessions, and about no session but its team (for admins) or its tandem
    members."""
    of_chapter = (
        select(EventSession.id)
        .where(EventSession.hosted_by(organiser.chapter_id))
        .scalar_subquery()
    )
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
    failed += _failed_about_no_session(session, organiser)
    failed.sort(key=lambda item: (item.failed_at, item.message_id), reverse=True)
    return ChapterMail(pending or 0, failed[:limit])


def _failed_about_no_session(session: Session, organiser: Organiser) -> list[FailedMail]:
    """Failed mail about no session (team, tandems) that is this organiser's to see. Few
    messages fail for good, so they are read and sorted out by owner here."""
    messages = session.scalars(
        select(OutboxMessage).where(
            OutboxMessage.failed_at.is_not(None),
            OutboxMessage.sent_at.is_(None),
            OutboxMessage.event_session_id.is_(None),
            # Emptied (its recipient forgotten): nothing to show or to try again.
            OutboxMessage.recipient != "",
            OutboxMessage.kind != Notice.MAIL_CHECK,
        )
    ).all()
    found = owners(session, messages)
    return [
        FailedMail(
            message.id,
            message.kind,
            None,
            "",
            message.last_error,
            message.failed_at,
            message.recipient_name or message.recipient,
        )
        for message in messages
        if message.failed_at is not None
        and message.id in found
        and found[message.id].shown_to(organiser)
    ]


class NothingToRetry(DomainError):
    def __init__(self) -> None:
        super().__init__(
            _l("This message has been sent or emptied since; there is nothing to retry.")
        )


def _shown_to(session: Session, message: OutboxMessage, organiser: Organiser) -> bool:
    """Whether the organiser sees this message on their dashboard (and may retry it)."""
    if message.event_session_id is not None:
        return find_own_session(session, organiser, message.event_session_id) is not None
    owner = owners(session, [message]).get(message.id)
    return owner is not None and owner.shown_to(organiser)


def retry_failed(session: Session, organiser: Organiser, message_id: int, now: datetime) -> None:
    """Put a failed message back in line for a new round of attempts, now."""
    with write_transaction(session):
        message = session.get(OutboxMessage, message_id)
        if message is None or not _shown_to(session, message, organiser):
            raise NotFound(_l("This message does not exist."))
        if message.failed_at is None or message.sent_at is not None or message.recipient == "":
            raise NothingToRetry()
        if message.kind in TEAM_MAIL:
            # Written again when sent: its link (an hour for a reset, a week for an
            # invitation) starts afresh, and an invitation accepted or revoked since is
            # dropped instead.
            message.raw = None
        message.failed_at = None
        message.attempts = 0
        message.next_attempt_at = now
        message.claimed_until = None
        details: dict[str, str | int] = {"kind": message.kind}
        if message.event_session_id is not None:
            details["session"] = message.event_session_id
        audit.record(
            session,
            organiser,
            AuditAction.MAIL_RETRIED,
            AuditSubject.OUTBOX_MESSAGE,
            message.id,
            details,
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
