"""The Los Angeles organiser finds the demo's joint session (created by Marseille) on a
phone and on a laptop, in both languages, and opens its attendee list."""

from __future__ import annotations

from dataclasses import replace

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LANGUAGES
from tests.support.browser import DESKTOP, PHONE
from tests.support.tour import open_page

SAYS = {
    "fr": {
        "tag": "Session commune\u00a0: Los Angeles, Marseille",
        "line": "Session commune des antennes de Los Angeles, Marseille",
    },
    "en": {
        "tag": "Joint session: Los Angeles, Marseille",
        "line": "Joint session of the chapters of Los Angeles, Marseille",
    },
}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1440px"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_co_host_s_organiser_sees_the_joint_session(browser, site, language, viewport):
    says = SAYS[language]
    los_angeles = replace(
        site, organiser_email=site.co_host_email, organiser_password=site.co_host_password
    )
    page = open_page(browser, los_angeles, language, viewport, organiser=True)
    try:
        # In the sessions table (the dashboard also lists who is coming, with the same link).
        link = page.locator(f"table a[href$='/organiser/sessions/{site.joint_event_id}/attendees']")
        expect(link).to_be_visible()
        expect(page.get_by_text(says["tag"])).to_be_visible()
        link.click()
        page.wait_for_url(f"**/organiser/sessions/{site.joint_event_id}/attendees")
        expect(page.get_by_text(says["line"])).to_be_visible()
        # Readable on a phone: nothing pushes the page wider than the screen.
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"]
    finally:
        page.context.close()
