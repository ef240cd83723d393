"""Write an outbox message out: subject, text, HTML and invite, in the recipient's language.

The sender calls this just before sending, so the message shows the session as it is then.
A message about a registration takes its recipient from the registration (which may have
changed since); any other kind carries its recipient, name and language on the row.
"""

from __future__ import annotations

import json
from datetime import datetime
from email.message import Message
from email.utils import make_msgid
from typing import Any

from flask import Flask, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from business_corner.formatting import format_day
from business_corner.links import link_signer, site_links
from business_corner.mail.changes import changed_values
from business_corner.mail.follower_mail import FollowerMail
from business_corner.mail.tandem_mail import TandemMail
from business_corner.models import (
    AttendeeMessage,
    EventSession,
    Invitation,
    Organiser,
    OutboxMessage,
    Registration,
)
from business_corner.rules import confirm_timing
from business_corner.services import seats
from business_corner.services.attendance import seats_for, video_link_for
from business_corner.services.calendar.invites import invitation
from business_corner.services.catalogue import all_cities
from business_corner.services.city_times import city_times
from business_corner.services.link_recovery import coming_registrations
from business_corner.services.mail.compose import (
    CalendarPart,
    InlineImage,
    build_message,
    message_bytes,
    message_subject,
)
from business_corner.services.notifications import (
    CancelReason,
    Change,
    calendar_method,
    overtaken,
)
from business_corner.services.password_reset import password_fingerprint
from business_corner.services.tickets import ticket_png
from business_corner.services.tokens import INVITATION_MAX_AGE
from business_corner.vocabulary import Notice, RegistrationStatus

#: Stands for each recipient's own link in a preview of a message to attendees.
PREVIEW_LINK = "https://…"


