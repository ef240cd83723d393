from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from business_corner.models.base import Model
from business_corner.models.event_session import EventSession
from business_corner.models.organiser import Organiser
from business_corner.vocabulary import Audience


class AttendeeMessage(Model):
    """A message an organiser wrote to a session's attendees: the copy kept with the session.

    Each recipient gets an outbox row pointing here, written out by the sender in their own
    language; the send state is read from those rows.
    """

    __tablename__ = "attendee_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_session_id: Mapped[int] = mapped_column(
        ForeignKey("event_session.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int] = mapped_column(ForeignKey("organiser.id"))
    audience: Mapped[Audience]
    #: A language nobody in the audience reads may be left empty.
    subject_fr: Mapped[str] = mapped_column(String(200), default="")
    subject_en: Mapped[str] = mapped_column(String(200), default="")
    body_fr: Mapped[str] = mapped_column(Text, default="")
    body_en: Mapped[str] = mapped_column(Text, default="")
    #: How many people it was queued for, in each language.
    recipients_fr: Mapped[int] = mapped_column(default=0)
    recipients_en: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime]

    event_session: Mapped[EventSession] = relationship()
    author: Mapped[Organiser] = relationship()

    def subject_in(self, locale: str) -> str:
        return self.subject_fr if locale == "fr" else self.subject_en

    def body_in(self, locale: str) -> str:
        return self.body_fr if locale == "fr" else self.body_en

    def __repr__(self) -> str:
        return f"<AttendeeMessage {self.id}>"
