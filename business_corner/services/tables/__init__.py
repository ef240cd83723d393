"""Conversation tables: who sits with whom, round after round.

The planner (every module here but two) is pure and deterministic: no Flask, no database;
the same guests and seed give the same plan. Two modules connect it to a session and are
imported by name, never from this package's namespace: ``session_plans`` (plan a session
from its registrations and walk-ins, re-plan, export, mail each attendee their tables)
and ``schedule`` (when each round runs, where one attendee sits).

    plan = plan_tables(PlanRequest(guests, rounds=3, tables=6, seed=1))
    metrics = evaluate(plan, guests)             # each rule's score and its best possible
    stored = plan.to_dict()                      # JSON-ready; Plan.from_dict(stored) reads it
    plan = replan(plan, guests_now, started_rounds=1, seed=1)   # on the day

The rules, in priority order: everyone seated once per round with table sizes within one;
a host at every table while hosts last; nobody meets the same person twice; similar
English levels at a table; sectors mixed. The method is in the README, "Conversation tables".
"""

from business_corner.services.tables.errors import (
    NoGuests,
    NoRounds,
    NoTables,
    StartedRoundsOutOfRange,
    TablePlanError,
    TablesOrSeats,
    TooFewGuests,
    TooFewSeats,
)
from business_corner.services.tables.guests import Guest
from business_corner.services.tables.metrics import PlanMetrics, evaluate
from business_corner.services.tables.plan import Plan
from business_corner.services.tables.planner import plan_tables
from business_corner.services.tables.reasons import Reason, ReasonCode
from business_corner.services.tables.replan import replan
from business_corner.services.tables.request import PlanRequest

__all__ = [
    "Guest",
    "NoGuests",
    "NoRounds",
    "NoTables",
    "Plan",
    "PlanMetrics",
    "PlanRequest",
    "Reason",
    "ReasonCode",
    "StartedRoundsOutOfRange",
    "TablePlanError",
    "TablesOrSeats",
    "TooFewGuests",
    "TooFewSeats",
    "evaluate",
    "plan_tables",
    "replan",
]
