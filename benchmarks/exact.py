"""The true optimum of a small table plan, by exhaustive branch and bound.

Benchmark only: it tells how far the planner's local search is from the best possible plan
on cases small enough (about 12 people, 2 or 3 tables) to search completely. Unlike the
planner, it lets any table take the extra seat or the extra host, so it would also catch
a loss caused by the planner's fixed table shapes.

Each round is one partition of the people into tables that keeps rules 1 and 2. A plan is
a multiset of partitions (rounds are interchangeable, so indices never decrease), scored
lexicographically: (repeated meetings, sum of squared level spreads, same-sector pairs).
Partitions are tried cheapest first, and a branch is cut as soon as a lower bound on every
term together cannot beat the best plan known — at first the planner's own plan, which
makes the search short when the planner is right.

(scipy's MILP solver was tried first: it proved the optimum of 12 people at 2 tables in
seconds but not of 12 at 3 tables within minutes, as the level spread's linear
relaxation is weak, so this search stays free of any dependency.)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations

from business_corner.services.tables import Guest, Plan, bounds

Partition = tuple[tuple[int, ...], ...]
Score = tuple[int, int, int]


@dataclass(frozen=True)
class _Option:
    partition: Partition
    #: Bit i·n+j set when people i < j share a table.
    pairs: int
    level_cost: int
    sector_pairs: int


def partitions(guests: Sequence[Guest], tables: int) -> Iterator[Partition]:
    """Every seating of one round with sizes and host counts within one, tables unordered."""
    people = len(guests)
    size, hosts_each = divmod(people, tables)[0], sum(g.host for g in guests) // tables
    seated: list[list[int]] = []

    def place(person: int) -> Iterator[Partition]:
        if person == people:
            if (
                len(seated) == tables
                and all(len(t) >= size for t in seated)
                and all(sum(guests[i].host for i in t) >= hosts_each for t in seated)
            ):
                yield tuple(tuple(t) for t in seated)
            return
        host = guests[person].host
        # A new table opens only for the next person: tables are numbered by first member.
        for table in seated + ([[]] if len(seated) < tables else []):
            if len(table) > size or (host and sum(guests[i].host for i in table) > hosts_each):
                continue
            if not table:
                seated.append(table)
            table.append(person)
            yield from place(person + 1)
            table.pop()
            if not table:
                seated.pop()

    yield from place(0)


def score_round(guests: Sequence[Guest], partition: Partition) -> tuple[int, int]:
    level_cost = sector_pairs = 0
    for table in partition:
        ranks = [guests[i].level.rank for i in table if not guests[i].host]
        level_cost += (max(ranks) - min(ranks)) ** 2 if ranks else 0
        sector_pairs += sum(
            1 for i, j in combinations(table, 2) if guests[i].sector == guests[j].sector
        )
    return level_cost, sector_pairs


def exact_plan(guests: Sequence[Guest], tables: int, rounds: int, best_known: Plan) -> Plan:
    """A lexicographically optimal plan; ``best_known`` (any valid plan) seeds the search."""
    people = len(guests)
    index = {guest.key: i for i, guest in enumerate(guests)}
    options = []
    for partition in partitions(guests, tables):
        level_cost, sector_pairs = score_round(guests, partition)
        options.append(_Option(partition, _pair_bits(partition, people), level_cost, sector_pairs))
    options.sort(key=lambda o: (o.level_cost, o.sector_pairs))
    sizes = sorted((len(t) for t in options[0].partition), reverse=True)
    # Each round after the first brings back at least this many pairs from the first.
    least_overlap = sum(bounds.fewest_shared_pairs(size, tables) for size in sizes)

    best: list[Partition] = _partitions_of(best_known, index)
    best_score = _score(guests, best, people)
    chosen: list[_Option] = []

    def search(start: int, met: list[int], repeats: int, level_cost: int, sectors: int) -> None:
        nonlocal best_score, best
        depth = len(chosen)
        if depth == rounds:
            if (repeats, level_cost, sectors) < best_score:
                best_score, best = (repeats, level_cost, sectors), [o.partition for o in chosen]
            return
        left = rounds - depth - 1  # rounds still to choose after this one
        # Whatever this round is, it brings back pairs from the first one (if any).
        floor_repeats = repeats + (least_overlap if depth else 0) + left * least_overlap
        for position in range(start, len(options)):
            option = options[position]
            # Options are sorted and indices never fall: later rounds cost at least this one.
            level_bound = level_cost + (left + 1) * option.level_cost
            if (floor_repeats, level_bound, sectors) >= best_score:
                break  # and so does every option after this one
            grown = _meet(met, option.pairs)
            extra = sum(bits.bit_count() for bits in grown[1:])
            if (
                extra + left * least_overlap,
                level_bound,
                sectors + option.sector_pairs,
            ) >= best_score:
                continue
            chosen.append(option)
            search(
                position,
                grown,
                extra,
                level_cost + option.level_cost,
                sectors + option.sector_pairs,
            )
            chosen.pop()

    search(0, [], 0, 0, 0)
    return Plan(
        tuple(
            tuple(tuple(guests[i].key for i in table) for table in partition) for partition in best
        )
    )


def score(guests: Sequence[Guest], plan: Plan) -> Score:
    """(repeated meetings, sum of squared level spreads, same-sector pairs) of a plan."""
    index = {guest.key: i for i, guest in enumerate(guests)}
    return _score(guests, _partitions_of(plan, index), len(guests))


def _partitions_of(plan: Plan, index: dict[str, int]) -> list[Partition]:
    return [tuple(tuple(index[key] for key in table) for table in round_) for round_ in plan.rounds]


def _pair_bits(partition: Partition, people: int) -> int:
    bits = 0
    for table in partition:
        for i, j in combinations(sorted(table), 2):
            bits |= 1 << (i * people + j)
    return bits


def _meet(met: list[int], pairs: int) -> list[int]:
    """``met[k]``: pairs that met more than k times; add one round's pairs."""
    grown = [*met, 0]
    for k in range(len(grown) - 1, 0, -1):
        grown[k] |= grown[k - 1] & pairs
    grown[0] |= pairs
    while grown and not grown[-1]:
        grown.pop()
    return grown


def _score(guests: Sequence[Guest], rounds: list[Partition], people: int) -> Score:
    met: list[int] = []
    level_cost = sectors = 0
    for partition in rounds:
        met = _meet(met, _pair_bits(partition, people))
        round_level, round_sectors = score_round(guests, partition)
        level_cost += round_level
        sectors += round_sectors
    return sum(bits.bit_count() for bits in met[1:]), level_cost, sectors
