"""Tandem members, rounds and the mail they are sent, for tests."""

from __future__ import annotations

import itertools
import json
from datetime import date, datetime, timedelta

from sqlalchemy import select

from business_corner.extensions import db
from business_corner.models import Chapter, Organiser, OutboxMessage, Tandem, TandemMember
from business_corner.services.tandems import rounds
from business_corner.services.tandems.hours import parse_hours
from business_corner.services.tandems.membership import TANDEM_PRIVACY_VERSION
from business_corner.vocabulary import Level, MemberStatus, Notice, Sector, TandemFrequency

CITIES = ("marseille", "los-angeles")
#: 8 March 2027, a Monday: a round of five days where 17:00 in Marseille is 08:00 in LA.
ROUND_START = date(2027, 3, 8)
_numbers = itertools.count(1)


def make_member(
    chapter: Chapter,
    *,
    first_name: str | None = None,
    english: Level = Level.B1,
    french: Level | None = None,
    sector: Sector = Sector.DIGITAL,
    offers: frozenset[Sector] = frozenset(),
    seeks: frozenset[Sector] = frozenset(),
    hours: str = "mon-fri 17:00-19:00",
    status: MemberStatus = MemberStatus.ACTIVE,
    frequency: TandemFrequency = TandemFrequency.EVERY_ROUND,
    locale: str = "en",
    now: datetime,
) -> TandemMember:
    number = next(_numbers)
    member = TandemMember(
        chapter=chapter,
        first_name=first_name or f"Member{number}",
        last_name="Test",
        email=f"member{number}@example.com",
        company=f"Company {number}",
        sector=sector,
        english_level=english,
        french_level=french,
        offers=offers,
        offers_text="olive oil",
        seeks=seeks,
        seeks_text="a distributor",
        hours=parse_hours(hours).text(),
        frequency=frequency,
        locale=locale,
        status=status,
        consent_at=now,
        consent_version=TANDEM_PRIVACY_VERSION,
        confirmed_at=now if status is MemberStatus.ACTIVE else None,
        created_at=now,
        updated_at=now,
    )
    db.session.add(member)
    db.session.commit()
    return member


def messages_to(member_email: str, kind: Notice | None = None) -> list[OutboxMessage]:
    statement = select(OutboxMessage).where(OutboxMessage.recipient == member_email)
    if kind is not None:
        statement = statement.where(OutboxMessage.kind == kind)
    return list(db.session.scalars(statement.order_by(OutboxMessage.id)))


def details_of(message: OutboxMessage) -> dict[str, object]:
    value: dict[str, object] = json.loads(message.details or "{}")
    return value


def published_tandem(
    first: Chapter, second: Chapter, organiser: Organiser, now: datetime
) -> Tandem:
    """A tandem of a published round, two days from now, between new members of each city."""
    make_member(first, hours="mon-sun 00:00-24:00", now=now)
    make_member(second, hours="mon-sun 00:00-24:00", now=now)
    round_id = rounds.run_round(
        db.session, organiser, (now + timedelta(days=2)).date(), 7, cities=CITIES, now=now
    )
    rounds.publish(db.session, organiser, round_id, now=now)
    return db.session.scalars(select(Tandem).where(Tandem.round_id == round_id)).one()
