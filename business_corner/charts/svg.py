"""A small SVG writer for charts: every text escaped, no inline style, an accessible name.

The elements are built with ElementTree, which escapes text and attribute values, so a
session title such as ``<script>`` or ``"A & B"`` is shown as typed, never interpreted.
Colours and fonts come from classes styled in static/css/site.css: the Content-Security-
Policy (``style-src 'self'``) forbids ``style`` attributes and ``<style>`` elements.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement, tostring

from markupsafe import Markup


def _number(value: float) -> str:
    """Coordinates with at most one decimal: short markup, and no "1e-05"."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


class Canvas:
    """An ``<svg role="img">`` named by its ``<title>`` and ``<desc>``.

    ``aria-labelledby`` points at both, so a screen reader announces the title and then
    the description, which carries every number of the chart in words.
    """

    def __init__(
        self, chart_id: str, width: int, height: int, title: str, description: str, kind: str
    ) -> None:
        self.root = Element(
            "svg",
            {
                "class": f"chart chart-{kind}",
                "id": chart_id,
                "viewBox": f"0 0 {width} {height}",
                "width": str(width),
                "height": str(height),
                "role": "img",
                "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
            },
        )
        SubElement(self.root, "title", {"id": f"{chart_id}-title"}).text = title
        SubElement(self.root, "desc", {"id": f"{chart_id}-desc"}).text = description
        # What is drawn repeats the description: assistive technologies skip it.
        self.drawing = SubElement(self.root, "g", {"aria-hidden": "true"})

    def rect(self, x: float, y: float, width: float, height: float, class_: str) -> None:
        SubElement(
            self.drawing,
            "rect",
            {
                "class": class_,
                "x": _number(x),
                "y": _number(y),
                "width": _number(max(width, 0)),
                "height": _number(max(height, 0)),
            },
        )

    def line(self, x1: float, y1: float, x2: float, y2: float, class_: str) -> None:
        SubElement(
            self.drawing,
            "line",
            {
                "class": class_,
                "x1": _number(x1),
                "y1": _number(y1),
                "x2": _number(x2),
                "y2": _number(y2),
            },
        )

    def text(self, x: float, y: float, content: str, class_: str, anchor: str = "start") -> None:
        SubElement(
            self.drawing,
            "text",
            {
                "class": class_,
                "x": _number(x),
                "y": _number(y),
                "text-anchor": anchor,
            },
        ).text = content

    def markup(self) -> Markup:
        """The SVG, safe to put in a template as it is."""
        # ElementTree escapes every text and attribute it serialises: nothing raw gets in.
        return Markup(tostring(self.root, encoding="unicode"))  # noqa: S704
