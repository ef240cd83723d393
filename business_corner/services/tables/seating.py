"""The seating being optimised, with running counts so that a swap is priced in O(table size).

Re-scoring a whole plan after each tried swap would cost O(people²); the search tries
hundreds of thousands of swaps. Instead this keeps, per round and table, the members, the
hosts, the learners at each CEFR level and the people from each sector, plus how many
times each two people meet over all rounds. A swap of two people touches two tables of one
round, so its effect on every rule is read from those counts alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from business_corner.services.tables.objective import Weights
from business_corner.services.tables.roster import LEVEL_COUNT, SECTOR_COUNT, Roster

#: Guest indices per table per round.
Rounds = list[list[list[int]]]


def spread(level_counts: Sequence[int]) -> int:
    """Highest minus lowest CEFR rank present; 0 for a table with one learner or none."""
    low = 0
    while low < LEVEL_COUNT and not level_counts[low]:
        low += 1
    if low == LEVEL_COUNT:
        return 0
    high = LEVEL_COUNT - 1
    while not level_counts[high]:
        high -= 1
    return high - low


def _repeats_change(
    table: Sequence[int], leaving: int, met_leaving: Sequence[int], met_joining: Sequence[int]
) -> int:
    """Repeats lost and made when ``joining`` takes the seat of ``leaving`` at ``table``.

    A pair that has met before is a repeat when it meets again.
    """
    change = 0
    for j in table:
        if j != leaving:
            if met_leaving[j] > 1:
                change -= 1
            if met_joining[j]:
                change += 1
    return change


class Seating:
    """Rounds being searched, on top of rounds that can no longer change.

    ``history`` holds rounds already played: their meetings count for repeats, nothing else.
    ``previous`` gives, per searched round, each guest's table in the plan being replaced
    (-1 for none), so that a swap that moves someone away from it costs ``weights.move``.
    """

    def __init__(
        self,
        roster: Roster,
        rounds: Rounds,
        weights: Weights,
        *,
        history: Sequence[Sequence[Sequence[int]]] = (),
        previous: Sequence[Sequence[int]] | None = None,
    ) -> None:
        self.roster = roster
        self.weights = weights
        self.previous = [list(tables) for tables in previous] if previous is not None else None
        people = len(roster)
        self.met = [[0] * people for _ in range(people)]
        self.has_history = bool(history)
        for round_ in history:
            for table in round_:
                self._meet(table, 1)
        self._load(rounds)

    # Whole-state work: at the start and when the search goes back to its best state.

    def _load(self, rounds: Rounds) -> None:
        roster = self.roster
        self.members = [[list(table) for table in round_] for round_ in rounds]
        self.table_of, self.hosts, self.levels, self.sectors = [], [], [], []
        for round_ in self.members:
            table_of = [-1] * len(roster)
            hosts, levels, sectors = [], [], []
            for number, table in enumerate(round_):
                level_counts, sector_counts = [0] * LEVEL_COUNT, [0] * SECTOR_COUNT
                for i in table:
                    table_of[i] = number
                    sector_counts[roster.sector[i]] += 1
                    if not roster.is_host[i]:
                        level_counts[roster.rank[i]] += 1
                hosts.append(sum(roster.is_host[i] for i in table))
                levels.append(level_counts)
                sectors.append(sector_counts)
                self._meet(table, 1)
            self.table_of.append(table_of)
            self.hosts.append(hosts)
            self.levels.append(levels)
            self.sectors.append(sectors)
        self.cost = self.total(self.breakdown())

    def _meet(self, table: Sequence[int], change: int) -> None:
        met = self.met
        for position, i in enumerate(table):
            for j in table[position + 1 :]:
                met[i][j] += change
                met[j][i] += change

    def _change_places(self, table: list[int], leaving: int, joining: int) -> None:
        """Meetings at ``table`` move from ``leaving`` to ``joining``."""
        met = self.met
        met_leaving, met_joining = met[leaving], met[joining]
        for j in table:
            if j != leaving:
                met_leaving[j] -= 1
                met[j][leaving] -= 1
                met_joining[j] += 1
                met[j][joining] += 1

    def snapshot(self) -> Rounds:
        return [[table[:] for table in round_] for round_ in self.members]

    def restore(self, rounds: Rounds) -> None:
        for round_ in self.members:
            for table in round_:
                self._meet(table, -1)
        self._load(rounds)

    def breakdown(self) -> dict[str, int]:
        """Each term of the cost, counted from scratch (the running ``cost`` must agree)."""
        met = self.met
        people = len(met)
        repeats = sum(max(0, met[i][j] - 1) for i in range(people) for j in range(i + 1, people))
        level_cost = sum(spread(counts) ** 2 for round_ in self.levels for counts in round_)
        sector_pairs = sum(
            c * (c - 1) // 2 for round_ in self.sectors for table in round_ for c in table
        )
        moves = 0
        if self.previous is not None:
            for before, now in zip(self.previous, self.table_of, strict=True):
                moves += sum(1 for b, n in zip(before, now, strict=True) if b >= 0 and b != n)
        return {
            "repeats": repeats,
            "level_cost": level_cost,
            "sector_pairs": sector_pairs,
            "moves": moves,
        }

    def total(self, terms: dict[str, int]) -> int:
        w = self.weights
        return (
            terms["repeats"] * w.repeat
            + terms["level_cost"] * w.level
            + terms["sector_pairs"] * w.sector
            + terms["moves"] * w.move
        )

    # The search's inner loop: check a swap, price it, then make it.

    def keeps_hosts_even(self, r: int, i: int, k: int) -> bool:
        """Whether swapping ``i`` and ``k`` in round ``r`` keeps hosts spread evenly.

        People of the same kind always can. A host and a learner can when the host's table
        has one host more than the learner's: the two tables trade their host counts, which
        lets the search choose which tables get the extra hosts, round by round.
        """
        is_host = self.roster.is_host
        if is_host[i] == is_host[k]:
            return True
        host, learner = (i, k) if is_host[i] else (k, i)
        table_of, hosts = self.table_of[r], self.hosts[r]
        return hosts[table_of[host]] == hosts[table_of[learner]] + 1

    def swap_delta(self, r: int, i: int, k: int) -> int:
        """Cost change if ``i`` and ``k``, at different tables, swap seats in round ``r``."""
        table_of = self.table_of[r]
        a, b = table_of[i], table_of[k]
        members = self.members[r]
        met_i, met_k = self.met[i], self.met[k]
        repeats = _repeats_change(members[a], i, met_i, met_k) + _repeats_change(
            members[b], k, met_k, met_i
        )
        delta = repeats * self.weights.repeat + self._mix_delta(r, i, k, a, b)
        if self.previous is not None:
            previous = self.previous[r]
            was_i, was_k = previous[i], previous[k]
            moves = 0
            if was_i >= 0:
                moves += (was_i != b) - (was_i != a)
            if was_k >= 0:
                moves += (was_k != a) - (was_k != b)
            delta += self.weights.move * moves
        return delta

    def _mix_delta(self, r: int, i: int, k: int, a: int, b: int) -> int:
        """Level and sector part of a swap of ``i`` (at table ``a``) and ``k`` (at ``b``)."""
        weights = self.weights
        roster = self.roster
        delta = 0
        sector_i, sector_k = roster.sector[i], roster.sector[k]
        if sector_i != sector_k:
            at_a, at_b = self.sectors[r][a], self.sectors[r][b]
            delta += weights.sector * (
                at_a[sector_k] - at_a[sector_i] + 1 + at_b[sector_i] - at_b[sector_k] + 1
            )
        learner_i, learner_k = not roster.is_host[i], not roster.is_host[k]
        rank_i, rank_k = roster.rank[i], roster.rank[k]
        if (learner_i or learner_k) and not (learner_i and learner_k and rank_i == rank_k):
            at_a, at_b = self.levels[r][a], self.levels[r][b]
            before = spread(at_a) ** 2 + spread(at_b) ** 2
            self._shift_levels(at_a, at_b, i, k, 1)
            after = spread(at_a) ** 2 + spread(at_b) ** 2
            self._shift_levels(at_a, at_b, i, k, -1)
            delta += weights.level * (after - before)
        return delta

    def _shift_levels(self, at_a: list[int], at_b: list[int], i: int, k: int, sign: int) -> None:
        """Move ``i``'s level from table a to b and ``k``'s from b to a (sign -1: undo)."""
        roster = self.roster
        if not roster.is_host[i]:
            at_a[roster.rank[i]] -= sign
            at_b[roster.rank[i]] += sign
        if not roster.is_host[k]:
            at_b[roster.rank[k]] -= sign
            at_a[roster.rank[k]] += sign

    @property
    def can_trade_places(self) -> bool:
        """Whether ``trade_delta`` applies: no played rounds and no plan to stay close to."""
        return not self.has_history and self.previous is None

    def trade_delta(self, i: int, k: int) -> list[tuple[int, int]]:
        """Per-round cost changes if ``i`` and ``k`` (same kind) trade seats in every round.

        Trading seats everywhere only renames who is who in the pattern of meetings, so
        the number of repeats cannot change (hence ``can_trade_places``): what changes is
        how levels and sectors fall on it. This move reaches plans that swapping one round
        at a time could only reach through a run of worse ones, when repeats are tight.
        Returns ``(round, change)`` for each round where the two sit at different tables.
        """
        changes = []
        for r, table_of in enumerate(self.table_of):
            a, b = table_of[i], table_of[k]
            if a != b:
                changes.append((r, self._mix_delta(r, i, k, a, b)))
        return changes

    def swap(self, r: int, i: int, k: int, delta: int) -> None:
        """Make the swap that ``swap_delta`` priced at ``delta``."""
        table_of = self.table_of[r]
        a, b = table_of[i], table_of[k]
        members = self.members[r]
        self._change_places(members[a], i, k)
        self._change_places(members[b], k, i)
        # Each takes the other's chair, so the printed order of the others stays put.
        at_a, at_b = members[a], members[b]
        at_a[at_a.index(i)] = k
        at_b[at_b.index(k)] = i
        table_of[i], table_of[k] = b, a
        roster = self.roster
        sectors_a, sectors_b = self.sectors[r][a], self.sectors[r][b]
        sectors_a[roster.sector[i]] -= 1
        sectors_a[roster.sector[k]] += 1
        sectors_b[roster.sector[k]] -= 1
        sectors_b[roster.sector[i]] += 1
        self._shift_levels(self.levels[r][a], self.levels[r][b], i, k, 1)
        hosts_moved = roster.is_host[i] - roster.is_host[k]
        self.hosts[r][a] -= hosts_moved
        self.hosts[r][b] += hosts_moved
        self.cost += delta
