"""VTIMEZONE components that give the right offsets for the dates they are used on."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import MAXYEAR, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Timezone


@lru_cache(maxsize=256)
def vtimezone_for_years(zone: str, first_year: int, last_year: int) -> Timezone:
    """The zone's rules from 1 January of ``first_year`` to 1 January after ``last_year``."""
    return Timezone.from_tzinfo(
        ZoneInfo(zone),
        tzid=zone,
        first_date=date(first_year, 1, 1),
        # Sessions late in year 9998 or 9999: the last year a date can hold.
        last_date=date(min(last_year + 1, MAXYEAR), 1, 1),
    )


def vtimezone(zone: str, moments: Iterable[datetime]) -> Timezone:
    """The zone's rules, read from zoneinfo, for whole years around ``moments``.

    The range follows the events (icalendar's default stops in 2038), so a session in
    2045 still gets that year's transitions; whole years keep the cache small.
    """
    return vtimezone_for_years(zone, *year_range(moments))


def year_range(moments: Iterable[datetime]) -> tuple[int, int]:
    """The whole years a zone's VTIMEZONE covers for ``moments``: one either side."""
    years = [moment.year for moment in moments]
    return max(min(years) - 1, 1), max(years) + 1
