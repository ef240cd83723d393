"""Charts for organisers, drawn on the server as accessible SVG (no JavaScript).

Each chart is an ``<svg role="img">`` whose ``<title>`` and ``<desc>`` say, in the reader's
language, what it shows and every number in it; the drawing itself is hidden from
assistive technologies.
"""

from business_corner.charts.breakdowns import level_chart, sector_chart
from business_corner.charts.feedback import level_now_chart, table_fit_chart, usefulness_chart
from business_corner.charts.timeline import signups_chart

__all__ = [
    "level_chart",
    "level_now_chart",
    "sector_chart",
    "signups_chart",
    "table_fit_chart",
    "usefulness_chart",
]
