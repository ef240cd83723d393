"""A chapter's team: admins invite colleagues, change their roles and deactivate them.

Every change runs in one write transaction that first locks the chapter's row
(``lock_chapter``), then reads who is acting and who is affected, so that two admins
acting at the same moment are decided one after the other: a chapter always keeps at
least one active admin, also when two admins demote each other at once.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from business_corner.database import write_transaction
from business_corner.models import Chapter, Invitation, Organiser
from business_corner.services import audit
from business_corner.services.addresses import normalise_address
from business_corner.services.errors import DomainError, NotFound
from business_corner.services.notifications import queue_account_mail
from business_corner.services.organiser_logins import end_logins_of
from business_corner.services.passwords import check_password
from business_corner.services.tokens import (
    INVITATION_MAX_AGE,
    LinkSigner,
    TokenExpired,
    TokenInvalid,
)
from business_corner.vocabulary import AuditAction, AuditSubject, Notice, Role


class NotAnAdmin(DomainError):
    def __init__(self) -> None:
        super().__init__(_l("Only the chapter’s admins manage the team."))


class LastAdmin(DomainError):
    def __init__(self) -> None:
        super().__init__(
            _l("The chapter must keep at least one active admin: make someone else an admin first.")
        )


class InvitationProblem(DomainError):
    """The link of an invitation cannot be used (the message says why)."""


def lock_chapter(session: Session, chapter_id: int) -> Chapter:
    """The chapter's row, locked until the transaction ends: every change to its team takes
    this lock before it reads who is an admin. (On SQLite, ``write_transaction`` already
    holds the database's write lock.)"""
    return session.execute(
        select(Chapter)
        .where(Chapter.id == chapter_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one()


def _acting_admin(session: Session, actor: Organiser) -> Organiser:
    """The actor as they are now, under the lock: still active, still an admin."""
    acting = session.execute(
        select(Organiser).where(Organiser.id == actor.id).execution_options(populate_existing=True)
    ).scalar_one()
    if not acting.is_admin:
        raise NotAnAdmin()
    return acting


def _member(session: Session, acting: Organiser, organiser_id: int) -> Organiser:
    member = session.get(Organiser, organiser_id, populate_existing=True)
    if member is None or member.chapter_id != acting.chapter_id:
        raise NotFound(_l("This member does not exist."))
    return member


def _other_active_admins(session: Session, chapter_id: int, but: int) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(Organiser)
            .where(
                Organiser.chapter_id == chapter_id,
                Organiser.id != but,
                Organiser.active.is_(True),
                Organiser.role == Role.ADMIN,
            )
        )
        or 0
    )


def change_role(
    session: Session, actor: Organiser, organiser_id: int, role: Role, now: datetime
) -> bool:
    """Give a member another role; False when they already had it."""
    with write_transaction(session):
        lock_chapter(session, actor.chapter_id)
        acting = _acting_admin(session, actor)
        member = _member(session, acting, organiser_id)
        if not member.active:
            raise DomainError(_l("A deactivated member’s role cannot change."))
        if member.role is role:
            return False
        if member.role is Role.ADMIN and not _other_active_admins(
            session, acting.chapter_id, but=member.id
        ):
            raise LastAdmin()
        previous, member.role = member.role, role
        audit.record(
            session,
            acting,
            AuditAction.ROLE_CHANGED,
            AuditSubject.ORGANISER,
            member.id,
            {"from": previous.value, "to": role.value},
            now,
        )
        return True


def deactivate(session: Session, actor: Organiser, organiser_id: int, now: datetime) -> int:
    """The member is logged out everywhere at once and can no longer log in; what they
    did stays attributed to them. Returns how many of their logins were ended."""
    with write_transaction(session):
        lock_chapter(session, actor.chapter_id)
        acting = _acting_admin(session, actor)
        member = _member(session, acting, organiser_id)
        if member.id == acting.id:
            raise DomainError(_l("You cannot deactivate yourself: ask another admin."))
        if not member.active:
            raise DomainError(_l("This member is already deactivated."))
        if member.role is Role.ADMIN and not _other_active_admins(
            session, acting.chapter_id, but=member.id
        ):
            raise LastAdmin()
        member.active = False
        member.deactivated_at = now
        ended = end_logins_of(session, member.id, now)
        audit.record(
            session,
            acting,
            AuditAction.MEMBER_DEACTIVATED,
            AuditSubject.ORGANISER,
            member.id,
            {"logins_ended": ended},
            now,
        )
        return ended


# Invitations ------------------------------------------------------------------------------


def _new_nonce() -> str:
    return secrets.token_urlsafe(24)


def _queue_invitation(session: Session, invitation: Invitation, now: datetime) -> None:
    queue_account_mail(
        session,
        Notice.INVITATION,
        invitation.email,
        "",
        invitation.locale,
        {"invitation_id": invitation.id},
        now,
    )


def invite(
    session: Session, actor: Organiser, email: str, role: Role, locale: str, now: datetime
) -> Invitation:
    """Invite a colleague: a mail in ``locale`` with a link to set their name and password.
    Raises ``InvalidAddress``, or ``DomainError`` for a member or an invitation already
    there."""
    address = normalise_address(email)
    with write_transaction(session):
        lock_chapter(session, actor.chapter_id)
        acting = _acting_admin(session, actor)
        if session.scalar(select(Organiser.id).where(Organiser.email == address)) is not None:
            raise DomainError(_l("This address already has an organiser account."))
        if _pending_for(session, acting.chapter_id, address) is not None:
            raise DomainError(
                _l("This address is already invited: send the invitation again from the list.")
            )
        invitation = Invitation(
            chapter_id=acting.chapter_id,
            email=address,
            role=role,
            locale=locale,
            invited_by_id=acting.id,
            nonce=_new_nonce(),
            created_at=now,
            sent_at=now,
        )
        session.add(invitation)
        session.flush()
        _queue_invitation(session, invitation, now)
        audit.record(
            session,
            acting,
            AuditAction.MEMBER_INVITED,
            AuditSubject.INVITATION,
            invitation.id,
            {"role": role.value, "language": locale},
            now,
        )
        return invitation


def _pending_for(session: Session, chapter_id: int, address: str) -> Invitation | None:
    return session.scalars(
        select(Invitation).where(
            Invitation.chapter_id == chapter_id,
            Invitation.email == address,
            Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None),
        )
    ).first()


