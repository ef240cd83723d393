"""Forgotten and changed passwords.

A reset link is signed, valid for an hour, and works once: it carries a fingerprint of the
password hash it was made for, and the new password (a new scrypt hash, with its own salt)
no longer matches it. Setting a password this way ends every login of the account; a
change from the account's own page ends every login but the one making it.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from business_corner.database import write_transaction
from business_corner.models import Organiser
from business_corner.services import audit
from business_corner.services.errors import DomainError
from business_corner.services.notifications import queue_account_mail
from business_corner.services.organiser_logins import end_logins_of
from business_corner.services.passwords import check_password
from business_corner.services.tokens import LinkSigner, TokenExpired, TokenInvalid
from business_corner.vocabulary import AuditAction, AuditSubject, Notice


class ResetLinkProblem(DomainError):
    """A reset link that cannot be used (the message says why)."""


class WrongPassword(DomainError):
    def __init__(self) -> None:
        super().__init__(_l("This is not your current password."))


def password_fingerprint(password_hash: str) -> str:
    """Changes whenever the password does; says nothing about the password itself."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:32]


def context_of(organiser: Organiser) -> tuple[str, ...]:
    """What makes a password easy to guess for this person (see ``services.passwords``)."""
    return (organiser.email, organiser.name, organiser.chapter.name)


def request_reset(session: Session, email: str, locale: str, now: datetime) -> None:
    """Queue a reset mail if the address is an active organiser's; otherwise do nothing.
    The caller answers the same either way, so nobody learns which addresses exist."""
    # Looked up as the login page looks it up: addresses are stored normalised, lower-case.
    address = email.strip().lower()
    with write_transaction(session):
        organiser = session.scalars(
            select(Organiser).where(Organiser.email == address, Organiser.active.is_(True))
        ).one_or_none()
        if organiser is None:
            return
        queue_account_mail(
            session,
            Notice.PASSWORD_RESET,
            organiser.email,
            organiser.name,
            locale,
            {"organiser_id": organiser.id},
            now,
        )


def _expired() -> ResetLinkProblem:
    return ResetLinkProblem(
        _l("This link has expired: it works for an hour. Ask for a new one below.")
    )


def _invalid() -> ResetLinkProblem:
    return ResetLinkProblem(
        _l(
            "This link has already been used or is not valid. If you still need a new "
            "password, ask for a new link below."
        )
    )


def organiser_for_reset(
    session: Session, signer: LinkSigner, token: str, *, lock: bool = False
) -> Organiser:
    """The account a reset link is for, or ``ResetLinkProblem``: forged, for another
    purpose, older than an hour, used already (the password changed since), or the account
    deactivated."""
    try:
        organiser_id, fingerprint = signer.read_password_reset_token(token)
    except TokenExpired as error:
        raise _expired() from error
    except TokenInvalid as error:
        raise _invalid() from error
    statement = select(Organiser).where(Organiser.id == organiser_id)
    if lock:
        statement = statement.with_for_update()
    organiser = session.scalars(statement.execution_options(populate_existing=True)).one_or_none()
    if (
        organiser is None
        or not organiser.active
        or password_fingerprint(organiser.password_hash) != fingerprint
    ):
        raise _invalid()
    return organiser


def reset_password(
    session: Session, signer: LinkSigner, token: str, new_password: str, now: datetime
) -> Organiser:
    """Set the new password from a reset link (once) and end every login of the account."""
    with write_transaction(session):
        organiser = organiser_for_reset(session, signer, token, lock=True)
        check_password(new_password, context_of(organiser))
        organiser.set_password(new_password)
        end_logins_of(session, organiser.id, now)
        audit.record(
            session,
            organiser,
            AuditAction.PASSWORD_RESET,
            AuditSubject.ORGANISER,
            organiser.id,
            {},
            now,
        )
        return organiser


def change_password(
    session: Session,
    organiser_id: int,
    current: str,
    new: str,
    now: datetime,
    *,
    keep_login: str | None,
) -> int:
    """Change a password knowing the current one; every other login of the account ends
    (``keep_login``: the token of the login making the change). Returns how many ended."""
    organiser = session.get_one(Organiser, organiser_id)
    # scrypt is slow on purpose: checked before the write transaction, not inside it.
    verified_hash = organiser.password_hash
    if not organiser.check_password(current):
        raise WrongPassword()
    if current == new:
        raise DomainError(_l("Choose a new password, not the current one."))
    check_password(new, context_of(organiser))
    with write_transaction(session):
        organiser = session.get_one(
            Organiser, organiser_id, with_for_update=True, populate_existing=True
        )
        if organiser.password_hash != verified_hash:
            raise WrongPassword()  # changed meanwhile, in another browser
        organiser.set_password(new)
        ended = end_logins_of(session, organiser.id, now, keep_token=keep_login)
        audit.record(
            session,
            organiser,
            AuditAction.PASSWORD_CHANGED,
            AuditSubject.ORGANISER,
            organiser.id,
            {"other_logins_ended": ended},
            now,
        )
        return ended
