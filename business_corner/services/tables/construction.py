"""First seatings for the search to improve: quick, reasonable, and rule 1 and 2 exact."""

from __future__ import annotations

from collections.abc import Sequence
from random import Random

from business_corner.services.tables.layout import TableShape
from business_corner.services.tables.roster import Roster


def fresh_round(roster: Roster, shapes: Sequence[TableShape], rng: Random) -> list[list[int]]:
    """Hosts in random order; learners sorted by level, so that each table starts out level.

    Ties between learners of one level are broken at random, so that rounds start apart
    and the search has fewer repeated pairs to undo.
    """
    people = range(len(roster))
    hosts = [i for i in people if roster.is_host[i]]
    rng.shuffle(hosts)
    learners = sorted((i for i in people if not roster.is_host[i]),
                      key=lambda i: (roster.rank[i], rng.random()))
    tables: list[list[int]] = []
    for shape in shapes:
        tables.append(hosts[:shape.hosts] + learners[:shape.non_hosts])
        del hosts[:shape.hosts], learners[:shape.non_hosts]
    return tables

