"""Members of the database as the planner sees them, and what they have done before."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from business_corner.models import Tandem, TandemMember, TandemRound, TandemVeto
from business_corner.services.tandems.hours import parse_hours
from business_corner.services.tandems.members import Member
from business_corner.services.tandems.planner import history_key
from business_corner.vocabulary import RoundStatus, Sector, TandemState

#: Tandems that count as having met: the pair is never proposed again. A declined or
#: cancelled tandem did not take place, so the two may be paired another time.
MET = (TandemState.SCHEDULED, TandemState.HELD, TandemState.MISSED)


def member_key(member_id: int) -> str:
    return str(member_id)


def as_planner_member(
    member: TandemMember, past_sectors: frozenset[Sector] = frozenset()
) -> Member:
    return Member(
        key=member_key(member.id),
        name=member.full_name,
        city=member.chapter.slug,
        zone=member.chapter.timezone,
        english=member.english_level,
        french=member.french_level,
        sector=member.sector,
        offers=member.offers,
        seeks=member.seeks,
        offers_text=member.offers_text,
        seeks_text=member.seeks_text,
        hours=parse_hours(member.hours),
        past_sectors=past_sectors,
    )


def published_tandems(session: Session, member_ids: Iterable[int] | None = None) -> list[Tandem]:
    """Tandems of published rounds that took place or are to come (``MET``)."""
    statement = (
        select(Tandem)
        .join(TandemRound, Tandem.round_id == TandemRound.id)
        .where(TandemRound.status == RoundStatus.PUBLISHED, Tandem.state.in_(MET))
    )
    if member_ids is not None:
        ids = list(member_ids)
        statement = statement.where(Tandem.member_a_id.in_(ids) | Tandem.member_b_id.in_(ids))
    return list(session.scalars(statement))


def history(session: Session) -> tuple[frozenset[frozenset[str]], dict[int, set[Sector]]]:
    """Pairs never to propose (met, or vetoed by either), and each member's partners'
    sectors so far."""
    pairs: set[frozenset[str]] = set()
    sectors: dict[int, set[Sector]] = defaultdict(set)
    for tandem in published_tandems(session):
        pairs.add(history_key(member_key(tandem.member_a_id), member_key(tandem.member_b_id)))
        sectors[tandem.member_a_id].add(tandem.member_b.sector)
        sectors[tandem.member_b_id].add(tandem.member_a.sector)
    for member_id, other_id in session.execute(select(TandemVeto.member_id, TandemVeto.other_id)):
        pairs.add(history_key(member_key(member_id), member_key(other_id)))
    return frozenset(pairs), sectors
