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
    learners = sorted(
        (i for i in people if not roster.is_host[i]), key=lambda i: (roster.rank[i], rng.random())
    )
    tables: list[list[int]] = []
    for shape in shapes:
        tables.append(hosts[: shape.hosts] + learners[: shape.non_hosts])
        del hosts[: shape.hosts], learners[: shape.non_hosts]
    return tables


def kept_round(
    roster: Roster, before: Sequence[Sequence[int]], shapes: Sequence[TableShape]
) -> list[list[int]]:
    """Everyone stays at their table while it has room for their kind; the rest fill gaps.

    ``before`` is the round as it was planned, holding only people still present. People
    who no longer fit (their table shrank or is gone) and newcomers go, in key order, to
    the table with the most free seats for their kind.
    """
    tables: list[list[int]] = [[] for _ in shapes]
    free = {True: [shape.hosts for shape in shapes], False: [shape.non_hosts for shape in shapes]}
    waiting = []
    for number, table in enumerate(before):
        for i in table:
            room = free[roster.is_host[i]]
            if number < len(shapes) and room[number] > 0:
                tables[number].append(i)
                room[number] -= 1
            else:
                waiting.append(i)
    seated = {i for table in before for i in table}
    waiting += [i for i in range(len(roster)) if i not in seated]
    for i in sorted(waiting):
        room = free[roster.is_host[i]]
        number = max(range(len(shapes)), key=lambda t: (room[t], -t))
        tables[number].append(i)
        room[number] -= 1
    return tables
