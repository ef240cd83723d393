"""The capacity rule, once: a seat while confirmed places are fewer than the capacity; in
Python and in the SQL built from it, and the availability pages are given."""

from __future__ import annotations

import pytest
from sqlalchemy import literal, select

from business_corner.extensions import db
from business_corner.models import Registration
from business_corner.models.capacity import (
    Availability,
    SeatState,
    few_seats_threshold,
    place_status,
    place_status_in_sql,
    seat_free,
)
from business_corner.vocabulary import RegistrationStatus

CASES = [(confirmed, capacity) for capacity in (0, 1, 3, 10, 20) for confirmed in range(23)]


def test_a_seat_while_confirmed_places_are_fewer_than_the_capacity():
    assert seat_free(2, 3) and not seat_free(3, 3) and not seat_free(4, 3)
    assert place_status(0, 1) is RegistrationStatus.CONFIRMED
    assert place_status(1, 1) is RegistrationStatus.WAITLISTED
    assert place_status(0, 0) is RegistrationStatus.WAITLISTED


def test_the_sql_is_built_from_the_same_rule(app):
    status_type = Registration.__table__.c.status.type
    row = db.session.execute(
        select(
            *(
                place_status_in_sql(literal(confirmed), literal(capacity), status_type)
                for confirmed, capacity in CASES
            )
        )
    ).one()
    assert list(row) == [place_status(confirmed, capacity) for confirmed, capacity in CASES]


@pytest.mark.parametrize(
    ("capacity", "confirmed", "state", "left"),
    [
        (10, 0, SeatState.OPEN, 10),
        (10, 6, SeatState.OPEN, 4),
        (10, 7, SeatState.FEW_LEFT, 3),  # 3 seats left is "few" in any session
        (40, 31, SeatState.OPEN, 9),
        (40, 32, SeatState.FEW_LEFT, 8),  # a fifth of a larger session's seats is "few"
        (10, 9, SeatState.FEW_LEFT, 1),
        (10, 10, SeatState.FULL, 0),
        (10, 12, SeatState.FULL, 0),  # overbooked by a lower capacity: still no seat
        (0, 0, SeatState.FULL, 0),
    ],
)
def test_pages_are_given_seats_left_and_a_state(capacity, confirmed, state, left):
    availability = Availability(capacity, confirmed)
    assert (availability.state, availability.seats_left) == (state, left)
    assert availability.is_full is (state is SeatState.FULL)


def test_a_cancelled_session_says_so_whatever_its_seats():
    assert Availability(10, 2, cancelled=True).state is SeatState.CANCELLED
    assert Availability(10, 10, cancelled=True).is_full


def test_the_few_seats_threshold():
    assert [few_seats_threshold(capacity) for capacity in (1, 10, 15, 19, 20, 40, 100)] == [
        3,
        3,
        3,
        3,
        4,
        8,
        20,
    ]


def test_the_meter_shows_the_share_taken():
    assert Availability(3, 1).percent_taken == 33.3
    assert Availability(3, 5).percent_taken == 100.0
    assert Availability(0, 0).percent_taken == 100.0


def test_a_session_gives_its_availability(marseille, make_session):
    event = make_session(marseille, capacity=4)
    assert event.availability(3) == Availability(4, 3)
    assert event.availability(3).state is SeatState.FEW_LEFT
