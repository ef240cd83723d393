"""When a member can talk, in their own local time: days of the week and clock ranges.

Written and read as text such as ``mon-thu 17:00-19:30; fri 08:00-10:00`` (English or
French day names, ``17h30`` too), the form the spreadsheet command reads and the database
keeps. Nothing here knows a time zone: the hours are wall-clock times of the member's city.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from business_corner.services.tandems.errors import UnreadableHours

DAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
#: Day names read in a sheet or a form, English and French, with their usual short forms.
_DAY_NAMES = {
    **{code: index for index, code in enumerate(DAY_CODES)},
    **{
        name: index
        for index, names in enumerate(
            [
                ("monday", "lun", "lundi"),
                ("tuesday", "tues", "mar", "mardi"),
                ("wednesday", "mer", "mercredi"),
                ("thursday", "thur", "thurs", "jeu", "jeudi"),
                ("friday", "ven", "vendredi"),
                ("saturday", "sam", "samedi"),
                ("sunday", "dim", "dimanche"),
            ]
        )
        for name in names
    },
}
_GROUPS = {
    "weekdays": range(5),
    "semaine": range(5),
    "daily": range(7),
    "everyday": range(7),
    "tous": range(7),
}
_TIME = r"(\d{1,2})(?:[:h](\d{2}))?h?"
_RANGE = re.compile(rf"^{_TIME}\s*[-–]\s*{_TIME}$")
MINUTES_PER_DAY = 24 * 60
#: The shortest window worth a tandem.
SLOT_MINUTES = 30


@dataclass(frozen=True, order=True)
class HourRange:
    """One clock range on one weekday (0 is Monday), in minutes after local midnight."""

    weekday: int
    start: int
    end: int

    def covers(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


@dataclass(frozen=True)
class WeeklyHours:
    """The week's ranges, merged and sorted; the same hours always give the same text."""

    ranges: tuple[HourRange, ...]

    @classmethod
    def of(cls, ranges: Iterable[HourRange]) -> WeeklyHours:
        merged: list[HourRange] = []
        for current in sorted(ranges):
            last = merged[-1] if merged else None
            if last is not None and last.weekday == current.weekday and current.start <= last.end:
                merged[-1] = HourRange(last.weekday, last.start, max(last.end, current.end))
            else:
                merged.append(current)
        return cls(tuple(merged))

    def on(self, weekday: int) -> tuple[HourRange, ...]:
        return tuple(r for r in self.ranges if r.weekday == weekday)

    def covers(self, weekday: int, start: int, end: int) -> bool:
        """Is the whole of [start, end] (minutes of that weekday) inside one range?"""
        return any(r.covers(start, end) for r in self.ranges if r.weekday == weekday)

    @property
    def usable(self) -> bool:
        """At least one range holds a whole tandem."""
        return any(r.end - r.start >= SLOT_MINUTES for r in self.ranges)

    def text(self) -> str:
        """``mon-fri 08:00-19:00; sat 10:00-12:00``: consecutive days with the same ranges
        are grouped."""
        by_day = [tuple((r.start, r.end) for r in self.on(day)) for day in range(7)]
        parts: list[str] = []
        day = 0
        while day < 7:
            if not by_day[day]:
                day += 1
                continue
            last = day
            while last + 1 < 7 and by_day[last + 1] == by_day[day]:
                last += 1
            days = DAY_CODES[day] if last == day else f"{DAY_CODES[day]}-{DAY_CODES[last]}"
            clocks = " ".join(f"{_clock(start)}-{_clock(end)}" for start, end in by_day[day])
            parts.append(f"{days} {clocks}")
            day = last + 1
        return "; ".join(parts)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


#: Weekdays 08:00–19:00: a working day in either city.
DEFAULT_HOURS = WeeklyHours.of(HourRange(day, 8 * 60, 19 * 60) for day in range(5))


def parse_hours(text: str) -> WeeklyHours:
    """Read ``mon-thu 17:00-19:30; fri 08:00-10:00``; ``UnreadableHours`` says what is wrong.

    Parts are separated by ``;`` or new lines; each names days (``mon``, ``mon-thu``,
    ``mon,wed``, ``weekdays``) then one or more ranges. Empty text is the default hours.
    """
    if not text.strip():
        return DEFAULT_HOURS
    ranges: list[HourRange] = []
    for part in re.split(r"[;\n]+", text):
        part = part.strip().casefold()
        if not part:
            continue
        pieces = part.replace(", ", ",").split()
        if len(pieces) < 2:
            raise UnreadableHours(part, _l("give the days, then the hours"))
        days = _days(pieces[0], part)
        for piece in pieces[1:]:
            start, end = _range(piece, part)
            ranges.extend(HourRange(day, start, end) for day in days)
    return WeeklyHours.of(ranges)


def _days(spec: str, part: str) -> list[int]:
    if spec in _GROUPS:
        return list(_GROUPS[spec])
    days: list[int] = []
    for item in spec.split(","):
        ends = item.split("-")
        if len(ends) > 2 or any(end.strip(".") not in _DAY_NAMES for end in ends):
            raise UnreadableHours(part, _l("unknown day %(day)s", day=item))
        first, last = (_DAY_NAMES[end.strip(".")] for end in (ends[0], ends[-1]))
        if last < first:
            raise UnreadableHours(part, _l("the days go backwards in %(days)s", days=item))
        days.extend(range(first, last + 1))
    return days


def _range(piece: str, part: str) -> tuple[int, int]:
    match = _RANGE.match(piece)
    if match is None:
        raise UnreadableHours(part, _l("%(range)s is not a time range", range=piece))
    hour1, minute1, hour2, minute2 = match.groups()
    start = _minutes(hour1, minute1)
    end = _minutes(hour2, minute2)
    if start is None or end is None:
        raise UnreadableHours(part, _l("%(range)s is not a time of day", range=piece))
    if end <= start:
        raise UnreadableHours(part, _l("%(range)s ends before it starts", range=piece))
    return start, end


def _minutes(hour: str, minute: str | None) -> int | None:
    value = int(hour) * 60 + int(minute or 0)
    if int(minute or 0) >= 60 or value > MINUTES_PER_DAY:
        return None
    return value
