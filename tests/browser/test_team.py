"""An admin invites a colleague on a laptop; the colleague joins from the mail on a phone,
logs in, and is then deactivated: their open page is logged out at the next request."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import DESKTOP, PHONE

SAYS = {
    "fr": {
        "invite": "Envoyer l’invitation",
        "invited": "L’invitation est partie",
        "subject": "Rejoignez l’équipe Business corner",
        "join": "Rejoindre l’équipe",
        "welcome": "Bienvenue dans l’équipe",
        "log in": "Se connecter",
        "deactivate": "Désactiver",
        "confirm": "Oui, désactiver",
        "deactivated": "est désactivé",
        "please log in": "Connectez-vous",
    },
    "en": {
        "invite": "Send the invitation",
        "invited": "The invitation is on its way",
        "subject": "Join the Business corner team",
        "join": "Join the team",
        "welcome": "Welcome to the team",
        "log in": "Log in",
        "deactivate": "Deactivate",
        "confirm": "Yes, deactivate",
        "deactivated": "is deactivated",
        "please log in": "Please log in",
    },
}
PASSWORD = "plum tractor origami"


@pytest.mark.parametrize(("admin_language", "colleague_language"), [("en", "fr"), ("fr", "en")])
def test_invite_join_log_in_and_deactivate(
    page_for, browser, site, mailbox, admin_language, colleague_language
):
    address = f"colleague.{colleague_language}@cci.example"
    admin = page_for(admin_language, organiser=True, viewport=DESKTOP)
    admin.goto(site.url("/organiser/team"))
    admin.fill("#email", address)
    admin.check("input[name=role][value=staff]")
    admin.check(f"input[name=language][value={colleague_language}]")
    admin.get_by_role("button", name=SAYS[admin_language]["invite"]).click()
    expect(admin.locator(".flash-success")).to_contain_text(SAYS[admin_language]["invited"])
    expect(admin.locator("table.data").nth(1)).to_contain_text(address)

    says = SAYS[colleague_language]
    mail = mailbox.wait_for(address, says["subject"])
    assert mail["Content-Language"] == colleague_language
    text = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    link = re.search(re.escape(site.base) + r"/organiser/join/[^\s<>\"]+", text)
    assert link, text

    phone = browser.new_context(viewport=PHONE, locale=colleague_language)
    phone.set_default_timeout(20_000)
    colleague = phone.new_page()
    colleague.goto(link.group(0))
    expect(colleague.locator("html")).to_have_attribute("lang", colleague_language)
    colleague.fill("#name", f"Nadia {colleague_language}")
    colleague.fill("#password", PASSWORD)
    colleague.fill("#confirm", PASSWORD)
    colleague.get_by_role("button", name=says["join"]).click()
    expect(colleague.locator(".flash-success")).to_contain_text(says["welcome"])
    colleague.fill("#email", address)
    colleague.fill("#password", PASSWORD)
    with colleague.expect_navigation(url="**/organiser/", timeout=30_000):
        colleague.get_by_role("button", name=says["log in"]).click()
    expect(colleague.locator(".organiser-bar")).to_contain_text(f"Nadia {colleague_language}")

    admin.goto(site.url("/organiser/team"))
    row = admin.locator("tr", has_text=address)
    row.get_by_role("link", name=SAYS[admin_language]["deactivate"]).click()
    admin.get_by_role("button", name=SAYS[admin_language]["confirm"]).click()
    expect(admin.locator(".flash-success")).to_contain_text(SAYS[admin_language]["deactivated"])

    colleague.reload()
    expect(colleague).to_have_url(re.compile(r"/organiser/login"))
    expect(colleague.locator(".flash-info")).to_contain_text(says["please log in"])
    phone.close()
