"""The dates of a series, from its rule: python-dateutil's ``rrule`` does the counting.

Days only: the time of day is applied afterwards in the series' own zone
(``city_times.local_to_utc``), so 18:30 in Marseille stays 18:30 across clock changes while
the instant in UTC (and the time in Los Angeles) moves.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import islice

from dateutil.rrule import MONTHLY, WEEKLY, rrule, weekday
from flask_babel import lazy_gettext as _l

from business_corner.services.errors import DomainError
from business_corner.vocabulary import Recurrence

#: A series holds at most this many dates: beyond, it is several seasons, not one.
MAX_DATES = 60


@dataclass(frozen=True)
class SeriesRule:
    """How the dates repeat and when they end (``count`` dates or up to ``until``)."""

    recurrence: Recurrence
    first_day: date
    interval: int = 1
    #: Monthly rule: weekday (0 = Monday) and which one of the month (1..4, or -1 the last).
    weekday: int | None = None
    nth: int | None = None
    count: int | None = None
    until: date | None = None
    listed: tuple[date, ...] = ()
    skipped: frozenset[date] = field(default_factory=frozenset)

    def check(self) -> None:
        """Refuse a rule that generates nothing sensible, with a translated reason."""
        if self.recurrence is Recurrence.DATES:
            if not self.listed:
                raise DomainError(_l("Give at least one date."))
            return
        if not 1 <= self.interval <= 12:
            raise DomainError(_l("Repeat every 1 to 12 weeks or months."))
        if (self.count is None) == (self.until is None):
            raise DomainError(_l("End the series after a number of dates or on a last date."))
        if self.count is not None and not 1 <= self.count <= MAX_DATES:
            raise DomainError(_l("A series has between 1 and %(most)s dates.", most=MAX_DATES))
        if self.until is not None and self.until < self.first_day:
            raise DomainError(_l("The last date cannot come before the first one."))
        if self.recurrence is Recurrence.MONTHLY_WEEKDAY and (
            self.weekday not in range(7) or self.nth not in {1, 2, 3, 4, -1}
        ):
            raise DomainError(_l("Choose the weekday and which one of the month."))


def _rule_days(rule: SeriesRule) -> Iterator[date]:
    start = datetime.combine(rule.first_day, datetime.min.time())
    until = datetime.combine(rule.until, datetime.min.time()) if rule.until else None
    if rule.recurrence is Recurrence.WEEKLY:
        dates = rrule(WEEKLY, interval=rule.interval, dtstart=start, until=until)
    else:
        if rule.weekday is None or rule.nth is None:  # check() refuses this already
            raise DomainError(_l("Choose the weekday and which one of the month."))
        dates = rrule(
            MONTHLY,
            interval=rule.interval,
            dtstart=start,
            until=until,
            byweekday=weekday(rule.weekday, rule.nth),
        )
    return (moment.date() for moment in dates)


def series_days(rule: SeriesRule) -> list[date]:
    """The days of the series, in order, skipped days left out. A count counts the dates
    that take place: "six dates, skipping the holidays" gives six dates."""
    rule.check()
    if rule.recurrence is Recurrence.DATES:
        days = sorted(set(rule.listed) - rule.skipped)
    else:
        kept = (day for day in _rule_days(rule) if day not in rule.skipped)
        days = list(islice(kept, rule.count or MAX_DATES + 1))
    if not days:
        raise DomainError(_l("This rule gives no date: check its start, end and skipped days."))
    if len(days) > MAX_DATES:
        raise DomainError(_l("A series has between 1 and %(most)s dates.", most=MAX_DATES))
    return days
