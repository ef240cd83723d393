"""Following a chapter or a series: "tell me about new dates".

Double opt-in: asking records the address and owes one message, the confirmation request;
nothing else goes to it until its link is followed. Each publication then owes every
confirmed follower of its scope one message listing the new dates (a whole series published
at once is one message), recorded in the outbox in the publishing transaction's wake and
written out by the sender in the follower's language, never in the request.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, insert, or_, select
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from business_corner.database import write_transaction
from business_corner.models import EventSession, Follower, OutboxMessage
from business_corner.services.addresses import normalise_address
from business_corner.services.errors import DomainError, NotFound
from business_corner.services.notifications import queue_account_mail
from business_corner.vocabulary import Notice, SessionStatus

#: Unconfirmed requests are forgotten after this long (``purge``).
UNCONFIRMED_DAYS = 3


@dataclass(frozen=True)
class FollowScope:
    """A chapter or a series (exactly one)."""

    chapter_id: int | None = None
    series_id: int | None = None

    def __post_init__(self) -> None:
        if (self.chapter_id is None) == (self.series_id is None):
            raise ValueError("follow a chapter or a series")


def _same_scope(scope: FollowScope) -> list[ColumnElement[bool]]:
    return [
        Follower.chapter_id.is_(None)
        if scope.chapter_id is None
        else Follower.chapter_id == scope.chapter_id,
        Follower.series_id.is_(None)
        if scope.series_id is None
        else Follower.series_id == scope.series_id,
    ]


def ask_to_follow(
    session: Session,
    scope: FollowScope,
    email: str,
    locale: str,
    *,
    consent: bool,
    consent_version: str,
    now: datetime,
) -> None:
    """Record the request and owe it the confirmation mail; already confirmed, nothing
    happens. The caller answers the same either way: nobody learns who follows what."""
    if not consent:
        raise DomainError(_l("Please agree so that we can write to you."))
    address = str(normalise_address(email))
    with write_transaction(session):
        follower = session.scalars(
            select(Follower).where(Follower.email == address, *_same_scope(scope))
        ).one_or_none()
        if follower is not None and follower.confirmed_at is not None:
            return
        if follower is None:
            follower = Follower(
                email=address,
                chapter_id=scope.chapter_id,
                series_id=scope.series_id,
                created_at=now,
                locale=locale,
                consent_at=now,
                consent_version=consent_version,
            )
            session.add(follower)
        follower.locale = locale
        session.flush()
        queue_account_mail(
            session, Notice.FOLLOW_CONFIRM, address, "", locale, {"follower_id": follower.id}, now
        )


def confirm(session: Session, follower_id: int, *, now: datetime) -> Follower:
    with write_transaction(session):
        follower = session.get(Follower, follower_id)
        if follower is None:
            raise NotFound(_l("You are not following this any more."))
        if follower.confirmed_at is None:
            follower.confirmed_at = now
        return follower


def unsubscribe(session: Session, follower_id: int) -> None:
    """Forget the follower entirely (no row is kept); twice is the same as once."""
    with write_transaction(session):
        session.execute(delete(Follower).where(Follower.id == follower_id))


def announce(session: Session, event_ids: Sequence[int], now: datetime) -> int:
    """Owe every confirmed follower of these dates' host chapters or series one message listing
    them, in the caller's transaction; the number of messages. One INSERT for them all, so
    a publication to thousands of followers stays one short statement in the request."""
    events = session.scalars(
        select(EventSession).where(
            EventSession.id.in_(event_ids), EventSession.status == SessionStatus.PUBLISHED
        )
    ).all()
    if not events:
        return 0
    # A joint session is news for the followers of each chapter hosting it.
    chapters = {link.chapter_id for event in events for link in event.host_links}
    series = {event.series_id for event in events if event.series_id is not None}
    followers = session.execute(
        select(Follower.id, Follower.email, Follower.locale)
        .where(
            Follower.confirmed_at.is_not(None),
            or_(Follower.chapter_id.in_(chapters), Follower.series_id.in_(series)),
        )
        .order_by(Follower.id)
    ).all()
    ids = sorted(event.id for event in events)
    # One message per address, even if it follows both the chapter and the series.
    rows, seen = [], set()
    for follower_id, email, locale in followers:
        if email in seen:
            continue
        seen.add(email)
        rows.append(
            {
                "kind": Notice.NEW_DATES,
                "recipient": email,
                "recipient_name": "",
                "locale": locale,
                "subject": "",
                "raw": None,
                "details": json.dumps({"follower_id": follower_id, "event_ids": ids}),
                "created_at": now,
                "next_attempt_at": now,
            }
        )
    if rows:
        session.execute(insert(OutboxMessage), rows)
    return len(rows)


def follows_of(session: Session, email: str) -> list[Follower]:
    """What an address follows (for its personal-data download)."""
    return list(
        session.scalars(select(Follower).where(Follower.email == email).order_by(Follower.id))
    )


def forget_address(session: Session, email: str) -> int:
    """Erasure: the address follows nothing any more. In the caller's transaction."""
    result = session.execute(delete(Follower).where(Follower.email == email))
    return cast("CursorResult[Any]", result).rowcount


def forget_unconfirmed(session: Session, now: datetime) -> int:
    """Requests never confirmed within ``UNCONFIRMED_DAYS``. In the caller's transaction."""
    cutoff = now - timedelta(days=UNCONFIRMED_DAYS)
    result = session.execute(
        delete(Follower).where(Follower.confirmed_at.is_(None), Follower.created_at < cutoff)
    )
    return cast("CursorResult[Any]", result).rowcount
