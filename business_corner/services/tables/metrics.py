"""How good a plan is, rule by rule, next to the best that the numbers allow."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import combinations
from typing import Any

from business_corner.services.tables import bounds
from business_corner.services.tables.guests import Guest
from business_corner.services.tables.plan import Plan
from business_corner.services.tables.reasons import Reason, ReasonCode

#: Learners one CEFR step apart (B1 with B2) still talk as peers; from two steps apart, the
#: organiser is told why the plan could not do better.
TOO_VARIED = 2


@dataclass(frozen=True)
class PlanMetrics:
    """Each rule's score and, beside it, a lower bound: no plan of this shape can do better.

    A score equal to its bound is the best possible; ``reasons`` say in words why a bound
    is above zero (and carry the plan's own notices). Only guests passed to ``evaluate``
    count: people seated in a stored plan who have since cancelled are left out.
    """

    #: Rule 1: the widest gap between two tables' sizes in one round (0 or 1 when kept).
    table_size_gap: int
    #: Rule 1: seats missing, one per guest per round without a seat.
    missing_seats: int
    #: Rule 2: tables without a host, summed over rounds.
    tables_without_host: int
    tables_without_host_bound: int
    #: Rule 3: meetings beyond a pair's first (a pair meeting in three rounds counts two).
    repeated_pairs: int
    repeated_pairs_bound: int
    #: Rule 4: CEFR steps between the lowest and highest learner (hosts aside) at a table.
    level_spread_max: int
    level_spread_mean: float
    level_spread_max_bound: int
    #: Rule 5: pairs from the same sector at one table, summed over tables and rounds.
    same_sector_pairs: int
    same_sector_pairs_bound: int
    reasons: tuple[Reason, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["reasons"] = [reason.to_dict() for reason in self.reasons]
        return data


def evaluate(plan: Plan, guests: Iterable[Guest]) -> PlanMetrics:
    """Score ``plan`` for ``guests`` (the people present now), from scratch."""
    by_key = {guest.key: guest for guest in guests}
    rounds = [
        [[by_key[key] for key in table if key in by_key] for table in round_]
        for round_ in plan.rounds
    ]
    rounds = [[table for table in round_ if table] for round_ in rounds]
    seated = [{guest.key for table in round_ for guest in table} for round_ in rounds]
    everyone = set().union(*seated)
    round_sizes = [[len(table) for table in round_] for round_ in rounds if round_]
    spreads = [_level_spread(table) for round_ in rounds for table in round_]
    pair_meetings = Counter(
        pair
        for round_ in rounds
        for table in round_
        for pair in combinations(sorted(guest.key for guest in table), 2)
    )
    metrics = PlanMetrics(
        table_size_gap=max((max(sizes) - min(sizes) for sizes in round_sizes), default=0),
        missing_seats=sum(len(by_key.keys() - keys) for keys in seated),
        tables_without_host=sum(
            not any(guest.host for guest in table) for round_ in rounds for table in round_
        ),
        tables_without_host_bound=sum(_hosts_short(round_) for round_ in rounds),
        repeated_pairs=sum(count - 1 for count in pair_meetings.values()),
        repeated_pairs_bound=bounds.repeated_meetings(
            round_sizes, len(everyone), same_people=all(keys == everyone for keys in seated)
        ),
        level_spread_max=max(spreads, default=0),
        level_spread_mean=sum(spreads) / len(spreads) if spreads else 0.0,
        level_spread_max_bound=max(map(_level_bound, rounds), default=0),
        same_sector_pairs=sum(_same_sector_pairs(table) for round_ in rounds for table in round_),
        same_sector_pairs_bound=sum(map(_sector_bound, rounds)),
    )
    return replace(metrics, reasons=plan.notices + _reasons(metrics, rounds, len(everyone)))


def _reasons(
    metrics: PlanMetrics, rounds: list[list[list[Guest]]], people: int
) -> tuple[Reason, ...]:
    """Why each bound above zero is there, with the numbers of the round that shows it most."""
    reasons = []
    if metrics.tables_without_host_bound:
        worst = max(rounds, key=_hosts_short)
        reasons.append(
            Reason(
                ReasonCode.NOT_ENOUGH_HOSTS,
                {
                    "hosts": sum(guest.host for table in worst for guest in table),
                    "tables": len(worst),
                },
            )
        )
    if metrics.repeated_pairs_bound:
        reasons.append(
            Reason(
                ReasonCode.REPEATS_UNAVOIDABLE,
                {
                    "people": people,
                    "tables": max(map(len, rounds)),
                    "rounds": len(rounds),
                    "minimum": metrics.repeated_pairs_bound,
                },
            )
        )
    if metrics.level_spread_max_bound >= TOO_VARIED:
        worst = max(rounds, key=_level_bound)
        reasons.append(
            Reason(
                ReasonCode.LEVELS_TOO_VARIED,
                {"tables": len(worst), "steps": metrics.level_spread_max_bound},
            )
        )
    if metrics.same_sector_pairs_bound:
        worst = max(rounds, key=_sector_bound)
        sector, count = Counter(guest.sector for table in worst for guest in table).most_common(1)[
            0
        ]
        reasons.append(
            Reason(
                ReasonCode.SECTOR_CROWDED,
                {
                    "sector": sector.value,
                    "count": count,
                    "tables": len(worst),
                    "minimum": metrics.same_sector_pairs_bound,
                },
            )
        )
    return tuple(reasons)


def _level_spread(table: list[Guest]) -> int:
    ranks = [guest.level.rank for guest in table if not guest.host]
    return max(ranks) - min(ranks) if ranks else 0


def _same_sector_pairs(table: list[Guest]) -> int:
    return sum(bounds.pairs(count) for count in Counter(guest.sector for guest in table).values())


def _hosts_short(round_: list[list[Guest]]) -> int:
    return bounds.tables_without_host(len(round_), sum(g.host for t in round_ for g in t))


def _level_bound(round_: list[list[Guest]]) -> int:
    if not round_:
        return 0
    people = sum(len(table) for table in round_)
    hosts = sum(guest.host for table in round_ for guest in table)
    learners = [guest.level.rank for table in round_ for guest in table if not guest.host]
    # A round already played may be less even than the rules make new ones.
    seats = max(
        bounds.most_learners_per_table(people, hosts, len(round_)),
        max(sum(not guest.host for guest in table) for table in round_),
    )
    return bounds.widest_level_spread(learners, len(round_), seats)


def _sector_bound(round_: list[list[Guest]]) -> int:
    if not round_:
        return 0
    counts = Counter(guest.sector for table in round_ for guest in table)
    return bounds.same_sector_pairs(list(counts.values()), len(round_))
