"""Sign-ups per day over the last weeks, for a chapter."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from babel import dates as babel_dates
from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup

from business_corner.charts.svg import Canvas
from business_corner.formatting import current_locale, format_day

WIDTH, HEIGHT = 360, 180
LEFT, RIGHT, TOP, BOTTOM = 30, 6, 10, 28
#: A date under the first column and then every week.
TICK_EVERY = 7


def _step(tallest: int) -> int:
    """A round gap between grid lines that gives at most four of them."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if tallest <= step * 4:
            return step
    return -(-tallest // 4)


def _short(day: date) -> str:
    """ "3 nov." / "Nov 3"."""
    return babel_dates.format_skeleton("MMMd", day, locale=current_locale())


def _capitalised(sentence: str) -> str:
    """French weekdays are written in lower case, except at the start of a sentence."""
    return sentence[:1].upper() + sentence[1:]


def signups_chart(chart_id: str, days: Sequence[tuple[date, int]]) -> Markup:
    """One column per day; the description gives the total, then each day that had sign-ups."""
    total = sum(count for _day, count in days)
    sentences = [
        ngettext(
            "%(num)d sign-up in %(days)d days.",
            "%(num)d sign-ups in %(days)d days.",
            total,
            days=len(days),
        )
    ]
    sentences += [
        _capitalised(_("%(day)s: %(count)d", day=format_day(day), count=count)) + "."
        for day, count in days
        if count
    ]
    canvas = Canvas(
        chart_id,
        WIDTH,
        HEIGHT,
        _("Sign-ups per day, last %(days)d days", days=len(days)),
        " ".join(sentences),
        "signups",
    )
    tallest = max((count for _day, count in days), default=0)
    step = _step(tallest)
    top_value = step * max(1, -(-tallest // step))  # the grid line at or above the tallest
    baseline = HEIGHT - BOTTOM
    scale = (baseline - TOP) / top_value
    for value in range(0, top_value + 1, step):
        y = baseline - value * scale
        canvas.line(LEFT, y, WIDTH - RIGHT, y, "chart-axis" if value == 0 else "chart-grid")
        canvas.text(LEFT - 6, y + 4, str(value), "chart-tick", "end")
    band = (WIDTH - LEFT - RIGHT) / max(len(days), 1)
    for index, (day, count) in enumerate(days):
        x = LEFT + band * index
        canvas.rect(
            x + band * 0.15, baseline - count * scale, band * 0.7, count * scale, "chart-bar"
        )
        if index % TICK_EVERY == 0:
            canvas.line(x + band / 2, baseline, x + band / 2, baseline + 4, "chart-axis")
            canvas.text(x + band / 2, baseline + 18, _short(day), "chart-tick", "middle")
    return canvas.markup()
