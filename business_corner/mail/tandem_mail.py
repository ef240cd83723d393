"""Writing out mail to tandem members: the row carries address, name and language; the
member and the tandem are read as they are now. Invitations go as iMIP REQUEST/CANCEL."""

from __future__ import annotations

from datetime import datetime
from email.message import Message
from typing import Any

from flask import Flask, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from business_corner.links import SiteLinks, link_signer
from business_corner.models import Chapter, OutboxMessage, Tandem, TandemMember
from business_corner.services.calendar.documents import Method
from business_corner.services.catalogue import all_cities
from business_corner.services.mail.compose import CalendarPart, build_message
from business_corner.services.tandems.invite import (
    clocks,
    partner_offers,
    tandem_invitation,
    tandem_texts,
)
from business_corner.services.tandems.notices import message_details
from business_corner.services.tandems.video import video_url
from business_corner.vocabulary import MemberStatus, Notice, TandemState

#: Which invitation goes with each notice about a tandem.
_METHODS = {Notice.TANDEM_INVITE: Method.REQUEST, Notice.TANDEM_CANCELLED: Method.CANCEL}


class TandemMail:
    def __init__(self, app: Flask, links: SiteLinks, sender: str) -> None:
        self.links = links
        self.signer = link_signer(app)
        self.sender = sender
        self.video_base = str(app.config["TANDEM_VIDEO_BASE_URL"])

    def member_url(
        self, member: TandemMember, endpoint: str = "tandem.member_page", **values: Any
    ) -> str:
        return self.links.url(endpoint, token=self.signer.make_tandem_token(member.id), **values)

    def compose(
        self, session: Session, message: OutboxMessage, notice: Notice, now: datetime
    ) -> Message | None:
        """The message, or None when events made it pointless (the member left, the tandem
        moved on: a REQUEST for a tandem since cancelled is never sent)."""
        details = message_details(message)
        member = session.get(TandemMember, details.get("member_id") or 0)
        if member is None or member.status is MemberStatus.LEFT:
            return None
        tandem = session.get(Tandem, details["tandem_id"]) if details.get("tandem_id") else None
        if notice is Notice.TANDEM_INVITE and (tandem is None or not tandem.state.is_live):
            return None
        cities = all_cities(session)
        with force_locale(member.locale):
            context: dict[str, Any] = {
                "member": member,
                "details": details,
                "member_url": self.member_url(member),
                "confirm_url": self.member_url(member, "tandem.confirm"),
                "contact_email": member.chapter.contact_email,
                "chapter_name": member.chapter.name,
            }
            calendar = None
            if tandem is not None:
                partner = tandem.partner_of(member.id)
                video = video_url(self.video_base, tandem)
                context |= {
                    "tandem": tandem,
                    "partner": partner,
                    "partner_offers": partner_offers(partner),
                    "clocks": clocks(tandem, member, cities),
                    "video_url": video,
                    "decline_url": self.member_url(member, "tandem.decline", tandem_id=tandem.id),
                    "another_slot_url": self.member_url(
                        member, "tandem.another_slot", tandem_id=tandem.id
                    ),
                    "outcome_url": self.member_url(member, "tandem.outcome", tandem_id=tandem.id),
                    "TandemState": TandemState,
                }
                method = _METHODS.get(notice)
                if method is not None:
                    organizer = tandem.round.organizer_chapter or member.chapter
                    texts = tandem_texts(
                        tandem, member, cities, video_url=video, member_url=context["member_url"]
                    )
                    calendar = CalendarPart(
                        method.value,
                        tandem_invitation(
                            tandem,
                            member,
                            method,
                            organizer=organizer,
                            texts=texts,
                            video_url=video,
                            now=now,
                        ),
                    )
                    context["organizer"] = organizer
            return build_message(
                sender=self.sender,
                recipient=member.email,
                recipient_name=member.full_name,
                reply_to=_reply_to(tandem, member),
                subject=_subject(notice, tandem, member),
                text=render_template(f"emails/{notice}.txt", **context),
                html=render_template(f"emails/{notice}.html", **context),
                locale=member.locale,
                now=now,
                calendar=calendar,
            )


def _reply_to(tandem: Tandem | None, member: TandemMember) -> str:
    chapter: Chapter | None = tandem.round.organizer_chapter if tandem is not None else None
    return (chapter or member.chapter).contact_email


def _subject(notice: Notice, tandem: Tandem | None, member: TandemMember) -> str:
    partner = tandem.partner_of(member.id).first_name if tandem is not None else ""
    if notice is Notice.TANDEM_CONFIRM:
        return _("Tandems: confirm your address")
    if notice is Notice.TANDEM_LINK:
        return _("Tandems: your personal link")
    if notice is Notice.TANDEM_INVITE:
        if tandem is not None and tandem.calendar_sequence > 0:
            return _("New time for your tandem with %(name)s", name=partner)
        return _("Your tandem with %(name)s", name=partner)
    if notice is Notice.TANDEM_CANCELLED:
        return _("Tandem cancelled: %(name)s", name=partner)
    if notice is Notice.TANDEM_FOLLOW_UP:
        return _("How was your tandem with %(name)s?", name=partner)
    return _("Your tandems are paused")
