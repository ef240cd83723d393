"""Measures of table plans that only the tests need."""

from __future__ import annotations

from business_corner.services.tables import Plan


def moved_seats(before: Plan, after: Plan) -> int:
    """Seats that changed table number, counting a person once per round they moved in."""
    moves = 0
    for old, new in zip(before.rounds, after.rounds, strict=False):
        old_tables = {key: number for number, table in enumerate(old) for key in table}
        moves += sum(
            1
            for number, table in enumerate(new)
            for key in table
            if old_tables.get(key, number) != number
        )
    return moves
