"""Chapters: the city groups, each with its own clock and contact address."""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from business_corner.database import write_transaction
from business_corner.models import Chapter
from business_corner.services.addresses import normalise_address
from business_corner.services.city_times import is_known_zone


class UnknownTimeZone(ValueError):
    """The zone is not an IANA zone this machine knows."""


class ChapterExists(ValueError):
    def __init__(self, existing: Chapter) -> None:
        self.existing = existing
        super().__init__(f"a chapter named {existing.name!r} (slug {existing.slug!r}) exists")


def slug_for(name: str) -> str:
    """A short name for URLs: ASCII, lower-case, words joined by hyphens."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def create_chapter(
    session: Session, name: str, *, zone: str, contact: str, slug: str = ""
) -> Chapter:
    """A new chapter; its name and slug must be new. Raises ``UnknownTimeZone``,
    ``InvalidAddress`` (the contact) or ``ChapterExists``."""
    if not is_known_zone(zone):
        raise UnknownTimeZone(zone)
    address = normalise_address(contact)
    name = name.strip()
    slug = slug or slug_for(name)
    with write_transaction(session):
        clash = session.scalars(
            select(Chapter).where(
                (func.lower(Chapter.name) == name.lower()) | (Chapter.slug == slug)
            )
        ).first()
        if clash is not None:
            raise ChapterExists(clash)
        chapter = Chapter(name=name, slug=slug, timezone=zone, contact_email=address)
        session.add(chapter)
    return chapter


def other_chapters(session: Session, chapter_id: int) -> list[Chapter]:
    """Every chapter but ``chapter_id``, by name: the co-hosts a session may have."""
    return list(
        session.scalars(
            select(Chapter).where(Chapter.id != chapter_id).order_by(Chapter.name)
        ).all()
    )
