"""Who sits at the tables: the planner's own view of an attendee, free of the database."""

from __future__ import annotations

from dataclasses import dataclass

from business_corner.vocabulary import Level, Sector


@dataclass(frozen=True)
class Guest:
    """A person to seat: a confirmed attendee or a walk-in added on the spot."""

    #: Stable across re-plans and stored in plans: a registration id or a walk-in id.
    key: str
    name: str
    level: Level
    sector: Sector
    #: Fluent or native speaker who can lead the conversation at a table.
    host: bool = False