class Composer:
    """``services.mail.delivery.WriteOut`` for this app: call inside its app context."""

    def __init__(self, app: Flask) -> None:
        self.links = site_links(app)  # refuses to start without a site address
        self.sender = str(app.config["MAIL_DEFAULT_SENDER"])
        self.default_locale = str(app.config["BABEL_DEFAULT_LOCALE"])
        self.signer = link_signer(app)
        self.confirm_timing = confirm_timing(app)
        self.tandems = TandemMail(app, self.links, self.sender)
        self.followers = FollowerMail(self.links, self.signer, self.sender)

    def __call__(self, session: Session, message: OutboxMessage, now: datetime) -> bool:
        """Compose ``message`` unless it is written already. False, composing nothing, when
        events have overtaken it (the attendee was erased, or already has a seat)."""
        if message.raw is not None:
            return True
        notice = Notice(message.kind)
        if notice is Notice.MY_LINKS:
            links_mail = self._my_links(session, message, now)
            if links_mail is None:
                return False
            email = links_mail
        elif notice in {Notice.FOLLOW_CONFIRM, Notice.NEW_DATES}:
            written = self.followers.compose(session, message, notice, now)
            if written is None:
                return False
            email = written
        elif notice.about_a_tandem:
            written = self.tandems.compose(session, message, notice, now)
            if written is None:
                return False
            email = written
        elif notice.about_a_registration:
            registration = (
                session.get(Registration, message.registration_id)
                if message.registration_id
                else None
            )
            if registration is None or overtaken(notice, registration):
                return False
            if notice is Notice.CONTACT_EXCHANGE:
                contact = session.get(Registration, _detail(message, "contact_id"))
                if contact is None or contact.erased_at is not None:
                    return False  # erased meanwhile: nothing of theirs goes out
                email = self._contact_exchange(registration, contact, now)
            elif notice is Notice.ATTENDEE_MESSAGE:
                copy = (
                    session.get(AttendeeMessage, message.attendee_message_id)
                    if message.attendee_message_id
                    else None
                )
                if copy is None:
                    return False
                email = self._attendee_message(copy, registration, now)
            else:
                email = self._about_registration(session, message, registration, notice, now)
            message.recipient = registration.email
        elif notice is Notice.INVITATION:
            invitation = session.get(Invitation, _detail(message, "invitation_id"))
            if invitation is None or not invitation.is_pending:
                return False  # accepted or withdrawn meanwhile
            email = self._invitation(message, invitation, now)
        elif notice is Notice.PASSWORD_RESET:
            organiser = session.get(Organiser, _detail(message, "organiser_id"))
            if organiser is None or not organiser.active:
                return False
            email = self._password_reset(message, organiser, now)
        else:
            email = self._mail_check(message, now)
        message.subject = message_subject(email)
        message.raw = message_bytes(email)
        return True

    def _about_registration(
        self,
        session: Session,
        message: OutboxMessage,
        registration: Registration,
        notice: Notice,
        now: datetime,
    ) -> Message:
        details = json.loads(message.details or "{}")
        had_seat = bool(details.get("had_seat"))
        changes = [Change(change) for change in details.get("changes", [])]
        cities = all_cities(session)
        event = registration.event_session
        position = seats.waitlist_position(session, registration)
        method = calendar_method(notice, registration, had_seat)
        ticket = self._ticket(notice, registration)
        with force_locale(registration.locale):
            title = event.title_in(registration.locale)
            context = {
                "notice": notice,
                "registration": registration,
                "event": event,
                "title": title,
                "description": event.description_in(registration.locale),
                "cancel_reason": event.cancel_reason_in(registration.locale),
                "starts": city_times(event.starts_at, event.timezone, cities),
                "ends": event.ends_at.astimezone(event.zone),
                "position": position,
                "had_seat": had_seat,
                "changes": changes,
                "changed_values": changed_values(
                    changes,
                    details.get("before", {}),
                    event,
                    link_shown=video_link_for(registration) is not None,
                ),
                "Change": Change,
                # Why a session was cancelled (absent in rows older than series).
                "left_series": details.get("reason") == CancelReason.SERIES_CHANGED,
                "video_link": video_link_for(registration),
                "manage_url": self.links.manage(registration.id),
                "still_coming_url": self.links.still_coming(registration.id),
                "feedback_url": self.links.feedback(registration.id),
                "ticket_cid": ticket.content_id if ticket else None,
                "release_at": self.confirm_timing.release_at(event).astimezone(event.zone),
                "session_url": self.links.session_page(event.id),
                "contact_email": event.chapter.contact_email,
                "chapter_name": event.chapter.name,
                "seats": seats_for(session, registration)
                if notice is Notice.TABLE_SCHEDULE
                else [],
            }
            calendar = (
                CalendarPart(
                    method.value, invitation(registration, method, cities, now, self.links)
                )
                if method is not None
                else None
            )
            return build_message(
                sender=self.sender,
                recipient=registration.email,
                recipient_name=registration.full_name,
                reply_to=event.chapter.contact_email,
                subject=_subject(notice, registration, title.text, position),
                text=render_template(f"emails/{notice}.txt", **context),
                html=render_template(f"emails/{notice}.html", **context),
                locale=registration.locale,
                now=now,
                calendar=calendar,
                inline_images=[ticket] if ticket else [],
            )

    def _contact_exchange(
        self, registration: Registration, contact: Registration, now: datetime
    ) -> Message:
        """The details of someone who chose the attendee as the attendee chose them."""
        event = registration.event_session
        with force_locale(registration.locale):
            title = event.title_in(registration.locale).text
            context = {
                "registration": registration,
                "contact": contact,
                "title": title,
                "day": format_day(event.starts_at.astimezone(event.zone)),
                "contact_email": event.chapter.contact_email,
                "chapter_name": event.chapter.name,
            }
            return build_message(
                sender=self.sender,
                recipient=registration.email,
                recipient_name=registration.full_name,
                reply_to=event.chapter.contact_email,
                subject=_(
                    "%(name)s would like to stay in touch too: %(title)s",
                    name=contact.full_name,
                    title=title,
                ),
                text=render_template("emails/contact_exchange.txt", **context),
                html=render_template("emails/contact_exchange.html", **context),
                locale=registration.locale,
                now=now,
            )

    def _attendee_message(
        self, copy: AttendeeMessage, registration: Registration, now: datetime
    ) -> Message:
        """The organisers' text in the attendee's language, their manage link at the bottom."""
        event = registration.event_session
        locale = registration.locale
        # A language nobody read when it was sent has no text: fall back to the other one.
        language = locale if copy.body_in(locale) else ("en" if locale == "fr" else "fr")
        with force_locale(locale):
            context = {
                **_message_context(event, copy.body_in(language), locale),
                "body_lang": language,
                "registration": registration,
                "manage_url": self.links.manage(registration.id),
            }
            return build_message(
                sender=self.sender,
                recipient=registration.email,
                recipient_name=registration.full_name,
                reply_to=event.chapter.contact_email,
                subject=copy.subject_in(language),
                text=render_template("emails/attendee_message.txt", **context),
                html=render_template("emails/attendee_message.html", **context),
                locale=locale,
                now=now,
            )

    def _invitation(self, message: OutboxMessage, invitation: Invitation, now: datetime) -> Message:
        token = self.signer.make_invitation_token(invitation.id, invitation.nonce)
        locale = invitation.locale
        with force_locale(locale):
            context = {
                "inviter": invitation.invited_by.display_name,
                "chapter_name": invitation.chapter.name,
                "contact_email": invitation.chapter.contact_email,
                "role": invitation.role,
                "join_url": self.links.url("organiser.join", token=token),
                "days": INVITATION_MAX_AGE.days,
            }
            return build_message(
                sender=self.sender,
                recipient=invitation.email,
                recipient_name="",
                reply_to=invitation.chapter.contact_email,
                subject=_(
                    "Join the Business corner team, %(chapter)s", chapter=invitation.chapter.name
                ),
                text=render_template("emails/invitation.txt", **context),
                html=render_template("emails/invitation.html", **context),
                locale=locale,
                now=now,
            )

    def _password_reset(
        self, message: OutboxMessage, organiser: Organiser, now: datetime
    ) -> Message:
        # Signed now, as it leaves: the hour of validity starts when the mail is sent.
        token = self.signer.make_password_reset_token(
            organiser.id, password_fingerprint(organiser.password_hash)
        )
        locale = message.locale or self.default_locale
        with force_locale(locale):
            context = {
                "name": organiser.name,
                "reset_url": self.links.url("organiser.reset_password", token=token),
                "chapter_name": organiser.chapter.name,
                "contact_email": organiser.chapter.contact_email,
            }
            return build_message(
                sender=self.sender,
                recipient=organiser.email,
                recipient_name=organiser.name,
                reply_to=None,
                subject=_("Business corner: choose a new password"),
                text=render_template("emails/password_reset.txt", **context),
                html=render_template("emails/password_reset.html", **context),
                locale=locale,
                now=now,
            )

    def _ticket(self, notice: Notice, registration: Registration) -> InlineImage | None:
        """The QR code of the attendee's check-in address, inside the reminder of a session
        with a venue (never in the confirmation: a newsletter rush composes thousands of
        those, and the ticket is needed on the day, not at sign-up)."""
        if (
            notice is not Notice.REMINDER
            or registration.status is not RegistrationStatus.CONFIRMED
            or not registration.event_session.format.has_venue
        ):
            return None
        return InlineImage(
            content_id=make_msgid(idstring="ticket", domain="business-corner")[1:-1],
            data=ticket_png(self.links.check_in(registration.id)),
            filename="ticket.png",
        )

    def _my_links(self, session: Session, message: OutboxMessage, now: datetime) -> Message | None:
        """Every coming registration of the address with its personal link, as they are
        now; None (nothing sent) if none is left."""
        registrations = coming_registrations(session, message.recipient, now)
        if not registrations:
            return None
        locale = message.locale or self.default_locale
        chapter = registrations[0].event_session.chapter
        with force_locale(locale):
            context: dict[str, Any] = {
                "places": [
                    {
                        "title": r.event_session.title_in(locale).text,
                        "starts": r.event_session.starts_at.astimezone(r.event_session.zone),
                        "status": r.status,
                        "manage_url": self.links.manage(r.id),
                    }
                    for r in registrations
                ],
                "chapter_name": chapter.name,
                "contact_email": chapter.contact_email,
            }
            return build_message(
                sender=self.sender,
                recipient=message.recipient,
                recipient_name="",
                reply_to=chapter.contact_email,
                subject=_("Business corner: your personal links"),
                text=render_template("emails/my_links.txt", **context),
                html=render_template("emails/my_links.html", **context),
                locale=locale,
                now=now,
            )

    def _mail_check(self, message: OutboxMessage, now: datetime) -> Message:
        locale = message.locale or self.default_locale
        with force_locale(locale):
            context: dict[str, Any] = {"site": self.links.site}
            return build_message(
                sender=self.sender,
                recipient=message.recipient,
                recipient_name=message.recipient_name or "",
                reply_to=None,
                subject=_("Business corner: mail check"),
                text=render_template("emails/mail_check.txt", **context),
                html=render_template("emails/mail_check.html", **context),
                locale=locale,
                now=now,
            )


