from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from business_corner.models.base import Model
from business_corner.models.organiser import Organiser
from business_corner.vocabulary import AuditAction, AuditSubject


class AuditEntry(Model):
    """Who did what, when, to which record: one organiser action that changed data.

    It names the record by kind and id and never copies an attendee's personal data: a
    walk-in is "walk-in 12", an export "the list of session 3". ``details`` holds what the
    change was about in numbers and codes (a capacity from 20 to 30, a role), never names.
    Entries older than the retention period are deleted by ``purge``.
    """

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_chapter_at", "chapter_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    chapter_id: Mapped[int] = mapped_column(ForeignKey("chapter.id"))
    #: The member who acted; members are deactivated, never deleted, so this stays theirs.
    actor_id: Mapped[int] = mapped_column(ForeignKey("organiser.id"), index=True)
    #: Indexed on its own too: the purge deletes by age across chapters.
    at: Mapped[datetime] = mapped_column(index=True)
    action: Mapped[AuditAction]
    subject_type: Mapped[AuditSubject]
    subject_id: Mapped[int | None]
    #: JSON object of codes and numbers (see ``services.audit.record``).
    details: Mapped[str] = mapped_column(Text, default="{}")

    actor: Mapped[Organiser] = relationship()

    def __repr__(self) -> str:
        return f"<AuditEntry {self.id} {self.action}>"
