"""How good and how fast the table planner is: ``make bench-tables``.

For each size, several attendee lists drawn like real sessions (most people around B1–B2,
about one host in six, some sectors more common than others) are planned and compared:
- with a random seating at the same table sizes (the average of 20), which is what a
  plan made without care looks like;
- on small cases, with the exact optimum found by exhaustive search (``exact``).
Times are CPU seconds of ``plan_tables`` alone, on one core (the planner is one thread).
"""

from __future__ import annotations

import platform
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec

from benchmarks.exact import exact_plan, score
from business_corner.services.tables import Guest, Plan, PlanRequest, evaluate, plan_tables
from business_corner.services.tables.metrics import PlanMetrics
from business_corner.vocabulary import Level, Sector

SIZES = [(12, 2, 3), (24, 4, 3), (60, 10, 4), (120, 20, 5), (240, 40, 6)]
#: Lists of 12 to 41 people at 3 to 6 tables over 3 rounds: the sessions organisers run most.
COMMON_SESSIONS = 40
EXACT_SIZES = [(8, 2, 3), (9, 3, 3), (10, 2, 3), (11, 3, 3), (12, 2, 3), (12, 3, 3)]
LISTS_PER_SIZE = 3
RANDOM_SEATINGS = 20

_Args = ParamSpec("_Args")

_LEARNER_LEVELS = [
    (Level.A1, 1),
    (Level.A2, 3),
    (Level.B1, 5),
    (Level.B2, 5),
    (Level.C1, 2),
    (Level.C2, 1),
]
#: Digital, consulting and trade are the chamber's largest groups.
_SECTOR_WEIGHTS = {
    Sector.DIGITAL: 5,
    Sector.CONSULTING: 4,
    Sector.TRADE: 3,
    Sector.INDUSTRY: 3,
    Sector.TOURISM: 2,
}


def attendees(people: int, seed: int) -> list[Guest]:
    rng = random.Random(seed)
    sectors = list(Sector)
    sector_weights = [_SECTOR_WEIGHTS.get(sector, 1) for sector in sectors]
    guests = []
    for n in range(people):
        host = rng.random() < 1 / 6
        level = (
            rng.choice([Level.C1, Level.C2])
            if host
            else rng.choices([lv for lv, _ in _LEARNER_LEVELS], [w for _, w in _LEARNER_LEVELS])[0]
        )
        guests.append(
            Guest(
                f"a{n:03d}", f"Attendee {n}", level, rng.choices(sectors, sector_weights)[0], host
            )
        )
    return guests


def random_seating(guests: list[Guest], like: Plan, rng: random.Random) -> Plan:
    """Everyone shuffled into the same table sizes, round after round."""
    rounds = []
    for round_ in like.rounds:
        keys = [guest.key for guest in guests]
        rng.shuffle(keys)
        tables, start = [], 0
        for table in round_:
            tables.append(tuple(keys[start : start + len(table)]))
            start += len(table)
        rounds.append(tuple(tables))
    return Plan(tuple(rounds))


def timed(
    planner: Callable[_Args, Plan], *args: _Args.args, **kwargs: _Args.kwargs
) -> tuple[Plan, float]:
    start = time.process_time()
    result = planner(*args, **kwargs)
    return result, time.process_time() - start


def ratio(ours: float, other: float) -> str:
    return f"{ours / other:.2f}" if other else ("1.00" if not ours else "—")


