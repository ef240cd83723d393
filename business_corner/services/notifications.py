"""What we tell attendees, in their own language, through the outbox.

A change records the notice it owes (kind and details) in its own transaction; the sender
writes the message out just before sending it: text, HTML and, where the attendee has a
seat, the calendar invite, in the attendee's language, with the session as it is then.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from email import policy
from email.message import EmailMessage
from enum import StrEnum

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from business_corner.i18n import format_day
from business_corner.links import public_url
from business_corner.models import OutboxMessage, Registration, TablePlan
from business_corner.services import seats
from business_corner.services.calendar.documents import Method
from business_corner.services.calendar.invites import invitation
from business_corner.services.catalogue import all_cities
from business_corner.services.clocks import City, city_times
from business_corner.services.mail.compose import CalendarPart, build_message
from business_corner.services.table_schedule import Seat, registration_key, seats_of
from business_corner.services.tokens import make_manage_token
from business_corner.vocabulary import RegistrationStatus


class Notice(StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    PROMOTED = "promoted"
    ALREADY_REGISTERED = "already_registered"
    REGISTRATION_CANCELLED = "registration_cancelled"
    SESSION_UPDATED = "session_updated"
    SESSION_CANCELLED = "session_cancelled"
    REMINDER = "reminder"
    TABLE_SCHEDULE = "table_schedule"


class Change(StrEnum):
    """What changed in a session, as far as attendees' plans are concerned."""

    TIME = "time"
    PLACE = "place"
    FORMAT = "format"
    VIDEO_LINK = "video_link"


def _subject(notice: Notice, registration: Registration, title: str, position: int | None) -> str:
    if notice is Notice.CONFIRMED:
        return _("Your place is confirmed: %(title)s", title=title)
    if notice is Notice.WAITLISTED:
        return _(
            "You are on the waiting list (no. %(position)s): %(title)s",
            position=position,
            title=title,
        )
    if notice is Notice.PROMOTED:
        return _("A place has opened up for you: %(title)s", title=title)
    if notice is Notice.ALREADY_REGISTERED:
        return _("Your registration: %(title)s", title=title)
    if notice is Notice.REGISTRATION_CANCELLED:
        return _("Your registration is cancelled: %(title)s", title=title)
    if notice is Notice.SESSION_UPDATED:
        return _("Change to your session: %(title)s", title=title)
    if notice is Notice.SESSION_CANCELLED:
        return _("Session cancelled: %(title)s", title=title)
    if notice is Notice.TABLE_SCHEDULE:
        return _("Your conversation tables: %(title)s", title=title)
    event = registration.event_session
    return _(
        "Reminder: %(title)s on %(day)s",
        title=title,
        day=format_day(event.starts_at.astimezone(event.zone)),
    )


