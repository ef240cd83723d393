"""Re-planning on the day: late cancellations and walk-ins, changing as little as possible."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from random import Random

from business_corner.services.tables.construction import kept_round
from business_corner.services.tables.errors import (
    NoGuests,
    NoTables,
    StartedRoundsOutOfRange,
    TooFewGuests,
)
from business_corner.services.tables.guests import Guest
from business_corner.services.tables.layout import TableShape, table_shapes, tables_for
from business_corner.services.tables.optimiser import optimise
from business_corner.services.tables.plan import Plan
from business_corner.services.tables.reasons import Reason, ReasonCode
from business_corner.services.tables.roster import Roster


def replan(
    previous: Plan,
    guests_now: Iterable[Guest],
    started_rounds: int,
    seed: int = 0,
    *,
    join_current_round: bool = True,
    tables: int | None = None,
) -> Plan:
    """The plan again, for the people present now, without touching what has happened.

    ``started_rounds`` is how many rounds have begun (0 before the session starts).

    - Rounds that have begun keep every seat as it is: nobody is moved or removed (who met
      whom there is what the later rounds must avoid repeating). With
      ``join_current_round`` (the default), anyone present who has no seat in the round
      under way (``started_rounds - 1``) joins its smallest table, counting people
      present, lowest number on a tie, one after another in key order. Pass False when
      re-planning in the break between two rounds: newcomers then start with the next.
    - Later rounds seat exactly ``guests_now``: cancelled people disappear, walk-ins are
      added. They keep the previous number of tables (or ``tables``, if given; fewer if
      people are too few, said in a notice) and are re-optimised for the five rules,
      meetings in the rounds played included; then, as a last criterion, for the fewest
      people sitting at a different table number than in ``previous``.

    Deterministic for a seed. Raises ``TablePlanError`` for impossible requests.
    """
    guests = list(guests_now)
    if not 0 <= started_rounds <= len(previous.rounds):
        raise StartedRoundsOutOfRange(len(previous.rounds))
    if not guests:
        raise NoGuests()
    if tables is not None and tables < 1:
        raise NoTables()
    roster = Roster.of(guests)
    if len(roster.index) != len(guests):
        raise ValueError("two guests share a key")

    played = [list(map(list, round_)) for round_ in previous.rounds[:started_rounds]]
    if played and join_current_round:
        _seat_newcomers(played[-1], roster)
    later = previous.rounds[started_rounds:]
    notices = previous.notices
    if later:
        if len(roster) < 2:
            raise TooFewGuests()
        asked = tables if tables is not None else len(later[0])
        count = tables_for(len(roster), asked)
        if count < asked:
            fewer = Reason(
                ReasonCode.FEWER_TABLES, {"asked": asked, "people": len(roster), "tables": count}
            )
            notices = (*(n for n in notices if n.code is not ReasonCode.FEWER_TABLES), fewer)
        before = [_present(round_, roster) for round_ in later]
        start = [
            kept_round(roster, round_, _shapes_like(round_, roster, count)) for round_ in before
        ]
        seated = optimise(
            roster,
            start,
            Random(seed),  # noqa: S311 - a seeded, repeatable plan; no secret
            history=[_present(round_, roster) for round_ in played],
            previous=[_table_numbers(round_, len(roster)) for round_ in before],
        )
        played += [[list(roster.keys(table)) for table in round_] for round_ in seated]
    return Plan(rounds=tuple(tuple(map(tuple, round_)) for round_ in played), notices=notices)


def _seat_newcomers(round_: list[list[str]], roster: Roster) -> None:
    seated = {key for table in round_ for key in table}
    for guest in roster.guests:
        if guest.key not in seated:
            smallest = min(
                range(len(round_)), key=lambda t: (sum(key in roster.index for key in round_[t]), t)
            )
            round_[smallest].append(guest.key)


def _present(round_: Sequence[Sequence[str]], roster: Roster) -> list[list[int]]:
    """The round's tables as guest indices, people no longer present left out."""
    return [[roster.index[key] for key in table if key in roster.index] for table in round_]


def _table_numbers(round_: list[list[int]], people: int) -> list[int]:
    numbers = [-1] * people
    for number, table in enumerate(round_):
        for i in table:
            numbers[i] = number
    return numbers


def _shapes_like(round_: list[list[int]], roster: Roster, tables: int) -> list[TableShape]:
    """Balanced sizes and host counts, the larger ones where people sit now."""
    sizes = [len(table) for table in round_[:tables]]
    hosts = [sum(roster.is_host[i] for i in table) for table in round_[:tables]]
    padding = [0] * (tables - len(sizes))
    return table_shapes(
        len(roster), roster.host_count, tables, sizes_now=sizes + padding, hosts_now=hosts + padding
    )
