from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from business_corner.clock import utcnow
from business_corner.models.base import Model
from business_corner.vocabulary import Attendance, Level, RegistrationStatus, Sector, StillComing

if TYPE_CHECKING:
    from business_corner.models.event_session import EventSession


class Registration(Model):
    """An attendee's place (or place in the queue) at one session. No account behind it."""

    __tablename__ = "registration"
    __table_args__ = (
        # One registration per address and session, whatever the timing of the requests.
        UniqueConstraint("event_session_id", "email"),
        Index("ix_registration_session_status_queue", "event_session_id", "status", "queued_at"),
        # A person's attendance record across sessions is looked up by address.
        Index("ix_registration_email", "email"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_session_id: Mapped[int] = mapped_column(ForeignKey("event_session.id"))
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    #: Normalised by email-validator (domain lower-cased, IDN as Unicode).
    email: Mapped[str] = mapped_column(String(254))
    company: Mapped[str] = mapped_column(String(200))
    job_title: Mapped[str] = mapped_column(String(200), default="")
    sector: Mapped[Sector]
    level: Mapped[Level]
    #: Fluent or native speaker willing to lead a conversation table.
    can_host: Mapped[bool] = mapped_column(default=False)
    #: Language the attendee used to sign up; every later message to them uses it.
    locale: Mapped[str] = mapped_column(String(5))
    status: Mapped[RegistrationStatus]
    #: When the attendee agreed to the privacy notice, and which version of it.
    consent_at: Mapped[datetime]
    consent_version: Mapped[str] = mapped_column(String(20))
    #: Place in the waiting list: the time of (re-)registration, ties broken by id.
    queued_at: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    cancelled_at: Mapped[datetime | None]
    #: When the reminder went out; set in the same transaction, so it never goes twice.
    reminder_sent_at: Mapped[datetime | None]
    #: When the personal data was erased (on request, or after the retention period).
    erased_at: Mapped[datetime | None] = mapped_column(index=True)
    #: When the attendee was checked in (at the door, by scanning their code, by their own
    #: "I'm here" online, or marked present afterwards). Set by one conditional UPDATE, so
    #: two organisers tapping the same person make one check-in, at one time.
    checked_in_at: Mapped[datetime | None]
    #: Who checked them in: an organiser, or None when the attendee did it themselves.
    checked_in_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("organiser.id", ondelete="SET NULL")
    )
    #: When a confirmed attendee who was not checked in was recorded as a no-show, after the
    #: session. Never set together with ``checked_in_at``.
    no_show_at: Mapped[datetime | None]
    #: Confirm-or-release: when they were asked "still coming?", and when they said yes.
    confirm_asked_at: Mapped[datetime | None]
    still_coming_at: Mapped[datetime | None]
    #: When their seat went to the waiting list because they had not confirmed (the status
    #: is then cancelled; this tells a release from the attendee's own cancellation).
    released_at: Mapped[datetime | None]
    #: The attendance certificate's verification code: random (not derived from any id),
    #: drawn the first time a certificate is made, only for someone who was checked in.
    certificate_code: Mapped[str | None] = mapped_column(String(24), unique=True)
    #: When the feedback form went out (the day after); set with the message, so never twice.
    feedback_asked_at: Mapped[datetime | None]

    event_session: Mapped[EventSession] = relationship(back_populates="registrations")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def is_active(self) -> bool:
        return self.status is not RegistrationStatus.CANCELLED

    @property
    def is_checked_in(self) -> bool:
        return self.checked_in_at is not None

    @property
    def attendance(self) -> Attendance:
        if self.checked_in_at is not None:
            return Attendance.PRESENT
        if self.no_show_at is not None:
            return Attendance.NO_SHOW
        return Attendance.EXPECTED

    @property
    def still_coming(self) -> StillComing:
        """Where confirm-or-release stands for this attendee."""
        if self.released_at is not None:
            return StillComing.RELEASED
        if self.still_coming_at is not None:
            return StillComing.CONFIRMED
        if self.confirm_asked_at is not None:
            return StillComing.WAITING
        return StillComing.NOT_ASKED

    def __repr__(self) -> str:
        return f"<Registration {self.id} {self.status}>"
