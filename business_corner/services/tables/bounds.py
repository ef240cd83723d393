"""The best any plan could do, from head counts alone: how an organiser tells "the optimiser
could do better" from "the numbers do not allow it".

Each function gives a lower bound, exact where noted. The bounds assume rules 1 and 2
(table sizes within one, hosts spread evenly), which every plan keeps.
"""

from __future__ import annotations

from collections.abc import Sequence

from business_corner.services.tables.roster import LEVEL_COUNT


def pairs(people: int) -> int:
    return people * (people - 1) // 2


def fewest_shared_pairs(people: int, groups: int) -> int:
    """Pairs that share a group when ``people`` go into ``groups``, at the least (exact).

    Spreading people evenly is best (pigeonhole): this bounds same-sector pairs, and pairs
    who meet again when one round's table draws from another round's tables.
    """
    base, extra = divmod(people, groups)
    return extra * pairs(base + 1) + (groups - extra) * pairs(base)


def tables_without_host(tables: int, hosts: int) -> int:
    """Exact: one host per table while they last."""
    return max(0, tables - hosts)


def repeated_meetings(
    round_sizes: Sequence[Sequence[int]], people: int, *, same_people: bool
) -> int:
    """Fewest meetings beyond the first of a pair, over all rounds.

    Counting: rounds hold ``sum C(size, 2)`` meetings but there are only ``C(people, 2)``
    pairs. Pigeonhole (when the same people sit every round): a table of round *r* drawn
    from the *T* tables of a reference round brings together at least
    ``fewest_shared_pairs(size, T)`` pairs who met there; each such pair meets again.
    """
    meetings = sum(pairs(size) for sizes in round_sizes for size in sizes)
    counting = max(0, meetings - pairs(people))
    if not same_people or len(round_sizes) < 2:
        return counting
    # The round with the fewest tables forces the most overlap with every other round.
    reference = min(range(len(round_sizes)), key=lambda r: len(round_sizes[r]))
    groups = len(round_sizes[reference])
    overlap = sum(
        fewest_shared_pairs(size, groups)
        for r, sizes in enumerate(round_sizes)
        if r != reference
        for size in sizes
    )
    return max(counting, overlap)


def same_sector_pairs(sector_counts: Sequence[int], tables: int) -> int:
    """Fewest same-sector pairs in one round: each sector spread evenly over the tables."""
    return sum(fewest_shared_pairs(count, tables) for count in sector_counts if count > 1)


def widest_level_spread(learner_ranks: Sequence[int], tables: int, seats: int) -> int:
    """Least possible spread of the widest table in one round, if any table took ``seats``.

    Among sorted levels, the fewest groups of at most ``seats`` learners spanning at most
    ``steps`` CEFR steps are made greedily, left to right; the answer is the smallest
    ``steps`` for which ``tables`` groups suffice.
    """
    ranks = sorted(learner_ranks)
    for steps in range(LEVEL_COUNT):
        groups, start = 0, 0
        while start < len(ranks) and groups <= tables:
            groups += 1
            end = start
            while end < len(ranks) and end - start < seats and ranks[end] - ranks[start] <= steps:
                end += 1
            start = end
        if groups <= tables:
            return steps
    return LEVEL_COUNT - 1


def most_learners_per_table(people: int, hosts: int, tables: int) -> int:
    """With sizes within one and at least ``hosts // tables`` hosts at each table."""
    return -(-people // tables) - hosts // tables
