"""Which chapters host a session: the one that created it and any co-hosts."""

from __future__ import annotations

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from business_corner.models.base import Model
from business_corner.models.chapter import Chapter


class SessionHost(Model):
    """One host chapter of a session. Every session has a row for the chapter that created
    it (``EventSession.chapter_id``); a joint session has one more per co-host chapter.
    Each host's organisers manage the session; ``EventSession.hosted_by`` is the rule."""

    __tablename__ = "session_host"

    #: Deleted with the session (a draft deleted, a session purged).
    session_id: Mapped[int] = mapped_column(
        ForeignKey("event_session.id", ondelete="CASCADE"), primary_key=True
    )
    #: Indexed on its own: a chapter's dashboard and feeds look sessions up by host.
    chapter_id: Mapped[int] = mapped_column(ForeignKey("chapter.id"), primary_key=True, index=True)

    chapter: Mapped[Chapter] = relationship()

    def __repr__(self) -> str:
        return f"<SessionHost {self.session_id} {self.chapter_id}>"
