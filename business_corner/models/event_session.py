from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, ForeignKey, Index, String, Text, event, select
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from business_corner.clock import utcnow
from business_corner.models.base import Model
from business_corner.models.capacity import Availability
from business_corner.models.chapter import Chapter
from business_corner.models.session_host import SessionHost
from business_corner.vocabulary import Level, SessionFormat, SessionStatus

if TYPE_CHECKING:
    from business_corner.models.registration import Registration
    from business_corner.models.series import Series


def new_calendar_uid() -> str:
    return f"{uuid.uuid4()}@business-corner"


class LevelSet(TypeDecorator[tuple[Level, ...]]):
    """The targeted CEFR levels, stored as "B1,B2,C1" and read back in CEFR order."""

    impl = String(20)
    cache_ok = True

    def process_bind_param(self, value: Iterable[str] | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        # Sorted apart from the join: inside it, mypy would infer the lambda's argument as str.
        levels = sorted({Level(code) for code in value}, key=lambda level: level.rank)
        return ",".join(levels)

    def process_result_value(self, value: str | None, dialect: Dialect) -> tuple[Level, ...]:
        if not value:
            return ()
        return tuple(sorted((Level(code) for code in value.split(",")), key=lambda lv: lv.rank))


@dataclass(frozen=True)
class LocalizedText:
    """Text in one of the two languages, with the language it is really written in."""

    text: str
    lang: str


class EventSession(Model):
    """One Business corner session. (Not ``Session``: Flask and SQLAlchemy both have one.)"""

    __tablename__ = "event_session"
    __table_args__ = (Index("ix_event_session_status_starts_at", "status", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The chapter that created the session: its address is the ORGANIZER of the invites and
    #: the Reply-To of the mail, and only its organisers choose the co-hosts. It is one of
    #: the hosts (``host_links``), which are who may manage the session.
    chapter_id: Mapped[int] = mapped_column(ForeignKey("chapter.id"), index=True)
    #: The series this date belongs to, if any; the date is still a session of its own.
    series_id: Mapped[int | None] = mapped_column(ForeignKey("series.id"), index=True)
    title_en: Mapped[str] = mapped_column(String(200), default="")
    title_fr: Mapped[str] = mapped_column(String(200), default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    description_fr: Mapped[str] = mapped_column(Text, default="")
    format: Mapped[SessionFormat]
    #: Street address; empty for online sessions.
    venue: Mapped[str] = mapped_column(String(300), default="")
    #: Meeting link for online and hybrid sessions; only registered attendees receive it.
    video_url: Mapped[str] = mapped_column(String(500), default="")
    starts_at: Mapped[datetime]
    #: Indexed: feeds and the retention purge select sessions by when they end.
    ends_at: Mapped[datetime] = mapped_column(index=True)
    #: IANA zone the organiser entered the times in; the session's own city clock.
    timezone: Mapped[str] = mapped_column(String(64))
    capacity: Mapped[int]
    levels: Mapped[tuple[Level, ...]] = mapped_column(LevelSet)
    status: Mapped[SessionStatus] = mapped_column(default=SessionStatus.DRAFT)
    #: The iCalendar UID: the same in every invite, update, cancellation and feed, forever.
    calendar_uid: Mapped[str] = mapped_column(String(100), unique=True, default=new_calendar_uid)
    #: iCalendar SEQUENCE: raised by every change attendees' calendars must take in.
    calendar_sequence: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    published_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    #: Why the organisers cancelled, told to everyone registered (either may be empty).
    #: Empty by default in the database too, for rows inserted without the ORM.
    cancel_reason_en: Mapped[str] = mapped_column(Text, default="", server_default="")
    cancel_reason_fr: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: Confirm-or-release, switched on by an organiser: attendees are asked "still coming?"
    #: before the session, and seats nobody confirmed go to the waiting list.
    confirm_or_release: Mapped[bool] = mapped_column(default=False)
    #: When the "still coming?" question went out to the attendees with a seat then (once).
    confirm_asked_at: Mapped[datetime | None]
    #: When the seats nobody confirmed were released (once).
    seats_released_at: Mapped[datetime | None]

    chapter: Mapped[Chapter] = relationship(back_populates="sessions")
    series: Mapped[Series | None] = relationship(back_populates="sessions")
    #: Every host chapter, the creating one included (written through these rows).
    host_links: Mapped[list[SessionHost]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )
    #: The host chapters by name, for reading (the invite's description, the pages).
    hosts: Mapped[list[Chapter]] = relationship(
        secondary="session_host", order_by=Chapter.name, viewonly=True
    )
    registrations: Mapped[list[Registration]] = relationship(
        back_populates="event_session", order_by="Registration.queued_at"
    )

    @classmethod
    def hosted_by(cls, chapter_id: int) -> ColumnElement[bool]:
        """The one rule of chapter isolation: a chapter's organisers see and manage the
        sessions it hosts (created or co-hosts), and no other. Every organiser page, feed
        and count selects sessions with this condition."""
        return cls.id.in_(
            select(SessionHost.session_id).where(SessionHost.chapter_id == chapter_id)
        )

    @property
    def co_hosts(self) -> list[Chapter]:
        """The host chapters other than the one that created the session."""
        return [chapter for chapter in self.hosts if chapter.id != self.chapter_id]

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def is_published(self) -> bool:
        return self.status is SessionStatus.PUBLISHED

    @property
    def is_cancelled(self) -> bool:
        return self.status is SessionStatus.CANCELLED

    def is_open_for_registration(self, now: datetime) -> bool:
        return registration_open(self.status, self.starts_at, now)

    def availability(self, confirmed: int) -> Availability:
        """Its seats with ``confirmed`` places taken. The rule itself ("is there a seat?")
        and the SQL built from it are in ``models.capacity``."""
        return Availability(self.capacity, confirmed, cancelled=self.is_cancelled)

    def title_in(self, locale: str) -> LocalizedText:
        return _pick(locale, self.title_en, self.title_fr)

    def description_in(self, locale: str) -> LocalizedText:
        return _pick(locale, self.description_en, self.description_fr)

    def cancel_reason_in(self, locale: str) -> LocalizedText:
        return _pick(locale, self.cancel_reason_en, self.cancel_reason_fr)

    def __repr__(self) -> str:
        return f"<EventSession {self.id} {self.status}>"


@event.listens_for(EventSession, "init")
def _created_by_a_host(target: EventSession, args: object, kwargs: dict[str, object]) -> None:
    """The chapter that creates a session always hosts it: every way a session is made
    (the form, the demo, the tests) gets its first host row with it."""
    chapter = kwargs.get("chapter")
    if isinstance(chapter, Chapter):
        target.host_links.append(SessionHost(chapter=chapter))
    elif isinstance(chapter_id := kwargs.get("chapter_id"), int):
        target.host_links.append(SessionHost(chapter_id=chapter_id))


def registration_open(status: SessionStatus, starts_at: datetime, now: datetime) -> bool:
    """Sign-ups are taken for a published session until it starts."""
    return status is SessionStatus.PUBLISHED and now < starts_at


def _pick(locale: str, english: str, french: str) -> LocalizedText:
    """The text in the reader's language, else the other one (marked with its language)."""
    texts = {"en": english, "fr": french}
    own = "fr" if locale == "fr" else "en"
    other = "en" if own == "fr" else "fr"
    for lang in (own, other):
        if texts[lang].strip():
            return LocalizedText(texts[lang], lang)
    return LocalizedText("", own)
