"""How good and how fast the tandem planner is: ``make bench-tandems``.

Member lists are drawn from fixed seeds like the chambers' members:
- English: Marseille members mostly learners (A2–B2, some C1), Los Angeles members mostly
  fluent (C2, some C1, a few learners); one Los Angeles member in three gives a French
  level to practise (A1–B2);
- sector: weighted (digital, consulting, trade, agri-food and industry most common);
- offers: their own sector and one other in two cases out of three; seeks: one or two
  sectors, skewed towards what the other city offers most (a US distributor, a French
  supplier);
- hours: half keep the default (weekdays 08:00–19:00), the rest one of the narrow windows
  people give: Marseille 17:00–19:30 or 08:00–10:00, Los Angeles 07:30–10:00 or
  16:00–18:00, some with a Friday morning or without Wednesdays.
Each list is planned for a round of 14 days starting 8 March 2027 (it spans the week when
the two cities are 8 hours apart). Printed: pairs made against the exact maximum
(Hopcroft–Karp on the feasibility graph, SciPy's ``maximum_bipartite_matching``), mutual
fit against random maximum pairings (the same number of pairs, drawn by giving every
feasible pair a random weight), and CPU time of ``pair_members`` (its masks' cache emptied first).
"""

from __future__ import annotations

import platform
import random
import statistics
import time
from datetime import date

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching

from business_corner.services.tandems.fit import pair_fit
from business_corner.services.tandems.hours import DEFAULT_HOURS, parse_hours
from business_corner.services.tandems.members import Member
from business_corner.services.tandems.planner import TandemRequest, pair_members
from business_corner.services.tandems.slots import Period, availability_mask
from business_corner.vocabulary import Level, Sector

CITIES = ("marseille", "los-angeles")
ZONES = {"marseille": "Europe/Paris", "los-angeles": "America/Los_Angeles"}
PERIOD = Period(date(2027, 3, 8), 14)
SIZES = [50, 100, 250, 500]
SEEDS = [1, 2, 3]
RANDOM_PAIRINGS = 10
_SECTOR_WEIGHTS = {
    Sector.DIGITAL: 5,
    Sector.CONSULTING: 4,
    Sector.TRADE: 4,
    Sector.AGRIFOOD: 3,
    Sector.INDUSTRY: 3,
    Sector.TOURISM: 2,
}
_NARROW = {
    "marseille": [
        "mon-fri 17:00-19:30",
        "mon-thu 17:00-19:30; fri 08:00-10:00",
        "mon-fri 08:00-10:00",
        "mon-tue 17:00-19:00; thu-fri 17:00-19:00",
    ],
    "los-angeles": [
        "mon-fri 07:30-10:00",
        "mon-fri 16:00-18:00",
        "mon-fri 08:00-09:30; fri 07:00-08:00",
        "mon-tue 08:00-10:00; thu-fri 08:00-10:00",
    ],
}


def members(per_city: int, seed: int) -> list[Member]:
    rng = random.Random(seed)
    sectors = list(Sector)
    weights = [_SECTOR_WEIGHTS.get(s, 1) for s in sectors]
    people = []
    for city in CITIES:
        for n in range(per_city):
            if city == "marseille":
                english = rng.choices([Level.A2, Level.B1, Level.B2, Level.C1], [2, 4, 4, 2])[0]
                french = None
            else:
                english = rng.choices([Level.B2, Level.C1, Level.C2], [1, 2, 8])[0]
                french = (
                    rng.choice([Level.A1, Level.A2, Level.B1, Level.B2])
                    if rng.random() < 1 / 3
                    else None
                )
            sector = rng.choices(sectors, weights)[0]
            offers = {sector} | (
                {rng.choices(sectors, weights)[0]} if rng.random() < 2 / 3 else set()
            )
            seeks = set(rng.choices(sectors, weights, k=rng.choice([1, 2])))
            hours = DEFAULT_HOURS if rng.random() < 0.5 else parse_hours(rng.choice(_NARROW[city]))
            people.append(
                Member(
                    f"{city[0]}{n:04d}",
                    f"{city} {n}",
                    city,
                    ZONES[city],
                    english,
                    sector,
                    french,
                    frozenset(offers),
                    frozenset(seeks),
                    hours=hours,
                )
            )
    return people


def exact_maximum(members_: list[Member], feasible: frozenset[tuple[str, str]]) -> int:
    rows = {m.key: i for i, m in enumerate(m for m in members_ if m.city == CITIES[0])}
    columns = {m.key: j for j, m in enumerate(m for m in members_ if m.city == CITIES[1])}
    graph = np.zeros((len(rows), len(columns)), dtype=np.int8)
    for a, b in feasible:
        graph[rows[a], columns[b]] = 1
    matching = maximum_bipartite_matching(csr_matrix(graph), perm_type="column")
    return int((matching >= 0).sum())


def random_maximum_fit(
    members_: list[Member], feasible: frozenset[tuple[str, str]], rng: random.Random
) -> tuple[int, int]:
    """(pairs, mutual fit) of a maximum pairing chosen at random among the maximum ones."""
    by_key = {m.key: m for m in members_}
    rows = sorted({a for a, _ in feasible})
    columns = sorted({b for _, b in feasible})
    weight = np.zeros((len(rows), len(columns)))
    row_index = {k: i for i, k in enumerate(rows)}
    column_index = {k: j for j, k in enumerate(columns)}
    for a, b in feasible:
        weight[row_index[a], column_index[b]] = 1_000_000 + rng.random()
    pairs = [
        (rows[i], columns[j])
        for i, j in zip(*linear_sum_assignment(weight, maximize=True), strict=True)
        if weight[i, j] > 0
    ]
    return len(pairs), sum(pair_fit(by_key[a], by_key[b]).mutual for a, b in pairs)


def main() -> None:
    machine = platform.processor() or platform.machine()
    print(f"Tandem planner on {machine}, Python {platform.python_version()}")
    print(
        "per city | seed | pairs / exact max | mutual fit "
        "| random max pairings' fit (mean) | ratio | CPU s"
    )
    for size in SIZES:
        for seed in SEEDS:
            people = members(size, seed)
            availability_mask.cache_clear()  # time the masks too, as a first run would
            started = time.process_time()
            pairing = pair_members(TandemRequest(people, CITIES, PERIOD, seed=seed))
            seconds = time.process_time() - started
            by_key = {m.key: m for m in people}
            fit = sum(pair_fit(by_key[p.a], by_key[p.b]).mutual for p in pairing.pairs)
            most = exact_maximum(people, pairing.feasible)
            rng = random.Random(seed)
            randoms = [
                random_maximum_fit(people, pairing.feasible, rng) for _ in range(RANDOM_PAIRINGS)
            ]
            assert all(count == most for count, _ in randoms)
            mean = statistics.mean(f for _, f in randoms)
            print(
                f"{size:8d} | {seed:4d} | {len(pairing.pairs):5d} / {most:<5d} | {fit:10d} "
                f"| {mean:31.1f} | {fit / mean:5.2f} | {seconds:5.2f}"
            )


if __name__ == "__main__":
    main()
