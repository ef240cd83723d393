from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from business_corner.models.base import Model


class MailSender(Model):
    """A running mail sender (``send-mail --loop``) and when it last said it was alive.

    ``/healthz`` reads it to tell whether anyone is delivering the outbox.
    """

    __tablename__ = "mail_sender"

    #: Host and process id, e.g. "web-1:4242".
    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    seen_at: Mapped[datetime]

    def __repr__(self) -> str:
        return f"<MailSender {self.name} {self.seen_at:%H:%M:%S}>"
