"""Writing out mail to followers of a chapter or a series: the confirmation request (double
opt-in) and the announcement of new dates, with a one-click unsubscribe (RFC 8058)."""

from __future__ import annotations

import json
from datetime import datetime
from email.message import Message
from typing import Any

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from business_corner.links import SiteLinks
from business_corner.models import Chapter, EventSession, Follower, OutboxMessage, Series
from business_corner.services.catalogue import all_cities
from business_corner.services.city_times import city_times
from business_corner.services.mail.compose import build_message, set_one_line_header
from business_corner.services.tokens import LinkSigner
from business_corner.vocabulary import Notice, SessionStatus


class FollowerMail:
    def __init__(self, links: SiteLinks, signer: LinkSigner, sender: str) -> None:
        self.links, self.signer, self.sender = links, signer, sender

    def compose(
        self, session: Session, message: OutboxMessage, notice: Notice, now: datetime
    ) -> Message | None:
        """The message, or None when it is pointless now (unsubscribed, or the dates were
        all cancelled or unpublished before it went)."""
        details = json.loads(message.details or "{}")
        follower = session.get(Follower, details.get("follower_id") or 0)
        if follower is None or (notice is Notice.NEW_DATES and follower.confirmed_at is None):
            return None
        chapter = self._chapter(session, follower)
        series = session.get(Series, follower.series_id) if follower.series_id else None
        token = self.signer.make_follower_token(follower.id)
        unsubscribe_url = self.links.url("public.unsubscribe", token=token)
        with force_locale(follower.locale):
            scope = (
                _("the series %(title)s", title=series.title_in(follower.locale))
                if series
                else _("the %(chapter)s chapter", chapter=chapter.name)
            )
            context: dict[str, Any] = {
                "scope": scope,
                "confirm_url": self.links.url("public.confirm_follow", token=token),
                "unsubscribe_url": unsubscribe_url,
                "chapter_name": chapter.name,
                "contact_email": chapter.contact_email,
            }
            if notice is Notice.FOLLOW_CONFIRM:
                subject = _("Business corner: confirm that you want news of %(scope)s", scope=scope)
            else:
                dates = self._dates(session, details.get("event_ids") or [], follower.locale)
                if not dates:
                    return None
                context["dates"] = dates
                subject = _("Business corner: new dates for %(scope)s", scope=scope)
            email = build_message(
                sender=self.sender,
                recipient=follower.email,
                recipient_name="",
                reply_to=chapter.contact_email,
                subject=subject,
                text=render_template(f"emails/{notice}.txt", **context),
                html=render_template(f"emails/{notice}.html", **context),
                locale=follower.locale,
                now=now,
            )
        # RFC 8058: mail programs offer "unsubscribe", and POST to the address in one click.
        set_one_line_header(email, "List-Unsubscribe", f"<{unsubscribe_url}>")
        email["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        return email

    def _chapter(self, session: Session, follower: Follower) -> Chapter:
        if follower.chapter_id is not None:
            return session.get_one(Chapter, follower.chapter_id)
        return session.get_one(Series, follower.series_id).chapter

    def _dates(self, session: Session, event_ids: list[int], locale: str) -> list[dict[str, Any]]:
        cities = all_cities(session)
        events = session.scalars(
            select(EventSession)
            .where(EventSession.id.in_(event_ids), EventSession.status == SessionStatus.PUBLISHED)
            .order_by(EventSession.starts_at)
        ).all()
        return [
            {
                "title": event.title_in(locale).text,
                "times": city_times(event.starts_at, event.timezone, cities),
                "url": self.links.session_page(event.id),
            }
            for event in events
        ]
