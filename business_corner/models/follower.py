"""Someone who asked to hear of new dates of a chapter or of a series."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from business_corner.clock import utcnow
from business_corner.models.base import Model


class Follower(Model):
    """An address following one chapter or one series (exactly one of the two).

    Double opt-in: nothing but the confirmation request is sent before ``confirmed_at``;
    unconfirmed requests are forgotten by ``purge`` after a few days. Unsubscribing deletes
    the row: nothing of it is kept."""

    __tablename__ = "follower"
    __table_args__ = (Index("ix_follower_email", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    #: The language of the page they asked on: every mail to them uses it.
    locale: Mapped[str] = mapped_column(String(5))
    chapter_id: Mapped[int | None] = mapped_column(
        ForeignKey("chapter.id", ondelete="CASCADE"), index=True
    )
    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("series.id", ondelete="CASCADE"), index=True
    )
    #: Consent, recorded like a registration's: when, and to which privacy notice.
    consent_at: Mapped[datetime]
    consent_version: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"<Follower {self.id}>"
