from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from business_corner.clock import utcnow
from business_corner.models.base import Model
from business_corner.vocabulary import Level, MemberStatus, Sector, TandemFrequency

if TYPE_CHECKING:
    from business_corner.models.chapter import Chapter


class SectorSet(TypeDecorator[frozenset[Sector]]):
    """Sectors stored as "agrifood,trade" (sorted codes), read back as a frozenset."""

    impl = String(300)
    cache_ok = True

    def process_bind_param(self, value: Iterable[str] | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return ",".join(sorted({Sector(code).value for code in value}))

    def process_result_value(self, value: str | None, dialect: Dialect) -> frozenset[Sector]:
        return frozenset(Sector(code) for code in value.split(",")) if value else frozenset()


class TandemMember(Model):
    """Someone who takes part in tandems: one-to-one conversations with the other city."""

    __tablename__ = "tandem_member"
    __table_args__ = (Index("ix_tandem_member_status_chapter", "status", "chapter_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    chapter_id: Mapped[int] = mapped_column(ForeignKey("chapter.id"))
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    #: Normalised by email-validator; one membership per address.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    company: Mapped[str] = mapped_column(String(200))
    sector: Mapped[Sector]
    english_level: Mapped[Level]
    #: Only for members who want to practise French.
    french_level: Mapped[Level | None]
    offers: Mapped[frozenset[Sector]] = mapped_column(SectorSet, default=frozenset)
    #: A short free text: "olive oil for US delis".
    offers_text: Mapped[str] = mapped_column(String(200), default="")
    seeks: Mapped[frozenset[Sector]] = mapped_column(SectorSet, default=frozenset)
    seeks_text: Mapped[str] = mapped_column(String(200), default="")
    #: Weekly hours in the member's own local time (services.tandems.hours text form).
    hours: Mapped[str] = mapped_column(String(300))
    frequency: Mapped[TandemFrequency]
    #: Language of the sign-up page; every message to the member uses it.
    locale: Mapped[str] = mapped_column(String(5))
    status: Mapped[MemberStatus]
    consent_at: Mapped[datetime]
    consent_version: Mapped[str] = mapped_column(String(20))
    #: When the address was confirmed through the link (double opt-in); never paired before.
    confirmed_at: Mapped[datetime | None]
    #: Missed tandems since the last one held; two pause the member.
    no_shows_in_a_row: Mapped[int] = mapped_column(default=0)
    #: Set when two missed tandems paused the member (their page says so); cleared on resume.
    paused_for_no_shows_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    #: When the member left; their personal data is erased then.
    left_at: Mapped[datetime | None]

    chapter: Mapped[Chapter] = relationship()

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def offered_sectors(self) -> frozenset[Sector]:
        """What they bring: the sectors they offer, and always their own."""
        return self.offers | {self.sector}

    @property
    def is_active(self) -> bool:
        return self.status is MemberStatus.ACTIVE

    def __repr__(self) -> str:
        return f"<TandemMember {self.id} {self.status}>"


class TandemVeto(Model):
    """A member said "no thanks" to a past partner: the two are never paired again."""

    __tablename__ = "tandem_veto"
    __table_args__ = (UniqueConstraint("member_id", "other_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("tandem_member.id", ondelete="CASCADE"))
    other_id: Mapped[int] = mapped_column(
        ForeignKey("tandem_member.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
