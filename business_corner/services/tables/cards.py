"""What a printed table card shows of each person: the organiser's choice.

The privacy notice says what a card can show (a first name or a full name, and the
company, English level and sector if the organiser ticks them); the default shows the
least that lets a table start talking: first names and companies.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from business_corner.models import Registration, WalkIn
from business_corner.services.tables.guests import Guest
from business_corner.services.tables.schedule import registration_key, walk_in_key


class CardName(StrEnum):
    FIRST = "first"
    FULL = "full"


@dataclass(frozen=True)
class CardChoice:
    """What the cards show besides whether someone hosts the table."""

    name: CardName = CardName.FIRST
    company: bool = True
    level: bool = False
    sector: bool = False


@dataclass(frozen=True)
class CardLine:
    name: str
    #: Company, level and sector, as chosen, in that order (empty ones left out).
    details: list[str]
    host: bool


@dataclass(frozen=True)
class _Person:
    first_name: str
    full_name: str
    company: str


def card_lines(
    session: Session, event_id: int, guests: list[Guest], choice: CardChoice
) -> dict[str, CardLine]:
    """Each seated guest's line on a card, by guest key."""
    people = _people(session, event_id)
    lines = {}
    for guest in guests:
        person = people.get(guest.key, _Person(guest.name, guest.name, ""))
        details = [
            value
            for shown, value in (
                (choice.company, person.company),
                (choice.level, guest.level.value),
                (choice.sector, str(guest.sector.label)),
            )
            if shown and value
        ]
        name = person.full_name if choice.name is CardName.FULL else person.first_name
        lines[guest.key] = CardLine(name, details, guest.host)
    return lines


def _people(session: Session, event_id: int) -> dict[str, _Person]:
    people = {
        registration_key(r.id): _Person(r.first_name, r.full_name, r.company)
        for r in session.scalars(
            select(Registration).where(Registration.event_session_id == event_id)
        )
    }
    for w in session.scalars(select(WalkIn).where(WalkIn.event_session_id == event_id)):
        # A walk-in gives one name: its first word is their first name.
        people[walk_in_key(w.id)] = _Person((w.name.split() or [w.name])[0], w.name, w.company)
    return people
