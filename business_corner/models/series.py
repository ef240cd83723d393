"""A series: a programme of sessions ("every first Thursday at 18:30"), each date a session."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from business_corner.clock import utcnow
from business_corner.models.base import Model
from business_corner.models.chapter import Chapter
from business_corner.vocabulary import Recurrence

if TYPE_CHECKING:
    from business_corner.models.event_session import EventSession


def days_to_text(days: tuple[date, ...] | list[date]) -> str:
    return ",".join(day.isoformat() for day in sorted(set(days)))


def days_from_text(text: str) -> tuple[date, ...]:
    return tuple(date.fromisoformat(part) for part in text.split(",") if part)


class Series(Model):
    """The rule and the shared title of a programme. Each of its dates is an ``EventSession``
    of its own (capacity, registrations, UID, SEQUENCE); the series keeps what generated them,
    so a later change of rule can tell which dates stay, move, go or come."""

    __tablename__ = "series"

    id: Mapped[int] = mapped_column(primary_key=True)
    chapter_id: Mapped[int] = mapped_column(ForeignKey("chapter.id"), index=True)
    title_en: Mapped[str] = mapped_column(String(200), default="")
    title_fr: Mapped[str] = mapped_column(String(200), default="")
    #: IANA zone of the wall-clock time: 18:30 stays 18:30 there across clock changes.
    timezone: Mapped[str] = mapped_column(String(64))
    #: Local start time of every date (a date edited alone may differ).
    starts_local: Mapped[time]
    duration_minutes: Mapped[int]
    recurrence: Mapped[Recurrence]
    #: Every ``interval`` weeks or months.
    interval: Mapped[int] = mapped_column(default=1)
    #: The first date of the rule (its weekday is the weekly rule's weekday).
    first_day: Mapped[date]
    #: Monthly rule: weekday (0 = Monday) and which one in the month (1..4, -1 = the last).
    weekday: Mapped[int | None]
    nth: Mapped[int | None]
    #: The end: a number of dates, or a last day (one of them).
    count: Mapped[int | None]
    until: Mapped[date | None]
    #: ISO days, comma-separated: the dates of a list rule, and days skipped (holidays).
    listed_days: Mapped[str] = mapped_column(Text, default="")
    skipped_days: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    chapter: Mapped[Chapter] = relationship()
    sessions: Mapped[list[EventSession]] = relationship(
        back_populates="series", order_by="EventSession.starts_at"
    )

    def title_in(self, locale: str) -> str:
        own, other = (
            (self.title_fr, self.title_en)
            if locale == "fr"
            else (
                self.title_en,
                self.title_fr,
            )
        )
        return own or other

    def __repr__(self) -> str:
        return f"<Series {self.id} {self.recurrence}>"