def _own_pending_invitation(session: Session, acting: Organiser, invitation_id: int) -> Invitation:
    invitation = session.get(Invitation, invitation_id, populate_existing=True)
    if invitation is None or invitation.chapter_id != acting.chapter_id:
        raise NotFound(_l("This invitation does not exist."))
    if not invitation.is_pending:
        raise DomainError(_l("This invitation has been accepted or revoked since."))
    return invitation


def resend_invitation(
    session: Session, actor: Organiser, invitation_id: int, now: datetime
) -> None:
    """A new mail with a new link, valid from now; links in earlier mails stop working."""
    with write_transaction(session):
        lock_chapter(session, actor.chapter_id)
        acting = _acting_admin(session, actor)
        invitation = _own_pending_invitation(session, acting, invitation_id)
        invitation.nonce = _new_nonce()
        invitation.sent_at = now
        _queue_invitation(session, invitation, now)
        audit.record(
            session,
            acting,
            AuditAction.INVITATION_RESENT,
            AuditSubject.INVITATION,
            invitation.id,
            {},
            now,
        )


def revoke_invitation(
    session: Session, actor: Organiser, invitation_id: int, now: datetime
) -> None:
    with write_transaction(session):
        lock_chapter(session, actor.chapter_id)
        acting = _acting_admin(session, actor)
        invitation = _own_pending_invitation(session, acting, invitation_id)
        invitation.revoked_at = now
        audit.record(
            session,
            acting,
            AuditAction.INVITATION_REVOKED,
            AuditSubject.INVITATION,
            invitation.id,
            {},
            now,
        )


