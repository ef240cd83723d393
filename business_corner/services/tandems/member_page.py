"""What a member sees on their own page: tandems to come, past ones, past partners."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from business_corner.models import Tandem, TandemMember, TandemRound
from business_corner.services.tandems.membership import past_partners
from business_corner.vocabulary import RoundStatus, TandemState


@dataclass(frozen=True)
class MemberTandems:
    upcoming: list[Tandem]
    past: list[Tandem]
    #: Past partners still members, and whether the member said no thanks to them.
    partners: list[tuple[TandemMember, bool]]


def member_tandems(session: Session, member_id: int, now: datetime) -> MemberTandems:
    tandems = session.scalars(
        select(Tandem)
        .join(TandemRound, Tandem.round_id == TandemRound.id)
        .where(
            TandemRound.status == RoundStatus.PUBLISHED,
            or_(Tandem.member_a_id == member_id, Tandem.member_b_id == member_id),
        )
        .order_by(Tandem.starts_at.desc())
    ).all()
    upcoming = [
        t for t in reversed(tandems) if t.state is TandemState.SCHEDULED and t.ends_at > now
    ]
    past = [t for t in tandems if t not in upcoming]
    return MemberTandems(upcoming, past, past_partners(session, member_id))
