"""The organiser's charts: right numbers, escaped text, and a name and description that
carry every number for screen readers, in French and in English."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from xml.etree.ElementTree import Element, fromstring

import pytest
from flask_babel import force_locale

from business_corner import create_app
from business_corner.charts import level_chart, sector_chart, signups_chart
from business_corner.vocabulary import Level, Sector

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def babel_app():
    """Charts need translations, not a database."""
    app = create_app({"TESTING": True, "DATABASE_URL": "sqlite://", "SECRET_KEY": "charts"})
    with app.app_context():
        yield app


@pytest.fixture
def speak(babel_app):
    def in_language(language: str):
        return force_locale(language)

    return in_language


def parse(markup) -> Element:
    return fromstring(str(markup))  # noqa: S314 (our own SVG, not untrusted input)


def texts(svg: Element, class_: str) -> list[str]:
    return [node.text or "" for node in svg.iter("text") if node.get("class") == class_]


def bars(svg: Element) -> list[float]:
    return [
        float(node.get("height"))
        for node in svg.iter("rect")
        if "chart-bar" in node.get("class", "").split()
    ]


def accessible_name(svg: Element) -> str:
    """What a screen reader announces: the elements aria-labelledby points at, in order."""
    by_id = {node.get("id"): node for node in svg.iter() if node.get("id")}
    return " ".join(by_id[ref].text for ref in svg.get("aria-labelledby").split())


def check_accessible_and_styleless(svg: Element) -> None:
    assert svg.get("role") == "img"
    title, desc = list(svg)[:2]
    assert (title.tag, desc.tag) == ("title", "desc")
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    # The Content-Security-Policy (style-src 'self') would block both.
    assert all(node.tag != "style" and "style" not in node.attrib for node in svg.iter())
    assert list(svg)[2].get("aria-hidden") == "true"  # the drawing repeats the description


LEVELS = Counter({Level.B1: 4, Level.B2: 2, Level.C2: 1})


def test_level_columns_are_in_proportion(speak):
    with speak("en"):
        svg = parse(level_chart("levels-1", "Pitch", LEVELS))
    assert texts(svg, "chart-label") == ["A1", "A2", "B1", "B2", "C1", "C2"]
    assert texts(svg, "chart-value") == ["0", "0", "4", "2", "0", "1"]
    heights = bars(svg)
    assert heights[0] == heights[1] == heights[4] == 0
    assert heights[2] == pytest.approx(2 * heights[3], abs=0.1)
    assert heights[2] == pytest.approx(4 * heights[5], abs=0.1)
    check_accessible_and_styleless(svg)


@pytest.mark.parametrize(
    "language, name",
    [
        (
            "en",
            "English levels, Pitch your business 7 confirmed attendees. "
            "A1, Breakthrough: 0 people. A2, Waystage: 0 people. "
            "B1, Threshold: 4 people. B2, Vantage: 2 people. "
            "C1, Effective operational proficiency: 0 people. C2, Mastery: 1 person.",
        ),
        (
            "fr",
            f"Niveaux d’anglais, Pitch your business 7 participants confirmés. "
            f"A1, Découverte{NBSP}: 0 personne. A2, Survie{NBSP}: 0 personne. "
            f"B1, Seuil{NBSP}: 4 personnes. B2, Avancé (indépendant){NBSP}: 2 personnes. "
            f"C1, Autonome{NBSP}: 0 personne. C2, Maîtrise{NBSP}: 1 personne.",
        ),
    ],
)
def test_level_chart_says_every_number_in_the_readers_language(speak, language, name):
    with speak(language):
        svg = parse(level_chart("levels-1", "Pitch your business", LEVELS))
    assert accessible_name(svg) == name


def test_sectors_most_represented_first_and_only_those_present(speak):
    sectors = Counter({Sector.HEALTH: 1, Sector.DIGITAL: 3, Sector.TRADE: 1, Sector.ENERGY: 0})
    with speak("en"):
        svg = parse(sector_chart("sectors-1", "Pitch", sectors))
    assert texts(svg, "chart-label") == ["Digital & IT", "Health & social care", "Trade & retail"]
    assert texts(svg, "chart-value") == ["3", "1", "1"]
    longest, *others = [float(node.get("width")) for node in svg.iter("rect")]
    assert all(longest == pytest.approx(3 * width, abs=0.5) for width in others)
    assert accessible_name(svg) == (
        "Sectors, Pitch 5 confirmed attendees. Digital & IT: 3 people. "
        "Health & social care: 1 person. Trade & retail: 1 person."
    )
    check_accessible_and_styleless(svg)


def test_sector_chart_in_french(speak):
    with speak("fr"):
        svg = parse(sector_chart("sectors-1", "Pitch", Counter({Sector.DIGITAL: 2})))
    assert texts(svg, "chart-label") == ["Numérique & informatique"]
    assert accessible_name(svg) == (
        f"Secteurs, Pitch 2 participants confirmés. Numérique & informatique{NBSP}: 2 personnes."
    )


@pytest.mark.parametrize("chart", [level_chart, sector_chart])
def test_session_titles_are_escaped(speak, chart):
    title = '</title><script>alert("x")</script> & "Co" <b>'
    with speak("en"):
        markup = str(chart("chart-1", title, Counter()))
    assert "<script>" not in markup and "<b>" not in markup
    assert "&lt;script&gt;" in markup and "&amp;" in markup
    svg = parse(markup)  # still well-formed, and the title reads as typed
    assert svg.find("title").text.endswith(f", {title}")


@pytest.mark.parametrize("chart", [level_chart, sector_chart])
@pytest.mark.parametrize(
    "language, nobody",
    [("en", "Nobody is confirmed yet."), ("fr", "Aucun participant confirmé pour l’instant.")],
)
def test_nobody_yet(speak, chart, language, nobody):
    with speak(language):
        svg = parse(chart("chart-1", "Pitch", Counter()))
    assert svg.find("desc").text == nobody
    assert all(height == 0 for height in bars(svg))
    check_accessible_and_styleless(svg)


def four_weeks(counts: dict[int, int]) -> list[tuple[date, int]]:
    first = date(2026, 10, 30)
    return [(first + timedelta(days=offset), counts.get(offset, 0)) for offset in range(28)]


def test_signups_per_day(speak):
    days = four_weeks({7: 4, 8: 2, 27: 7})
    with speak("en"):
        svg = parse(signups_chart("signups", days))
    heights = bars(svg)
    assert len(heights) == 28
    assert heights[7] == pytest.approx(2 * heights[8], abs=0.1)
    assert sum(1 for height in heights if height) == 3
    # Grid lines every 2 up to 8, dates under the first day and then every week.
    assert texts(svg, "chart-tick") == [
        "0",
        "2",
        "4",
        "6",
        "8",
        "Oct 30",
        "Nov 6",
        "Nov 13",
        "Nov 20",
    ]
    assert accessible_name(svg) == (
        "Sign-ups per day, last 28 days 13 sign-ups in 28 days. Friday, November 6, 2026: 4. "
        "Saturday, November 7, 2026: 2. Thursday, November 26, 2026: 7."
    )
    check_accessible_and_styleless(svg)


def test_signups_in_french(speak):
    with speak("fr"):
        svg = parse(signups_chart("signups", four_weeks({0: 1})))
    assert texts(svg, "chart-tick")[-4:] == ["30 oct.", "6 nov.", "13 nov.", "20 nov."]
    assert accessible_name(svg) == (
        f"Inscriptions par jour, 28 derniers jours 1 inscription en 28 jours. "
        f"Vendredi 30 octobre 2026{NBSP}: 1."
    )


def test_no_signups_yet(speak):
    with speak("en"):
        svg = parse(signups_chart("signups", four_weeks({})))
    assert svg.find("desc").text == "0 sign-ups in 28 days."
    assert texts(svg, "chart-tick")[:2] == ["0", "1"]
    assert not any(bars(svg))
