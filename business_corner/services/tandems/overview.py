"""What organisers see of the programme: members per city, and across rounds the pairs
made, held, and contacts that continued."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from business_corner.models import Chapter, Tandem, TandemMember, TandemRound
from business_corner.vocabulary import MemberStatus, RoundStatus, TandemFrequency, TandemState


@dataclass(frozen=True)
class CityMembers:
    city: str
    active: int
    paused: int
    unconfirmed: int


@dataclass(frozen=True)
class Totals:
    rounds: int
    pairs: int
    held: int
    missed: int
    continued: int


def members_by_city(session: Session, cities: tuple[str, str]) -> list[CityMembers]:
    rows = session.execute(
        select(
            Chapter.slug, Chapter.name, TandemMember.status, TandemMember.frequency, func.count()
        )
        .join(Chapter, TandemMember.chapter_id == Chapter.id)
        .where(Chapter.slug.in_(cities))
        .group_by(Chapter.slug, Chapter.name, TandemMember.status, TandemMember.frequency)
    ).all()
    chapters = session.execute(select(Chapter.slug, Chapter.name).where(Chapter.slug.in_(cities)))
    names = {slug: name for slug, name in chapters}
    counts = {slug: [0, 0, 0] for slug in cities}
    for slug, _name, status, frequency, count in rows:
        if status is MemberStatus.PENDING:
            counts[slug][2] += count
        elif status is MemberStatus.ACTIVE:
            counts[slug][1 if frequency is TandemFrequency.PAUSED else 0] += count
    return [CityMembers(names.get(slug, slug), *counts[slug]) for slug in cities if slug in names]


def totals(session: Session) -> Totals:
    published = (
        select(Tandem)
        .join(TandemRound, Tandem.round_id == TandemRound.id)
        .where(TandemRound.status == RoundStatus.PUBLISHED)
    )
    tandems = session.scalars(published).all()
    rounds = session.scalar(
        select(func.count())
        .select_from(TandemRound)
        .where(TandemRound.status == RoundStatus.PUBLISHED)
    )
    states = [t.state for t in tandems]
    return Totals(
        rounds=rounds or 0,
        pairs=len(tandems),
        held=states.count(TandemState.HELD),
        missed=states.count(TandemState.MISSED),
        continued=sum(1 for t in tandems if t.continues),
    )
