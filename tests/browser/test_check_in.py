"""The door on a phone (375 px): search, one tap to check in, undo, with and without
JavaScript; and a scanned ticket, for the session's organiser and for anyone else."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.support.browser import PHONE
from tests.support.tour import Site, log_in


def door_url(site: Site) -> str:
    return site.url(f"/organiser/sessions/{site.door_event_id}/check-in")


def present_count(page: Any) -> int:
    return int(page.locator(".door-counts div").nth(1).locator("dd").inner_text())


def visible_names(page: Any) -> list[str]:
    return page.locator(".door-row:visible .door-name").all_inner_texts()


@pytest.fixture(scope="module")
def without_javascript(browser: Any, site: Site) -> Iterator[Any]:
    """An organiser's phone with JavaScript switched off."""
    context = browser.new_context(viewport=PHONE, locale="en", java_script_enabled=False)
    context.set_default_timeout(20_000)
    context.add_cookies([{"name": "lang", "value": "en", "url": site.base}])
    page = context.new_page()
    log_in(page, site)
    yield page
    context.close()


def test_search_as_you_type_then_one_tap_and_undo_without_reloading(page_for, site):
    page = page_for("en", organiser=True)
    page.goto(door_url(site))
    page.evaluate("window.samePage = true")  # gone if the page reloads
    before = present_count(page)

    page.fill("#q", "djeb")  # typed, not sent: the list follows each key
    assert visible_names(page) == ["Mehdi Djebbar"]
    page.fill("#q", "pacific")  # the company counts too
    assert visible_names(page) == ["Sarah Goldberg"]
    page.fill("#q", "mehdi")

    page.get_by_role("button", name="Check in Mehdi Djebbar").click()
    row = page.locator(".door-row", has_text="Mehdi Djebbar")
    expect(row).to_have_class(re.compile("is-present"))
    expect(row).to_contain_text("Checked in at")
    expect(page.locator("#door-status")).to_have_text("Mehdi Djebbar is checked in.")
    assert present_count(page) == before + 1
    box = page.get_by_role("button", name="Undo the check-in of Mehdi Djebbar").bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44  # a thumb's target

    page.get_by_role("button", name="Undo the check-in of Mehdi Djebbar").click()
    expect(row).not_to_have_class(re.compile("is-present"))
    assert present_count(page) == before
    assert page.evaluate("window.samePage === true")
    assert visible_names(page) == ["Mehdi Djebbar"]  # the search still applies
    assert "q=mehdi" in page.url  # a reload shows the same list

    page.fill("#q", "")
    assert len(visible_names(page)) == 8


def test_the_same_without_javascript(without_javascript, site):
    page = without_javascript
    page.goto(door_url(site))
    before = present_count(page)

    page.fill("#q", "lambert")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"\?q=lambert$"))
    assert visible_names(page) == ["Inès Lambert"]

    page.get_by_role("button", name="Check in Inès Lambert").click()
    page.wait_for_url(re.compile(r"\?q=lambert#r\d+$"))
    row = page.locator(".door-row", has_text="Inès Lambert")
    expect(row).to_have_class(re.compile("is-present"))
    expect(page.locator(".flash")).to_have_text("Inès Lambert is checked in.")
    assert present_count(page) == before + 1
    assert visible_names(page) == ["Inès Lambert"]

    page.get_by_role("button", name="Undo the check-in of Inès Lambert").click()
    expect(page.locator(".door-row", has_text="Inès Lambert")).not_to_have_class(
        re.compile("is-present")
    )
    assert present_count(page) == before


def test_the_door_fits_a_phone_and_keeps_search_and_counts_in_reach(page_for, site):
    page = page_for("fr", organiser=True)
    page.goto(door_url(site))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(200)
    # Sticky: the search field and the counts stay on screen while the list scrolls.
    assert page.locator("#q").bounding_box()["y"] >= 0
    assert page.locator(".door-counts").bounding_box()["y"] >= 0


def test_a_scanned_ticket_checks_in_with_one_button_for_the_organiser_only(page_for, browser, site):
    ticket = site.url(f"/organiser/check-in/{site.door_ticket}")
    stranger = browser.new_context(viewport=PHONE, locale="en")
    try:
        anyone = stranger.new_page()
        anyone.goto(ticket)
        expect(anyone.locator("main")).to_contain_text("Business corner ticket")
        expect(anyone.locator("main")).not_to_contain_text("Arnaud")
    finally:
        stranger.close()

    page = page_for("en", organiser=True)
    page.goto(ticket)
    expect(page.locator("h1")).to_have_text("Camille Arnaud")
    expect(page.locator("main")).to_contain_text("Calanques Digital")
    page.get_by_role("button", name="Check in Camille").click()
    expect(page.locator(".status")).to_contain_text("Checked in at")
    expect(page.get_by_role("button", name="Check in Camille")).to_have_count(0)
