"""When each round of a session's table plan runs, and where one attendee sits in each."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from business_corner.models import TablePlan
from business_corner.services.tables import Plan


def registration_key(registration_id: int) -> str:
    return f"r{registration_id}"


def walk_in_key(walk_in_id: int) -> str:
    return f"w{walk_in_id}"


def stored_plan(record: TablePlan) -> Plan:
    return Plan.from_dict(json.loads(record.plan))


def round_start(record: TablePlan, index: int) -> datetime:
    """Start of round ``index`` (0 for the first)."""
    return record.first_round_at + timedelta(minutes=record.round_minutes * index)


def started_rounds(record: TablePlan, now: datetime) -> int:
    """How many rounds have begun by ``now``: their seats are history and stay as they are."""
    return sum(1 for index in range(record.rounds) if round_start(record, index) <= now)


@dataclass(frozen=True)
class Seat:
    round_number: int  #: 1-based, as attendees count
    table_number: int  #: 1-based
    starts_at: datetime
    ends_at: datetime


def seats_of(record: TablePlan, key: str) -> list[Seat]:
    """Where ``key`` sits, round by round ("Round 1 · table 3 · 18:10")."""
    plan = stored_plan(record)
    seats = []
    for index in range(len(plan.rounds)):
        table = plan.table_of(key, index)
        if table is not None:
            starts = round_start(record, index)
            seats.append(
                Seat(index + 1, table + 1, starts, starts + timedelta(minutes=record.round_minutes))
            )
    return seats