def _subject(
    notice: Notice,
    registration: Registration,
    title: str,
    position: int | None,
) -> str:
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
    if notice is Notice.STILL_COMING:
        return _("Still coming? Please confirm your place: %(title)s", title=title)
    if notice is Notice.SEAT_RELEASED:
        return _("Your seat has gone to the waiting list: %(title)s", title=title)
    if notice is Notice.FEEDBACK_REQUEST:
        return _("How was it? Two minutes about %(title)s", title=title)
    event = registration.event_session
    return _(
        "Reminder: %(title)s on %(day)s",
        title=title,
        day=format_day(event.starts_at.astimezone(event.zone)),
    )


def _detail(message: OutboxMessage, key: str) -> int:
    value = json.loads(message.details or "{}").get(key)
    return value if isinstance(value, int) else 0


def _message_context(event: EventSession, body: str, locale: str) -> dict[str, Any]:
    """What the message templates need beyond the recipient (shared with the preview)."""
    return {
        "event": event,
        "title": event.title_in(locale),
        "body": body,
        "body_lang": locale,
        "day": format_day(event.starts_at.astimezone(event.zone)),
        "contact_email": event.chapter.contact_email,
        "chapter_name": event.chapter.name,
    }


def attendee_message_preview(event: EventSession, body: str, language: str) -> str:
    """The text version of a message to attendees as ``language``'s recipients will read
    it, with a stand-in for each one's personal link."""
    with force_locale(language):
        return render_template(
            "emails/attendee_message.txt",
            **_message_context(event, body, language),
            registration=None,
            manage_url=PREVIEW_LINK,
        )


def composer_for(app: Flask) -> Composer:
    composer = app.extensions.get("mail_composer")
    if composer is None:
        composer = app.extensions["mail_composer"] = Composer(app)
    return composer
