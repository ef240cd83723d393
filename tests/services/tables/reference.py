"""A second, deliberately naive scoring of plans, written apart from the service.

It asks every question the slow, obvious way (every pair of people, every round), so
that ``evaluate`` and the optimiser's running counts have something independent to agree
with.
"""

from __future__ import annotations

from itertools import combinations

from business_corner.services.tables import Guest, Plan


def tables_of(plan: Plan, guests: list[Guest]) -> list[list[list[Guest]]]:
    """The plan's tables with the people present; empty tables dropped."""
    present = {guest.key: guest for guest in guests}
    rounds = []
    for round_ in plan.rounds:
        tables = [[present[key] for key in table if key in present] for table in round_]
        rounds.append([table for table in tables if table])
    return rounds


def repeated_meetings(plan: Plan, guests: list[Guest]) -> int:
    rounds = tables_of(plan, guests)
    total = 0
    for a, b in combinations(guests, 2):
        times = sum(1 for round_ in rounds for table in round_ if a in table and b in table)
        total += max(0, times - 1)
    return total


def level_spreads(plan: Plan, guests: list[Guest]) -> list[int]:
    spreads = []
    for round_ in tables_of(plan, guests):
        for table in round_:
            learners = [guest.level.rank for guest in table if not guest.host]
            spreads.append(max(learners) - min(learners) if learners else 0)
    return spreads


def tables_without_host(plan: Plan, guests: list[Guest]) -> int:
    return sum(
        1
        for round_ in tables_of(plan, guests)
        for table in round_
        if not any(guest.host for guest in table)
    )


def same_sector_pairs(plan: Plan, guests: list[Guest]) -> int:
    return sum(
        1
        for round_ in tables_of(plan, guests)
        for table in round_
        for a, b in combinations(table, 2)
        if a.sector == b.sector
    )
