"""What a calendar entry says, in the reader's language (call under ``force_locale``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import gettext as _

from business_corner.formatting import current_locale, format_clock, format_day
from business_corner.models import EventSession
from business_corner.services.city_times import City, city_times
from business_corner.services.markup import plain_description


@dataclass(frozen=True)
class EventTexts:
    summary: str
    description: str
    location: str
    language: str


def session_texts(
    event: EventSession,
    cities: Sequence[City],
    *,
    page_url: str,
    manage_url: str | None = None,
    video_url: str | None = None,
    extra_lines: Sequence[str] = (),
) -> EventTexts:
    """Summary, description (both cities' times, links) and location of a session.

    ``video_url`` is given only to people with a seat; everyone else reads "Online".
    """
    title = event.title_in(current_locale())
    lines: list[str] = []
    # Calendars show a description as typed: Markdown marks would show, links would hide.
    description = plain_description(event.description_in(current_locale()).text)
    if description:
        lines += [description, ""]
    ends = city_times(event.ends_at, event.timezone, cities)
    for start, end in zip(city_times(event.starts_at, event.timezone, cities), ends, strict=True):
        lines.append(
            _(
                "%(city)s: %(day)s, %(start)s–%(end)s",
                city=start.city,
                day=format_day(start.moment),
                start=format_clock(start.moment),
                end=format_clock(end.moment),
            )
        )
    lines.append("")
    if event.format.has_venue:
        lines.append(_("Where: %(venue)s", venue=" ".join(event.venue.split())))
    if video_url:
        lines.append(_("Link to join online: %(url)s", url=video_url))
    elif event.format.has_video_link:
        lines.append(_("Online: the link is sent to registered attendees."))
    if co_hosts := event.co_hosts:
        # The ORGANIZER is one address (the creating chapter's): the others are named here.
        lines.append(
            _(
                "A joint session of the %(chapter)s chapter with: %(co_hosts)s.",
                chapter=event.chapter.name,
                co_hosts=", ".join(chapter.name for chapter in co_hosts),
            )
        )
    lines += list(extra_lines)
    lines.append(_("Session page: %(url)s", url=page_url))
    if manage_url:
        lines.append(_("Change or cancel your registration: %(url)s", url=manage_url))
    return EventTexts(
        summary=title.text,
        description="\n".join(lines),
        location=_location(event, video_url),
        language=title.lang,
    )


def _location(event: EventSession, video_url: str | None) -> str:
    venue = " ".join(event.venue.split())
    if not event.format.has_video_link:
        return venue
    online = video_url or _("Online")
    return f"{venue} · {online}" if event.format.has_venue else online
