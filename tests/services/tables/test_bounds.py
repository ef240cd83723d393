"""Lower bounds from head counts, checked on cases worked out by hand."""

from __future__ import annotations

from business_corner.services.tables import bounds


def test_spreading_people_evenly_leaves_the_fewest_pairs():
    assert bounds.fewest_shared_pairs(6, 2) == 6  # 3 + 3
    assert bounds.fewest_shared_pairs(5, 3) == 2  # 2 + 2 + 1
    assert bounds.fewest_shared_pairs(3, 4) == 0


def test_repeats_forced_by_counting_and_by_pigeonhole():
    # Two tables of six: each later table takes 3 + 3 from the first round's tables.
    assert bounds.repeated_meetings([[6, 6]] * 3, 12, same_people=True) == 24
    # One table of four twice: all six pairs meet again.
    assert bounds.repeated_meetings([[4], [4]], 4, same_people=True) == 6
    # Two tables of three twice: counting allows none, pigeonhole finds one per table…
    assert bounds.repeated_meetings([[3, 3]] * 2, 6, same_people=True) == 2
    # …but only when the same people sit every round.
    assert bounds.repeated_meetings([[3, 3]] * 2, 6, same_people=False) == 0
    assert bounds.repeated_meetings([[6, 6]], 12, same_people=True) == 0


def test_the_narrowest_widest_level_spread():
    # A1 A1 B1 B1 C1 C1 at two tables of three: some table must hold two levels.
    assert bounds.widest_level_spread([0, 0, 2, 2, 4, 4], tables=2, seats=3) == 2
    assert bounds.widest_level_spread([0, 0, 2, 2, 4, 4], tables=3, seats=2) == 0
    assert bounds.widest_level_spread([], tables=1, seats=1) == 0


def test_hosts_and_learners_per_table():
    assert bounds.tables_without_host(tables=6, hosts=4) == 2
    assert bounds.tables_without_host(tables=6, hosts=9) == 0
    assert bounds.most_learners_per_table(people=13, hosts=4, tables=3) == 4
