"""Attendees' personal data: what we hold, erasing it on request, and after retention.

Erasing keeps what statistics need (session, level, sector, status, language) and removes
who the person was: names, company, job title, address. Messages already sent lose their
contents too; a message still to be sent (the cancellation that goes with an erasure) is
emptied as soon as it has been delivered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import delete, or_, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from business_corner.config import DEFAULT_RETENTION_MONTHS
from business_corner.database import write_transaction
from business_corner.models import (
    ContactChoice,
    EventSession,
    Feedback,
    OutboxMessage,
    Registration,
    WalkIn,
)
from business_corner.services import following
from business_corner.services.audit import purge_entries
from business_corner.services.mail.compose import WriteOut
from business_corner.services.registration import (
    CancelOutcome,
    cancel_locked,
    get_registration,
    lock_registration,
)
from business_corner.services.tandems.membership import forget_unconfirmed
from business_corner.services.team import purge_invitations
from business_corner.vocabulary import Notice

_DAYS_PER_MONTH = 30.44


def personal_data(session: Session, registration_id: int) -> dict[str, Any]:
    """Everything held about one registration, as the attendee can download it."""
    registration = get_registration(session, registration_id)
    event = registration.event_session
    messages = session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.registration_id == registration_id)
        .order_by(OutboxMessage.id)
    ).all()
    return {
        "registration": {
            "first_name": registration.first_name,
            "last_name": registration.last_name,
            "email": registration.email,
            "company": registration.company,
            "job_title": registration.job_title,
            "sector": registration.sector.value,
            "sector_nace_section": registration.sector.nace_section,
            "english_level": registration.level.value,
            "can_host_a_table": registration.can_host,
            "language": registration.locale,
            "status": registration.status.value,
            "registered_at": registration.created_at.isoformat(),
            "consent_given_at": registration.consent_at.isoformat(),
            "privacy_notice_version": registration.consent_version,
            "cancelled_at": registration.cancelled_at.isoformat()
            if registration.cancelled_at
            else None,
            "reminder_sent_at": _instant(registration.reminder_sent_at),
            "asked_still_coming_at": _instant(registration.confirm_asked_at),
            "said_still_coming_at": _instant(registration.still_coming_at),
            "seat_released_at": _instant(registration.released_at),
            "checked_in_at": _instant(registration.checked_in_at),
            "recorded_as_no_show_at": _instant(registration.no_show_at),
            "certificate_code": registration.certificate_code,
            "feedback_asked_at": _instant(registration.feedback_asked_at),
        },
        "feedback": _feedback_of(session, registration_id),
        "attendance_record": attendance_history(session, registration.email),
        # "Tell me about new dates" requests of the same address.
        "following": [
            {
                "chapter": follower.chapter_id,
                "series": follower.series_id,
                "language": follower.locale,
                "asked_at": follower.created_at.isoformat(),
                "consent_given_at": follower.consent_at.isoformat(),
                "privacy_notice_version": follower.consent_version,
                "confirmed_at": _instant(follower.confirmed_at),
            }
            for follower in following.follows_of(session, registration.email)
        ],
        "session": {
            "title_en": event.title_en,
            "title_fr": event.title_fr,
            "starts_at": event.starts_at.isoformat(),
            "ends_at": event.ends_at.isoformat(),
            "timezone": event.timezone,
            "chapter": event.chapter.name,
            "chapter_contact": event.chapter.contact_email,
        },
        "messages": [
            {
                "kind": message.kind,
                "subject": message.subject,
                "queued_at": message.created_at.isoformat(),
                "sent_at": message.sent_at.isoformat() if message.sent_at else None,
            }
            for message in messages
        ],
    }


def _instant(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def attendance_history(session: Session, email: str) -> list[dict[str, Any]]:
    """Every session this address came to, or was recorded as not coming to (walk-ins who
    left it included), oldest first: the record organisers see as counts."""
    came = session.execute(
        select(Registration, EventSession)
        .join(EventSession, Registration.event_session_id == EventSession.id)
        .where(
            Registration.email == email,
            or_(Registration.checked_in_at.is_not(None), Registration.no_show_at.is_not(None)),
        )
    ).all()
    walked_in = session.execute(
        select(WalkIn, EventSession)
        .join(EventSession, WalkIn.event_session_id == EventSession.id)
        .where(WalkIn.email == email)
    ).all()
    history = [
        (event, "attended" if registration.checked_in_at else "no_show")
        for registration, event in came
    ] + [(event, "attended") for _walk_in, event in walked_in]
    history.sort(key=lambda item: (item[0].starts_at, item[0].id))
    return [
        {
            "session_title_en": event.title_en,
            "session_title_fr": event.title_fr,
            "starts_at": event.starts_at.isoformat(),
            "attendance": outcome,
        }
        for event, outcome in history
    ]


def _feedback_of(session: Session, registration_id: int) -> dict[str, Any] | None:
    """The attendee's answers, and whom they chose (first names, as the form showed them)."""
    answer = session.scalars(
        select(Feedback).where(Feedback.registration_id == registration_id)
    ).one_or_none()
    if answer is None:
        return None
    chosen = session.execute(
        select(Registration.first_name, ContactChoice.disclosed_at)
        .join(Registration, ContactChoice.chosen_id == Registration.id)
        .where(ContactChoice.chooser_id == registration_id)
        .order_by(ContactChoice.id)
    ).all()
    return {
        "usefulness": answer.usefulness,
        "english_level_now": answer.level.value,
        "table_level": answer.table_fit.value,
        "agreed_to_exchange_contacts": answer.share_contacts,
        "comment": answer.comment,
        "answered_at": answer.answered_at.isoformat(),
        "would_like_to_stay_in_touch_with": [
            {"first_name": first_name, "details_exchanged_at": _instant(disclosed)}
            for first_name, disclosed in chosen
        ],
    }