def calendar_method(notice: Notice, registration: Registration, had_seat: bool) -> Method | None:
    """Which invite goes with a notice: only people with a seat have the event in their
    calendar, so only they get a REQUEST, and a CANCEL when it goes away."""
    seated = registration.status is RegistrationStatus.CONFIRMED
    if notice in {Notice.CONFIRMED, Notice.PROMOTED, Notice.REMINDER}:
        return Method.REQUEST
    if notice in {Notice.ALREADY_REGISTERED, Notice.SESSION_UPDATED}:
        return Method.REQUEST if seated else None
    if notice is Notice.REGISTRATION_CANCELLED:
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
) -> OutboxMessage:
    """Record that ``registration`` is owed ``notice``; the sender writes it out later.

    ``had_seat`` tells a cancellation whether the attendee had the event in their calendar;
    ``changes`` says what an update changed.
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
) -> dict[str, object]:
    """The outbox row of a notice not yet written out."""
    return {
        "kind": notice.value,
        "recipient": email,
        "subject": "",
        "raw": None,
        "details": json.dumps({"had_seat": had_seat, "changes": [c.value for c in changes]}),
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
) -> list[OutboxMessage]:
    return [queue_notice(session, r, notice, now, changes=changes) for r in registrations]


def overtaken(notice: Notice, registration: Registration) -> bool:
    """A notice events have made pointless: the attendee has been erased, or the waiting-list
    notice of someone who already has a seat (the promotion mail says it all)."""
    if registration.erased_at is not None:
        return True
    if notice is Notice.TABLE_SCHEDULE:
        return registration.status is not RegistrationStatus.CONFIRMED
    return notice is Notice.WAITLISTED and registration.status is not RegistrationStatus.WAITLISTED


def write_out(
    session: Session, message: OutboxMessage, now: datetime, *, cities: Sequence[City] | None = None
) -> bool:
    """Compose ``message`` from its notice, in the attendee's language, with the session as it
    is now. Returns False, composing nothing, when the notice has been overtaken."""
    if message.raw is not None:
        return True
    registration = (
        session.get(Registration, message.registration_id) if message.registration_id else None
    )
    notice = Notice(message.kind)
    if registration is None or overtaken(notice, registration):
        return False
    details = json.loads(message.details or "{}")
    email = _compose(
        session,
        registration,
        notice,
        now,
        cities=all_cities(session) if cities is None else cities,
        had_seat=bool(details.get("had_seat")),
        changes=[Change(change) for change in details.get("changes", [])],
    )
    message.recipient = registration.email
    message.subject = str(email["Subject"])
    # SMTP policy: CRLF line endings, as the message will travel.
    message.raw = email.as_bytes(policy=policy.SMTP)
    return True


def write_out_pending(session: Session, now: datetime, ids: Sequence[int] | None = None) -> int:
    """Compose every message still recorded as a notice (or just ``ids``)."""
    statement = select(OutboxMessage).where(
        OutboxMessage.raw.is_(None), OutboxMessage.sent_at.is_(None)
    )
    if ids is not None:
        statement = statement.where(OutboxMessage.id.in_(list(ids)))
    cities = all_cities(session)
    return sum(write_out(session, m, now, cities=cities) for m in session.scalars(statement).all())


def _seats(session: Session, registration: Registration) -> list[Seat]:
    record = session.scalars(
        select(TablePlan).where(TablePlan.event_session_id == registration.event_session_id)
    ).one_or_none()
    return seats_of(record, registration_key(registration.id)) if record else []


def _compose(
    session: Session,
    registration: Registration,
    notice: Notice,
    now: datetime,
    *,
    cities: Sequence[City],
    had_seat: bool,
    changes: Sequence[Change],
) -> EmailMessage:
    event = registration.event_session
    position = seats.waitlist_position(session, registration)
    method = calendar_method(notice, registration, had_seat)
    with force_locale(registration.locale):
        title = event.title_in(registration.locale)
        context = {
            "notice": notice,
            "registration": registration,
            "event": event,
            "title": title,
            "description": event.description_in(registration.locale),
            "starts": city_times(event.starts_at, event.timezone, cities),
            "ends": event.ends_at.astimezone(event.zone),
            "position": position,
            "had_seat": had_seat,
            "changes": list(changes),
            "Change": Change,
            "show_video_link": (
                registration.status is RegistrationStatus.CONFIRMED
                and event.format.has_video_link
                and not event.is_cancelled
            ),
            "manage_url": public_url(
                "registration.manage", token=make_manage_token(registration.id)
            ),
            "session_url": public_url("public.session_page", event_id=event.id),
            "contact_email": event.chapter.contact_email,
            "chapter_name": event.chapter.name,
            "seats": _seats(session, registration) if notice is Notice.TABLE_SCHEDULE else [],
        }
        calendar = (
            CalendarPart(method.value, invitation(registration, method, cities, now))
            if method is not None
            else None
        )
        return build_message(
            sender=current_app.config["MAIL_DEFAULT_SENDER"],
            recipient=registration.email,
            recipient_name=registration.full_name,
            reply_to=event.chapter.contact_email,
            subject=_subject(notice, registration, title.text, position),
            text=render_template(f"emails/{notice}.txt", **context),
            html=render_template(f"emails/{notice}.html", **context),
            locale=registration.locale,
            now=now,
            calendar=calendar,
        )
