"""Pairing rounds: an organiser runs one (the planner proposes), reviews it (swap or drop
pairs), and publishes it (each member gets an invitation)."""

from __future__ import annotations

import json
import random
import secrets
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from business_corner.database import write_transaction
from business_corner.models import Organiser, Tandem, TandemMember, TandemRound
from business_corner.services import audit
from business_corner.services.errors import DomainError, NotFound
from business_corner.services.tandems.fit import pair_fit
from business_corner.services.tandems.notices import queue_member_notice
from business_corner.services.tandems.planner import (
    TandemRequest,
    Unpaired,
    history_key,
    pair_members,
)
from business_corner.services.tandems.reasons import Why, WhyCode, why_pair
from business_corner.services.tandems.replies import TandemOver, cancel_tandem
from business_corner.services.tandems.roster import (
    as_planner_member,
    history,
    member_key,
)
from business_corner.services.tandems.schedule import spread
from business_corner.services.tandems.slots import Period, availability_mask
from business_corner.vocabulary import (
    AuditAction,
    AuditSubject,
    MemberStatus,
    Notice,
    RoundStatus,
    TandemFrequency,
    TandemState,
)


class NotAProposal(DomainError):
    def __init__(self) -> None:
        super().__init__(_l("This round is published already: its pairs can no longer be swapped."))


class SwapNotPossible(DomainError):
    def __init__(self) -> None:
        super().__init__(
            _l(
                "These two pairs cannot swap partners: the new pairs would have already met, "
                "or have no hour in common."
            )
        )


class NothingToPublish(DomainError):
    def __init__(self) -> None:
        super().__init__(_l("This round has no pair to publish."))


def new_room() -> str:
    """A video room name nobody can guess (128 random bits)."""
    return "business-corner-" + secrets.token_hex(16)


def can_run_rounds(organiser: Organiser, cities: tuple[str, str]) -> bool:
    """Organisers of either tandem city run the rounds, for both."""
    return organiser.chapter.slug in cities


def get_round(session: Session, round_id: int) -> TandemRound:
    found = session.get(TandemRound, round_id)
    if found is None:
        raise NotFound(_l("This round does not exist."))
    return found


def _candidates(
    session: Session, cities: tuple[str, str]
) -> tuple[list[TandemMember], list[Unpaired]]:
    """Active members of the two cities who want a tandem this round, and those who do
    not (paused, or every other round and paired in the last one)."""
    members = session.scalars(
        select(TandemMember)
        .options(selectinload(TandemMember.chapter))
        .where(TandemMember.status == MemberStatus.ACTIVE)
        .order_by(TandemMember.id)
    ).all()
    last_round = session.scalars(
        select(TandemRound)
        .where(TandemRound.status == RoundStatus.PUBLISHED)
        .order_by(TandemRound.starts_on.desc(), TandemRound.id.desc())
        .limit(1)
    ).first()
    in_last = set()
    if last_round is not None:
        for tandem in last_round.tandems:
            if tandem.state is not TandemState.CANCELLED:
                in_last |= {tandem.member_a_id, tandem.member_b_id}
    taking_part, skipped = [], []
    for member in members:
        if member.chapter.slug not in cities:
            continue
        if member.frequency is TandemFrequency.PAUSED:
            skipped.append(Unpaired(member_key(member.id), Why(WhyCode.PAUSED)))
        elif member.frequency is TandemFrequency.EVERY_OTHER_ROUND and member.id in in_last:
            skipped.append(Unpaired(member_key(member.id), Why(WhyCode.OTHER_ROUND)))
        else:
            taking_part.append(member)
    return taking_part, skipped