def anonymise(registration: Registration, now: datetime) -> None:
    registration.first_name = ""
    registration.last_name = ""
    registration.company = ""
    registration.job_title = ""
    # Unique per session, so the person can register again, and never deliverable.
    registration.email = f"erased-{registration.id}@invalid"
    registration.erased_at = now
    registration.updated_at = now
    # The certificate stops verifying (``verify`` refuses erased people too).
    registration.certificate_code = None


def _empty_sent_messages(session: Session, condition: Any) -> int:
    """Empty the messages done with (sent, or failed for good) that ``condition`` names."""
    result = session.execute(
        update(OutboxMessage)
        .where(
            or_(OutboxMessage.sent_at.is_not(None), OutboxMessage.failed_at.is_not(None)),
            OutboxMessage.recipient != "",
            condition,
        )
        .values(recipient="", recipient_name=None, subject="", raw=b"")
    )
    # An UPDATE answers with a CursorResult; Session.execute is typed with the generic Result.
    return cast("CursorResult[Any]", result).rowcount


def erase_registration(
    session: Session, registration_id: int, *, now: datetime, write_out: WriteOut
) -> CancelOutcome:
    """Cancel the place if it is still held (the seat goes to the next person, and the
    attendee's calendar gets its CANCEL), then erase the personal data, in one transaction."""
    with write_transaction(session):
        registration, event = lock_registration(session, registration_id)
        if registration.erased_at is not None:
            return CancelOutcome(registration_id, cancelled=False)
        outcome = cancel_locked(session, registration, event, now)
        # The cancellation that removes the event from their calendar is written out now,
        # while we still know whom to send it to; anything else still owed to them is dropped.
        for message in session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.registration_id == registration_id,
                OutboxMessage.raw.is_(None),
                OutboxMessage.sent_at.is_(None),
            )
        ).all():
            if message.kind != Notice.REGISTRATION_CANCELLED or not write_out(
                session, message, now
            ):
                message.drop_as_overtaken(now)
        # Erasure covers what the address follows too.
        following.forget_address(session, registration.email)
        anonymise(registration, now)
        _forget_feedback(session, [registration_id])
        _empty_sent_messages(session, OutboxMessage.registration_id == registration_id)
        return outcome


