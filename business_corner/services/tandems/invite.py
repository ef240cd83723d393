"""A tandem in a member's calendar: an iTIP REQUEST (new or moved) or CANCEL, e-mailed.

Built from the same pieces as session invitations (``services.calendar``): the calendar
shell, VTIMEZONE from zoneinfo, addresses. The tandem keeps its UID for ever and raises
SEQUENCE on every change; times carry the member's own TZID, and the description gives
both cities' clocks. Call under ``force_locale(member.locale)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from icalendar import Conference, Event
from icalendar.enums import STATUS, TRANSP

from business_corner.formatting import current_locale, format_clock, format_day
from business_corner.models import Chapter, Tandem, TandemMember
from business_corner.services.calendar.documents import (
    Method,
    calendar_shell,
    person,
    serialise,
)
from business_corner.services.calendar.timezones import vtimezone
from business_corner.services.city_times import City, CityTime, city_times


@dataclass(frozen=True)
class TandemTexts:
    summary: str
    description: str


def clocks(tandem: Tandem, member: TandemMember, cities: Sequence[City]) -> list[CityTime]:
    """The tandem's start on the member's own clock first, then on the other city's."""
    return city_times(tandem.starts_at, member.chapter.timezone, cities)


def partner_offers(partner: TandemMember) -> str:
    """ "Trade & retail, Agriculture & agri-food: olive oil for US delis"."""
    sectors = ", ".join(sorted(sector.label for sector in partner.offered_sectors))
    return f"{sectors}: {partner.offers_text}" if partner.offers_text else sectors


def tandem_texts(
    tandem: Tandem,
    member: TandemMember,
    cities: Sequence[City],
    *,
    video_url: str,
    member_url: str,
) -> TandemTexts:
    partner = tandem.partner_of(member.id)
    lines = [
        _(
            "30 minutes online with %(name)s (%(company)s, %(city)s).",
            name=partner.first_name,
            company=partner.company,
            city=partner.chapter.name,
        ),
        _("%(name)s offers: %(offers)s", name=partner.first_name, offers=partner_offers(partner)),
        "",
    ]
    ends = city_times(tandem.ends_at, member.chapter.timezone, cities)
    for start, end in zip(clocks(tandem, member, cities), ends, strict=True):
        lines.append(
            _(
                "%(city)s: %(day)s, %(start)s–%(end)s",
                city=start.city,
                day=format_day(start.moment),
                start=format_clock(start.moment),
                end=format_clock(end.moment),
            )
        )
    lines += [
        "",
        _("Video link: %(url)s", url=video_url),
        _("Decline, ask for another time or change your details: %(url)s", url=member_url),
    ]
    return TandemTexts(
        summary=_(
            "Tandem with %(name)s (%(city)s)", name=partner.first_name, city=partner.chapter.name
        ),
        description="\n".join(lines),
    )


def tandem_invitation(
    tandem: Tandem,
    member: TandemMember,
    method: Method,
    *,
    organizer: Chapter,
    texts: TandemTexts,
    video_url: str,
    now: datetime,
) -> bytes:
    """The member's copy of the tandem: REQUEST to add or move it, CANCEL to remove it.

    The member is the one ATTENDEE (the partner's address is theirs to give); they answer
    through their link, so PARTSTAT=ACCEPTED and RSVP=FALSE, as for sessions.
    """
    zone = member.chapter.timezone
    calendar = calendar_shell(method)
    calendar.add_component(vtimezone(zone, (tandem.starts_at, tandem.ends_at)))
    live = method is Method.REQUEST
    component = Event.new(
        uid=tandem.calendar_uid,
        sequence=tandem.calendar_sequence,
        stamp=now,
        created=tandem.created_at,
        last_modified=tandem.updated_at,
        start=tandem.starts_at.astimezone(ZoneInfo(zone)),
        end=tandem.ends_at.astimezone(ZoneInfo(zone)),
        summary=texts.summary,
        description=texts.description,
        location=video_url if live else None,
        status=STATUS.CONFIRMED if live else STATUS.CANCELLED,
        transparency=TRANSP.OPAQUE,
        organizer=person(organizer.contact_email, f"Business corner {organizer.name}"),
        attendees=[
            person(
                member.email,
                member.full_name,
                partstat="ACCEPTED",
                rsvp=False,
                role="REQ-PARTICIPANT",
                cutype="INDIVIDUAL",
            )
        ],
        conferences=[Conference(video_url, feature="VIDEO", label="Business corner")]
        if live
        else None,
    )
    for name in ("SUMMARY", "DESCRIPTION"):
        component[name].params["LANGUAGE"] = current_locale()
    return serialise(calendar, [component])
