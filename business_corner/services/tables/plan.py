"""A table plan: who sits at which table in each round, in a shape that can be stored."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from business_corner.services.tables.reasons import Reason

#: Guest keys at one table, in seating order.
Table = tuple[str, ...]
#: The tables of one round; a table's position is its number (0 is "table 1").
Round = tuple[Table, ...]

#: Raised when the stored shape changes, so that old plans can be told apart and migrated.
PLAN_FORMAT = 1


@dataclass(frozen=True)
class Plan:
    """Rounds → tables → guest keys.

    Table numbers are positions and mean the same physical table in every round, which is
    what lets a re-plan say who moved. Nothing here but keys: names, levels and sectors
    come from the guests, so a stored plan never holds stale personal details.
    """

    rounds: tuple[Round, ...]
    #: Decisions taken while planning that the organiser should know about (fewer tables…).
    notices: tuple[Reason, ...] = ()

    def table_of(self, key: str, round_index: int) -> int | None:
        """The table number of ``key`` in that round, or None when not seated."""
        for number, table in enumerate(self.rounds[round_index]):
            if key in table:
                return number
        return None

    def keys(self) -> set[str]:
        return {key for round_ in self.rounds for table in round_ for key in table}

    def to_dict(self) -> dict[str, Any]:
        """Plain lists and strings, ready for ``json.dumps`` and a JSON column."""
        return {
            "format": PLAN_FORMAT,
            "rounds": [{"tables": [list(table) for table in round_]} for round_ in self.rounds],
            "notices": [notice.to_dict() for notice in self.notices],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Plan:
        """The inverse of ``to_dict``; ``ValueError`` for anything that is not a stored plan."""
        if data.get("format") != PLAN_FORMAT:
            raise ValueError(f"unknown table plan format {data.get('format')!r}")
        try:
            rounds = tuple(
                tuple(tuple(_key(key) for key in table) for table in round_["tables"])
                for round_ in data["rounds"]
            )
            notices = tuple(Reason.from_dict(notice) for notice in data.get("notices", ()))
        except (KeyError, TypeError) as error:
            raise ValueError(f"malformed table plan: {error}") from error
        for number, round_ in enumerate(rounds, start=1):
            seated = [key for table in round_ for key in table]
            if len(seated) != len(set(seated)):
                raise ValueError(f"malformed table plan: someone sits twice in round {number}")
        return cls(rounds, notices)


def _key(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"guest keys are strings, not {value!r}")
    return value
