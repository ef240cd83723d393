"""A table plan from scratch: ``plan_tables(request) -> Plan``."""

from __future__ import annotations

from random import Random

from business_corner.services.tables.construction import fresh_round
from business_corner.services.tables.layout import table_shapes, tables_for
from business_corner.services.tables.optimiser import optimise
from business_corner.services.tables.plan import Plan
from business_corner.services.tables.reasons import Reason, ReasonCode
from business_corner.services.tables.request import PlanRequest
from business_corner.services.tables.roster import Roster


def plan_tables(request: PlanRequest) -> Plan:
    """Seat every guest once per round, following the rules in priority order.

    1. Table sizes differ by at most one. 2. A host at every table while hosts last, then
    hosts spread evenly. 3. Nobody meets the same person twice, or as few times as
    possible. 4. Similar CEFR levels among the learners at a table. 5. Sectors mixed.

    Deterministic: the same guests (in any order) and the same seed give the same plan.
    More tables than pairs of people are cut so that nobody sits alone; the plan then says
    so in ``notices``. Raises a ``TablePlanError`` for what cannot be planned at all.
    """
    request.check()
    roster = Roster.of(request.guests)
    asked = request.asked_tables()
    tables = tables_for(len(roster), asked)
    notices: tuple[Reason, ...] = ()
    if tables < asked:
        notices = (
            Reason(
                ReasonCode.FEWER_TABLES, {"asked": asked, "people": len(roster), "tables": tables}
            ),
        )
    shapes = table_shapes(len(roster), roster.host_count, tables)
    rng = Random(request.seed)  # noqa: S311 - a seeded, repeatable plan; no secret

    def first_seating() -> list[list[list[int]]]:
        return [fresh_round(roster, shapes, rng) for _ in range(request.rounds)]

    rounds = optimise(roster, first_seating(), rng, restart=first_seating)
    return Plan(
        rounds=tuple(tuple(roster.keys(table) for table in round_) for round_ in rounds),
        notices=notices,
    )
