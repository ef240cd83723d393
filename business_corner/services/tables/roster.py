"""Guests as small integers and flat lists: what the optimiser's inner loop reads.

Looking up ``Level.rank`` or hashing keys inside a loop run a million times would cost more
than the search itself, so everything is translated once, here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from business_corner.services.tables.guests import Guest
from business_corner.vocabulary import Level, Sector

_RANKS = {level: level.rank for level in Level}
_SECTOR_INDEX = {sector: index for index, sector in enumerate(Sector)}
LEVEL_COUNT = len(Level)
SECTOR_COUNT = len(Sector)


@dataclass(frozen=True)
class Roster:
    """Guests sorted by key; guest ``i`` is ``guests[i]`` in every list below."""

    guests: tuple[Guest, ...]
    index: dict[str, int]
    is_host: tuple[bool, ...]
    rank: tuple[int, ...]
    sector: tuple[int, ...]

    @classmethod
    def of(cls, guests: Iterable[Guest]) -> Roster:
        ordered = tuple(sorted(guests, key=lambda guest: guest.key))
        return cls(
            guests=ordered,
            index={guest.key: i for i, guest in enumerate(ordered)},
            is_host=tuple(guest.host for guest in ordered),
            rank=tuple(_RANKS[guest.level] for guest in ordered),
            sector=tuple(_SECTOR_INDEX[guest.sector] for guest in ordered),
        )

    def __len__(self) -> int:
        return len(self.guests)

    @property
    def host_count(self) -> int:
        return sum(self.is_host)

    def keys(self, indices: Iterable[int]) -> tuple[str, ...]:
        return tuple(self.guests[i].key for i in indices)
