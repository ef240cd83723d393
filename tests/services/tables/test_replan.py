"""replan: what has happened stays, later rounds follow who is here, with few moves."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from business_corner.services.tables import (
    NoGuests,
    Plan,
    PlanRequest,
    ReasonCode,
    StartedRoundsOutOfRange,
    TooFewGuests,
    evaluate,
    plan_tables,
    replan,
)
from business_corner.vocabulary import Level, Sector
from tests.services.tables import reference
from tests.services.tables.strategies import guest, plan_requests
from tests.support.plans import moved_seats


def rule_scores(plan, guests):
    """The five rules' scores in priority order, as the optimiser ranks them."""
    return (
        reference.tables_without_host(plan, guests),
        reference.repeated_meetings(plan, guests),
        sum(spread**2 for spread in reference.level_spreads(plan, guests)),
        reference.same_sector_pairs(plan, guests),
    )


@settings(max_examples=15, deadline=None)
@given(st.data())
def test_started_rounds_stay_and_later_rounds_seat_exactly_who_is_here(data):
    request = data.draw(plan_requests(max_people=16, max_rounds=3))
    before = plan_tables(request)
    staying = [g for g in request.guests if data.draw(st.integers(0, 4))]  # a few cancel
    walk_ins = [
        guest(
            100 + n,
            data.draw(st.sampled_from(list(Level))),
            data.draw(st.sampled_from(list(Sector))),
            data.draw(st.booleans()),
        )
        for n in range(data.draw(st.integers(0, 3)))
    ]
    now = staying + walk_ins
    started = data.draw(st.integers(0, len(before.rounds)))
    join = data.draw(st.booleans())
    seed = data.draw(st.integers(0, 100))
    if len(now) < 2 and started < len(before.rounds):
        with pytest.raises((TooFewGuests, NoGuests)):
            replan(before, now, started, seed, join_current_round=join)
        return
    if not now:
        return

    after = replan(before, now, started, seed, join_current_round=join)

    assert after == replan(before, now, started, seed, join_current_round=join)
    assert len(after.rounds) == len(before.rounds)
    current = started - 1 if join and started else None
    for r in range(started):
        if r != current:
            assert after.rounds[r] == before.rounds[r]
    if current is not None:
        # Newcomers join the table with the fewest people present, one after another.
        present = {g.key for g in now}
        expected = [list(table) for table in before.rounds[current]]
        seated = {key for table in expected for key in table}
        for key in sorted(present - seated):
            smallest = min(
                range(len(expected)), key=lambda t: (len(present.intersection(expected[t])), t)
            )
            expected[smallest].append(key)
        assert after.rounds[current] == tuple(map(tuple, expected))
    keys = sorted(g.key for g in now)
    hosts = {g.key for g in now if g.host}
    for round_ in after.rounds[started:]:
        assert sorted(key for table in round_ for key in table) == keys
        assert len(round_) == min(len(before.rounds[started]), len(now) // 2)
        sizes = [len(table) for table in round_]
        host_counts = [len(hosts.intersection(table)) for table in round_]
        assert max(sizes) - min(sizes) <= 1 and max(host_counts) - min(host_counts) <= 1
    assert evaluate(after, now).repeated_pairs == reference.repeated_meetings(after, now)


@settings(max_examples=10, deadline=None)
@given(plan_requests(max_people=16, max_rounds=3), st.data())
def test_when_nothing_changed_nobody_moves_unless_the_rules_gain(request, data):
    before = plan_tables(request)
    started = data.draw(st.integers(0, len(before.rounds)))
    after = replan(before, request.guests, started, data.draw(st.integers(0, 100)))
    guests = list(request.guests)
    assert rule_scores(after, guests) <= rule_scores(before, guests)
    if rule_scores(after, guests) == rule_scores(before, guests):
        assert moved_seats(before, after) == 0


def twelve_at_three_tables():
    guests = [guest(n, Level.B1 if n % 2 else Level.B2, host=n < 3) for n in range(12)]
    return guests, plan_tables(PlanRequest(guests, rounds=3, tables=3, seed=1))


def test_a_walk_in_joins_the_smallest_table_of_the_round_under_way():
    guests, before = twelve_at_three_tables()
    cancelled = before.rounds[0][2][-1]
    walk_in = guest(50)
    now = [g for g in guests if g.key != cancelled] + [walk_in]

    after = replan(before, now, started_rounds=1)

    assert after.rounds[0][:2] == before.rounds[0][:2]
    assert after.rounds[0][2] == (*before.rounds[0][2], walk_in.key)  # cancelled one stays
    for round_ in after.rounds[1:]:
        seated = [key for table in round_ for key in table]
        assert walk_in.key in seated and cancelled not in seated


def test_between_rounds_a_walk_in_waits_for_the_next_round():
    guests, before = twelve_at_three_tables()
    walk_in = guest(50)
    after = replan(before, [*guests, walk_in], started_rounds=1, join_current_round=False)
    assert after.rounds[0] == before.rounds[0]
    assert all(any(walk_in.key in table for table in round_) for round_ in after.rounds[1:])


def test_a_new_table_count_for_the_rounds_to_come():
    guests, before = twelve_at_three_tables()
    after = replan(before, guests, started_rounds=1, tables=2)
    assert [len(round_) for round_ in after.rounds] == [3, 2, 2]


def test_too_few_people_left_for_the_tables_is_said():
    guests, before = twelve_at_three_tables()
    after = replan(before, guests[:5], started_rounds=0)
    assert [len(round_) for round_ in after.rounds] == [2, 2, 2]
    assert [n.values for n in after.notices if n.code is ReasonCode.FEWER_TABLES] == [
        {"asked": 3, "people": 5, "tables": 2}
    ]


def test_everything_started_leaves_only_newcomers_to_seat():
    guests, before = twelve_at_three_tables()
    after = replan(before, [guests[0], guest(60)], started_rounds=3)
    assert after.rounds[:2] == before.rounds[:2]
    assert sum(len(table) for table in after.rounds[2]) == 13


@pytest.mark.parametrize("started", [-1, 4])
def test_started_rounds_must_exist(started):
    guests, before = twelve_at_three_tables()
    with pytest.raises(StartedRoundsOutOfRange) as raised:
        replan(before, guests, started)
    assert str(raised.value.message) == (
        "The number of rounds already started must be between 0 and 3."
    )


def test_nobody_left_is_refused():
    _, before = twelve_at_three_tables()
    with pytest.raises(NoGuests):
        replan(before, [], 1)
    with pytest.raises(TooFewGuests):
        replan(before, [guest(1)], 1)


def test_moves_are_counted_per_person_and_round():
    before = Plan(((("a", "b"), ("c", "d")), (("a", "c"), ("b", "d"))))
    after = Plan(((("a", "b"), ("c", "d")), (("b", "c"), ("a", "d", "e"))))
    assert moved_seats(before, after) == 2