def run_round(
    session: Session,
    organiser: Organiser,
    starts_on: date,
    days: int,
    *,
    cities: tuple[str, str],
    now: datetime,
    seed: int = 0,
) -> int:
    """Propose a round; it replaces any proposal not yet published. Nobody is told yet."""
    period = Period(starts_on, days)
    with write_transaction(session):
        for old in session.scalars(
            select(TandemRound).where(TandemRound.status == RoundStatus.PROPOSED)
        ).all():
            session.delete(old)
        session.flush()
        members, skipped = _candidates(session, cities)
        met, sectors = history(session)
        pairing = pair_members(
            TandemRequest(
                [as_planner_member(m, frozenset(sectors.get(m.id, ()))) for m in members],
                cities,
                period,
                met,
                seed,
            )
        )
        proposal = TandemRound(
            starts_on=starts_on,
            days=days,
            seed=seed,
            status=RoundStatus.PROPOSED,
            created_by_id=organiser.id,
            unpaired=json.dumps(
                [
                    {"member_id": int(u.key), **u.why.to_dict()}
                    for u in (*pairing.unpaired, *skipped)
                ]
            ),
            created_at=now,
        )
        session.add(proposal)
        session.flush()
        audit.record(
            session,
            organiser,
            AuditAction.TANDEM_ROUND_PROPOSED,
            AuditSubject.TANDEM_ROUND,
            proposal.id,
            {"pairs": len(pairing.pairs), "days": days},
            now,
        )
        for pair in pairing.pairs:
            proposal.tandems.append(
                Tandem(
                    member_a_id=int(pair.a),
                    member_b_id=int(pair.b),
                    starts_at=pair.starts_at,
                    state=TandemState.PROPOSED,
                    why=json.dumps([why.to_dict() for why in pair.why]),
                    room=new_room(),
                    created_at=now,
                    updated_at=now,
                )
            )
        session.flush()
        return proposal.id


def _proposal(session: Session, round_id: int) -> TandemRound:
    proposal = get_round(session, round_id)
    if proposal.status is not RoundStatus.PROPOSED:
        raise NotAProposal()
    return proposal


def _round_tandem(proposal: TandemRound, tandem_id: int) -> Tandem:
    for tandem in proposal.tandems:
        if tandem.id == tandem_id:
            return tandem
    raise NotFound(_l("This pair does not exist."))


def swap(
    session: Session,
    organiser: Organiser,
    round_id: int,
    first_id: int,
    second_id: int,
    *,
    now: datetime,
) -> None:
    """The two pairs exchange their second-city members; each new pair gets a slot."""
    with write_transaction(session):
        proposal = _proposal(session, round_id)
        first, second = _round_tandem(proposal, first_id), _round_tandem(proposal, second_id)
        if first.id == second.id:
            raise SwapNotPossible()
        met, sectors = history(session)
        period = Period(proposal.starts_on, proposal.days)
        new_pairs = [(first.member_a, second.member_b), (second.member_a, first.member_b)]
        commons = []
        for a, b in new_pairs:
            pa = as_planner_member(a, frozenset(sectors.get(a.id, ())))
            pb = as_planner_member(b, frozenset(sectors.get(b.id, ())))
            common = availability_mask(pa.zone, pa.hours, period) & availability_mask(
                pb.zone, pb.hours, period
            )
            if not common or history_key(pa.key, pb.key) in met:
                raise SwapNotPossible()
            commons.append((common, pa, pb))
        starts = spread(
            [common for common, _, _ in commons],
            period,
            random.Random(proposal.seed),  # noqa: S311 - a tie-break, not a secret
        )
        for tandem, (_, pa, pb), starts_at in zip((first, second), commons, starts, strict=True):
            tandem.member_b_id = int(pb.key)
            tandem.starts_at = starts_at
            fit = pair_fit(pa, pb)
            tandem.why = json.dumps(
                [Why(WhyCode.CHOSEN_BY_ORGANISER).to_dict()]
                + [why.to_dict() for why in why_pair(fit)]
            )
            tandem.updated_at = now
        audit.record(
            session,
            organiser,
            AuditAction.TANDEM_PAIRS_SWAPPED,
            AuditSubject.TANDEM_ROUND,
            round_id,
            {"first": first.id, "second": second.id},
            now,
        )


