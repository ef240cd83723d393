"""Every page of the tour, in both languages: nothing for axe-core to report, no sideways
scrolling on a phone, and nothing fetched from another site (it works offline)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import LANGUAGES
from tests.support.axe import report, violations
from tests.support.tour import TOUR

STOPS = {stop.name: stop for stop in TOUR}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(STOPS))
def test_no_accessibility_violation(page_for, site, name, language):
    stop = STOPS[name]
    page = page_for(language, organiser=stop.organiser)
    stop.visit(page, site)
    assert page.locator("html").get_attribute("lang") == language
    found = violations(page)
    assert found == [], report(found)


@pytest.mark.parametrize("name", list(STOPS))
def test_fits_a_phone_and_needs_no_other_site(page_for, site, name):
    stop = STOPS[name]
    page = page_for("fr", organiser=stop.organiser)
    fetched: list[str] = []

    def record(request) -> None:
        fetched.append(request.url)

    page.on("request", record)
    try:
        stop.visit(page, site)
    finally:
        page.remove_listener("request", record)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} is {overflow}px wider than a 375px phone"
    assert [url for url in fetched if not url.startswith(site.base)] == []
