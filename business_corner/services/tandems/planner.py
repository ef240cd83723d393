"""Pair one member of each city for a round: as many pairs as possible, then the best fit.

The pairing is an assignment problem: rows are the first city's members, columns the
second's, and each feasible pair (different cities, never met nor vetoed, at least one
slot in both members' hours) is worth ``Weights.of(mutual, language, variety)``. SciPy's
``linear_sum_assignment`` (a shortest augmenting path method) finds the pairing of largest
total weight, which is the pairing with the most pairs, then the best mutual fit, then the
best language match, then the most sector variety: the weights make the order strict.
Infeasible cells are worth nothing, and an assignment through one is no pair.

Each pair then gets a slot (``schedule.spread``); members who are left out get a reason.
Deterministic: members are ordered by key and shuffled by ``seed`` before the assignment,
so another seed may pick another pairing of the same quality.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from scipy.optimize import linear_sum_assignment

from business_corner.services.tandems.fit import PairFit, Weights, pair_fit
from business_corner.services.tandems.members import Member
from business_corner.services.tandems.reasons import Why, WhyCode, why_pair
from business_corner.services.tandems.schedule import spread
from business_corner.services.tandems.slots import Period, availability_mask
from business_corner.vocabulary import Sector

_SECTORS = list(Sector)
_SECTOR_BIT = {sector: 1 << index for index, sector in enumerate(_SECTORS)}


def history_key(a: str, b: str) -> frozenset[str]:
    return frozenset((a, b))


@dataclass(frozen=True)
class TandemRequest:
    members: Sequence[Member]
    #: The two cities (chapter slugs); the first city's members are "a" in every pair.
    cities: tuple[str, str]
    period: Period
    #: Pairs (of keys) that already met, or that one of the two said no thanks to.
    history: frozenset[frozenset[str]] = frozenset()
    seed: int = 0


@dataclass(frozen=True)
class ProposedPair:
    a: str
    b: str
    starts_at: datetime
    fit: PairFit
    why: tuple[Why, ...]


@dataclass(frozen=True)
class Unpaired:
    key: str
    why: Why


@dataclass(frozen=True)
class Pairing:
    pairs: tuple[ProposedPair, ...]
    unpaired: tuple[Unpaired, ...]
    #: Feasible pairs (row key, column key): what the benchmark's exact maximum is taken on.
    feasible: frozenset[tuple[str, str]] = field(default_factory=frozenset, compare=False)


def _sector_bits(sectors: frozenset[Sector]) -> int:
    bits = 0
    for sector in sectors:
        bits |= _SECTOR_BIT[sector]
    return bits


def _masks(members: Sequence[Member], period: Period) -> list[int]:
    return [availability_mask(m.zone, m.hours, period) for m in members]


def _words(masks: list[int], period: Period) -> np.ndarray:
    """Masks as rows of 64-bit words, so that every pair's common slots are one AND."""
    width = period.slot_count // 64 + 1
    words = np.zeros((len(masks), width), dtype=np.uint64)
    for row, mask in enumerate(masks):
        for column in range(width):
            words[row, column] = (mask >> (64 * column)) & 0xFFFF_FFFF_FFFF_FFFF
    return words


def _feasibility(
    rows: Sequence[Member],
    columns: Sequence[Member],
    row_words: np.ndarray,
    column_words: np.ndarray,
    history: frozenset[frozenset[str]],
) -> tuple[np.ndarray, np.ndarray]:
    """(shares a slot, feasible) as boolean matrices."""
    if not rows or not columns:
        empty = np.zeros((len(rows), len(columns)), dtype=bool)
        return empty, empty
    shares = np.zeros((len(rows), len(columns)), dtype=bool)
    for word in range(row_words.shape[1]):
        shares |= (row_words[:, word][:, None] & column_words[:, word][None, :]) != 0
    feasible = shares.copy()
    if history:
        column_index = {member.key: j for j, member in enumerate(columns)}
        for i, member in enumerate(rows):
            for pair in history:
                if member.key in pair:
                    other = next(iter(pair - {member.key}), None)
                    j = column_index.get(other) if other is not None else None
                    if j is not None:
                        feasible[i, j] = False
    return shares, feasible


