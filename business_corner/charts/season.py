"""The season report's charts: people per month, sectors, and level progression."""

from __future__ import annotations

from collections import Counter
from datetime import date

from babel import dates as babel_dates
from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup

from business_corner.charts.columns import Part, bar_chart, column_chart
from business_corner.formatting import current_locale
from business_corner.vocabulary import Sector


def _people(count: int) -> str:
    return ngettext("%(num)d person", "%(num)d people", count)


def attendance_chart(chart_id: str, per_month: dict[date, int]) -> Markup:
    """People who came (checked in and walk-ins), month by month."""
    months = sorted(per_month)
    total = sum(per_month.values())
    parts = [
        Part(
            babel_dates.format_skeleton("MMMyy", month, locale=current_locale()),
            per_month[month],
            _people(per_month[month]),
            babel_dates.format_skeleton("yMMMM", month, locale=current_locale()),
        )
        for month in months
    ]
    summary = (
        ngettext("%(num)d attendance in the period.", "%(num)d attendances in the period.", total)
        if parts
        else _("No session held in the period.")
    )
    return bar_chart(chart_id, _("People who came, per month"), summary, parts, "months")


def season_sector_chart(chart_id: str, sectors: Counter[Sector]) -> Markup:
    rows = sorted(sectors.items(), key=lambda item: (-item[1], item[0].label))
    parts = [Part(sector.label, count, _people(count)) for sector, count in rows]
    summary = ngettext("%(num)d sector represented.", "%(num)d sectors represented.", len(rows))
    return bar_chart(chart_id, _("Sectors of the people who came"), summary, parts, "sectors")


def progression_chart(chart_id: str, up: int, same: int, down: int) -> Markup:
    parts = [
        Part(_("Higher"), up, _people(up)),
        Part(_("Same"), same, _people(same)),
        Part(_("Lower"), down, _people(down)),
    ]
    summary = ngettext(
        "%(num)d person came at least twice.",
        "%(num)d people came at least twice.",
        up + same + down,
    )
    return column_chart(
        chart_id, _("Level of people who came at least twice"), summary, parts, "progression"
    )
