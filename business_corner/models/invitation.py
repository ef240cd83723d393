from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from business_corner.models.base import Model
from business_corner.models.chapter import Chapter
from business_corner.models.organiser import Organiser
from business_corner.vocabulary import Role


class Invitation(Model):
    """An admin's invitation for a colleague to join the chapter's team.

    The mailed link is signed and carries the invitation's id and ``nonce``; the link works
    while the signature is younger than the validity period, the nonce is the current one
    (sending again makes a new one, so only the latest mail works) and the invitation is
    neither accepted nor revoked. Accepting it once uses it up.
    """

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    chapter_id: Mapped[int] = mapped_column(ForeignKey("chapter.id"), index=True)
    #: Normalised like organisers' addresses; the account created takes it.
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[Role]
    #: The language the admin chose for the invitee: the mail and the join page use it.
    locale: Mapped[str] = mapped_column(String(5))
    invited_by_id: Mapped[int] = mapped_column(ForeignKey("organiser.id"))
    #: Random, replaced on every sending: a link from an earlier mail no longer matches.
    nonce: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    #: When the latest mail was queued; its link is valid for the period from then.
    sent_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    #: The account the invitation became.
    organiser_id: Mapped[int | None] = mapped_column(ForeignKey("organiser.id"))

    chapter: Mapped[Chapter] = relationship()
    invited_by: Mapped[Organiser] = relationship(foreign_keys=[invited_by_id])

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None

    def __repr__(self) -> str:
        return f"<Invitation {self.id}>"
