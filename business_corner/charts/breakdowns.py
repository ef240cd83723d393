"""Who is coming to one session: English levels (columns) and sectors (bars)."""

from __future__ import annotations

from collections import Counter

from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup

from business_corner.charts.svg import Canvas
from business_corner.vocabulary import Level, Sector

WIDTH = 320
#: Room above the columns for their numbers, and below for the level codes.
TOP, BOTTOM, SIDE = 22, 26, 6
LEVELS_HEIGHT = 170
#: Each sector takes a row: its name, then a bar ending with its number.
ROW, BAR, VALUE_ROOM = 38, 12, 36


def people(count: int) -> str:
    return ngettext("%(num)d person", "%(num)d people", count)


def _description(total: int, parts: list[str]) -> str:
    """ "7 confirmed attendees. B1, Threshold: 4 people. …": one sentence per number."""
    if not total:
        return _("Nobody is confirmed yet.")
    heading = ngettext("%(num)d confirmed attendee.", "%(num)d confirmed attendees.", total)
    return " ".join([heading, *(part + "." for part in parts)])


def level_chart(chart_id: str, session_title: str, levels: Counter[Level]) -> Markup:
    """One column per CEFR level, A1 to C2, the empty ones included so shapes compare."""
    total = sum(levels.values())
    parts = [
        _(
            "%(level)s, %(name)s: %(people)s",
            level=level.value,
            name=level.label,
            people=people(levels[level]),
        )
        for level in Level
    ]
    canvas = Canvas(
        chart_id,
        WIDTH,
        LEVELS_HEIGHT,
        _("English levels, %(session)s", session=session_title),
        _description(total, parts),
        "levels",
    )
    band = (WIDTH - 2 * SIDE) / len(Level)
    baseline = LEVELS_HEIGHT - BOTTOM
    tallest = max(levels.values(), default=0) or 1
    for index, level in enumerate(Level):
        count = levels[level]
        middle = SIDE + band * (index + 0.5)
        height = (baseline - TOP) * count / tallest
        canvas.rect(middle - band * 0.3, baseline - height, band * 0.6, height, "chart-bar")
        canvas.text(middle, baseline - height - 6, str(count), "chart-value", "middle")
        canvas.text(middle, baseline + 18, level.value, "chart-label", "middle")
    canvas.line(SIDE, baseline, WIDTH - SIDE, baseline, "chart-axis")
    return canvas.markup()


def sector_chart(chart_id: str, session_title: str, sectors: Counter[Sector]) -> Markup:
    """The sectors present, most represented first, each as a labelled bar."""
    rows = sorted(
        ((count, sector) for sector, count in sectors.items() if count),
        key=lambda row: (-row[0], row[1].label),
    )
    total = sum(count for count, _sector in rows)
    parts = [
        _("%(sector)s: %(people)s", sector=sector.label, people=people(count))
        for count, sector in rows
    ]
    height = max(len(rows), 1) * ROW + 4
    canvas = Canvas(
        chart_id,
        WIDTH,
        height,
        _("Sectors, %(session)s", session=session_title),
        _description(total, parts),
        "sectors",
    )
    longest = rows[0][0] if rows else 1
    for index, (count, sector) in enumerate(rows):
        top = index * ROW
        length = (WIDTH - VALUE_ROOM) * count / longest
        canvas.text(0, top + 14, sector.label, "chart-label")
        canvas.rect(0, top + 20, length, BAR, "chart-bar chart-bar-alt")
        canvas.text(length + 6, top + 30, str(count), "chart-value")
    return canvas.markup()
