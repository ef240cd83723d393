from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from business_corner.clock import utcnow
from business_corner.models.base import Model
from business_corner.models.chapter import Chapter
from business_corner.models.tandem_member import TandemMember
from business_corner.vocabulary import RoundStatus, TandemReport, TandemState


def new_tandem_uid() -> str:
    return f"tandem-{uuid.uuid4()}@business-corner"


class TandemRound(Model):
    """A period (say two weeks) in which each member has at most one tandem."""

    __tablename__ = "tandem_round"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The local dates the round covers, on each member's own clock.
    starts_on: Mapped[date] = mapped_column(Date)
    days: Mapped[int]
    seed: Mapped[int] = mapped_column(default=0)
    status: Mapped[RoundStatus]
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("organiser.id", ondelete="SET NULL")
    )
    #: The chapter of the organiser who published it: the ORGANIZER of its invitations.
    organizer_chapter_id: Mapped[int | None] = mapped_column(ForeignKey("chapter.id"))
    #: Members left out and why (services.tandems.reasons, as JSON): the review shows them.
    unpaired: Mapped[str] = mapped_column(Text, default="[]")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_at: Mapped[datetime | None]

    organizer_chapter: Mapped[Chapter | None] = relationship()
    tandems: Mapped[list[Tandem]] = relationship(
        back_populates="round", cascade="all, delete-orphan", order_by="Tandem.starts_at"
    )

    @property
    def ends_on(self) -> date:
        return self.starts_on + timedelta(days=self.days - 1)

    def unpaired_list(self) -> list[dict[str, Any]]:
        value: list[dict[str, Any]] = json.loads(self.unpaired or "[]")
        return value


class Tandem(Model):
    """One 30-minute conversation between a member of each city, in one round."""

    __tablename__ = "tandem"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("tandem_round.id", ondelete="CASCADE"), index=True
    )
    #: "a" is a member of the first city (Marseille), "b" of the second.
    member_a_id: Mapped[int] = mapped_column(ForeignKey("tandem_member.id"), index=True)
    member_b_id: Mapped[int] = mapped_column(ForeignKey("tandem_member.id"), index=True)
    starts_at: Mapped[datetime]
    minutes: Mapped[int] = mapped_column(default=30)
    state: Mapped[TandemState]
    #: Why this pair (services.tandems.reasons, as JSON).
    why: Mapped[str] = mapped_column(Text, default="[]")
    #: The same UID for ever; SEQUENCE rises with each change sent to calendars.
    calendar_uid: Mapped[str] = mapped_column(String(100), unique=True, default=new_tandem_uid)
    calendar_sequence: Mapped[int] = mapped_column(default=0)
    #: The video room's name: unguessable, one per tandem.
    room: Mapped[str] = mapped_column(String(64))
    #: Each side's answer to "did it happen?" and "would you like to talk again?".
    a_report: Mapped[TandemReport | None]
    b_report: Mapped[TandemReport | None]
    a_again: Mapped[bool | None]
    b_again: Mapped[bool | None]
    #: The member who declined, if one did.
    declined_by_id: Mapped[int | None] = mapped_column(ForeignKey("tandem_member.id"))
    #: When the after-slot questions were queued; set in the same transaction, never twice.
    follow_up_sent_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    round: Mapped[TandemRound] = relationship(back_populates="tandems")
    member_a: Mapped[TandemMember] = relationship(foreign_keys=[member_a_id])
    member_b: Mapped[TandemMember] = relationship(foreign_keys=[member_b_id])

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.minutes)

    def side_of(self, member_id: int) -> str:
        """ "a" or "b"; ``ValueError`` for someone not in this tandem."""
        if member_id == self.member_a_id:
            return "a"
        if member_id == self.member_b_id:
            return "b"
        raise ValueError("not a member of this tandem")

    def member(self, side: str) -> TandemMember:
        return self.member_a if side == "a" else self.member_b

    def partner_of(self, member_id: int) -> TandemMember:
        return self.member_b if self.side_of(member_id) == "a" else self.member_a

    @property
    def continues(self) -> bool:
        """Both want to talk again: a contact that continued."""
        return bool(self.a_again and self.b_again)
