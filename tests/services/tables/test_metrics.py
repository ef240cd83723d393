"""evaluate: scores recomputed the obvious way, bounds that hold, reasons in words."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from business_corner.services.tables import Plan, Reason, ReasonCode, evaluate
from business_corner.vocabulary import Level, Sector
from tests.services.tables import reference
from tests.services.tables.strategies import guest, guest_lists


@st.composite
def any_plans(draw: st.DrawFn) -> tuple[Plan, list]:
    """Any seating at all, uneven, with gaps and with people who have since left."""
    guests = draw(guest_lists(min_size=1, max_size=16))
    keys = [g.key for g in guests] + ["left-1", "left-2"]
    rounds = []
    for _ in range(draw(st.integers(1, 4))):
        tables = draw(st.integers(1, 5))
        seated = [[] for _ in range(tables)]
        for key in keys:
            table = draw(st.integers(-1, tables - 1))  # -1: no seat this round
            if table >= 0:
                seated[table].append(key)
        rounds.append(tuple(tuple(table) for table in seated))
    return Plan(tuple(rounds)), guests


@settings(max_examples=150, deadline=None)
@given(any_plans())
def test_scores_match_a_naive_recount_and_never_beat_their_bounds(case):
    plan, guests = case
    metrics = evaluate(plan, guests)
    assert metrics.repeated_pairs == reference.repeated_meetings(plan, guests)
    spreads = reference.level_spreads(plan, guests)
    assert metrics.level_spread_max == max(spreads, default=0)
    assert metrics.level_spread_mean == pytest.approx(
        sum(spreads) / len(spreads) if spreads else 0.0
    )
    assert metrics.tables_without_host == reference.tables_without_host(plan, guests)
    assert metrics.same_sector_pairs == reference.same_sector_pairs(plan, guests)
    seated = reference.tables_of(plan, guests)
    assert metrics.missing_seats == sum(
        len(guests) - sum(len(table) for table in round_) for round_ in seated
    )
    assert metrics.table_size_gap == max(
        (max(map(len, round_)) - min(map(len, round_)) for round_ in seated if round_), default=0
    )

    assert metrics.tables_without_host >= metrics.tables_without_host_bound
    assert metrics.repeated_pairs >= metrics.repeated_pairs_bound
    assert metrics.level_spread_max >= metrics.level_spread_max_bound
    assert metrics.same_sector_pairs >= metrics.same_sector_pairs_bound
    json.dumps(metrics.to_dict())


def test_people_who_left_are_not_counted():
    plan = Plan(((("g001", "g002", "gone"),), (("g001", "g002", "gone"),)))
    guests = [guest(1), guest(2)]
    metrics = evaluate(plan, guests)
    assert metrics.repeated_pairs == 1 and metrics.missing_seats == 0


def test_no_host_at_all_is_said_plainly():
    guests = [guest(n) for n in range(4)]
    plan = Plan(((("g000", "g001"), ("g002", "g003")),))
    reason = next(
        r for r in evaluate(plan, guests).reasons if r.code is ReasonCode.NOT_ENOUGH_HOSTS
    )
    assert str(reason.message) == "Nobody present can host a table, so no table has a host."


def test_unavoidable_repeats_are_explained_with_the_minimum():
    guests = [guest(n) for n in range(4)]
    plan = Plan(((("g000", "g001", "g002", "g003"),),) * 2)
    metrics = evaluate(plan, guests)
    assert metrics.repeated_pairs == metrics.repeated_pairs_bound == 6
    reason = next(r for r in metrics.reasons if r.code is ReasonCode.REPEATS_UNAVOIDABLE)
    assert str(reason.message) == (
        "With 4 people over 2 rounds at tables this size, some must "
        "meet again: at least 6 repeated meetings."
    )


def test_a_crowded_sector_is_named():
    guests = [guest(n, sector=Sector.HEALTH) for n in range(3)] + [guest(3, sector=Sector.TRADE)]
    plan = Plan(((("g000", "g003"), ("g001", "g002")),))
    metrics = evaluate(plan, guests)
    assert metrics.same_sector_pairs == metrics.same_sector_pairs_bound == 1
    reason = next(r for r in metrics.reasons if r.code is ReasonCode.SECTOR_CROWDED)
    assert reason.values == {"sector": "health", "count": 3, "tables": 2, "minimum": 1}
    assert str(reason.message) == (
        "3 people from Health & social care cannot all sit at "
        "different tables: at least 1 pair from the same sector "
        "shares a table."
    )


def test_levels_one_step_apart_need_no_excuse_two_steps_do():
    close = [guest(0, Level.B1), guest(1, Level.B2), guest(2, Level.B1), guest(3, Level.B2)]
    plan = Plan(((("g000", "g001", "g002", "g003"),),))
    assert evaluate(plan, close).level_spread_max_bound == 1
    assert all(r.code is not ReasonCode.LEVELS_TOO_VARIED for r in evaluate(plan, close).reasons)
    far = [guest(0, Level.A1), guest(1, Level.C1), guest(2, Level.A1), guest(3, Level.C1)]
    reasons = evaluate(plan, far).reasons
    assert Reason(ReasonCode.LEVELS_TOO_VARIED, {"tables": 1, "steps": 4}) in reasons


def test_hosts_do_not_count_in_the_level_spread():
    guests = [guest(0, Level.A2), guest(1, Level.A2), guest(2, Level.C2, host=True)]
    plan = Plan(((("g000", "g001", "g002"),),))
    assert evaluate(plan, guests).level_spread_max == 0