def compare_with_random() -> None:
    print(
        "Against a random seating (same table sizes; random = mean of "
        f"{RANDOM_SEATINGS}); best possible in brackets"
    )
    header = (
        f"{'people/tables/rounds':>20} {'CPU s':>6} | {'repeats':>20} | "
        f"{'tables w/o host':>20} | {'max spread':>11} | {'mean spread':>18} | "
        f"{'same-sector pairs':>22}"
    )
    print(header)
    print("-" * len(header))
    for people, tables, rounds in SIZES:
        for seed in range(LISTS_PER_SIZE):
            guests = attendees(people, seed)
            plan, seconds = timed(
                plan_tables, PlanRequest(guests, rounds=rounds, tables=tables, seed=seed)
            )
            ours = evaluate(plan, guests)
            rng = random.Random(seed)
            others = [
                evaluate(random_seating(guests, plan, rng), guests) for _ in range(RANDOM_SEATINGS)
            ]

            def mean(name: str, others: list[PlanMetrics] = others) -> float:
                return statistics.fmean(getattr(other, name) for other in others)

            print(
                f"{f'{people}/{tables}/{rounds} #{seed + 1}':>20} {seconds:6.2f} | "
                f"{ours.repeated_pairs:3d} ({ours.repeated_pairs_bound:3d}) vs "
                f"{mean('repeated_pairs'):6.1f} | "
                f"{ours.tables_without_host:3d} ({ours.tables_without_host_bound:3d}) vs "
                f"{mean('tables_without_host'):6.1f} | "
                f"{ours.level_spread_max} ({ours.level_spread_max_bound}) vs "
                f"{mean('level_spread_max'):3.1f} | "
                f"{ours.level_spread_mean:4.2f} vs {mean('level_spread_mean'):4.2f} "
                f"= {ratio(ours.level_spread_mean, mean('level_spread_mean')):>4} | "
                f"{ours.same_sector_pairs:3d} ({ours.same_sector_pairs_bound:3d}) vs "
                f"{mean('same_sector_pairs'):5.1f} "
                f"= {ratio(ours.same_sector_pairs, mean('same_sector_pairs')):>4}"
            )


def compare_with_exact() -> None:
    print(
        "\nAgainst the exact optimum (exhaustive search), scores in priority order: "
        "(repeats, sum of squared level spreads, same-sector pairs)"
    )
    matched = total = 0
    for people, tables, rounds in EXACT_SIZES:
        for seed in range(LISTS_PER_SIZE):
            guests = attendees(people, 100 + seed)
            plan, seconds = timed(
                plan_tables, PlanRequest(guests, rounds=rounds, tables=tables, seed=seed)
            )
            best, search_seconds = timed(exact_plan, guests, tables, rounds, plan)
            ours, optimum = score(guests, plan), score(guests, best)
            total += 1
            matched += ours == optimum
            ratios = " ".join(ratio(a, b) for a, b in zip(ours, optimum, strict=True))
            print(
                f"{f'{people}/{tables}/{rounds} #{seed + 1}':>12}  ours {ours!s:>13} "
                f"in {seconds:4.2f} s   optimum {optimum!s:>13} in {search_seconds:5.1f} s"
                f"   ratios {ratios}"
            )
    print(f"The planner found the optimum in {matched} of {total} cases.")


def common_sessions() -> None:
    rng = random.Random(8)
    above = extra = 0
    seconds = []
    for number in range(COMMON_SESSIONS):
        tables = rng.randint(3, 6)
        people = tables * rng.randint(4, 6) + rng.randint(0, tables - 1)
        guests = attendees(people, 1900 + number)
        plan, cpu = timed(plan_tables, PlanRequest(guests, rounds=3, tables=tables, seed=number))
        seconds.append(cpu)
        metrics = evaluate(plan, guests)
        above += metrics.repeated_pairs > metrics.repeated_pairs_bound
        extra += metrics.repeated_pairs - metrics.repeated_pairs_bound
    print(
        f"\nCommon sessions ({COMMON_SESSIONS} lists of 12 to 41 people, 3 to 6 tables, "
        f"3 rounds): {above} ended above the repeat bound, {extra} repeats above it in all; "
        f"CPU {statistics.fmean(seconds):.2f} s on average, {max(seconds):.2f} s at most."
    )


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return f"{cpu}, Python {platform.python_version()}"


if __name__ == "__main__":
    print(f"Machine: {machine()}\n")
    compare_with_random()
    common_sessions()
    compare_with_exact()
