"""Two generic shapes for the after-session charts: columns (an ordered scale: ratings,
levels) and labelled bars (categories, most first). Both say every number in words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import gettext as _
from markupsafe import Markup

from business_corner.charts.svg import Canvas

WIDTH = 320
TOP, BOTTOM, SIDE = 22, 26, 6
COLUMNS_HEIGHT = 170
ROW, BAR, VALUE_ROOM = 38, 12, 48


@dataclass(frozen=True)
class Part:
    #: Short text drawn under a column or above a bar ("B2", "4", "Too easy for me").
    label: str
    value: float
    #: The number as said in the description ("3 people", "75 %").
    spoken: str
    #: The longer name said in the description, when the label is a code ("B2, Vantage").
    name: str = ""
    #: How the value is written on the chart (defaults to the number).
    shown: str = ""


def _description(summary: str, parts: Sequence[Part]) -> str:
    said = [
        _("%(name)s: %(value)s", name=part.name or part.label, value=part.spoken) + "."
        for part in parts
    ]
    return " ".join([summary, *said])


def _shown(part: Part) -> str:
    if part.shown:
        return part.shown
    return str(int(part.value)) if float(part.value).is_integer() else f"{part.value:.1f}"


def column_chart(
    chart_id: str, title: str, summary: str, parts: Sequence[Part], kind: str
) -> Markup:
    """One column per part, in the order given (a scale keeps its empty steps)."""
    canvas = Canvas(chart_id, WIDTH, COLUMNS_HEIGHT, title, _description(summary, parts), kind)
    band = (WIDTH - 2 * SIDE) / max(len(parts), 1)
    baseline = COLUMNS_HEIGHT - BOTTOM
    tallest = max((part.value for part in parts), default=0) or 1
    for index, part in enumerate(parts):
        middle = SIDE + band * (index + 0.5)
        height = (baseline - TOP) * part.value / tallest
        canvas.rect(middle - band * 0.3, baseline - height, band * 0.6, height, "chart-bar")
        canvas.text(middle, baseline - height - 6, _shown(part), "chart-value", "middle")
        canvas.text(middle, baseline + 18, part.label, "chart-label", "middle")
    canvas.line(SIDE, baseline, WIDTH - SIDE, baseline, "chart-axis")
    return canvas.markup()


def bar_chart(
    chart_id: str,
    title: str,
    summary: str,
    parts: Sequence[Part],
    kind: str,
    scale_to: float | None = None,
) -> Markup:
    """A labelled bar per part, in the order given; ``scale_to`` fixes the full length
    (100 for percentages), otherwise the longest bar fills the row."""
    height = max(len(parts), 1) * ROW + 4
    canvas = Canvas(chart_id, WIDTH, height, title, _description(summary, parts), kind)
    longest = scale_to or max((part.value for part in parts), default=0) or 1
    for index, part in enumerate(parts):
        top = index * ROW
        length = (WIDTH - VALUE_ROOM) * min(part.value, longest) / longest
        canvas.text(0, top + 14, part.label, "chart-label")
        canvas.rect(0, top + 20, length, BAR, "chart-bar chart-bar-alt")
        canvas.text(length + 6, top + 30, _shown(part), "chart-value")
    return canvas.markup()
