"""A member answers their invitation: decline, or ask for another slot. The partner is
told, and both calendars get the change (CANCEL, or a REQUEST with a higher SEQUENCE)."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from business_corner.database import write_transaction
from business_corner.models import OutboxMessage, Tandem, TandemMember
from business_corner.services.errors import DomainError, NotFound
from business_corner.services.tandems.notices import queue_member_notice
from business_corner.services.tandems.roster import as_planner_member
from business_corner.services.tandems.slots import Period, availability_mask, slot_indices
from business_corner.vocabulary import MemberStatus, Notice, RoundStatus, TandemState

#: Another slot is never sooner than this: both need time to see the new invitation.
NOTICE_FOR_A_NEW_SLOT = timedelta(hours=12)


class TandemOver(DomainError):
    def __init__(self) -> None:
        super().__init__(_l("This tandem has started or is no longer planned: it cannot change."))


class NoOtherSlot(DomainError):
    def __init__(self) -> None:
        super().__init__(
            _l(
                "There is no other time in this round when you are both free. You can decline "
                "this tandem, or change your hours for the next rounds."
            )
        )


def member_tandem(session: Session, member_id: int, tandem_id: int) -> Tandem:
    """A tandem of the member's in a published round; any other does not exist for them."""
    tandem = session.get(Tandem, tandem_id)
    if (
        tandem is None
        or member_id not in (tandem.member_a_id, tandem.member_b_id)
        or tandem.round.status is not RoundStatus.PUBLISHED
    ):
        raise NotFound(_l("This tandem does not exist."))
    return tandem


def _changeable(tandem: Tandem, now: datetime) -> None:
    if tandem.state is not TandemState.SCHEDULED or now >= tandem.starts_at:
        raise TandemOver()


def _lock(session: Session, tandem_id: int) -> Tandem:
    tandem = session.scalars(select(Tandem).where(Tandem.id == tandem_id).with_for_update()).one()
    session.refresh(tandem)
    return tandem


def cancel_tandem(
    session: Session, tandem: Tandem, now: datetime, *, reason: str, by: TandemMember | None
) -> list[OutboxMessage]:
    """Take a scheduled tandem out of both calendars and tell both members why."""
    tandem.state = TandemState.DECLINED if by is not None else TandemState.CANCELLED
    tandem.declined_by_id = by.id if by is not None else None
    tandem.calendar_sequence += 1
    tandem.updated_at = now
    session.flush()
    messages = []
    for side in ("a", "b"):
        member = tandem.member(side)
        if member.status is not MemberStatus.ACTIVE:
            continue
        why = reason
        if by is not None:
            why = "you_declined" if member.id == by.id else "partner_declined"
        messages.append(
            queue_member_notice(
                session, member, Notice.TANDEM_CANCELLED, now, tandem=tandem, why=why
            )
        )
    return messages


def decline(session: Session, member_id: int, tandem_id: int, *, now: datetime) -> None:
    with write_transaction(session):
        member_tandem(session, member_id, tandem_id)
        tandem = _lock(session, tandem_id)
        _changeable(tandem, now)
        member = session.get_one(TandemMember, member_id)
        cancel_tandem(session, tandem, now, reason="declined", by=member)


def cancel_for_member(session: Session, member: TandemMember, now: datetime) -> list[OutboxMessage]:
    """A member leaves: each of their tandems to come is declined on their behalf."""
    messages: list[OutboxMessage] = []
    upcoming = session.scalars(
        select(Tandem).where(
            or_(Tandem.member_a_id == member.id, Tandem.member_b_id == member.id),
            Tandem.state == TandemState.SCHEDULED,
            Tandem.starts_at > now,
        )
    ).all()
    for tandem in upcoming:
        messages += cancel_tandem(session, tandem, now, reason="left", by=member)
    return messages


def common_slots(tandem: Tandem) -> list[datetime]:
    """Every slot of the tandem's round in both members' hours, on their own clocks."""
    period = Period(tandem.round.starts_on, tandem.round.days)
    a, b = as_planner_member(tandem.member_a), as_planner_member(tandem.member_b)
    mask = availability_mask(a.zone, a.hours, period) & availability_mask(b.zone, b.hours, period)
    return [period.instant(index) for index in slot_indices(mask)]


def another_slot(session: Session, member_id: int, tandem_id: int, *, now: datetime) -> datetime:
    """Move the tandem to the next time both are free (after the current one if there is
    one, else the soonest), at least ``NOTICE_FOR_A_NEW_SLOT`` ahead; both are told."""
    with write_transaction(session):
        member_tandem(session, member_id, tandem_id)
        tandem = _lock(session, tandem_id)
        _changeable(tandem, now)
        candidates = [
            moment
            for moment in common_slots(tandem)
            if moment >= now + NOTICE_FOR_A_NEW_SLOT and moment != tandem.starts_at
        ]
        later = [moment for moment in candidates if moment > tandem.starts_at]
        if not candidates:
            raise NoOtherSlot()
        moved_to = later[0] if later else candidates[0]
        asked_by = tandem.side_of(member_id)
        tandem.starts_at = moved_to
        tandem.calendar_sequence += 1
        tandem.updated_at = now
        session.flush()
        for side in ("a", "b"):
            queue_member_notice(
                session,
                tandem.member(side),
                Notice.TANDEM_INVITE,
                now,
                tandem=tandem,
                changes=["time"],
                asked_by_you=side == asked_by,
            )
        return moved_to