def empty_if_erased(session: Session, message_id: int) -> None:
    """After delivery: a message about an erased registration keeps nothing personal."""
    message = session.get_one(OutboxMessage, message_id)
    if message.registration_id is None:
        return
    registration = session.get(Registration, message.registration_id)
    if registration is not None and registration.erased_at is not None:
        message.recipient, message.subject, message.raw = "", "", b""
        message.recipient_name = None


@dataclass(frozen=True)
class PurgeReport:
    registrations: int
    messages: int
    walk_ins: int = 0
    audit_entries: int = 0
    invitations: int = 0
    #: Tandem sign-ups never confirmed (``membership.UNCONFIRMED_KEPT``, 7 days).
    tandem_members: int = 0
    #: Follow requests never confirmed (``following.UNCONFIRMED_DAYS``).
    followers: int = 0


def purge(
    session: Session, now: datetime, retention_months: int = DEFAULT_RETENTION_MONTHS
) -> PurgeReport:
    """Anonymise registrations of sessions that ended more than the retention period ago,
    empty the messages sent about them (or sent that long ago), and delete audit entries and
    invitations never accepted older than the retention period; forget tandem sign-ups
    whose address was not confirmed within a week, and follow requests never confirmed."""
    cutoff = now - timedelta(days=round(retention_months * _DAYS_PER_MONTH))
    with write_transaction(session):
        expired = session.scalars(
            select(Registration)
            .join(EventSession, Registration.event_session_id == EventSession.id)
            .where(EventSession.ends_at < cutoff, Registration.erased_at.is_(None))
        ).all()
        for registration in expired:
            anonymise(registration, now)
        session.flush()
        _forget_feedback(session, [registration.id for registration in expired])
        erased = select(Registration.id).where(Registration.erased_at.is_not(None))
        messages = _empty_sent_messages(
            session,
            or_(OutboxMessage.created_at < cutoff, OutboxMessage.registration_id.in_(erased)),
        )
        walk_ins = _forget_walk_ins(session, cutoff)
        entries = purge_entries(session, cutoff)
        invitations = purge_invitations(session, cutoff)
        forgotten = forget_unconfirmed(session, now)
        if forgotten:
            messages += _empty_sent_messages(session, OutboxMessage.recipient.in_(forgotten))
        followers = following.forget_unconfirmed(session, now)
    return PurgeReport(
        len(expired),
        messages,
        walk_ins,
        entries,
        invitations,
        tandem_members=len(forgotten),
        followers=followers,
    )


def _forget_walk_ins(session: Session, cutoff: datetime) -> int:
    """Walk-ins of sessions over for longer than the retention period keep what statistics
    need (level, sector) and lose who they were: name, company, address, consent."""
    ended = select(EventSession.id).where(EventSession.ends_at < cutoff)
    result = session.execute(
        update(WalkIn)
        .where(
            WalkIn.event_session_id.in_(ended),
            or_(WalkIn.name != "", WalkIn.company != "", WalkIn.email.is_not(None)),
        )
        .values(name="", company="", email=None, consent_at=None, consent_version=None)
    )
    return cast("CursorResult[Any]", result).rowcount


def _forget_feedback(session: Session, registration_ids: list[int]) -> None:
    """Erased people keep the numbers of their feedback (for the chamber's figures) and
    lose their comment and every contact choice made by them or about them."""
    if not registration_ids:
        return
    session.execute(
        update(Feedback).where(Feedback.registration_id.in_(registration_ids)).values(comment="")
    )
    session.execute(
        delete(ContactChoice).where(
            or_(
                ContactChoice.chooser_id.in_(registration_ids),
                ContactChoice.chosen_id.in_(registration_ids),
            )
        )
    )
