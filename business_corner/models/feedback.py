"""What an attendee who came says afterwards, and the people they would like to meet again."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from business_corner.models.base import Model
from business_corner.models.registration import Registration
from business_corner.vocabulary import Level, TableFit


class Feedback(Model):
    """One attendee's answers about one session: given once, never edited."""

    __tablename__ = "feedback"
    __table_args__ = (CheckConstraint("usefulness BETWEEN 1 AND 5", name="usefulness_1_to_5"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: One answer per registration (the unique index also makes a double submit harmless).
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("registration.id", ondelete="CASCADE"), unique=True
    )
    #: Denormalised from the registration: the organisers' results read one session's rows.
    event_session_id: Mapped[int] = mapped_column(
        ForeignKey("event_session.id", ondelete="CASCADE"), index=True
    )
    #: How useful the session was, 1 (not at all) to 5 (very).
    usefulness: Mapped[int]
    #: The attendee's own level now, on the same scale as at sign-up.
    level: Mapped[Level]
    table_fit: Mapped[TableFit]
    #: The attendee agreed that their name, company and address go to anyone they chose who
    #: chose them too. Without it, their choices are kept but never disclosed.
    share_contacts: Mapped[bool] = mapped_column(default=False)
    comment: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[datetime]

    registration: Mapped[Registration] = relationship()


class ContactChoice(Model):
    """``chooser`` would like to stay in touch with ``chosen`` (a companion at their tables).

    A choice alone is never shown to anyone; when both chose each other and both consented,
    both are sent the other's details and ``disclosed_at`` is set on both rows, once.
    """

    __tablename__ = "contact_choice"
    __table_args__ = (UniqueConstraint("chooser_id", "chosen_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    chooser_id: Mapped[int] = mapped_column(ForeignKey("registration.id", ondelete="CASCADE"))
    chosen_id: Mapped[int] = mapped_column(
        ForeignKey("registration.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime]
    disclosed_at: Mapped[datetime | None]
