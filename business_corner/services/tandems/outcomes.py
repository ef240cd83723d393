"""After the slot: "did it happen?" and "would you like to talk again?".

The questions go out once per tandem, from a command run by cron (``send-tandem-questions``,
like ``send-reminders``): ``follow_up_sent_at`` is set in the same transaction as the
messages. A no-show is recorded on the side that missed it, as either member tells it; two
in a row pause the member, who is told and can resume from their page. Two yeses to
"again" make a contact that continued.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from business_corner.database import write_transaction
from business_corner.models import Tandem, TandemMember, TandemRound
from business_corner.services.errors import DomainError
from business_corner.services.tandems.notices import queue_member_notice
from business_corner.services.tandems.replies import member_tandem
from business_corner.vocabulary import (
    MemberStatus,
    Notice,
    RoundStatus,
    TandemFrequency,
    TandemReport,
    TandemState,
)

#: Missed tandems in a row that pause a member.
NO_SHOWS_THAT_PAUSE = 2
_ANSWERABLE = (TandemState.SCHEDULED, TandemState.HELD, TandemState.MISSED)


class NotYet(DomainError):
    def __init__(self) -> None:
        super().__init__(_l("This tandem has not taken place yet: come back after it."))


class NotAnswerable(DomainError):
    def __init__(self) -> None:
        super().__init__(_l("This tandem was cancelled: there is nothing to tell us about it."))


def queue_follow_ups(session: Session, now: datetime) -> list[int]:
    """Ask both members of every scheduled tandem that has ended; never twice."""
    queued: list[int] = []
    due = session.scalars(
        select(Tandem.id)
        .join(TandemRound, Tandem.round_id == TandemRound.id)
        .where(
            TandemRound.status == RoundStatus.PUBLISHED,
            Tandem.state == TandemState.SCHEDULED,
            Tandem.follow_up_sent_at.is_(None),
            Tandem.starts_at <= now,
        )
        .order_by(Tandem.starts_at, Tandem.id)
    ).all()
    for tandem_id in due:
        with write_transaction(session):
            tandem = session.scalars(
                select(Tandem).where(Tandem.id == tandem_id).with_for_update()
            ).one()
            session.refresh(tandem)
            if tandem.follow_up_sent_at is not None or tandem.ends_at > now:
                continue
            tandem.follow_up_sent_at = now
            for member in (tandem.member_a, tandem.member_b):
                if member.status is MemberStatus.ACTIVE:
                    message = queue_member_notice(
                        session, member, Notice.TANDEM_FOLLOW_UP, now, tandem=tandem
                    )
                    session.flush()
                    queued.append(message.id)
    return queued


def _absent(tandem: Tandem, side: str) -> bool:
    """Did ``side`` miss the tandem, as either member tells it? Never once it was held."""
    own = tandem.a_report if side == "a" else tandem.b_report
    other = tandem.b_report if side == "a" else tandem.a_report
    if TandemReport.HELD in (own, other):
        return False
    return own is TandemReport.I_WAS_ABSENT or other is TandemReport.PARTNER_ABSENT


def record_answer(
    session: Session,
    member_id: int,
    tandem_id: int,
    report: TandemReport,
    again: bool | None,
    *,
    now: datetime,
) -> TandemState:
    """Record one member's answers (they may change them); returns the tandem's state."""
    with write_transaction(session):
        member_tandem(session, member_id, tandem_id)
        tandem = session.scalars(
            select(Tandem).where(Tandem.id == tandem_id).with_for_update()
        ).one()
        session.refresh(tandem)
        if tandem.state not in _ANSWERABLE:
            raise NotAnswerable()
        if now < tandem.ends_at:
            raise NotYet()
        side = tandem.side_of(member_id)
        absent_before = {s: _absent(tandem, s) for s in ("a", "b")}
        setattr(tandem, f"{side}_report", report)
        setattr(tandem, f"{side}_again", again if report is TandemReport.HELD else None)
        reports = (tandem.a_report, tandem.b_report)
        tandem.state = TandemState.HELD if TandemReport.HELD in reports else TandemState.MISSED
        tandem.updated_at = now
        for s in ("a", "b"):
            _count_no_show(
                session, tandem, tandem.member(s), absent_before[s], _absent(tandem, s), now
            )
        return tandem.state


def _count_no_show(
    session: Session,
    tandem: Tandem,
    member: TandemMember,
    was_absent: bool,
    is_absent: bool,
    now: datetime,
) -> None:
    if tandem.state is TandemState.HELD:
        member.no_shows_in_a_row = 0
        return
    if is_absent and not was_absent:
        member.no_shows_in_a_row += 1
    elif was_absent and not is_absent:
        member.no_shows_in_a_row = max(member.no_shows_in_a_row - 1, 0)
    if (
        member.no_shows_in_a_row >= NO_SHOWS_THAT_PAUSE
        and member.paused_for_no_shows_at is None
        and member.status is MemberStatus.ACTIVE
    ):
        member.frequency = TandemFrequency.PAUSED
        member.paused_for_no_shows_at = now
        queue_member_notice(session, member, Notice.TANDEM_PAUSED, now)
