from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from business_corner.clock import utcnow
from business_corner.models.base import Model
from business_corner.vocabulary import Level, Sector


class WalkIn(Model):
    """Someone who came without registering, added by an organiser on the spot: present by
    definition (added at the door, checked in at once)."""

    __tablename__ = "walk_in"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The walk-in belongs to the session: deleting a draft deletes its walk-ins.
    event_session_id: Mapped[int] = mapped_column(
        ForeignKey("event_session.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    company: Mapped[str] = mapped_column(String(200), default="")
    #: Left, with their consent, to receive the follow-up; normalised like registrations'
    #: addresses, so that it counts in the person's attendance record.
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    consent_at: Mapped[datetime | None]
    consent_version: Mapped[str | None] = mapped_column(String(20))
    level: Mapped[Level]
    sector: Mapped[Sector]
    can_host: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class TablePlan(Model):
    """A session's conversation tables: who sits where in each round, and when rounds start."""

    __tablename__ = "table_plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The plan belongs to the session: deleting a draft deletes its plan.
    event_session_id: Mapped[int] = mapped_column(
        ForeignKey("event_session.id", ondelete="CASCADE"), unique=True
    )
    #: What the organiser asked for: a number of tables, or seats per table (one is None).
    tables: Mapped[int | None]
    seats_per_table: Mapped[int | None]
    rounds: Mapped[int]
    round_minutes: Mapped[int]
    first_round_at: Mapped[datetime]
    seed: Mapped[int] = mapped_column(default=0)
    #: Seat people by the level they gave themselves in their latest feedback (where they
    #: answered one) rather than the level they gave at sign-up.
    self_assessed_levels: Mapped[bool] = mapped_column(default=False)
    #: services.tables.Plan.to_dict(): guest keys only ("r12" registrations, "w3" walk-ins).
    plan: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
