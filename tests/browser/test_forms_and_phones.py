"""What a person sees when a form comes back with errors, and the organisers' tables on a
phone: at 375 px and 1440 px."""

from __future__ import annotations

import pytest

from tests.support.browser import DESKTOP, PHONE
from tests.support.tour import SENT_BACK

WIDTHS = {"phone": PHONE, "desktop": DESKTOP}

#: For each link of the error summary, whether its target comes after the previous one's.
_SUMMARY_IN_PAGE_ORDER = """() => {
  const targets = [...document.querySelectorAll('#error-summary a')]
    .map(a => document.getElementById(a.getAttribute('href').slice(1)));
  return targets.map((t, i) => i === 0 || !!(targets[i - 1].compareDocumentPosition(t)
    & Node.DOCUMENT_POSITION_FOLLOWING));
}"""

_LEFT_EDGE = "e => getComputedStyle(e).borderLeftWidth + ' ' + getComputedStyle(e).borderLeftColor"


@pytest.mark.parametrize("width", WIDTHS)
def test_a_form_sent_back_focuses_its_summary_listed_in_page_order(page_for, site, width):
    page = page_for("en", viewport=WIDTHS[width])
    page.goto(site.url(f"/sessions/{site.event_id}"))
    page.fill("#first_name", "Camille")  # everything else left out, the level too
    page.click("#register button[type=submit]")
    page.wait_for_url(SENT_BACK)

    summary = page.locator("#error-summary")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    links = summary.locator("a").all_inner_texts()
    assert len(links) >= 4 and links[1].startswith("E-mail"), links  # after the last name
    assert all(page.evaluate(_SUMMARY_IN_PAGE_ORDER)), links
    # The level group is marked like any other field in error.
    level_group = page.locator("fieldset.has-error").first
    assert level_group.evaluate(_LEFT_EDGE) == page.locator(".field.has-error").first.evaluate(
        _LEFT_EDGE
    )
    assert level_group.evaluate(_LEFT_EDGE).startswith("4px")
