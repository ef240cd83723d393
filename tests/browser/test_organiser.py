"""An organiser on a laptop: creates and publishes a session, sees who registers, exports
the list, plans the conversation tables, and reads the dashboard's charts."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LANGUAGES
from tests.support.browser import DESKTOP
from tests.support.tour import fill_registration, submit_registration

SAYS = {
    "fr": {
        "new": "Nouvelle session",
        "save": "Enregistrer",
        "publish": "Publier",
        "draft": "brouillon",
        "published": "La session est publiée",
        "export": "Exporter la liste (CSV)",
        "levels": "Niveaux d’anglais, ",
        "signups": "Inscriptions par jour",
        "tables": "Tables de conversation",
        "plan": "Établir le plan de tables",
        "planned": "Le plan de tables est établi",
    },
    "en": {
        "new": "New session",
        "save": "Save",
        "publish": "Publish",
        "draft": "draft",
        "published": "The session is published",
        "export": "Export the list (CSV)",
        "levels": "English levels, ",
        "signups": "Sign-ups per day",
        "tables": "Conversation tables",
        "plan": "Plan the tables",
        "planned": "The tables are planned",
    },
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_create_publish_follow_and_export(page_for, site, language):
    says = SAYS[language]
    titles = {"fr": f"Pitch en ascenseur ({language})", "en": f"Elevator pitch ({language})"}
    page = page_for(language, organiser=True, viewport=DESKTOP)

    page.goto(site.url("/organiser/"))
    page.get_by_role("link", name=says["new"]).click()
    page.fill("#title_fr", titles["fr"])
    page.fill("#title_en", titles["en"])
    page.fill("#description_fr", "Trente secondes pour convaincre.")
    page.fill("#description_en", "Thirty seconds to convince.")
    page.fill("#venue", "Palais de la Bourse, Marseille")
    page.fill("#day", (date.today() + timedelta(days=40)).isoformat())
    page.fill("#starts", "18:30")
    page.fill("#ends", "20:00")
    page.fill("#capacity", "12")
    page.get_by_role("button", name=says["save"]).click()
    expect(page.locator(".flash-success")).to_contain_text(says["draft"])

    page.get_by_role("button", name=says["publish"]).click()
    expect(page.locator(".flash-success")).to_contain_text(says["published"])
    attendees_url = page.url
    event_id = re.search(r"/sessions/(\d+)/attendees", attendees_url).group(1)

    # Someone registers from the public page...
    visitor = page_for(language)
    visitor.goto(site.url(f"/sessions/{event_id}"))
    fill_registration(visitor, f"first.{language}@example.com")
    submit_registration(visitor)

    # ...and shows up in the organiser's list and in the spreadsheet.
    page.goto(attendees_url)
    expect(page.locator("table.data tbody")).to_contain_text(f"first.{language}@example.com")
    with page.expect_download() as download:
        page.get_by_role("link", name=says["export"]).click()
    csv = download.value.path().read_bytes().decode("utf-8")
    assert csv.startswith("\ufeff") and f"first.{language}@example.com" in csv

    # The dashboard draws who is coming, and names each chart for screen readers.
    page.goto(site.url("/organiser/"))
    expect(page.get_by_role("img", name=re.compile("^" + says["signups"]))).to_be_visible()
    levels = page.get_by_role("img", name=re.compile(re.escape(says["levels"] + titles[language])))
    expect(levels).to_be_visible()
    expect(levels).to_have_accessible_name(re.compile(r"B2, .+: 1 "))

    # A second attendee, then the conversation tables for the two of them.
    visitor.goto(site.url(f"/sessions/{event_id}"))
    fill_registration(visitor, f"second.{language}@example.com")
    submit_registration(visitor)
    page.goto(attendees_url)
    page.get_by_role("link", name=says["tables"]).click()
    page.get_by_role("button", name=says["plan"]).click()
    expect(page.locator(".flash-success")).to_contain_text(says["planned"])
    expect(page.locator(".table-grid").first).to_contain_text("Camille")
