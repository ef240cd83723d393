"""Thirty-minute slots on the real dates of a round, in two cities' clocks at once.

A round covers ``days`` local dates from ``first_day``. Slots are half hours of UTC time
(Paris and Los Angeles are whole hours apart, so a half hour of UTC is a half hour on both
clocks). A slot suits a member when, on their own clock (``zoneinfo``, so the 8-hour weeks
of March and October/November come out right), it starts on a date of the round and lies
wholly inside their hours of that weekday: ``suits`` is that rule, and every mask below is
built from it.

A member's available slots are one bit each in an integer (the round's *mask*): two
members can meet when their masks share a bit.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from business_corner.services.tandems.errors import EmptyPeriod
from business_corner.services.tandems.hours import SLOT_MINUTES, WeeklyHours

SLOT = timedelta(minutes=SLOT_MINUTES)
MAX_DAYS = 60
#: Time zones run from UTC-12 to UTC+14: local dates of the round start and end within these.
_EARLIEST_OFFSET = timedelta(hours=14)
_LATEST_OFFSET = timedelta(hours=12)


@dataclass(frozen=True)
class Period:
    first_day: date
    days: int

    def __post_init__(self) -> None:
        if not 1 <= self.days <= MAX_DAYS:
            raise EmptyPeriod()

    @property
    def last_day(self) -> date:
        return self.first_day + timedelta(days=self.days - 1)

    def holds(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day

    @property
    def origin(self) -> datetime:
        """The UTC instant of slot 0: the first day's midnight on the earliest clock."""
        return datetime.combine(self.first_day, time(0), UTC) - _EARLIEST_OFFSET

    @property
    def slot_count(self) -> int:
        span = timedelta(days=self.days) + _EARLIEST_OFFSET + _LATEST_OFFSET
        return int(span / SLOT)

    def instant(self, index: int) -> datetime:
        return self.origin + index * SLOT

    def index(self, instant: datetime) -> int:
        return int((instant - self.origin) / SLOT)


def suits(zone: str, hours: WeeklyHours, period: Period, starts_at: datetime) -> bool:
    """Does the 30 minutes from ``starts_at`` lie inside the member's hours, on a date of
    the round, on their own clock?"""
    tz = ZoneInfo(zone)
    start = starts_at.astimezone(tz)
    end = (starts_at + SLOT).astimezone(tz)
    if not period.holds(start.date()):
        return False
    start_minute = start.hour * 60 + start.minute
    end_minute = end.hour * 60 + end.minute
    if end.date() != start.date():
        if end_minute != 0:  # runs past midnight: no range holds it
            return False
        end_minute = 24 * 60
    return hours.covers(start.weekday(), start_minute, end_minute)


@lru_cache(maxsize=1024)
def availability_mask(zone: str, hours: WeeklyHours, period: Period) -> int:
    """The member's slots in the round, one bit each (bit i is ``period.instant(i)``).

    Only slots near each of the member's ranges are tested; each is tested with ``suits``.
    Members share hours and zones a lot (the default hours above all): masks are cached.
    """
    tz = ZoneInfo(zone)
    mask = 0
    day = period.first_day
    while day <= period.last_day:
        for hour_range in hours.on(day.weekday()):
            # The range's ends on this date, read naively, give a window to test; an hour
            # either side covers whatever a clock change does to it.
            wall = datetime.combine(day, time(0), tz)
            first = (wall + timedelta(minutes=hour_range.start)).astimezone(UTC) - timedelta(
                hours=1
            )
            last = (wall + timedelta(minutes=hour_range.end)).astimezone(UTC) + timedelta(hours=1)
            for index in range(max(period.index(first), 0), period.index(last) + 1):
                if index < period.slot_count and suits(zone, hours, period, period.instant(index)):
                    mask |= 1 << index
        day += timedelta(days=1)
    return mask


def slot_indices(mask: int) -> Iterator[int]:
    """The bits set in ``mask``, lowest first."""
    while mask:
        lowest = mask & -mask
        yield lowest.bit_length() - 1
        mask ^= lowest
