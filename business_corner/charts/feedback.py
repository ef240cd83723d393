"""What attendees said after one session: usefulness (1–5), their level now, table fit."""

from __future__ import annotations

from collections import Counter

from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup

from business_corner.charts.columns import Part, bar_chart, column_chart
from business_corner.vocabulary import Level, TableFit


def answers(count: int) -> str:
    return ngettext("%(num)d answer", "%(num)d answers", count)


def _summary(total: int) -> str:
    return ngettext("%(num)d answer.", "%(num)d answers.", total) if total else _("No answer yet.")


def usefulness_chart(chart_id: str, ratings: Counter[int]) -> Markup:
    """How many gave each mark, 1 to 5 (the empty marks included, so shapes compare)."""
    total = sum(ratings.values())
    parts = [
        Part(str(mark), ratings[mark], answers(ratings[mark]), _("Mark %(mark)d", mark=mark))
        for mark in range(1, 6)
    ]
    return column_chart(chart_id, _("How useful it was"), _summary(total), parts, "usefulness")


def level_now_chart(chart_id: str, levels: Counter[Level]) -> Markup:
    """The levels attendees give themselves now, A1 to C2."""
    total = sum(levels.values())
    parts = [
        Part(level.value, levels[level], answers(levels[level]), f"{level.value}, {level.label}")
        for level in Level
    ]
    return column_chart(
        chart_id, _("English level now (self-assessed)"), _summary(total), parts, "levels"
    )


def table_fit_chart(chart_id: str, fits: Counter[TableFit]) -> Markup:
    total = sum(fits.values())
    parts = [Part(fit.label, fits[fit], answers(fits[fit])) for fit in TableFit]
    return bar_chart(chart_id, _("Did the table's level suit them?"), _summary(total), parts, "fit")