def _scores(rows: Sequence[Member], columns: Sequence[Member]) -> np.ndarray:
    """Mutual fit, language and variety of every pair, weighted (rows × columns)."""
    weights = Weights.for_pairs(min(len(rows), len(columns)))

    def column(values: list[int], of: Sequence[Member]) -> np.ndarray:
        return np.array(values, dtype=np.int64).reshape(len(of), 1)

    seeks_a = column([_sector_bits(m.seeks) for m in rows], rows)
    offers_a = column([_sector_bits(m.offered) for m in rows], rows)
    seeks_b = column([_sector_bits(m.seeks) for m in columns], columns).T
    offers_b = column([_sector_bits(m.offered) for m in columns], columns).T
    mutual = ((seeks_a & offers_b) != 0).astype(np.int64) + ((seeks_b & offers_a) != 0)

    def flags(name: str, of: Sequence[Member]) -> np.ndarray:
        return np.array([bool(getattr(m, name)) for m in of], dtype=bool)

    language = np.zeros((len(rows), len(columns)), dtype=np.int64)
    for lang in ("english", "french"):
        learner_a, fluent_a = flags(f"learns_{lang}", rows), flags(f"fluent_in_{lang}", rows)
        learner_b, fluent_b = flags(f"learns_{lang}", columns), flags(f"fluent_in_{lang}", columns)
        language += (learner_a[:, None] & fluent_b[None, :]) | (
            fluent_a[:, None] & learner_b[None, :]
        )
    past_a = column([_sector_bits(m.past_sectors) for m in rows], rows)
    past_b = column([_sector_bits(m.past_sectors) for m in columns], columns).T
    sector_a = column([_SECTOR_BIT[m.sector] for m in rows], rows)
    sector_b = column([_SECTOR_BIT[m.sector] for m in columns], columns).T
    variety = ((past_a & sector_b) == 0).astype(np.int64) + ((past_b & sector_a) == 0)
    total: np.ndarray = (
        weights.pair + mutual * weights.mutual + language * weights.language + variety
    )
    return total


def pair_members(request: TandemRequest) -> Pairing:
    """The round's pairs, each with a slot and its "why", and the reason of each left out."""
    first, second = request.cities
    ordered = sorted(request.members, key=lambda m: m.key)
    random.Random(request.seed).shuffle(ordered)  # noqa: S311 - a tie-break, not a secret
    rows = [m for m in ordered if m.city == first]
    columns = [m for m in ordered if m.city == second]
    period = request.period
    row_masks, column_masks = _masks(rows, period), _masks(columns, period)
    shares, feasible = _feasibility(
        rows,
        columns,
        _words(row_masks, period),
        _words(column_masks, period),
        request.history,
    )
    chosen: list[tuple[int, int]] = []
    if feasible.any():
        weight = np.where(feasible, _scores(rows, columns), 0).astype(np.float64)
        for i, j in zip(*linear_sum_assignment(weight, maximize=True), strict=True):
            if feasible[i, j]:
                chosen.append((int(i), int(j)))
    slots = spread(
        [(row_masks[i] & column_masks[j]) for i, j in chosen],
        period,
        random.Random(request.seed),  # noqa: S311 - a tie-break, not a secret
    )
    pairs = []
    for (i, j), starts_at in zip(chosen, slots, strict=True):
        fit = pair_fit(rows[i], columns[j])
        pairs.append(ProposedPair(rows[i].key, columns[j].key, starts_at, fit, why_pair(fit)))
    paired_rows = {i for i, _ in chosen}
    paired_columns = {j for _, j in chosen}
    unpaired = [
        Unpaired(rows[i].key, _why_unpaired(row_masks[i], shares[i, :], feasible[i, :]))
        for i in range(len(rows))
        if i not in paired_rows
    ] + [
        Unpaired(columns[j].key, _why_unpaired(column_masks[j], shares[:, j], feasible[:, j]))
        for j in range(len(columns))
        if j not in paired_columns
    ]
    feasible_keys = frozenset(
        (rows[i].key, columns[j].key) for i, j in zip(*np.nonzero(feasible), strict=True)
    )
    return Pairing(
        tuple(sorted(pairs, key=lambda p: (p.starts_at, p.a))),
        tuple(sorted(unpaired, key=lambda u: u.key)),
        feasible_keys,
    )


def _why_unpaired(mask: int, shares: np.ndarray, feasible: np.ndarray) -> Why:
    if not mask:
        return Why(WhyCode.NO_HOURS_IN_PERIOD)
    if shares.size == 0:
        return Why(WhyCode.NOBODY_IN_OTHER_CITY)
    if not shares.any():
        return Why(WhyCode.NO_COMMON_HOURS)
    if not feasible.any():
        return Why(WhyCode.ALREADY_MET_ALL)
    return Why(WhyCode.OTHERS_TAKEN, {"count": int(feasible.sum())})
