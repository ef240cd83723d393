"""Runs the search on first seatings: the part that plan_tables and replan share."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from random import Random

from business_corner.services.tables import bounds
from business_corner.services.tables.objective import Weights, priority_weights
from business_corner.services.tables.roster import SECTOR_COUNT, Roster
from business_corner.services.tables.search import Budget, late_acceptance
from business_corner.services.tables.seating import Rounds, Seating

# Measured with benchmarks/tables.py (README, "Planner: measured"). Sessions of 12 to 40 people over
# three rounds are the common case and the hardest for rule 3: at 500 steps per seat, 11
# lists in 40 ended above the repeat bound (which a search ten times longer reached for
# all 40); at 4,000, 2 in 40. Plans of about a dozen people reached the exact optimum in
# every case tried (78) with 200,000 steps, and missed 4 with 100,000. The cap keeps 240
# people over 6 rounds at about one second of CPU.
#: Search steps per seat (one guest in one round), within MIN_STEPS and MAX_STEPS.
STEPS_PER_SEAT = 4_000
MIN_STEPS = 200_000
MAX_STEPS = 500_000
#: A run that finds nothing better in this many steps per seat has stalled: start again
#: from a new first seating (small plans gain most from such fresh starts).
PATIENCE_PER_SEAT = 150
MIN_PATIENCE = 5_000
#: Late acceptance's memory grows with the steps each seat gets: short when the budget is
#: tight (it must converge), longer when it is generous (it can afford to explore).
STEPS_PER_HISTORY_SLOT = 100
#: Share of steps spent trying trades (see ``Seating.trade_delta``).
TRADE_SHARE = 0.1


def optimise(
    roster: Roster,
    start: Rounds,
    rng: Random,
    *,
    history: Sequence[Sequence[Sequence[int]]] = (),
    previous: Sequence[Sequence[int]] | None = None,
    restart: Callable[[], Rounds] | None = None,
) -> Rounds:
    """The best seating found from ``start`` (every round in it is searched).

    ``history`` (rounds already played) and ``previous`` (the plan being replaced) are as
    in ``Seating``. When a run stalls with steps to spare, ``restart`` (if given) makes a
    new first seating to search from; the best of all runs is kept.
    """
    if not start:
        return []
    sizes = [[len(table) for table in round_] for round_ in start]
    seats = sum(sum(round_) for round_ in sizes)
    weights = priority_weights(
        seats=seats,
        table_rounds=sum(len(round_) for round_ in sizes),
        pair_slots=sum(bounds.pairs(size) for round_ in sizes for size in round_),
    )
    steps = max(MIN_STEPS, min(MAX_STEPS, STEPS_PER_SEAT * seats))
    budget = Budget(
        steps=steps,
        patience=max(MIN_PATIENCE, PATIENCE_PER_SEAT * seats),
        history_length=max(1, steps // (seats * STEPS_PER_HISTORY_SLOT)),
        trade_share=TRADE_SHARE,
        floor=_floor(roster, sizes, weights, played=bool(history)),
    )
    best: Seating | None = None
    while True:
        seating = Seating(roster, start, weights, history=history, previous=previous)
        used = late_acceptance(seating, rng, budget)
        if best is None or seating.cost < best.cost:
            best = seating
        budget = replace(budget, steps=budget.steps - used)
        if restart is None or budget.steps < budget.patience or best.cost <= budget.floor:
            return best.members
        start = restart()


def _floor(roster: Roster, sizes: list[list[int]], weights: Weights, *, played: bool) -> int:
    """A cost no seating of these rounds can beat, so that easy cases stop at once."""
    people = len(roster)
    sector_counts = [0] * SECTOR_COUNT
    for sector in roster.sector:
        sector_counts[sector] += 1
    learners = [rank for rank, host in zip(roster.rank, roster.is_host, strict=True) if not host]
    floor = 0
    if not played:
        floor += weights.repeat * bounds.repeated_meetings(sizes, people, same_people=True)
    for round_ in sizes:
        tables = len(round_)
        seats = bounds.most_learners_per_table(people, roster.host_count, tables)
        floor += weights.sector * bounds.same_sector_pairs(sector_counts, tables)
        floor += weights.level * bounds.widest_level_spread(learners, tables, seats) ** 2
    return floor
