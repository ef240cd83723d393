from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from business_corner.clock import utcnow
from business_corner.models.base import Model

if TYPE_CHECKING:
    from business_corner.models.event_session import EventSession
    from business_corner.models.organiser import Organiser


class Chapter(Model):
    """A city group (Marseille, Los Angeles) with its own clock and contact address."""

    __tablename__ = "chapter"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    #: Stable short name used in URLs (per-chapter feeds).
    slug: Mapped[str] = mapped_column(String(50), unique=True)
    #: IANA time zone, e.g. Europe/Paris; new sessions default to it.
    timezone: Mapped[str] = mapped_column(String(64))
    #: Where attendees' replies go (Reply-To of every message about this chapter's sessions).
    contact_email: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisers: Mapped[list[Organiser]] = relationship(back_populates="chapter")
    sessions: Mapped[list[EventSession]] = relationship(back_populates="chapter")

    def __repr__(self) -> str:
        return f"<Chapter {self.slug}>"
