"""How many tables, and how many people and hosts at each: rules 1 and 2 from the start.

Table sizes that differ by at most one and hosts spread as evenly as possible leave no
choice but *which* tables get the extra seat or host. The first seating takes the shapes
made here; the search only makes swaps that keep both rules (see ``search``), so every
plan it looks at keeps them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: Fewer than this at a table is not a conversation.
MIN_PEOPLE_PER_TABLE = 2


def tables_for(people: int, asked: int) -> int:
    """The tables asked for, cut so that nobody sits alone."""
    return max(1, min(asked, people // MIN_PEOPLE_PER_TABLE))


@dataclass(frozen=True)
class TableShape:
    size: int
    hosts: int

    @property
    def non_hosts(self) -> int:
        return self.size - self.hosts


def balanced(total: int, tables: int, preference: Sequence[int]) -> list[int]:
    """``total`` split over ``tables`` in counts that differ by at most one.

    The larger counts go to the tables with the highest ``preference`` (then the lowest
    number): a re-plan passes how many sit there now, so that the fewest people move.
    """
    base, extra = divmod(total, tables)
    counts = [base] * tables
    for table in sorted(range(tables), key=lambda t: (-preference[t], t))[:extra]:
        counts[table] += 1
    return counts


def table_shapes(
    people: int,
    hosts: int,
    tables: int,
    *,
    sizes_now: Sequence[int] | None = None,
    hosts_now: Sequence[int] | None = None,
) -> list[TableShape]:
    """Sizes and host counts per table, close to ``sizes_now``/``hosts_now`` when given."""
    sizes = balanced(people, tables, sizes_now or [0] * tables)
    each, extra = divmod(hosts, tables)
    current = hosts_now or [0] * tables
    # An extra host goes where the table has room for it, preferably where a host sits now,
    # then at a larger table, which keeps the number of learners per table even.
    candidates = sorted(
        (t for t in range(tables) if sizes[t] > each), key=lambda t: (-current[t], -sizes[t], t)
    )
    host_counts = [each] * tables
    for table in candidates[:extra]:
        host_counts[table] += 1
    return [TableShape(size, count) for size, count in zip(sizes, host_counts, strict=True)]
