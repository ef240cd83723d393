from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from business_corner.models.base import Model
from business_corner.models.organiser import Organiser


class OrganiserLogin(Model):
    """One organiser login in one browser, from the password to logout or expiry.

    The browser's session cookie holds a random token; only its hash is stored, so the table
    gives no one a way in. Logging out ends this login alone (the laptop stays logged in
    when the phone logs out); ending all of an organiser's logins is a service call.
    """

    __tablename__ = "organiser_login"

    id: Mapped[int] = mapped_column(primary_key=True)
    organiser_id: Mapped[int] = mapped_column(
        ForeignKey("organiser.id", ondelete="CASCADE"), index=True
    )
    #: SHA-256 (hex) of the token in the browser's session cookie.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    #: Refreshed at most once a minute, so the idle lifetime is exact to a minute.
    last_seen_at: Mapped[datetime]
    #: Set by logout, or when all the organiser's logins are ended; never cleared.
    ended_at: Mapped[datetime | None]

    organiser: Mapped[Organiser] = relationship()

    def __repr__(self) -> str:
        return f"<OrganiserLogin {self.id} of organiser {self.organiser_id}>"