def drop(
    session: Session, organiser: Organiser, round_id: int, tandem_id: int, *, now: datetime
) -> None:
    """Drop a pair: from a proposal, the two go back to the unpaired list; from a published
    round, the tandem is cancelled and both are told."""
    with write_transaction(session):
        found = get_round(session, round_id)
        tandem = _round_tandem(found, tandem_id)
        audit.record(
            session,
            organiser,
            AuditAction.TANDEM_PAIR_DROPPED,
            AuditSubject.TANDEM,
            tandem.id,
            {"round": round_id, "published": found.status is RoundStatus.PUBLISHED},
            now,
        )
        if found.status is RoundStatus.PROPOSED:
            unpaired = found.unpaired_list()
            for member_id in (tandem.member_a_id, tandem.member_b_id):
                unpaired.append({"member_id": member_id, **Why(WhyCode.DROPPED).to_dict()})
            found.unpaired = json.dumps(unpaired)
            found.tandems.remove(tandem)
            return
        if tandem.state is TandemState.SCHEDULED and tandem.starts_at > now:
            cancel_tandem(session, tandem, now, reason="organiser", by=None)
        else:
            raise TandemOver()


def discard(session: Session, organiser: Organiser, round_id: int, *, now: datetime) -> None:
    with write_transaction(session):
        session.delete(_proposal(session, round_id))
        audit.record(
            session,
            organiser,
            AuditAction.TANDEM_ROUND_DISCARDED,
            AuditSubject.TANDEM_ROUND,
            round_id,
            None,
            now,
        )


def publish(session: Session, organiser: Organiser, round_id: int, *, now: datetime) -> int:
    """Send each member of each pair their invitation; the organiser's chapter is the
    ORGANIZER. Pairs whose member left or paused since the proposal are dropped."""
    with write_transaction(session):
        proposal = _proposal(session, round_id)
        unpaired = proposal.unpaired_list()
        for tandem in list(proposal.tandems):
            members = (tandem.member_a, tandem.member_b)
            if any(
                m.status is not MemberStatus.ACTIVE or m.frequency is TandemFrequency.PAUSED
                for m in members
            ):
                for member in members:
                    unpaired.append({"member_id": member.id, **Why(WhyCode.DROPPED).to_dict()})
                proposal.tandems.remove(tandem)
        if not proposal.tandems:
            raise NothingToPublish()
        proposal.unpaired = json.dumps(unpaired)
        proposal.status = RoundStatus.PUBLISHED
        proposal.published_at = now
        proposal.organizer_chapter_id = organiser.chapter_id
        session.flush()
        for tandem in proposal.tandems:
            tandem.state = TandemState.SCHEDULED
            tandem.updated_at = now
            for member in (tandem.member_a, tandem.member_b):
                queue_member_notice(session, member, Notice.TANDEM_INVITE, now, tandem=tandem)
        audit.record(
            session,
            organiser,
            AuditAction.TANDEM_ROUND_PUBLISHED,
            AuditSubject.TANDEM_ROUND,
            round_id,
            {"pairs": len(proposal.tandems)},
            now,
        )
        return len(proposal.tandems)


@dataclass(frozen=True)
class RoundCounts:
    pairs: int
    held: int
    missed: int
    declined: int
    cancelled: int
    continued: int


def round_counts(tandems: list[Tandem]) -> RoundCounts:
    states = [t.state for t in tandems]
    return RoundCounts(
        pairs=len(tandems),
        held=states.count(TandemState.HELD),
        missed=states.count(TandemState.MISSED),
        declined=states.count(TandemState.DECLINED),
        cancelled=states.count(TandemState.CANCELLED),
        continued=sum(1 for t in tandems if t.continues),
    )


def all_rounds(session: Session) -> list[TandemRound]:
    return list(
        session.scalars(
            select(TandemRound)
            .options(selectinload(TandemRound.tandems))
            .order_by(TandemRound.starts_on.desc(), TandemRound.id.desc())
        )
    )
