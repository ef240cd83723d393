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


#: Whether anything of the page sticks out sideways, and the cells off-screen, by column.
_OFF_SCREEN = """(selector) => {
  const width = document.documentElement.clientWidth;
  const off = [...document.querySelectorAll(selector)]
    .filter(cell => {
      const box = cell.getBoundingClientRect();
      return box.width > 0 && (box.left < 0 || box.right > width + 0.5);
    })
    .map(cell => cell.dataset.label || cell.textContent.trim().slice(0, 30));
  const scrolls = [...document.querySelectorAll('.table-scroll')]
    .some(box => box.scrollWidth > box.clientWidth + 1);
  return {page: document.documentElement.scrollWidth > width, scrolls, off};
}"""


@pytest.mark.parametrize(
    "path", ["/organiser/", "/organiser/sessions/{event}/attendees"], ids=["dashboard", "attendees"]
)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_organiser_tables_are_readable_on_a_phone(page_for, site, path, language):
    page = page_for(language, organiser=True)
    page.goto(site.url(path.format(event=site.event_id)))
    cells = "table.data tbody td, table.data tbody th"
    assert page.locator(cells).count() > 0
    assert page.evaluate(_OFF_SCREEN, cells) == {"page": False, "scrolls": False, "off": []}
    # Each cell says which column it is.
    labels = page.locator("table.data tbody td").first.evaluate(
        "td => getComputedStyle(td, '::before').content"
    )
    assert labels not in ("none", "normal", '""'), labels


def test_organiser_tables_stay_tables_on_a_laptop(page_for, site):
    page = page_for("en", organiser=True, viewport=DESKTOP)
    page.goto(site.url(f"/organiser/sessions/{site.event_id}/attendees"))
    assert page.locator("table.data thead").first.is_visible()
    assert (
        page.locator("table.data tbody td").first.evaluate("td => getComputedStyle(td).display")
        == "table-cell"
    )
