"""Late acceptance hill climbing (Burke & Bykov): the local search that improves a seating.

Why this one: it accepts a worse seating when it is no worse than the seating of
``history_length`` steps ago, which lets it walk out of local optima like simulated
annealing, but it compares costs only with one another. Our cost puts each rule orders of
magnitude above the next (``objective``), which would make an annealing temperature
meaningless; late acceptance does not care about the scale. It has one parameter, and it
is deterministic for a given random generator.

Two moves, both keeping table sizes (rule 1) and the even spread of hosts (rule 2):
- a swap: two people at different tables of one round trade seats; a host and a learner
  only when that keeps hosts even (see ``Seating.keeps_hosts_even``);
- a trade: two people of the same kind trade seats in every round (``Seating.trade_delta``).
"""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

from business_corner.services.tables.seating import Seating


@dataclass(frozen=True)
class Budget:
    """When to stop: counted in steps, never in seconds, so that a seed gives one plan."""

    steps: int
    #: Stop early after this many steps without a new best seating.
    patience: int
    history_length: int
    #: Share of steps that try a trade rather than a swap (when trades apply).
    trade_share: float = 0.0
    #: A cost no seating can go below: reaching it ends the search.
    floor: int = 0


def late_acceptance(seating: Seating, rng: Random, budget: Budget) -> int:
    """Improve ``seating`` in place; it ends in the best state seen. Returns the steps taken."""
    roster = seating.roster
    people = len(roster)
    rounds = len(seating.members)
    hosts = [i for i in range(people) if roster.is_host[i]]
    learners = [i for i in range(people) if not roster.is_host[i]]
    kind = [hosts if roster.is_host[i] else learners for i in range(people)]
    table_of = seating.table_of
    random = rng.random
    swap_delta, swap, trade_delta = seating.swap_delta, seating.swap, seating.trade_delta
    keeps_hosts_even, is_host = seating.keeps_hosts_even, roster.is_host
    trade_share = budget.trade_share if seating.can_trade_places else 0.0

    cost = best = seating.cost
    history = [cost] * budget.history_length
    best_seating = None
    # While the current seating is (one of) the best, nothing needs saving; a copy is made
    # only when the search is about to step away from it.
    at_best = True
    last_improvement = taken = 0
    for step in range(budget.steps):
        if best <= budget.floor or step - last_improvement > budget.patience:
            break
        taken = step + 1
        trading = random() < trade_share
        r = int(random() * rounds)
        i = int(random() * people)
        if trading:
            pool = kind[i]
            k = pool[int(random() * len(pool))]
            changes = trade_delta(i, k)
            delta = sum(change for _, change in changes)
        else:
            k = int(random() * people)
            if table_of[r][i] == table_of[r][k]:
                continue
            if is_host[i] != is_host[k] and not keeps_hosts_even(r, i, k):
                continue
            delta = swap_delta(r, i, k)
        slot = step % budget.history_length
        candidate = cost + delta
        if delta <= 0 or candidate <= history[slot]:
            if delta > 0 and at_best:
                best_seating = seating.snapshot()
                at_best = False
            if trading:
                for round_index, change in changes:
                    swap(round_index, i, k, change)
            else:
                swap(r, i, k, delta)
            cost = candidate
            if cost < best:
                best, last_improvement = cost, step
            at_best = at_best or cost == best
        history[slot] = min(history[slot], cost)
    if not at_best and best_seating is not None:
        seating.restore(best_seating)
    return taken
