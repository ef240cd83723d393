"""Local times, missing and repeated hours, and the two cities' clocks."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from business_corner.services.city_times import (
    AmbiguousLocalTime,
    City,
    NonexistentLocalTime,
    city_label,
    city_times,
    local_to_utc,
)

CITIES = [City("Marseille", "Europe/Paris"), City("Los Angeles", "America/Los_Angeles")]


def test_an_ordinary_local_time_converts_to_utc():
    assert local_to_utc(date(2026, 12, 3), time(18, 0), "Europe/Paris") == datetime(
        2026, 12, 3, 17, 0, tzinfo=UTC
    )
    assert local_to_utc(date(2026, 7, 3), time(18, 0), "Europe/Paris") == datetime(
        2026, 7, 3, 16, 0, tzinfo=UTC
    )


def test_the_spring_forward_hour_does_not_exist():
    with pytest.raises(NonexistentLocalTime):
        local_to_utc(date(2026, 3, 29), time(2, 30), "Europe/Paris")
    with pytest.raises(NonexistentLocalTime):
        local_to_utc(date(2026, 3, 8), time(2, 30), "America/Los_Angeles")


def test_the_fall_back_hour_must_be_made_explicit():
    with pytest.raises(AmbiguousLocalTime) as raised:
        local_to_utc(date(2026, 10, 25), time(2, 30), "Europe/Paris")
    first, second = raised.value.choices
    assert (first, second) == (
        datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
        datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
    )
    assert local_to_utc(date(2026, 10, 25), time(2, 30), "Europe/Paris", fold=0) == first
    assert local_to_utc(date(2026, 10, 25), time(2, 30), "Europe/Paris", fold=1) == second


@pytest.mark.parametrize(
    ("day", "paris", "los_angeles"),
    [
        (date(2026, 2, 10), time(18, 0), time(9, 0)),  # winter: 9 hours
        (date(2026, 3, 10), time(18, 0), time(10, 0)),  # US already on summer time: 8 hours
        (date(2026, 3, 30), time(18, 0), time(9, 0)),  # both on summer time: 9 hours
        (date(2026, 10, 28), time(18, 0), time(10, 0)),  # EU back on winter time: 8 hours
        (date(2026, 11, 2), time(18, 0), time(9, 0)),  # both on winter time: 9 hours
    ],
)
def test_paris_and_los_angeles_are_eight_or_nine_hours_apart(day, paris, los_angeles):
    instant = local_to_utc(day, paris, "Europe/Paris")
    own, other = city_times(instant, "Europe/Paris", CITIES)
    assert (own.city, own.moment.time()) == ("Marseille", paris)
    assert (other.city, other.moment.time(), other.moment.date()) == (
        "Los Angeles",
        los_angeles,
        day,
    )


def test_a_late_los_angeles_session_is_the_next_day_in_marseille():
    instant = local_to_utc(date(2026, 12, 3), time(17, 30), "America/Los_Angeles")
    own, other = city_times(instant, "America/Los_Angeles", CITIES)
    assert own.city == "Los Angeles"
    assert (other.city, other.moment.date(), other.moment.time()) == (
        "Marseille",
        date(2026, 12, 4),
        time(2, 30),
    )


def test_a_zone_without_a_chapter_is_named_after_its_city():
    assert city_label("America/New_York", CITIES) == "New York"
    times = city_times(datetime(2026, 12, 3, 17, tzinfo=UTC), "America/New_York", CITIES)
    assert [t.city for t in times] == ["New York", "Marseille", "Los Angeles"]
