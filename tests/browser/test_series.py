"""An attendee registers for three dates of a series at once and follows a chapter through
the double opt-in, in a real browser."""

from __future__ import annotations

import re
import time

from playwright.sync_api import expect

from tests.support.tour import fill_registration


def confirmations(mailbox, to: str, subject: str, count: int, timeout: float = 15.0) -> int:
    """How many messages to ``to`` about ``subject`` arrived, waiting for ``count``."""
    from email import message_from_bytes, policy

    deadline = time.monotonic() + timeout
    while True:
        found = 0
        for path in mailbox.folder.glob("*.eml"):
            message = message_from_bytes(path.read_bytes(), policy=policy.default)
            if to in str(message["To"]) and subject in str(message["Subject"]):
                found += 1
        if found >= count or time.monotonic() > deadline:
            return found


def test_register_for_three_dates_at_once(page_for, site, mailbox):
    email = "three.dates@example.com"
    page = page_for("en")
    page.goto(site.url("/"))
    page.locator('.card a[href^="/series/"]').first.click()
    expect(page.locator('link[rel="alternate"][type="text/calendar"]')).to_have_count(1)
    boxes = page.locator("#register input[name=dates]")
    for index in range(3):
        boxes.nth(index).check()
    fill_registration(page, email)
    page.click("#register button[type=submit]")
    expect(page.locator(".flash").first).to_contain_text("(3)")
    assert confirmations(mailbox, email, "Your place is confirmed", 3) == 3


def test_follow_a_chapter_through_the_double_opt_in(page_for, site, mailbox):
    email = "follower@example.com"
    page = page_for("fr")
    page.goto(site.url("/"))
    page.locator('a[href="/follow"]').click()
    page.select_option("#chapter", "marseille")
    page.fill("#email", email)
    page.check("#consent")
    page.click("main button[type=submit]")
    expect(page.locator("main")).to_contain_text("Consultez votre boîte de réception")
    request = mailbox.wait_for(email, "confirmez")
    text = request.get_body(("plain",)).get_content()
    link = re.search(re.escape(site.base) + r"/follow/[^\s<>\"]+", text)
    assert link, text
    page.goto(link.group(0))
    page.get_by_role("button", name="Oui, prévenez-moi des nouvelles dates").click()
    expect(page.locator("main")).to_contain_text("Merci")
