"""Organiser logins: started by a password, ended by logout, idleness, age or an end-all."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from business_corner.database import write_transaction
from business_corner.models import Organiser, OrganiserLogin

#: last_seen_at is written at most this often: an organiser's every click is not a write.
SEEN_PRECISION = timedelta(minutes=1)


@dataclass(frozen=True)
class Lifetimes:
    #: A login unused for this long is over.
    idle: timedelta
    #: A login this old is over, however busy.
    absolute: timedelta


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_login(session: Session, organiser: Organiser, now: datetime) -> str:
    """Record a new login; the returned token goes into the browser's session cookie only."""
    token = secrets.token_urlsafe(32)
    organiser_id = organiser.id
    # A write transaction of its own: the request has already read (the organiser), and on
    # SQLite a read transaction that turns into a write fails at once, without waiting, if
    # anyone wrote in between (the login then answered 503 while others were checking in).
    with write_transaction(session):
        session.add(
            OrganiserLogin(
                organiser_id=organiser_id,
                token_hash=_hash(token),
                created_at=now,
                last_seen_at=now,
            )
        )
    return token


@dataclass(frozen=True)
class LiveLogin:
    organiser: Organiser
    login_id: int
    #: True when last_seen_at is older than SEEN_PRECISION and should be refreshed.
    stale: bool


def live_login(
    session: Session, token: str, organiser_id: int, now: datetime, lifetimes: Lifetimes
) -> LiveLogin | None:
    """The organiser behind ``token`` if that login is neither ended nor expired (one query)."""
    row = session.execute(
        select(Organiser, OrganiserLogin)
        .join(OrganiserLogin, OrganiserLogin.organiser_id == Organiser.id)
        .where(
            OrganiserLogin.token_hash == _hash(token),
            OrganiserLogin.organiser_id == organiser_id,
            OrganiserLogin.ended_at.is_(None),
            # Deactivation ends every login too; this keeps a deactivated member out even
            # if a login were ever left open.
            Organiser.active.is_(True),
            OrganiserLogin.last_seen_at > now - lifetimes.idle,
            OrganiserLogin.created_at > now - lifetimes.absolute,
        )
    ).one_or_none()
    if row is None:
        return None
    organiser, login = row
    return LiveLogin(organiser, login.id, now - login.last_seen_at >= SEEN_PRECISION)


def mark_seen(session: Session, login_id: int, now: datetime) -> None:
    with write_transaction(session):  # after the request's reads: see start_login
        session.execute(
            update(OrganiserLogin)
            .where(OrganiserLogin.id == login_id, OrganiserLogin.ended_at.is_(None))
            .values(last_seen_at=now)
        )


def end_login(session: Session, token: str, now: datetime) -> None:
    """Logout: this login, in this browser, is over."""
    with write_transaction(session):  # after the request's reads: see start_login
        session.execute(
            update(OrganiserLogin)
            .where(OrganiserLogin.token_hash == _hash(token), OrganiserLogin.ended_at.is_(None))
            .values(ended_at=now)
        )


def end_all_logins(session: Session, organiser_id: int, now: datetime) -> int:
    """End every login of an organiser, in every browser, in a transaction of its own;
    returns how many were still open."""
    with write_transaction(session):
        return end_logins_of(session, organiser_id, now)


def end_logins_of(
    session: Session, organiser_id: int, now: datetime, *, keep_token: str | None = None
) -> int:
    """End the organiser's logins, but for the one of ``keep_token``, inside the caller's
    transaction (a password change, a reset, a deactivation commit it with their change)."""
    statement = update(OrganiserLogin).where(
        OrganiserLogin.organiser_id == organiser_id, OrganiserLogin.ended_at.is_(None)
    )
    if keep_token is not None:
        statement = statement.where(OrganiserLogin.token_hash != _hash(keep_token))
    result = session.execute(statement.values(ended_at=now))
    return int(result.rowcount)  # type: ignore[attr-defined]  # a CursorResult: UPDATE counts rows
