"""Guests and requests for property tests, small enough to keep the suite quick."""

from __future__ import annotations

from hypothesis import strategies as st

from business_corner.services.tables import Guest, PlanRequest
from business_corner.vocabulary import Level, Sector

#: Few sectors make same-sector pairs common, so that rule 5 is exercised.
_SECTORS = st.sampled_from([Sector.DIGITAL, Sector.HEALTH, Sector.TRADE, Sector.TOURISM])


def guest(
    number: int, level: Level = Level.B1, sector: Sector = Sector.DIGITAL, host: bool = False
) -> Guest:
    return Guest(
        key=f"g{number:03d}", name=f"Guest {number}", level=level, sector=sector, host=host
    )


@st.composite
def guest_lists(draw: st.DrawFn, min_size: int = 2, max_size: int = 24) -> list[Guest]:
    people = draw(st.integers(min_size, max_size))
    return [
        guest(
            number,
            draw(st.sampled_from(list(Level))),
            draw(_SECTORS),
            draw(st.booleans() | st.just(False)),
        )
        for number in range(people)
    ]


@st.composite
def plan_requests(draw: st.DrawFn, max_people: int = 24, max_rounds: int = 4) -> PlanRequest:
    guests = draw(guest_lists(max_size=max_people))
    return PlanRequest(
        guests=guests,
        rounds=draw(st.integers(1, max_rounds)),
        tables=draw(st.integers(1, 8)),
        seed=draw(st.integers(0, 1000)),
    )
