"""Hours as text, and slots on the real dates of the two clocks."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from business_corner.services.tandems.errors import EmptyPeriod, UnreadableHours
from business_corner.services.tandems.hours import DEFAULT_HOURS, HourRange, parse_hours
from business_corner.services.tandems.slots import Period, availability_mask, slot_indices

PARIS_WINDOW = parse_hours("mon-fri 17:00-19:00")
LA_WINDOW = parse_hours("mon-fri 08:00-10:00")


def common(first_day: date, days: int = 1) -> list[datetime]:
    period = Period(first_day, days)
    mask = availability_mask("Europe/Paris", PARIS_WINDOW, period) & availability_mask(
        "America/Los_Angeles", LA_WINDOW, period
    )
    return [period.instant(i) for i in slot_indices(mask)]


def test_hours_are_read_in_english_or_french_and_written_back_the_same():
    hours = parse_hours("Lun-Jeu 17h-19h30; ven 08:00-10:00\nsat 10:00-11:00 14:00-15:00")
    assert hours.text() == "mon-thu 17:00-19:30; fri 08:00-10:00; sat 10:00-11:00 14:00-15:00"
    assert parse_hours(hours.text()) == hours
    assert parse_hours("") == DEFAULT_HOURS
    assert DEFAULT_HOURS.text() == "mon-fri 08:00-19:00"
    assert parse_hours("mon 09:00-10:00; mon 09:30-11:00").ranges == (HourRange(0, 540, 660),)


@pytest.mark.parametrize(
    "text",
    [
        "monday",
        "mon 5pm-7pm",
        "xyz 08:00-10:00",
        "fri-mon 08:00-10:00",
        "mon 10:00-09:00",
        "mon 25:00-26:00",
        "mon 08:61-09:00",
    ],
)
def test_unreadable_hours_are_refused_naming_the_part(text):
    with pytest.raises(UnreadableHours) as refused:
        parse_hours(text)
    assert refused.value.part


def test_nine_hours_apart_most_of_the_year():
    # 8 March 2027: neither city has changed its clocks yet (UTC+1 and UTC-8).
    assert common(date(2027, 3, 8)) == [
        datetime(2027, 3, 8, 16, 0, tzinfo=UTC),  # 17:00 Paris, 08:00 Los Angeles
        datetime(2027, 3, 8, 16, 30, tzinfo=UTC),
        datetime(2027, 3, 8, 17, 0, tzinfo=UTC),
        datetime(2027, 3, 8, 17, 30, tzinfo=UTC),  # 18:30 Paris, 09:30 Los Angeles
    ]


def test_eight_hours_apart_in_march_the_window_moves():
    # 15 March 2027: Los Angeles is on summer time (UTC-7), Paris not yet (UTC+1).
    assert common(date(2027, 3, 15)) == [
        datetime(2027, 3, 15, 16, 0, tzinfo=UTC),  # 17:00 Paris, 09:00 Los Angeles
        datetime(2027, 3, 15, 16, 30, tzinfo=UTC),  # 17:30 Paris, 09:30 Los Angeles
    ]
    # 29 March 2027: both on summer time, 9 hours apart again.
    assert len(common(date(2027, 3, 29))) == 4


def test_eight_hours_apart_at_the_turn_of_october():
    # Monday 1 November 2027: Paris is back on winter time (UTC+1), Los Angeles not (UTC-7).
    assert common(date(2027, 11, 1)) == [
        datetime(2027, 11, 1, 16, 0, tzinfo=UTC),
        datetime(2027, 11, 1, 16, 30, tzinfo=UTC),
    ]
    assert len(common(date(2027, 11, 8))) == 4


def test_slots_stay_on_the_dates_of_the_round_on_each_clock():
    # A Los Angeles member free late in the evening: 23:30 on the last day is in the round,
    # though it is already the next day in UTC and in Paris.
    late = parse_hours("mon-sun 23:00-24:00")
    period = Period(date(2027, 6, 7), 1)
    slots = [
        period.instant(i)
        for i in slot_indices(availability_mask("America/Los_Angeles", late, period))
    ]
    assert slots == [
        datetime(2027, 6, 8, 6, 0, tzinfo=UTC),
        datetime(2027, 6, 8, 6, 30, tzinfo=UTC),
    ]


def test_a_round_lasts_one_to_sixty_days():
    with pytest.raises(EmptyPeriod):
        Period(date(2027, 1, 1), 0)
    with pytest.raises(EmptyPeriod):
        Period(date(2027, 1, 1), 61)
