"""What we tell attendees, in their own language, through the outbox.

Every notice is rendered (text and HTML) under the attendee's locale at the moment of the
change and stored with it in the same transaction; delivery comes later.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from enum import StrEnum

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from business_corner.links import public_url
from business_corner.models import OutboxMessage, Registration
from business_corner.services import seats
from business_corner.services.catalogue import all_cities
from business_corner.services.clocks import City, city_times
from business_corner.services.mail.compose import build_message
from business_corner.services.mail.outbox import queue_message
from business_corner.services.tokens import make_manage_token
from business_corner.vocabulary import RegistrationStatus


class Notice(StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    PROMOTED = "promoted"
    ALREADY_REGISTERED = "already_registered"
    REGISTRATION_CANCELLED = "registration_cancelled"
    SESSION_CANCELLED = "session_cancelled"


def _subject(notice: Notice, title: str, position: int | None) -> str:
    subjects: dict[Notice, Callable[[], str]] = {
        Notice.CONFIRMED: lambda: _("Your place is confirmed: %(title)s", title=title),
        Notice.WAITLISTED: lambda: _(
            "You are on the waiting list (no. %(position)s): %(title)s",
            position=position,
            title=title,
        ),
        Notice.PROMOTED: lambda: _("A place has opened up for you: %(title)s", title=title),
        Notice.ALREADY_REGISTERED: lambda: _("Your registration: %(title)s", title=title),
        Notice.REGISTRATION_CANCELLED: lambda: _(
            "Your registration is cancelled: %(title)s", title=title
        ),
        Notice.SESSION_CANCELLED: lambda: _("Session cancelled: %(title)s", title=title),
    }
    return subjects[notice]()


def queue_notice(
    session: Session,
    registration: Registration,
    notice: Notice,
    now: datetime,
    *,
    cities: Sequence[City] | None = None,
) -> OutboxMessage:
    """Render ``notice`` for ``registration`` in the attendee's language and queue it."""
    event = registration.event_session
    cities = all_cities(session) if cities is None else cities
    position = seats.waitlist_position(session, registration)
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
        }
        message = build_message(
            sender=current_app.config["MAIL_DEFAULT_SENDER"],
            recipient=registration.email,
            recipient_name=registration.full_name,
            reply_to=event.chapter.contact_email,
            subject=_subject(notice, title.text, position),
            text=render_template(f"emails/{notice}.txt", **context),
            html=render_template(f"emails/{notice}.html", **context),
            locale=registration.locale,
            now=now,
        )
    return queue_message(
        session,
        message,
        kind=notice.value,
        now=now,
        event_session_id=event.id,
        registration_id=registration.id,
    )


def queue_notices(
    session: Session, registrations: Iterable[Registration], notice: Notice, now: datetime
) -> list[OutboxMessage]:
    cities = all_cities(session)
    return [queue_notice(session, r, notice, now, cities=cities) for r in registrations]
