"""A member as the planner sees them: who, where, which languages, offers and seeks, hours."""

from __future__ import annotations

from dataclasses import dataclass

from business_corner.services.tandems.hours import DEFAULT_HOURS, WeeklyHours
from business_corner.vocabulary import Level, Sector

#: Chapters hold no language. Members whose clock is Paris's (the Marseille chapter) are
#: taken to speak French unless they give a French level to practise; anyone else speaks
#: French fluently when they say so (C1 or C2).
FRENCH_SPEAKING_ZONES = frozenset({"Europe/Paris"})
_FLUENT = Level.C1.rank


@dataclass(frozen=True)
class Member:
    #: Stable and unique: the database id, or the sheet's line.
    key: str
    name: str
    #: The chapter's slug: pairs always join the request's two cities.
    city: str
    zone: str
    english: Level
    sector: Sector
    #: For members who want to practise French: their level in it.
    french: Level | None = None
    offers: frozenset[Sector] = frozenset()
    seeks: frozenset[Sector] = frozenset()
    offers_text: str = ""
    seeks_text: str = ""
    hours: WeeklyHours = DEFAULT_HOURS
    #: Sectors of the partners they have already had.
    past_sectors: frozenset[Sector] = frozenset()

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name

    @property
    def offered(self) -> frozenset[Sector]:
        """What they can bring: the sectors they offer, and always their own."""
        return self.offers | {self.sector}

    @property
    def learns_english(self) -> bool:
        return self.english.rank < _FLUENT

    @property
    def fluent_in_english(self) -> bool:
        return not self.learns_english

    @property
    def learns_french(self) -> bool:
        return self.french is not None and self.french.rank < _FLUENT

    @property
    def fluent_in_french(self) -> bool:
        if self.french is None:
            return self.zone in FRENCH_SPEAKING_ZONES
        return self.french.rank >= _FLUENT
