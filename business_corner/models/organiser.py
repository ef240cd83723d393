from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from business_corner.clock import utcnow
from business_corner.models.base import Model
from business_corner.models.chapter import Chapter
from business_corner.vocabulary import Role


class Organiser(UserMixin, Model):
    """Chapter staff who log in to publish sessions and follow registrations."""

    __tablename__ = "organiser"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stored normalised (see services.addresses) so that login is case-insensitive.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(256))
    chapter_id: Mapped[int] = mapped_column(ForeignKey("chapter.id"), index=True)
    #: Staff by default: admin rights are given on purpose (the CLI, an invitation, a role
    #: change by another admin).
    role: Mapped[Role] = mapped_column(default=Role.STAFF)
    #: False once deactivated: every login ended, none possible again. The row stays, so
    #: what the member did stays attributed to them.
    active: Mapped[bool] = mapped_column(default=True)
    deactivated_at: Mapped[datetime | None]
    #: Part of the signed private-feed URL: raising it kills the old URL.
    calendar_feed_version: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    chapter: Mapped[Chapter] = relationship(back_populates="organisers")

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_admin(self) -> bool:
        return self.active and self.role.manages_team

    @property
    def display_name(self) -> str:
        return self.name or self.email

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    def __repr__(self) -> str:
        return f"<Organiser {self.id}>"
