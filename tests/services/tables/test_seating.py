"""The optimiser's running counts: after any run of moves, the cost is what a recount says."""

from __future__ import annotations

from random import Random

from hypothesis import given, settings
from hypothesis import strategies as st

from business_corner.services.tables.construction import fresh_round
from business_corner.services.tables.layout import table_shapes
from business_corner.services.tables.objective import priority_weights
from business_corner.services.tables.roster import Roster
from business_corner.services.tables.seating import Seating
from tests.services.tables.strategies import guest_lists


@settings(max_examples=40, deadline=None)
@given(
    guest_lists(min_size=4, max_size=20),
    st.integers(2, 5),
    st.integers(1, 3),
    st.integers(0, 10_000),
    st.booleans(),
    st.booleans(),
)
def test_priced_moves_add_up_to_the_recounted_cost(guests, tables, rounds, seed, played, replacing):
    roster = Roster.of(guests)
    rng = Random(seed)
    shapes = table_shapes(len(roster), roster.host_count, min(tables, len(roster) // 2))
    seating = Seating(
        roster,
        [fresh_round(roster, shapes, rng) for _ in range(rounds)],
        priority_weights(
            seats=len(roster) * rounds, table_rounds=len(shapes) * rounds, pair_slots=100
        ),
        history=[fresh_round(roster, shapes, rng)] if played else (),
        previous=[[rng.randrange(len(shapes)) for _ in roster.guests] for _ in range(rounds)]
        if replacing
        else None,
    )
    people = len(roster)
    for _ in range(200):
        i, k, r = rng.randrange(people), rng.randrange(people), rng.randrange(rounds)
        if (
            seating.can_trade_places
            and roster.is_host[i] == roster.is_host[k]
            and rng.random() < 0.3
        ):
            for round_index, change in seating.trade_delta(i, k):
                seating.swap(round_index, i, k, change)
        elif seating.table_of[r][i] != seating.table_of[r][k] and seating.keeps_hosts_even(r, i, k):
            seating.swap(r, i, k, seating.swap_delta(r, i, k))
        assert seating.cost == seating.total(seating.breakdown())
    for round_ in seating.members:
        hosts = [sum(roster.is_host[i] for i in table) for table in round_]
        assert max(hosts) - min(hosts) <= 1
        assert [len(table) for table in round_] == [shape.size for shape in shapes]
