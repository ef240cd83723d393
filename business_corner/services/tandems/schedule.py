"""A slot for each pair, spread over the round: the quietest day first, then the quietest
half hour of it, so that a round does not pile up on its first morning."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime

from business_corner.services.tandems.slots import Period, slot_indices


def spread(common: Sequence[int], period: Period, rng: random.Random) -> list[datetime]:
    """One start per pair, from each pair's common mask (one bit per slot, never empty).

    Pairs with the fewest choices choose first; each takes, among its slots, the one whose
    UTC day has the fewest pairs so far, then whose half hour has, then a random one.
    """
    per_day: Counter[date] = Counter()
    per_slot: Counter[int] = Counter()
    chosen: list[datetime | None] = [None] * len(common)
    order = sorted(range(len(common)), key=lambda n: (common[n].bit_count(), n))
    for n in order:
        options = list(slot_indices(common[n]))
        if not options:
            raise ValueError("a pair without a common slot")
        rng.shuffle(options)
        best = min(
            options,
            key=lambda i: (per_day[period.instant(i).date()], per_slot[i]),
        )
        per_day[period.instant(best).date()] += 1
        per_slot[best] += 1
        chosen[n] = period.instant(best)
    return [moment for moment in chosen if moment is not None]