def _expired_link() -> InvitationProblem:
    return InvitationProblem(
        _l("This invitation has expired. Ask the admin who invited you to send it again.")
    )


def _invalid_link() -> InvitationProblem:
    return InvitationProblem(
        _l("This invitation link is not valid. Please use the link from the latest e-mail.")
    )


def invitation_for(
    session: Session, signer: LinkSigner, token: str, *, lock: bool = False
) -> Invitation:
    """The pending invitation a link stands for, or ``InvitationProblem`` saying why not:
    forged, for another purpose, older than its validity, replaced by a newer mail, already
    used, or revoked."""
    try:
        invitation_id, nonce = signer.read_invitation_token(token)
    except TokenExpired as error:
        raise _expired_link() from error
    except TokenInvalid as error:
        raise _invalid_link() from error
    statement = select(Invitation).where(Invitation.id == invitation_id)
    if lock:
        statement = statement.with_for_update()
    invitation = session.scalars(statement.execution_options(populate_existing=True)).one_or_none()
    if invitation is None or not secrets.compare_digest(invitation.nonce, nonce):
        raise _invalid_link()
    if invitation.accepted_at is not None:
        raise InvitationProblem(
            _l("This invitation has already been used. Log in with your address and password.")
        )
    if invitation.revoked_at is not None:
        raise InvitationProblem(_l("This invitation has been withdrawn."))
    return invitation


def accept_invitation(
    session: Session, signer: LinkSigner, token: str, name: str, password: str, now: datetime
) -> Organiser:
    """Create the invitee's account from the link (once): their name, their password."""
    with write_transaction(session):
        invitation = invitation_for(session, signer, token, lock=True)
        check_password(password, (invitation.email, name, invitation.chapter.name))
        if session.scalar(select(Organiser.id).where(Organiser.email == invitation.email)):
            raise DomainError(_l("This address already has an organiser account."))
        member = Organiser(
            email=invitation.email,
            name=name.strip(),
            chapter_id=invitation.chapter_id,
            role=invitation.role,
        )
        member.set_password(password)
        session.add(member)
        session.flush()
        invitation.accepted_at = now
        invitation.organiser_id = member.id
        audit.record(
            session,
            member,
            AuditAction.MEMBER_JOINED,
            AuditSubject.INVITATION,
            invitation.id,
            {"role": invitation.role.value},
            now,
        )
        return member


def purge_invitations(session: Session, cutoff: datetime) -> int:
    """Forget invitations never accepted (withdrawn, or left to expire) sent before
    ``cutoff``: the address of someone who never joined is kept no longer than the
    retention period. Accepted ones stay with the account they became."""
    result = session.execute(
        delete(Invitation).where(Invitation.accepted_at.is_(None), Invitation.sent_at < cutoff)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]  # a CursorResult: DELETE counts rows


# What the team page shows ------------------------------------------------------------------


@dataclass(frozen=True)
class PendingInvitation:
    invitation: Invitation
    expires_at: datetime
    expired: bool


def members(session: Session, chapter_id: int) -> Sequence[Organiser]:
    """Active members first (admins, then staff), then deactivated ones, by name."""
    return session.scalars(
        select(Organiser)
        .where(Organiser.chapter_id == chapter_id)
        .order_by(
            Organiser.active.desc(),
            Organiser.role,
            func.lower(Organiser.name),
            Organiser.email,
        )
    ).all()


def pending_invitations(
    session: Session, chapter_id: int, now: datetime
) -> list[PendingInvitation]:
    rows = session.scalars(
        select(Invitation)
        .where(
            Invitation.chapter_id == chapter_id,
            Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None),
        )
        .order_by(Invitation.sent_at.desc())
    ).all()
    return [
        PendingInvitation(
            row, row.sent_at + INVITATION_MAX_AGE, row.sent_at + INVITATION_MAX_AGE <= now
        )
        for row in rows
    ]
