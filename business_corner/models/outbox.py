from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Enum, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from business_corner.clock import utcnow
from business_corner.models.base import Model
from business_corner.vocabulary import Notice

if TYPE_CHECKING:
    from business_corner.models.registration import Registration

#: Why a message was not sent (kept in ``last_error``).
OVERTAKEN = "overtaken by events, not sent"


class OutboxMessage(Model):
    """An e-mail owed to someone, recorded in the same transaction as the change it reports.

    Its recipient is an address with a name and a language; a registration is one case
    (``registration_id``), the one every attendee notice is, not the only one.

    Most are recorded as a notice (``kind`` and ``details``) and written out by the sender
    just before sending, in the recipient's language and with the session as it is then:
    a registration does not wait for a message to be composed, and never holds the seat
    lock while it is. A sender delivers it after the commit and retries on a schedule of
    about a day (``services.mail.delivery``) before marking it failed for organisers to see,
    so no registration is ever lost or rolled back because mail is down.
    """

    __tablename__ = "outbox_message"
    __table_args__ = (Index("ix_outbox_message_pending", "sent_at", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: What the message is about (confirmation, waitlisted, promoted …), for organisers.
    kind: Mapped[Notice] = mapped_column(
        Enum(
            Notice,
            native_enum=False,
            length=40,
            values_callable=lambda members: [member.value for member in members],
            validate_strings=True,
        )
    )
    #: The recipient's address. For a message about a registration, the address it had when
    #: the message was written out (composition reads the registration, which may change).
    recipient: Mapped[str] = mapped_column(String(254))
    #: For messages about no registration: the recipient's name and language (None: the
    #: registration's, read when the message is written out).
    recipient_name: Mapped[str | None] = mapped_column(String(200))
    locale: Mapped[str | None] = mapped_column(String(5))
    subject: Mapped[str] = mapped_column(String(300))
    #: The whole RFC 5322 message; None until the sender writes it out.
    raw: Mapped[bytes | None] = mapped_column(LargeBinary)
    #: What the notice needs besides the registration (JSON: had_seat, changes).
    details: Mapped[str | None] = mapped_column(Text)
    event_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("event_session.id", ondelete="SET NULL"), index=True
    )
    registration_id: Mapped[int | None] = mapped_column(
        ForeignKey("registration.id", ondelete="SET NULL"), index=True
    )
    #: For an organiser's message to attendees: the copy it is written out from.
    attendee_message_id: Mapped[int | None] = mapped_column(
        ForeignKey("attendee_message.id", ondelete="SET NULL"), index=True
    )
    #: Set on a new message so that one flush inserts the registration and its message.
    registration: Mapped[Registration | None] = relationship()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: A sender that claimed the message owns it until then (see services.mail.delivery).
    claimed_until: Mapped[datetime | None]
    #: When the sender was done with it: sent, or dropped as overtaken by events (a
    #: waiting-list notice for someone already promoted; then ``last_error`` says so).
    sent_at: Mapped[datetime | None]
    #: Short description of the last failure (exception type and SMTP code, no addresses).
    last_error: Mapped[str] = mapped_column(String(200), default="")
    #: When the sender gave up after its last scheduled attempt (``last_error`` says why);
    #: only an organiser's retry puts the message back in line.
    failed_at: Mapped[datetime | None] = mapped_column(index=True)

    def drop_as_overtaken(self, now: datetime) -> None:
        """Done with, not sent: events made the message pointless (see notifications)."""
        self.sent_at, self.last_error, self.claimed_until = now, OVERTAKEN, None

    def __repr__(self) -> str:
        return f"<OutboxMessage {self.id} {self.kind}>"
