"""Is there a seat? The capacity rule of a session, stated once.

A session has a seat free while its confirmed places are fewer than its capacity: a new
place is then confirmed, and otherwise joins the waiting list. ``seat_free`` says so with an
operator that numbers and SQLAlchemy expressions share, so the sign-up statement of
``services/places.py`` is built from it (``place_status_in_sql``) rather than restating it.

Pages are given an ``Availability`` (``EventSession.availability``): the seats left and a
state (open, few left, full, cancelled), with the "few seats left" threshold decided here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, overload

from sqlalchemy import ColumnElement, case, literal
from sqlalchemy.types import TypeEngine

from business_corner.vocabulary import RegistrationStatus

#: "Few seats left" when this many are left, or fewer...
FEW_SEATS = 3
#: ...or, in a larger session, when no more than one seat in this many is left.
FEW_SEATS_ONE_IN = 5


@overload
def seat_free(confirmed: int, capacity: int) -> bool: ...
@overload
def seat_free(
    confirmed: ColumnElement[Any], capacity: ColumnElement[Any]
) -> ColumnElement[bool]: ...
def seat_free(confirmed: Any, capacity: Any) -> Any:
    """The rule: a seat is free while confirmed places are fewer than the capacity. Given
    numbers, a bool; given SQL expressions, the SQL condition."""
    return confirmed < capacity


def place_status(confirmed: int, capacity: int) -> RegistrationStatus:
    """The status of a new (or returning) place, taken with ``confirmed`` seats gone."""
    if seat_free(confirmed, capacity):
        return RegistrationStatus.CONFIRMED
    return RegistrationStatus.WAITLISTED


def place_status_in_sql(
    confirmed: ColumnElement[Any],
    capacity: ColumnElement[Any],
    status_type: TypeEngine[Any],
) -> ColumnElement[Any]:
    """``place_status`` as a SQL expression of type ``status_type`` (the status column's)."""
    return case(
        (seat_free(confirmed, capacity), literal(RegistrationStatus.CONFIRMED, status_type)),
        else_=literal(RegistrationStatus.WAITLISTED, status_type),
    )


def few_seats_threshold(capacity: int) -> int:
    """At most this many seats left is "few": 3, or a fifth of a larger session's seats."""
    return max(FEW_SEATS, capacity // FEW_SEATS_ONE_IN)


class SeatState(StrEnum):
    """How a session's seats look to a visitor; the values name the pages' CSS classes."""

    OPEN = "open"
    FEW_LEFT = "few"
    FULL = "full"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Availability:
    """A session's seats as pages show them: computed here, never in a template."""

    capacity: int
    confirmed: int
    cancelled: bool = False

    @property
    def is_full(self) -> bool:
        """No seat free: a sign-up joins the waiting list."""
        return not seat_free(self.confirmed, self.capacity)

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.confirmed, 0)

    @property
    def state(self) -> SeatState:
        if self.cancelled:
            return SeatState.CANCELLED
        if self.is_full:
            return SeatState.FULL
        if self.seats_left <= few_seats_threshold(self.capacity):
            return SeatState.FEW_LEFT
        return SeatState.OPEN

    @property
    def percent_taken(self) -> float:
        """The share of seats taken, for a meter (100 for a session without seats)."""
        if self.capacity <= 0:
            return 100.0
        return round(100 * min(self.confirmed, self.capacity) / self.capacity, 1)
