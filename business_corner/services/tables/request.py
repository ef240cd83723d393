"""What an organiser asks for: who, how many tables (or seats per table), how many rounds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from business_corner.services.tables.errors import (
    NoGuests,
    NoRounds,
    NoTables,
    TablesOrSeats,
    TooFewGuests,
    TooFewSeats,
)
from business_corner.services.tables.guests import Guest

DEFAULT_SEATS_PER_TABLE = 6
DEFAULT_ROUNDS = 3


@dataclass(frozen=True)
class PlanRequest:
    """Give ``tables`` or ``seats_per_table`` (at most, per table), or neither for 6 seats.

    The guests' order does not matter: the planner sorts them by key, so the same people
    and the same seed always give the same plan.
    """

    guests: Sequence[Guest]
    rounds: int = DEFAULT_ROUNDS
    tables: int | None = None
    seats_per_table: int | None = None
    seed: int = 0

    def check(self) -> None:
        """Raise the domain error an organiser should read, if the request cannot be planned."""
        if not self.guests:
            raise NoGuests()
        if len(self.guests) < 2:
            raise TooFewGuests()
        if self.rounds < 1:
            raise NoRounds()
        if self.tables is not None and self.seats_per_table is not None:
            raise TablesOrSeats()
        if self.tables is not None and self.tables < 1:
            raise NoTables()
        if self.seats_per_table is not None and self.seats_per_table < 2:
            raise TooFewSeats()
        keys = [guest.key for guest in self.guests]
        if len(set(keys)) != len(keys):
            # Keys come from the database, not from a person: a duplicate is a bug upstream.
            raise ValueError("two guests share a key")

    def asked_tables(self) -> int:
        """The table count asked for, before any cut for too few people."""
        if self.tables is not None:
            return self.tables
        seats = self.seats_per_table or DEFAULT_SEATS_PER_TABLE
        return -(-len(self.guests) // seats)
