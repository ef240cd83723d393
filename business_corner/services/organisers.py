"""Organiser accounts created from the command line: the first admin of a chapter."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from business_corner.database import write_transaction
from business_corner.models import Chapter, Organiser
from business_corner.services.addresses import normalise_address
from business_corner.services.passwords import check_password
from business_corner.vocabulary import Role


class UnknownChapter(ValueError):
    def __init__(self, name: str, known: list[str]) -> None:
        self.known = known
        super().__init__(f"no chapter named {name!r} (known: {', '.join(known) or 'none'})")


class OrganiserExists(ValueError):
    def __init__(self, address: str) -> None:
        super().__init__(f"an organiser with the address {address} already exists")


def create_organiser(
    session: Session,
    email: str,
    *,
    chapter_name: str,
    name: str,
    password: str,
    role: Role = Role.ADMIN,
) -> Organiser:
    """A new organiser of the chapter named (in any case). Raises ``InvalidAddress``,
    ``WeakPassword``, ``UnknownChapter`` or ``OrganiserExists``."""
    address = normalise_address(email)
    check_password(password, (address, name, chapter_name))
    with write_transaction(session):
        chapter = session.scalars(
            select(Chapter).where(func.lower(Chapter.name) == chapter_name.strip().lower())
        ).one_or_none()
        if chapter is None:
            known = list(session.scalars(select(Chapter.name).order_by(Chapter.name)))
            raise UnknownChapter(chapter_name, known)
        if session.scalars(select(Organiser).where(Organiser.email == address)).first():
            raise OrganiserExists(address)
        organiser = Organiser(email=address, name=name, chapter=chapter, role=role)
        organiser.set_password(password)
        session.add(organiser)
    return organiser
