"""One number for "how good is this seating", with the rules kept in priority order.

Rules 1 and 2 are never broken (see ``layout``). The rest become one integer cost:

    repeats × W_repeat + level cost × W_level + same-sector pairs × W_sector + moves × W_move

Each weight is larger than the most the lower terms can ever add up to, so any gain on a
higher rule outweighs every possible loss on the lower ones: a true priority order, not a
trade-off tuned by hand. The level cost is the sum over tables of the spread squared, so
that one table spanning four CEFR steps costs more than two tables spanning two.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The largest spread a table can have (A1 to C2), squared.
MAX_LEVEL_COST_PER_TABLE = 5 * 5


@dataclass(frozen=True)
class Weights:
    repeat: int
    level: int
    sector: int
    move: int


def priority_weights(*, seats: int, table_rounds: int, pair_slots: int) -> Weights:
    """Weights for a search over ``seats`` (guest × round) places at ``table_rounds`` tables.

    ``pair_slots`` is the number of pairs sitting together over all searched rounds: the
    most same-sector pairs there could be.
    """
    move = 1
    sector = move * (seats + 1)
    level = sector * (pair_slots + 1)
    repeat = level * (table_rounds * MAX_LEVEL_COST_PER_TABLE + 1)
    return Weights(repeat=repeat, level=level, sector=sector, move=move)
