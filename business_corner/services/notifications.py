"""What we owe attendees: the notices a change records in the outbox, and the rules of them.

A change records the notice it owes (kind and details) in its own transaction; the mail side
(``business_corner.mail``) writes the message out just before sending it: text, HTML and,
where the attendee has a seat, the calendar invite, in the attendee's language, with the
session as it is then.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from enum import StrEnum

from sqlalchemy.orm import Session

from business_corner.database import write_transaction
from business_corner.models import OutboxMessage, Registration
from business_corner.services.calendar.documents import Method
from business_corner.vocabulary import Notice, RegistrationStatus

__all__ = [
    "CancelReason",
    "Change",
    "Notice",
    "calendar_method",
    "overtaken",
    "owed_row",
    "queue_account_mail",
    "queue_mail_check",
    "queue_notice",
    "queue_notices",
]


class CancelReason(StrEnum):
    """Why a session was cancelled, for the attendees' mail."""

    #: The organisers called it off.
    ORGANISERS = "organisers"
    #: A change of its series' rule left this date out.
    SERIES_CHANGED = "series_changed"


class Change(StrEnum):
    """What changed in a session, as far as attendees' plans are concerned."""

    TIME = "time"
    PLACE = "place"
    FORMAT = "format"
    VIDEO_LINK = "video_link"


def calendar_method(notice: Notice, registration: Registration, had_seat: bool) -> Method | None:
    """Which invite goes with a notice: only people with a seat have the event in their
    calendar, so only they get a REQUEST, and a CANCEL when it goes away."""
    seated = registration.status is RegistrationStatus.CONFIRMED
    if notice in {Notice.CONFIRMED, Notice.PROMOTED, Notice.REMINDER}:
        return Method.REQUEST
    if notice in {Notice.ALREADY_REGISTERED, Notice.SESSION_UPDATED}:
        return Method.REQUEST if seated else None
    if notice in {Notice.REGISTRATION_CANCELLED, Notice.SEAT_RELEASED}:
        return Method.CANCEL if had_seat else None
    if notice is Notice.SESSION_CANCELLED:
        return Method.CANCEL if seated else None
    return None


def queue_notice(
    session: Session,
    registration: Registration,
    notice: Notice,
    now: datetime,
    *,
    had_seat: bool = False,
    changes: Sequence[Change] = (),
    reason: CancelReason | None = None,
    before: Mapping[str, object] | None = None,
) -> OutboxMessage:
    """Record that ``registration`` is owed ``notice``; the sender writes it out later.

    ``had_seat`` tells a cancellation whether the attendee had the event in their calendar,
    ``reason`` why the session was cancelled (the organisers, or its series' new rule);
    ``changes`` says what an update changed and ``before`` what each changed value was
    (the mail shows old → new; the new value is the session as it is when written out).
    """
    message = OutboxMessage(
        registration=registration,
        **owed_row(
            notice,
            registration.email,
            registration.event_session_id,
            now,
            had_seat=had_seat,
            changes=changes,
            reason=reason,
            before=before,
        ),
    )
    session.add(message)
    return message


def owed_row(
    notice: Notice,
    email: str,
    event_id: int,
    now: datetime,
    *,
    had_seat: bool = False,
    changes: Sequence[Change] = (),
    reason: CancelReason | None = None,
    before: Mapping[str, object] | None = None,
) -> dict[str, object]:
    """The outbox row of a notice not yet written out."""
    owed: dict[str, object] = {"had_seat": had_seat, "changes": [c.value for c in changes]}
    if reason is not None:
        owed["reason"] = reason.value
    if before:
        owed["before"] = dict(before)
    return {
        "kind": notice.value,
        "recipient": email,
        "subject": "",
        "raw": None,
        "details": json.dumps(owed),
        "event_session_id": event_id,
        "created_at": now,
        "next_attempt_at": now,
    }


def queue_notices(
    session: Session,
    registrations: Iterable[Registration],
    notice: Notice,
    now: datetime,
    *,
    changes: Sequence[Change] = (),
    reason: CancelReason | None = None,
    before: Mapping[str, object] | None = None,
) -> list[OutboxMessage]:
    return [
        queue_notice(session, r, notice, now, changes=changes, reason=reason, before=before)
        for r in registrations
    ]


def overtaken(notice: Notice, registration: Registration) -> bool:
    """A notice events have made pointless: the attendee has been erased, the waiting-list
    notice of someone who already has a seat (the promotion mail says it all), a reminder,
    tables or "still coming?" for a seat no longer held, or a question already answered."""
    if registration.erased_at is not None:
        return True
    if notice in {Notice.TABLE_SCHEDULE, Notice.REMINDER}:
        return registration.status is not RegistrationStatus.CONFIRMED
    if notice is Notice.ATTENDEE_MESSAGE:
        # Written to people registered at the time: someone who left since is not told.
        return registration.status is RegistrationStatus.CANCELLED
    if notice is Notice.FEEDBACK_REQUEST:
        # A check-in undone since: the form is for people who came.
        return registration.checked_in_at is None
    if notice is Notice.STILL_COMING:
        return (
            registration.status is not RegistrationStatus.CONFIRMED
            or registration.still_coming_at is not None
        )
    return notice is Notice.WAITLISTED and registration.status is not RegistrationStatus.WAITLISTED


def queue_mail_check(session: Session, address: str, locale: str, now: datetime) -> OutboxMessage:
    """Record a message that checks the mail set-up: to an address, about no registration."""
    with write_transaction(session):
        message = OutboxMessage(
            kind=Notice.MAIL_CHECK,
            recipient=address,
            recipient_name="",
            locale=locale,
            subject="",
            raw=None,
            created_at=now,
            next_attempt_at=now,
        )
        session.add(message)
    return message


def queue_account_mail(
    session: Session,
    notice: Notice,
    address: str,
    name: str,
    locale: str,
    details: Mapping[str, int],
    now: datetime,
) -> OutboxMessage:
    """Record a message about an organiser's account (an invitation, a password reset), in
    the caller's transaction. ``details`` names the record; the link in it is signed when
    the sender writes the message out, so no link waits in the outbox."""
    message = OutboxMessage(
        kind=notice,
        recipient=address,
        recipient_name=name,
        locale=locale,
        subject="",
        raw=None,
        details=json.dumps(dict(details)),
        created_at=now,
        next_attempt_at=now,
    )
    session.add(message)
    return message
