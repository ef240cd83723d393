"""Dates and times written the way the reader's language writes them.

Free of Flask but for flask_babel (the locale of the request, the translated "at"), so the
rules in services/ can use it as well as views, templates and mail.
"""

from __future__ import annotations

from datetime import date, datetime

from babel import dates as babel_dates
from babel import numbers as babel_numbers
from flask_babel import get_locale
from flask_babel import gettext as _

from business_corner.clock import utcnow

DEFAULT_LOCALE = "fr"


def current_locale() -> str:
    locale = get_locale()
    return locale.language if locale is not None else DEFAULT_LOCALE


# Babel's own helpers are used directly: Flask-Babel's would convert every instant to one
# server-wide zone, and each of our times belongs to a particular city.


def format_day(moment: date) -> str:
    """ "mardi 3 mars 2026" / "Tuesday, March 3, 2026" (a datetime: in its own zone)."""
    return babel_dates.format_date(moment, "full", locale=current_locale())


def format_clock(moment: datetime) -> str:
    """ "18:00" / "6:00 PM"."""
    return babel_dates.format_time(moment, "short", tzinfo=moment.tzinfo, locale=current_locale())


def format_short_day(moment: datetime) -> str:
    """ "mar. 3 mars" / "Tue, Mar 3"."""
    return babel_dates.format_skeleton("MMMEd", moment, locale=current_locale())


def format_day_and_clock(moment: datetime) -> str:
    """ "mardi 3 mars 2026 à 18:00" / "Tuesday, March 3, 2026 at 6:00 PM"."""
    return _("%(day)s at %(time)s", day=format_day(moment), time=format_clock(moment))


def format_relative(moment: datetime, now: datetime | None = None) -> str:
    """ "dans 3 jours" / "in 3 days", "il y a 2 heures" / "2 hours ago"."""
    delta = moment - (now or utcnow())
    return babel_dates.format_timedelta(
        delta, add_direction=True, granularity="minute", threshold=1.5, locale=current_locale()
    )


def format_numeric_date(moment: datetime) -> str:
    return babel_dates.format_datetime(
        moment, "short", tzinfo=moment.tzinfo, locale=current_locale()
    )


def format_one_decimal(value: float) -> str:
    """ "86,2" / "86.2": a rate or an average, with the reader's decimal sign."""
    return babel_numbers.format_decimal(value, "0.0", locale=current_locale())
