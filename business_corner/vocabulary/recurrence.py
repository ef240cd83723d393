"""How the dates of a series repeat."""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class Recurrence(StrEnum):
    #: Every N weeks on the first date's weekday (N = 1: every week).
    WEEKLY = "weekly"
    #: Every N months on the n-th (or last) weekday of the month: "first Thursday".
    MONTHLY_WEEKDAY = "monthly_weekday"
    #: An explicit list of dates.
    DATES = "dates"

    @property
    def label(self) -> str:
        return str(_LABELS[self])


_LABELS = {
    Recurrence.WEEKLY: _l("Every week, or every few weeks"),
    Recurrence.MONTHLY_WEEKDAY: _l("Every month on a weekday (such as the first Thursday)"),
    Recurrence.DATES: _l("A list of dates"),
}
